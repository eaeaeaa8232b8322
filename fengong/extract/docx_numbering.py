"""Word's automatic numbering, written into the text where Word only draws it.

A 序号 column or a list of tasks numbered by Word (``w:numPr``) has no digits in the XML:
Word computes them from ``word/numbering.xml`` as it lays the page out. Here the numbers are
computed the same way (counters per list and level, restarting deeper levels, the level's
format and text pattern) and put at the start of each numbered paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .numbering import han_to_int

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HAN_DIGITS = "〇一二三四五六七八九"
_CIRCLED = [chr(0x2460 + i) for i in range(20)]


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class Numbering:
    """Levels per list (``numId``), and the running counters of the document."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    def label(self, num_id: str, level: int) -> str | None:
        levels = self.levels.get(num_id)
        if levels is None or level not in levels:
            return None
        counts = self.counters.setdefault(num_id, {})
        counts[level] = counts.get(level, levels[level].start - 1) + 1
        for deeper in [k for k in counts if k > level]:
            del counts[deeper]
        text = levels[level].text
        for shown in range(level + 1):
            value = counts.get(shown, levels.get(shown, _Level()).start)
            fmt = levels.get(shown, _Level()).fmt
            text = text.replace(f"%{shown + 1}", _format(value, fmt))
        return text if levels[level].fmt != "bullet" else None


def _format(value: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified",
               "ideographTraditional", "taiwaneseCounting"):
        return _han(value)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 0 < value <= 20:
        return _CIRCLED[value - 1]
    if fmt == "decimalFullWidth":
        return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return str(value)


def _han(value: int) -> str:
    """12 -> 十二, 21 -> 二十一 (checked against han_to_int)."""
    if value < 10:
        text = _HAN_DIGITS[value]
    elif value < 100:
        tens, units = divmod(value, 10)
        text = ("" if tens == 1 else _HAN_DIGITS[tens]) + "十" + (_HAN_DIGITS[units] if units
                                                                 else "")
    else:
        return str(value)
    return text if han_to_int(text) == value else str(value)


def load_numbering(xml_root) -> Numbering:
    """Given word/numbering.xml parsed, return its lists' levels."""
    numbering = Numbering()
    if xml_root is None:
        return numbering
    abstract: dict[str, dict[int, _Level]] = {}
    for node in xml_root.iter(W + "abstractNum"):
        levels = {}
        for lvl in node.iter(W + "lvl"):
            levels[int(lvl.get(W + "ilvl", "0"))] = _level(lvl)
        abstract[node.get(W + "abstractNumId", "")] = levels
    for num in xml_root.iter(W + "num"):
        ref = num.find(W + "abstractNumId")
        levels = dict(abstract.get(ref.get(W + "val", "") if ref is not None else "", {}))
        for override in num.iter(W + "lvlOverride"):
            level = int(override.get(W + "ilvl", "0"))
            start = override.find(W + "startOverride")
            if start is not None and level in levels:
                levels[level] = _Level(levels[level].fmt, levels[level].text,
                                       int(start.get(W + "val", "1")))
        numbering.levels[num.get(W + "numId", "")] = levels
    return numbering


def _level(lvl) -> _Level:
    def value(tag: str, default: str) -> str:
        node = lvl.find(W + tag)
        return node.get(W + "val", default) if node is not None else default

    try:
        start = int(value("start", "1"))
    except ValueError:
        start = 1
    return _Level(fmt=value("numFmt", "decimal"), text=value("lvlText", "%1."), start=start)


def style_numbers(styles_root) -> dict[str, tuple[str, int]]:
    """Paragraph styles that number their paragraphs (``List Number``): style id ->
    (numId, level), following ``basedOn``."""
    if styles_root is None:
        return {}
    direct: dict[str, tuple[str | None, int | None]] = {}
    based: dict[str, str] = {}
    for style in styles_root.iter(W + "style"):
        style_id = style.get(W + "styleId", "")
        num_pr = style.find(f"{W}pPr/{W}numPr")
        if num_pr is not None:
            num_id = num_pr.find(W + "numId")
            level = num_pr.find(W + "ilvl")
            direct[style_id] = (num_id.get(W + "val") if num_id is not None else None,
                                int(level.get(W + "val", "0")) if level is not None else None)
        parent = style.find(W + "basedOn")
        if parent is not None:
            based[style_id] = parent.get(W + "val", "")
    out: dict[str, tuple[str, int]] = {}
    for style_id in set(direct) | set(based):
        num_id, level, seen, current = None, None, set(), style_id
        while current and current not in seen:
            seen.add(current)
            found = direct.get(current, (None, None))
            num_id = num_id or found[0]
            level = level if level is not None else found[1]
            current = based.get(current)
        if num_id:
            out[style_id] = (num_id, level or 0)
    return out


def write_numbers(body, numbering: Numbering, styles: dict[str, tuple[str, int]]) -> None:
    """Put each numbered paragraph's label in front of its text, in document order."""
    from lxml import etree

    for paragraph in body.iter(W + "p"):
        num_pr = paragraph.find(f"{W}pPr/{W}numPr")
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        from_style = styles.get(style.get(W + "val", "")) if style is not None else None
        if num_pr is None and from_style is None:
            continue
        num_id = num_pr.find(W + "numId") if num_pr is not None else None
        level = num_pr.find(W + "ilvl") if num_pr is not None else None
        label = numbering.label(
            num_id.get(W + "val", "") if num_id is not None else from_style[0],
            int(level.get(W + "val", "0")) if level is not None
            else (from_style[1] if from_style else 0))
        if not label:
            continue
        run = etree.Element(W + "r")
        text = etree.SubElement(run, W + "t")
        text.text = label
        properties = paragraph.find(W + "pPr")
        properties.addnext(run)
