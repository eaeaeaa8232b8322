"""A batch over an archive: discover files, read them in workers, stream one output, report
failures, and resume an interrupted run without duplicates or gaps."""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from fengong.batch import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, FileResult, discover, run_batch
from fengong.pipeline import records_of


@dataclass
class Summary:
    ok: int = 0
    failed: int = 0
    skipped: int = 0
    done_before: int = 0  # --resume: finished by an earlier run, not read again
    rows: int = 0
    seconds: float = 0.0
    failures: list[FileResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # one line each, for stderr
    unchanged: bool = False  # no file was read, so the output was not written
    skipped_files: list[str] = field(default_factory=list)  # not notices by their names

    def line(self) -> str:
        files = self.ok + self.failed
        before = f", {self.done_before} done before" if self.done_before else ""
        return (f"fengong: {files} files: {self.ok} ok, {self.failed} failed, "
                f"{self.skipped} skipped{before}, {self.rows} rows, {self.seconds:.1f} s")


@dataclass(frozen=True)
class BatchOptions:
    workers: int = 0
    timeout: float = DEFAULT_TIMEOUT
    resume: bool = False
    progress: bool = False
    extract: dict = field(default_factory=dict)  # passed to extract_tasks
    scheduler: str | None = None  # a Dask scheduler address, or "local"


class SchedulerError(Exception):
    """The Dask scheduler asked for cannot be reached (one line saying what to do)."""


def extract_archive(inputs: Sequence[str], open_writer: Callable[[bool], object],
                    output: str | None, options: BatchOptions,
                    on_result: Callable[[FileResult], None] | None = None) -> Summary:
    """Read every file the inputs name and write their records through ``open_writer``.

    ``open_writer(append)`` returns a writer (``write(records)``, ``close()``); with
    ``resume`` the output (JSON Lines) is appended to, and a ``.progress`` file beside it
    records each finished file (path, content hash, where its records end). When no file
    was read the output is not written (an old file stays). ``on_result`` sees each result.
    """
    start = time.perf_counter()
    found = discover([i for i in inputs if "://" not in i])
    summary = Summary(skipped=len(found.skipped), skipped_files=list(found.skipped))
    files = found.files
    if options.scheduler is not None:
        from fengong.dask import list_files, runner

        files = list_files(inputs)
        results = runner(options.scheduler, options.workers)
    else:
        def results(paths: Sequence[str], extract: dict):
            work = functools.partial(records_of, **extract)
            limits = extract.get("limits")
            return run_batch(paths, work, workers=options.workers, timeout=options.timeout,
                             memory_mb=limits.max_memory_mb if limits else DEFAULT_MEMORY_MB)
    journal = _journal(Path(output)) if options.resume and output else None
    if journal is not None:
        summary.notes.extend([journal.note] if journal.note else [])
        before = len(files)
        files = [f for f in files if not journal.done(f)]
        summary.done_before = before - len(files)
    files = [f for f in files if not _is_output(f, output)]
    writer = open_writer(journal is not None)  # a resumed output is appended to in place
    bar = _progress_bar(len(files), options.progress)
    try:
        for result in results(files, options.extract):
            if result.ok:
                writer.write(result.records)
                summary.ok += 1
                summary.rows += len(result.records)
            else:
                summary.failed += 1
                summary.failures.append(result)
            if journal is not None:
                journal.record(result, writer)
            if on_result is not None:
                on_result(result)
            if bar is not None:
                bar.update(1)
                bar.set_postfix(rows=summary.rows, failed=summary.failed, refresh=False)
        if bar is not None:
            bar.close()
            bar = None
        if journal is not None and journal.fresh and not summary.ok:
            writer.abort()  # a new resumable run that read nothing leaves nothing behind
            journal.discard()
            summary.unchanged = True
        elif summary.ok or journal is not None or not output or output == "-":
            writer.close()
        else:
            writer.abort()  # nothing was read: an old output stays as it was
            summary.unchanged = True
    except BaseException:
        if bar is not None:
            bar.close()
        writer.abort()
        raise
    summary.seconds = time.perf_counter() - start
    return summary


def _is_output(path: str, output: str | None) -> bool:
    """True for the run's own output (or its journal) found among the inputs: an old
    ``-o archive/tasks.csv`` is not a notice."""
    if not output or output == "-":
        return False
    mine = os.path.realpath(output)
    return os.path.realpath(path) in (mine, mine + ".progress")


def _progress_bar(total: int, wanted: bool):
    if not wanted or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True)


def write_error_report(path: str, failures: Sequence[FileResult]) -> None:
    """CSV of failures (path, error kind, message), written atomically."""
    from fengong.output import write_atomic

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["path", "kind", "message"])
    for failure in failures:
        writer.writerow([failure.path, failure.error_kind, failure.message])
    write_atomic(path, [("\ufeff" + buffer.getvalue()).encode("utf-8")])


