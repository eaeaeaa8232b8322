"""Records back from the files fengong writes (CSV, XLSX, JSON, JSON Lines): what a data team
loads, and the proof that CSV and XLSX lose nothing (tests/test_contract.py round-trips)."""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

from .long import LONG_KINDS
from .write import GUARD, LIST_SEPARATOR, UNGUARDED


def read_records(path: str | os.PathLike[str]) -> list[dict]:
    """Given a file written by ``fengong extract``, return its records as dicts with the
    record's types (lists, ints, null), whatever the format."""
    path = Path(path)
    kind = path.suffix.lower()
    if kind == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    if kind in (".jsonl", ".ndjson"):
        with path.open(encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]
    if kind == ".csv":
        data = path.read_bytes()
        text = data.decode(_csv_encoding(data))
        rows = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
        return list(_typed(rows, guarded=True))
    if kind == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True)
        try:
            sheet = book["记录"] if "记录" in book.sheetnames else book.worksheets[0]
            rows = ([("" if v is None else str(v)) for v in row]
                    for row in sheet.iter_rows(values_only=True))
            return list(_typed(rows, guarded=False))
        finally:
            book.close()
    raise ValueError(f"{path}: not a file fengong writes (.csv .xlsx .json .jsonl)")


def _csv_encoding(data: bytes) -> str:
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "gb18030"  # the other encoding --encoding is used with


def _typed(rows: Iterator[list[str]], guarded: bool) -> Iterator[dict]:
    header = next(rows, None)
    if header is None:
        return
    for row in rows:
        yield {name: _value(name, cell, guarded) for name, cell in zip(header, row, strict=False)}


def _value(name: str, cell: str, guarded: bool) -> object:
    kind = LONG_KINDS.get(name, "text?")
    unguard = guarded and name not in UNGUARDED
    if kind == "list":
        return [_unguard(v) if unguard else v for v in cell.split(LIST_SEPARATOR)] if cell \
            else []
    if kind == "bool":
        return cell in ("True", "TRUE", "true", "1")
    if kind.startswith("int"):
        return int(cell) if cell else None
    if not cell:
        return None if kind.endswith("?") else ""
    return _unguard(cell) if unguard else cell


def _unguard(text: str) -> str:
    return text[1:] if len(text) > 2 and text.startswith(GUARD) else text
