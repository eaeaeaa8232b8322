"""DOCX notices, read from the WordprocessingML itself (lxml) so nothing Word writes is lost.

python-docx repeats a merged cell once per grid column and raises on malformed merges; here
``w:gridSpan`` and ``w:vMerge`` are expanded explicitly (copies flagged, see ``Cell``), tracked
changes are read as accepted (``w:ins`` kept, ``w:del`` dropped), and text in content controls
(``w:sdt``), text boxes and nested tables is kept.
"""

from __future__ import annotations

from collections.abc import Iterator

from .cells import Cell, Grid, Provenance, Row
from .container import open_zip, parse_xml, read_member
from .docx_numbering import load_numbering, style_numbers, write_numbers
from .errors import CorruptFile
from .limits import limits_of
from .text import untabled

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIP = {W + "del", W + "moveFrom", MC + "Fallback", W + "txbxContent", W + "pPr", W + "rPr",
         W + "instrText", W + "delInstrText", W + "tbl"}
_BREAKS = {W + "br", W + "cr"}


def read_docx(data: bytes, options: dict | None = None) -> list[Grid]:
    """Given a DOCX file's bytes, return its tables as grids, or its paragraphs as one."""
    limits = limits_of(options or {})
    archive = open_zip(data, limits)
    xml = read_member(archive, "word/document.xml", limits)
    if xml is None:
        raise CorruptFile("the DOCX has no word/document.xml", "ask for a fresh copy")
    body = parse_xml(xml, "word/document.xml", limits).find(W + "body")
    if body is None:
        raise CorruptFile("the DOCX has no document body", "ask for a fresh copy")
    limits.check_rows(sum(1 for _ in body.iter(W + "tr")))
    numbering_xml = read_member(archive, "word/numbering.xml", limits)
    if numbering_xml is not None:
        numbers = load_numbering(parse_xml(numbering_xml, "word/numbering.xml", limits))
        styles_xml = read_member(archive, "word/styles.xml", limits)
        styles = (style_numbers(parse_xml(styles_xml, "word/styles.xml", limits))
                  if styles_xml else {})
        write_numbers(body, numbers, styles)  # Word's automatic 序号 and list numbers
    return grids_from_body(body)


def grids_from_body(body) -> list[Grid]:
    """Tables and the paragraphs between them, in document order (nested tables after their
    parent). A notice with no table is returned as its lines, which ``propose`` reads as it
    reads a text file's (every layout, and the prose); labelled paragraphs beside tables
    that are not the task table become labelled items."""
    grids: list[Grid] = []
    paragraphs: list[tuple[str, Provenance]] = []
    run: list[Row] = []
    for kind, element in _blocks(body):
        if kind == "p":
            text = paragraph_text(element)
            where = Provenance(line=len(paragraphs) + 1)
            paragraphs.append((text, where))
            if text.strip():
                run.append((Cell(text, where),))
            continue
        if run:
            grids.append(Grid(rows=tuple(run), kind="paragraphs"))
            run = []
        _table_grids(element, grids)
    if run:
        grids.append(Grid(rows=tuple(run), kind="paragraphs"))
    return untabled(grids, paragraphs)


def _blocks(parent) -> Iterator[tuple[str, object]]:
    """Paragraphs and tables in reading order, through content controls and text boxes."""
    for child in parent:
        tag = child.tag
        if tag == W + "p":
            yield "p", child
            for box in _text_boxes(child):
                yield from _blocks(box)
        elif tag == W + "tbl":
            yield "tbl", child
        elif tag in (W + "sdt", W + "customXml", W + "sdtContent", MC + "AlternateContent",
                     MC + "Choice", W + "ins", W + "smartTag"):
            yield from _blocks(child)


def _text_boxes(paragraph) -> Iterator[object]:
    for box in paragraph.iter(W + "txbxContent"):
        if not any(a.tag == MC + "Fallback" for a in box.iterancestors()):
            yield box


def paragraph_text(paragraph) -> str:
    """A paragraph's text as accepted: insertions kept, deletions and field codes dropped."""
    parts: list[str] = []
    _collect(paragraph, parts)
    return "".join(parts)


def _collect(element, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag in _SKIP:
            continue
        if tag == W + "t":
            parts.append(child.text or "")
        elif tag == W + "tab":
            parts.append(" ")
        elif tag in _BREAKS:
            parts.append("\n")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
        else:
            _collect(child, parts)


def _table_grids(table, grids: list[Grid]) -> None:
    """Append a table's grid, then its nested tables' grids, to ``grids``."""
    index = sum(1 for g in grids if g.kind == "table")
    slot = len(grids)
    grids.append(Grid(rows=()))  # placeholder keeps the parent before its nested tables
    nested: list[object] = []
    rows = _table_rows(table, index, nested)
    grids[slot] = Grid(rows=tuple(rows), table=index, kind="table")
    for inner in nested:
        _table_grids(inner, grids)


def _table_rows(table, index: int, nested: list[object]) -> list[Row]:
    rows: list[Row] = []
    above: dict[int, Cell] = {}  # vertically merged cells waiting for their continuations
    for r, tr in enumerate(_children(table, W + "tr")):
        where = Provenance(table=index, row=r + 1)
        cells: list[Cell] = []
        column = 0
        before = _int_val(tr.find(f"{W}trPr/{W}gridBefore"))
        for _ in range(before):
            cells.append(Cell("", where))
            column += 1
        for tc in _children(tr, W + "tc"):
            span = max(1, _int_val(tc.find(f"{W}tcPr/{W}gridSpan")) or 1)
            merge = tc.find(f"{W}tcPr/{W}vMerge")
            if merge is not None and merge.get(W + "val") in (None, "continue"):
                origin = above.get(column)
                cell = Cell(origin.text if origin else "", where, spanned=origin is not None)
            else:
                cell = Cell(_cell_text(tc, nested), where)
                if merge is not None:
                    above[column] = cell
                else:
                    for covered in range(column, column + span):
                        above.pop(covered, None)
            cells.append(cell)
            cells.extend(Cell(cell.text, where, spanned=cell.spanned, merged_left=True)
                         for _ in range(span - 1))
            column += span
        rows.append(tuple(cells))
    return rows


def _children(parent, tag: str) -> Iterator[object]:
    """Direct children with ``tag``, looking through content controls and custom XML."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml", W + "ins"):
            yield from _children(child, tag)


def _cell_text(tc, nested: list[object]) -> str:
    lines = []
    for kind, element in _blocks(tc):
        if kind == "p":
            lines.append(paragraph_text(element))
        else:
            nested.append(element)
    return "\n".join(lines).strip("\n")


def _int_val(element) -> int:
    if element is None:
        return 0
    try:
        return int(element.get(W + "val", "0"))
    except ValueError:
        return 0
