"""Talks UNO to one resident LibreOffice for a batch worker (``extract/office.py``).

Run as a script by the Python that has LibreOffice's ``uno`` module (Debian's python3-uno,
or the Python bundled with LibreOffice), which is often not the Python fengong runs on, so
it imports nothing of fengong. Protocol, one JSON object a line: it prints ``{"ready": true}``
once connected; then for each ``{"in": PATH, "out": PATH, "filter": NAME}`` read on stdin it
prints ``{"ok": true}`` or ``{"error": TEXT}``. At the end of stdin it ends the office
and exits; a connection
that breaks (the office died) is reported as ``{"error": ..., "dead": true}``, then it exits.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue

NEVER_EXECUTE_MACROS = 0  # com.sun.star.document.MacroExecMode.NEVER_EXECUTE
NO_UPDATE = 0  # com.sun.star.document.UpdateDocMode.NO_UPDATE


def _props(**values: object) -> tuple:
    out = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name, prop.Value = name, value
        out.append(prop)
    return tuple(out)


def _connect(address: str, timeout: float):
    """The office's Desktop, trying until it accepts connections or ``timeout`` passes."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + timeout
    while True:
        try:
            context = resolver.resolve(f"uno:{address};urp;StarOffice.ComponentContext")
            break
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop",
                                                           context)


def _convert(desktop, source: str, target: str, filter_name: str) -> None:
    """Load ``source`` hidden, read-only, macros off, and store it to ``target``."""
    document = desktop.loadComponentFromURL(
        Path(source).as_uri(), "_blank", 0,
        _props(Hidden=True, ReadOnly=True, MacroExecutionMode=NEVER_EXECUTE_MACROS,
               UpdateDocMode=NO_UPDATE))
    if document is None:
        raise ValueError("LibreOffice could not open the file")
    try:
        document.storeToURL(Path(target).as_uri(), _props(FilterName=filter_name,
                                                          Overwrite=True))
    finally:
        document.close(True)


def _reply(**message: object) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def main() -> None:
    address, timeout = sys.argv[1], float(sys.argv[2])
    try:
        desktop = _connect(address, timeout)
    except Exception as exc:
        _reply(error=f"could not connect to LibreOffice ({type(exc).__name__})", dead=True)
        return
    _reply(ready=True)
    from com.sun.star.lang import DisposedException

    for line in sys.stdin:
        job = json.loads(line)
        try:
            _convert(desktop, job["in"], job["out"], job["filter"])
        except DisposedException:
            _reply(error="LibreOffice went away", dead=True)
            return
        except Exception as exc:
            dead = type(exc).__name__ in ("RuntimeException", "DisposedException")
            _reply(error=f"{type(exc).__name__}: {getattr(exc, 'Message', exc)}", dead=dead)
            if dead:
                return
        else:
            _reply(ok=True)
    with contextlib.suppress(Exception):  # the worker is done: end the office cleanly
        desktop.terminate()


if __name__ == "__main__":
    main()
