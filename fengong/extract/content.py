"""What a cell's text looks like when no header says: a deadline, or a list of units."""

from __future__ import annotations

import re
from functools import lru_cache

from .hanzi import simplified

PAGE_LABEL = re.compile(r"[\u4e00-\u9fff]{2,6}[:：]\s*\S")
"""A page's own labelled line (联系电话：…, 发布时间：…, 责任编辑：…): no title, no cell text."""
# What a form writes in a cell it leaves empty (无, 暂无, ——, －, /): no name, no deadline.
NOTHING = re.compile(r"^(?:[—–\-－‐~～/／\\×]+|无|暂无|无此项|空|空白|不涉及)$")
# ``…等`` / ``…等有关部门`` after a list of units: "and others", no unit of its own.
AND_OTHERS = re.compile(r"等(?:有关|相关|其他|其它)?(?:部门|单位|县区|乡镇)?$")
# A deadline by its rhythm, with no date (每季度, 每两个月, 每学期, 半年一次, 按年度, 定期):
# here it makes a text a deadline, and normalize.deadline gives it the kind "recurring".
RECURRING_WORDS = (r"每[半两三四五六七八九十\d]*个?(?:年度|年|季度|季|月|周|旬|学期|日|天)"
                   r"|半年一次|按年度|按季度|按月|按季|按年|逐年|定期")
_DEADLINE_LIKE = re.compile(
    r"\d{4}\s*年|(?<!\d)(?:19|20)\d{2}[.\-/](?:1[0-2]|0?[1-9])(?!\d)|[0-9一二三四五六七八九十]+月"
    rf"|年底|年内|全年|季度|半年|长期|持续|常态|适时|{RECURRING_WORDS}"
)
_UNIT_END = re.compile(
    r"(局|委|办|部|院|会|府|厅|室|中心|公司|队|站|所|行|社|台|馆|处|团|联|署|办公室|镇|街道|乡"
    r"|科|组|指挥部|专班|海关|集团|园区|开发区|示范区|高新区|新区|管委会|学校|医院|村|社区"
    r"|单位|部门|机构|党委|政府|人民政府|企业|分局|支队|大队|中队|所|联社|协会|商会|基地)$"
)
_COLLECTIVE = re.compile(r"^(?:各|有关|相关|其他|其它|全市|全县|全区|县直|市直|区直|省直)|成员单位$"
                         r"|有关(?:部门|单位)$|相关(?:部门|单位)$")
_LEVEL_ONLY = re.compile(r"^各?[省市县区乡镇州]$")
_TOWN = re.compile(r"(?:镇|乡|村|社区)$")
_NOT_A_NAME = re.compile(r"[。！？；;:：“”\"]|\d{2,}|[要将把对按均]|涉及|不再|分工|下同|进行|确保"
                         r"|指(?!挥|导)"
                         r"|^(?:由|请)")
SEPARATORS = set("、，,；;\n/")
_SPACES = re.compile(r"[ \t\u3000\xa0]+")
_TRAILING = "、，,；;。.:："
# full- and half-width brackets of one shape close each other: notices mix them
_OPENERS = {"（": "round", "(": "round", "【": "square", "[": "square", "〔": "square"}
_CLOSERS = {"）": "round", ")": "round", "】": "square", "]": "square", "〕": "square"}
# 各县、市、区政府 is one unit: the 、 lists levels, not units
_LEVEL_LIST = re.compile(
    r"(?:^|(?<=[、，,；;\s]))各?[省市县区乡镇](?:、[省市县区乡镇])+(?=[\u4e00-\u9fff（(])")
_HELD = "\ue001"  # a private-use character holds a 、 that lists levels
_INNER_NOTE = re.compile(r"[（(][^（）()]*[）)]$")


@lru_cache(maxsize=65536)
def looks_like_deadline(text: str) -> bool:
    """A short text naming a date, a period or a rhythm (2021年6月, 年底前, 每季度)."""
    return bool(_DEADLINE_LIKE.search(text)) and len(text.strip()) <= 30


@lru_cache(maxsize=65536)
def unit_score(name: str) -> float:
    """How much one name looks like a unit: 1 for a unit ending (局, 委, 中心, 管委会 …) or a
    collective (有关部门, 各乡镇, 县直有关单位, …成员单位), 0.5 for a short name with neither,
    below 0 for what reads as a sentence. Shared by the clause reader and the layout scorer."""
    key = simplified(_SPACES.sub("", name)).strip()
    if not key or len(key) > 30 or _NOT_A_NAME.search(key):
        return -1.0
    bare = _INNER_NOTE.sub("", key)
    if _LEVEL_ONLY.match(bare):
        return 0.0  # 各县（市、区） alone is a level, the start of a name
    if _TOWN.search(bare) and len(bare) > 7 and not _COLLECTIVE.search(bare):
        return -0.5  # 创建首批美丽城镇: a sentence ending in 镇, not a township
    if _UNIT_END.search(bare) or _COLLECTIVE.search(bare):
        return 1.0 if len(bare) >= 2 else 0.0
    return 0.3 if len(bare) <= 8 else -0.5


