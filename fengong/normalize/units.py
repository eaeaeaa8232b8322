"""Unit cells -> single units -> canonical names.

A cell is split at separators (、，,；; line breaks, spaces between names), never inside
brackets (``各县（市、区）政府``). A piece with no separator is split further only where it is
made wholly of known unit names (``市纪委市监委``, ``市发改委和市财政局``): a dedicated jieba
Tokenizer fed the alias dictionary proposes the words, the dictionary confirms each one.
Nothing is dropped or guessed: an unknown name is kept as written and reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from fengong.extract.content import (
    AND_OTHERS,
    DOUBLE_SURNAMES,
    SEPARATORS,
    SURNAMES,
    split_names,
)
from fengong.extract.hanzi import simplified
from fengong.extract.roles import ROLE_MARK, mark_role

from .dictionary import HOLES, LEVELS, Dictionary, Entry, load, match_key

_CONJUNCTIONS = ("及", "和", "与", "以及", "、")
_LEVEL_WORD = r"(?:省|市|县|区|州|盟|旗|镇|乡|街道)"
_PLACE_BODY = rf"各?(?:[\u4e00-\u9fff]{{0,8}}?{_LEVEL_WORD})?(?:[（(][^（）()]{{1,8}}[）)])?"
_PLACE = re.compile(rf"^{_PLACE_BODY}$")
_BARE_PLACE = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_BARE_PLACE_KINDS = {"railway", "state-owned", "vertical", "zone", "association", "township"}
# a body named after the district it serves (雁塔分局, 城关派出所)
_BRANCH_ENDS = ("分局", "支局", "派出所", "中队", "法庭")
# levels listed with 、 are one level word, not several units (各县、市、区政府)
_LEVEL_LIST = re.compile(rf"^各?{_LEVEL_WORD}(?:、{_LEVEL_WORD})+$")
# the nation's own prefixes: 国家统计局, 国务院国资委, 中华人民共和国商务部
_CENTRAL = {"国家", "国务院", "中华人民共和国", "全国"}
# the body a collective belongs to: 县直, 市级, 县政府, 区委区政府 (有关部门)
_SCOPE = re.compile(
    rf"^(?:国务院|中央|(?:(?:{_PLACE_BODY})?(?:直属|直|级|人民政府|政府|党委|委))+)$")
# a government department named with its government in between: 县政府金融办
_QUALIFIER = re.compile(rf"^(?P<place>{_PLACE_BODY})(?:人民)?政府$")
_LEVEL_KEYS = {match_key(level) for level in LEVELS}


@dataclass(frozen=True)
class Resolution:
    """How one unit name resolves: canonical name, successor, kind, whether it is known.

    ``successor`` is the name in use after every reform since (``--current-names``);
    ``chain`` holds each step as (name, year of the reform), oldest first.
    """

    name: str
    canonical: str
    known: bool
    kind: str = "unknown"
    successor: str | None = None
    chain: tuple[tuple[str, int | None], ...] = ()

    @property
    def collective(self) -> bool:
        return self.kind == "collective"


def resolve(name: str, dictionary: Dictionary | None = None) -> Resolution:
    """Given one unit name as written, return its resolution at its own level."""
    dictionary = dictionary or load()
    return _resolve_key(name, dictionary)


_ALTERNATIVE = re.compile(r"^(?P<body>.+)（(?P<alternatives>[^（）]+)）$")


@lru_cache(maxsize=65536)
def _resolve_key(name: str, dictionary: Dictionary) -> Resolution:
    """``县发改局等`` resolves as 县发改局 (the 等 stays in the written name)."""
    key = match_key(name)
    stripped = AND_OTHERS.sub("", key)
    if stripped != key and stripped:
        found = _resolve_key(name[: len(stripped)], dictionary)
        return replace(found, name=name) if found.known else Resolution(name, name, False)
    found = _resolve_stem(name, key, dictionary) or _resolve_pattern(name, key, dictionary)
    found = found or _resolve_township(name, key, dictionary)
    return found or _resolve_alternative(name, key, dictionary) or Resolution(
        name=name, canonical=name, known=False)


_TOWNSHIP = re.compile(r"^(?P<place>[\u4e00-\u9fff]{2,4}?)(?P<level>镇|乡)$")


def _resolve_township(name: str, key: str, dictionary: Dictionary) -> Resolution | None:
    """A place name + 镇/乡 (古林镇) names that township's government. Only a whole name:
    镇 and 乡 alone are no stems, so 各乡镇 is not 各乡 + 镇."""
    match = _TOWNSHIP.match(key)
    entry = match and dictionary.stems.get(match.group("level") + "人民政府")
    if not match or entry is None or _NOT_PLACE.search(match.group("place")):
        return None
    return _resolution(name, name, entry, "人民政府", dictionary)


def _resolve_stem(name: str, key: str, dictionary: Dictionary) -> Resolution | None:
    """The longest known stem ending the name, behind a prefix that may stand there."""
    for start in range(len(key)):
        entry = dictionary.stems.get(key[start:])
        if entry is not None and _prefix_ok(key[:start], entry, dictionary):
            prefix = name[: _written_index(name, start)].strip()
            return _resolution(name, prefix, entry, entry.canonical, dictionary)
    return None


def _resolve_pattern(name: str, key: str, dictionary: Dictionary) -> Resolution | None:
    """A patterned name (``人行商洛支行``, ``疫情防控指挥部``): the hole's text composes in."""
    for pattern, entry in dictionary.patterns:
        for start in range(len(key)):
            match = pattern.fullmatch(key, start)
            if match and _prefix_ok(key[:start], entry, dictionary):
                canonical = _fill(entry.canonical, match.group("L"))
                prefix = name[: _written_index(name, start)].strip()
                return _resolution(name, prefix, entry, canonical, dictionary)
    return None


