"""Batch throughput: a corpus of a few hundred files built from samples/, run with 1 and 2
workers; prints files/s, rows/s and peak memory (parent and workers).

Usage: python bench/batch.py [--copies N] [--workers 1 2] [--rounds R]

The corpus is every sample except the scans (OCR would dominate), copied N times under
different names into a temporary directory. Each run is a separate `fengong extract`
process, so peak memory is measured per run (ru_maxrss of the process and its children).
With several rounds the worker counts alternate, and the speed-up is each round's and the
ratio of the medians: on a shared machine the speed of one run says little.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def build_corpus(root: Path, copies: int) -> int:
    sources = [p for p in sorted(SAMPLES.rglob("*")) if p.is_file()
               and not p.name.endswith(".json") and "scanned" not in p.name]
    for copy in range(copies):
        folder = root / f"batch{copy:02d}"
        folder.mkdir(parents=True)
        for source in sources:
            shutil.copy(source, folder / f"{source.parent.name}_{source.name}")
    return len(sources) * copies


def run(root: Path, workers: int) -> dict:
    out = root.parent / f"out_{workers}.jsonl"
    command = [sys.executable, "-c",
               "import sys, resource; from fengong.cli import main\n"
               "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\nelse:\n    code = 0\n"
               "me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
               "kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
               "print(me, kids, file=sys.stderr)\n"
               "sys.exit(code)",
               "extract", str(root), "-o", str(out), "--workers", str(workers), "-q"]
    start = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    me, kids = (int(v) for v in proc.stderr.split()[-2:])
    rows = sum(1 for _ in out.open(encoding="utf-8"))
    files = len({json.loads(line)["source"] for line in out.open(encoding="utf-8")})
    return {"workers": workers, "seconds": seconds, "files": files, "rows": rows,
            "parent_mb": me / 1024, "worker_mb": kids / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fengong-bench-") as tmp:
        root = Path(tmp) / "corpus"
        total = build_corpus(root, args.copies)
        print(f"corpus: {total} files ({args.copies} copies of each sample but the scans)")
        rounds = [[run(root, workers) for workers in args.workers] for _ in range(args.rounds)]
        for number, results in enumerate(rounds, start=1):
            for r in results:
                print(f"round {number} workers {r['workers']}: {r['seconds']:6.1f} s  "
                      f"{r['files'] / r['seconds']:6.1f} files/s  "
                      f"{r['rows'] / r['seconds']:7.0f} rows/s  peak RSS parent "
                      f"{r['parent_mb']:.0f} MB, worker {r['worker_mb']:.0f} MB")
        if len(args.workers) > 1:
            first, last = args.workers[0], args.workers[-1]
            each = [results[0]["seconds"] / results[-1]["seconds"] for results in rounds]
            median = (statistics.median(results[0]["seconds"] for results in rounds)
                      / statistics.median(results[-1]["seconds"] for results in rounds))
            print(f"speed-up {first} -> {last} workers: "
                  + ", ".join(f"{x:.2f}x" for x in each)
                  + (f"; medians {median:.2f}x" if len(rounds) > 1 else ""))

if __name__ == "__main__":
    main()
