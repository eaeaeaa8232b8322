"""XLSX: a clerk's workbook. The first sheet, 任务, has the notice's columns in Chinese
(``output.clerk``), the warnings in Chinese beside their row and the row tinted, header
frozen, filtered and repeated on every printed page, landscape, fit to the page's width,
cells wrapped and rows as tall as their text. The second, 记录, holds the whole record
under its field names for data teams (lists one item per line: it reads back exactly).
Rows are streamed (write-only workbook), so a large batch is never held in memory.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterable, Sequence
from typing import BinaryIO

from fengong.normalize.text import clean_controls

from .clerk import CLERK_COLUMNS, clerk_row
from .write import LIST_SEPARATOR

_DATA_WIDTHS = {"task": 60, "source": 24, "section": 18, "lead_units": 28, "other_units": 28,
                "lead_units_canonical": 28, "other_units_canonical": 28, "warnings": 40,
                "warnings_zh": 30, "title": 24, "deadline": 16, "task_id": 18}
_PALE_RED = "FFF4CCCC"
_LINE_POINTS = 15.0  # the height of one line of 11-point text
CLERK_SHEET, DATA_SHEET = "任务", "记录"


class XlsxWriter:
    """The same interface as ``RecordWriter``: ``write(records)`` then ``close()``.

    ``fields``: the data sheet's columns; the clerk's sheet is written for task records
    (not for the long form, whose rows are units)."""

    def __init__(self, sink: BinaryIO, fields: Sequence[str] | None = None) -> None:
        from openpyxl import Workbook

        from fengong.model import FIELDS

        self.sink = sink
        self.fields = list(fields or FIELDS)
        self.book = Workbook(write_only=True)
        self.clerk = self.book.create_sheet(CLERK_SHEET) if "lead_units" in self.fields \
            else None
        self.data = self.book.create_sheet(DATA_SHEET)
        self.count = 0
        self._styles()
        self._header()

    def _styles(self) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        self.bold = Font(bold=True)
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.tint = PatternFill("solid", fgColor=_PALE_RED)

    def _header(self) -> None:
        from openpyxl.utils import get_column_letter

        if self.clerk is not None:
            for index, (_, width) in enumerate(CLERK_COLUMNS, start=1):
                self.clerk.column_dimensions[get_column_letter(index)].width = width
            self.clerk.freeze_panes = "A2"
            self.clerk.print_title_rows = "1:1"  # the header on every printed page
            setup = self.clerk.page_setup
            setup.orientation, setup.paperSize = "landscape", "9"  # 9: A4
            setup.fitToWidth, setup.fitToHeight = 1, 0  # as wide as the page, as long as needed
            self.clerk.sheet_properties.pageSetUpPr.fitToPage = True
            self.clerk.print_options.gridLines = True
            self.clerk.append([self._cell(self.clerk, h, bold=True)
                               for h, _ in CLERK_COLUMNS])
        for index, name in enumerate(self.fields, start=1):
            width = _DATA_WIDTHS.get(name, max(10, len(name) + 2))
            self.data.column_dimensions[get_column_letter(index)].width = width
        self.data.freeze_panes = "A2"
        self.data.append([self._cell(self.data, name, bold=True) for name in self.fields])

    def write(self, records: Iterable[dict]) -> None:
        for record in records:
            self.count += 1
            row = self.count + 1
            if self.clerk is not None:
                texts = clerk_row(record)
                self.clerk.row_dimensions[row].height = _height(
                    (texts[h], width) for h, width in CLERK_COLUMNS)
                warned = bool(texts["提示"])
                self.clerk.append([self._cell(self.clerk, texts[h], tint=warned)
                                   for h, _ in CLERK_COLUMNS])
            self.data.append([self._cell(self.data, record.get(name)) for name in self.fields])

    def _cell(self, sheet, value: object, bold: bool = False, tint: bool = False):
        """One cell: numbers as numbers, everything else typed as a string (so ``=1+1`` is
        shown as written and never runs); control characters, which XLSX cannot hold,
        removed (records from outside, the web page's, may still have some)."""
        from openpyxl.cell import WriteOnlyCell

        if isinstance(value, int) and not isinstance(value, bool):
            cell = WriteOnlyCell(sheet, value=value)
        else:
            cell = WriteOnlyCell(sheet, value=clean_controls(cell_text(value)))
            cell.data_type = "s"
        cell.alignment = self.wrap
        if bold:
            cell.font = self.bold
        if tint:
            cell.fill = self.tint
        return cell

    def close(self) -> None:
        if self.clerk is not None:
            from openpyxl.utils import get_column_letter

            last = get_column_letter(len(CLERK_COLUMNS))
            self.clerk.auto_filter.ref = f"A1:{last}{self.count + 1}"
        try:
            self.book.save(self.sink)
        except BaseException:
            self.abort()
            raise
        self.sink.flush()

    def abort(self) -> None:
        """Remove the sheets' temp files (openpyxl removes them only at interpreter exit,
        so a long-running server would collect them)."""
        import os

        for sheet in (self.clerk, self.data):
            writer = getattr(sheet, "_writer", None)
            path = getattr(writer, "out", None)
            if isinstance(path, str) and os.path.exists(path):
                with contextlib.suppress(OSError):
                    writer.xf.close()
                os.unlink(path)


def _height(cells: Iterable[tuple[str, int]]) -> float:
    """A row's height for its tallest cell: Excel and WPS do not grow a row to fit wrapped
    text on opening a file, so it is set from the text (a Chinese character is two of a
    column's width units)."""
    lines = 1
    for text, width in cells:
        wrapped = sum(max(1, math.ceil(_display_width(part) / max(width - 1, 1)))
                      for part in text.split("\n")) if text else 1
        lines = max(lines, wrapped)
    return min(lines, 27) * _LINE_POINTS  # Excel's limit is 409 points


def _display_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def cell_text(value: object) -> str:
    """A value as one cell's text: lists one item per line, None empty."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)
