"""The cell stream: a table flattened to one cell per line, with no row delimiter to trust.

Web copies of Word tables come with a blank line after every line, with none at all, or
with ``|`` after each cell; a cell with one unit per line gives several lines, an empty or
merged cell none. So rows are found by content, not by blank lines:

1. the header is a run of short lines naming roles (a header cell wrapped over two lines,
   ``责任`` / ``领导``, is joined back);
2. rows start at the line holding the next expected 序号 (n+1; the first may be any k);
3. the lines between two numbers are aligned to the columns after the 序号 (and the
   columns before it, for the next row: a group cell written before the number) in header
   order, 0..k lines per column, by a small dynamic programme over how well each line fits
   each column (units, a date, a person, a sentence);
4. a column before the 序号 left out of a row is a cell merged over rows: the row above's
   value is inherited.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import lru_cache

from .cells import Cell, Grid, Provenance, Row
from .content import looks_like_deadline, looks_like_person, split_names, unit_score
from .header import with_task
from .numbering import parse_seq
from .roles import ROLE_HEADER, complete_word, header_key, word_role

_TEXT_ROLES = ("task", "measure", "progress", "remarks", None)
_MAX_LINES = 400  # lines between two row numbers: past that the stream is not a table


def stream_grid(lines: Sequence[tuple[str, Provenance]]) -> Grid | None:
    """Given a text's lines, return its cell-stream table as a grid, or None if it has no
    header run with numbered rows after it."""
    cells = [(t.strip(), w) for t, w in lines if t.strip().strip("|").strip()]
    rows: list[Row] = []
    i = 0
    found = False
    while i < len(cells):
        header = header_run(cells, i)
        if header is None:
            rows.append((Cell(cells[i][0], cells[i][1]),))
            i += 1
            continue
        end, roles = header
        j = end
        while j < len(cells) and header_run(cells, j) is None:
            j += 1
        table = _table(cells[end:j], roles)
        if table is not None:
            rows.extend(table)
            found = True
        else:
            rows.extend((Cell(t, w),) for t, w in cells[i:j])
        i = j
    return Grid(rows=tuple(rows), kind="stream") if found else None


def header_run(cells: Sequence[tuple[str, Provenance]], start: int,
               ) -> tuple[int, list[str | None]] | None:
    """(index after the header, roles) when a header run starts at ``start``: two or more
    short lines naming roles, one of them the task or a unit column."""
    roles: list[str | None] = []
    i = start
    while i < len(cells):
        word = header_key(cells[i][0])
        if not _header_word(word):
            break
        role = word_role(word)
        if i + 1 < len(cells) and not complete_word(word) and len(word) <= 6:
            nxt = header_key(cells[i + 1][0])
            joined = word + nxt
            if _header_word(nxt) and len(nxt) <= 6 and word_role(joined) is not None:
                roles.append(word_role(joined))
                i += 2
                continue
        if role is None:
            break
        roles.append(role)
        i += 1
    core = {r for r in roles if r in ("seq", "task", "lead", "other", "unit", "deadline")}
    if len(core) < 2 or not core & {"task", "lead", "other", "unit"} \
            or (len(roles) < 3 and "seq" not in roles):
        return None
    return i, roles


def _header_word(word: str) -> bool:
    """Short, no number, not a value such as 各科室 or 有关单位."""
    return (bool(word) and len(word) <= 16 and parse_seq(word) is None
            and not re.match(r"^(?:各|有关|相关)", word) and not re.search(r"[，,。；;、]", word))


def _table(body: Sequence[tuple[str, Provenance]], roles: list[str | None]) -> list[Row] | None:
    numbers = _row_numbers(body)
    if len(numbers) < 1:
        return None
    if "seq" not in roles:
        roles = [*roles[:1], "seq", *roles[1:]] if numbers[0] > 0 else ["seq", *roles]
    at = roles.index("seq")
    pre, post = roles[:at], roles[at + 1:]
    if pre and any(r in _TEXT_ROLES for r in post):
        pre = ["section" if r in _TEXT_ROLES else r for r in pre]
    final = _with_task([*pre, "seq", *post])
    post = final[at + 1:]
    rows: list[Row] = [tuple(Cell(ROLE_HEADER[r or "measure"]) for r in final)]
    breaks = _cell_breaks(body)
    carried = _align(body[: numbers[0]], pre, sink=False,
                     breaks=breaks[: numbers[0]] if breaks else None)
    for n, index in enumerate(numbers):
        stop = numbers[n + 1] if n + 1 < len(numbers) else len(body)
        segment = body[index + 1: stop]
        if len(segment) > _MAX_LINES:
            return None
        last = n + 1 == len(numbers)
        values = _align(segment, post + ([] if last else pre), sink=True,
                        breaks=breaks[index + 1: stop] if breaks else None)
        own, following = values[: len(post)], values[len(post):]
        where = body[index][1]
        pre_cells = [Cell(text, where) if text else Cell(prev.text, where, spanned=True)
                     for text, prev in zip(carried, _previous(rows, len(pre)), strict=True)]
        rows.append((*pre_cells, Cell(body[index][0], where),
                     *(Cell(text, where) for text in own)))
        carried = following or [""] * len(pre)
    return rows


def _cell_breaks(body: Sequence[tuple[str, Provenance]]) -> list[bool] | None:
    """For each line, whether a blank (or ``|``) line came before it, when the stream puts
    one after nearly every cell: then lines with none between them are one cell (a cell
    with a unit a line), and a blank line ends a cell. None for a stream without them."""
    lines = [where.line for _, where in body]
    if len(lines) < 4 or None in lines:
        return None
    breaks = [True] + [b > a + 1 for a, b in itertools.pairwise(lines)]  # type: ignore[operator]
    return breaks if sum(breaks) >= 0.75 * len(breaks) else None


def _previous(rows: list[Row], width: int) -> list[Cell]:
    if len(rows) > 1:
        return list(rows[-1][:width])
    return [Cell("")] * width


def _row_numbers(body: Sequence[tuple[str, Provenance]]) -> list[int]:
    """Indexes of the lines holding the row numbers: the first number, then n+1 each time."""
    out: list[int] = []
    expected: int | None = None
    for i, (text, _) in enumerate(body):
        if len(text) > 6:
            continue
        seq = parse_seq(text)
        if seq is None or not seq.isdigit():
            continue
        if expected is None or int(seq) == expected:
            out.append(i)
            expected = int(seq) + 1
    return out


def _with_task(roles: list[str | None]) -> list[str | None]:
    """One task column: named, else the first measure after the 序号; others measures."""
    roles = with_task(roles)
    seen = False
    for i, role in enumerate(roles):
        if role == "task":
            roles[i] = "measure" if seen else "task"
            seen = True
    return roles


def _align(lines: Sequence[tuple[str, Provenance]], columns: Sequence[str | None],
           sink: bool, gaps: Sequence[bool] | None = None,
           breaks: Sequence[bool] | None = None) -> list[str]:
    """Given the lines between two row numbers and the columns they fill in order, return
    each column's text: the assignment with the best total fit, 0..k lines per column.

    A last pseudo-column takes lines that fit no column (page text after the table).
    ``gaps`` (words of a space-separated row) marks a word after a run of spaces: a new
    cell likely starts there, while a single space also breaks a line inside a cell.
    ``breaks`` (a stream with a blank line after each cell) marks a line after a blank one:
    a cell ends only there."""
    texts = [t for t, _ in lines]
    words = gaps is not None
    cols = list(columns) + (["sink"] if sink else [])
    if not texts or not cols:
        return [""] * len(columns)
    n, m = len(texts), len(cols)
    neg = float("-inf")
    # best[i][j]: lines[:i] placed, line i-1 in column j
    best = [[neg] * m for _ in range(n + 1)]
    back: list[list[int]] = [[-1] * m for _ in range(n + 1)]
    lead_gap = bool(gaps[0]) if gaps else False  # the row's first cell is empty
    for j in range(1 if lead_gap and m > 1 else 0, m):
        best[1][j] = _fit(texts[0], cols[j], first=True, words=words) + _skip(cols[:j])
    for i in range(1, n):
        gap = bool(gaps[i]) if gaps is not None else False
        for j in range(m):
            if best[i][j] == neg:
                continue
            for k in range(j, m):
                gain = _fit(texts[i], cols[k], first=k != j, words=words) \
                    + (_skip(cols[j + 1:k]) if k > j else -_break_cost(texts[i - 1], texts[i],
                                                                       gap, words))
                if breaks is not None and breaks[i] == (k == j):
                    gain -= 0.6 if k == j else 1.0  # a cell across a blank, or cut without one
                if best[i][j] + gain > best[i + 1][k]:
                    best[i + 1][k] = best[i][j] + gain
                    back[i + 1][k] = j
    j = max(range(m), key=lambda c: best[n][c] + _skip(cols[c + 1:]))
    placed = [0] * n
    for i in range(n, 0, -1):
        placed[i - 1] = j
        j = back[i][j] if back[i][j] >= 0 else j
    out = [""] * len(columns)
    for text, col in zip(texts, placed, strict=True):
        if col < len(columns):
            glue = " " if words and cols[col] not in ("lead", "other", "unit") else "\n"
            out[col] = f"{out[col]}{glue}{text}" if out[col] else text
    return out


def _break_cost(before: str, after: str, gap: bool, words: bool) -> float:
    """What it costs to read ``after`` as the same cell as ``before``: a run of spaces
    between them, or (words of one row) a word much longer than the one before (a cell's
    line breaks fall at its width, so its pieces have like lengths, the last shorter)."""
    cost = 0.6 if gap else 0.0
    if words and len(after) > 2 * len(before) + 6:
        cost += 1.5
    return cost


def _skip(columns: Sequence[str | None]) -> float:
    """Columns left empty: common (merged or blank cells), a little costly for core ones."""
    return sum(-0.3 if c in ("task", "lead", "unit") else 0.0 for c in columns)


@lru_cache(maxsize=65536)
def _looks(text: str) -> tuple[float, bool]:
    """(share of the line's names that are units, whether it names a date)."""
    names = split_names(text)
    units = sum(1 for n in names if unit_score(n) >= 1) / len(names) if names else 0.0
    if text.endswith("。"):
        units = 0.0  # a sentence
    return units, looks_like_deadline(text)


def _fit(text: str, role: str | None, first: bool, words: bool = False) -> float:
    """How well one line fits a column; ``first`` is False for a further line of a cell.
    A further word of a space-separated cell (``words``) costs less than a further line."""
    if role == "sink":
        return -1.0
    units, date = _looks(text)
    if role in ("lead", "other", "unit"):
        fit = 2.0 if units == 1 else (0.5 if units >= 0.5 else -2.0)
        # a notice names fewer lead units than others: of several unit lines, the first leads
        # (a lead column, or a unit column that leads)
        return fit - ((0.3 if role in ("lead", "unit") else 0.1) if not first else 0.0)
    if role == "deadline":
        return (2.0 if date else -1.5) - (1.0 if not first else 0.0)
    if role == "leader":
        return 2.0 if looks_like_person(text) and units < 1 else -2.0
    if role == "section":
        return 0.8 if len(text) <= 40 and units < 1 and not date else -1.0
    penalty = 0.0 if first else (0.2 if words else 0.8)
    if role == "task":
        if units == 1 or looks_like_person(text):
            return -0.5 - penalty
        sentence = len(text) >= 4 and not (date and len(text) <= 12)
        return (1.5 if sentence else (0.3 if words else 0.0)) - penalty
    if units == 1:
        return -0.3 - penalty
    return 0.2 - penalty


_SEQ_START = re.compile(r"^\s*(?P<seq>[0-9０-９]{1,4}|[(（][0-9０-９]{1,3}[)）])(?=[ \u3000])")


def spaced_grid(lines: Sequence[tuple[str, Provenance]]) -> Grid | None:
    """One row per numbered line, spaces between cells and inside them (a cell's line
    breaks become spaces on web pages, a unit cell may go on over the next lines): under a
    header line whose words name roles (spaced words joined back: ``牵头  领导``), each
    row's words are aligned to the columns as the cell stream's lines are."""
    texts = [(t.rstrip(), w) for t, w in lines]
    for at, (line, where) in enumerate(texts):
        words = line.split()
        if len(words) < 3:
            continue
        header = header_run([(word, where) for word in words], 0)
        if header is None or header[0] != len(words) or "seq" not in header[1]:
            continue
        roles = _with_task(list(header[1]))
        return _spaced_table(texts, at, roles)
    return None


def _spaced_table(texts: Sequence[tuple[str, Provenance]], at: int,
                  roles: list[str | None]) -> Grid | None:
    seq_at = roles.index("seq")
    post = roles[seq_at + 1:]
    rows: list[Row] = [(Cell(t, w),) for t, w in texts[:at] if t.strip()]
    rows.append(tuple(Cell(ROLE_HEADER[r or "measure"]) for r in roles))
    records: list[tuple[str, Provenance, list[str]]] = []
    trailer: list[tuple[str, Provenance]] = []
    previous: int | None = None
    for line, where in texts[at + 1:]:
        match = _SEQ_START.match(line)
        seq = parse_seq(match.group("seq")) if match else None
        if seq is not None and (previous is None or int(seq) > previous):
            records.append((match.group("seq"), where, [line[match.end():]]))  # type: ignore[union-attr]
            previous = int(seq)
        elif records and line.strip() and not trailer:
            records[-1][2].append(line)
        elif line.strip():
            trailer.append((line.strip(), where))
    if len(records) < 1:
        return None
    for seq, where, body in records:
        words, gaps = _words(body)
        values = _align([(w, where) for w in words], post, sink=True, gaps=gaps)
        pre = [Cell("", where)] * seq_at
        rows.append((*pre, Cell(seq, where), *(Cell(v, where) for v in values)))
    rows.extend((Cell(t, w),) for t, w in trailer)
    return Grid(rows=tuple(rows), kind="stream")


def _words(body: list[str]) -> tuple[list[str], list[bool]]:
    """A row's words, and for each whether a run of spaces (or a line break) precedes it."""
    words: list[str] = []
    gaps: list[bool] = []
    for number, line in enumerate(body):
        for match in re.finditer(r"(?P<space>[ \u3000]*)(?P<word>\S+)", line):
            word = match.group("word")
            if words and _single(word) and _single(words[-1][-1:]) and len(words[-1]) < 4:
                words[-1] += word  # 汪  峰: a name spaced apart, one character a word
                continue
            words.append(word)
            gaps.append(len(match.group("space")) >= 2 or (number > 0 and match.start() == 0))
    return words, gaps


def _single(word: str) -> bool:
    return len(word) == 1 and "\u4e00" <= word <= "\u9fff"
