"""Dask LocalCluster at 1 and 2 workers against the local process pool on the same files.

Usage: python bench/dask_vs_local.py [--copies N]

Same corpus as bench/batch.py (every sample but the scans, copied N times). Each run is a
separate `fengong extract` process; the Dask runs include starting the LocalCluster.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from batch import build_corpus


def timed(root: Path, out: Path, *extra: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "fengong.cli", "extract", str(root), "-o", str(out),
                    "-q", *extra], check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fengong-bench-") as tmp:
        root = Path(tmp) / "corpus"
        files = build_corpus(root, args.copies)
        print(f"corpus: {files} files")
        rows = {}
        for workers in (1, 2):
            local = timed(root, Path(tmp) / f"local{workers}.jsonl", "--workers", str(workers))
            dask = timed(root, Path(tmp) / f"dask{workers}.jsonl", "--scheduler", "local",
                         "--workers", str(workers))
            same = (Path(tmp) / f"local{workers}.jsonl").read_bytes() == \
                (Path(tmp) / f"dask{workers}.jsonl").read_bytes()
            rows[workers] = (local, dask)
            print(f"{workers} worker(s): local pool {local:6.1f} s ({files / local:5.1f} files/s)"
                  f"  dask LocalCluster {dask:6.1f} s ({files / dask:5.1f} files/s)"
                  f"  overhead {dask / local - 1:+.0%}  identical output: {same}")


if __name__ == "__main__":
    main()
