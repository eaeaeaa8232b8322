"""The scan's geometry before recognition: lines found in a cell's ink, and the page's skew.

Drawn images, so each case is exact: a 150 dpi page where a line of text is a band of ink
24 pixels tall, as 12 pt text is.
"""

from __future__ import annotations

import pytest

cv2 = pytest.importorskip("cv2")
np = pytest.importorskip("numpy")

from fengong.extract import ocr  # noqa: E402

LINE = 24


def _ink(bands: list[tuple[int, int]], width: int = 300, height: int = 200):
    """A cell's ink: full-width bands of rows (top, bottom), in a 3-pixel frame left blank."""
    ink = np.zeros((height, width), np.uint8)
    for top, bottom in bands:
        ink[top:bottom, 10:width - 10] = 255
    return ink


def _rows(ink) -> list[tuple[int, int]]:
    boxes = ocr.text_lines(ink, (0, 0, ink.shape[1], ink.shape[0]), LINE)
    return [(int(b[0][1]), int(b[2][1])) for b in boxes]


def test_separate_lines_are_separate_boxes_a_little_looser_than_the_ink():
    assert _rows(_ink([(20, 44), (60, 84)])) == [(16, 48), (56, 88)]


def test_lines_set_close_are_cut_where_the_ink_nearly_stops():
    ink = _ink([(20, 44), (46, 70)])  # two pixels apart: one run of rows
    ink[44:46, 10:14] = 255           # a comma of the first line meets the next line
    assert len(_rows(ink)) == 2


def test_the_strokes_of_one_glyph_stay_one_line():
    # 二: two strokes 3 pixels thick, 12 apart, and no taller than a line together
    assert len(_rows(_ink([(30, 33), (45, 48)]))) == 1


def test_a_thin_line_above_a_full_one_stays_its_own_line():
    # a line of dashes (——) above a line of text: together taller than a line
    assert len(_rows(_ink([(20, 23), (31, 55)]))) == 2


def test_text_far_apart_on_a_line_is_cut_in_two():
    ink = np.zeros((60, 600), np.uint8)
    ink[20:44, 10:100] = 255
    ink[20:44, 400:500] = 255
    boxes = ocr.text_lines(ink, (0, 0, 600, 60), LINE)
    assert [(int(b[0][0]), int(b[1][0])) for b in boxes] == [(6, 104), (396, 504)]


def test_the_line_height_is_the_usual_run():
    ink = _ink([(20, 44), (60, 84), (100, 150)])  # the last: two lines touching
    assert ocr.line_height(ink, [(0, 0, 300, 200)]) == 24


def test_skew_is_measured_from_the_rules_and_levelled():
    page = np.full((800, 600, 3), 255, np.uint8)
    for y in (100, 300, 500):
        page[y:y + 2, 50:550] = 0
    page[300:320, 100:400] = 0  # text does not count
    turned = cv2.warpAffine(page, cv2.getRotationMatrix2D((300, 400), -0.8, 1.0), (600, 800),
                            borderValue=(255, 255, 255))
    assert ocr.skew_angle(page) == pytest.approx(0, abs=0.05)
    assert abs(ocr.skew_angle(turned)) == pytest.approx(0.8, abs=0.1)
    assert ocr.skew_angle(ocr.deskew(turned)) == pytest.approx(0, abs=0.1)


def test_a_page_without_rules_is_not_turned():
    page = np.full((400, 300, 3), 255, np.uint8)
    for x in range(20, 260, 24):  # a line of glyphs
        page[100:124, x:x + 20] = 0
    assert ocr.skew_angle(page) == pytest.approx(0, abs=0.05)
    assert ocr.deskew(page) is page


@pytest.mark.parametrize("height", [1650, 1754, 2339])  # Letter, A4, A4 landscape's width
def test_a_page_without_tables_is_detected_in_bands_cut_between_lines(height):
    page = np.full((height, 1275, 3), 255, np.uint8)
    ink = np.zeros(page.shape[:2], np.uint8)
    for top in range(100, height - 100, 40):  # lines of text every 40 rows, 24 tall
        ink[top:top + LINE, 100:1100] = 255
    seen: list[tuple[int, int]] = []

    def detector(image, use_cls, use_rec):
        seen.append(image.shape[:2])
        return [[[0, 5], [50, 5], [50, 20], [0, 20]]], [0.0]

    boxes = ocr._detect(detector, page, ink)
    assert len(seen) > 2 and sum(h for h, _ in seen) == height
    assert all(h <= ocr.DETECT_BAND + 40 for h, _ in seen)  # at most a line over
    cuts = np.cumsum([h for h, _ in seen])[:-1]
    assert not ink[cuts].any()  # no line is cut
    assert [int(b[0][1]) for b in boxes] == [5, *(int(c) + 5 for c in cuts)]


def test_streams_give_results_in_order(monkeypatch):
    import time

    monkeypatch.setattr(ocr, "STREAMS", 2)
    assert ocr._in_streams(lambda n: time.sleep(0.01 * (5 - n)) or n * n, list(range(5))) == [
        0, 1, 4, 9, 16]
