"""Web pages: a government site's saved notice, or a bare table.

The page is read with lxml's HTML parser (no network, no entities). Tables become grids with
rowspan and colspan expanded; text between tables becomes paragraph rows (titles, section
headings); ``<br>`` and block elements inside cells are line breaks. A page with the task list
as paragraphs goes through the shared text layouts (labelled lists).
"""

from __future__ import annotations

import re

from .cells import Cell, Grid, Provenance, Row
from .decode import decode
from .errors import EmptyFile
from .limits import limits_of
from .text import untabled

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section", "article",
          "header", "footer", "blockquote", "pre", "ul", "ol", "dd", "dt", "center", "form",
          "caption", "nav", "aside", "main", "hr"}
_SKIP = {"script", "style", "noscript", "template", "head", "select", "button", "iframe",
         "object", "svg"}
_SPACES = re.compile(r"[ \t\r\f\v\xa0\u3000]+")


def read_html(data: bytes, options: dict | None = None) -> list[Grid]:
    """Given a web page's bytes, return its tables and the text between them as grids."""
    from lxml import html as lxml_html

    declared = _META_CHARSET.search(data[:4096])
    text, _ = decode(data, declared.group(1).decode("ascii") if declared else None)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text.lstrip("\ufeff"))
    if not text.strip():
        raise EmptyFile("the page holds no text")
    parser = lxml_html.HTMLParser(no_network=True, remove_comments=True,
                                  remove_pis=True, default_doctype=False)
    root = lxml_html.document_fromstring(text, parser=parser)
    limits_of(options or {}).check_rows(sum(1 for _ in root.iter("tr")))
    body = root.find("body") if root.find("body") is not None else root
    walker = _Walker()
    walker.walk(body)
    walker.flush()
    return walker.result()


class _Walker:
    """Walks the page in reading order, collecting text lines and tables."""

    def __init__(self) -> None:
        self.grids: list[Grid] = []
        self.lines: list[str] = []
        self.all_lines: list[tuple[str, Provenance]] = []
        self.buffer: list[str] = []
        self.tables = 0

    def walk(self, element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIP:
            self._tail(element)
            return
        if tag == "table":
            self.flush()
            self._table(element)
            self._tail(element)
            return
        block = tag in _BLOCK
        if block:
            self.newline()
        if tag == "br":
            self.newline()
        if tag == "li":
            self.buffer.append(_list_number(element))
        if element.text and tag:
            self.buffer.append(element.text)
        for child in element:
            self.walk(child)
        if block:
            self.newline()
        self._tail(element)

    def _tail(self, element) -> None:
        if element.tail:
            self.buffer.append(element.tail)

    def newline(self) -> None:
        line = _clean("".join(self.buffer))
        self.buffer = []
        if line:
            self.lines.append(line)
            self.all_lines.append((line, Provenance(line=len(self.all_lines) + 1)))

    def flush(self) -> None:
        self.newline()
        if self.lines:
            rows = tuple((Cell(line),) for line in self.lines)
            self.grids.append(Grid(rows=rows, kind="paragraphs"))
            self.lines = []

    def _table(self, table) -> None:
        index = self.tables
        self.tables += 1
        slot = len(self.grids)
        self.grids.append(Grid(rows=()))
        nested: list[object] = []
        rows = table_rows(table, index, nested)
        self.grids[slot] = Grid(rows=tuple(rows), table=index, kind="table")
        for inner in nested:
            self._table(inner)

    def result(self) -> list[Grid]:
        return untabled(self.grids, self.all_lines)


def _list_number(item) -> str:
    """The number a browser draws before an ``<ol>`` item ("3."), which is not in the text."""
    parent = item.getparent()
    if parent is None or parent.tag != "ol":
        return ""
    try:
        start = int(parent.get("start", "1"))
    except ValueError:
        start = 1
    siblings = [c for c in parent if isinstance(c.tag, str) and c.tag == "li"]
    return f"{start + siblings.index(item)}."


def table_rows(table, index: int, nested: list[object]) -> list[Row]:
    """A table's rows with rowspan/colspan expanded (copies flagged as in DOCX)."""
    rows: list[Row] = []
    pending: dict[int, tuple[Cell, int]] = {}  # column -> (cell, rows still covered)
    for r, tr in enumerate(_rows(table)):
        where = Provenance(table=index, row=r + 1)
        cells: list[Cell] = []
        column = 0
        for td in (c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")):
            column = _fill_pending(cells, pending, column, where)
            text = cell_text(td, nested)
            colspan = _span(td.get("colspan"))
            rowspan = _span(td.get("rowspan"))
            for k in range(colspan):
                cell = Cell(text, where, merged_left=k > 0)
                cells.append(cell)
                if rowspan > 1:
                    pending[column] = (cell, rowspan - 1)
                column += 1
        _fill_pending(cells, pending, column, where, to_end=True)
        rows.append(tuple(cells))
    return rows


def _fill_pending(cells: list[Cell], pending: dict[int, tuple[Cell, int]], column: int,
                  where: Provenance, to_end: bool = False) -> int:
    while column in pending or (to_end and any(c >= column for c in pending)):
        if column in pending:
            origin, left = pending[column]
            cells.append(Cell(origin.text, where, spanned=True, merged_left=origin.merged_left))
            if left <= 1:
                del pending[column]
            else:
                pending[column] = (origin, left - 1)
        else:
            cells.append(Cell("", where))
        column += 1
    return column


def _rows(table):
    for child in table:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "tr":
            yield child
        elif child.tag in ("thead", "tbody", "tfoot"):
            yield from (tr for tr in child if isinstance(tr.tag, str) and tr.tag == "tr")


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


def cell_text(td, nested: list[object]) -> str:
    """A cell's text with <br>/<p> as line breaks; nested tables kept aside, not merged in."""
    parts: list[str] = []

    def walk(element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "table":
            nested.append(element)
        elif tag not in _SKIP:
            if tag == "br" or tag in _BLOCK:
                parts.append("\n")
            if element.text and tag:
                parts.append(element.text)
            for child in element:
                walk(child)
            if tag in _BLOCK:
                parts.append("\n")
        if element.tail and element is not td:
            parts.append(element.tail)

    if td.text:
        parts.append(td.text)
    for child in td:
        walk(child)
    lines = [_clean(line) for line in "".join(parts).split("\n")]
    return "\n".join(line for line in lines if line)


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()
