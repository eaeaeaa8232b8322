"""What loading records into SQLite costs against extracting them: every sample but the scans
is extracted in this process (timed), copied under other notice ids until there are at least
1,000 records, and loaded into a new database one file at a time, as a batch run does.

    python bench/sqlite_load.py [ROUNDS]

Prints the medians of both and their ratio (the goal: loading under 10% of extracting).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from fengong import extract_tasks
from fengong.output.sqlite import SqliteWriter

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def main(rounds: int) -> None:
    files = sorted(p for p in SAMPLES.rglob("*") if p.is_file() and not p.name.endswith(
        ".json") and "scanned" not in p.name and p.suffix != ".doc")
    extract_tasks(files[0])  # imports, the dictionary and the tokenizer, loaded once
    extract_times, load_times = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        per_file = [[t.to_dict() for t in extract_tasks(f)] for f in files]
        copies = 1
        while sum(map(len, per_file)) * copies < 1000:
            copies += 1
        extract_times.append((time.perf_counter() - start) * copies)
        batches = [[{**r, "task_id": f"{copy:04d}{r['task_id'][4:]}"} for r in records]
                   for copy in range(copies) for records in per_file if records]
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            writer = SqliteWriter(Path(folder) / "t.db")
            for batch in batches:
                writer.write(batch)
            writer.close()
            load_times.append(time.perf_counter() - start)
        records = sum(map(len, batches))
    extract_s, load_s = statistics.median(extract_times), statistics.median(load_times)
    print(f"{records} records from {len(files)} files × {copies}: extracting {extract_s:.2f} s, "
          f"loading {load_s:.3f} s ({load_s / extract_s:.1%} of extracting)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
