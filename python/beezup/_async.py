"""AsyncClient: the Client's calls as coroutines, for asyncio applications (FastAPI, aiohttp, ...).

Each call runs the blocking C++ call on a worker thread (the native code releases the GIL while it
waits), so the event loop never blocks. Cancelling the awaiting task cancels the call itself: the
call's cancellation token is triggered, the call ends promptly, and the task sees CancelledError
only once the call has stopped, so nothing runs behind its back. A batch stopped that way raises
its BatchInterrupted instead (what was answered must not be lost with the cancellation).
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import Executor
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, TypeVar, cast, overload

from . import _core
from .errors import BatchInterrupted

if TYPE_CHECKING:  # types of the stubs only
    from typing_extensions import Unpack

    from ._core import OrderFilterArguments

T = TypeVar("T")
R = TypeVar("R")
P = ParamSpec("P")

#: Orders fetched per hop to the worker thread by ``async for``: the page size.
_ORDERS_PER_HOP = 100


async def _await_or_stop(future: asyncio.Future[T], source: _core.CancellationSource) -> T:
    """Awaits work running on another thread. If the awaiting task is cancelled, cancels `source`
    (the work's cancellation) and waits for the work to stop before letting the cancellation through."""
    try:
        return await asyncio.shield(future)
    except asyncio.CancelledError:
        source.cancel()
        await asyncio.wait([future])
        stopped_with = None if future.cancelled() else future.exception()  # retrieved: asyncio logs no warning
        # The caller's cancellation wins, except over a batch's record of what was answered.
        if isinstance(stopped_with, BatchInterrupted):
            raise stopped_with from None
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

    def __init__(self, handle: _core.ChangeHandle, executor: Executor | None = None) -> None:
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

    async def wait(self, timeout: float | None = None) -> _core.Order:
        """Waits until the marketplace confirmed the change; returns the order (see ChangeHandle.wait:
        None waits up to the client's operation timeout)."""
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


class _Wrapper:
    """An object whose blocking methods its coroutines run: `_wrapped`, on `_executor`."""

    def __init__(self, wrapped: Any, executor: Executor | None) -> None:
        self._wrapped = wrapped
        self._executor = executor


class _Coroutine(Generic[P, T, R]):
    """A blocking method of the wrapped object as a coroutine with the same parameters, typed from
    the blocking one. Its result goes through `then` (e.g. a ChangeHandle becomes an
    AsyncChangeHandle). `cancellation` is not taken: cancelling the awaiting task cancels the call."""

    def __init__(self, blocking: Callable[Concatenate[Any, P], T],
                 then: Callable[[T, Executor | None], R] | None = None) -> None:
        self._name = blocking.__name__
        self._then = then
        self.__doc__ = (f"Coroutine of {blocking.__qualname__}: the same arguments but ``cancellation`` (cancel "
                        f"the task instead){'; returns an AsyncChangeHandle' if then is not None else ''}.\n\n"
                        f"{blocking.__doc__ or ''}")

    def __set_name__(self, owner: type, name: str) -> None:
        # The coroutine runs the blocking method of its own name: an alias would run another one
        # than the one it was typed from.
        if name != self._name:
            raise TypeError(f"{owner.__name__}.{name} would run {self._name}: give it the blocking method's name")

    @overload
    def __get__(self, instance: None, owner: type) -> _Coroutine[P, T, R]: ...
    @overload
    def __get__(self, instance: _Wrapper, owner: type) -> Callable[P, Coroutine[Any, Any, R]]: ...
    def __get__(self, instance: _Wrapper | None, owner: type) -> Any:
        if instance is None:
            return self
        blocking = getattr(instance._wrapped, self._name)
        executor, then, name = instance._executor, self._then, self._name

        async def call(*args: P.args, **kwargs: P.kwargs) -> R:
            if "cancellation" in kwargs:
                raise TypeError(f"{name}() of an async API takes no cancellation: cancel the awaiting task instead")
            result = await _run_cancellable(executor, blocking, *args, **kwargs)
            return then(result, executor) if then is not None else cast(R, result)

        call.__name__ = call.__qualname__ = name
        call.__doc__ = self.__doc__
        return call


def _coroutine(blocking: Callable[Concatenate[Any, P], T]) -> _Coroutine[P, T, T]:
    return _Coroutine(blocking)


def _change_coroutine(blocking: Callable[Concatenate[Any, P], _core.ChangeHandle]) -> _Coroutine[P, _core.ChangeHandle, AsyncChangeHandle]:
    return _Coroutine(blocking, AsyncChangeHandle)


class AsyncOrders(_Wrapper):
    """The order API of an AsyncClient: Orders' methods as coroutines, with the same arguments
    (``cancellation`` excepted: cancel the task instead)."""

    _wrapped: _core.Orders

    def all(
        self, filter: _core.OrderFilter | None = None, **filter_arguments: Unpack[OrderFilterArguments]
    ) -> AsyncOrderIterator:
        """``async for order in client.orders.all(begin=...)``: see Orders.all(). Nothing is read before the first step."""
        if filter is None:
            filter = _core.OrderFilter(**filter_arguments)
        elif filter_arguments:
            raise TypeError("all() takes an OrderFilter or its keyword arguments, not both")
        return AsyncOrderIterator(self._wrapped, filter, self._executor)

    @overload
    async def count(self, filter: _core.OrderFilter, *, timeout: float | None = None) -> int: ...
    @overload
    async def count(self, *, timeout: float | None = None, **filter_arguments: Unpack[OrderFilterArguments]) -> int: ...
    async def count(self, filter: _core.OrderFilter | None = None, *, timeout: float | None = None,
                    **filter_arguments: Any) -> int:
        """How many orders match: see Orders.count() (which takes the filter either way)."""
        return await _run_cancellable(self._executor, self._wrapped.count, filter, timeout=timeout, **filter_arguments)

    get = _coroutine(_core.Orders.get)
    etag = _coroutine(_core.Orders.etag)
    history = _coroutine(_core.Orders.history)
    change_status = _coroutine(_core.Orders.change_status)
    ship = _change_coroutine(_core.Orders.ship)
    accept = _change_coroutine(_core.Orders.accept)
    cancel = _change_coroutine(_core.Orders.cancel)
    refund = _change_coroutine(_core.Orders.refund)
    change = _change_coroutine(_core.Orders.change)
    change_batch = _coroutine(_core.Orders.change_batch)
    set_merchant_info = _coroutine(_core.Orders.set_merchant_info)
    clear_merchant_info = _coroutine(_core.Orders.clear_merchant_info)
    set_merchant_info_batch = _coroutine(_core.Orders.set_merchant_info_batch)
    clear_merchant_info_batch = _coroutine(_core.Orders.clear_merchant_info_batch)
    harvest = _coroutine(_core.Orders.harvest)
    harvest_account = _coroutine(_core.Orders.harvest_account)
    harvest_all = _coroutine(_core.Orders.harvest_all)
    synchronization_status = _coroutine(_core.Orders.synchronization_status)
    values = _coroutine(_core.Orders.values)
    export_csv = _coroutine(_core.Orders.export_csv)


class AsyncSubscriptions(_Wrapper):
    """BeezUP's push subscriptions as coroutines (see Subscriptions; same arguments)."""

    create = _coroutine(_core.Subscriptions.create)
    activate = _coroutine(_core.Subscriptions.activate)
    deactivate = _coroutine(_core.Subscriptions.deactivate)
    delete = _coroutine(_core.Subscriptions.delete)
    get = _coroutine(_core.Subscriptions.get)
    reporting = _coroutine(_core.Subscriptions.reporting)
    retry = _coroutine(_core.Subscriptions.retry)
    list = _coroutine(_core.Subscriptions.list)


class AsyncAutomaticTransitions(_Wrapper):
    """Automatic transitions and auto-acceptance as coroutines (see AutomaticTransitions)."""

    configure = _coroutine(_core.AutomaticTransitions.configure)
    auto_acceptance = _coroutine(_core.AutomaticTransitions.auto_acceptance)
    set_auto_acceptance = _coroutine(_core.AutomaticTransitions.set_auto_acceptance)
    list = _coroutine(_core.AutomaticTransitions.list)


class AsyncInvoices(_Wrapper):
    """Invoice settings, previews, generation and PDFs as coroutines (see Invoices)."""

    general_settings = _coroutine(_core.Invoices.general_settings)
    save_general_settings = _coroutine(_core.Invoices.save_general_settings)
    design_settings = _coroutine(_core.Invoices.design_settings)
    save_design_settings = _coroutine(_core.Invoices.save_design_settings)
    preview_design = _coroutine(_core.Invoices.preview_design)
    preview = _coroutine(_core.Invoices.preview)
    generate = _coroutine(_core.Invoices.generate)
    generate_batch = _coroutine(_core.Invoices.generate_batch)
    download_pdf = _coroutine(_core.Invoices.download_pdf)


class AsyncClient(_Wrapper):
    """A Client whose calls are coroutines. ``executor`` runs the blocking calls (default: the loop's)."""

    _wrapped: _core.Client

    def __init__(self, options: _core.ClientOptions, *, executor: Executor | None = None) -> None:
        super().__init__(_core.Client(options), executor)
        self.orders = AsyncOrders(self._wrapped.orders, executor)
        self.subscriptions = AsyncSubscriptions(self._wrapped.subscriptions, executor)
        self.automatic_transitions = AsyncAutomaticTransitions(self._wrapped.automatic_transitions, executor)
        self.invoices = AsyncInvoices(self._wrapped.invoices, executor)

    @property
    def options(self) -> _core.ClientOptions:
        return self._wrapped.options

    @property
    def sync_client(self) -> _core.Client:
        """The blocking Client underneath (same connections, limits and caches)."""
        return self._wrapped

    get_list_of_values = _coroutine(_core.Client.get_list_of_values)

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None
