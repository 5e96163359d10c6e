"""Feeding the SDK's log lines to the :mod:`logging` module.

The SDK logs through one hook, ``ClientOptions(logger=...)``, a callable taking (level, message).
Messages are redacted before they reach it (API key, push secrets and buyer data never appear).
:func:`to_logging` makes such a callable from a ``logging.Logger``::

    import logging, beezup, beezup.log

    logging.basicConfig(level=logging.INFO)
    client = beezup.Client(beezup.ClientOptions(api_key=..., logger=beezup.log.to_logging()))
"""

from __future__ import annotations

import logging
from collections.abc import Callable

#: The SDK's level names and the logging module's levels.
LEVELS = {
    "trace": 5,
    "debug": logging.DEBUG,
    "info": logging.INFO,
    "warning": logging.WARNING,
    "error": logging.ERROR,
}


def to_logging(logger: logging.Logger | str = "beezup") -> Callable[[str, str], None]:
    """A ClientOptions logger that writes to `logger` (a Logger, or the name of one)."""
    target = logging.getLogger(logger) if isinstance(logger, str) else logger

    def log(level: str, message: str) -> None:
        number = LEVELS.get(level, logging.INFO)
        if target.isEnabledFor(number):
            target.log(number, "%s", message)

    return log


def min_log_level(logger: logging.Logger | str = "beezup") -> str:
    """The SDK level matching `logger`'s effective level, for ClientOptions(min_log_level=...): the SDK
    then does not even format what logging would drop."""
    target = logging.getLogger(logger) if isinstance(logger, str) else logger
    effective = target.getEffectiveLevel()
    for name, number in sorted(LEVELS.items(), key=lambda item: item[1]):
        if number >= effective:
            return name
    return "error"
