"""The `beezup` command line against the sandbox: output formats, changes, sync, push, settings,
exit codes, interruption, completion and help."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import select
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from beezup.testing import Sandbox

from conftest import Cli


def json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def orders_to_ship(cli: Cli, count: int, taken: set[str] = set()) -> list[str]:
    """Keys of Amazon orders that allow ShipOrder now, none handed out twice in a session."""
    found = json_lines(cli("orders", "list", "--since", "60d", "--marketplace", "Amazon", "--status", "InProgress",
                           "--json").stdout)
    keys = [o["key"] for o in found
            if any(c["type"] == "ShipOrder" for c in o["allowed_changes"]) and o["key"] not in taken]
    assert len(keys) >= count, "the sandbox has too few Amazon orders to ship"
    taken.update(keys[:count])
    return keys[:count]


# --- reading ---------------------------------------------------------------------------------------

def test_list_prints_an_aligned_table_json_lines_and_csv_of_the_same_orders(cli: Cli) -> None:
    table = cli("orders", "list", "--since", "3d")
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["KEY", "MARKETPLACE", "ORDER", "STATUS", "PURCHASED", "TOTAL", "BUYER"]
    status_column = lines[0].index("STATUS")
    assert all(line[status_column - 2:status_column] == "  " for line in lines[1:])  # aligned
    as_json = json_lines(cli("orders", "list", "--since", "3d", "--json").stdout)
    assert [line.split()[0] for line in lines[1:]] == [o["key"] for o in as_json]
    assert len(as_json) > 5
    rows = list(csv.DictReader(io.StringIO(cli("orders", "list", "--since", "3d", "--csv").stdout)))
    assert {r["beezUPOrderId"] for r in rows} == {o["beezup_order_id"] for o in as_json}


def test_filters_select_only_matching_orders(cli: Cli) -> None:
    shipped = json_lines(cli("orders", "list", "--since", "30d", "--status", "Shipped", "--marketplace", "Cdiscount",
                             "--json").stdout)
    assert shipped and all(o["status"] == "Shipped" and o["marketplace_technical_code"] == "Cdiscount" for o in shipped)
    limited = json_lines(cli("orders", "list", "--since", "30d", "--limit", "3", "--json").stdout)
    assert len(limited) == 3
    one = shipped[0]
    by_id = json_lines(cli("orders", "list", "--since", "30d", "--marketplace-order-id", one["marketplace_order_id"],
                           "--json").stdout)
    assert [o["key"] for o in by_id] == [one["key"]]


def test_show_gives_the_order_with_its_items_and_allowed_changes(cli: Cli) -> None:
    key = orders_to_ship(cli, 1)[0]
    shown = json.loads(cli("orders", "show", key, "--json").stdout)
    assert shown["key"] == key and shown["items"] and shown["status"] == "InProgress"
    assert re.fullmatch(r"\d+\.\d\d", shown["total_price"])  # amounts stay exact strings
    text = cli("orders", "show", key).stdout
    assert key in text and "ShipOrder: order_Shipping_CarrierName" in text


def test_lov_lists_codes(cli: Cli) -> None:
    carriers = json_lines(cli("lov", "AmazonCarrierName", "--language", "fr", "--json").stdout)
    assert {"code": "DHL", "label": "DHL"} in carriers


# --- changes ---------------------------------------------------------------------------------------

def test_ship_waits_for_the_marketplace_and_history_records_one_change(cli: Cli, sandbox: Sandbox) -> None:
    key = orders_to_ship(cli, 1)[0]
    before = sandbox.stats()["changeExecutions"]
    shipped = cli("orders", "ship", key, "--carrier", "DHL", "--tracking", "JD0001", "--tracking-url",
                  "https://track.example/JD0001", "--json")
    assert shipped.returncode == 0, shipped.stderr
    order = json.loads(shipped.stdout)
    assert order["status"] == "Shipped"
    assert sandbox.stats()["changeExecutions"] == before + 1
    history = json_lines(cli("orders", "history", key, "--json").stdout)
    assert [(h["type"], h["processing_status"], h["user_name"]) for h in history] == [("ShipOrder", "Done", "cli-test")]
    again = cli("orders", "ship", key, "--carrier", "DHL", "--tracking", "JD0001")
    assert again.returncode == 5
    assert "ShipOrder is not allowed" in again.stderr and len(again.stderr.strip().splitlines()) == 1
    assert sandbox.stats()["changeExecutions"] == before + 1


def test_test_mode_changes_nothing(cli: Cli) -> None:
    key = orders_to_ship(cli, 1)[0]
    result = cli("orders", "ship", key, "--carrier", "DHL", "--tracking", "T1", "--test-mode")
    assert result.returncode == 0, result.stderr
    assert "test mode" in result.stderr
    assert json.loads(cli("orders", "show", key, "--json").stdout)["status"] == "InProgress"


def test_cdiscount_accept_then_cancel(cli: Cli) -> None:
    # New orders keep arriving (one a second, all marketplaces): earlier tests may have taken the
    # generated ones, so wait for one to come.
    give_up = time.monotonic() + 60
    while True:
        new = [o for o in json_lines(cli("orders", "list", "--since", "30d", "--marketplace", "Cdiscount", "--status",
                                         "New", "--json").stdout)
               if any(c["type"] == "AcceptOrder" for c in o["allowed_changes"])]
        if new or time.monotonic() > give_up:
            break
        time.sleep(1)
    assert new, "no Cdiscount order to accept within a minute"
    key = new[0]["key"]
    accepted = cli("orders", "accept", key)
    assert accepted.returncode == 0, accepted.stderr
    assert accepted.stdout.startswith(f"{key} InProgress")
    cancelled = cli("orders", "cancel", key, "--reason", "OutOfStock")
    assert cancelled.returncode == 0, cancelled.stderr
    assert " Canceled" in cancelled.stdout or " Cancelled" in cancelled.stdout


# --- export and sync ---------------------------------------------------------------------------------

def test_export_writes_every_order_and_leaves_no_partial_file(quiet_cli: Cli, tmp_path: Path) -> None:
    cli = quiet_cli
    target = tmp_path / "orders.csv"
    result = cli("orders", "export", "--csv", str(target), "--since", "90d", "--separator", ";")
    assert result.returncode == 0, result.stderr
    assert "\r" not in result.stderr  # no progress bar when stderr is not a terminal
    rows = list(csv.DictReader(target.open(newline="", encoding="utf-8"), delimiter=";"))
    listed = json_lines(cli("orders", "list", "--since", "90d", "--json").stdout)
    assert {r["beezUPOrderId"] for r in rows} == {o["beezup_order_id"] for o in listed}
    assert sum(len(o["items"]) for o in listed) == len(rows)
    assert not list(tmp_path.glob("*.part"))


def test_export_draws_a_progress_bar_on_a_terminal(quiet_cli: Cli, tmp_path: Path) -> None:
    cli = quiet_cli
    controller, terminal = pty.openpty()
    process = cli.popen("orders", "export", "--csv", str(tmp_path / "o.csv"), "--since", "90d",
                        stdout=subprocess.DEVNULL, stderr=terminal)
    os.close(terminal)
    drawn = b""
    while True:
        ready, _, _ = select.select([controller], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(controller, 4096)
        except OSError:
            break
        if not chunk:
            break
        drawn += chunk
    assert process.wait(30) == 0
    os.close(controller)
    text = drawn.decode()
    total = len(json_lines(cli("orders", "list", "--since", "90d", "--json").stdout))
    assert re.search(rf"\[#+\] {total}/{total} orders +\d+/s +0:00 left", text), text[-300:]


def test_sync_hands_each_change_over_once(quiet_cli: Cli, tmp_path: Path) -> None:
    cli = quiet_cli
    checkpoint = str(tmp_path / "sync.db")
    first = cli("sync", "--checkpoint", checkpoint, "--since", "10d")
    assert first.returncode == 0, first.stderr
    assert len(json_lines(first.stdout)) > 10
    assert json_lines(cli("sync", "--checkpoint", checkpoint).stdout) == []
    key = orders_to_ship(cli, 1)[0]
    assert cli("orders", "ship", key, "--carrier", "DHL", "--tracking", "S1").returncode == 0
    time.sleep(3)  # a sync reads up to 2 s ago: BeezUP's latest seconds may still move
    later = json_lines(cli("sync", "--checkpoint", checkpoint).stdout)
    shipped = [o for o in later if o["key"] == key]
    assert len(shipped) == 1 and shipped[0]["status"] == "Shipped"
    assert all(o["key"] != key for o in json_lines(cli("sync", "--checkpoint", checkpoint).stdout))


# --- push ---------------------------------------------------------------------------------------------

def read_line(stream: Any, timeout: float) -> str:
    ready, _, _ = select.select([stream], [], [], timeout)
    return stream.readline() if ready else ""


def test_receive_prints_the_push_of_a_shipped_order_and_refuses_forgeries(cli: Cli, tmp_path: Path) -> None:
    secrets = {"BEEZUP_PUSH_SECRETS": "sandbox-push-secret"}
    receiver = cli.popen("receive", "--inbox", str(tmp_path / "inbox.db"), "--port", "0", env=secrets,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        banner = read_line(receiver.stderr, 10)
        url = re.search(r"receiving pushes at (\S+)", banner).group(1)  # type: ignore[union-attr]
        forged = urllib.request.Request(url, data=b'{"orders": []}', method="POST",
                                        headers={"Content-Type": "application/json"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(forged, timeout=10)
        assert refused.value.code == 401
        created = cli("subscriptions", "create", "--url", url, "--name", "cli test")
        assert created.returncode == 0, created.stderr
        subscription = created.stdout.strip()
        assert cli("subscriptions", "activate", subscription).returncode == 0
        listed = cli("subscriptions", "list").stdout
        assert subscription in listed and "active" in listed
        key = orders_to_ship(cli, 1)[0]
        assert cli("orders", "ship", key, "--carrier", "DHL", "--tracking", "P1").returncode == 0
        deadline = time.monotonic() + 30
        pushed = None
        while time.monotonic() < deadline and not pushed:
            line = read_line(receiver.stdout, 1)
            if line:
                order = json.loads(line)
                if order["key"] == key and order["status"] == "Shipped":
                    pushed = order
        assert pushed and pushed["idempotency_key"]
        assert cli("subscriptions", "delete", subscription).returncode == 0
    finally:
        receiver.send_signal(signal.SIGTERM)
        assert receiver.wait(20) == 0


def test_a_store_url_with_a_password_is_warned_about_and_never_repeated(cli: Cli, tmp_path: Path) -> None:
    url = "postgresql://shop:pw-S3CRET@127.0.0.1:1/beezup?connect_timeout=2"
    result = cli("receive", "--inbox", url, "--port", "0", env={"BEEZUP_PUSH_SECRETS": "s"}, timeout=30)
    assert result.returncode == 6 and "PGPASSWORD" in result.stderr  # unreachable: nothing listens on port 1
    assert "S3CRET" not in result.stderr and "S3CRET" not in result.stdout
    synced = cli("sync", "--checkpoint", url, timeout=30)
    assert synced.returncode == 6 and "S3CRET" not in synced.stderr
    checkpoint = tmp_path / "sync.db"
    assert cli("sync", "--checkpoint", str(checkpoint), "--until", "1d").returncode == 2  # a sync reads up to now
    assert not checkpoint.exists()


def test_receive_without_a_secret_is_a_configuration_error(cli: Cli, tmp_path: Path) -> None:
    result = cli("receive", "--inbox", str(tmp_path / "inbox.db"), "--port", "0", timeout=20)
    assert result.returncode == 3 and "BEEZUP_PUSH_SECRETS" in result.stderr


# --- auto-acceptance and invoices ---------------------------------------------------------------------

def test_auto_accept_enable_and_disable(cli: Cli) -> None:
    accounts = json_lines(cli("auto-accept", "list", "--json").stdout)
    cdiscount = next(a for a in accounts if a["marketplace_technical_code"] == "Cdiscount")
    account = f"Cdiscount/{cdiscount['account_id']}"
    enabled = cli("auto-accept", "enable", account)
    assert enabled.returncode == 0 and "promise to the buyer" in enabled.stderr
    assert next(a for a in json_lines(cli("auto-accept", "list", "--json").stdout)
                if a["account_id"] == cdiscount["account_id"])["enabled"] is True
    assert cli("auto-accept", "disable", account).returncode == 0
    assert next(a for a in json_lines(cli("auto-accept", "list", "--json").stdout)
                if a["account_id"] == cdiscount["account_id"])["enabled"] is False
    assert cli("auto-accept", "enable", "Amazon/1001").returncode == 5  # not available there


def test_invoice_settings_then_generation_with_pdf(cli: Cli, tmp_path: Path) -> None:
    missing = cli("invoices", "settings")
    assert missing.returncode == 4 and "--prefix" in missing.stderr
    refused = cli("invoices", "settings", "--language", "fr", "--product-vat", "20", "--shipping-vat", "20",
                  "--prefix", "bad prefix", "--starting-number", "1")
    assert refused.returncode == 5 and "invoice_prefix" in refused.stderr
    saved = cli("invoices", "settings", "--language", "fr", "--product-vat", "20", "--shipping-vat", "20",
                "--prefix", "FA-CLI-", "--starting-number", "1", "--json")
    assert saved.returncode == 0, saved.stderr
    assert json.loads(saved.stdout)["prefix"] == "FA-CLI-"
    (tmp_path / "header.html").write_text("<p>Boutique CLI &amp; Cie</p>")
    (tmp_path / "footer.html").write_text("<p>SIRET 000 000 000</p>")
    design = cli("invoices", "settings", "--header-html", str(tmp_path / "header.html"), "--footer-html",
                 str(tmp_path / "footer.html"))
    assert design.returncode == 0 and "design saved" in design.stderr, design.stderr
    shipped = json_lines(cli("orders", "list", "--since", "60d", "--status", "Shipped", "--invoice", "NotGenerated",
                             "--json").stdout)
    keys = [o["key"] for o in shipped[:3]]
    assert len(keys) == 3
    result = cli("invoices", "generate", *keys, "--number", "100", "--pdf", str(tmp_path / "pdf"))
    assert result.returncode == 0, result.stderr
    numbers = [line.split("\t")[1] for line in result.stdout.splitlines()]
    assert numbers == ["100", "101", "102"]
    pdfs = sorted((tmp_path / "pdf").glob("*.pdf"))
    assert len(pdfs) == 3 and all(p.read_bytes().startswith(b"%PDF") for p in pdfs)


# --- settings, errors, deadlines --------------------------------------------------------------------

def test_profiles_environment_and_flags_take_precedence_in_that_order(bare_cli: Cli, sandbox: Sandbox,
                                                                      tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.write_text(f"[default]\nbase_url = http://127.0.0.1:1\napi_key = wrong\n\n"
                      f"[shop]\nbase_url = {sandbox.url}\napi_key = {sandbox.api_key}\nuser_name = shop-user\n")
    config.chmod(0o600)
    env = {"BEEZUP_CONFIG_FILE": str(config)}
    assert bare_cli("orders", "list", "--limit", "1", env=env).returncode == 6      # default profile: unreachable
    ok = bare_cli("orders", "list", "--limit", "1", "--profile", "shop", env=env)
    assert ok.returncode == 0 and "warning" not in ok.stderr
    assert bare_cli("orders", "list", "--limit", "1", env={**env, "BEEZUP_PROFILE": "shop"}).returncode == 0
    # the environment beats the profile, a flag beats the environment
    assert bare_cli("orders", "list", "--limit", "1", "--profile", "shop",
                    env={**env, "BEEZUP_API_KEY": "wrong"}).returncode == 3
    assert bare_cli("orders", "list", "--limit", "1", "--profile", "shop", "--base-url", "http://127.0.0.1:1",
                    env=env).returncode == 6
    key_file = tmp_path / "key"
    key_file.write_text(sandbox.api_key + "\n")
    assert bare_cli("orders", "list", "--limit", "1", "--base-url", sandbox.url, "--api-key-file", str(key_file),
                    env={"BEEZUP_API_KEY": "wrong"}).returncode == 0
    missing = bare_cli("orders", "list", "--profile", "nope", env=env)
    assert missing.returncode == 3 and "no profile 'nope'" in missing.stderr
    config.chmod(0o644)
    warned = bare_cli("orders", "list", "--limit", "1", "--profile", "shop", env=env)
    assert warned.returncode == 0 and "chmod 600" in warned.stderr
    config.write_text("[default]\napi_kee = x\n")
    assert bare_cli("orders", "list", env=env).returncode == 3


def test_without_an_api_key_the_cli_says_where_to_put_one(bare_cli: Cli) -> None:
    result = bare_cli("orders", "list")
    assert result.returncode == 3 and "BEEZUP_API_KEY" in result.stderr


def test_exit_codes_and_one_line_errors_without_the_key(cli: Cli, sandbox: Sandbox) -> None:
    secret = "secret-key-that-must-not-show"
    cases = {
        ("orders", "show", "Amazon/1001/no-such-order"): 4,
        ("orders", "show", "not-a-key"): 2,
        ("orders", "list", "--since", "yesterday"): 2,
        ("orders", "ship", "Amazon/1001/x"): 2,  # --carrier and --tracking missing
        ("orders", "frobnicate"): 2,
    }
    for args, expected in cases.items():
        result = cli(*args)
        assert result.returncode == expected, (args, result.stderr)
        assert result.stderr.strip(), args
    unauthorized = cli("orders", "list", "--verbose", env={"BEEZUP_API_KEY": secret})
    assert unauthorized.returncode == 3
    assert len(unauthorized.stderr.strip().splitlines()[-1:]) == 1
    assert secret not in unauthorized.stderr and secret not in unauthorized.stdout
    verbose = cli("orders", "list", "--since", "1d", "--limit", "1", "--verbose")
    assert verbose.returncode == 0 and "POST" in verbose.stderr and sandbox.api_key not in verbose.stderr


def test_every_call_ends_by_its_timeout(cli: Cli, sandbox: Sandbox) -> None:
    sandbox.set_faults({"slow": "1:5s"})
    try:
        started = time.monotonic()
        result = cli("orders", "list", "--since", "2d", "--timeout", "1.5")
        elapsed = time.monotonic() - started
    finally:
        sandbox.set_faults(None)
    assert result.returncode == 6, result.stderr
    assert elapsed < 4, elapsed


def test_ctrl_c_stops_a_call_at_once(cli: Cli, sandbox: Sandbox) -> None:
    sandbox.set_faults({"slow": "1:10s"})
    try:
        process = cli.popen("orders", "list", "--since", "2d", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(1.0)
        interrupted = time.monotonic()
        process.send_signal(signal.SIGINT)
        code = process.wait(10)
        elapsed = time.monotonic() - interrupted
    finally:
        sandbox.set_faults(None)
    assert code == 130 and elapsed < 3, (code, elapsed)
    assert "interrupted" in process.stderr.read()  # type: ignore[union-attr]


# --- help, completion, sandbox ------------------------------------------------------------------------

def commands_of(help_text: str) -> list[str]:
    section = help_text.split("commands:\n", 1)[1].split("\n\n", 1)[0]
    return [line.split()[0] for line in section.splitlines()]


def test_every_command_has_help(bare_cli: Cli) -> None:
    pending = [[]]  # type: list[list[str]]
    leaves = 0
    while pending:
        path = pending.pop()
        result = bare_cli(*path, "--help")
        assert result.returncode == 0 and result.stdout.startswith("usage: beezup"), (path, result.stderr)
        if "commands:\n" in result.stdout:
            pending += [path + [c] for c in commands_of(result.stdout)]
        else:
            leaves += 1
    assert leaves >= 25


def test_bash_completion_completes_commands_and_options(bare_cli: Cli) -> None:
    script = bare_cli("completion", "bash").stdout
    probe = script + """
complete_words() { COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); _beezup; echo "${COMPREPLY[*]}"; }
complete_words beezup or
complete_words beezup orders sh
complete_words beezup orders ship KEY --tra
complete_words beezup orders list --since 7d --stat
complete_words beezup auto-accept ""
"""
    result = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["orders", "show ship", "--tracking --tracking-url", "--status",
                                          "list enable disable --help"]


def test_sandbox_command_serves_until_terminated(bare_cli: Cli) -> None:
    process = bare_cli.popen("sandbox", "--port", "0", "--api-key", "k", "--orders", "50", stdout=subprocess.PIPE)
    try:
        line = read_line(process.stdout, 20)
        url = re.search(r"beezup sandbox listening on (http://\S+)", line).group(1)  # type: ignore[union-attr]
        request = urllib.request.Request(f"{url}/orders/v3/list/light", method="POST", data=json.dumps({
            "beginPeriodUtcDate": "2020-01-01T00:00:00Z", "endPeriodUtcDate": "2020-01-02T00:00:00Z",
            "pageNumber": 1, "pageSize": 25}).encode(), headers={"Ocp-Apim-Subscription-Key": "k",
                                                                  "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            assert answer.status == 200
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(20) == 0
