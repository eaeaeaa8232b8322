"""Rows of an unruled PDF table from geometry, not from text order.

Word and WPS centre cells vertically (or align them to the bottom), so a 序号 may sit in the
middle of its row and the lines above it belong to that row, not to the one before. The row
bands are cut at the paragraph ends of the widest column (the task), one cut between two
neighbouring 序号; where there is a choice, the cuts are those that sit every 序号 in its
band the same way (top, middle or bottom), found by a small dynamic programme for each
alignment, the cheapest alignment winning. Each column's text then goes to the band that
holds its centre; a block of text crossing a cut that cannot be split into pieces aligned in
their bands is a merged cell and fills every band it covers (a merged cell centred in its
span also fills the empty bands it is centred over).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

ALIGNMENTS = ("top", "middle", "bottom")  # in order of preference when all fit as well
_SENTENCE_END = ("。", "；", ";", "！", "？")


class Line(Protocol):
    """A line of text inside one column: what geometry needs of it."""

    top: float
    bottom: float

    @property
    def x1(self) -> float: ...

    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class Band:
    """One row's stretch of the page, from cut to cut, and the extent of its content."""

    top: float
    bottom: float
    content_top: float
    content_bottom: float
    anchored: bool  # holds a 序号 (else it continues the row above, cut by a page break)


@dataclass(frozen=True)
class Geometry:
    """What a page's text says about its rows: line size, usual in-cell gap, right edges."""

    size: float
    gap: float


def _centre(line: Line) -> float:
    return (line.top + line.bottom) / 2


def _error(align: str, top: float, bottom: float, content_top: float,
           content_bottom: float) -> float:
    """How far a piece spanning top..bottom is from sitting in its band as ``align`` says."""
    if align == "top":
        return abs(top - content_top)
    if align == "bottom":
        return abs(content_bottom - bottom)
    return abs((top + bottom) / 2 - (content_top + content_bottom) / 2)


Cut = tuple[float, float]  # the open stretch between two lines where a row may end


def paragraph_cuts(task: Sequence[Line], right: float, geometry: Geometry) -> list[Cut]:
    """Given a column's lines, return the gaps after each paragraph end: after a line short
    of the column's right edge, a sentence's end, or a gap wider than usual."""
    cuts = []
    for line, following in itertools.pairwise(task):
        short = line.x1 < right - 1.2 * geometry.size
        wide = following.top - line.bottom > 1.5 * geometry.gap + 1
        if short or wide or line.text.rstrip().endswith(_SENTENCE_END):
            cuts.append((line.bottom, following.top))
    return cuts


def _mid(cut: Cut) -> float:
    return (cut[0] + cut[1]) / 2


def cut_rows(anchors: Sequence[Line], task: Sequence[Line], cuts: Sequence[Cut],
             top: float, bottom: float, continued: bool, align: str,
             ) -> tuple[list[Cut], float]:
    """Given the 序号 lines, the task lines and the possible cuts of one stretch of table
    (between headings), return the cuts chosen (the first may leave a part of a row cut by
    the page break above it, when ``continued``) and what they cost for ``align``."""
    between: list[list[Cut]] = []
    for here, following in itertools.pairwise(anchors):
        lo, hi = _centre(here), _centre(following)
        options = [c for c in cuts if lo < _mid(c) < hi]
        between.append(options or [(here.bottom, following.top)])
    first = [(top, top)]
    if continued:  # what comes before the first row's task may end the row cut above
        opening = [(top, task[0].top)] if task and task[0].top > top + 1 else []
        first += [c for c in [*opening, *cuts] if _mid(c) < anchors[0].top]
    stages = [first, *between, [(bottom, bottom)]]

    centres = [_centre(t) for t in task]  # in order: the task lines are sorted

    def cost(i: int, lo: float, hi: float) -> float:
        anchor = anchors[i]
        inside = task[bisect.bisect_left(centres, lo):bisect.bisect_right(centres, hi)]
        content_top = min([anchor.top, *(t.top for t in inside)])
        content_bottom = max([anchor.bottom, *(t.bottom for t in inside)])
        return _error(align, anchor.top, anchor.bottom, content_top, content_bottom)

    # a cut row is likelier than a first task of two paragraphs, when both fit as well
    best: dict[Cut, tuple[float, list[Cut]]] = {
        c: (0.0 if c == (top, top) else -1e-6, [c]) for c in stages[0]}
    for i, options in enumerate(stages[1:]):
        step: dict[Cut, tuple[float, list[Cut]]] = {}
        for hi in options:
            step[hi] = min(((total + cost(i, _mid(lo), _mid(hi)), [*path, hi])
                            for lo, (total, path) in best.items() if _mid(lo) < _mid(hi)),
                           key=lambda item: item[0], default=(float("inf"), [hi]))
        best = step
    total, path = next(iter(best.values()))
    return ([(top, top), *path] if path[0] != (top, top) else path), total


