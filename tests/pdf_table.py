"""Lay a task table out on PDF pages as a word processor does (reportlab, CID fonts).

Cells are wrapped to their column's width; a row that does not fit is cut at the page's end
and goes on under the header repeated on the next page (its text flowing on); a cell is
aligned to the top, the middle or the bottom of its row (Word and WPS centre them); ``None``
is a cell merged with the one above it, whose text is printed once, aligned in the part of
the merge on the page where it starts. A row given as a string is a heading across the table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

FONT = "STSong-Light"
SIZE = 10.5
LEADING = 15.0
PAD = 4.0
TOP, BOTTOM, LEFT = 70.0, 80.0, 50.0

Row = list[str | None] | str


@dataclass
class Part:
    """One row's part on one page: its top, its height in lines, each cell's drawn lines
    as (line offset, text), ``None`` for a cell covered by a merge."""

    page: int
    top: float
    lines: int
    cells: list[list[tuple[float, str]] | None] = field(default_factory=list)
    heading: str | None = None
    header: bool = False

    @property
    def bottom(self) -> float:
        return self.top + self.lines * LEADING + 2 * PAD


def wrap(text: str, width: float) -> list[str]:
    """A cell's text broken into the lines that fit ``width`` (paragraphs kept)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for char in paragraph:
            if line and stringWidth(line + char, FONT, SIZE) > width:
                lines.append(line)
                line = ""
            line += char
        if line:
            lines.append(line)
    return lines


def _offset(valign: str, space: float, lines: int) -> float:
    return {"top": 0.0, "middle": (space - lines) / 2, "bottom": space - lines}[valign]


