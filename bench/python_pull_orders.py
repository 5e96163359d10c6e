"""Client CPU per order to pull every order of 365 days from the sandbox (rate limits off): the
Python SDK, next to the C++ SDK (bench_pull_orders) and a plain urllib + json loop, in one run.

    PYTHONPATH=build/release/python python3 bench/python_pull_orders.py \\
        --sandbox build/release/sandbox/beezup-sandbox --cpp build/release/bench/bench_pull_orders

Targets (issue): Python >= 0.5x the C++ rate, and >= 3x the plain loop.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import subprocess
import time
import urllib.request

import beezup
from beezup.testing import Sandbox

UTC = datetime.timezone.utc


def python_sdk(sandbox: Sandbox, days: int, compressed: bool) -> tuple[int, float]:
    client = sandbox.client(retry=beezup.RetryOptions(max_attempts=4, base_delay=0.01, max_delay=0.05),
                            accept_compressed=compressed)
    begin = datetime.datetime.now(UTC) - datetime.timedelta(days=days)
    started = time.process_time()
    count = sum(1 for _ in client.orders.all(begin=begin))
    return count, time.process_time() - started


def plain_loop(sandbox: Sandbox, days: int, compressed: bool) -> tuple[int, float]:
    """What a script without the SDK does: 30-day windows, pages of 100, json.loads (of a gzip
    body when `compressed`, as BeezUP sends large bodies to clients that accept it)."""
    end = datetime.datetime.now(UTC).replace(microsecond=0) - datetime.timedelta(seconds=2)
    begin = end - datetime.timedelta(days=days)
    started = time.process_time()
    count = 0
    window_start = begin
    while window_start < end:
        window_end = min(window_start + datetime.timedelta(days=30), end)
        page = 1
        while True:
            body = json.dumps({"beginPeriodUtcDate": window_start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                               "endPeriodUtcDate": window_end.strftime("%Y-%m-%dT%H:%M:%SZ"),
                               "dateSearchType": "Modification", "pageNumber": page, "pageSize": 100}).encode()
            request = urllib.request.Request(f"{sandbox.url}/orders/v3/list/full", data=body, method="POST",
                                             headers={"Content-Type": "application/json",
                                                      "Ocp-Apim-Subscription-Key": sandbox.api_key,
                                                      "Accept-Encoding": "gzip" if compressed else "identity"})
            with urllib.request.urlopen(request) as response:
                raw = response.read()
                if response.headers.get("Content-Encoding") == "gzip":
                    raw = gzip.decompress(raw)
                answer = json.loads(raw)
            count += len(answer["orders"])
            if page >= answer["paginationResult"]["pageCount"]:
                break
            page += 1
        window_start = window_end
    return count, time.process_time() - started


def inflate_floor(sandbox: Sandbox) -> float:
    """CPU per order that inflating gzip bodies costs with zlib (what Python's gzip uses; the SDK
    uses libdeflate, about twice as fast), measured on a 30-day page fetched beforehand. Parsing
    the JSON comes on top (bench_order_decoding)."""
    end = datetime.datetime.now(UTC).replace(microsecond=0) - datetime.timedelta(seconds=2)
    body = json.dumps({"beginPeriodUtcDate": (end - datetime.timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                       "endPeriodUtcDate": end.strftime("%Y-%m-%dT%H:%M:%SZ"), "dateSearchType": "Modification",
                       "pageNumber": 1, "pageSize": 100}).encode()
    request = urllib.request.Request(f"{sandbox.url}/orders/v3/list/full", data=body, method="POST",
                                     headers={"Content-Type": "application/json", "Ocp-Apim-Subscription-Key": sandbox.api_key,
                                              "Accept-Encoding": "identity"})
    with urllib.request.urlopen(request) as response:
        raw = response.read()
    packed = gzip.compress(raw)
    orders = len(json.loads(raw)["orders"])
    runs = 50
    started = time.process_time()
    for _ in range(runs):
        gzip.decompress(packed)
    return (time.process_time() - started) / runs / orders


def cpp_sdk(sandbox: Sandbox, days: int, executable: str, compressed: bool) -> tuple[int, float]:
    out = subprocess.run([executable, sandbox.url, sandbox.api_key, str(days), "gzip" if compressed else "identity"],
                         capture_output=True, text=True, check=True)
    words = out.stdout.split()
    return int(words[1]), float(words[3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sandbox", help="the beezup-sandbox executable (default: $BEEZUP_SANDBOX or the PATH)")
    parser.add_argument("--cpp", required=True, help="the bench_pull_orders executable")
    parser.add_argument("--orders", type=int, default=20000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--runs", type=int, default=3, help="best of N for each client")
    args = parser.parse_args()

    with Sandbox(orders=args.orders, executable=args.sandbox) as sandbox:
        for compressed in (True, False):
            print(f"-- bodies {'gzip' if compressed else 'identity'}")
            results = {}
            for name, run in (("C++ SDK", lambda: cpp_sdk(sandbox, args.days, args.cpp, compressed)),
                              ("Python SDK", lambda: python_sdk(sandbox, args.days, compressed)),
                              ("urllib + json", lambda: plain_loop(sandbox, args.days, compressed))):
                best = min((run() for _ in range(args.runs)), key=lambda r: r[1])
                results[name] = best
                count, cpu = best
                print(f"{name:14s} {count:6d} orders  {cpu:6.2f} s client CPU  {cpu / count * 1e6:7.1f} us/order")
            counts = {count for count, _ in results.values()}
            if len(counts) != 1:
                print(f"warning: the clients read different counts: {counts}")
            per_order = {name: cpu / count for name, (count, cpu) in results.items()}
            print(f"Python rate / C++ rate:   {per_order['C++ SDK'] / per_order['Python SDK']:.2f}  (target >= 0.5)")
            print(f"Python rate / plain loop: {per_order['urllib + json'] / per_order['Python SDK']:.2f}  (target >= 3)")
            if compressed:
                print(f"inflating alone (zlib): {inflate_floor(sandbox) * 1e6:.1f} us/order; 3x the plain loop needs "
                      f"{per_order['urllib + json'] / 3 * 1e6:.1f} us/order, JSON decoding included")


if __name__ == "__main__":
    main()
