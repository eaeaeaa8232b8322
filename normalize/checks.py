"""The clerk's check list: what to look at before a table goes out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence


def sequence_warnings(seqs: Sequence[str | None], subrows: Sequence[bool],
                      sections: Sequence[str | None]) -> list[list[str]]:
    """Given each row's 序号, sub-row flag and section, return each row's warnings.

    Flags a gap before a row, a number used by two rows, and a number smaller than the one
    before it. Sub-rows split from one merged row share its number and are not duplicates;
    numbering that starts again at 1 under a new section is not out of order.
    """
    out: list[list[str]] = [[] for _ in seqs]
    numbers = [int(s) if s is not None and s.isdigit() else None for s in seqs]
    restarts = _restarts_per_section(numbers, sections)
    keys = [(sections[i] if restarts else None, n) for i, n in enumerate(numbers)]
    counts = Counter(k for k, n, sub in zip(keys, numbers, subrows, strict=True)
                     if n is not None and not sub)
    previous: int | None = None
    for i, (number, sub) in enumerate(zip(numbers, subrows, strict=True)):
        if number is None or sub:
            continue
        if restarts and i > 0 and sections[i] != sections[i - 1] and number == 1:
            previous = None
        if counts[keys[i]] > 1:
            out[i].append(f"序号 {number} is used by {counts[keys[i]]} rows")
        if previous is not None:
            if number < previous:
                out[i].append(f"序号 {number} comes after {previous} (out of order)")
            elif number > previous + 1:
                missing = f"{previous + 1}" if number == previous + 2 else \
                    f"{previous + 1}–{number - 1}"
                out[i].append(f"序号 gap: {missing} missing before {number}")
        elif number != 1:
            out[i].append(f"序号 starts at {number}, not 1")
        previous = number
    return out


def _restarts_per_section(numbers: Sequence[int | None], sections: Sequence[str | None]) -> bool:
    """True when every section after the first starts its numbering at 1 again."""
    firsts = [n for i, n in enumerate(numbers)
              if n is not None and i > 0 and sections[i] != sections[i - 1]]
    return bool(firsts) and all(n == 1 for n in firsts)
