"""The alias dictionary: unit-name stems, their aliases, successors and kinds.

Two shapes of data, both CSV with ``#`` comment lines:

Flat (``data/units.csv``; a ``--units FILE`` may use it) — one body a line::

    canonical,aliases,successor,year,kind
    安全生产委员会办公室,安委办|安委会办公室,,,government

Structural (``data/gazetteer.csv``; a ``--units FILE`` may use it too) — one stem a line,
composed with each of its level words (部 central, 厅 province, 局 below …; ``委员会/委``
gives a level word its short forms) and with each short stem::

    stem,short,forms,successor,year,kind
    人力资源和社会保障,人力资源社会保障|人社|人力社保,部|厅|局,,,government

gives 人力资源和社会保障部 (人社部 …), …厅, …局 (人力社保局 …). A structural ``successor`` that
is the stem of another structural line keeps the level word (国土资源 -> 自然资源: 国土资源厅
-> 自然资源厅); any other successor is a whole name. ``year`` is the year of the reform
that made the successor.

Names are stems: a level prefix (省/市/县/区/乡/镇, 各县（区）, a place name such as 商洛市) is
composed in front of them, or where ``{L}`` stands (``人行{L}支行``); ``{W}`` stands for the
name of a piece of work (``{W}领导小组``). A later file's entries override earlier ones with
the same alias: built-in structure, then built-in flat entries, then user files.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from fengong.extract.hanzi import simplified, without_glosses

# Brackets are unified in matching keys only; stored text is never rewritten.
_KEY_TABLE = str.maketrans({"(": "（", ")": "）", " ": None, "\u3000": None, "\t": None})

LEVELS = (
    "省", "市", "县", "区", "州", "盟", "旗", "乡", "镇", "自治区", "自治州", "自治县",
    "各县（区）", "各县区", "各区县", "各县（市、区）", "各县市区", "各市（州）",
    "各市", "各区", "各县", "各乡镇", "各镇", "各街道", "各乡（镇）",
)

FLAT_HEADER = ("canonical", "aliases", "successor", "year", "kind")
STRUCTURAL_HEADER = ("stem", "short", "forms", "successor", "year", "kind")
BUILTIN = ("data/gazetteer.csv", "data/units.csv")  # in priority order, later winning

# What a hole in a patterned name may hold: a level or place, or the name of a piece of work.
HOLES = {"{L}": r"[^\s、，,；;]{1,12}?", "{W}": r"[^\s、，,；;]{2,24}?"}


def match_key(name: str) -> str:
    """The form a name is matched in: pinyin glosses removed, brackets unified, spaces
    removed, simplified."""
    return simplified(without_glosses(name).translate(_KEY_TABLE))


@dataclass(frozen=True)
class Entry:
    """One body: a canonical stem, what it is, and who took over from it (and when)."""

    canonical: str
    successor: str | None
    kind: str
    year: int | None = None


@dataclass(frozen=True, eq=False)  # hashed by identity: one per process, cached
class Dictionary:
    """Aliases (as match keys) -> entries, plus the patterned ones containing a hole."""

    stems: dict[str, Entry]
    patterns: tuple[tuple[re.Pattern[str], Entry], ...]
    pattern_names: tuple[str, ...] = ()  # each pattern as the data wrote it (人行{L}支行)
    version: str = ""

    @property
    def size(self) -> tuple[int, int]:
        """(entries, aliases) — for reports."""
        entries = {id(e) for e in self.stems.values()} | {id(e) for _, e in self.patterns}
        return len(entries), len(self.stems) + len(self.patterns)

    def listing(self) -> list[tuple[Entry, list[str]]]:
        """Every entry in force with the aliases that reach it, in the data's order."""
        grouped: dict[int, tuple[Entry, list[str]]] = {}
        aliases = list(self.stems.items())
        aliases += [(n, e) for n, (_, e) in zip(self.pattern_names, self.patterns, strict=True)]
        for alias, entry in aliases:
            grouped.setdefault(id(entry), (entry, []))[1].append(alias)
        return list(grouped.values())

    def words(self) -> set[str]:
        """Unit names for the tokenizer: every alias alone and behind each level prefix."""
        levels = [match_key(level) for level in LEVELS]
        return set(self.stems) | {level + alias for alias in self.stems for level in levels}

    def prefix_frequencies(self, weight: int) -> tuple[dict[str, int], int]:
        """The tokenizer's table as jieba's gen_pfdict builds it from ``word weight`` lines
        (each word at ``weight``, each prefix of one at 0, and the total), built directly:
        the same table without writing and parsing some 30 000 lines."""
        words = self.words()
        table = {word[:end]: 0 for word in words for end in range(1, len(word))}
        table.update(dict.fromkeys(words, weight))
        return table, weight * len(words)


