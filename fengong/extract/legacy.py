"""Word 97 ``.doc`` and WPS ``.wps``: converted to DOCX by LibreOffice, then read as DOCX.

Each conversion runs in its own temporary directory with its own LibreOffice user profile
(``-env:UserInstallation``), so parallel conversions never share or lock a profile; the
office's temporary files go there too, and what a killed worker leaves (the directory, the
office's socket) is removed by the next conversion (``office.scratch``). Each runs under a
timeout, so a file that makes LibreOffice hang fails alone. Batch workers convert through a
resident office instead (``office.py``), which spares LibreOffice's start for every file.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess

from .errors import CorruptFile, EncryptedFile, ExtractError, MissingTool, UnsupportedFormat

CONVERT_TIMEOUT = 120  # seconds
INSTALL_HINT = ("install LibreOffice: apt-get install libreoffice-writer-nogui "
                "(Debian/Ubuntu), or save the file as .docx")


def ole_kind(data: bytes) -> str:
    """Given an OLE compound file, return 'doc', 'xls', 'encrypted-ooxml' or 'ole'."""
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except (OSError, ValueError) as exc:
        raise CorruptFile(f"the OLE compound file is damaged ({exc})", "ask for a fresh copy") \
            from None
    with ole:
        streams = {"/".join(entry) for entry in ole.listdir()}
        if "EncryptionInfo" in streams or "EncryptedPackage" in streams:
            return "encrypted-ooxml"
        if "WordDocument" in streams:
            if _word_encrypted(ole.openstream("WordDocument").read(32)):
                return "encrypted-doc"
            return "doc"
        if "Workbook" in streams or "Book" in streams:
            return "xls"
    return "ole"


def _word_encrypted(fib: bytes) -> bool:
    """The FIB's fEncrypted bit (Word 97-2003 password protection)."""
    return len(fib) >= 12 and bool(int.from_bytes(fib[10:12], "little") & 0x0100)


def soffice() -> str | None:
    """Path of LibreOffice's command, if installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in ("/usr/lib/libreoffice/program/soffice",
                      "/opt/libreoffice/program/soffice",
                      "/Applications/LibreOffice.app/Contents/MacOS/soffice"):
        if os.path.exists(candidate):
            return candidate
    return None


def convert(data: bytes, suffix: str, target: str = "docx",
            timeout: float = CONVERT_TIMEOUT) -> bytes:
    """Given a legacy file's bytes, return them converted by LibreOffice to ``target``."""
    program = soffice()
    if program is None:
        raise MissingTool(f"reading {suffix} files needs LibreOffice, which is not installed",
                          INSTALL_HINT)
    from .office import FILTERS, current, discard, office_binary, office_env, scratch

    office = current()
    if office is not None and target in FILTERS:  # a batch worker's resident office
        return office.convert(data, suffix, target, timeout)
    work = scratch()
    try:
        source = work / f"input{suffix}"
        source.write_bytes(data)
        profile = (work / "profile").as_uri()
        command = [office_binary(program), f"-env:UserInstallation={profile}", "--headless",
                   "--norestore", "--nologo", "--nodefault", "--nolockcheck",
                   "--convert-to", target, "--outdir", str(work / "out"), str(source)]
        _run_libreoffice(command, timeout, office_env(work))
        result = work / "out" / f"input.{target}"
        if not result.exists():
            raise CorruptFile(f"LibreOffice could not convert this {suffix} file",
                              "it may be damaged; open it in Word or WPS and save as .docx")
        return result.read_bytes()
    finally:
        discard(work)


def _run_libreoffice(command: list[str], timeout: float, env: dict[str, str]) -> None:
    """Run LibreOffice in a process group of its own, killed whole on timeout, and dying
    with the worker that started it: ``soffice.bin`` is started directly, as our own child,
    because one started by the ``soffice`` launcher would outlive a killed worker. Its "start
    me again" exit (a new profile's first start) is honoured, as the launcher would."""
    import signal
    import time

    from .office import RESTART_EXIT
    from .process import die_with_parent

    deadline = time.monotonic() + timeout
    for _ in range(3):
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   env=env, start_new_session=True,
                                   preexec_fn=die_with_parent)  # a worker: one thread
        try:
            code = process.wait(timeout=max(0.0, deadline - time.monotonic()))
        except BaseException as exc:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            if isinstance(exc, subprocess.TimeoutExpired):
                raise ExtractError(f"LibreOffice did not finish converting the file in "
                                   f"{timeout:.0f} s",
                                   "open it in Word or WPS and save it as .docx") from None
            raise
        if code != RESTART_EXIT:
            return


def read_word97(data: bytes, options: dict) -> list:
    """Given a .doc or .wps file, return its grids via a DOCX conversion."""
    from .docx import read_docx

    kind = ole_kind(data)
    if kind == "encrypted-ooxml":
        raise EncryptedFile("the file is password-protected", "save an unprotected copy")
    if kind == "encrypted-doc":
        raise EncryptedFile("the Word document is password-protected", "save an unprotected copy")
    if kind == "xls":
        from .xlsx import read_xls

        return read_xls(data, options)
    if kind not in ("doc", "ole"):
        raise UnsupportedFormat("the file is an OLE compound file of no supported kind")
    return read_docx(convert(data, ".doc", timeout=options.get("timeout", CONVERT_TIMEOUT)),
                     options)