def settle(cuts: Sequence[Cut], lines: Sequence[Line], align: str) -> list[float]:
    """Given the chosen cuts and every line of the stretch, return where each row ends: in
    a stretch of the gap that no line crosses (a unit cell taller than the task hangs into
    the gap), the lowest for cells aligned to the top (what hangs belongs to the row above),
    the highest for the bottom, else the widest."""
    out = []
    for lo, hi in cuts:
        inside = sorted((max(line.top, lo), min(line.bottom, hi)) for line in lines
                        if line.bottom > lo and line.top < hi)
        clear, at = [], lo
        for top, bottom in inside:
            if top > at:
                clear.append((at, top))
            at = max(at, bottom)
        if hi > at or not clear:
            clear.append((at, hi) if hi > at else (lo, hi))
        if align == "top":
            pick = clear[-1]
        elif align == "bottom":
            pick = clear[0]
        else:
            pick = max(clear, key=lambda c: c[1] - c[0])
        out.append(_mid(pick))
    return out


def bands_of(cuts: Sequence[float], anchors: Sequence[Line], task: Sequence[Line],
             ) -> list[Band]:
    """Given the cuts, return the bands between them with their content's extent."""
    bands = []
    for lo, hi in itertools.pairwise(cuts):
        inside = [line for line in [*anchors, *task] if lo <= _centre(line) <= hi]
        anchored = any(lo <= _centre(a) <= hi for a in anchors)
        bands.append(Band(lo, hi, min((t.top for t in inside), default=lo),
                          max((t.bottom for t in inside), default=hi), anchored))
    return bands


def _band_of(y: float, bands: Sequence[Band]) -> int:
    for index, band in enumerate(bands):
        if y <= band.bottom:
            return index
    return len(bands) - 1


def place(lines: Sequence[Line], bands: Sequence[Band], align: str, right: float,
          geometry: Geometry, spread: bool) -> list[list[tuple[Line, bool]]]:
    """Given one column's lines, return each band's lines, each marked True when it is a
    copy of a merged cell's text (``spread``: the column may hold cells merged over rows)."""
    placed: list[list[tuple[Line, bool]]] = [[] for _ in bands]
    for block in _blocks(lines, geometry):
        pieces: dict[int, list[Line]] = {}
        for line in block:
            pieces.setdefault(_band_of(_centre(line), bands), []).append(line)
        if len(pieces) == 1 or not spread or _splits(pieces, bands, align, right, geometry):
            for index, piece in pieces.items():
                placed[index].extend((line, False) for line in piece)
            continue
        first, last = min(pieces), max(pieces)
        for index in range(first, last + 1):
            placed[index].extend((line, index != first) for line in block)
    if spread and align != "top":
        _spread_over_empty(placed, bands, align, geometry)
    return placed


def _blocks(lines: Sequence[Line], geometry: Geometry) -> list[list[Line]]:
    """Lines set as one cell's text: each close under the one before."""
    blocks: list[list[Line]] = []
    for line in lines:
        if blocks and line.top - blocks[-1][-1].bottom <= 1.3 * geometry.gap + 1:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


def _splits(pieces: dict[int, list[Line]], bands: Sequence[Band], align: str, right: float,
            geometry: Geometry) -> bool:
    """A block over several bands is several cells when each piece ends a paragraph and
    sits in its band as the table aligns its cells; else it is one merged cell."""
    tolerance = 0.6 * (geometry.size + geometry.gap)
    ordered = sorted(pieces.items())
    for (_, piece), _next in itertools.pairwise(ordered):
        if piece[-1].x1 >= right - 1.2 * geometry.size \
                and not piece[-1].text.rstrip().endswith(_SENTENCE_END):
            return False  # a line wrapped across the cut: one cell
    return all(_error(align, p[0].top, p[-1].bottom, bands[i].content_top,
                      bands[i].content_bottom) <= tolerance for i, p in ordered)


def _spread_over_empty(placed: list[list[tuple[Line, bool]]], bands: Sequence[Band],
                       align: str, geometry: Geometry) -> None:
    """A merged cell printed once in the middle (or at the bottom) of its span also fills the
    empty bands above it it is aligned over; the bands below are filled down by the reader."""
    tolerance = 0.6 * (geometry.size + geometry.gap)
    index = 0
    while index < len(placed):
        own = [line for line, copy in placed[index] if not copy]
        if not own:
            index += 1
            continue
        last = index
        while last + 1 < len(placed) and placed[last + 1] and all(c for _, c in placed[last + 1]):
            last += 1
        top, bottom = own[0].top, own[-1].bottom
        best = (index, last)
        best_error = _error(align, top, bottom, bands[index].content_top,
                            bands[last].content_bottom)
        for first in range(index - 1, -1, -1):
            if placed[first] or not bands[first].anchored:
                break
            ends = range(last, len(placed)) if align == "middle" else [last]
            for end in ends:
                if end > last and placed[end]:
                    break
                error = _error(align, top, bottom, bands[first].content_top,
                               bands[end].content_bottom)
                if error <= tolerance and error <= best_error + 0.5:
                    best, best_error = (first, end), error
        for other in range(best[0], best[1] + 1):
            if other < index or other > last:
                placed[other] = [(line, True) for line in own]
        index = max(last, best[1]) + 1
