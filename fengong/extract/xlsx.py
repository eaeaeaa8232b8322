"""Spreadsheets: XLSX through openpyxl, legacy XLS through xlrd.

Every sheet becomes a grid (row assembly finds the one holding the task table by its header);
merged cells are expanded, numbers shown as integers are read as integers (序号 ``12`` not
``12.0``), and dates are read as the date the cell displays.
"""

from __future__ import annotations

import datetime as dt
import re

from .cells import Cell, Grid, Provenance
from .container import open_zip
from .errors import CorruptFile, EncryptedFile
from .limits import limits_of

MAX_CELLS = 2_000_000  # a sheet larger than this is not a task table


def read_xlsx(data: bytes, options: dict) -> list[Grid]:
    """Given an XLSX file's bytes, return one grid per sheet."""
    import io

    import openpyxl

    limits = limits_of(options)
    open_zip(data, limits)  # size checks before openpyxl inflates anything
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:
        raise CorruptFile(f"the workbook cannot be read ({type(exc).__name__}: {exc})",
                          "open it in Excel or WPS and save it again") from None
    grids = []
    for index, sheet in enumerate(book.worksheets):
        limits.check_rows(sheet.max_row or 0)
        merges = [(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1)
                  for m in sheet.merged_cells.ranges]
        grids.append(_grid(_sparse_values(sheet, merges, index), merges, index))
    return grids


def _sparse_values(sheet, merges: list[tuple[int, int, int, int]], index: int) -> list[list[str]]:
    """The sheet's displayed values, each row only as wide as its last cell or merge.

    The cells a workbook holds are read where they are (``iter_rows`` would allocate the
    whole rectangle: a cell at A1 and one at XFD2000 make 32 million), and the cells the
    rows will take are counted before any is allocated.
    """
    cells = sheet._cells  # openpyxl's own {(row, column): cell}, holding only real cells
    widths: dict[int, int] = {}
    for (row, column), cell in cells.items():
        if cell.value is not None:
            widths[row] = max(widths.get(row, 0), column)
    for top, _left, bottom, right in merges:
        for row in range(top + 1, min(bottom + 1, sheet.max_row) + 1):
            widths[row] = max(widths.get(row, 0), right + 1)
    if sum(widths.values()) > MAX_CELLS:
        raise CorruptFile(f"sheet {index + 1} spans over {MAX_CELLS} cells; not a task table")
    height = max(widths, default=0)
    values: list[list[str]] = [[] for _ in range(height)]
    for row, width in widths.items():
        line = [""] * width
        for column in range(1, width + 1):
            cell = cells.get((row, column))
            if cell is not None and cell.value is not None:
                line[column - 1] = _show(cell.value, cell.number_format)
        values[row - 1] = line
    return values


def read_xls(data: bytes, options: dict) -> list[Grid]:
    """Given a legacy XLS file's bytes, return one grid per sheet."""
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except xlrd.biffh.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise EncryptedFile("the workbook is password-protected",
                                "save an unprotected copy") from None
        raise CorruptFile(f"the XLS workbook cannot be read ({exc})",
                          "open it in Excel or WPS and save it again") from None
    grids = []
    for index in range(book.nsheets):
        sheet = book.sheet_by_index(index)
        limits_of(options).check_rows(sheet.nrows)
        values = []
        for r in range(sheet.nrows):
            row = []
            for c in range(sheet.ncols):
                cell = sheet.cell(r, c)
                if cell.ctype == xlrd.XL_CELL_DATE:
                    fmt = book.format_map[book.xf_list[cell.xf_index].format_key].format_str
                    row.append(_show(xlrd.xldate_as_datetime(cell.value, book.datemode), fmt))
                else:
                    row.append(_show(cell.value, "General"))
            values.append(row)
        merges = [(r0, c0, r1 - 1, c1 - 1) for r0, r1, c0, c1 in sheet.merged_cells]
        grids.append(_grid(values, merges, index))
    return grids


def _grid(values: list[list[str]], merges: list[tuple[int, int, int, int]], index: int) -> Grid:
    """Rows of displayed values, merged ranges copied over the cells they cover."""
    if sum(len(row) for row in values) > MAX_CELLS:
        raise CorruptFile(f"sheet {index + 1} has over {MAX_CELLS} cells; not a task table")
    cells = [[Cell(v, Provenance(table=index, row=r + 1)) for v in row]
             for r, row in enumerate(values)]
    for top, left, bottom, right in merges:
        if top >= len(cells) or left >= len(cells[top]):
            continue
        origin = cells[top][left].text
        for r in range(top, min(bottom, len(cells) - 1) + 1):
            for c in range(left, min(right, len(cells[r]) - 1) + 1):
                if (r, c) != (top, left):
                    cells[r][c] = Cell(origin, cells[r][c].where, spanned=r > top,
                                       merged_left=c > left)
    rows = tuple(tuple(_trim(row)) for row in cells)
    return Grid(rows=rows, table=index, kind="table")


def _trim(row: list[Cell]) -> list[Cell]:
    """Drop trailing empty cells beyond the sheet's used width of this row."""
    end = len(row)
    while end > 0 and row[end - 1].blank and not row[end - 1].merged_left:
        end -= 1
    return row[:end] if end else []


def _show(value: object, number_format: str | None) -> str:
    """The text a cell displays, for the value types a task table holds."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return _show_date(value, number_format or "")
    return str(value).replace("\r\n", "\n").replace("_x000D_", "")


_CN_DATE = re.compile(r"[年月日]")


def _show_date(value: dt.date, number_format: str) -> str:
    """2019年6月 for a 'yyyy"年"m"月"' format; ISO otherwise (a time part is dropped)."""
    fmt = number_format.replace('"', "").replace("\\", "")
    fmt = re.sub(r"\[[^\]]*\]", "", fmt)
    if _CN_DATE.search(fmt):
        out = re.sub(r"y{2,4}", str(value.year), fmt)
        out = re.sub(r"m{1,2}", str(value.month), out)
        out = re.sub(r"d{1,2}", str(value.day), out)
        out = re.sub(r"[hHsS:;@ ]+.*$", "", out)
        return out.strip()
    day = value.date() if isinstance(value, dt.datetime) else value
    return day.isoformat()
