"""The plan's title: the caption above the table or the 附件 title, never a sentence.

A notice's covering sentence (``为深入推进……，现将重点任务分工如下。``) names the same words
as the plan's title; a title is told apart by its shape: no sentence punctuation, no item
number, not a label. ``附件：`` before a title and ``关于印发《……》的通知`` around one are
taken off.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .cells import Cell
from .content import PAGE_LABEL
from .hanzi import simplified
from .header import header_roles
from .numbering import is_heading, parse_seq, split_item

TITLE_WORDS = re.compile(
    r"方案|清单|分工|任务表|分解表|台账|计划|安排|责任表|一览表|推进表|重点任务$|重点工作任务$"
    r"|任务分解$|工作任务$|重点事项")
_SENTENCE = re.compile(r"[。；;！!？?]|[：:，,]$")
_ATTACHMENT = re.compile(r"^附\s*件\s*\d*\s*[:：]?\s*")
_QUOTED = re.compile(r"《(?P<inner>[^《》]+)》")
_MAX = 60


def caption(text: str) -> str | None:
    """Given a line, return it as a title (附件 prefix and the notice around a quoted plan
    taken off), or None when it is shaped like a sentence, an item, a label, a number or a
    header."""
    words = [w for w in re.split(r"[\s|｜]+", text) if w]
    if len(words) >= 2 and header_roles(tuple(Cell(w) for w in words)) is not None:
        return None  # a header row flattened to one line
    text = _ATTACHMENT.sub("", "".join(words))
    quoted = _QUOTED.search(text)
    if quoted and TITLE_WORDS.search(simplified(quoted.group("inner"))):
        text = quoted.group("inner")
    if not text or len(text) > _MAX or _SENTENCE.search(text) or "\t" in text \
            or PAGE_LABEL.search(text):
        return None
    if parse_seq(text) is not None or is_heading(text) or split_item(text) is not None:
        return None
    return text


def plan_title(lines: Sequence[str]) -> str | None:
    """Given the lines before the table (in order), return the plan's title: the last that
    names a plan (方案, 分工, 清单, …), else the last shaped like a title, else None."""
    captions = [c for line in lines if (c := caption(line)) is not None]
    for text in reversed(captions):
        if TITLE_WORDS.search(simplified(text)):
            return text
    return captions[-1] if captions else None
