"""AsyncClient against the sandbox: the same calls as coroutines, ``async for`` over orders, an event
loop that never blocks on a call, and task cancellation that cancels the call itself."""

from __future__ import annotations

import asyncio
import datetime
import time
from collections.abc import Iterator

import pytest

import beezup
from beezup.testing import Sandbox, SandboxNotFound, sandbox_or_skip

UTC = datetime.timezone.utc


def last_days(days: int) -> datetime.datetime:
    return datetime.datetime.now(UTC) - datetime.timedelta(days=days)


def test_async_for_yields_what_the_blocking_iterator_yields(sandbox: Sandbox) -> None:
    blocking = [o.key for o in sandbox.client().orders.all(begin=last_days(60), date_type="purchase")]

    async def main() -> tuple[list[beezup.OrderKey], int]:
        async with sandbox.async_client() as client:
            orders = client.orders.all(begin=last_days(60), date_type="purchase")
            assert orders.calls == 0  # lazy
            keys = [o.key async for o in orders]
            assert await client.orders.count(beezup.OrderFilter(begin=last_days(60), date_type="purchase")) == len(keys)
            return keys, orders.calls

    keys, calls = asyncio.run(main())
    assert keys == blocking and len(keys) > 100 and calls >= 2


def test_get_ship_and_wait_as_coroutines(sandbox: Sandbox) -> None:
    async def main() -> None:
        client = sandbox.async_client()
        order = None
        async for candidate in client.orders.all(begin=last_days(365), date_type="purchase",
                                                 marketplace_technical_codes=["Amazon"], statuses=["InProgress"]):
            if candidate.find_change("ShipOrder") and not candidate.processing:
                order = candidate
                break
        assert order is not None
        assert await client.orders.get(order.key) == order
        assert await client.orders.etag(order.key) == order.etag
        handle = await client.orders.ship(order.key, carrier="DHL", shipping_method="Standard", tracking_number="ASYNC-1")
        assert isinstance(handle, beezup.AsyncChangeHandle) and handle.key == order.key
        shipped = await handle.wait(timeout=30)
        assert shipped.status == "Shipped"
        history = await client.orders.history(order.key)
        assert history[-1].execution_id == handle.execution_id
        with pytest.raises(beezup.NotFoundError):
            await client.orders.get(beezup.OrderKey("Amazon", 1001, "00000000-0000-0000-0000-000000000000"))
        lists = await client.get_list_of_values("BeezUPOrderState", language="fr")
        assert lists.find("Shipped") is not None

    asyncio.run(main())


@pytest.fixture(scope="module")
def slow_sandbox() -> Iterator[Sandbox]:
    """Every answer is held 3 s."""
    yield from sandbox_or_skip(orders=200, faults={"slow": "1.0:3s"})


def test_the_loop_runs_while_a_call_waits_and_cancelling_the_task_cancels_the_call(slow_sandbox: Sandbox) -> None:
    async def main() -> None:
        client = slow_sandbox.async_client(request_timeout=30.0, operation_timeout=60.0)
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(0.01)
                ticks += 1

        ticking = asyncio.create_task(ticker())
        call = asyncio.create_task(client.orders.get(beezup.OrderKey("Amazon", 1001, "any")))
        await asyncio.sleep(0.5)
        assert not call.done()
        assert ticks > 20  # the loop was never blocked by the call
        started = time.monotonic()
        call.cancel()
        with pytest.raises(asyncio.CancelledError):
            await call
        # The native call stopped at once (the sandbox would answer only after 3 s).
        assert time.monotonic() - started < 1.0
        ticking.cancel()

    asyncio.run(main())


def test_cancelling_a_batch_part_way_raises_what_was_answered_not_a_bare_cancellation(slow_sandbox: Sandbox) -> None:
    async def main() -> None:
        client = slow_sandbox.async_client(request_timeout=30.0, operation_timeout=60.0)
        keys = [beezup.OrderKey("Amazon", 1001, f"00000000-0000-4000-8000-{i:012d}") for i in range(150)]
        batch = asyncio.create_task(client.orders.change_batch("AcceptOrder", [(key, {}) for key in keys]))
        await asyncio.sleep(4.5)  # the first request of 100 is answered after 3 s, the second is in flight
        batch.cancel()
        with pytest.raises(beezup.BatchInterrupted) as stopped:
            await batch
        assert [r.key for r in stopped.value.results] == keys[:100]
        assert stopped.value.in_doubt == keys[100:]  # it had left: only the history can tell
        assert stopped.value.unsent == []
        assert isinstance(stopped.value.cause, beezup.TransportError) and stopped.value.cause.failure == "cancelled"

    asyncio.run(main())


