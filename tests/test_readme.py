"""Every code block of the README runs, as written, so the README cannot drift from the program
(the habit of sqlite-utils' documentation tests).

The blocks run in order in one workspace where the README's file names exist: ``notice.docx``,
``archive/`` and the others are copies of our samples (``WORKSPACE``). ``sh`` blocks run line
by line in bash and must exit 0; ``python`` blocks run as scripts; ``sql`` blocks run on the
``tasks.db`` an earlier block made; an untagged block whose
first line starts with ``$ `` is a transcript: each command's output must be the lines shown
under it. ``json`` blocks must parse, and one showing a record must have the record's fields.

Three things are not run: ``pip install`` (this run's own set-up has installed every extra),
``pytest`` (it is this run), and a block after ``<!-- not run: why -->`` (a cluster on other
machines). ``fengong serve`` is started in the background on a free port, which the later
commands use, and stopped at the end.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SAMPLES
from fengong.model import FIELDS

README = SAMPLES.parent / "README.md"
BLOCK = re.compile(r"(?:<!-- not run: (?P<why>[^>]+) -->\n+)?^```(?P<lang>\w*)\n(?P<body>.*?)^```",
                   re.MULTILINE | re.DOTALL)
WORKSPACE = {  # the README's names for files -> the samples standing in for them
    "notice.txt": "plan_b/tsv.txt",
    "notice.docx": "plan_b/word_table.docx",
    "other.pdf": "plan_b/ruled.pdf",
    "a.pdf": "plan_b/ruled.pdf",
    "b.docx": "plan_b/word_split.docx",
    "n.txt": "seed_notice.txt",
    "draft.docx": "plan_b/word_table.docx",
    "final.pdf": "plan_b/ruled.pdf",
    "archive/2023/notice.txt": "plan_b/tsv.txt",
    "archive/2023/table.xlsx": "plan_b/table.xlsx",
    "archive/2024/notice.html": "plan_b/notice.html",
    "archive/2024/word_table.docx": "plan_b/word_table.docx",
}
MY_UNITS = "canonical,aliases,successor,year,kind\n县某某研究会,某某研究会,,,association\n"


def _blocks() -> list[tuple[str, str, str | None]]:
    text = README.read_text(encoding="utf-8")
    return [(m["lang"], m["body"], m["why"]) for m in BLOCK.finditer(text)]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    root = tmp_path_factory.mktemp("readme")
    shutil.copytree(SAMPLES, root / "samples")
    for name, sample in WORKSPACE.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLES / sample, root / name)
    (root / "my_units.csv").write_text(MY_UNITS, encoding="utf-8")
    return root


class Shell:
    """Runs the README's commands in the workspace; keeps a started server for later ones."""

    def __init__(self, root: Path) -> None:
        self.root, self.port, self.server = root, _free_port(), None
        self.env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}

    def command(self, line: str) -> str | None:
        """The line as it runs here, or None when it does not run."""
        line = re.sub(r"\s+#.*$", "", line).strip()
        parts = [p.strip() for p in line.split("&&")]
        parts = [p for p in parts if p and not p.startswith(("pip install", "pytest"))]
        if not parts:
            return None
        return " && ".join(parts).replace("127.0.0.1:8000", f"127.0.0.1:{self.port}")

    def run(self, line: str) -> subprocess.CompletedProcess | None:
        command = self.command(line)
        if command is None:
            return None
        if command.startswith("fengong serve"):
            self.serve(command)
            return None
        return subprocess.run(["bash", "-c", command], cwd=self.root, env=self.env,
                              capture_output=True, text=True, timeout=300, check=False)

    def serve(self, command: str) -> None:
        self.server = subprocess.Popen(["bash", "-c", f"exec {command} --port {self.port}"],
                                       cwd=self.root, env=self.env, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)
        raise AssertionError(f"{command} did not start")

    def close(self) -> None:
        if self.server is not None:
            self.server.terminate()
            self.server.wait(10)


def _lines(body: str) -> list[str]:
    """A block's commands: comment lines dropped, backslash continuations joined."""
    return [line for line in body.replace("\\\n", " ").splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def test_every_code_block_of_the_readme_runs(workspace):
    blocks = _blocks()
    assert len(blocks) > 15
    shell = Shell(workspace)
    ran = 0
    try:
        for lang, body, why in blocks:
            where = f"README block:\n{body}"
            if why is not None:
                assert len(why.strip()) > 10, where  # every skip says why
                continue
            if lang in ("sh", "bash"):
                for line in _lines(body):
                    result = shell.run(line)
                    if result is not None:
                        ran += 1
                        assert result.returncode == 0, f"{line}\n{result.stderr}\n{where}"
            elif lang == "python":
                result = subprocess.run([sys.executable, "-c", body], cwd=workspace,
                                        capture_output=True, text=True, timeout=300,
                                        check=False)
                ran += 1
                assert result.returncode == 0, f"{result.stderr}\n{where}"
            elif lang == "sql":  # on the database an earlier command made
                database = sqlite3.connect(workspace / "tasks.db")
                try:
                    for statement in filter(str.strip, body.split(";")):
                        database.execute(statement).fetchall()
                        ran += 1
                finally:
                    database.close()
            elif lang == "json":
                value = json.loads(body)
                if isinstance(value, dict) and "task_id" in value:
                    assert list(value) == list(FIELDS), where
            elif body.startswith("$ "):
                ran += _transcript(shell, body)
    finally:
        shell.close()
    assert ran >= 15
    assert sum(why is not None for _, _, why in blocks) <= 2


def _transcript(shell: Shell, body: str) -> int:
    """Run each ``$ command`` of a transcript; its output must be the lines under it."""
    steps = re.split(r"^\$ ", body, flags=re.MULTILINE)[1:]
    for step in steps:
        line, _, shown = step.partition("\n")
        result = shell.run(line)
        assert result is not None, line
        got = (result.stdout + result.stderr).rstrip("\n")
        assert got == shown.rstrip("\n"), f"$ {line}\n--- README shows:\n{shown}\n--- got:\n{got}"
    return len(steps)
