"""Scanned PDFs: OCR with RapidOCR (ONNX Runtime; its models ship inside the wheel, so nothing
is downloaded at run time), table rules found in the page image with OpenCV.

Each page is rendered (pypdfium2, already a pdfplumber dependency) and levelled by its rules;
its ruling lines become pdfplumber edges and tables. Text lines inside the table cells, and
around the tables, are found from the ink's profile, and only a page without rules goes
through RapidOCR's text detector (the slowest, most memory-hungry step, and one that drops a
lone 序号 digit). Each recognised line becomes evenly spaced characters, so the PDF reader's
own table logic (merges, page breaks, wraps) runs unchanged. A cell whose text was
recognised with low confidence carries it, and its row gets a warning.
"""

from __future__ import annotations

import itertools
import os
import re
from dataclasses import replace
from functools import lru_cache

from .cells import Grid
from .errors import MissingTool

# Measured with bench/ocr.py on the sample scans (bench/README.md): pages rendered at 150 dpi
# read as well as at 300; no angle classifier (deskewed lines are upright). The detector
# takes its input as it is ("max": RapidOCR 1.4 only ever scales an image down, and not one
# under 1500 px; its default "min" scales a band of a page up to 736 px high). Lines are
# recognised one at a time: a batch pads its lines with grey to the widest, which loses
# line-final punctuation, and even batches of lines of one width took more time and memory.
DPI = 150
ENGINE_OPTIONS: dict[str, object] = {"use_cls": False, "det_limit_type": "max",
                                     "rec_batch_num": 1, "intra_op_num_threads": 1}
# Recognition runs in this many threads of one thread each, and detection in one run of this
# many threads; two fill this project's 2-core machine.
STREAMS = min(os.cpu_count() or 1, 2)
# At 150 dpi: rows of a glyph are at most LINE_GAP pixels apart (the strokes of 三), a line is
# at least MIN_LINE pixels tall (9 pt text is 19), ink smaller than SPECK_AREA pixels is
# scanner noise (a full stop is about 12); a row with less than VALLEY of a line's ink
# (its 90th percentile row) is the gap between two lines set close.
LINE_GAP = 4
MIN_LINE = 8
SPECK_AREA = 4
VALLEY = 0.1
# The models' scalar steps and hard-swishes folded into their convolutions: the same results
# to 1e-5 in three quarters of the time (ocr_model); off runs them as RapidOCR ships them.
FOLD_MODELS = True
DETECT_BAND = 400  # pixels of page height the detector sees at once (at 150 dpi)
_INSET = 3  # pixels of a cell's edge left out, where its rule may be
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
    engine = RapidOCR(**ENGINE_OPTIONS)
    engine.text_rec.session = _session("Rec", 1)
    engine.text_det.infer = _session("Det", STREAMS)
    return engine


def _session(part: str, threads: int):
    """RapidOCR's model for ``part`` ("Det", "Rec") on ``threads`` threads a run, its
    arithmetic folded (ocr_model) unless FOLD_MODELS is off.

    Recognition runs in STREAMS threads of one thread each; the detector in one run of STREAMS
    threads, because a band of a page is a large input, which one run's threads share well:
    two runs at once each hold their own buffers (a scan of a page without rules peaked at
    650 MB, not 380 MB, in the same time)."""
    from rapidocr_onnxruntime.main import DEFAULT_CFG_PATH
    from rapidocr_onnxruntime.utils import read_yaml, update_model_path

    from .ocr_model import Session, folded

    path = update_model_path(read_yaml(DEFAULT_CFG_PATH))[part]["model_path"]
    if FOLD_MODELS:
        return Session(folded(path), threads)
    with open(path, "rb") as file:
        return Session(file.read(), threads)


