"""Time fengong on a PDF against pdfplumber's bare ``page.extract_tables()`` on the same pages.

Usage: python bench/pdf_vs_pdfplumber.py [PDF] [--runs N]

Both run in this process, alternating, after one warm-up each (imports and caches paid
before timing); the medians and their ratio are printed. Machines here are shared and noisy:
quote the median of several runs and the machine with every figure.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import pdfplumber

from fengong import extract_tasks

DEFAULT = Path(__file__).resolve().parent.parent / "samples" / "seed" / "ruled.pdf"


def bare(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        return sum(len(t) for page in pdf.pages for t in page.extract_tables())


def ours(path: Path) -> int:
    return len(extract_tasks(path))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pdf", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    timings: dict[str, list[float]] = {"pdfplumber extract_tables": [], "fengong extract": []}
    bare(args.pdf), ours(args.pdf)
    for _ in range(args.runs):
        for name, func in (("pdfplumber extract_tables", bare), ("fengong extract", ours)):
            start = time.perf_counter()
            func(args.pdf)
            timings[name].append(time.perf_counter() - start)
    medians = {name: statistics.median(values) for name, values in timings.items()}
    for name, value in medians.items():
        print(f"{name:28s} median {value * 1000:8.1f} ms over {args.runs} runs")
    ratio = medians["fengong extract"] / medians["pdfplumber extract_tables"]
    print(f"ratio fengong / pdfplumber: {ratio:.2f}x  ({args.pdf.name})")


if __name__ == "__main__":
    main()
