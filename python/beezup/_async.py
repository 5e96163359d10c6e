"""AsyncClient: the Client's calls as coroutines, for asyncio applications (FastAPI, aiohttp, ...).

Each call runs the blocking C++ call on a worker thread (the native code releases the GIL while it
waits), so the event loop never blocks. Cancelling the awaiting task cancels the call itself: the
call's cancellation token is triggered, the call ends promptly, and the task sees CancelledError
only once the call has stopped, so nothing runs behind its back.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from typing import TYPE_CHECKING, Any, TypeVar

from . import _core

if TYPE_CHECKING:  # types of the stubs only
    from typing_extensions import Unpack

    from ._core import OrderFilterArguments

T = TypeVar("T")

#: Orders fetched per hop to the worker thread by ``async for``: the page size.
_ORDERS_PER_HOP = 100


async def _await_or_stop(future: asyncio.Future[T], source: _core.CancellationSource) -> T:
    """Awaits work running on another thread. If the awaiting task is cancelled, cancels `source`
    (the work's cancellation) and waits for the work to stop before letting the cancellation through."""
    try:
        return await asyncio.shield(future)
    except asyncio.CancelledError:
        source.cancel()
        # Whatever the work ends with, the caller's cancellation wins.
        await asyncio.wait([future])
        if not future.cancelled():
            future.exception()  # retrieved, so that asyncio does not log it as never retrieved
        raise


async def _run_cancellable(executor: Executor | None, call: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """Runs call(*args, cancellation=token, **kwargs) off the loop; task cancellation cancels it."""
    source = _core.CancellationSource()
    loop = asyncio.get_running_loop()
    future = loop.run_in_executor(executor, functools.partial(call, *args, cancellation=source.token, **kwargs))
    return await _await_or_stop(future, source)


def _take(iterator: Iterator[_core.Order], count: int) -> tuple[list[_core.Order], Exception | None]:
    """Up to `count` orders, and the error that stopped the iterator early (orders read are kept)."""
    batch: list[_core.Order] = []
    try:
        for order in iterator:
            batch.append(order)
            if len(batch) == count:
                break
    except Exception as failure:  # noqa: BLE001 - handed to the awaiting task after the batch
        return batch, failure
    return batch, None


class AsyncChangeHandle:
    """A change BeezUP accepted (see ChangeHandle); ``await handle.wait()`` follows it."""

    def __init__(self, handle: _core.ChangeHandle, executor: Executor | None) -> None:
        self._handle = handle
        self._executor = executor

    @property
    def key(self) -> _core.OrderKey:
        return self._handle.key

    @property
    def execution_id(self) -> str:
        return self._handle.execution_id

    @property
    def recovered(self) -> bool:
        return self._handle.recovered

    async def wait(self, timeout: float | None = 300.0) -> _core.Order:
        """Waits until the marketplace confirmed the change; returns the order (see ChangeHandle.wait)."""
        return await _run_cancellable(self._executor, self._handle.wait, timeout)

    def __repr__(self) -> str:
        return f"Async{self._handle!r}"


class AsyncOrderIterator:
    """``async for`` over Orders.all(): pages are read on a worker thread, a page per hop."""

    def __init__(self, orders: _core.Orders, filter: _core.OrderFilter, executor: Executor | None) -> None:
        self._source = _core.CancellationSource()
        self._iterator = orders.all(filter, cancellation=self._source.token)
        self._executor = executor
        self._buffer: Iterator[_core.Order] = iter(())
        self._failure: Exception | None = None  # raised once the orders read before it are handed out

    def __aiter__(self) -> AsyncOrderIterator:
        return self

    async def __anext__(self) -> _core.Order:
        for order in self._buffer:
            return order
        if self._failure is None:
            future = asyncio.get_running_loop().run_in_executor(self._executor, _take, self._iterator, _ORDERS_PER_HOP)
            batch, self._failure = await _await_or_stop(future, self._source)  # cancelling ends the walk
            self._buffer = iter(batch)
            for order in self._buffer:
                return order
        if self._failure is not None:
            failure, self._failure = self._failure, None
            raise failure
        raise StopAsyncIteration

    @property
    def calls(self) -> int:
        """API calls made so far."""
        return self._iterator.calls


class AsyncOrders:
    """The order API of an AsyncClient: Orders' methods as coroutines, with the same arguments.

    ``timeout`` (seconds) and the other keyword arguments are those of :class:`beezup.Orders`;
    ``cancellation`` is not taken: cancel the task instead.
    """

    def __init__(self, orders: _core.Orders, executor: Executor | None) -> None:
        self._orders = orders
        self._executor = executor

    def all(
        self, filter: _core.OrderFilter | None = None, **filter_arguments: Unpack[OrderFilterArguments]
    ) -> AsyncOrderIterator:
        """``async for order in client.orders.all(begin=...)``: see Orders.all(). Nothing is read before the first step."""
        if filter is None:
            filter = _core.OrderFilter(**filter_arguments)
        elif filter_arguments:
            raise TypeError("all() takes an OrderFilter or its keyword arguments, not both")
        return AsyncOrderIterator(self._orders, filter, self._executor)

    async def _call(self, method: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        return await _run_cancellable(self._executor, method, *args, **kwargs)

    async def _change(self, method: Callable[..., _core.ChangeHandle], /, *args: Any, **kwargs: Any) -> AsyncChangeHandle:
        return AsyncChangeHandle(await self._call(method, *args, **kwargs), self._executor)

    async def count(self, filter: _core.OrderFilter | None = None, **options: Any) -> int:
        return await self._call(self._orders.count, filter, **options)

    async def get(self, key: _core.OrderKey, **options: Any) -> _core.Order:
        return await self._call(self._orders.get, key, **options)

    async def etag(self, key: _core.OrderKey, **options: Any) -> str:
        return await self._call(self._orders.etag, key, **options)

    async def history(self, key: _core.OrderKey, **options: Any) -> list[_core.ChangeReport]:
        return await self._call(self._orders.history, key, **options)

    async def change_status(self, key: _core.OrderKey, execution_id: str, **options: Any) -> _core.ChangeReport:
        return await self._call(self._orders.change_status, key, execution_id, **options)

    async def ship(self, key: _core.OrderKey, **options: Any) -> AsyncChangeHandle:
        return await self._change(self._orders.ship, key, **options)

    async def accept(self, key: _core.OrderKey, **options: Any) -> AsyncChangeHandle:
        return await self._change(self._orders.accept, key, **options)

    async def cancel(self, key: _core.OrderKey, **options: Any) -> AsyncChangeHandle:
        return await self._change(self._orders.cancel, key, **options)

    async def refund(self, key: _core.OrderKey, **options: Any) -> AsyncChangeHandle:
        return await self._change(self._orders.refund, key, **options)

    async def change(self, key: _core.OrderKey, **options: Any) -> AsyncChangeHandle:
        return await self._change(self._orders.change, key, **options)

    async def change_batch(self, change_type: str, items: Any, **options: Any) -> list[_core.BatchResult]:
        return await self._call(self._orders.change_batch, change_type, items, **options)

    async def set_merchant_info(self, key: _core.OrderKey, **options: Any) -> None:
        await self._call(self._orders.set_merchant_info, key, **options)

    async def clear_merchant_info(self, key: _core.OrderKey, **options: Any) -> None:
        await self._call(self._orders.clear_merchant_info, key, **options)

    async def set_merchant_info_batch(self, items: Any, **options: Any) -> list[_core.BatchResult]:
        return await self._call(self._orders.set_merchant_info_batch, items, **options)

    async def clear_merchant_info_batch(self, keys: Any, **options: Any) -> list[_core.BatchResult]:
        return await self._call(self._orders.clear_merchant_info_batch, keys, **options)

    async def harvest(self, key: _core.OrderKey, **options: Any) -> None:
        await self._call(self._orders.harvest, key, **options)

    async def harvest_account(self, marketplace_technical_code: str, account_id: int, **options: Any) -> None:
        await self._call(self._orders.harvest_account, marketplace_technical_code, account_id, **options)

    async def harvest_all(self, **options: Any) -> None:
        await self._call(self._orders.harvest_all, **options)

    async def synchronization_status(self, **options: Any) -> list[_core.AccountSyncStatus]:
        return await self._call(self._orders.synchronization_status, **options)

    async def values(self, parameter: _core.ChangeParameter, **options: Any) -> _core.ListOfValues:
        return await self._call(self._orders.values, parameter, **options)

    async def export_csv(self, store_id: str, filter: _core.OrderFilter, path: str, **options: Any) -> str:
        return await self._call(self._orders.export_csv, store_id, filter, path, **options)


class AsyncSubscriptions:
    """BeezUP's push subscriptions as coroutines (see Subscriptions; same keyword arguments)."""

    def __init__(self, subscriptions: _core.Subscriptions, executor: Executor | None) -> None:
        self._subscriptions = subscriptions
        self._executor = executor

    async def create(self, **options: Any) -> str:
        return await _run_cancellable(self._executor, self._subscriptions.create, **options)

    async def activate(self, id: str, **options: Any) -> None:
        await _run_cancellable(self._executor, self._subscriptions.activate, id, **options)

    async def deactivate(self, id: str, **options: Any) -> None:
        await _run_cancellable(self._executor, self._subscriptions.deactivate, id, **options)

    async def delete(self, id: str, **options: Any) -> None:
        await _run_cancellable(self._executor, self._subscriptions.delete, id, **options)

    async def get(self, id: str, **options: Any) -> _core.Subscription:
        return await _run_cancellable(self._executor, self._subscriptions.get, id, **options)

    async def reporting(self, id: str, **options: Any) -> list[_core.PushReport]:
        return await _run_cancellable(self._executor, self._subscriptions.reporting, id, **options)

    async def retry(self, id: str, **options: Any) -> None:
        await _run_cancellable(self._executor, self._subscriptions.retry, id, **options)

    async def list(self, **options: Any) -> list[_core.Subscription]:
        return await _run_cancellable(self._executor, self._subscriptions.list, **options)


class AsyncAutomaticTransitions:
    """Automatic transitions and auto-acceptance as coroutines (see AutomaticTransitions)."""

    def __init__(self, transitions: _core.AutomaticTransitions, executor: Executor | None) -> None:
        self._transitions = transitions
        self._executor = executor

    async def configure(self, transitions: Sequence[_core.AutomaticTransition], **options: Any) -> None:
        await _run_cancellable(self._executor, self._transitions.configure, transitions, **options)

    async def auto_acceptance(self, **options: Any) -> list[_core.AccountAutoAcceptance]:
        return await _run_cancellable(self._executor, self._transitions.auto_acceptance, **options)

    async def set_auto_acceptance(self, marketplace_technical_code: str, account_id: int, *, enabled: bool,
                                  **options: Any) -> None:
        await _run_cancellable(self._executor, self._transitions.set_auto_acceptance, marketplace_technical_code,
                               account_id, enabled=enabled, **options)

    async def list(self, **options: Any) -> list[_core.AutomaticTransition]:
        return await _run_cancellable(self._executor, self._transitions.list, **options)


class AsyncInvoices:
    """Invoice settings, previews, generation and PDFs as coroutines (see Invoices)."""

    def __init__(self, invoices: _core.Invoices, executor: Executor | None) -> None:
        self._invoices = invoices
        self._executor = executor

    async def general_settings(self, **options: Any) -> _core.InvoiceGeneralSettings:
        return await _run_cancellable(self._executor, self._invoices.general_settings, **options)

    async def save_general_settings(self, settings: _core.InvoiceGeneralSettings, **options: Any) -> None:
        await _run_cancellable(self._executor, self._invoices.save_general_settings, settings, **options)

    async def design_settings(self, **options: Any) -> _core.InvoiceDesignSettings:
        return await _run_cancellable(self._executor, self._invoices.design_settings, **options)

    async def save_design_settings(self, settings: _core.InvoiceDesignSettings, **options: Any) -> None:
        await _run_cancellable(self._executor, self._invoices.save_design_settings, settings, **options)

    async def preview_design(self, settings: _core.InvoiceDesignSettings, **options: Any) -> str:
        return await _run_cancellable(self._executor, self._invoices.preview_design, settings, **options)

    async def preview(self, key: _core.OrderKey, **options: Any) -> str:
        return await _run_cancellable(self._executor, self._invoices.preview, key, **options)

    async def generate(self, key: _core.OrderKey, **options: Any) -> _core.GeneratedInvoice:
        return await _run_cancellable(self._executor, self._invoices.generate, key, **options)

    async def generate_batch(self, keys: Sequence[_core.OrderKey], **options: Any) -> list[_core.InvoiceBatchResult]:
        return await _run_cancellable(self._executor, self._invoices.generate_batch, keys, **options)

    async def download_pdf(self, location: str, target: Any, **options: Any) -> None:
        await _run_cancellable(self._executor, self._invoices.download_pdf, location, target, **options)


class AsyncClient:
    """A Client whose calls are coroutines. ``executor`` runs the blocking calls (default: the loop's)."""

    def __init__(self, options: _core.ClientOptions, *, executor: Executor | None = None) -> None:
        self._client = _core.Client(options)
        self._executor = executor
        self.orders = AsyncOrders(self._client.orders, executor)
        self.subscriptions = AsyncSubscriptions(self._client.subscriptions, executor)
        self.automatic_transitions = AsyncAutomaticTransitions(self._client.automatic_transitions, executor)
        self.invoices = AsyncInvoices(self._client.invoices, executor)

    @property
    def options(self) -> _core.ClientOptions:
        return self._client.options

    @property
    def sync_client(self) -> _core.Client:
        """The blocking Client underneath (same connections, limits and caches)."""
        return self._client

    async def get_list_of_values(self, name: str, **options: Any) -> _core.ListOfValues:
        return await _run_cancellable(self._executor, self._client.get_list_of_values, name, **options)

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None
