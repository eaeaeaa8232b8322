"""Child processes that do not outlive their parent (workers, LibreOffice)."""

from __future__ import annotations

import contextlib
import sys

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent dies (``PR_SET_PDEATHSIG``): a
    parent killed with ``kill -9`` runs no cleanup, so the child must see to it itself.
    Elsewhere a no-op (the batch's pipes still end a worker whose parent is gone)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
