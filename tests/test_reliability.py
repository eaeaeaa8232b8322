"""Nothing lost, nothing leaked (issue 18): interrupted runs, failed runs, file modes, full
disks, signals, and the messages of odd failures. Every hostile file is built here."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SAMPLES
from fengong.batch import run_batch
from fengong.cli import main

TSV = SAMPLES / "plan_b" / "tsv.txt"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def corpus(root: Path, count: int) -> Path:
    """``count`` small notices of 12 rows each, each with its own first task."""
    root.mkdir(parents=True, exist_ok=True)
    text = TSV.read_text(encoding="utf-8")
    for i in range(count):
        (root / f"n{i:03d}.txt").write_text(text.replace("\t", f"\t{i}号", 1) if i else text,
                                            encoding="utf-8")
    return root


def lines_of(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line]


# -- F1: resume after an interrupted first run --------------------------------------------

def _interrupt_after(count: int, monkeypatch) -> None:
    """Make the next batch stop with Ctrl-C after ``count`` files, as a user would."""
    import fengong.archive

    real = fengong.archive.run_batch

    def interrupted(paths, work, **options):
        for number, result in enumerate(real(paths, work, **options)):
            if number == count:
                raise KeyboardInterrupt
            yield result

    monkeypatch.setattr(fengong.archive, "run_batch", interrupted)


def test_resume_after_an_interrupted_first_run_loses_nothing(tmp_path, monkeypatch):
    root = corpus(tmp_path / "in", 5)
    full, out = tmp_path / "full.jsonl", tmp_path / "out.jsonl"
    assert run("extract", root, "-o", full, "-w", 1, "-q").exit_code == 0
    _interrupt_after(3, monkeypatch)
    result = run("extract", root, "-o", out, "--resume", "-w", 1, "-q")
    assert result.exit_code == 130
    assert result.stderr.splitlines() == [
        f"fengong: interrupted; the files finished so far are kept in {out}; rerun to go on"]
    monkeypatch.undo()
    assert len(lines_of(out)) == 36  # the three finished files are in the output already
    result = run("extract", root, "-o", out, "--resume", "-w", 1)
    assert result.exit_code == 0 and "2 ok, 0 failed, 0 skipped, 3 done before" in result.stderr
    assert out.read_bytes() == full.read_bytes()


@pytest.mark.parametrize("damage", ["deleted", "shortened"])
def test_a_journal_claiming_more_than_its_output_is_repaired(tmp_path, damage):
    root = corpus(tmp_path / "in", 4)
    full, out = tmp_path / "full.jsonl", tmp_path / "out.jsonl"
    run("extract", root, "-o", full, "-w", 1, "-q")
    run("extract", root, "-o", out, "--resume", "-w", 1, "-q")
    if damage == "deleted":
        out.unlink()
    else:
        ends = [json.loads(line)["end"] for line in lines_of(Path(f"{out}.progress"))]
        with open(out, "r+b") as handle:
            handle.truncate(ends[1] + 5)  # the third and fourth files' records lost
    result = run("extract", root, "-o", out, "--resume", "-w", 1)
    assert result.exit_code == 0
    note = [line for line in result.stderr.splitlines() if "read again" in line]
    assert len(note) == 1 and note[0].startswith(f"fengong: {out}: out.jsonl.progress records")
    assert out.read_bytes() == full.read_bytes()


@pytest.mark.parametrize("moment", ["before the output is cut", "before the journal is"])
def test_a_kill_while_a_changed_files_records_are_cut_loses_nothing(tmp_path, monkeypatch,
                                                                    moment):
    import fengong.output

    root = corpus(tmp_path / "in", 4)  # n001 to n003 are of one size: shifted ends match
    out = tmp_path / "out.jsonl"
    run("extract", root, "-o", out, "--resume", "-w", 1, "-q")
    (root / "n001.txt").write_text("序号\t主要任务\t牵头单位\n1\t新任务。\t县财政局\n",
                                   encoding="utf-8")
    real = fengong.output.write_atomic
    calls = []

    def killed(path, chunks):
        calls.append(Path(path).name)
        if calls[-2:] == (["out.jsonl.progress", "out.jsonl"] if moment.endswith("cut")
                          else ["out.jsonl", "out.jsonl.progress"]):
            raise KeyboardInterrupt
        real(path, chunks)

    monkeypatch.setattr(fengong.output, "write_atomic", killed)
    assert run("extract", root, "-o", out, "--resume", "-w", 1, "-q").exit_code == 130
    monkeypatch.undo()
    assert run("extract", root, "-o", out, "--resume", "-w", 1, "-q").exit_code == 0
    fresh = tmp_path / "fresh.jsonl"
    run("extract", root, "-o", fresh, "-w", 1, "-q")
    assert sorted(lines_of(out)) == sorted(lines_of(fresh)) and len(lines_of(out)) == 37


# -- F2: a run that read nothing leaves the old output alone ------------------------------

def test_a_run_that_read_nothing_leaves_the_old_output_alone(tmp_path):
    out = tmp_path / "out.json"
    assert run("extract", TSV, "-o", out).exit_code == 0
    good = out.read_bytes()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\0\1x")
    result = run("extract", bad, "-o", out)
    assert result.exit_code == 1 and out.read_bytes() == good
    assert result.stderr.splitlines() == [f"fengong: {bad}: the file is binary data of no "
                                          "supported kind (fengong reads .txt, .docx, .doc, "
                                          ".pdf, .html, .xlsx)"]
    (tmp_path / "bad2.txt").write_bytes(b"")
    result = run("extract", bad, tmp_path / "bad2.txt", "-o", out, "-q")
    assert result.exit_code == 1 and out.read_bytes() == good
    assert result.stderr.splitlines()[-1].endswith(f"nothing read, so {out} was not written")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt", "bad2.txt", "out.json"]


# -- F8: modes follow the umask and the old file ------------------------------------------

@pytest.mark.parametrize("suffix", [".json", ".csv", ".xlsx", ".jsonl"])
def test_outputs_honour_the_umask_and_keep_an_old_files_mode(tmp_path, suffix):
    out, errors = tmp_path / f"out{suffix}", tmp_path / "errors.csv"
    old = os.umask(0o022)
    try:
        assert run("extract", TSV, "-o", out, "--errors", errors, "-q").exit_code == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o644
        assert stat.S_IMODE(errors.stat().st_mode) == 0o644
        out.chmod(0o664)
        assert run("extract", TSV, "-o", out, "-q").exit_code == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o664
        os.umask(0o077)
        fresh = tmp_path / f"fresh{suffix}"
        run("extract", TSV, "-o", fresh, "-q")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    finally:
        os.umask(old)


def test_resume_output_and_journal_honour_the_umask(tmp_path):
    out = tmp_path / "out.jsonl"
    old = os.umask(0o002)
    try:
        run("extract", corpus(tmp_path / "in", 2), "-o", out, "--resume", "-q")
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o664
    assert stat.S_IMODE(Path(f"{out}.progress").stat().st_mode) == 0o664


# -- F19 / F20: stale parts, symbolic links, the output among the inputs ------------------

def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_parts_left_by_a_killed_run_are_removed_and_live_ones_kept(tmp_path):
    out = tmp_path / "out.json"
    stale = tmp_path / f".out.json.{_dead_pid()}.abc123.part"
    live = tmp_path / f".out.json.{os.getppid()}.def456.part"  # a writer still running
    stale.write_bytes(b"half")
    live.write_bytes(b"half")
    assert run("extract", TSV, "-o", out, "-q").exit_code == 0
    assert not stale.exists() and live.exists()


def test_a_symlinked_output_keeps_its_link_and_an_old_output_is_not_an_input(tmp_path):
    root = corpus(tmp_path / "in", 2)
    real = tmp_path / "shared" / "tasks.json"
    real.parent.mkdir()
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert run("extract", TSV, "-o", link, "-q").exit_code == 0
    assert link.is_symlink() and len(json.loads(real.read_text())) == 12
    inside = root / "tasks.csv"
    for _ in range(2):
        result = run("extract", root, "-o", inside)
        assert result.exit_code == 0 and "2 files: 2 ok" in result.stderr


# -- F11: disk full, an output that cannot be written -------------------------------------

@pytest.mark.parametrize("suffix", [".json", ".xlsx"])
def test_disk_full_gives_one_line_and_keeps_the_old_file(tmp_path, monkeypatch, suffix):
    import fengong.output.write

    out = tmp_path / f"out{suffix}"
    out.write_bytes(b"old")

    def full(_fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(fengong.output.write.os, "fsync", full)
    result = run("extract", TSV, "-o", out)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"fengong: {out}: cannot write the output (No space left on device); any old file "
        "there is kept (free some disk space, or write elsewhere with -o)"]
    assert out.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == [out.name]


def test_disk_full_during_a_resumed_batch_gives_one_line(tmp_path, monkeypatch):
    import fengong.archive

    def full(_fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(fengong.archive.os, "fsync", full)
    out = tmp_path / "out.jsonl"
    result = run("extract", corpus(tmp_path / "in", 2), "-o", out, "--resume", "-q")
    assert result.exit_code == 1 and len(result.stderr.splitlines()) == 1
    assert "cannot write the output (No space left on device)" in result.stderr


def test_an_output_under_a_file_gives_one_line(tmp_path):
    blocker = tmp_path / "report"
    blocker.write_text("a file, not a folder")
    for args in ([TSV], [corpus(tmp_path / "in", 2)]):
        result = run("extract", *args, "-o", blocker / "out.json")
        assert result.exit_code == 1 and "Traceback" not in result.stderr
        assert result.stderr.splitlines()[-1] == (
            f"fengong: {blocker / 'out.json'}: cannot write the output (Not a directory); "
            "any old file there is kept (check the path, or write elsewhere with -o)")


# -- F7: control characters ---------------------------------------------------------------

def test_control_characters_are_cleaned_so_every_format_agrees(tmp_path):
    import openpyxl

    notice = tmp_path / "vt.txt"
    notice.write_text("序号\t主要任务\t牵头单位\n1\t推进\x0b改革\x01。\t县财政局\n"
                      "2\t=1+1 公式\t县税务局\n", encoding="utf-8")
    other = corpus(tmp_path / "in", 1) / "n000.txt"
    xlsx, jsonl = tmp_path / "b.xlsx", tmp_path / "b.jsonl"
    for out in (xlsx, jsonl):
        result = run("extract", notice, other, "-o", out, "-q")
        assert result.exit_code == 0 and result.stderr == ""
    records = [json.loads(line) for line in lines_of(jsonl)]
    sheet = openpyxl.load_workbook(xlsx)["记录"]
    column = [c.value for c in sheet[1]].index("task")
    tasks = [row[column].value for row in sheet.iter_rows(min_row=2)]
    assert tasks == [r["task"] for r in records] and len(tasks) == 14
    assert tasks[0] == "推进改革。" and tasks[1] == "=1+1 公式"  # a string cell, no apostrophe
    assert sheet.cell(3, column + 1).data_type == "s"


# -- F9 / F4 (signals) / F18 / F17 ---------------------------------------------------------

def _children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in found.read_text().split()] if found.exists() else []


def _gone(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "State:\tZ" in status


def _wait_gone(pids: list[int], seconds: float = 5) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not all(_gone(p) for p in pids):
        time.sleep(0.05)
    return all(_gone(p) for p in pids)


def _slow_batch(tmp_path: Path, out: Path) -> tuple[subprocess.Popen, list[int]]:
    """A batch of slow files (each read sleeps) that has started its two workers."""
    root = corpus(tmp_path / "in", 8)
    script = ("import sys, time, fengong.pipeline as p\n"
              "real = p.records_of\n"
              "def slow(path, **o):\n    time.sleep(0.5)\n    return real(path, **o)\n"
              "p.records_of = slow\n"
              "import fengong.archive as a\na.records_of = slow\n"
              "from fengong.cli import main\nsys.exit(main())\n")
    process = subprocess.Popen([sys.executable, "-c", script, "extract", str(root), "-o",
                                str(out), "-w", "2", "-q"], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and len(_children(process.pid)) < 2:
        time.sleep(0.05)
    time.sleep(0.3)
    return process, _children(process.pid)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_sigterm_or_ctrl_c_ends_in_one_line_with_nothing_left(tmp_path, sig):
    out = tmp_path / "out.json"
    process, workers = _slow_batch(tmp_path, out)
    assert len(workers) == 2
    if sig == signal.SIGINT:  # Ctrl-C reaches the whole process group
        for pid in [process.pid, *workers]:
            os.kill(pid, sig)
    else:
        process.send_signal(sig)
    _, stderr = process.communicate(timeout=20)
    assert process.returncode == 128 + sig
    assert stderr.splitlines() == [f"fengong: interrupted; {out} was not written (any old "
                                   "file there is kept)"]
    assert _wait_gone(workers)
    assert [p.name for p in tmp_path.iterdir()] == ["in"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_die_with_a_killed_parent(tmp_path):
    process, workers = _slow_batch(tmp_path, tmp_path / "out.json")
    assert len(workers) == 2
    process.kill()
    process.wait()
    assert _wait_gone(workers)


def _suicide(path: str) -> list[dict]:
    if path == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    return [{"source": path}]


def test_a_worker_killed_by_a_signal_is_named_so():
    results = list(run_batch(["a", "kill", "b"], _suicide, workers=1, timeout=10))
    assert [r.error_kind for r in results] == [None, "crash", None]
    assert results[1].message == ("the reader was killed by SIGKILL (out of memory, or "
                                  "killed by someone)")


def test_a_symlink_loop_gets_its_own_line(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").symlink_to("b.txt")
    (root / "b.txt").symlink_to("a.txt")
    shutil.copy(TSV, root / "c.txt")
    result = run("extract", root, "-o", tmp_path / "o.json", "-q")
    assert result.exit_code == 1
    assert f"fengong: {root / 'a.txt'}: a symbolic link loop (the link leads back to itself); " \
        "fix or remove the link" in result.stderr.splitlines()
    assert "internal error" not in result.stderr


# -- the fault-injection test: SIGKILL at random moments, then resume ---------------------

def _mixed_corpus(root: Path, count: int) -> Path:
    """``count`` notices of five kinds (text, Word, Excel, PDF, HTML) and one bad file."""
    root.mkdir()
    kinds = ["tsv.txt", "word_table.docx", "table.xlsx", "ruled.pdf", "notice.html"]
    for i in range(count):
        name = kinds[i % len(kinds)]
        shutil.copy(SAMPLES / "plan_b" / name, root / f"f{i:03d}_{name}")
    (root / "f025_bad.txt").write_bytes(b"\0\1x")
    return root


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_sigkill_at_ten_random_moments_then_resume_gives_the_uninterrupted_output(tmp_path):
    import random

    root = _mixed_corpus(tmp_path / "in", 50)
    full, out = tmp_path / "full.jsonl", tmp_path / "out.jsonl"
    base = [sys.executable, "-m", "fengong.cli", "extract", str(root), "-w", "2", "-q"]
    started = time.monotonic()
    subprocess.run([*base, "-o", str(full)], stderr=subprocess.DEVNULL)
    whole_run = time.monotonic() - started  # kill moments scale with this machine's speed
    command = [*base, "-o", str(out), "--resume"]
    rng = random.Random(18)
    killed = attempts = 0
    while killed < 10 and attempts < 80:  # ten kills that landed
        attempts += 1
        process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + rng.uniform(0.02, 0.8) * whole_run
        while time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.01)
        workers = _children(process.pid)
        process.kill()
        process.wait()
        assert _wait_gone(workers), "a worker outlived its killed parent"
        if process.returncode == -signal.SIGKILL:
            killed += 1
        else:  # the run finished between kills: its output must be whole; start again
            assert out.read_bytes() == full.read_bytes()
            out.unlink()
    assert killed == 10
    final = subprocess.run(command, stderr=subprocess.PIPE, text=True)
    assert final.returncode == 1 and final.stderr.count("\n") == 1  # only the bad file
    assert out.read_bytes() == full.read_bytes()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def _running_in(folder: Path) -> list[int]:
    """The processes whose command line names ``folder`` (an office and its profile)."""
    found = []
    for proc in Path("/proc").iterdir():
        with contextlib.suppress(OSError):
            if proc.name.isdigit() and str(folder).encode() in (proc / "cmdline").read_bytes():
                found.append(int(proc.name))
    return found


def _convert_legacy() -> None:
    from fengong.extract import legacy

    legacy.convert((SAMPLES / "plan_b/legacy.doc").read_bytes(), ".doc")


@pytest.mark.skipif(shutil.which("soffice") is None or not sys.platform.startswith("linux"),
                    reason="needs LibreOffice and /proc")
def test_libreoffice_dies_with_a_killed_worker_and_what_it_wrote_goes_next_time(
        tmp_path, monkeypatch):
    import multiprocessing
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    sockets = set(Path("/tmp").glob("OSL_PIPE_*"))  # where LibreOffice puts them regardless
    worker = multiprocessing.get_context("fork").Process(target=_convert_legacy)
    worker.start()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not list(tmp_path.glob("*/profile/user")):
        time.sleep(0.02)  # the office itself is running: it has made its profile
    (work,) = tmp_path.iterdir()
    assert work.name.split("-")[2] == str(worker.pid)
    office = _running_in(work)
    for pid in office:
        os.kill(pid, signal.SIGSTOP)  # hung, as on a file that makes it hang
    os.kill(worker.pid, signal.SIGKILL)
    worker.join()
    assert _wait_gone(office), "LibreOffice outlived its killed worker"
    _convert_legacy()  # the next conversion removes the killed one's directory, and its own
    assert list(tmp_path.iterdir()) == []
    assert set(Path("/tmp").glob("OSL_PIPE_*")) <= sockets