@dataclass(frozen=True)
class _Line:
    """One parsed data line: the names that reach an entry, and the entry."""

    names: tuple[str, ...]
    entry: Entry


def _records(text: str, origin: str) -> tuple[tuple[str, ...], Iterator[tuple[int, dict]]]:
    """The header and the numbered records of one CSV text, comment lines skipped."""
    numbered = [(n, line) for n, line in enumerate(text.splitlines(), start=1)
                if line.strip() and not line.lstrip().startswith("#")]
    if not numbered:
        raise ValueError(f"{origin}: no header line; expected '{','.join(FLAT_HEADER)}'")
    header = tuple(h.strip().lstrip("\ufeff") for h in next(csv.reader([numbered[0][1]])))
    if header[:2] not in (FLAT_HEADER[:2], STRUCTURAL_HEADER[:2]) or "kind" not in header:
        raise ValueError(f"{origin}: line {numbered[0][0]}: expected the header "
                         f"'{','.join(FLAT_HEADER)}' (or '{','.join(STRUCTURAL_HEADER)}'), "
                         f"found '{numbered[0][1].strip()}'")
    rows = csv.reader(line for _, line in numbered[1:])
    return header, ((n, dict(zip(header, row, strict=False)))
                    for (n, _), row in zip(numbered[1:], rows, strict=True))


def _field(record: dict, name: str) -> str:
    return (record.get(name) or "").strip()


def _split(text: str, sep: str = "|") -> list[str]:
    return [part.strip() for part in text.split(sep) if part.strip()]


def _year(record: dict, origin: str, number: int) -> int | None:
    text = _field(record, "year")
    if not text:
        return None
    if not (text.isdigit() and 1949 <= int(text) <= 2100):
        raise ValueError(f"{origin}: line {number}: year must be a year such as 2018, "
                         f"not '{text}'")
    return int(text)


def _flat_line(record: dict, origin: str, number: int) -> _Line:
    canonical = _field(record, "canonical")
    if not canonical:
        raise ValueError(f"{origin}: line {number} has no canonical name")
    entry = Entry(canonical=canonical, successor=_field(record, "successor") or None,
                  kind=_field(record, "kind") or "unit", year=_year(record, origin, number))
    return _Line((canonical, *_split(_field(record, "aliases"))), entry)


def _forms(text: str) -> list[tuple[str, list[str]]]:
    """``委员会/委|局`` -> [(委员会, [委]), (局, [])]; an empty item is the bare stem."""
    out = []
    for item in text.split("|"):
        full, *shorts = (part.strip() for part in item.split("/"))
        out.append((full, [s for s in shorts if s]))
    return out


def _structural_lines(record: dict, origin: str, number: int,
                      stems: set[str]) -> list[_Line]:
    """One structural line -> one entry per level word, each with every short form."""
    stem = _field(record, "stem")
    if not stem:
        raise ValueError(f"{origin}: line {number} has no stem")
    heads = [stem, *_split(_field(record, "short"))]
    successor = _field(record, "successor")
    kind = _field(record, "kind") or "unit"
    year = _year(record, origin, number)
    lines = []
    for full, shorts in _forms(_field(record, "forms")):
        after = (successor + full if successor in stems else successor) or None
        names = tuple(dict.fromkeys(h + f for h in heads for f in (full, *shorts)))
        lines.append(_Line(names, Entry(stem + full, after, kind, year)))
    return lines


