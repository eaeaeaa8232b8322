"""The one scorer: how good a reading of a notice is, judged by its rows' content.

Readers propose every plausible layout (one cell per line, tabs, spaces, pipes, labels,
prose, a cell stream); each proposal is assembled into rows and scored here; the best wins
(``pick``). A good reading has numbered rows in sequence, unit cells that look like units,
deadline cells that parse as deadlines, task cells that read as sentences and differ from
row to row, and nothing shifted (a date in a unit cell, units in the task).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .cells import Document, RawRow
from .content import looks_like_deadline, looks_like_units, split_names, unit_score


@dataclass(frozen=True)
class Candidate:
    """One proposed reading: the layout's name, its document and its score."""

    layout: str
    document: Document
    score: float


def row_score(row: RawRow) -> float:
    """Given one raw row, return how much it reads like a task row (about -2 to 3)."""
    score = 0.0
    task = row.task.strip()
    if len(task) >= 4 and not looks_like_units(task) and not looks_like_deadline(task):
        score += 1.0
    elif task:
        score -= 0.5
    else:
        score -= 1.0
    names = [n for cell in (row.lead, row.other) for n in split_names(cell)]
    if names:
        share = sum(1 for n in names if unit_score(n) >= 1) / len(names)
        score += 1.5 * share - 0.5 * (1 - share)
        if any(looks_like_deadline(n) and unit_score(n) < 1 for n in names):
            score -= 1.0  # a date in a unit cell: shifted
    if row.deadline.strip():
        score += 0.5 if looks_like_deadline(row.deadline) or len(row.deadline) > 30 else -1.0
    return score


def sequence_score(seqs: Sequence[str | None]) -> float:
    """Numbered rows in sequence earn, gaps and disorder cost; restarts at 1 are free (a new
    table or section)."""
    score = 0.0
    previous: int | None = None
    for seq in seqs:
        if seq is None or not seq.isdigit():
            continue
        number = int(seq)
        if previous is not None:
            if number == previous + 1:
                score += 0.5
            elif number == previous:
                pass  # sub-rows of one merged row
            elif number == 1:
                pass
            else:
                score -= 0.5
        previous = number
    return score


def document_score(document: Document) -> float:
    """Given an assembled document, return its reading's score (0 for no rows)."""
    rows = document.rows
    if not rows:
        return 0.0
    tasks = [r.task.strip() for r in rows if r.task.strip()]
    repeated = len(tasks) - len(set(tasks))
    return (sum(row_score(r) for r in rows) + sequence_score([r.seq for r in rows])
            - 0.5 * repeated)


def pick(candidates: Sequence[tuple[str, Document]]) -> tuple[Document, tuple[Candidate, ...]]:
    """Given proposed readings in order of preference, return the best one and every
    candidate with its score, best first (ties go to the earlier proposal)."""
    scored = [Candidate(name, doc, round(document_score(doc), 2)) for name, doc in candidates]
    ranked = sorted(enumerate(scored), key=lambda pair: (-pair[1].score, pair[0]))
    ordered = tuple(c for _, c in ranked)
    return ordered[0].document, ordered
