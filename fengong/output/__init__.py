"""Stage 3: records -> CSV / JSON / JSON Lines / XLSX / Parquet, written atomically."""

from __future__ import annotations

from .open import DatabaseError, OutputEncodingError, open_output
from .write import FORMATS, AtomicFile, RecordWriter, format_for, render, write_atomic

__all__ = [
    "FORMATS",
    "AtomicFile",
    "DatabaseError",
    "OutputEncodingError",
    "RecordWriter",
    "format_for",
    "open_output",
    "render",
    "write_atomic",
]