def _fill(canonical: str, text: str) -> str:
    for hole in HOLES:
        canonical = canonical.replace(hole, text)
    return canonical


def _resolve_alternative(name: str, key: str, dictionary: Dictionary) -> Resolution | None:
    """``各县（市、区）政府（管委会）``, ``各街办（新区）``: a trailing bracket naming the
    body's equivalents elsewhere; the name resolves as the body before it."""
    match = _ALTERNATIVE.match(key)
    if not match:
        return None
    alternatives = re.split(r"[、，,]", match.group("alternatives"))
    if not all(a in dictionary.stems or a in _LEVEL_KEYS for a in alternatives):
        return None
    found = _resolve_key(match.group("body"), dictionary)
    if not found.known:
        return None
    canonical = simplified(name) if found.collective else found.canonical
    return replace(found, name=name, canonical=canonical)


def _resolution(name: str, prefix: str, entry: Entry, stem: str,
                dictionary: Dictionary) -> Resolution:
    """Compose the canonical name at the name's own level; collectives stay as written."""
    if entry.kind == "collective" or (entry.kind == "township" and not prefix):
        # 有关部门; 街道, 乡镇 with no place: every one of them
        return Resolution(name=name, canonical=simplified(name), known=True, kind="collective")
    prefix = simplified(prefix)  # 縣 and 县 give one canonical name
    if entry.kind == "section" and prefix:
        prefix = _resolve_key(prefix, dictionary).canonical  # 县发改局办公室
    elif entry.kind == "government" and (qualified := _QUALIFIER.match(match_key(prefix))):
        prefix = qualified.group("place")  # 县政府金融办 is the 县's 金融办
    kind = "collective" if prefix.startswith("各") else entry.kind
    canonical = stem.replace("{L}", prefix) if "{L}" in stem else prefix + stem
    chain = _chain(prefix, entry, dictionary)
    return Resolution(name=name, canonical=canonical, known=True, kind=kind,
                      successor=chain[-1][0] if chain else None, chain=chain)


