"""Archives: many files through a pool of supervised worker processes, results in path order.

Each worker process reads one file at a time. The parent hands out files, collects results
and yields them in the order of the input list whatever the workers' timing. A worker that
crashes (even a segfault in a native library) or runs past the per-file timeout is killed and
replaced; only its file fails.
"""

from __future__ import annotations

import contextlib
import glob
import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path

SUPPORTED = {".txt", ".text", ".tsv", ".csv", ".docx", ".docm", ".doc", ".wps", ".rtf", ".odt",
             ".pdf", ".html", ".htm", ".shtml", ".xhtml", ".xlsx", ".xlsm", ".xls"}
DEFAULT_TIMEOUT = 300.0  # seconds per file
_TEMP_PREFIXES = ("~$", ".~lock", "~WRL")
_TEMP_SUFFIXES = (".tmp", ".part", ".crdownload", "~")


@dataclass
class FileResult:
    """What became of one input file."""

    path: str
    records: list[dict] | None = None
    error_kind: str | None = None
    message: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error_kind is None


@dataclass
class Discovery:
    files: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # hidden, temporary or unsupported


def discover(inputs: Sequence[str]) -> Discovery:
    """Given files, directories and globs, return the files to read (directories walked
    recursively in sorted order, hidden and temporary files skipped)."""
    found = Discovery()
    seen: set[str] = set()

    def add(path: str) -> None:
        if path not in seen:
            seen.add(path)
            found.files.append(path)

    for item in inputs:
        if os.path.isdir(item):
            _walk(item, add, found.skipped)
        elif not os.path.exists(item) and glob.has_magic(item):
            for match in sorted(glob.glob(item, recursive=True)):
                if os.path.isdir(match):
                    _walk(match, add, found.skipped)
                elif _wanted(Path(match).name, found.skipped, match):
                    add(match)
        else:
            add(item)  # an explicit file is always tried; a missing one fails clearly
    return found


def _walk(root: str, add: Callable[[str], None], skipped: list[str]) -> None:
    """Every wanted file under ``root``, sorted by path."""
    found = []
    for directory, subdirs, names in os.walk(root):
        subdirs[:] = [d for d in subdirs if not d.startswith(".")]
        found.extend(os.path.join(directory, name) for name in names
                     if _wanted(name, skipped, os.path.join(directory, name)))
    for path in sorted(found):
        add(path)


def _wanted(name: str, skipped: list[str], path: str) -> bool:
    hidden = name.startswith(".") or name.startswith(_TEMP_PREFIXES)
    if hidden or name.endswith(_TEMP_SUFFIXES) or name.endswith(".expected.json"):
        skipped.append(path)
        return False
    if Path(name).suffix.lower() not in SUPPORTED:
        skipped.append(path)
        return False
    return True


# -- the supervised pool -------------------------------------------------------------------

def failure_of(exc: BaseException) -> tuple[str, str]:
    """An exception met reading a file, as (error kind, one line for the user)."""
    from fengong.extract.errors import ExtractError

    if isinstance(exc, ExtractError):
        return exc.kind, str(exc)
    if isinstance(exc, FileNotFoundError):
        return "missing", "no such file"
    if isinstance(exc, IsADirectoryError):
        return "unsupported", "is a directory (give the files inside it)"
    if isinstance(exc, PermissionError):
        return "permission", "permission denied"
    if isinstance(exc, MemoryError):
        return "too-large", "ran out of memory reading the file"
    return "internal", (f"internal error ({type(exc).__name__}: {exc}); "
                        "rerun with FENGONG_DEBUG=1 and report it")


def _worker(conn, work: Callable[[str], list[dict]]) -> None:
    """A worker process: read files until told to stop; send back records or an error."""
    import faulthandler

    faulthandler.disable()  # a crash is reported by the parent, in one line

    while True:
        try:
            job = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if job is None:
            return
        index, path = job
        start = time.perf_counter()
        try:
            reply = (index, work(path), None, None)
        except Exception as exc:  # one bad file must not stop the others
            reply = (index, None, *failure_of(exc))
        conn.send((*reply, time.perf_counter() - start))


@dataclass
class _Slot:
    process: multiprocessing.process.BaseProcess
    conn: object
    job: tuple[int, str] | None = None
    started: float = 0.0


def _context():
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


def run_batch(paths: Sequence[str], work: Callable[[str], list[dict]], *, workers: int = 0,
              timeout: float = DEFAULT_TIMEOUT) -> Iterator[FileResult]:
    """Given paths and a function reading one path into records, yield each path's result,
    in the order of ``paths``, reading them in ``workers`` supervised processes."""
    workers = max(1, min(workers or os.cpu_count() or 1, len(paths) or 1))
    context = _context()
    pending = deque(enumerate(paths))
    done: dict[int, FileResult] = {}
    slots: list[_Slot] = []

    def start() -> _Slot:
        parent, child = context.Pipe()
        process = context.Process(target=_worker, args=(child, work), daemon=True)
        process.start()
        child.close()
        return _Slot(process, parent)

    def replace(slot: _Slot, kind: str, message: str) -> None:
        index, path = slot.job
        done[index] = FileResult(path, error_kind=kind, message=message,
                                 seconds=time.monotonic() - slot.started)
        slot.process.kill()
        slot.process.join()
        slots[slots.index(slot)] = start()

    try:
        slots.extend(start() for _ in range(workers))
        emitted = 0
        while emitted < len(paths):
            for slot in slots:
                if slot.job is None and pending:
                    slot.job, slot.started = pending.popleft(), time.monotonic()
                    slot.conn.send(slot.job)
            busy = [s for s in slots if s.job is not None]
            for conn in wait([s.conn for s in busy], timeout=0.05):
                slot = next(s for s in busy if s.conn is conn)
                try:
                    index, records, kind, message, seconds = conn.recv()
                except (EOFError, OSError):
                    code = slot.process.exitcode
                    replace(slot, "crash", f"the reader crashed (exit code {code})")
                    continue
                done[index] = FileResult(paths[index], records, kind, message, seconds)
                slot.job = None
            now = time.monotonic()
            for slot in list(slots):
                if slot.job is None:
                    continue
                if not slot.process.is_alive():
                    replace(slot, "crash",
                            f"the reader crashed (exit code {slot.process.exitcode})")
                elif now - slot.started > timeout:
                    replace(slot, "timeout", f"took longer than {timeout:g} s; skipped")
            while emitted in done:
                yield done.pop(emitted)
                emitted += 1
    finally:
        for slot in slots:
            with contextlib.suppress(OSError, ValueError):
                slot.conn.send(None)
        for slot in slots:
            slot.process.join(timeout=1)
            if slot.process.is_alive():
                slot.process.kill()
                slot.process.join()
