"""PDF notices on pdfplumber: ruled tables from their lines, unruled ones from text positions.

Per page: characters drawn twice (fake bold) are de-duplicated; page headers and footers
(``— 3 —``, ``第3页``) are dropped; a ruled table's cells come from pdfplumber's table finder,
an unruled table's columns from the gaps under the header's words. Cells covered by a merged
cell (pdfplumber gives ``None``) are filled from the cell that covers them, across page breaks
too. Inside a cell, a line that reaches the column's right edge is a wrap and is joined; a
shorter line ends a paragraph and keeps its line break (one unit per paragraph stays split).
"""

from __future__ import annotations

import bisect
import io
import itertools
import re
import traceback
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from .cells import Cell, Grid, Provenance, Row
from .errors import CorruptFile, EncryptedFile, ExtractError
from .header import header_roles, resolve_roles
from .limits import limits_of
from .numbering import is_heading, parse_seq

_PAGE_MARK = re.compile(
    r"^[-—–－\s]*\d{1,4}[-—–－\s]*$|^第\s*\d+\s*页(\s*[/，,]?\s*共\s*\d+\s*页)?$"
)
_CID = re.compile(r"\(cid:\d+\)")
LINE_TOLERANCE = 3.0  # points: characters this close vertically sit on one line


class ScannedPDF(ExtractError):
    kind = "scanned"


@dataclass
class _Line:
    """A line of characters; its edges and text are read once it is complete."""

    top: float
    bottom: float
    chars: list[dict] = field(default_factory=list)

    @cached_property
    def x0(self) -> float:
        return min(c["x0"] for c in self.chars)

    @cached_property
    def x1(self) -> float:
        return max(c["x1"] for c in self.chars)

    @cached_property
    def text(self) -> str:
        return _join_chars(self.chars)


def read_pdf(data: bytes, options: dict) -> list[Grid]:
    """Given a PDF's bytes, return its tables (and the text around them) as grids; its
    streams inflate within ``--max-unpacked-mb``, and damage the library only logs becomes
    a note in ``options["notes"]``."""
    from .pdf_guard import guarded

    with guarded(limits_of(options), options.get("notes")):
        return _read_pdf(data, options)


def _read_pdf(data: bytes, options: dict) -> list[Grid]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data), password=options.get("password", ""))
        pages = pdf.pages
    except Exception as exc:  # pdfminer and pdfplumber raise many kinds on a broken file
        causes = _causes(exc)
        if any(isinstance(e, PDFPasswordIncorrect) for e in causes):
            raise EncryptedFile("the PDF is password-protected",
                                "ask for an unprotected copy") from None
        ours = [e for e in causes if isinstance(e, ExtractError)]
        if ours:
            raise ours[0] from None  # over a limit while opening (a bomb in the xref stream)
        raise CorruptFile(f"the PDF cannot be opened ({type(exc).__name__}: {exc})",
                          "it may be truncated or damaged; ask for a fresh copy") from None
    with pdf:
        limits_of(options).check_pages(len(pages))
        try:
            return _read_pages(data, pages, options)
        except ExtractError:
            raise
        except Exception as exc:
            ours = [e for e in _causes(exc) if isinstance(e, ExtractError)]
            if ours:
                raise ours[0] from None  # a limit met inside pdfminer (pdfplumber wraps it)
            if not _raised_by_parser(exc):
                raise  # a bug of ours: reported as an internal error, not as a bad file
            raise CorruptFile(f"the PDF's content cannot be read ({type(exc).__name__}: {exc})",
                              "it may be truncated or damaged; ask for a fresh copy") from None


def _raised_by_parser(exc: BaseException) -> bool:
    """True when the exception came out of pdfminer / pdfplumber reading the file."""
    frames = traceback.extract_tb(exc.__traceback__)
    return bool(frames) and any(part in frames[-1].filename
                                for part in ("pdfminer", "pdfplumber", "pypdfium2"))


def _causes(exc: BaseException) -> list[BaseException]:
    """The exception, what it wraps (pdfplumber wraps pdfminer's) and what caused it."""
    found = [exc, *(a for a in exc.args if isinstance(a, BaseException))]
    if exc.__cause__ is not None:
        found.append(exc.__cause__)
    return found


