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


def dictionary_listing(units_files: tuple[str, ...] = (),
                       kind: str | None = None) -> tuple[str, list[dict]]:
    """The whole dictionary in force (built-in and user files): its version, and each entry
    with every alias that reaches it, in the data's order; only one kind if asked."""
    dictionary = load(units_files)
    rows = [{"canonical": entry.canonical, "aliases": aliases, "successor": entry.successor,
             "year": entry.year, "kind": entry.kind}
            for entry, aliases in dictionary.listing() if kind is None or entry.kind == kind]
    return dictionary.version, rows


def listing_csv(version: str, rows: list[dict]) -> str:
    """The listing as a flat dictionary file: ``--units`` reads it back as it is."""
    import csv
    import io

    from .dictionary import FLAT_HEADER

    out = io.StringIO()
    out.write(f"# version: {version}\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FLAT_HEADER)
    for row in rows:
        writer.writerow([row["canonical"], "|".join(row["aliases"]), row["successor"] or "",
                         row["year"] or "", row["kind"]])
    return out.getvalue()
