"""Header rows: recognise them by their words and give each column a role.

Roles: ``seq``, ``task``, ``lead``, ``other``, ``unit`` (a lone 责任单位 column, resolved to
``lead`` or ``other``), ``deadline``; columns whose header says something else (工作措施, 备注,
进展情况, 责任领导) get ``measure``, ``remarks``, ``progress`` or ``leader`` and are kept out of
units and deadlines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .cells import Row
from .roles import HEADER_NOTE, header_key, word_role

UNIT_ROLES = ("lead", "other", "unit")
CORE_ROLES = ("seq", "task", "lead", "other", "unit", "deadline")

_SENTENCE = re.compile(r"[。；;，,！？\d]")
_MAX_HEADER_CELL = 16

cell_role = word_role  # a header cell's role: the one vocabulary's word role

__all__ = ["CORE_ROLES", "UNIT_ROLES", "cell_role", "header_key", "header_roles",
           "merge_subheader", "resolve_roles", "with_task"]


def header_roles(row: Row) -> tuple[str | None, ...] | None:
    """Given a row, return its columns' roles if it is a header row, else None.

    A header row has only short cells, at least two of which name core roles, one of them
    the task or a unit column (so a row like ``1 | 2019年`` is never taken for one).
    """
    return _header_roles(tuple(c.text for c in row))


@lru_cache(maxsize=16384)
def _header_roles(texts: tuple[str, ...]) -> tuple[str | None, ...] | None:
    if any(len(HEADER_NOTE.sub("", header_key(t))) > _MAX_HEADER_CELL for t in texts):
        return None
    roles = tuple(cell_role(t) for t in texts)
    core = {r for r in roles if r in CORE_ROLES}
    if len(core) < 2 or not core & {"task", *UNIT_ROLES}:
        return None
    unknown = [t for r, t in zip(roles, texts, strict=True) if r is None and header_key(t)]
    # a header may name columns we do not know (总投资, 建设规模) when it names at least
    # three we do; short words only, so a row of data is never taken for a header
    if unknown and (len(core) < 3 or any(len(header_key(t)) > 8 or _SENTENCE.search(t)
                                         for t in unknown)):
        return None
    return roles


def merge_subheader(roles: Sequence[str | None], row: Row) -> tuple[str | None, ...] | None:
    """Given a header's roles and the row under it, return merged roles for a two-row header.

    Notices often write 责任单位 over two sub-columns 牵头 | 配合; the second row then names
    only some columns and leaves the rest empty (or repeats the merged cell).
    """
    if len(row) != len(roles):
        return None
    sub = [cell_role(c.text) if not c.blank else None for c in row]
    if any(s is None and not c.blank for s, c in zip(sub, row, strict=True)):
        return None
    if not any(s in UNIT_ROLES or s == "deadline" for s in sub):
        return None
    if all(s == r or s is None for s, r in zip(sub, roles, strict=True)):
        return None
    return tuple(s if s is not None else r for s, r in zip(sub, roles, strict=True))


def with_task(roles: Sequence[str | None]) -> list[str | None]:
    """Given roles, return them with a task column when none is named as the task: the
    first measure column after the 序号 (or the first), else the first column whose header
    names no role (``民生实事``, ``十件实事``: what a list of projects calls its items)."""
    out = list(roles)
    if "task" not in out:
        start = out.index("seq") + 1 if "seq" in out else 0
        for wanted in ("measure", None):
            at = next((i for i in range(start, len(out)) if out[i] == wanted), None)
            if at is not None:
                out[at] = "task"
                break
    return out


def resolve_roles(roles: Sequence[str | None]) -> tuple[str | None, ...]:
    """Given raw roles, return final ones: a lone 责任单位 column leads, beside 牵头 it is
    other; of several task-like columns (项目名称 | 建设内容) the first is the task and the
    others are kept out of it as measures; a header naming no task column (预期目标,
    具体要求) has its first measure-like column after the 序号 as the task."""
    roles = with_task(roles)
    has_lead = "lead" in roles
    has_task = False
    resolved: list[str | None] = []
    for role in roles:
        if role == "unit":
            role = "other" if has_lead else "lead"
            has_lead = True
        elif role == "task":
            role = "measure" if has_task else "task"
            has_task = True
        resolved.append(role)
    return tuple(resolved)
