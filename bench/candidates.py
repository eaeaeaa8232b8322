"""What proposing every layout costs: the sample text files read with every candidate
scored (today) against one layout chosen by the first trigger that fires (labels, tabs,
spaces, blocks; prose only when that finds nothing), as the first round did.

    python bench/candidates.py [ROUNDS]

Each round runs both ways in fresh processes (alternated, so the machine's noise hits both
alike), after imports, the dictionary and its tokenizer are loaded; prints the medians and
their ratio.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

CHILD = r"""
import sys, time
from pathlib import Path
from fengong import extract_tasks
from fengong.extract import text as text_module
import fengong.extract as extract
from fengong.normalize.dictionary import load
from fengong.normalize.units import _tokenizer

files = sys.argv[2:]
if sys.argv[1] == "first-trigger":
    from fengong.extract.cells import Provenance

    def first_trigger(lines):
        t = text_module
        piped = t._without_pipes(lines)
        if t.count_labels(piped) >= 2:
            return [("labelled", t.labelled_grid(
                [(line, Provenance(line=i + 1)) for i, line in enumerate(piped)]))]
        if sum(1 for line in piped if "\t" in line.strip()) >= 2:
            return [("tabs", t._tab_rows(piped))]
        spaced = t._spaced_rows(piped)
        if spaced is not None:
            return [("spaces", spaced)]
        return [("cell blocks", t._cell_blocks(piped))]

    text_module.text_layouts = first_trigger
    propose = extract.propose

    def no_prose_unless_empty(data, name="", options=None):
        readings = propose(data, name, options)
        table = [r for r in readings if r[0] != "prose"]
        if extract.rows.assemble(table[0][1]).rows:
            return table
        return readings

    extract.propose = no_prose_unless_empty
extract_tasks(str(Path(files[0]).parent.parent / "plan_b" / "ruled.pdf"))
_tokenizer(load())
extract_tasks(files[0])
start = time.perf_counter()
for name in files[1:]:
    extract_tasks(name)
print(time.perf_counter() - start)
"""


def main(rounds: int = 7) -> None:
    # the text samples the first round read right, so both ways give the same records
    files = sorted(str(p) for d in ("seed", "plan_b", "wild", "prose", "text", "check")
                   for p in (SAMPLES / d).glob("*.txt"))
    times: dict[str, list[float]] = {"first-trigger": [], "every candidate": []}
    for _ in range(rounds):
        for way in times:
            out = subprocess.run([sys.executable, "-c", CHILD, way, *files], check=True,
                                 capture_output=True, text=True).stdout
            times[way].append(float(out))
    base, now = (statistics.median(v) for v in times.values())
    print(f"{len(files) - 1} text files: first trigger {base * 1000:.0f} ms, every candidate "
          f"{now * 1000:.0f} ms (median of {rounds}); ratio {now / base:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