def _parse(text: str, origin: str, stems: set[str]) -> list[_Line]:
    """Given one data text, return its lines (flat or structural, by its header)."""
    header, records = _records(text, origin)
    structural = header[0] == "stem"
    lines: list[_Line] = []
    for number, record in records:
        if structural:
            lines.extend(_structural_lines(record, origin, number, stems))
        else:
            lines.append(_flat_line(record, origin, number))
    return lines


def _structural_stems(texts: list[tuple[str, str]]) -> set[str]:
    """Stems of every structural line: a successor naming one keeps its level word."""
    stems: set[str] = set()
    for text, origin in texts:
        header, records = _records(text, origin)
        if header[0] == "stem":
            stems.update(_field(r, "stem") for _, r in records)
    return stems


def _pattern(alias: str) -> re.Pattern[str]:
    key = match_key(alias)
    hole = next(h for h in HOLES if h in key)
    before, _, after = key.partition(hole)
    return re.compile(re.escape(before) + f"(?P<L>{HOLES[hole]})" + re.escape(after))


def _key_function(text: str):
    """match_key, or its cheap part alone where the whole text is simplified already (the
    built-in data: one conversion instead of one per name)."""
    if simplified(text) == text:
        return lambda name: name.translate(_KEY_TABLE)
    return match_key


def build(texts: list[tuple[str, str]]) -> Dictionary:
    """Given dictionary texts (content, origin) in priority order, later ones winning."""
    stems: dict[str, Entry] = {}
    patterns: dict[str, tuple[re.Pattern[str], Entry]] = {}
    structural = _structural_stems(texts)
    entries: dict[Entry, Entry] = {}  # a flat line equal to a composed entry adds aliases
    for text, origin in texts:
        key = _key_function(text)
        for line in _parse(text, origin, structural):
            entry = entries.setdefault(line.entry, line.entry)
            for name in line.names:
                if any(hole in name for hole in HOLES):
                    patterns[name] = (_pattern(name), entry)
                else:
                    stems[key(name)] = entry
    version = next((v for text, _ in texts if (v := _version(text))), "")
    return Dictionary(stems=stems, patterns=tuple(patterns.values()),
                      pattern_names=tuple(match_key(n) for n in patterns), version=version)


def check_successors(dictionary: Dictionary, origin: str) -> Dictionary:
    """A successor must itself be a known name, so a chain never ends in a typo."""
    for entry in set(dictionary.stems.values()):
        if entry.successor and match_key(entry.successor) not in dictionary.stems:
            raise ValueError(f"{origin}: successor '{entry.successor}' of "
                             f"'{entry.canonical}' is not a known name")
    return dictionary


_VERSION = re.compile(r"^#\s*version:\s*(\S+)", re.MULTILINE)


def _version(text: str) -> str | None:
    match = _VERSION.search(text)
    return match.group(1) if match else None


def builtin_text(name: str = "data/units.csv") -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def read_user_file(path: str) -> str:
    """A user's dictionary as text, in whatever encoding Excel or WPS saved it (UTF-8 with
    or without BOM, GBK/GB18030, UTF-16)."""
    from fengong.extract.decode import decode
    from fengong.extract.errors import ExtractError

    try:
        return decode(Path(path).read_bytes())[0]
    except ExtractError as exc:
        raise ValueError(f"{path}: {exc}") from None


@lru_cache(maxsize=8)
def load(user_files: tuple[str, ...] = ()) -> Dictionary:
    """The built-in dictionary, extended by user files; built once per process."""
    texts = [(builtin_text(name), f"built-in {name}") for name in BUILTIN]
    texts += [(read_user_file(path), path) for path in user_files]
    return check_successors(build(texts), texts[-1][1])