def _read_pages(data: bytes, pages, options: dict) -> list[Grid]:
    grids: list[Grid] = []
    state = State()
    text_chars = 0
    for number, page in enumerate(pages, start=1):
        chars = dedupe([c for c in page_chars(page) if c["text"].strip()])
        text_chars += len(chars)
        if chars and _unreadable(chars):
            raise CorruptFile("the PDF's fonts carry no Unicode map, so its text comes out "
                              "as (cid:…) codes", "OCR it, or ask for the Word original")
        grids.extend(_page_grids(page, number, chars, state))
    if text_chars == 0 and pages:
        return _scanned(data, pages, options)
    return grids


def page_chars(page) -> list[dict]:
    """The page's characters as small dicts (text, x0, x1, top, bottom, size), read from
    pdfminer's layout in one pass.

    pdfplumber turns each object of the page into a dict of twenty-odd attributes, colours
    resolved, which on a page of text is a fifth of reading it; a character here needs six.
    The page's other objects (rules, boxes, images) go through pdfplumber as ever, and its
    object cache is filled with both, so ``find_tables`` and ``page.chars`` read these and
    nothing is parsed twice."""
    from pdfminer.layout import LTAnno, LTChar, LTContainer

    if hasattr(page, "_objects"):
        return page._objects.get("char", [])
    x_shift, y_shift = page.mediabox[0], page.mediabox[1]
    height = page.height
    objects: dict[str, list[dict]] = {"char": []}
    chars = objects["char"]
    stack = list(reversed(page.layout._objs))
    while stack:
        obj = stack.pop()
        if isinstance(obj, LTChar):
            chars.append({"object_type": "char", "text": obj.get_text(), "size": obj.size,
                          "x0": obj.x0 + x_shift, "x1": obj.x1 + x_shift,
                          "top": height - obj.y1 + y_shift,
                          "bottom": height - obj.y0 + y_shift})
        elif isinstance(obj, LTContainer):
            stack.extend(reversed(obj._objs))
        elif not isinstance(obj, LTAnno):
            other = page.process_object(obj)
            objects.setdefault(other["object_type"], []).append(other)
    page._objects = objects
    return chars


def _unreadable(chars: list[dict]) -> bool:
    bad = sum(1 for c in chars if _CID.search(c["text"]) or c["text"] == "\ufffd")
    return bad * 2 > len(chars)


@dataclass
class State:
    """What a table carries from one page to the next."""

    columns: list[float] | None = None  # unruled: column left boundaries
    width: int = 0  # number of columns of the task table
    last_text: dict[int, str] = field(default_factory=dict)  # merged cells spanning pages
    open: set[int] = field(default_factory=set)  # columns merged past the previous row
    roles: tuple[str | None, ...] = ()  # unruled: the header's column roles
    repeats: bool = False  # unruled: the header is printed again on each new page
    open_row: bool = False  # unruled: the table's last page ended in a row (not a heading)
    tables: int = 0


def _page_grids(page, number: int, chars: list[dict], state: State) -> list[Grid]:
    tables = page.find_tables() if (page.lines or page.rects) else []
    return grids_from_chars(chars, tables, number, state)


def grids_from_chars(chars: list[dict], tables: list, number: int, state: State) -> list[Grid]:
    """Given a page's characters and ruled tables (pdfplumber ``Table``), return its grids.

    Shared with OCR, which makes characters and tables from a page image.
    """
    tables = [t for t in tables if len(t.rows) >= 1 and len(t.rows[0].cells) >= 2]
    if tables:
        return _ruled(number, chars, tables, state)
    return _unruled(number, chars, state)


# -- ruled tables -----------------------------------------------------------------------

