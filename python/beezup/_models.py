"""Value semantics for the native models: ``to_dict()`` and ``==`` by content.

The models are read-only views of C++ values; their fields are the class's properties. Two models
are equal when they are of the same class and hold the same values. They are not hashable (an
order's content is not a key), except OrderKey, which is.
"""

from __future__ import annotations

from typing import Any

from . import _core

#: Every model class whose fields are its read-only properties.
MODELS: tuple[type, ...] = (
    _core.Order,
    _core.Address,
    _core.OrderItem,
    _core.OrderKey,
    _core.ChangeReport,
    _core.ListOfValuesItem,
    _core.MerchantInfo,
    _core.BatchResult,
    _core.AccountSyncStatus,
    _core.ChangeParameter,
    _core.Subscription,
    _core.PushReport,
    _core.AutomaticTransition,
    _core.AccountAutoAcceptance,
    _core.InvoiceGeneralSettings,
    _core.InvoiceDesignSettings,
    _core.GeneratedInvoice,
    _core.InvoiceBatchResult,
)

_FIELDS: dict[type, tuple[str, ...]] = {
    cls: tuple(name for name, value in vars(cls).items() if isinstance(value, property) and not name.startswith("_"))
    for cls in MODELS
}


def _plain(value: Any) -> Any:
    if type(value) in _FIELDS:
        return to_dict(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def to_dict(model: Any) -> dict[str, Any]:
    """The model's fields as plain Python values (nested models as dicts, lists as lists)."""
    return {name: _plain(getattr(model, name)) for name in _FIELDS[type(model)]}


def _equal(self: Any, other: object) -> bool:
    if type(other) is not type(self):
        result: bool = NotImplemented
        return result
    return to_dict(self) == to_dict(other)


def install() -> None:
    for cls in MODELS:
        setattr(cls, "to_dict", to_dict)
        if cls is not _core.OrderKey:  # has its own ==, and is hashable
            setattr(cls, "__eq__", _equal)
            setattr(cls, "__hash__", None)
