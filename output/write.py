"""Render records in a format and write them so a reader never sees half a file."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

FORMATS = ("csv", "json", "jsonl")
_EXTENSIONS = {".csv": "csv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
UNIT_JOINER = "、"


def format_for(path: str | None, explicit: str | None) -> str:
    """The format to write: the one asked for, else the output file's extension, else JSON."""
    if explicit:
        return explicit
    if path and path != "-":
        return _EXTENSIONS.get(Path(path).suffix.lower(), "json")
    return "json"


def render(records: Sequence[dict], fmt: str, encoding: str = "utf-8") -> bytes:
    """Given records as dicts, return the bytes of the whole output in ``fmt``."""
    if fmt == "json":
        return (json.dumps(list(records), ensure_ascii=False, indent=2) + "\n").encode(encoding)
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode(encoding)
    if fmt == "csv":
        return _csv(records, encoding)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _csv(records: Sequence[dict], encoding: str) -> bytes:
    """CSV for Excel and WPS: BOM for UTF-8, lists joined with 、, formulas defused."""
    buffer = io.StringIO()
    if not records:
        return b""
    fields = list(records[0])
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(fields)
    for record in records:
        writer.writerow([_csv_cell(record.get(f)) for f in fields])
    bom = encoding.lower().replace("_", "-") in ("utf-8", "utf8")
    text = buffer.getvalue()
    return ("\ufeff" + text).encode("utf-8") if bom else text.encode(encoding)


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = UNIT_JOINER.join(str(v) for v in value)
    text = str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text  # a cell starting with = + - @ would run as a formula in Excel
    return text


def write_atomic(path: str | os.PathLike[str], chunks: Iterable[bytes]) -> None:
    """Write to a temp file beside ``path`` and rename it over, so no half file is left."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