def _ruled(number: int, chars: list[dict], tables, state: State) -> list[Grid]:
    grids: list[Grid] = []
    used: set[int] = set()
    for table in sorted(tables, key=lambda t: t.bbox[1]):
        above = [c for c in chars if c["bottom"] <= table.bbox[1] + 1 and id(c) not in used]
        grids.extend(_text_grid(above, number))
        used.update(id(c) for c in above)
        inside = [c for c in chars if _inside(c, table.bbox)]
        used.update(id(c) for c in inside)
        grids.append(_ruled_grid(table, inside, number, state))
    rest = [c for c in chars if id(c) not in used]
    grids.extend(_text_grid(rest, number))
    return grids


class _CharIndex:
    """Characters sorted by their vertical centre, to find those inside a box quickly."""

    def __init__(self, chars: list[dict]) -> None:
        self.chars = sorted(chars, key=_center_y)
        self.ys = [_center_y(c) for c in self.chars]

    def inside(self, bbox) -> list[dict]:
        lo = bisect.bisect_left(self.ys, bbox[1])
        hi = bisect.bisect_right(self.ys, bbox[3])
        return [c for c in self.chars[lo:hi] if bbox[0] <= (c["x0"] + c["x1"]) / 2 <= bbox[2]]


def _center_y(char: dict) -> float:
    return (char["top"] + char["bottom"]) / 2