def _chain(prefix: str, entry: Entry, dictionary: Dictionary) -> tuple[tuple[str, int | None], ...]:
    """Every successor in turn (扶贫办 -> 乡村振兴局 (2021) -> 农业农村局 (2023)), each at
    the name's own level; a loop in the data ends the chain."""
    steps: list[tuple[str, int | None]] = []
    seen = {id(entry)}
    while entry.successor:
        year = entry.year
        following = dictionary.stems.get(match_key(entry.successor))
        if following is None or id(following) in seen:
            steps.append((prefix + entry.successor, year))
            break
        seen.add(id(following))
        steps.append((prefix + following.canonical, year))
        entry = following
    return tuple(steps)


_NOT_PLACE = re.compile(r"[局委办厅院所站队司部]|中心|公司|政府")


def _prefix_ok(prefix: str, entry: Entry, dictionary: Dictionary) -> bool:
    """May ``prefix`` stand before this entry's stem as its level, place or scope?"""
    if not prefix or prefix in _LEVEL_KEYS or prefix in _CENTRAL or _LEVEL_LIST.match(prefix):
        return True
    if entry.kind == "collective" and _SCOPE.match(prefix):
        return True  # 县直有关单位, 国务院各部门
    if entry.kind == "section":  # a 科室 inside a department, not a group's own office
        return _resolve_key(prefix, dictionary).kind not in ("unknown", "group", "collective")
    if entry.kind == "government" and _QUALIFIER.match(prefix):
        return True
    if _NOT_PLACE.search(prefix):
        return False  # 县财政局县 is two names, not a place
    if _PLACE.match(prefix):
        return True
    bare = entry.kind in _BARE_PLACE_KINDS or entry.canonical.endswith(_BRANCH_ENDS)
    return bare and bool(_BARE_PLACE.match(prefix))


def _written_index(name: str, key_index: int) -> int:
    """Map an index in the match key back to the written name (keys drop spaces)."""
    seen = 0
    for i, ch in enumerate(name):
        if seen == key_index:
            return i
        if ch not in " \u3000\t":
            seen += 1
    return len(name)


@lru_cache(maxsize=8)
def _tokenizer(dictionary: Dictionary):
    """A jieba Tokenizer of our own, holding unit names only (never the 20 MB default)."""
    import jieba

    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total = dictionary.prefix_frequencies(100000)
    tokenizer.initialized = True
    return tokenizer


_NOT_A_NAME_END = re.compile(r"[局委办厅院所站队司部会处科室组省市县区镇乡村街团社台馆行]$")


def is_person_name(token: str, dictionary: Dictionary | None = None) -> bool:
    """A contact person written after a unit (``市民政局 张三``), not a unit: two to four
    Chinese characters starting with a surname, no unit ending, unknown to the dictionary."""
    key = simplified(token)
    if not 2 <= len(key) <= 4 or not all("\u4e00" <= ch <= "\u9fff" for ch in key):
        return False
    surname = key[:2] in DOUBLE_SURNAMES or key[0] in SURNAMES
    if not surname or _NOT_A_NAME_END.search(key) or (len(key) == 4 and key[:2] not in
                                                      DOUBLE_SURNAMES):
        return False
    return not _resolve_key(token, dictionary or load()).known


def split_roles(units: list[str]) -> list[tuple[str, str | None]]:
    """Given units, return (unit without its role marker, 'lead' / 'other' / None).

    ``市发改委（牵头）`` -> (市发改委, lead); ``市财政局（配合）`` -> (市财政局, other).
    """
    out: list[tuple[str, str | None]] = []
    for unit in units:
        key = simplified(unit)
        match = next((m for m in ROLE_MARK.finditer(key) if not key[m.end():].strip()), None)
        if match and match.start() > 0 and len(key) == len(unit):
            out.append((unit[: match.start()].strip(), mark_role(match.group("role"))))
        else:
            out.append((unit, None))
    return out


