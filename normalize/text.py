"""Task text: cell line-wraps removed, nothing else changed."""

from __future__ import annotations

import re

_EDGE_SPACE = re.compile(r"^[ \t\u3000\xa0]+|[ \t\u3000\xa0]+$", re.M)


def unwrap(text: str) -> str:
    """Join a cell's wrapped lines: no space between CJK lines, one between Latin words."""
    lines = [line for line in _EDGE_SPACE.sub("", text).split("\n") if line]
    if not lines:
        return ""
    out = lines[0]
    for line in lines[1:]:
        if _latin(out[-1:]) and _latin(line[:1]):
            out += " "
        out += line
    return out


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()