def file_hash(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(functools.partial(handle.read, 1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _journal(output: Path):
    """What a resumed run knows about the files done: a database knows it itself."""
    from fengong.output import format_for

    return DatabaseJournal(output) if format_for(str(output), None) == "sqlite" \
        else Journal(output)


class DatabaseJournal:
    """``--resume`` into a database: a file is done when the database holds it with this
    content (each file is loaded in one transaction, so nothing is half there)."""

    note = None

    def __init__(self, output: Path) -> None:
        from fengong.output.sqlite import connect

        self.output = output
        self.fresh = not output.exists()
        db = connect(output)
        try:
            self.loaded = set(db.execute("SELECT path, sha256 FROM notices"))
        finally:
            db.close()

    def done(self, path: str) -> bool:
        if not any(p == path for p, _ in self.loaded):
            return False
        try:
            return (path, file_hash(path)) in self.loaded
        except OSError:
            return False

    def record(self, result: FileResult, writer) -> None:
        """Nothing to note: the file's transaction recorded it."""

    def discard(self) -> None:
        self.output.unlink(missing_ok=True)


class ResumeError(Exception):
    """An output that cannot be resumed."""


@dataclass
class Entry:
    """One finished file in the journal: its content hash and where its records end."""

    path: str
    sha256: str
    status: str
    end: int


class Journal:
    """The ``OUT.progress`` file of a resumable run: one JSON line per finished file.

    The output is appended to in place (never through a temp file), and a file's line is
    written only after its records are flushed and synced, so the journal never claims more
    than the output holds. On opening, the output is cut back to where the last finished
    file's records end (a run killed mid-write leaves no partial records); a journal that
    claims more than the output holds (the output deleted, truncated or replaced) is cut
    back to the entries the output really holds, with a note; files whose content changed
    since are read again, their old records removed.
    """

    def __init__(self, output: Path) -> None:
        self.output = output
        self.path = output.with_name(output.name + ".progress")
        self.entries: list[Entry] = []
        self.note: str | None = None
        size = output.stat().st_size if output.exists() else 0
        self.continuing = size > 0
        self.fresh = not output.exists() and not self.path.exists()  # nothing to resume
        end = self._load(size)
        if output.exists():
            with open(output, "r+b") as handle:
                handle.truncate(end)

    def _load(self, size: int) -> int:
        """Read the journal; return where the records it vouches for end."""
        if not self.path.exists():
            if self.continuing:
                raise ResumeError(f"{self.output} exists but {self.path.name} does not, so "
                                  "which files it holds is unknown; remove it to start afresh")
            return 0
        lines = self.path.read_bytes().splitlines()
        if lines and lines[0].startswith(b'{"cut"'):
            size = Cut(**json.loads(lines.pop(0))["cut"]).finish(self.output)
        entries = _read_entries(lines)
        trusted = [e for e in entries if e.end <= size]
        if len(trusted) < len(entries):
            self.note = (f"{self.path.name} records {entries[-1].end} bytes of output but "
                         f"{self.output.name} holds {size}; the {len(entries) - len(trusted)} "
                         "files past that point are read again")
        latest: dict[str, Entry] = {}
        for entry in trusted:
            latest.pop(entry.path, None)  # a file read again: its newest line counts
            latest[entry.path] = entry
        self.entries = [e for e in latest.values() if e.status == "ok"]
        end = trusted[-1].end if trusted else 0
        self._rewrite()
        return end

    def discard(self) -> None:
        """Remove the output and the journal this run created."""
        self.output.unlink(missing_ok=True)
        self.path.unlink(missing_ok=True)

    @property
    def finished(self) -> dict[str, str]:
        return {e.path: e.sha256 for e in self.entries}

    def _rewrite(self, cut: Cut | None = None) -> None:
        """Keep only whole lines of finished files in the progress file (after the cut
        about to be made, if any)."""
        from fengong.output import write_atomic

        lines = [{"cut": asdict(cut)}] if cut else []
        lines.extend(asdict(e) for e in self.entries)
        write_atomic(self.path, ["".join(json.dumps(x) + "\n" for x in lines).encode("utf-8")])

    def done(self, path: str) -> bool:
        known = self.finished.get(path)
        if known is None:
            return False
        try:
            if file_hash(path) == known:
                return True
        except OSError:
            return False
        self._drop(path)
        return False

    def _drop(self, path: str) -> None:
        """A file changed since it was read: cut its old records out of the output.

        Two files change, so the journal first says what is about to be cut (a ``cut``
        line before the entries as they will be); a run killed before the output is
        rewritten finishes the cut when it next opens the journal.
        """
        index = next(i for i, e in enumerate(self.entries) if e.path == path)
        begin = self.entries[index - 1].end if index else 0
        cut = Cut(begin, self.entries[index].end - begin, self.output.stat().st_size)
        del self.entries[index]
        for entry in self.entries[index:]:
            entry.end -= cut.size
        self._rewrite(cut)
        cut.apply(self.output)
        self._rewrite()

    def record(self, result: FileResult, writer) -> None:
        """Note a finished file, after its records are safely in the output."""
        writer.sink.flush()
        os.fsync(writer.sink.fileno())
        end = writer.sink.tell()
        status = "ok" if result.ok else "failed"
        digest = file_hash(result.path) if result.ok else ""
        entry = Entry(result.path, digest, status, end)
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(asdict(entry)) + "\n")
        if result.ok:
            self.entries.append(entry)


@dataclass(frozen=True)
class Cut:
    """Records to remove from the output: ``size`` bytes at ``begin`` of an output that
    held ``before`` bytes."""

    begin: int
    size: int
    before: int

    def apply(self, output: Path) -> None:
        from fengong.output import write_atomic

        data = output.read_bytes()
        write_atomic(output, [data[:self.begin], data[self.begin + self.size:]])

    def finish(self, output: Path) -> int:
        """Make the cut unless it was made already; return the output's size."""
        size = output.stat().st_size if output.exists() else 0
        if size == self.before:
            self.apply(output)
            return size - self.size
        return size


def _read_entries(lines: list[bytes]) -> list[Entry]:
    """The journal's whole lines, up to the first one cut short by an interruption."""
    entries = []
    for line in lines:
        try:
            entries.append(Entry(**json.loads(line)))
        except (ValueError, TypeError):
            break
    return entries
