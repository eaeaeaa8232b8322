"""Start-up: `fengong --help` against the bare interpreter and `import click`, each a new
process, in a fresh virtual environment with fengong installed as a user gets it (a built
wheel, with byte-code compiled, not an editable checkout), so the numbers are not those of
this machine's development install.

Usage: python bench/startup.py [--runs 21]

Only click is installed beside fengong (`--no-deps`): `--help` must not import anything else,
and if it did, the run would fail with an ImportError instead of being slow unnoticed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _time(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as home:
        venv.create(home, with_pip=True)
        python = str(Path(home) / "bin" / "python")
        pip = [python, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        subprocess.run([*pip, "click"], check=True, env=env)
        subprocess.run([*pip, "--no-deps", str(ROOT)], check=True, env=env)
        commands = {
            "python -c pass": [python, "-c", "pass"],
            "python -c 'import click'": [python, "-c", "import click"],
            "fengong --help": [str(Path(home) / "bin" / "fengong"), "--help"],
        }
        for command in commands.values():  # warm the page cache
            _time(command, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(_time(command, env))
    print(f"medians of {args.runs} alternated runs, Python {sys.version.split()[0]}:")
    for name, values in times.items():
        print(f"  {name:26s} {statistics.median(values) * 1000:6.0f} ms")


if __name__ == "__main__":
    main()
