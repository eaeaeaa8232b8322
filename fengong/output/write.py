"""Write records as they come (a batch of 10,000 files never holds them all), in one format,
to a file that appears whole or not at all."""

from __future__ import annotations

import codecs
import contextlib
import csv
import errno
import io
import json
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

FORMATS = ("csv", "json", "jsonl", "xlsx", "parquet", "sqlite")
_EXTENSIONS = {".csv": "csv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
               ".xlsx": "xlsx", ".parquet": "parquet", ".db": "sqlite", ".sqlite": "sqlite",
               ".sqlite3": "sqlite"}
LIST_SEPARATOR = "\n"
"""Lists in a CSV or XLSX cell (units, warnings) are joined by a line break: names can hold
every other separator (、 in 各县（市、区）政府, spaces, ；), never a line break, so a cell
splits back exactly; a spreadsheet shows one name per line of the cell."""


def format_for(path: str | None, explicit: str | None) -> str:
    """The format to write: the one asked for, else the output file's extension, else JSON."""
    if explicit:
        return explicit
    if path and path != "-":
        return _EXTENSIONS.get(Path(path).suffix.lower(), "json")
    return "json"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"
UNGUARDED = frozenset({"source"})  # a path is never a formula, and must stay a path


def csv_cell(value: object, field: str | None = None) -> str:
    """A value as a CSV cell that reads back exactly (``output.read``) and never runs in a
    spreadsheet: lists joined by line breaks; text that Excel or WPS would evaluate (=…,
    +…, -…, @…) gets a leading ``'``, and so does text already starting with one, so one
    ``'`` is always removed on reading. A lone ``-`` or ``+`` is text to every spreadsheet."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(csv_cell(v, field) for v in value)
    text = str(value)
    if field not in UNGUARDED and len(text) > 1 and text.startswith((*_FORMULA_START, GUARD)):
        return GUARD + text
    return text


class RecordWriter:
    """Streams records in ``fmt`` to a binary sink; ``close`` finishes the document."""

    def __init__(self, sink: BinaryIO, fmt: str, encoding: str = "utf-8",
                 fields: Sequence[str] | None = None, continuing: bool = False,
                 bom: bool | None = None) -> None:
        """``bom``: start a UTF-8 CSV with a byte-order mark (what Excel and WPS need to
        see UTF-8); by default for ``utf-8-sig``, or when ``bom=True`` (CSV files)."""
        if fmt not in ("csv", "json", "jsonl"):
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.sink, self.fmt, self.fields = sink, fmt, list(fields) if fields else None
        name = codecs.lookup(encoding).name
        utf8 = name in ("utf-8", "utf-8-sig")
        self.bom = utf8 and (name == "utf-8-sig" if bom is None else bom)
        self.encoding = "utf-8" if utf8 else encoding
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
        writer.writerow([csv_cell(record.get(f), f) for f in self.fields or record])
        return buffer.getvalue()

    def close(self) -> None:
        if self.fmt == "json":
            self.sink.write(b"[]\n" if self.count == 0 else b"\n]\n")
        self.sink.flush()


def render(records: Sequence[dict], fmt: str, encoding: str = "utf-8") -> bytes:
    """Given records as dicts, return the bytes of the whole output in ``fmt`` (a file to
    download: a UTF-8 CSV starts with a BOM)."""
    sink = io.BytesIO()
    if fmt == "xlsx":
        from .xlsx import XlsxWriter

        writer = XlsxWriter(sink)
    else:
        writer = RecordWriter(sink, fmt, encoding, bom=True)
    writer.write(records)
    writer.close()
    return sink.getvalue()


class AtomicFile:
    """A temp file beside ``path`` renamed over it on ``commit``; removed on ``abort``.

    The temp file's name carries our process id, so parts left by a run that was killed
    (its process gone) are recognised and removed by the next run writing there. On commit
    the file gets the old file's mode, or the umask's for a new file (``mkstemp`` makes
    every file 0600). A symbolic link ``path`` is kept: its target is replaced.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.target = Path(os.path.realpath(path))
        folder = self.target.parent
        if folder.exists() and not folder.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(folder))
        folder.mkdir(parents=True, exist_ok=True)
        remove_stale_parts(self.target)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.target.name}.{os.getpid()}.",
                                        suffix=".part", dir=self.target.parent)
        self.handle = os.fdopen(fd, "wb")

    def commit(self) -> None:
        """Make the written file appear at the target, whole; on failure leave the old one."""
        try:
            self.handle.flush()
            os.fsync(self.handle.fileno())
            os.fchmod(self.handle.fileno(), mode_for(self.target))
            self.handle.close()
            os.replace(self.tmp, self.target)
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        with contextlib.suppress(OSError):
            self.handle.close()
        Path(self.tmp).unlink(missing_ok=True)


def mode_for(target: Path) -> int:
    """The mode a file written at ``target`` gets: the old file's, else 0666 less the umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~current_umask()


def current_umask() -> int:
    """The process umask (it can only be read by setting it, so it is set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def remove_stale_parts(target: Path) -> None:
    """Remove ``.NAME.PID.*.part`` files beside ``target`` whose writing process is gone."""
    pattern = re.compile(re.escape(f".{target.name}.") + r"(\d+)\.[^/]*\.part$")
    try:
        names = os.listdir(target.parent)
    except OSError:
        return
    for name in names:
        found = pattern.match(name)
        if found and not _alive(int(found.group(1))):
            with contextlib.suppress(OSError):
                os.unlink(target.parent / name)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


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
