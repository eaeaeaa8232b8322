"""Write records as they come (a batch of 10,000 files never holds them all), in one format,
to a file that appears whole or not at all."""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

FORMATS = ("csv", "json", "jsonl", "xlsx", "parquet")
_EXTENSIONS = {".csv": "csv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
               ".xlsx": "xlsx", ".parquet": "parquet"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
UNIT_JOINER = "、"


def format_for(path: str | None, explicit: str | None) -> str:
    """The format to write: the one asked for, else the output file's extension, else JSON."""
    if explicit:
        return explicit
    if path and path != "-":
        return _EXTENSIONS.get(Path(path).suffix.lower(), "json")
    return "json"


def csv_cell(value: object) -> str:
    """A value as a spreadsheet cell: lists joined with 、, formulas defused with a quote."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = UNIT_JOINER.join(str(v) for v in value)
    text = str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text  # a cell starting with = + - @ would run as a formula in Excel
    return text


class RecordWriter:
    """Streams records in ``fmt`` to a binary sink; ``close`` finishes the document."""

    def __init__(self, sink: BinaryIO, fmt: str, encoding: str = "utf-8",
                 fields: Sequence[str] | None = None, continuing: bool = False) -> None:
        if fmt not in ("csv", "json", "jsonl"):
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.sink, self.fmt, self.fields = sink, fmt, list(fields) if fields else None
        self.bom = codecs.lookup(encoding).name == "utf-8"
        self.encoding = "utf-8" if self.bom else encoding
        self.count = 0
        self.started = continuing

    def write(self, records: Iterable[dict]) -> None:
        chunks = []
        for record in records:
            if self.fmt == "jsonl":
                chunks.append(json.dumps(record, ensure_ascii=False) + "\n")
            elif self.fmt == "json":
                body = json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n  ")
                chunks.append(("[\n  " if self.count == 0 else ",\n  ") + body)
            else:
                chunks.append(self._csv_row(record))
            self.count += 1
        if chunks:
            self.sink.write("".join(chunks).encode(self.encoding))

    def _csv_row(self, record: dict) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        if not self.started:
            self.fields = self.fields or list(record)
            if self.bom:
                buffer.write("\ufeff")
            writer.writerow(self.fields)
            self.started = True
        writer.writerow([csv_cell(record.get(f)) for f in self.fields or record])
        return buffer.getvalue()

    def close(self) -> None:
        if self.fmt == "json":
            self.sink.write(b"[]\n" if self.count == 0 else b"\n]\n")
        self.sink.flush()


def render(records: Sequence[dict], fmt: str, encoding: str = "utf-8") -> bytes:
    """Given records as dicts, return the bytes of the whole output in ``fmt``."""
    sink = io.BytesIO()
    if fmt == "xlsx":
        from .xlsx import XlsxWriter

        writer = XlsxWriter(sink)
    else:
        writer = RecordWriter(sink, fmt, encoding)
    writer.write(records)
    writer.close()
    return sink.getvalue()


class AtomicFile:
    """A temp file beside ``path`` renamed over it on ``commit``; removed on ``abort``."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.target = Path(path)
        self.target.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".part",
                                        dir=self.target.parent)
        self.handle = os.fdopen(fd, "wb")

    def commit(self) -> None:
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()
        os.replace(self.tmp, self.target)

    def abort(self) -> None:
        self.handle.close()
        Path(self.tmp).unlink(missing_ok=True)


def write_atomic(path: str | os.PathLike[str], chunks: Iterable[bytes]) -> None:
    """Write chunks to ``path`` so no half file is ever seen there."""
    target = AtomicFile(path)
    try:
        for chunk in chunks:
            target.handle.write(chunk)
    except BaseException:
        target.abort()
        raise
    target.commit()
