"""Parquet for data teams (pyarrow, the optional extra ``parquet``): one file, or a directory
of part files, written a row group at a time so a large batch is never held in memory."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

ROWS_PER_PART = 10_000


def _schema(fields: Sequence[str]):
    """Arrow types from the record's kinds: ``list<string>`` units, ``date32`` dates,
    ``int64`` positions, ``bool``, else strings."""
    import pyarrow as pa

    from fengong.model import DATE_FIELDS

    from .long import LONG_KINDS

    types = {"list": pa.list_(pa.string()), "int": pa.int64(), "bool": pa.bool_()}
    columns = []
    for name in fields:
        kind = LONG_KINDS.get(name, "text?").rstrip("?")
        columns.append(pa.field(name, pa.date32() if name in DATE_FIELDS
                                else types.get(kind, pa.string())))
    return pa.schema(columns)


def _row(record: dict, fields: Sequence[str]) -> dict:
    from datetime import date

    from fengong.model import DATE_FIELDS

    row = {f: record.get(f) for f in fields}
    for name in DATE_FIELDS:
        if isinstance(row.get(name), str):
            row[name] = date.fromisoformat(row[name])
    return row


class ParquetWriter:
    """``write(records)`` / ``close()``: a file, or part files in a directory."""

    def __init__(self, target, fields: Sequence[str], partitioned: bool = False) -> None:
        """``target``: a directory (partitioned), else a path or a binary file object."""
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise ImportError("Parquet output needs pyarrow: pip install 'fengong[parquet]'") \
                from None
        self.target = Path(target) if partitioned else target
        self.fields = list(fields)
        self.schema = _schema(self.fields)
        self.partitioned = partitioned
        self.buffer: list[dict] = []
        self.parts = 0
        self.writer = None
        if partitioned:
            self.target.mkdir(parents=True, exist_ok=True)

    def write(self, records: Iterable[dict]) -> None:
        self.buffer.extend(records)
        if len(self.buffer) >= ROWS_PER_PART:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pylist([_row(r, self.fields) for r in self.buffer],
                                     schema=self.schema)
        self.buffer = []
        if self.partitioned:
            pq.write_table(table, self.target / f"part-{self.parts:05d}.parquet")
            self.parts += 1
            return
        if self.writer is None:
            self.writer = pq.ParquetWriter(self.target, self.schema)
        self.writer.write_table(table)

    def close(self) -> None:
        if self.buffer or (self.writer is None and not self.parts):
            self._flush()
        if self.writer is not None:
            self.writer.close()
