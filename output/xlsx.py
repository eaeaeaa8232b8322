"""XLSX for clerks: header frozen and bold, sensible widths, task text wrapped, and the
warnings of a row that has any filled pale red. Rows are streamed (write-only workbook)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import BinaryIO

from .write import csv_cell

_WIDTHS = {"task": 60, "source": 24, "section": 18, "lead_units": 28, "other_units": 28,
           "lead_units_canonical": 28, "other_units_canonical": 28, "warnings": 40,
           "title": 24, "deadline": 16}
_PALE_RED = "FFF4CCCC"


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
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, PatternFill

        wrap = Alignment(wrap_text=True, vertical="top")
        top = Alignment(vertical="top")
        red = PatternFill("solid", fgColor=_PALE_RED)
        for record in records:
            if not self.started:
                self._start(self.fields or list(record))
            row = []
            for name in self.fields or []:
                value = record.get(name)
                cell = WriteOnlyCell(self.sheet, value=value if isinstance(value, int)
                                     else csv_cell(value))
                cell.alignment = wrap if name in ("task", "warnings") else top
                if name == "warnings" and value:
                    cell.fill = red
                row.append(cell)
            self.sheet.append(row)
            self.count += 1

    def close(self) -> None:
        if not self.started:
            from fengong.model import FIELDS

            self._start(list(FIELDS))
        self.book.save(self.sink)
        self.sink.flush()
