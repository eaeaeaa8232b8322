"""PDF rows from geometry: cells centred, aligned to the top or the bottom, merged over rows
and across a page break, a row cut by a page break, 序号 alone on their lines; ruled and
unruled. Every row exact."""

from __future__ import annotations

import pytest

from conftest import as_rows
from fengong import extract_tasks
from geometry_notice import TITLE, expected_rows, notice_pdf


@pytest.mark.parametrize("ruled", [False, True], ids=["unruled", "ruled"])
@pytest.mark.parametrize("valign", ["top", "middle", "bottom"])
@pytest.mark.parametrize("page_height", [842.0, 600.0], ids=["a4", "short"])
def test_every_row_exact_however_cells_are_aligned(tmp_path, valign, ruled, page_height):
    path = notice_pdf(tmp_path / "notice.pdf", valign=valign, ruled=ruled,
                      page_height=page_height)
    tasks = extract_tasks(path)
    assert as_rows(tasks) == expected_rows()
    assert {t.title for t in tasks} == {TITLE}
    assert {t.notice_date for t in tasks} == {"2024-03-08"}


def test_short_pages_cut_a_row_and_a_merge(tmp_path):
    """The short page cuts row 7 and the deadline merged over rows 7 to 10."""
    from geometry_notice import HEADER, ROWS, WIDTHS
    from pdf_table import layout

    parts = layout(HEADER, ROWS, WIDTHS, "middle", 130.0, 600.0)
    pages = {p.page for p in parts if p.cells and p.cells[0] and p.cells[0][0][1] == "7"}
    seven = [p for p in parts if not p.header and p.heading is None
             and p.cells[0] is not None and (p.cells[0] == [] or p.cells[0][0][1] == "7")]
    assert pages == {0} and len({p.page for p in seven}) == 2


def test_a_number_alone_on_a_line_inside_the_table_is_no_page_number(tmp_path):
    path = notice_pdf(tmp_path / "notice.pdf", valign="middle", ruled=False)
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        lines = [line for page in pdf.pages for line in page.extract_text().splitlines()]
    assert "12" in lines  # 序号 12, centred beside cells of two lines
    assert [t.seq for t in extract_tasks(path)] == [str(n) for n in range(1, 15)]


@pytest.mark.parametrize(("pad", "leading"), [(1.0, 13.0), (2.0, 13.0), (6.0, 15.0)])
@pytest.mark.parametrize("valign", ["top", "middle", "bottom"])
def test_tight_and_loose_cells(tmp_path, monkeypatch, valign, pad, leading):
    """Cell padding down to a point (Word's cells have none above and below) and other
    line spacings."""
    import pdf_table

    monkeypatch.setattr(pdf_table, "PAD", pad)
    monkeypatch.setattr(pdf_table, "LEADING", leading)
    path = notice_pdf(tmp_path / "notice.pdf", valign=valign, ruled=False)
    assert as_rows(extract_tasks(path)) == expected_rows()
