"""Scans: seconds a page, peak memory and rows exact of the OCR path under several settings,
each run a separate `fengong extract SCAN -f json` process, settings alternated round by
round; prints medians.

Usage: python bench/ocr.py [--runs 3] [--only NAME ...] [--scans PDF ...] [--python EXE]

The scans are `samples/*/scanned*.pdf` (our two renders and the six of `samples/scans`), each
scored against its `.expected.json` as the project's scorer does (seq, task, units and
deadline equal, whitespace ignored). A setting is a set of values for `fengong.extract.ocr`
(DPI, ENGINE_OPTIONS for RapidOCR, …) applied before the run. `--python` runs the processes
with another interpreter, e.g. one with an older fengong installed, to compare versions
(`--only default`).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SCANS = sorted(SAMPLES.glob("*/scanned*.pdf"))
PYTHON = [sys.executable]
SETTINGS: dict[str, dict] = {
    "default": {},
    "unfolded": {"FOLD_MODELS": False},  # the models as RapidOCR ships them
    "dpi200": {"DPI": 200},
    "dpi300": {"DPI": 300},
    "batch6": {"ENGINE_OPTIONS": {"use_cls": False, "det_limit_type": "max",
                                  "rec_batch_num": 6}},  # RapidOCR's own batches
    "threads1": {"STREAMS": 1},  # one model run at a time, on one core
    "one-stream": {"STREAMS": 1,  # one model run at a time, ONNX Runtime's threads on it
                   "ENGINE_OPTIONS": {"use_cls": False, "det_limit_type": "max",
                                      "rec_batch_num": 1}},
    "rec-width160": {"ENGINE_OPTIONS": {"use_cls": False, "det_limit_type": "max",
                                        "rec_batch_num": 1, "rec_img_shape": [3, 48, 160]}},
}
RUN = ("import json, resource, sys\nfrom fengong.extract import ocr\n"
       "for k, v in json.loads(sys.argv[1]).items():\n    setattr(ocr, k, v)\n"
       "from fengong.cli import main\n"
       "sys.argv = ['fengong', 'extract', sys.argv[2], '-f', 'json']\n"
       "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\nelse:\n    code = 0\n"
       "use = [resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]\n"
       "cpu = sum(u.ru_utime + u.ru_stime for u in use)\n"
       "print(max(u.ru_maxrss for u in use), cpu, file=sys.stderr)\n"
       "sys.exit(code)")


def _clean(text) -> str:
    return re.sub(r"\s+", "", text or "")


def _key(row: dict) -> tuple:
    def units(values) -> tuple:
        return tuple(re.sub(r"等(有关)?(部门|单位)?$", "", _clean(v)) or _clean(v)
                     for v in values or [] if _clean(v))

    return (re.sub(r"\D", "", str(row.get("seq") or "")), _clean(row.get("task")),
            units(row.get("lead_units")), units(row.get("other_units")),
            _clean(row.get("deadline")))


def expected_rows(scan: Path) -> list[dict]:
    expected = json.loads(scan.with_suffix(".expected.json").read_text(encoding="utf-8"))
    return expected["rows"] if isinstance(expected, dict) else expected


def exact_rows(scan: Path, got: list[dict]) -> int:
    """Rows equal to the expected ones, paired by 序号 as the project's scorer pairs them."""
    expected = expected_rows(scan)
    pool: dict[str, list[dict]] = {}
    for row in got:
        pool.setdefault(_key(row)[0], []).append(row)
    exact = 0
    for row in expected:
        candidates = pool.get(_key(row)[0], [])
        exact += bool(candidates) and _key(candidates.pop(0)) == _key(row)
    return exact


def run(setting: dict, scan: Path) -> tuple[float, float, int, float]:
    """(seconds, peak RSS in MB of the process or its reader, rows exact, CPU seconds) of one
    whole process."""
    start = time.perf_counter()
    proc = subprocess.run([PYTHON[0], "-c", RUN, json.dumps(setting), str(scan)],
                          capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - start
    peak, cpu = proc.stderr.split()[-2:]
    exact = exact_rows(scan, json.loads(proc.stdout)) if scan.with_suffix(
        ".expected.json").exists() else 0
    return (seconds, int(peak) / 1024, exact, float(cpu))


def joined(scans: list[Path], folder: Path) -> Path:
    """One PDF of all the scans' pages, to time a long scan in one process, as an archive's
    scans are read (its rows are not scored: the notices run into each other)."""
    import pypdfium2

    whole = pypdfium2.PdfDocument.new()
    for scan in scans:
        whole.import_pages(pypdfium2.PdfDocument(str(scan)))
    path = folder / "joined.pdf"
    whole.save(str(path))
    return path


def main() -> None:
    import pypdfium2

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="+", default=list(SETTINGS))
    parser.add_argument("--scans", nargs="+", type=Path, default=SCANS)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--joined", action="store_true",
                        help="time the scans joined into one PDF, read by one process")
    args = parser.parse_args()
    PYTHON[0] = args.python
    scans = args.scans
    pages = sum(len(pypdfium2.PdfDocument(str(scan))) for scan in scans)
    expected = sum(len(expected_rows(scan)) for scan in scans)
    if args.joined:
        scans = [joined(scans, Path(tempfile.mkdtemp()))]
    times: dict[str, list[float]] = {name: [] for name in args.only}
    peaks: dict[str, list[float]] = {name: [] for name in args.only}
    cpus: dict[str, list[float]] = {name: [] for name in args.only}
    exact: dict[str, int] = {}
    for round_ in range(args.runs):
        for name in args.only:
            results = [run(SETTINGS[name], scan) for scan in scans]
            times[name].append(sum(r[0] for r in results))
            peaks[name].append(max(r[1] for r in results))
            cpus[name].append(sum(r[3] for r in results))
            exact[name] = sum(r[2] for r in results)
            print(f"round {round_ + 1} {name:12s} {times[name][-1]:6.1f} s  "
                  f"cpu {cpus[name][-1]:6.1f} s  "
                  f"{peaks[name][-1]:5.0f} MB  {exact[name]}/{expected} exact", flush=True)
    print(f"{pages} pages in {len(scans)} scans, medians of {args.runs} (whole process):")
    for name in args.only:
        median = statistics.median(times[name])
        cpu = statistics.median(cpus[name])
        print(f"  {name:12s} {median / pages:5.2f} s/page  (cpu {cpu / pages:5.2f} s/page)  "
              f"peak {max(peaks[name]):5.0f} MB  "
              + ("(rows not scored)" if args.joined else f"{exact[name]}/{expected} rows exact"))


if __name__ == "__main__":
    main()