def layout(header: list[str], rows: list[Row], widths: list[float], valign: str,
           first_top: float, page_height: float) -> list[Part]:
    """Rows -> their parts on pages (headers repeated), merged text aligned in its span."""
    width = len(widths)
    texts = [r if isinstance(r, str) else
             [wrap(c, widths[j] - 2 * PAD) if c is not None else None for j, c in enumerate(r)]
             for r in rows]

    def merges(i: int, j: int) -> bool:
        return (isinstance(texts[i], list) and texts[i][j] is not None and i + 1 < len(texts)
                and isinstance(texts[i + 1], list) and texts[i + 1][j] is None)

    parts: list[Part] = []
    of_row: list[list[Part]] = []
    state = {"page": 0, "y": first_top}
    limit = page_height - BOTTOM

    def put_header() -> None:
        parts.append(Part(state["page"], state["y"], 1, [[(0.0, h)] for h in header],
                          header=True))
        state["y"] += LEADING + 2 * PAD

    def new_page() -> None:
        state["page"] += 1
        state["y"] = TOP
        put_header()

    put_header()
    for i, row in enumerate(texts):
        if isinstance(row, str):
            if state["y"] + LEADING + 2 * PAD > limit:
                new_page()
            parts.append(Part(state["page"], state["y"], 1, [None] * width, heading=row))
            of_row.append([parts[-1]])
            state["y"] = parts[-1].bottom
            continue
        height = max([len(c) for j, c in enumerate(row) if c is not None and not merges(i, j)]
                     or [1])
        done, mine = 0, []
        while done < height:
            room = int((limit - state["y"] - 2 * PAD) // LEADING)
            if room < 1:
                new_page()
                continue
            take = min(room, height - done)
            cells: list[list[tuple[float, str]] | None] = []
            for j, lines in enumerate(row):
                if lines is None or merges(i, j):
                    cells.append(None if lines is None else [])
                elif take == height:
                    offset = _offset(valign, height, len(lines))
                    cells.append([(offset + k, t) for k, t in enumerate(lines)])
                else:  # a row cut by the page's end: its text flows on
                    cells.append([(k - done, t) for k, t in enumerate(lines)
                                  if done <= k < done + take])
            mine.append(Part(state["page"], state["y"], take, cells))
            parts.append(mine[-1])
            state["y"] = mine[-1].bottom
            done += take
            if done < height:
                new_page()
        of_row.append(mine)
    for i in range(len(texts)):
        for j in range(width):
            if merges(i, j):
                _place_merged(of_row, texts, i, j, valign)
    return parts


def _place_merged(of_row: list[list[Part]], texts: list, i: int, j: int, valign: str) -> None:
    """A merged cell's text, aligned in the part of its span on the page where it starts."""
    span = [of_row[i][0]]
    k = i + 1
    while k < len(texts) and isinstance(texts[k], list) and texts[k][j] is None:
        span.extend(p for p in of_row[k] if p.page == span[0].page)
        k += 1
    lines = texts[i][j]
    room = (span[-1].bottom - span[0].top - 2 * PAD) / LEADING
    offset = _offset(valign, room, len(lines))
    span[0].cells[j] = [(offset + n, t) for n, t in enumerate(lines)]


def write_table(path: Path, header: list[str], rows: list[Row], widths: list[float], *,
                valign: str = "top", ruled: bool = False, title: str = "",
                before: tuple[str, ...] = (), after: tuple[str, ...] = (),
                page_height: float = 842.0) -> Path:
    """Write the table, under a title and lines of text, as a PDF at ``path``."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    pdf = canvas.Canvas(str(path), pagesize=(595.0, page_height), invariant=1)
    first_top = TOP + (40 if title else 0) + LEADING * 1.6 * len(before)
    parts = layout(header, rows, widths, valign, first_top, page_height)
    xs = [LEFT]
    for w in widths:
        xs.append(xs[-1] + w)
    pages = parts[-1].page + 1
    for page in range(pages):
        pdf.setFont(FONT, SIZE)
        if page == 0:
            if title:
                pdf.setFont(FONT, 16)
                pdf.drawCentredString(297, page_height - TOP, title)
                pdf.setFont(FONT, SIZE)
            for k, line in enumerate(before):
                y = TOP + (40 if title else 0) + LEADING * 1.6 * k
                pdf.drawString(LEFT + 2 * SIZE, page_height - y, line)
        mine = [p for p in parts if p.page == page]
        for part in mine:
            _draw(pdf, part, xs, ruled, page_height)
        if ruled:
            pdf.line(xs[0], page_height - mine[-1].bottom, xs[-1], page_height - mine[-1].bottom)
        end = mine[-1].bottom + 60
        if page == pages - 1 and after and end + LEADING * 1.5 * len(after) > page_height - BOTTOM:
            pdf.drawCentredString(297, 40, f"— {page + 1} —")
            pdf.showPage()  # no room left for the signature: it goes on a page of its own
            pdf.setFont(FONT, SIZE)
            page, end = page + 1, TOP
        if page >= pages - 1:
            for k, line in enumerate(after):
                pdf.drawString(360, page_height - end - k * LEADING * 1.5, line)
        pdf.drawCentredString(297, 40, f"— {page + 1} —")
        pdf.showPage()
    pdf.save()
    return path


def _draw(pdf, part: Part, xs: list[float], ruled: bool, page_height: float) -> None:
    top, bottom = page_height - part.top, page_height - part.bottom
    if part.heading is not None:
        pdf.drawString(xs[0] + PAD, top - PAD - SIZE + 2, part.heading)
        if ruled:
            pdf.line(xs[0], top, xs[-1], top)
            pdf.line(xs[0], top, xs[0], bottom)
            pdf.line(xs[-1], top, xs[-1], bottom)
        return
    for j, cell in enumerate(part.cells):
        if ruled:
            pdf.line(xs[j], top, xs[j], bottom)
            pdf.line(xs[j + 1], top, xs[j + 1], bottom)
            if cell is not None:
                pdf.line(xs[j], top, xs[j + 1], top)
        for offset, text in cell or []:
            pdf.drawString(xs[j] + PAD, top - PAD - SIZE + 2 - offset * LEADING, text)
    if ruled and part.header:
        pdf.line(xs[0], bottom, xs[-1], bottom)
