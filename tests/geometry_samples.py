"""Write samples/geometry/: the notice of ``geometry_notice`` laid out by ``pdf_table`` with
cells centred or aligned to the bottom, ruled and unruled, on pages short enough that a row
and a merged deadline are cut by a page break.

Run by hand: ``python tests/geometry_samples.py``; the PDFs and their expected files (made
from the notice's cells, never from fengong's output) are committed, so the samples test and
``score.py`` read them like any other sample.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from geometry_notice import NUMBER, TITLE, expected_rows, notice_pdf

OUT = Path(__file__).resolve().parent.parent / "samples" / "geometry"
SAMPLES = {"centred_unruled": ("middle", False), "centred_ruled": ("middle", True),
           "bottom_unruled": ("bottom", False), "bottom_ruled": ("bottom", True)}
PAGE_HEIGHT = 600.0  # row 7 and the deadline merged over rows 7 to 10 cross the break


def main() -> None:
    OUT.mkdir(exist_ok=True)
    facts = {"title": TITLE, "notice_date": "2024-03-08", "doc_number": NUMBER}
    expected = json.dumps({**facts, "rows": expected_rows()}, ensure_ascii=False, indent=1) + "\n"
    for name, (valign, ruled) in SAMPLES.items():
        notice_pdf(OUT / f"{name}.pdf", valign=valign, ruled=ruled, page_height=PAGE_HEIGHT)
        (OUT / f"{name}.expected.json").write_text(expected, encoding="utf-8")
        print(OUT / f"{name}.pdf")


if __name__ == "__main__":
    main()