def ocr_pdf(data: bytes, pages, options: dict) -> list[Grid]:
    """Given a scanned PDF (bytes and pdfplumber pages), return grids read by OCR."""
    import pypdfium2

    from .pdf import State, grids_from_chars

    engine = _engine()
    document = pypdfium2.PdfDocument(data, password=options.get("password") or None)
    state = State()
    grids: list[Grid] = []
    for number, page in enumerate(pages, start=1):
        image, binary = _level(_render(document[number - 1]))
        scale = image.shape[1] / float(page.width)
        ink, rules = _ink_and_rules(binary)
        tables = _tables(rules, scale)
        cells = [_pixels(cell, scale) for table in tables for cell in table.cells]
        height = line_height(ink, cells)
        boxes = [line for cell in cells for line in text_lines(ink, cell, height)]
        boxes += _outside(engine, image, ink, [_pixels(t.bbox, scale) for t in tables], height)
        chars = [c for box, text, score in _recognise(engine, image, boxes)
                 for c in _box_chars(box, fix_punctuation(text), score, scale)]
        grids.extend(grids_from_chars(chars, tables, number, state))
    return [_with_paired_quotes(g) for g in grids]


def _render(page):
    import numpy as np

    return np.asarray(page.render(scale=DPI / 72).to_pil().convert("RGB"))


# -- the page image: skew, ink, rules -------------------------------------------------------

def _binary(image):
    """Dark ink as 255 on 0: Otsu's threshold after a light blur, so scanner noise on the
    paper stays paper."""
    import cv2

    gray = cv2.GaussianBlur(cv2.cvtColor(image, cv2.COLOR_RGB2GRAY), (3, 3), 0)
    return cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]


def skew_angle(image) -> float:
    """The page's skew in degrees, from its long horizontal rules (0 when it has none)."""
    return _skew_of(_binary(image))