def split_units(cell: str, dictionary: Dictionary | None = None) -> list[str]:
    """Given a unit cell as written, return its single units, trimmed, in order; a trailing
    ``等`` / ``等有关部门`` is dropped, as the clause reader drops it."""
    dictionary = dictionary or load()
    units: list[str] = []
    for line in _rejoin_broken_lines(cell, dictionary):
        for piece in split_names(line):
            units.extend(_split_run_together(AND_OTHERS.sub("", piece).strip() or piece,
                                             dictionary))
    return units


def _rejoin_broken_lines(cell: str, dictionary: Dictionary) -> list[str]:
    """Join a name broken over two lines (``市安监`` / ``局``, ``市政府`` / ``法制办``).

    A line break separates units, except where the name at the end of one line and the
    start of the next only make a known unit together, the second part having no level of
    its own (a page or column break inside a name, not two names).
    """
    lines = [line for line in cell.split("\n") if line.strip()]
    out: list[str] = []
    for line in lines:
        if out and _unclosed(out[-1]):
            out[-1] = out[-1].rstrip() + line.strip()  # a break inside （…）
            continue
        if out and not out[-1].rstrip().endswith(tuple(SEPARATORS)):
            tail = split_names(out[-1])[-1:] or [""]
            head = split_names(line)[:1] or [""]
            joined = _resolve_key(tail[0] + head[0], dictionary).known
            if joined and not _starts_with_level(match_key(head[0])):
                out[-1] = out[-1].rstrip() + line.strip()
                continue
        out.append(line)
    return out


def _unclosed(text: str) -> bool:
    """More round brackets opened than closed (full- and half-width alike)."""
    return text.count("（") + text.count("(") > text.count("）") + text.count(")")


def _split_run_together(piece: str, dictionary: Dictionary) -> list[str]:
    """``市纪委市监委`` -> [市纪委, 市监委], only when every part is a known unit."""
    if _resolve_key(piece, dictionary).known and not _has_inner_unit(piece, dictionary):
        return [piece]
    tokens = [t for t in _tokenizer(dictionary).cut(match_key(piece), HMM=False) if t]
    parts = _group(tokens, dictionary)
    if parts is None or len(parts) < 2:
        return [piece]
    return _rewrite_in_written_form(piece, parts)


def _has_inner_unit(piece: str, dictionary: Dictionary) -> bool:
    """A known name may still be two names run together (市纪委 + 市监委 both known)."""
    key = match_key(piece)
    for cut in range(2, len(key) - 1):
        head, tail = key[:cut], key[cut:]
        if tail[:1] in "和及与" and _resolve_key(tail[1:], dictionary).known:
            tail = tail[1:]
        if (_resolve_key(head, dictionary).known and _resolve_key(tail, dictionary).known
                and _starts_with_level(tail)):
            return True
    return False


def _starts_with_level(key: str) -> bool:
    return any(key.startswith(level) for level in _LEVEL_KEYS)


def _group(tokens: list[str], dictionary: Dictionary) -> list[str] | None:
    """Join tokens into known units; conjunctions between two units are dropped."""
    parts: list[str] = []
    current = ""
    for token in tokens:
        candidate = current + token
        if current and _resolve_key(current, dictionary).known and _starts_with_level(token):
            parts.append(current)
            current = token
        elif current and token in _CONJUNCTIONS and _resolve_key(current, dictionary).known:
            parts.append(current)
            current = ""
        else:
            current = candidate
    if current:
        parts.append(current)
    if not all(_resolve_key(p, dictionary).known for p in parts):
        return None
    return parts


def _rewrite_in_written_form(piece: str, parts: list[str]) -> list[str]:
    """Map key-form parts back onto the written text (brackets as the notice wrote them)."""
    out, index = [], 0
    written = piece
    for part in parts:
        end = index
        consumed = 0
        while end < len(written) and consumed < len(part):
            if written[end] not in " \u3000\t":
                consumed += 1
            end += 1
        chunk = written[index:end].strip()
        out.append(chunk)
        index = end
        while index < len(written) and written[index] in "和及与 ":
            index += 1
    return out