def test_cancelling_an_async_for_ends_the_walk(slow_sandbox: Sandbox) -> None:
    async def main() -> None:
        client = slow_sandbox.async_client(request_timeout=30.0, operation_timeout=60.0)
        orders = client.orders.all(begin=last_days(30))

        async def first() -> beezup.Order:
            return await orders.__anext__()

        task = asyncio.create_task(first())
        await asyncio.sleep(0.3)
        started = time.monotonic()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert time.monotonic() - started < 1.0
        with pytest.raises((StopAsyncIteration, beezup.TransportError)):
            await orders.__anext__()  # the walk was cancelled: it ends, whatever its state

    asyncio.run(main())


def test_the_testing_sandbox_controls_its_clock_and_faults() -> None:
    try:
        sandbox = Sandbox(orders=400, change_delay=3600.0)
    except SandboxNotFound as missing:
        pytest.skip(str(missing))
    with sandbox:
        client = sandbox.client(retry=beezup.RetryOptions(max_attempts=1))
        # Any marketplace: which orders can ship depends on the generated data and the time of day.
        order = next(o for o in client.orders.all(begin=last_days(365))
                     if o.find_change("ShipOrder") and not o.processing)
        before = sandbox.stats()
        handle = client.orders.ship(order.key, carrier="DHL", shipping_method="Standard", tracking_number="CLOCK-1")
        assert client.orders.get(order.key).processing  # the marketplace takes an hour
        sandbox.advance_clock(3601)
        assert handle.wait(timeout=10).status == "Shipped"
        after = sandbox.stats()
        assert after["changeExecutions"] == before["changeExecutions"] + 1
        elapsed = datetime.datetime.fromisoformat(after["now"]) - datetime.datetime.fromisoformat(before["now"])
        assert elapsed >= datetime.timedelta(seconds=3601)

        sandbox.set_faults({"503": 1.0})
        with pytest.raises(beezup.ServerError):
            client.orders.get(order.key)
        assert sandbox.stats()["faultsInjected"] >= 1
        sandbox.set_faults(None)
        assert client.orders.get(order.key).status == "Shipped"


def test_the_pytest_fixtures_users_get(beezup_sandbox: Sandbox, beezup_client: beezup.Client,
                                       beezup_async_client: beezup.AsyncClient) -> None:
    assert beezup_client.options.base_url == beezup_sandbox.url == beezup_async_client.options.base_url
    order = next(iter(beezup_client.orders.all(begin=last_days(30))))
    assert asyncio.run(beezup_async_client.orders.get(order.key)) == order

    async def other_apis() -> None:
        accounts = await beezup_async_client.automatic_transitions.auto_acceptance()
        assert accounts == beezup_client.automatic_transitions.auto_acceptance()
        assert await beezup_async_client.subscriptions.list() == []

    asyncio.run(other_apis())


def test_async_methods_mirror_the_blocking_ones_and_refuse_a_cancellation_argument() -> None:
    client = beezup.AsyncClient(beezup.ClientOptions(base_url="http://127.0.0.1:9", api_key="k"))
    source = beezup.CancellationSource()
    key = beezup.OrderKey("Amazon", 1, "o-1")
    with pytest.raises(TypeError, match="cancel the awaiting task"):
        asyncio.run(client.orders.get(key, cancellation=source.token))
    # Each coroutine carries the name and the documentation of the call it runs.
    assert client.orders.ship.__name__ == "ship"
    assert client.orders.ship.__doc__ is not None and beezup.Orders.ship.__doc__ in client.orders.ship.__doc__
    assert "AsyncChangeHandle" in client.orders.ship.__doc__
    generate_doc = client.invoices.generate_batch.__doc__
    assert generate_doc is not None and beezup.Invoices.generate_batch.__doc__ in generate_doc