def looks_like_units(text: str) -> bool:
    """Every part of the text ends like a unit name (局, 委, 办, 中心, 政府 …); a text with a
    colon is a label (主办单位：…, 电话：…), never a unit list."""
    if "：" in text or ":" in text or len(text) > 160:
        return False
    parts = split_names(text)
    return bool(parts) and all(unit_score(p) >= 1 for p in parts)


def split_names(cell: str) -> list[str]:
    """Given a cell of unit names, return the single names (a new list each call)."""
    return list(_split_names(cell))


@lru_cache(maxsize=65536)
def _split_names(cell: str) -> tuple[str, ...]:
    return tuple(_split(cell))


def _split(cell: str, brackets: bool = True) -> list[str]:
    """Split at separators and spaces outside brackets (everywhere when a bracket is left
    open: an unclosed bracket must not swallow the rest of the cell)."""
    pieces: list[str] = []
    open_brackets: list[str] = []
    current: list[str] = []
    text = _SPACES.sub(" ", cell.strip())
    if _HELD not in text:
        text = _LEVEL_LIST.sub(lambda m: m.group().replace("、", _HELD), text)
    for i, ch in enumerate(text):
        if brackets and ch in _OPENERS:
            open_brackets.append(_OPENERS[ch])
        elif brackets and ch in _CLOSERS and (
                not open_brackets or open_brackets.pop() != _CLOSERS[ch]):
            return _split(cell, brackets=False)  # mismatched: ( … ]
        if not open_brackets and (ch in SEPARATORS
                                  or (ch == " " and _space_separates(text, i))):
            pieces.append("".join(current) + (" " if ch == " " else ""))
            current = []
            continue
        current.append(ch)
    if open_brackets:
        return _split(cell, brackets=False)
    pieces.append("".join(current))
    return [part for p in _join_broken(pieces) if p.strip().strip(_TRAILING)
            and not NOTHING.match(p.strip())
            for part in _and_each(p.strip().strip(_TRAILING).strip().replace(_HELD, "、"))]


def _and_each(name: str) -> list[str]:
    """``市级各有关部门及各县市区政府``: 及 before 各 joins two parties, each a unit."""
    head, sep, tail = name.partition("及各")
    if sep and unit_score(head) >= 1 and unit_score("各" + tail) >= 1:
        return [head, "各" + tail]
    return [name]


def _join_broken(pieces: list[str]) -> list[str]:
    """Spaces inside a name (``市 财政局``, ``资源规划 局``: text converted from PDF) are not
    separators: a piece that is no unit on its own joins the piece after it."""
    out: list[str] = []
    glue = False
    for piece in pieces:
        if out and glue and piece.strip() and piece.strip()[0] not in "（(":
            out[-1] = out[-1].rstrip() + piece.lstrip()
        elif out and len(piece.strip()) == 1 and _ends_in_space(out[-1]):
            out[-1] = out[-1].rstrip() + piece.lstrip()  # a lone 局 or 会 ends the name
        else:
            out.append(piece)
        glue = _ends_in_space(piece) and unit_score(out[-1]) < 1
    return out


def _ends_in_space(piece: str) -> bool:
    return piece.endswith(" ")


def _space_separates(text: str, i: int) -> bool:
    """A space splits two names; in ``Fujian Provincial Office`` it does not."""
    before, after = text[i - 1 : i], text[i + 1 : i + 2]
    return not (before.isascii() and before.isalnum() and after.isascii() and after.isalnum())




SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚"
    "邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳"
    "甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解"
    "牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边"
    "卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
DOUBLE_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "司徒", "东方", "皇甫", "尉迟", "公孙", "慕容")
_PERSONS = re.compile(r"^[\u4e00-\u9fff]{2,4}(?:[、，,\s]+[\u4e00-\u9fff]{2,4})*$")


@lru_cache(maxsize=65536)
def looks_like_person(text: str) -> bool:
    """One or a few persons' names (``王波``, ``俞 悦``, ``陆明、俞悦``): short all-Chinese
    words, none of them a unit. Spaces inside a two-character name are common."""
    key = re.sub(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", "", text.strip())
    key = _SPACES.sub(" ", key)
    if not _PERSONS.match(key) or len(key) > 12:
        return False
    parts = re.split(r"[、，,\s]+", key)
    return all(unit_score(p) < 1 and (p[:2] in DOUBLE_SURNAMES or p[0] in SURNAMES)
               for p in parts)
