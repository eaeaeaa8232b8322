"""Stable task ids: a revised copy of a notice keeps each task's id where it is the same task.

A ``task_id`` is ``NOTICE-KEY``: ``NOTICE`` is 12 hex digits of the SHA-256 of the notice's
identity, and ``KEY`` says where the task sits. The identity is the notice's 文号 when it
prints one, else its title with version marks (（征求意见稿）, （修订稿）…) removed when the
title names something (a place, a subject: not just 重点任务分工方案, which many notices
share), else a hash of its tasks' text (such a notice changes id when its text changes). The key is
the 序号 (``3``), with the section's place (``s2.3``) where numbering restarts in each
section and the table's (``t1.s2.3``) where it restarts in each table; a 序号 still printed
twice gets ``~2``, and a row with no 序号 its place (``r7``). Wording, units and deadlines
are not part of either, so a task reworded or given a new deadline keeps its id.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence

from fengong.extract.cells import RawRow

_VERSION_MARK = re.compile(r"[（(【\[][^（）()【】\[\]]{0,8}(?:稿|修订|修改|试行|暂行)[）)】\]]")
_SPACE = re.compile(r"\s+")
_GENERIC = re.compile(r"关于|印发|的通知|通知|重点|主要|工作|任务|责任|分工|分解|清单|方案|实施|"
                      r"落实|[表单附件一二三四五六七八九十0-9：:（）()《》“”]")


def notice_identity(doc_number: str | None, title: str | None,
                    rows: Sequence[RawRow]) -> str:
    """What names the notice across its versions: its 文号, else its title, else its text."""
    if doc_number:
        return "number:" + _SPACE.sub("", doc_number)
    bare = _SPACE.sub("", _VERSION_MARK.sub("", title or ""))
    if len(_GENERIC.sub("", bare)) >= 4:  # a title as bare as 重点任务分工方案 names nothing
        return "title:" + bare
    content = "\x1e".join("\x1f".join((r.seq or "", r.task, r.lead, r.other, r.deadline))
                          for r in rows)
    return "content:" + hashlib.sha256(content.encode("utf-8")).hexdigest()


def task_ids(identity: str, rows: Sequence[RawRow]) -> list[str]:
    """One id per row, in order, unique within the notice; each key says no more than it
    must (the 序号 alone where it is unique, so moving a task to another section keeps its
    id in a notice numbered throughout)."""
    notice = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:12]
    sections = {s: i for i, s in enumerate(dict.fromkeys(r.section for r in rows), start=1)}
    numbered = [r for r in rows if r.seq]
    ways = (lambda r: r.seq,
            lambda r: f"s{sections[r.section] if r.section else 0}.{r.seq}",
            lambda r: f"t{r.table or 0}.s{sections[r.section] if r.section else 0}.{r.seq}")
    keyed = next((w for w in ways if len({w(r) for r in numbered}) == len(numbered)), ways[-1])
    seen: Counter[str] = Counter()
    ids = []
    for place, row in enumerate(rows, start=1):
        key = str(keyed(row)) if row.seq else f"r{place}"
        seen[key] += 1
        ids.append(f"{notice}-{key}" + (f"~{seen[key]}" if seen[key] > 1 else ""))
    return ids
