"""Header rows: recognise them by their words and give each column a role.

Roles: ``seq``, ``task``, ``lead``, ``other``, ``unit`` (a lone 责任单位 column, resolved to
``lead`` or ``other``), ``deadline``; columns whose header says something else (工作措施, 备注,
进展情况, 责任领导) get ``measure``, ``remarks``, ``progress`` or ``leader`` and are kept out of
units and deadlines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .cells import Row
from .hanzi import simplified

UNIT_ROLES = ("lead", "other", "unit")
CORE_ROLES = ("seq", "task", "lead", "other", "unit", "deadline")

_SPACE = re.compile(r"[\s\u3000]+")
_SENTENCE = re.compile(r"[。；;，,！？\d]")
_NOTE = re.compile(r"[（(][^（）()]{2,30}[）)]$")
FIRST_UNIT_LEADS = re.compile(
    r"第一(?:位|个|家|名)?的?(?:单位)?(?:为|是)牵头|首位(?:单位)?为牵头|排名第一.{0,4}牵头"
)
_MAX_HEADER_CELL = 14

# Checked in order; the first pattern that matches a header cell gives its role.
_ROLE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("seq", re.compile(r"^(序号|编号|序|号|序列号|项次|No\.?)$", re.I)),
    ("leader", re.compile(r"领导|责任人|联系人|负责人|经办人")),
    ("progress", re.compile(r"进展|进度情况|完成情况|落实情况|推进情况")),
    ("remarks", re.compile(r"备注|说明|附注")),
    ("deadline", re.compile(r"时间|时限|期限|节点|日期|进度安排|完成年限")),
    ("lead", re.compile(r"牵头|主办|主责")),
    ("other", re.compile(r"配合|参与|协办|协同|参加|协助")),
    ("unit", re.compile(r"单位|部门|主体|责任|分工")),
    ("task", re.compile(r"任务")),
    ("measure", re.compile(r"措施|举措|目标|成果|标准|要求|指标|路径")),
    ("task", re.compile(r"工作|事项|内容|要点|项目|名称")),
)


def header_key(text: str) -> str:
    """Header text with all spacing removed (headers are often spaced per character), in
    simplified characters (牽頭單位 is 牵头单位)."""
    return simplified(_SPACE.sub("", text))


def cell_role(text: str) -> str | None:
    """Given one header cell's text, return its role, or None when it is not a header word."""
    key = _NOTE.sub("", header_key(text))  # 责任单位（排在第一位的为牵头单位）
    if not key or len(key) > _MAX_HEADER_CELL or key[-1] in "。；;，,！":
        return None
    for role, pattern in _ROLE_PATTERNS:
        if pattern.search(key):
            return role
    return None


def header_roles(row: Row) -> tuple[str | None, ...] | None:
    """Given a row, return its columns' roles if it is a header row, else None.

    A header row has only short cells, at least two of which name core roles, one of them
    the task or a unit column (so a row like ``1 | 2019年`` is never taken for one).
    """
    texts = [c.text for c in row]
    if any(len(_NOTE.sub("", header_key(t))) > _MAX_HEADER_CELL for t in texts):
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


def resolve_roles(roles: Sequence[str | None]) -> tuple[str | None, ...]:
    """Given raw roles, return final ones: a lone 责任单位 column leads, beside 牵头 it is
    other; of several task-like columns (项目名称 | 建设内容) the first is the task and the
    others are kept out of it as measures."""
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
