"""One call opens the output a command writes to: a file that appears whole (atomic), a
JSON Lines file appended to (resume), a Parquet directory, or stdout."""

from __future__ import annotations

import os
import sys

from .write import AtomicFile, RecordWriter


class OutputEncodingError(ValueError):
    """A record cannot be written in the encoding asked for."""


class DatabaseError(Exception):
    """The -o database cannot be used (locked, not fengong's, damaged): one line to show."""


def open_output(output: str | None, fmt: str, encoding: str = "utf-8", append: bool = False,
                long: bool = False, clerk: bool = False):
    """A writer for ``output`` in ``fmt``: ``write(records)``, then ``close()`` (or
    ``abort()`` to leave nothing behind); ``long`` writes one row per task × unit,
    ``clerk`` the clerk's Chinese columns (CSV)."""
    if long:
        from .long import LONG_FIELDS, long_records

        return MappedWriter(_open(output, fmt, encoding, append, LONG_FIELDS), long_records)
    if clerk:
        from .clerk import CLERK_HEADERS, clerk_row

        return MappedWriter(_open(output, fmt, encoding, append, CLERK_HEADERS),
                            lambda records: [clerk_row(r) for r in records])
    from fengong.model import FIELDS

    return _open(output, fmt, encoding, append, FIELDS)


def _open(output: str | None, fmt: str, encoding: str, append: bool, fields: tuple[str, ...]):
    if fmt == "sqlite":
        from .sqlite import SqliteWriter

        return Output(SqliteWriter(output))  # upserts in place, a transaction per file
    if fmt == "parquet":
        from .parquet import ParquetWriter

        if output.endswith(("/", os.sep)) or os.path.isdir(output):
            return Output(ParquetWriter(output, fields, partitioned=True))
        target = AtomicFile(output)
        try:
            writer = ParquetWriter(target.handle, fields)
        except BaseException:  # pyarrow missing: no temp file left behind
            target.abort()
            raise
        return Output(writer, target.commit, target.abort)
    if output and output != "-":
        if append:
            handle = open(output, "ab")  # noqa: SIM115 - closed by Output.close
            return Output(RecordWriter(handle, fmt, encoding, fields, continuing=True),
                          handle.close, handle.close)
        target = AtomicFile(output)
        if fmt == "xlsx":
            from .xlsx import XlsxWriter

            return Output(XlsxWriter(target.handle, fields), target.commit, target.abort)
        return Output(RecordWriter(target.handle, fmt, encoding, fields, bom=True),
                      target.commit, target.abort)
    return Output(RecordWriter(sys.stdout.buffer, fmt, encoding, fields))  # BOM if utf-8-sig


class Output:
    """A record writer plus what finishing or abandoning its file takes."""

    def __init__(self, writer, commit=None, abort=None) -> None:
        self.writer, self._commit, self._abort = writer, commit, abort
        self.sink = getattr(writer, "sink", None)

    def write(self, records) -> None:
        try:
            self.writer.write(records)
        except UnicodeEncodeError as exc:
            self.abort()
            raise OutputEncodingError(
                f"cannot write in encoding {self.writer.encoding!r}: {exc}") from None

    def close(self) -> None:
        self.writer.close()
        if self._commit:
            self._commit()

    def abort(self) -> None:
        if hasattr(self.writer, "abort"):
            self.writer.abort()
        if self._abort:
            self._abort()


class MappedWriter:
    """A record writer that writes ``transform(records)`` of what it is given (the long
    form, the clerk's columns)."""

    def __init__(self, writer: Output, transform) -> None:
        self.writer, self.transform = writer, transform
        self.sink = writer.sink

    def write(self, records) -> None:
        self.writer.write(list(self.transform(records)))

    def close(self) -> None:
        self.writer.close()

    def abort(self) -> None:
        self.writer.abort()
