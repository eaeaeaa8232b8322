"""A resident LibreOffice for batch workers: started once, converting file after file over UNO.

Starting LibreOffice costs about a second and a half a file; a batch worker keeps one office
(``soffice.bin --accept=pipe…``) and one small bridge process (``uno_bridge.py``, run by the
Python that has LibreOffice's ``uno`` module) for all its files. Each office has a profile
directory of its own, made afresh at every start, so two workers never share one. An office
that dies or hangs is killed (with its bridge) and the file in progress fails alone; the next
file starts a new office. Both processes die with the worker (``PR_SET_PDEATHSIG``), and
``close`` ends them when the worker stops.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import hashlib
import json
import os
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import CorruptFile, ExtractError

START_TIMEOUT = 60.0  # seconds for a new office to accept connections
CLOSE_TIMEOUT = 5.0  # seconds for an office to end when asked, before it is killed
RESTART_EXIT = 81  # soffice.bin's "start me again" (oosplash would do it)
RECYCLE_AFTER = 500  # conversions; a fresh office then, so its memory stays flat
FILTERS = {"docx": "MS Word 2007 XML"}
REOPEN_HINT = "open it in Word or WPS and save it as .docx"
PREFIX = "fengong-office-"  # + the worker's pid: a killed worker's profile is found again
_BRIDGE = Path(__file__).with_name("uno_bridge.py")
ONE_SHOT_ENV = "FENGONG_ONE_SHOT_OFFICE"  # set: a LibreOffice per file, as single files
_current: ResidentOffice | None = None
_wanted = False  # inside a ``resident`` block, or resident for the process's life
_starting = threading.Lock()


@functools.lru_cache(maxsize=1)
def uno_python() -> str | None:
    """A Python that can ``import uno`` (LibreOffice's bundled one, else the system's
    python3, where Debian's python3-uno puts it), or None."""
    from .legacy import soffice

    program = soffice()
    candidates = []
    if program:
        candidates.append(str(Path(os.path.realpath(program)).with_name("python")))
    candidates += [p for p in ("/usr/bin/python3", shutil.which("python3")) if p]
    for candidate in dict.fromkeys(candidates):
        if not os.access(candidate, os.X_OK):
            continue
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            probe = subprocess.run([candidate, "-c", "import uno"], capture_output=True,
                                   timeout=30, stdin=subprocess.DEVNULL)
            if probe.returncode == 0:
                return candidate
    return None


def current() -> ResidentOffice | None:
    """The resident office of this worker process, started at the first need; None outside
    a ``resident`` block or where LibreOffice or its Python UNO is missing."""
    global _current
    with _starting:
        if _current is None and _wanted:
            from .legacy import soffice

            program, python = soffice(), uno_python()
            if program is not None and python is not None:
                _current = ResidentOffice(program, python)
        return _current


def resident_for_life() -> None:
    """From now on, conversions in this process go through one resident office, kept until
    the process ends: for a worker that runs task after task (a Dask worker), where no
    ``resident`` block spans its life. The office dies with the process in any case
    (``PR_SET_PDEATHSIG``); at a normal exit it is also closed and its profile removed."""
    global _wanted
    with _starting:
        if _wanted or os.environ.get(ONE_SHOT_ENV):
            return
        _wanted = True
    atexit.register(_close_current)


def _close_current() -> None:
    global _current
    office, _current = _current, None
    if office is not None:
        office.close()


@contextlib.contextmanager
def resident(enabled: bool = True) -> Iterator[None]:
    """Within this block, conversions in this process go through one resident office,
    started at the first conversion (so a batch with no .doc never starts one)."""
    global _wanted
    if not enabled or _wanted or os.environ.get(ONE_SHOT_ENV):
        yield
        return
    _wanted = True
    try:
        yield
    finally:
        _wanted = False
        _close_current()


class ResidentOffice:
    """One LibreOffice process and its UNO bridge, restarted whenever they fail."""

    def __init__(self, program: str, python: str, start_timeout: float = START_TIMEOUT):
        self.program = office_binary(program)
        self.python = python
        self.start_timeout = start_timeout
        self.profile: Path | None = None
        self.office: subprocess.Popen | None = None
        self._bridge: subprocess.Popen | None = None
        self._work: Path | None = None
        self._buffer = b""
        self._count = 0
        self._lock = threading.Lock()  # a Dask worker may run several threads

    def convert(self, data: bytes, suffix: str, target: str, timeout: float) -> bytes:
        """Given a file's bytes, return them converted to ``target`` by the resident office
        (one conversion at a time)."""
        with self._lock:
            return self._convert(data, suffix, target, timeout)

    def _convert(self, data: bytes, suffix: str, target: str, timeout: float) -> bytes:
        if self._count >= RECYCLE_AFTER:
            self.close()
        deadline = time.monotonic() + timeout
        self._ensure_running(deadline)
        assert self._work is not None
        self._count += 1
        source = self._work / f"input{self._count}{suffix}"
        result = self._work / f"output{self._count}.{target}"
        source.write_bytes(data)
        try:
            reply = self._ask({"in": str(source), "out": str(result),
                               "filter": FILTERS[target]}, deadline, timeout)
            if "error" in reply:
                if reply.get("dead"):
                    self.close()
                    raise ExtractError("LibreOffice crashed converting the file", REOPEN_HINT)
                raise CorruptFile(f"LibreOffice could not convert this {suffix} file",
                                  "it may be damaged; open it in Word or WPS and save as .docx")
            if not result.exists():
                raise CorruptFile(f"LibreOffice could not convert this {suffix} file",
                                  "it may be damaged; open it in Word or WPS and save as .docx")
            return result.read_bytes()
        finally:
            for path in (source, result):
                with contextlib.suppress(OSError):
                    path.unlink()

    def close(self) -> None:
        """End the office and its bridge, and remove the profile."""
        bridge, office = self._bridge, self.office
        self._bridge = self.office = None
        if bridge is not None and bridge.poll() is None and office is not None \
                and office.poll() is None:
            with contextlib.suppress(OSError):
                bridge.stdin.close()  # the bridge then ends the office and exits
            with contextlib.suppress(subprocess.TimeoutExpired):
                bridge.wait(timeout=CLOSE_TIMEOUT)
                office.wait(timeout=CLOSE_TIMEOUT)
        for process in (office, bridge):
            if process is not None:
                _kill_group(process)
        if self._work is not None:
            discard(self._work)
        self._work = self.profile = None
        self._buffer, self._count = b"", 0

    # -- starting and talking ---------------------------------------------------------------

    def _ensure_running(self, deadline: float) -> None:
        alive = (self.office is not None and self.office.poll() is None
                 and self._bridge is not None and self._bridge.poll() is None)
        if alive:
            return
        self.close()
        self._work = scratch()
        self.profile = self._work / "profile"
        pipe = _pipe_name(self._work)
        env = {**office_env(self._work), "SAL_ENABLE_FILE_LOCKING": "1"}
        command = [self.program, f"-env:UserInstallation={self.profile.as_uri()}",
                   "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
                   "--nolockcheck", "--nofirststartwizard",
                   f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"]
        self.office = _spawn(command, env, piped=False)
        self._bridge = _spawn([self.python, str(_BRIDGE), f"pipe,name={pipe}",
                               str(self.start_timeout)], env, piped=True)
        reply = self._read_reply(min(deadline, time.monotonic() + self.start_timeout),
                                 self.start_timeout, restart=(command, env))
        if not reply.get("ready"):
            self.close()
            raise ExtractError("LibreOffice did not start", "check that LibreOffice runs: "
                               "soffice --headless --version")

    def _ask(self, job: dict, deadline: float, timeout: float) -> dict:
        assert self._bridge is not None and self._bridge.stdin is not None
        try:
            self._bridge.stdin.write(json.dumps(job).encode() + b"\n")
            self._bridge.stdin.flush()
        except OSError:
            self.close()
            raise ExtractError("LibreOffice crashed converting the file", REOPEN_HINT) from None
        return self._read_reply(deadline, timeout)

    def _read_reply(self, deadline: float, timeout: float,
                    restart: tuple[list[str], dict[str, str]] | None = None) -> dict:
        """The bridge's next line; a hung or dead office is killed and the file fails.
        While starting (``restart``: how), an office asking to be started again is."""
        assert self._bridge is not None and self._bridge.stdout is not None
        stream = self._bridge.stdout.fileno()
        restarts = 0
        while b"\n" not in self._buffer:
            if (restart and restarts < 3 and self.office is not None
                    and self.office.poll() == RESTART_EXIT):
                self.office, restarts = _spawn(*restart, piped=False), restarts + 1
            left = deadline - time.monotonic()
            if left <= 0:
                self.close()
                raise ExtractError(f"LibreOffice did not finish converting the file in "
                                   f"{timeout:.0f} s", REOPEN_HINT)
            if self.office is None or self.office.poll() is not None:
                self.close()
                raise ExtractError("LibreOffice crashed converting the file", REOPEN_HINT)
            ready, _, _ = select.select([stream], [], [], min(left, 0.2))
            if ready:
                chunk = os.read(stream, 65536)
                if not chunk:  # the bridge is gone
                    self.close()
                    raise ExtractError("LibreOffice crashed converting the file", REOPEN_HINT)
                self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return json.loads(line)


def scratch() -> Path:
    """A new directory for one LibreOffice's profile and temporary files, named by this
    process so that if it is killed the next one to start an office removes it."""
    _remove_orphaned_profiles()
    return Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))


