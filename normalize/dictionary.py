"""The alias dictionary: unit-name stems, their aliases, successors and kinds.

Format (``data/units.csv``, and any ``--units FILE`` in the same shape)::

    canonical,aliases,successor,kind
    安全生产监督管理局,安监局|安全监管局,应急管理局,government

Names are stems: a level prefix (省/市/县/区/乡/镇, 各县（区）, a place name such as 商洛市) is
composed in front of them, or where ``{L}`` stands (``人行{L}支行``). Lines starting with
``#`` are comments. A user file's entries override built-in ones with the same alias.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from fengong.extract.hanzi import simplified

# Brackets are unified in matching keys only; stored text is never rewritten.
_KEY_TABLE = str.maketrans({"(": "（", ")": "）", " ": None, "\u3000": None, "\t": None})

LEVELS = (
    "省", "市", "县", "区", "州", "盟", "旗", "乡", "镇", "自治区", "自治州", "自治县",
    "各县（区）", "各县区", "各区县", "各县（市、区）", "各县市区", "各市（州）",
    "各市", "各区", "各县", "各乡镇", "各镇", "各街道", "各乡（镇）",
)


def match_key(name: str) -> str:
    """The form a name is matched in: brackets unified, spaces removed, simplified."""
    return simplified(name.translate(_KEY_TABLE))


@dataclass(frozen=True)
class Entry:
    """One dictionary line: a canonical stem and what it is."""

    canonical: str
    successor: str | None
    kind: str


@dataclass(frozen=True, eq=False)  # hashed by identity: one per process, cached
class Dictionary:
    """Aliases (as match keys) -> entries, plus the patterned ones containing ``{L}``."""

    stems: dict[str, Entry]
    patterns: tuple[tuple[re.Pattern[str], Entry], ...]

    @property
    def size(self) -> tuple[int, int]:
        """(entries, aliases) — for reports."""
        entries = {id(e) for e in self.stems.values()} | {id(e) for _, e in self.patterns}
        return len(entries), len(self.stems) + len(self.patterns)

    def words(self) -> list[str]:
        """Unit names for the tokenizer: every alias alone and behind each level prefix."""
        out = set()
        for alias in self.stems:
            out.add(alias)
            out.update(match_key(level) + alias for level in LEVELS)
        return sorted(out)


def _parse(text: str, origin: str) -> list[tuple[list[str], Entry]]:
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    rows = []
    for number, record in enumerate(csv.DictReader(io.StringIO("\n".join(lines))), start=2):
        canonical = (record.get("canonical") or "").strip()
        if not canonical:
            raise ValueError(f"{origin}: line {number} has no canonical name")
        aliases = [a.strip() for a in (record.get("aliases") or "").split("|") if a.strip()]
        entry = Entry(
            canonical=canonical,
            successor=(record.get("successor") or "").strip() or None,
            kind=(record.get("kind") or "").strip() or "unit",
        )
        rows.append(([canonical, *aliases], entry))
    return rows


def _pattern(alias: str) -> re.Pattern[str]:
    before, _, after = match_key(alias).partition("{L}")
    return re.compile(re.escape(before) + r"(?P<L>[^\s、，,；;]{1,12}?)" + re.escape(after))


def build(texts: list[tuple[str, str]]) -> Dictionary:
    """Given dictionary texts (content, origin) in priority order, later ones winning."""
    stems: dict[str, Entry] = {}
    patterns: dict[str, tuple[re.Pattern[str], Entry]] = {}
    for text, origin in texts:
        for names, entry in _parse(text, origin):
            for name in names:
                if "{L}" in name:
                    patterns[name] = (_pattern(name), entry)
                else:
                    stems[match_key(name)] = entry
    return Dictionary(stems=stems, patterns=tuple(patterns.values()))


def builtin_text() -> str:
    return resources.files(__package__).joinpath("data/units.csv").read_text(encoding="utf-8")


@lru_cache(maxsize=8)
def load(user_files: tuple[str, ...] = ()) -> Dictionary:
    """The built-in dictionary, extended by user files; built once per process."""
    texts = [(builtin_text(), "built-in units.csv")]
    for path in user_files:
        texts.append((Path(path).read_text(encoding="utf-8-sig"), path))
    return build(texts)
