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
    import errno

    from fengong.extract.errors import ExtractError

    if isinstance(exc, ExtractError):
        return exc.kind, str(exc)
    if isinstance(exc, FileNotFoundError):
        return "missing", "no such file or folder (check the path)"
    if isinstance(exc, IsADirectoryError):
        return "unsupported", "is a directory (give the files inside it)"
    if isinstance(exc, PermissionError):
        return "permission", "permission denied"
    if isinstance(exc, MemoryError):
        return "too-large", ("ran out of memory reading the file (the worker's limit is "
                             "--max-memory-mb)")
    if isinstance(exc, OSError) and exc.errno == errno.ELOOP:
        return "broken-link", ("a symbolic link loop (the link leads back to itself); "
                               "fix or remove the link")
    if isinstance(exc, OSError):
        return "unreadable", f"cannot be read ({exc.strerror or exc})"
    return "internal", (f"internal error ({type(exc).__name__}: {exc}); "
                        "rerun with FENGONG_DEBUG=1 and report it")


def crash_message(exitcode: int | None) -> str:
    """Why a worker died, from its exit code (negative: the signal that killed it)."""
    import signal

    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        why = " (out of memory, or killed by someone)" if name == "SIGKILL" else ""
        return f"the reader was killed by {name}{why}"
    return f"the reader crashed (exit code {exitcode})"


def _worker(conn, work: Callable[[str], list[dict]], inherited: Sequence = (),
            memory_mb: float | None = None, resident_office: bool = False) -> None:
    """A worker process: read files until told to stop; send back records or an error.
    With ``resident_office``, .doc/.wps files go through one LibreOffice kept running for
    the worker's life (``fengong.extract.office``)."""
    import faulthandler

    from fengong.extract.office import resident

    faulthandler.disable()  # a crash is reported by the parent, in one line
    _become_worker(inherited, memory_mb)
    with resident(resident_office):
        _serve(conn, work)


def _serve(conn, work: Callable[[str], list[dict]]) -> None:
    """Read the files the parent sends until it sends None or goes away."""
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
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


def _become_worker(inherited: Sequence, memory_mb: float | None) -> None:
    """Tie a forked worker's life to its parent and bound its memory.

    It closes the parent's ends of the pipes it inherited (so a dead parent means EOF, not
    a wait for ever), asks Linux to kill it when the parent dies, leaves Ctrl-C and SIGTERM
    to the parent (which reports them in one line and stops the workers), and caps its
    address space so a decompression bomb ends in MemoryError, not in the machine's swap.
    """
    import signal

    from fengong.extract.process import die_with_parent

    parent = os.getppid()
    for conn in inherited:
        with contextlib.suppress(OSError):
            conn.close()
    die_with_parent()
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if memory_mb:
        limit_memory(memory_mb)


def limit_memory(megabytes: float) -> None:
    """Let this process's address space (RLIMIT_AS) grow by at most ``megabytes`` beyond
    what it has now; past it allocations raise MemoryError. Counted from now because a
    forked worker inherits its parent's mappings (a notebook's can be gigabytes)."""
    try:
        import resource
    except ImportError:  # not on Windows
        return
    cap = _address_space() + int(megabytes * 2**20)
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _address_space() -> int:
    """This process's current virtual size in bytes (0 where /proc is not there)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


@dataclass
class _Slot:
    process: multiprocessing.process.BaseProcess
    conn: object
    job: tuple[int, str] | None = None
    started: float = 0.0


def _context():
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


DEFAULT_MEMORY_MB = 4096.0  # address space of one worker process


def run_batch(paths: Sequence[str], work: Callable[[str], list[dict]], *, workers: int = 0,
              timeout: float = DEFAULT_TIMEOUT,
              memory_mb: float | None = DEFAULT_MEMORY_MB) -> Iterator[FileResult]:
    """Given paths and a function reading one path into records, yield each path's result,
    in the order of ``paths``, reading them in ``workers`` supervised processes (each with
    at most ``memory_mb`` of address space)."""
    workers = max(1, min(workers or os.cpu_count() or 1, len(paths) or 1))
    context = _context()
    forked = context.get_start_method() == "fork"
    pending = deque(enumerate(paths))
    done: dict[int, FileResult] = {}
    slots: list[_Slot] = []

    def start() -> _Slot:
        parent, child = context.Pipe()
        inherited = [parent, *(s.conn for s in slots)] if forked else []
        process = context.Process(target=_worker, daemon=True,
                                  args=(child, work, inherited, memory_mb, len(paths) > 1))
        process.start()
        child.close()
        return _Slot(process, parent)

    def replace(slot: _Slot, kind: str, message: str | None = None) -> None:
        index, path = slot.job
        slot.process.kill()
        slot.process.join()
        slot.conn.close()
        done[index] = FileResult(path, error_kind=kind,
                                 message=message or crash_message(slot.process.exitcode),
                                 seconds=time.monotonic() - slot.started)
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
                    slot.process.join(timeout=5)  # reaped, so its exit code is known
                    replace(slot, "crash")
                    continue
                done[index] = FileResult(paths[index], records, kind, message, seconds)
                slot.job = None
            now = time.monotonic()
            for slot in list(slots):
                if slot.job is None:
                    continue
                if not slot.process.is_alive():
                    replace(slot, "crash")
                elif now - slot.started > timeout:
                    replace(slot, "timeout", f"took longer than {timeout:g} s; skipped")
            while emitted in done:
                yield done.pop(emitted)
                emitted += 1
    finally:
        _stop(slots)


def _stop(slots: Sequence[_Slot]) -> None:
    """Ask every worker to stop, and kill those that do not within a second."""
    for slot in slots:
        with contextlib.suppress(OSError, ValueError):
            slot.conn.send(None)
    deadline = time.monotonic() + 1
    for slot in slots:
        slot.process.join(timeout=max(0.0, deadline - time.monotonic()))
        if slot.process.is_alive():
            slot.process.kill()
            slot.process.join()
        with contextlib.suppress(OSError):
            slot.conn.close()
