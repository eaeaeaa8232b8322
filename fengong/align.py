"""Pair the rows of two versions of a table: which old row became which new row.

Rows are paired in two passes over the similarities of their task texts
(``fengong.similarity``):

1. **Alignment.** The heaviest set of pairs that keeps both tables' order (no two pairs
   cross), weighted by similarity, with a small bonus where the 序号 agrees. This pairs rows
   across insertions, deletions and renumbering, as a line diff does, but by similarity
   rather than equality, so a reworded row is still paired. Solved as a heaviest increasing
   chain over the candidate pairs with a Fenwick tree: O(K log K) for K candidates, so a
   table of thousands of rows costs no n×m table.
2. **Moves.** Rows the alignment left over are paired greedily, most similar first: a row
   moved to another section crosses the others and cannot be in the alignment.

A pair needs a similarity of at least ``PAIR_THRESHOLD``, or ``SEQ_THRESHOLD`` when both
rows carry the same 序号 (the same slot of the table, reworded more heavily), and neither row
may have another partner ``OUTDONE`` more similar. Below, the two rows are different tasks:
one removed, one added.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple

from fengong.similarity import bigrams

PAIR_THRESHOLD = 0.5
"""Bigram Dice at which two task texts are the same task. Within any one sample table no two
different tasks reach 0.42; across all 212 distinct sample tasks seven pairs reach 0.5, all
short ones (城东快速路建设 / 开工建设城东快速路)."""
SEQ_THRESHOLD = 0.3
"""The lower bar for two rows with the same 序号: a slot of the table reworded more heavily
(two different tasks of like wording under one number are paired too, as changed)."""
OUTDONE = 0.25
"""A pair is no candidate when either row has another partner this much more similar: a row
whose text is found whole elsewhere (moved there) is not paired with a weak look-alike that
happens to hold its old number."""
SEQ_BONUS = 0.05
"""Added to a pair's weight when the 序号 agrees: of equally similar rows, the same number
wins."""

Pair = tuple[int, int]


def similarities(old: Sequence[str], new: Sequence[str],
                 floor: float = SEQ_THRESHOLD) -> dict[Pair, float]:
    """Given the task texts of two tables, return the Dice similarity of every (old, new)
    index pair that reaches ``floor`` (pairs sharing no bigram are never looked at)."""
    new_grams = [bigrams(text) for text in new]
    index: dict[str, list[int]] = defaultdict(list)
    for j, grams in enumerate(new_grams):
        for gram in grams:
            index[gram].append(j)
    found: dict[Pair, float] = {}
    for i, text in enumerate(old):
        grams = bigrams(text)
        if not grams:
            found.update({(i, j): 1.0 for j, g in enumerate(new_grams) if not g})
            continue
        shared: dict[int, int] = defaultdict(int)
        for gram in grams:
            for j in index.get(gram, ()):
                shared[j] += 1
        for j, count in shared.items():
            score = 2 * count / (len(grams) + len(new_grams[j]))
            if score >= floor:
                found[(i, j)] = score
    return found


class RowPair(NamedTuple):
    """An old row and the new row it became."""

    old: int
    new: int
    similarity: float
    moved: bool  # paired after the alignment: it crosses the other pairs


def pair_rows(old: Sequence[str], new: Sequence[str], old_seqs: Sequence[str | None],
              new_seqs: Sequence[str | None]) -> list[RowPair]:
    """Given two tables' task texts and 序号, return their pairs in the new table's order;
    rows in no pair were removed (old) or added (new)."""
    weights: dict[Pair, float] = {}
    sims = similarities(old, new)
    best_old: dict[int, float] = defaultdict(float)
    best_new: dict[int, float] = defaultdict(float)
    for (i, j), score in sims.items():
        best_old[i] = max(best_old[i], score)
        best_new[j] = max(best_new[j], score)
    for (i, j), score in sims.items():
        same_seq = old_seqs[i] is not None and old_seqs[i] == new_seqs[j]
        outdone = max(best_old[i], best_new[j]) - score >= OUTDONE
        if not outdone and (score >= PAIR_THRESHOLD or (same_seq and score >= SEQ_THRESHOLD)):
            weights[(i, j)] = score + (SEQ_BONUS if same_seq else 0.0)
    aligned = set(heaviest_chain(weights, len(new)))
    pairs = set(aligned)
    used_old = {i for i, _ in pairs}
    used_new = {j for _, j in pairs}
    for (i, j), _weight in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0])):
        if i not in used_old and j not in used_new:
            pairs.add((i, j))
            used_old.add(i)
            used_new.add(j)
    return [RowPair(i, j, sims[(i, j)], (i, j) not in aligned)
            for i, j in sorted(pairs, key=lambda p: (p[1], p[0]))]


def heaviest_chain(weights: dict[Pair, float], width: int) -> list[Pair]:
    """Given weighted (i, j) pairs, return the heaviest chain with i and j both strictly
    increasing (a weighted longest common subsequence over the candidate pairs only)."""
    order = sorted(weights, key=lambda p: (p[0], -p[1]))  # same i: larger j first, so
    # one old row never chains onto itself
    tree: list[tuple[float, int]] = [(0.0, -1)] * (width + 1)  # prefix max over j
    best: list[float] = []
    back: list[int] = []
    for k, (_i, j) in enumerate(order):
        value, previous = _prefix_max(tree, j)  # chains ending at a j' < j
        best.append(value + weights[order[k]])
        back.append(previous)
        _update(tree, j + 1, (best[k], k))
    if not order:
        return []
    k = max(range(len(order)), key=lambda n: (best[n], -n))
    chain = []
    while k >= 0:
        chain.append(order[k])
        k = back[k]
    return chain[::-1]


def _prefix_max(tree: list[tuple[float, int]], count: int) -> tuple[float, int]:
    """The best (value, index) among positions 1..count of the Fenwick tree."""
    best = (0.0, -1)
    while count > 0:
        if tree[count][0] > best[0]:
            best = tree[count]
        count -= count & -count
    return best


def _update(tree: list[tuple[float, int]], position: int, item: tuple[float, int]) -> None:
    while position < len(tree):
        if item[0] > tree[position][0]:
            tree[position] = item
        position += position & -position
