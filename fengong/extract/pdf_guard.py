"""What pdfminer does not bound or report: the size of decoded streams, and its warnings.

pdfminer inflates every Flate stream whole (a 1 MB PDF can ask for 2 GB), and it reports a
damaged stream only by logging ("Data-loss while decompressing corrupted data"), which in a
batch is a stray stderr line naming no file. While a PDF is read, its Flate streams are
inflated against one budget (``--max-unpacked-mb``, for all streams together), and the
library's log records are collected so the reader can name the file and warn its records.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import zlib
from collections.abc import Iterator

from .errors import TooLarge
from .limits import Limits

_LOGGERS = ("pdfminer", "pdfplumber")
_state = threading.local()  # the budget of the PDF this thread is reading


class _Budget:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.left = limits.max_unpacked_bytes

    def spend(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            raise TooLarge(f"the PDF's streams unpack to over {self.limits.max_unpacked_mb:g} MB: "
                           "a decompression bomb or not a notice",
                           "raise it with --max-unpacked-mb")


class _Decompressor:
    """``zlib.decompressobj()`` whose output counts against the budget."""

    def __init__(self, budget: _Budget | None) -> None:
        self._inner = zlib.decompressobj()
        self._budget = budget

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        if self._budget is None:
            return self._inner.decompress(data, max_length)
        cap = self._budget.left + 1  # one byte more than the budget shows it is spent
        out = self._inner.decompress(data, min(cap, max_length) if max_length else cap)
        self._budget.spend(len(out))
        return out

    def flush(self, *args: int) -> bytes:
        out = self._inner.flush(*args)
        if self._budget:
            self._budget.spend(len(out))
        return out

    def __getattr__(self, name: str):
        return getattr(self._inner, name)


class _BoundedZlib:
    """Stands in for the ``zlib`` module inside ``pdfminer.pdftypes``."""

    error = zlib.error

    @staticmethod
    def decompress(data: bytes, *args: int) -> bytes:
        budget = getattr(_state, "budget", None)
        if budget is None:
            return zlib.decompress(data, *args)
        inflater = _Decompressor(budget)
        out = inflater.decompress(data)
        if not inflater.eof:
            raise zlib.error("incomplete or truncated stream")  # pdfminer then salvages it
        return out

    @staticmethod
    def decompressobj(*args, **kwargs):
        return _Decompressor(getattr(_state, "budget", None))

    def __getattr__(self, name: str):
        return getattr(zlib, name)


def _install() -> None:
    """Put the bounded zlib into pdfminer (once; outside a read it changes nothing)."""
    from pdfminer import pdftypes

    if not isinstance(pdftypes.zlib, _BoundedZlib):
        pdftypes.zlib = _BoundedZlib()


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == threading.get_ident():
            self.messages.append(record.getMessage())


@contextlib.contextmanager
def guarded(limits: Limits, notes: list[str] | None) -> Iterator[None]:
    """Read a PDF inside this: streams bounded, library warnings kept off stderr and turned
    into one note (in ``notes``) saying the file is damaged."""
    _install()
    collect = _Collect()
    loggers = [logging.getLogger(name) for name in _LOGGERS]
    saved = [(lg.propagate, lg.level) for lg in loggers]
    for lg in loggers:
        lg.addHandler(collect)
        lg.propagate = False
        lg.setLevel(logging.WARNING)
    _state.budget = _Budget(limits)
    try:
        yield
    finally:
        _state.budget = None
        for lg, (propagate, level) in zip(loggers, saved, strict=True):
            lg.removeHandler(collect)
            lg.propagate, lg.level = propagate, level
    if collect.messages and notes is not None:
        notes.append(damage_note(collect.messages))


def damage_note(messages: list[str]) -> str:
    """One line for what the PDF library complained about."""
    first = messages[0].splitlines()[0][:120] if messages[0] else "unknown problem"
    more = f", and {len(messages) - 1} more" if len(messages) > 1 else ""
    return (f"the PDF is damaged (pdfminer: {first}{more}); some rows may be missing, ask "
            "for a fresh copy")
