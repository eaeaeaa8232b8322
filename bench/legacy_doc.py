"""Batch .doc throughput: a LibreOffice per file (before) against one resident office per
worker (after), on the same corpus, runs alternated; prints medians and checks that both
give the same output bytes.

Usage: python bench/legacy_doc.py [--files 60] [--workers 2] [--runs 3]

The corpus is the two sample .doc files copied under other names. Each run is a separate
`fengong extract DIR -o out.jsonl` process; "before" sets FENGONG_ONE_SHOT_OFFICE=1, which
takes today's single-file path (a fresh LibreOffice and profile for every file). Peak memory
is ru_maxrss of the process and of its reaped descendants (workers, LibreOffice).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PEAK = ("import sys, resource; from fengong.cli import main\n"
        "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\nelse:\n    code = 0\n"
        "kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(kids, file=sys.stderr)\nsys.exit(code)")


def build_corpus(root: Path, files: int) -> None:
    sources = sorted(SAMPLES.rglob("*.doc"))
    root.mkdir(parents=True)
    for i in range(files):
        source = sources[i % len(sources)]
        shutil.copy(source, root / f"{i:04d}_{source.parent.name}.doc")


def run(root: Path, out: Path, workers: int, one_shot: bool) -> tuple[float, float]:
    env = {k: v for k, v in os.environ.items() if k != "FENGONG_ONE_SHOT_OFFICE"}
    if one_shot:
        env["FENGONG_ONE_SHOT_OFFICE"] = "1"
    command = [sys.executable, "-c", PEAK, "extract", str(root), "-o", str(out),
               "--workers", str(workers), "-q"]
    start = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    return time.perf_counter() - start, int(proc.stderr.split()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fengong-bench-") as tmp:
        root = Path(tmp) / "corpus"
        build_corpus(root, args.files)
        times: dict[bool, list[float]] = {True: [], False: []}
        peaks: dict[bool, list[float]] = {True: [], False: []}
        for i in range(args.runs):
            for one_shot in (True, False):
                seconds, peak = run(root, Path(tmp) / f"out_{one_shot}_{i}.jsonl",
                                    args.workers, one_shot)
                times[one_shot].append(seconds)
                peaks[one_shot].append(peak)
                print(f"run {i + 1} {'before' if one_shot else 'after '}: {seconds:6.1f} s",
                      flush=True)
        outputs = {p.read_bytes() for p in Path(tmp).glob("out_*.jsonl")}
        print(f"{args.files} .doc files, {args.workers} workers, medians of {args.runs}:")
        for one_shot, label in ((True, "before (LibreOffice per file)"),
                                (False, "after (resident office)")):
            median = statistics.median(times[one_shot])
            print(f"  {label:30s} {median:6.1f} s  {args.files / median:5.1f} files/s  "
                  f"peak RSS of a worker or office {max(peaks[one_shot]):.0f} MB")
        print(f"  speed-up {statistics.median(times[True]) / statistics.median(times[False]):.1f}x;"
              f" outputs identical: {len(outputs) == 1}")


if __name__ == "__main__":
    main()
