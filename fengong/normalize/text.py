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


# C0 controls other than tab, line feed and carriage return, and DEL: no spreadsheet cell
# may hold them (openpyxl refuses them), and no notice means them. Word's vertical tab
# (Shift+Enter) and form feed (page break) are line breaks; the rest go.
_LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def clean_controls(text: str) -> str:
    """The text with control characters gone (vertical tab and form feed as line breaks)."""
    return _CONTROLS.sub("", text.translate(_LINE_BREAKS))
