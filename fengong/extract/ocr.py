"""Scanned PDFs: OCR with RapidOCR (ONNX Runtime; its models ship inside the wheel, so nothing
is downloaded at run time), table rules found in the page image with OpenCV.

Each page is rendered (pypdfium2, already a pdfplumber dependency), its ruling lines become
pdfplumber edges and tables, and each recognised text box becomes evenly spaced characters,
so the PDF reader's own table logic (merges, page breaks, wraps) runs unchanged. A cell whose
text was recognised with low confidence carries it, and its row gets a warning.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .cells import Grid
from .errors import MissingTool

# Measured with bench/ocr.py on the sample scans (bench/README.md): 150 dpi, no angle
# classifier (scanned lines are upright) and text detection on the page scaled to 960 px
# keep every row the 300 dpi defaults got right, in about 80 % of the time and memory.
# Recognition still reads each line at its own resolution.
DPI = 150
ENGINE_OPTIONS: dict[str, object] = {"use_cls": False, "det_limit_type": "max",
                                     "det_limit_side_len": 960}
INSTALL_HINT = "install the OCR extra: pip install 'fengong[ocr]'"
_TO_FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
_CJK = r"[\u4e00-\u9fff“”‘’（）《》，。；：、]"


@lru_cache(maxsize=1)
def _engine():
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        raise MissingTool("the PDF is a scan with no text layer and OCR is not installed",
                          INSTALL_HINT) from None
    return RapidOCR(**ENGINE_OPTIONS)


def ocr_pdf(data: bytes, pages, options: dict) -> list[Grid]:
    """Given a scanned PDF (bytes and pdfplumber pages), return grids read by OCR."""
    import pypdfium2

    from .pdf import State, grids_from_chars

    engine = _engine()
    document = pypdfium2.PdfDocument(data, password=options.get("password") or None)
    state = State()
    grids: list[Grid] = []
    for number, page in enumerate(pages, start=1):
        image = _render(document[number - 1])
        scale = image.shape[1] / float(page.width)
        result, _ = engine(image)
        chars = [c for box, text, score in (result or [])
                 for c in _box_chars(box, fix_punctuation(text), float(score), scale)]
        tables = _tables(image, scale)
        grids.extend(grids_from_chars(chars, tables, number, state))
    return [_with_paired_quotes(g) for g in grids]


def _render(page):
    import numpy as np

    return np.asarray(page.render(scale=DPI / 72).to_pil().convert("RGB"))


def fix_punctuation(text: str) -> str:
    """Chinese punctuation as notices write it, where OCR gives look-alikes.

    ASCII , ; : ( ) ! ? beside Chinese become full-width; 丶 (a radical no notice uses) is
    the enumeration comma 、; a lone ’ after Chinese is a comma ，; ° or · ending a Chinese
    sentence is the full stop 。.
    """
    text = text.replace("丶", "、")
    out = []
    for i, ch in enumerate(text):
        before, after = text[i - 1: i], text[i + 1: i + 2]
        cjk_before = bool(re.match(_CJK, before or " "))
        if ch in _TO_FULL and (cjk_before or re.match(_CJK, after or " ")):
            out.append(_TO_FULL[ch])
        elif ch == "’" and cjk_before and "‘" not in text[:i]:
            out.append("，")
        elif ch in "°·" and cjk_before and (not after or re.match(_CJK, after)):
            out.append("。")
        else:
            out.append(ch)
    return "".join(out)


def pair_quotes(text: str) -> str:
    """OCR cannot tell “ from ”: quotes in a cell alternate, opening first."""
    out, opened = [], False
    for ch in text:
        if ch in "“”\"＂":
            out.append("”" if opened else "“")
            opened = not opened
        else:
            out.append(ch)
    return "".join(out)


def _with_paired_quotes(grid: Grid) -> Grid:
    rows = tuple(tuple(replace(c, text=pair_quotes(c.text)) for c in row) for row in grid.rows)
    return replace(grid, rows=rows)


def _box_chars(box, text: str, score: float, scale: float) -> list[dict]:
    """One recognised text box -> characters spread evenly over its width (in PDF points)."""
    xs = [p[0] for p in box]
    ys = [p[1] for p in box]
    x0, x1 = min(xs) / scale, max(xs) / scale
    top, bottom = min(ys) / scale, max(ys) / scale
    text = text.strip()
    if not text:
        return []
    weights = [0.5 if ch.isascii() else 1.0 for ch in text]
    unit = (x1 - x0) / sum(weights)
    chars, x = [], x0
    for ch, weight in zip(text, weights, strict=True):
        width = unit * weight
        if not ch.isspace():
            chars.append({"text": ch, "x0": x, "x1": x + width, "top": top, "bottom": bottom,
                          "size": bottom - top, "confidence": score})
        x += width
    return chars


def _tables(image, scale: float) -> list:
    """Ruling lines in the page image -> pdfplumber tables (in PDF points)."""
    import cv2
    from pdfplumber import table as pt

    gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    binary = cv2.adaptiveThreshold(~gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY,
                                   15, -2)
    edges: list[dict] = []
    height, width = binary.shape
    for orientation, kernel in (("h", (max(width // 30, 20), 1)),
                                ("v", (1, max(height // 40, 20)))):
        mask = cv2.morphologyEx(binary, cv2.MORPH_OPEN,
                                cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        count, _, stats, _ = cv2.connectedComponentsWithStats(mask)
        for x, y, w, h, _area in stats[1:count]:
            if orientation == "h" and w > 3 * h:
                mid = (y + h / 2) / scale
                edges.append({"x0": x / scale, "x1": (x + w) / scale, "top": mid,
                              "bottom": mid, "width": (w / scale), "height": 0,
                              "orientation": "h", "object_type": "line"})
            elif orientation == "v" and h > 3 * w:
                mid = (x + w / 2) / scale
                edges.append({"x0": mid, "x1": mid, "top": y / scale,
                              "bottom": (y + h) / scale, "width": 0, "height": h / scale,
                              "orientation": "v", "object_type": "line"})
    if not edges:
        return []
    edges = pt.merge_edges(edges, snap_x_tolerance=3, snap_y_tolerance=3,
                           join_x_tolerance=3, join_y_tolerance=3)
    cells = pt.intersections_to_cells(pt.edges_to_intersections(edges, 3, 3))
    return [pt.Table(None, group) for group in pt.cells_to_tables(cells) if len(group) > 1]
