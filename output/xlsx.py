"""XLSX for clerks: header frozen and bold, sensible widths, task text wrapped, and the
warnings of a row that has any filled pale red. Rows are streamed (write-only workbook)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from typing import BinaryIO

from fengong.model import FIELD_KINDS
from fengong.normalize.text import clean_controls

from .write import LIST_SEPARATOR

_WIDTHS = {"task": 60, "source": 24, "section": 18, "lead_units": 28, "other_units": 28,
           "lead_units_canonical": 28, "other_units_canonical": 28, "warnings": 40,
           "title": 24, "deadline": 16}
_PALE_RED = "FFF4CCCC"
_WRAPPED = {"task", *(f for f, kind in FIELD_KINDS.items() if kind == "list")}


class XlsxWriter:
    """The same interface as ``RecordWriter``: ``write(records)`` then ``close()``."""

    def __init__(self, sink: BinaryIO, fields: Sequence[str] | None = None) -> None:
        from openpyxl import Workbook

        self.sink = sink
        self.fields = list(fields) if fields else None
        self.book = Workbook(write_only=True)
        self.sheet = self.book.create_sheet("任务")
        self.started = False
        self.count = 0

    def _start(self, fields: list[str]) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        self.fields = fields
        for index, name in enumerate(fields, start=1):
            width = _WIDTHS.get(name, max(10, len(name) + 2))
            self.sheet.column_dimensions[get_column_letter(index)].width = width
        self.sheet.freeze_panes = "A2"
        header = []
        for name in fields:
            cell = WriteOnlyCell(self.sheet, value=name)
            cell.font = Font(bold=True)
            header.append(cell)
        self.sheet.append(header)
        self.started = True

    def write(self, records: Iterable[dict]) -> None:
        from openpyxl.styles import Alignment, PatternFill

        wrap = Alignment(wrap_text=True, vertical="top")
        top = Alignment(vertical="top")
        red = PatternFill("solid", fgColor=_PALE_RED)
        for record in records:
            if not self.started:
                self._start(self.fields or list(record))
            row = []
            for name in self.fields or []:
                cell = _cell(self.sheet, record.get(name))
                cell.alignment = wrap if name in _WRAPPED else top
                if name == "warnings" and record.get(name):
                    cell.fill = red
                row.append(cell)
            self.sheet.append(row)
            self.count += 1

    def close(self) -> None:
        if not self.started:
            from fengong.model import FIELDS

            self._start(list(FIELDS))
        try:
            self.book.save(self.sink)
        except BaseException:
            self.abort()
            raise
        self.sink.flush()

    def abort(self) -> None:
        """Remove the sheet's temp file (openpyxl removes it only at interpreter exit, so a
        long-running server would collect them)."""
        import os

        writer = getattr(self.sheet, "_writer", None)
        path = getattr(writer, "out", None)
        if isinstance(path, str) and os.path.exists(path):
            with contextlib.suppress(OSError):
                writer.xf.close()
            os.unlink(path)


def _cell(sheet, value: object):
    """One cell: numbers as numbers, everything else as a string cell (typed as a string,
    so ``=1+1`` is shown as written and never runs as a formula); control characters, which
    XLSX cannot hold, removed (only records from outside, the web page's, still have any)."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, int) and not isinstance(value, bool):
        return WriteOnlyCell(sheet, value=value)
    text = clean_controls(_joined(value))
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    return cell


def _joined(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)
