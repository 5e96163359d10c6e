"""The rate governor's bucket in Redis, from Python: clients in several processes (here, several
clients) that use one API key share one bucket; a Redis URL's password never shows."""

from __future__ import annotations

import datetime
import time

import beezup
from beezup.testing import Sandbox


def test_clients_sharing_a_redis_bucket_share_its_rate(redis_url: str) -> None:
    with Sandbox(orders=100, rate_limit=0) as sandbox:
        limit = beezup.RateLimitOptions(calls_per_minute=120, burst=2, shared_store_url=redis_url)
        since = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=30)
        key = next(iter(sandbox.client().orders.all(begin=since))).key
        clients = [sandbox.client(rate_limit=limit) for _ in range(3)]
        started = time.monotonic()
        for i in range(8):  # the burst of 2, then one call every half second, whichever client calls
            assert clients[i % 3].orders.etag(key)
        elapsed = time.monotonic() - started
        # Each client alone would have made its 2 or 3 calls at once (a burst of its own).
        assert elapsed >= 2.7, elapsed


def test_the_redis_password_stays_out_of_reprs() -> None:
    limit = beezup.RateLimitOptions(shared_store_url="redis://:hunter2-S3CR3T@127.0.0.1:6379/0")
    assert "hunter2" not in repr(limit)
    assert limit.shared_store_url.startswith("redis://")