def dedupe(chars: list[dict], tolerance: float = 1.0) -> list[dict]:
    """Drop characters drawn again at (nearly) the same place: fake bold, shadows."""
    kept: list[dict] = []
    seen: dict[tuple[str, int, int], list[dict]] = {}
    for char in chars:
        key = (char["text"], int(char["x0"] // 2), int(char["top"] // 2))
        near = [c for dx in (-1, 0, 1) for dy in (-1, 0, 1)
                for c in seen.get((key[0], key[1] + dx, key[2] + dy), ())]
        if any(abs(c["x0"] - char["x0"]) <= tolerance and abs(c["top"] - char["top"]) <= tolerance
               for c in near):
            continue
        seen.setdefault(key, []).append(char)
        kept.append(char)
    return kept


def _inside(char: dict, bbox) -> bool:
    cx = (char["x0"] + char["x1"]) / 2
    cy = (char["top"] + char["bottom"]) / 2
    return bbox[0] <= cx <= bbox[2] and bbox[1] <= cy <= bbox[3]


def _ruled_grid(table, chars: list[dict], number: int, state: State) -> Grid:
    rows_bboxes = [list(row.cells) for row in table.rows]
    width = max(len(r) for r in rows_bboxes)
    rows_bboxes = [r + [None] * (width - len(r)) for r in rows_bboxes]
    col_x0 = _column_starts(rows_bboxes, width)
    index = _CharIndex(chars)
    col_right = _text_right_edges(rows_bboxes, index, width)
    where = Provenance(page=number, table=0)
    if width != state.width:
        state.last_text, state.open = {}, set()
        state.width = width
    rows: list[Row] = []
    first_body = True
    for bboxes in rows_bboxes:
        found = [index.inside(b) if b else [] for b in bboxes]
        texts = [_cell_text(f, col_right[j]) if b else None
                 for j, (f, b) in enumerate(zip(found, bboxes, strict=True))]
        if header_roles(tuple(Cell(t or "") for t in texts)) is not None:
            rows.append(tuple(Cell(t or "", where) for t in texts))
            continue
        cells: list[Cell] = []
        for j, bbox in enumerate(bboxes):
            text = texts[j] or ""
            left = next((k for k in range(j - 1, -1, -1) if bboxes[k] is not None), None)
            if bbox is None and left is not None and bboxes[left][2] > col_x0[j] + 1:
                cells.append(Cell(cells[left].text, where, merged_left=True))
            elif bbox is None or (first_body and not text.strip()
                                  and (j in state.open or j in _open_columns(bboxes))):
                # covered by a cell merged from above, on this page or the one before (an
                # empty merged cell at the top of a page is the rest of the one above)
                cells.append(Cell(state.last_text.get(j, ""), where, spanned=True))
            else:
                cells.append(Cell(text, where, confidence=_confidence(found[j])))
                state.last_text[j] = text
        rows.append(tuple(cells))
        state.open = _open_columns(bboxes)
        first_body = False
    return Grid(rows=tuple(rows), table=0, kind="table")


def _open_columns(bboxes: list) -> set[int]:
    """Columns whose cell in this row is merged over rows below it (or is covered)."""
    bottoms = [b[3] for b in bboxes if b is not None]
    row_bottom = min(bottoms) if bottoms else 0.0
    return {j for j, b in enumerate(bboxes) if b is None or b[3] > row_bottom + 1}


def _column_starts(rows_bboxes, width: int) -> list[float]:
    starts = []
    for j in range(width):
        xs = [round(r[j][0], 1) for r in rows_bboxes if j < len(r) and r[j] is not None]
        starts.append(Counter(xs).most_common(1)[0][0] if xs else float("inf"))
    return starts


def _text_right_edges(rows_bboxes, index: _CharIndex, width: int) -> list[float]:
    """Per column, the right edge its text reaches when a line is full (wrap detection)."""
    edges = []
    for j in range(width):
        boxes = [r[j] for r in rows_bboxes if j < len(r) and r[j] is not None]
        right = max((c["x1"] for b in boxes for c in index.inside(b)), default=0.0)
        edges.append(right)
    return edges


# -- unruled tables ---------------------------------------------------------------------

def _unruled(number: int, chars: list[dict], state: State) -> list[Grid]:
    lines = _without_page_marks(_lines(chars))
    continued = state.columns is not None  # the table began on an earlier page
    carried = continued and state.open_row  # and a row of it may go on here
    header_at, header_words = None, []
    for i, line in enumerate(lines):
        words = _words(line)
        found = header_roles(tuple(Cell(w.text) for w in words)) if len(words) >= 2 else None
        if found is not None:
            header_at, header_words = i, words
            state.roles = resolve_roles(found)
            break
    if header_at is None and state.columns is not None and (
            state.repeats or (lines and _crosses_columns(lines[0], state.columns))):
        # the header came back on every page so far, or the page opens with text running
        # across the columns (a signature, not a cell): the table ended on the page before
        state.columns, state.repeats = None, False
    if continued and header_at is not None:
        state.repeats = True
    if header_at is None and state.columns is None:
        return _text_grid([c for line in lines for c in line.chars], number)
    before = lines[:header_at] if header_at is not None else []
    body = lines[header_at:] if header_at is not None else lines
    body, after = _table_end(body)
    if header_at is not None:
        state.columns = _unruled_columns(header_words, body[1:])
    columns = state.columns
    assert columns is not None
    grids = _text_grid([c for line in before for c in line.chars], number)
    grids.append(_unruled_grid(body, columns, number, state, carried))
    grids.extend(_text_grid([c for line in after for c in line.chars], number))
    if after:
        state.columns, state.repeats = None, False  # the table ended on this page
    return grids


def _crosses_columns(line: _Line, columns: list[float]) -> bool:
    """A line (not a heading) whose characters run on, with no gap, from one column into
    the next is no table text: a cell's text stops short of its column's edge."""
    if is_heading(line.text.strip()):
        return False
    chars = sorted(line.chars, key=lambda c: c["x0"])
    for left, right in itertools.pairwise(chars):
        size = right.get("size", 10) or 10
        if right["x0"] - left["x1"] < 0.3 * size \
                and _column_of(left, columns) != _column_of(right, columns):
            return True
    return False


def _without_page_marks(lines: list[_Line]) -> list[_Line]:
    """The page's lines without its page numbers: those live in the margins, first or last
    on the page; a number alone on a line inside the table (a centred 序号) stays."""
    start, end = 0, len(lines)
    while start < end and _PAGE_MARK.match(lines[start].text):
        start += 1
    while end > start and _PAGE_MARK.match(lines[end - 1].text):
        end -= 1
    return lines[start:end]


def _table_end(lines: list[_Line]) -> tuple[list[_Line], list[_Line]]:
    """Split an unruled table from the text after it (a signature, a date): the first gap
    between lines far wider than the table's usual line spacing ends the table."""
    gaps = [b.top - a.bottom for a, b in itertools.pairwise(lines)]
    if len(gaps) < 3:
        return lines, []
    usual = sorted(gaps)[len(gaps) // 2]
    size = max((c.get("size", 10) or 10) for line in lines for c in line.chars)
    for index, gap in enumerate(gaps):
        if gap > max(4 * usual, 2.5 * size):
            return lines[: index + 1], lines[index + 1:]
    return lines, []


def _words(line: _Line) -> list[_Line]:
    """Split a line into runs of characters separated by gaps wider than two characters."""
    chars = sorted(line.chars, key=lambda c: c["x0"])
    runs: list[list[dict]] = []
    right = 0.0
    for char in chars:
        size = char.get("size", 10) or 10
        if runs and char["x0"] - right < 1.5 * size:
            runs[-1].append(char)
        else:
            runs.append([char])
        right = max(right, char["x1"]) if len(runs[-1]) > 1 else char["x1"]
    return [_Line(line.top, line.bottom, run) for run in runs]


def _unruled_columns(header: list[_Line], body: list[_Line]) -> list[float]:
    """Column left boundaries: the emptiest gap between neighbouring header words."""
    coverage: Counter[int] = Counter()
    for line in body:
        for char in line.chars:
            for x in range(int(char["x0"]), int(char["x1"]) + 1):
                coverage[x] += 1
    bounds = [header[0].x0 - 2]
    for left, right in itertools.pairwise(header):
        lo, hi = int((left.x0 + left.x1) / 2), int(right.x0) + 1
        best = min(range(lo, hi + 1), key=lambda x: (coverage[x], -x))
        run = [x for x in range(lo, hi + 1) if coverage[x] == coverage[best]]
        bounds.append(max(run) if run else right.x0 - 2)
    return bounds


Group = tuple[str, list[list[dict]], list[bool]]  # kind, chars per column, merged copies


def _unruled_grid(lines: list[_Line], columns: list[float], number: int,
                  state: State, carried: bool = False) -> Grid:
    """Lines -> rows: headers and headings are rows of their own; between them, rows are
    cut by geometry (``pdf_bands``), else a number in the first column starts a row.

    Without rules a cell merged over several rows shows its text once; the unit and
    deadline columns are filled down into the rows it covers (a section heading ends a
    merge), as the ruled reader does from the merged cell's box.
    """
    width = len(columns)
    fill = [role in ("lead", "unit", "deadline") for role in state.roles]
    groups = _groups(lines, columns, state, fill, carried)
    state.open_row = bool(groups) and groups[-1][0] == "row"
    right = [max((c["x1"] for _, g, _ in groups for c in g[j]), default=0.0)
             for j in range(width)]
    rows: list[Row] = []
    where = Provenance(page=number, table=0)
    for kind, group, copies in groups:
        texts = [_cell_text(group[j], right[j]) for j in range(width)]
        if kind == "heading":
            state.last_text = {}
        cells = []
        numbered = parse_seq(texts[0]) is not None
        for j, text in enumerate(texts):
            if kind == "row" and numbered and not text and j < len(fill) and fill[j] \
                    and state.last_text.get(j):
                cells.append(Cell(state.last_text[j], where, spanned=True))
                continue
            if kind == "row" and text:
                state.last_text[j] = text
            cells.append(Cell(text, where, spanned=copies[j],
                              confidence=_confidence(group[j])))
        rows.append(tuple(cells))
    return Grid(rows=tuple(rows), table=0, kind="table")


def _groups(lines: list[_Line], columns: list[float], state: State,
            fill: list[bool], carried: bool) -> list[Group]:
    """The table's lines as groups of characters per column: headers and headings on
    their own, the stretches between them cut into rows."""
    width = len(columns)
    groups: list[Group] = []
    stretch: list[_Line] = []
    stretches: list[tuple[int, list[_Line], bool]] = []  # (where in groups, lines, continued)
    split: dict[int, list[list[dict]]] = {}  # each body line's characters per column
    for line in lines:
        parts = _split_columns(line.chars, columns)
        first = _join_chars(parts[0]).strip()
        if header_roles(tuple(Cell(w.text) for w in _words(line))) is not None:
            kind = "header"
        elif first and is_heading(line.text.strip()) and parse_seq(first) is None:
            kind, parts = "heading", [list(line.chars)] + [[] for _ in range(width - 1)]
        else:
            stretch.append(line)
            split[id(line)] = parts
            continue
        if stretch:
            stretches.append((len(groups), stretch, carried and _continued(groups)))
            stretch = []
        groups.append((kind, parts, [False] * width))
    if stretch:
        stretches.append((len(groups), stretch, carried and _continued(groups)))
    body = [line for _, part, _ in stretches for line in part]
    per_column = [_lines([c for line in body for c in split[id(line)][j]])
                  for j in range(width)]
    cut = _stretch_rows(stretches, body, per_column, columns, state, fill)
    for at, rows in reversed(cut):
        groups[at:at] = rows
    return groups


def _continued(groups: list[Group]) -> bool:
    """A stretch at the top of the page's table may end a row cut by the page break."""
    return all(kind == "header" for kind, _, _ in groups)


def _split_columns(chars: list[dict], columns: list[float]) -> list[list[dict]]:
    parts: list[list[dict]] = [[] for _ in columns]
    for char in chars:
        parts[_column_of(char, columns)].append(char)
    return parts


def _stretch_rows(stretches: list[tuple[int, list[_Line], bool]], body: list[_Line],
                  per_column: list[list[_Line]], columns: list[float], state: State,
                  fill: list[bool]) -> list[tuple[int, list[Group]]]:
    """Each stretch's rows: by geometry when the table has a 序号 column whose numbers are
    found, else in text order. One alignment for the page: the one its rows fit best."""
    from . import pdf_bands

    width = len(columns)
    seq = state.roles.index("seq") if "seq" in state.roles else None
    task = _task_column(state.roles, columns, body)
    right = [max((line.x1 for line in col), default=0.0) for col in per_column]
    geometry = _geometry(body, per_column[task], right[task])
    plans = []
    for at, lines, continued in stretches:
        top, bottom = min(line.top for line in lines), max(line.bottom for line in lines)
        mine = [[line for line in col if top <= line.top and line.bottom <= bottom]
                for col in per_column]
        anchors = [line for line in mine[seq] if parse_seq(line.text.strip())] \
            if seq is not None and seq != task else []
        cuts = pdf_bands.paragraph_cuts(mine[task], right[task], geometry) if anchors else []
        plans.append((at, lines, continued, mine, anchors, cuts, top, bottom))
    best: tuple[float, str] | None = None
    for align in pdf_bands.ALIGNMENTS:
        total = 0.0
        for _, _, continued, mine, anchors, cuts, top, bottom in plans:
            if anchors:
                total += pdf_bands.cut_rows(anchors, mine[task], cuts, top - 1, bottom + 1,
                                            continued, align)[1]
        if best is None or total < best[0] - 0.5:
            best = (total, align)
    align = best[1] if best else "top"
    out: list[tuple[int, list[Group]]] = []
    for at, lines, continued, mine, anchors, cuts, top, bottom in plans:
        if not anchors:
            out.append((at, _text_order(lines, columns)))
            continue
        chosen, _ = pdf_bands.cut_rows(anchors, mine[task], cuts, top - 1, bottom + 1,
                                       continued, align)
        ends = pdf_bands.settle(chosen, [line for col in mine for line in col], align)
        bands = pdf_bands.bands_of(ends, anchors, mine[task])
        rows: list[Group] = [("row", [[] for _ in range(width)], [True] * width)
                             for _ in bands]
        for j in range(width):
            spread = j < len(fill) and fill[j]
            for index, placed in enumerate(pdf_bands.place(mine[j], bands, align, right[j],
                                                           geometry, spread)):
                rows[index][1][j].extend(c for line, _ in placed for c in line.chars)
                rows[index][2][j] = bool(placed) and all(copy for _, copy in placed)
        out.append((at, [r for r in rows if any(r[1])]))
    return out


def _task_column(roles: tuple[str | None, ...], columns: list[float],
                 body: list[_Line]) -> int:
    """The task column, else the widest: its paragraph ends cut the rows."""
    if "task" in roles and roles.index("task") < len(columns):
        return roles.index("task")
    right = max((line.x1 for line in body), default=columns[-1])
    edges = [*columns[1:], right]
    return max(range(len(columns)), key=lambda j: edges[j] - columns[j])


def _geometry(body: list[_Line], task: list[_Line], right: float):
    """The page's line size and the usual gap between a cell's wrapped lines."""
    from .pdf_bands import Geometry

    sizes = sorted((c.get("size", 10) or 10) for line in body for c in line.chars)
    size = sizes[len(sizes) // 2] if sizes else 10.0
    gaps = sorted(b.top - a.bottom for a, b in itertools.pairwise(task)
                  if a.x1 >= right - 1.2 * size and b.top > a.bottom - 1)
    return Geometry(size=size, gap=gaps[len(gaps) // 2] if gaps else 0.4 * size)


def _text_order(lines: list[_Line], columns: list[float]) -> list[Group]:
    """Rows in text order: a number in the first column starts a row, the lines after it
    (to the next number) belong to it (a table with no 序号 column, or none found)."""
    width = len(columns)
    groups: list[Group] = []
    for line in lines:
        parts = _split_columns(line.chars, columns)
        if parse_seq(_join_chars(parts[0]).strip()) is not None or not groups:
            groups.append(("row", parts, [False] * width))
        else:
            for j in range(width):
                groups[-1][1][j].extend(parts[j])
    return groups


def _column_of(char: dict, columns: list[float]) -> int:
    return max(bisect.bisect_right(columns, (char["x0"] + char["x1"]) / 2) - 1, 0)


# -- text ---------------------------------------------------------------------------------

def _lines(chars: list[dict]) -> list[_Line]:
    lines: list[_Line] = []
    for char in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
        if lines and abs(char["top"] - lines[-1].top) <= LINE_TOLERANCE:
            lines[-1].chars.append(char)
        else:
            lines.append(_Line(char["top"], char["bottom"], [char]))
    for line in lines:
        line.chars.sort(key=lambda c: c["x0"])
    return lines


def _join_chars(chars: list[dict]) -> str:
    """Characters of one line in order, with a space where a visible gap separates words."""
    out: list[str] = []
    previous = None
    for char in sorted(chars, key=lambda c: c["x0"]):
        if previous is not None:
            gap = char["x0"] - previous["x1"]
            size = char.get("size", 10) or 10
            if gap > 0.6 * size:
                out.append(" ")
        out.append(char["text"])
        previous = char
    return "".join(out)


def _confidence(chars: list[dict]) -> float | None:
    """The lowest OCR score among a cell's characters (None for a real text layer)."""
    scores = [c["confidence"] for c in chars if "confidence" in c]
    return min(scores) if scores else None


def _cell_text(chars: list[dict], right_edge: float) -> str:
    """A cell's lines: wrapped lines joined, paragraph ends kept as line breaks."""
    lines = [line for line in _lines(chars) if line.text.strip()]
    if not lines:
        return ""
    size = max((c.get("size", 10) or 10) for c in chars)
    out = lines[0].text.strip()
    for previous, line in itertools.pairwise(lines):
        wrapped = previous.x1 >= right_edge - 1.2 * size
        out += ("" if wrapped else "\n") + line.text.strip()
    return out


def _text_grid(chars: list[dict], number: int) -> list[Grid]:
    """Text outside tables, one row per line (titles, section headings, prose)."""
    rows = []
    for line in _lines(chars):
        text = line.text.strip()
        if text and not _PAGE_MARK.match(text):
            rows.append((Cell(text, Provenance(page=number)),))
    return [Grid(rows=tuple(rows), kind="paragraphs")] if rows else []


def _scanned(data: bytes, pages, options: dict) -> list[Grid]:
    if options.get("ocr") is False:
        raise ScannedPDF("the PDF is a scan with no text layer and OCR is off",
                         "run without --no-ocr to read it by OCR")
    from .ocr import ocr_pdf

    return ocr_pdf(data, pages, options)