def office_env(work: Path) -> dict[str, str]:
    """The environment of a LibreOffice that writes in ``work``: its profile's home and its
    temporary files (TMPDIR), which a killed office would otherwise leave in /tmp, and its
    sockets where the version honours OSL_SOCKET_PATH (``discard`` removes them elsewhere)."""
    return {**os.environ, "HOME": str(work), "TMPDIR": str(work),
            "OSL_SOCKET_PATH": str(work)}


def discard(work: Path) -> None:
    """Remove a scratch directory and the sockets its office made in the temporary folder:
    the pipe a resident office accepts on, and the one every office opens to find another
    running on its profile, named by the MD5 of the profile's URL in UTF-16 (LibreOffice's
    ``CreateMD5FromString``, its bytes in hex without leading zeros)."""
    shutil.rmtree(work, ignore_errors=True)
    digest = hashlib.md5((work / "profile").as_uri().encode("utf-16-le")).digest()
    names = (_pipe_name(work), "SingleOfficeIPC_" + "".join(f"{b:x}" for b in digest))
    for folder in {tempfile.gettempdir(), "/tmp"}:
        for name in names:
            for path in Path(folder).glob(f"OSL_PIPE_*_{name}"):
                with contextlib.suppress(OSError):
                    path.unlink()


def _remove_orphaned_profiles() -> None:
    """Remove the scratch directories of offices whose process was killed (it could not
    clean up)."""
    for path in Path(tempfile.gettempdir()).glob(f"{PREFIX}*-*"):
        pid = path.name[len(PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            discard(path)


def _pipe_name(work: Path) -> str:
    return f"fengong-{work.name}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def office_binary(program: str) -> str:
    """``soffice.bin`` beside the ``soffice`` launcher where there is one: started directly it
    is our own child, so it dies with us; the launcher would put ``oosplash`` between."""
    binary = Path(os.path.realpath(program)).with_name("soffice.bin")
    return str(binary) if os.access(binary, os.X_OK) else program


def _spawn(command: list[str], env: dict[str, str], piped: bool) -> subprocess.Popen:
    """Start a helper in a session of its own, dying with us; ``piped``: talk over stdio."""
    from .process import die_with_parent

    stream = subprocess.PIPE if piped else subprocess.DEVNULL
    return subprocess.Popen(command, stdin=stream, stdout=stream, stderr=subprocess.DEVNULL,
                            env=env, start_new_session=True, preexec_fn=die_with_parent,
                            bufsize=0)


def _kill_group(process: subprocess.Popen) -> None:
    """Kill a process and every helper it started (its own session), and reap it."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)
