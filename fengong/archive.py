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
from dataclasses import dataclass, field
from pathlib import Path

from fengong.batch import DEFAULT_TIMEOUT, FileResult, discover, run_batch
from fengong.pipeline import records_of


@dataclass
class Summary:
    ok: int = 0
    failed: int = 0
    skipped: int = 0
    rows: int = 0
    seconds: float = 0.0
    failures: list[FileResult] = field(default_factory=list)

    def line(self) -> str:
        files = self.ok + self.failed
        return (f"fengong: {files} files: {self.ok} ok, {self.failed} failed, "
                f"{self.skipped} skipped, {self.rows} rows, {self.seconds:.1f} s")


@dataclass(frozen=True)
class BatchOptions:
    workers: int = 0
    timeout: float = DEFAULT_TIMEOUT
    resume: bool = False
    progress: bool = False
    extract: dict = field(default_factory=dict)  # passed to extract_tasks
    scheduler: str | None = None  # a Dask scheduler address, or "local"


def extract_archive(inputs: Sequence[str], open_writer: Callable[[bool], object],
                    output: str | None, options: BatchOptions) -> Summary:
    """Read every file the inputs name and write their records through ``open_writer``.

    ``open_writer(continuing)`` returns a writer (``write(records)``, ``close()``); with
    ``resume`` the output (JSON Lines) is appended to, and a ``.progress`` file beside it
    records each finished file (path, content hash, where its records end).
    """
    start = time.perf_counter()
    found = discover([i for i in inputs if "://" not in i])
    summary = Summary(skipped=len(found.skipped))
    files = found.files
    if options.scheduler is not None:
        from fengong.dask import list_files, runner

        files = list_files(inputs)
        results = runner(options.scheduler, options.workers)
    else:
        def results(paths: Sequence[str], extract: dict):
            work = functools.partial(records_of, **extract)
            return run_batch(paths, work, workers=options.workers, timeout=options.timeout)
    journal = Journal(Path(output)) if options.resume and output else None
    if journal is not None:
        before = len(files)
        files = [f for f in files if not journal.done(f)]
        summary.skipped += before - len(files)
    writer = open_writer(journal is not None and journal.continuing)
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
            if bar is not None:
                bar.update(1)
                bar.set_postfix(rows=summary.rows, failed=summary.failed, refresh=False)
    except BaseException:
        if bar is not None:
            bar.close()
        if hasattr(writer, "abort"):
            writer.abort()
        raise
    if bar is not None:
        bar.close()
    writer.close()
    summary.seconds = time.perf_counter() - start
    return summary


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


class ResumeError(Exception):
    """An output that cannot be resumed."""


class Journal:
    """The ``OUT.progress`` file of a resumable run: one JSON line per finished file.

    On opening, the output is cut back to where the last finished file's records end (a run
    killed mid-write leaves no partial records), and files whose content changed since are
    read again, their old records removed.
    """

    def __init__(self, output: Path) -> None:
        self.output = output
        self.path = output.with_name(output.name + ".progress")
        self.finished: dict[str, str] = {}
        self.continuing = output.exists() and output.stat().st_size > 0
        end = self._load()
        if self.continuing:
            with open(output, "r+b") as handle:
                handle.truncate(end)

    def _load(self) -> int:
        end = 0
        if not self.path.exists():
            if self.continuing:
                raise ResumeError(f"{self.output} exists but {self.path.name} does not, so "
                                  "which files it holds is unknown; remove it to start afresh")
            return 0
        lines = self.path.read_bytes().splitlines()
        for line in lines:
            try:
                entry = json.loads(line)
            except ValueError:
                break  # a line cut short by the interruption
            end = entry["end"]
            if entry["status"] == "ok":
                self.finished[entry["path"]] = entry["sha256"]
            else:
                self.finished.pop(entry["path"], None)
        self._rewrite(end)
        return end

    def _rewrite(self, end: int) -> None:
        """Keep only whole lines in the progress file."""
        entries = [json.dumps({"path": p, "sha256": h, "status": "ok", "end": end})
                   for p, h in self.finished.items()]
        data = "".join(e + "\n" for e in entries).encode("utf-8")
        from fengong.output import write_atomic

        write_atomic(self.path, [data])

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
        """A file changed since it was read: remove its old records from the output."""
        kept = io.BytesIO()
        with open(self.output, "rb") as handle:
            for line in handle:
                try:
                    if json.loads(line).get("source") == path:
                        continue
                except ValueError:
                    continue
                kept.write(line)
        from fengong.output import write_atomic

        write_atomic(self.output, [kept.getvalue()])
        del self.finished[path]
        self._rewrite(len(kept.getvalue()))

    def record(self, result: FileResult, writer) -> None:
        writer.sink.flush()
        end = writer.sink.tell()
        status = "ok" if result.ok else "failed"
        digest = file_hash(result.path) if result.ok else ""
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"path": result.path, "sha256": digest, "status": status,
                                     "end": end}) + "\n")
            handle.flush()
        os.fsync(writer.sink.fileno())
