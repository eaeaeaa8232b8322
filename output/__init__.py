"""Stage 3: records -> CSV / JSON / JSON Lines, written atomically."""

from __future__ import annotations

from .write import FORMATS, AtomicFile, RecordWriter, format_for, render, write_atomic

__all__ = ["FORMATS", "AtomicFile", "RecordWriter", "format_for", "render", "write_atomic"]
