"""What a cell's text looks like when no header says: a deadline, or a list of units."""

from __future__ import annotations

import re

from .hanzi import simplified

_DEADLINE_LIKE = re.compile(
    r"\d{4}\s*年|(?<!\d)(?:19|20)\d{2}[.\-/](?:1[0-2]|0?[1-9])(?!\d)|[0-9一二三四五六七八九十]+月"
    r"|年底|年内|全年|季度|长期|持续|常态"
    r"|每[年月季周]"
)
_UNIT_END = re.compile(
    r"(局|委|办|部|院|会|府|厅|室|中心|公司|队|站|所|行|社|台|馆|处|团|联|署|办公室|镇|街道|乡)$"
)


def looks_like_deadline(text: str) -> bool:
    """A short text naming a date, a period or a rhythm (2021年6月, 年底前, 每季度)."""
    return bool(_DEADLINE_LIKE.search(text)) and len(text.strip()) <= 30


def looks_like_units(text: str) -> bool:
    """Every part of the text ends like a unit name (局, 委, 办, 中心, 政府 …); a text with a
    colon is a label (主办单位：…, 电话：…), never a unit list."""
    if "：" in text or ":" in text:
        return False
    parts = [p for p in re.split(r"[、，,；;\s]+", simplified(text)) if p]
    return bool(parts) and all(_UNIT_END.search(re.sub(r"[（(][^）)]*[）)]$", "", p))
                               for p in parts) and len(text) <= 120
