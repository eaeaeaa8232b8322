"""Unit report for clerks extending the dictionary: every name met, resolved and counted."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .dictionary import load
from .units import resolve


@dataclass(frozen=True)
class UnitCount:
    name: str
    canonical: str
    kind: str
    known: bool
    count: int


def unit_counts(names: Iterable[str], units_files: tuple[str, ...] = ()) -> list[UnitCount]:
    """Given unit names as written, return each once with its resolution and how often it
    appeared: unknown names first, then by count."""
    dictionary = load(units_files)
    counts = Counter(names)
    rows = []
    for name, count in counts.items():
        found = resolve(name, dictionary)
        rows.append(UnitCount(name, found.canonical, found.kind, found.known, count))
    return sorted(rows, key=lambda r: (r.known, -r.count, r.name))