def _skew_of(binary) -> float:
    """A rule tilted by a degree breaks into steps a pixel apart; joining them vertically makes
    one component per rule, and a line fitted through its pixels gives the angle."""
    import cv2
    import numpy as np

    width = binary.shape[1]
    runs = cv2.morphologyEx(binary, cv2.MORPH_OPEN,
                            cv2.getStructuringElement(cv2.MORPH_RECT, (max(width // 40, 15), 1)))
    joined = cv2.dilate(runs, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 5)))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(joined)
    angles, weights = [], []
    for label in range(1, count):
        x, y, w, h, _area = stats[label]
        if w < width / 4 or h > w / 8:
            continue
        ys, xs = np.nonzero((labels[y:y + h, x:x + w] == label) & (runs[y:y + h, x:x + w] > 0))
        if len(xs) < 2:
            continue
        slope = np.polyfit(xs.astype(float), ys.astype(float), 1)[0]
        angles.append(float(np.degrees(np.arctan(slope))))
        weights.append(w)
    if not angles:
        return 0.0
    order = np.argsort(angles)
    cumulative = np.cumsum(np.asarray(weights)[order])
    return float(np.asarray(angles)[order][np.searchsorted(cumulative, cumulative[-1] / 2)])


def deskew(image):
    """The page turned level (rules horizontal), when it is skewed by more than 0.05°."""
    return _level(image)[0]


def _level(image):
    """(the page levelled, its binary image), binarised once unless it had to be turned."""
    import cv2

    binary = _binary(image)
    angle = _skew_of(binary)
    if abs(angle) < 0.05 or abs(angle) > 5:
        return image, binary
    height, width = image.shape[:2]
    turn = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    turned = cv2.warpAffine(image, turn, (width, height), flags=cv2.INTER_LINEAR,
                            borderValue=(255, 255, 255))
    return turned, _binary(turned)


def _ink_and_rules(binary):
    """(text ink, (horizontal rules, vertical rules)) from the page's binary image: rules are
    long thin runs of ink, text is the rest less specks too small to be a stroke."""
    import cv2
    import numpy as np

    height, width = binary.shape
    rules = tuple(cv2.morphologyEx(binary, cv2.MORPH_OPEN,
                                   cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
                  for kernel in ((max(width // 30, 20), 1), (1, max(height // 40, 20))))
    ink = binary & ~cv2.dilate(rules[0] | rules[1], np.ones((3, 3), np.uint8))
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    specks = stats[:, cv2.CC_STAT_AREA] < SPECK_AREA * (DPI / 150) ** 2
    specks[0] = False
    ink[specks[labels]] = 0
    return ink, rules


def _tables(rules, scale: float) -> list:
    """Ruling lines in the page image (horizontal, vertical) -> pdfplumber tables (in PDF
    points)."""
    import cv2
    from pdfplumber import table as pt

    edges: list[dict] = []
    for orientation, mask in zip("hv", rules, strict=True):
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


def _pixels(bbox, scale: float) -> tuple[int, int, int, int]:
    x0, top, x1, bottom = bbox
    return (round(x0 * scale), round(top * scale), round(x1 * scale), round(bottom * scale))


# -- text lines: inside cells by the ink's profile, elsewhere by detection ---------------------

def _runs(profile, min_gap: int) -> list[tuple[int, int]]:
    """Index ranges where ``profile`` is non-zero, joining runs at most ``min_gap`` apart."""
    import numpy as np

    on = np.flatnonzero(profile)
    if not len(on):
        return []
    breaks = np.flatnonzero(np.diff(on) > min_gap + 1)
    starts = np.concatenate(([on[0]], on[breaks + 1]))
    ends = np.concatenate((on[breaks], [on[-1]]))
    return [(int(a), int(b) + 1) for a, b in zip(starts, ends, strict=True)]


def text_lines(ink, region: tuple[int, int, int, int], line_height: int) -> list:
    """Given the page's text ink, a region's box in pixels and the page's usual line height,
    return the box of each piece of text in the region (4 points, as RapidOCR's detector
    gives them).

    A line is cut where its ink stops for more than two line heights (a date set apart from a
    signature, units spaced across a cell). Boxes stay inside the region, a little looser
    than the ink, as the detector draws them. Inside a table cell, a clean region, this is
    surer than a detector: a lone 序号 digit is found as surely as a paragraph, and text never
    runs into the next cell."""
    import numpy as np

    x0, top, x1, bottom = region
    area = _interior(ink, region)
    if area.size == 0 or not area.any():
        return []
    boxes = []
    for row0, row1 in _line_rows(area.sum(axis=1), line_height):
        height = row1 - row0
        pad = max(2, height // 6)
        for col0, col1 in _runs(area[row0:row1].sum(axis=0), 2 * height):
            left = max(x0 + _INSET + col0 - pad, x0 + 1)
            right = min(x0 + _INSET + col1 + pad, x1 - 1)
            upper = max(top + _INSET + row0 - pad, top + 1)
            lower = min(top + _INSET + row1 + pad, bottom - 1)
            boxes.append(np.array([[left, upper], [right, upper], [right, lower],
                                   [left, lower]], dtype=np.float32))
    return boxes


def line_height(ink, regions: list[tuple[int, int, int, int]]) -> int:
    """The usual height in pixels of a line of text in these regions of the page: the median
    inked run, which is one line in most cells even where a few lines touch."""
    import numpy as np

    shortest = round(MIN_LINE * DPI / 150)
    heights = [b - a for region in regions
               for a, b in _runs(_interior(ink, region).sum(axis=1), _line_gap())
               if b - a >= shortest]
    return int(np.median(heights)) if heights else 3 * shortest


def _interior(ink, region: tuple[int, int, int, int]):
    """The region's ink less a rim of _INSET pixels, where a cell's rule may be."""
    x0, top, x1, bottom = region
    return ink[top + _INSET: bottom - _INSET, x0 + _INSET: x1 - _INSET]


def _line_gap() -> int:
    return max(2, round(LINE_GAP * DPI / 150))


def _line_rows(profile, line_height: int) -> list[tuple[int, int]]:
    """Row ranges of the text lines in a region, given its ink per row.

    Lines set close together touch where one's commas meet the next one's quotes, so a run of
    inked rows is cut again where its ink nearly stops. A piece shorter than a third of a
    glyph (a stroke of 二 or 三) joins its neighbour when the two are no taller than a line."""
    import numpy as np

    shortest = round(MIN_LINE * DPI / 150)
    tallest = round(1.25 * line_height)
    lines: list[tuple[int, int]] = []
    for row0, row1 in _join_strokes(_runs(profile, _line_gap()), shortest, tallest):
        run = profile[row0:row1]
        if row1 - row0 < 2 * shortest:
            lines.append((row0, row1))
            continue
        dense = run > VALLEY * np.percentile(run[run > 0], 90)
        pieces = _join_strokes(_runs(dense, 0), shortest, row1 - row0)
        lines += [(row0 + a, row0 + b) for a, b in pieces] or [(row0, row1)]
    return [(a, b) for a, b in lines if b - a >= 2]


def _join_strokes(runs: list[tuple[int, int]], shortest: int,
                  tallest: int) -> list[tuple[int, int]]:
    """Runs with a piece shorter than ``shortest`` joined to the one above, unless together
    they would be taller than ``tallest``."""
    joined: list[tuple[int, int]] = []
    for a, b in runs:
        if (joined and (b - a < shortest or joined[-1][1] - joined[-1][0] < shortest)
                and b - joined[-1][0] <= tallest):
            joined[-1] = (joined[-1][0], b)
        else:
            joined.append((a, b))
    return joined


def _outside(engine, image, ink, tables: list[tuple[int, int, int, int]], height: int) -> list:
    """Boxes of the text outside the ruled tables: by RapidOCR's detector on a page with no
    table (it may be skewed: only rules tell the skew), by the ink's profile on a page with
    tables, which ``deskew`` has levelled."""
    if not tables:
        return _detect(engine, image, ink)
    rest = ink.copy()
    for x0, top, x1, bottom in tables:
        rest[max(top - 2, 0): bottom + 3, max(x0 - 2, 0): x1 + 3] = 0
    return text_lines(rest, (0, 0, ink.shape[1], ink.shape[0]), height)


def _detect(engine, image, ink) -> list:
    """Text line boxes by RapidOCR's detector, run on bands of the page cut at blank rows
    between lines: its memory follows the band's size (a whole page needs half a gigabyte,
    a band of 400 rows 140 MB), and no line is cut. The bands are of equal height, none
    much over DETECT_BAND, so the last is not the rest of the page."""
    import numpy as np

    count = -(-ink.shape[0] // round(DETECT_BAND * DPI / 150))  # bands of equal height
    step = ink.shape[0] / count
    blank = np.flatnonzero(ink.sum(axis=1) == 0)
    cuts = [0]
    for target in (round(k * step) for k in range(1, count)):
        near = blank[(blank > cuts[-1] + step / 2) & (abs(blank - target) <= step / 3)]
        if len(near):
            cuts.append(int(near[np.argmin(abs(near - target))]))
    cuts.append(ink.shape[0])
    bands = list(itertools.pairwise(cuts))
    found = [engine(image[upper:lower], use_cls=False, use_rec=False)[0] or []
             for upper, lower in bands]
    return [np.asarray(box, dtype=np.float32) + np.float32([0, upper])
            for (upper, _), boxes in zip(bands, found, strict=True) for box in boxes]


def _recognise(engine, image, boxes: list) -> list[tuple]:
    """(box, text, score) of each line RapidOCR reads with confidence."""
    if not boxes:
        return []
    crops = engine.get_crop_img_list(image, boxes)
    shares = [crops[i::STREAMS] for i in range(STREAMS)]  # every n-th: even shares of widths
    read = _in_streams(lambda share: engine.text_rec(share)[0] if share else [], shares)
    texts = [read[i % STREAMS][i // STREAMS] for i in range(len(crops))]
    return [(box, text, float(score)) for box, (text, score) in zip(boxes, texts, strict=True)
            if float(score) >= engine.text_score]


def _in_streams(func, items: list) -> list:
    """``func`` over ``items`` in STREAMS threads, results in order. ONNX Runtime lets go of
    the GIL, and one thread per stream (not two threads on each model run, which spend a
    third of their time waiting on each other over inputs this small) keeps the cores busy."""
    if STREAMS == 1 or len(items) < 2:
        return [func(item) for item in items]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(STREAMS) as pool:
        return list(pool.map(func, items))


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
