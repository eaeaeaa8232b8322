"""The clause reader: who does what, from a bracket body, a label line or a sentence.

    （市发改委牵头，市财政局、市商务局等配合，各县区政府按职责分工负责）
    牵头单位：区卫健局；责任单位：区财政局、各街办（新区）
    由张副市长负责，市交通局牵头，有关部门配合，6月底前完成

The text is cut at role markers from the one vocabulary (``roles``): a prefix label
(``配合单位：``) governs forward to the next marker, a suffix verb (``牵头``, ``配合``,
``按职责分工负责``) governs backward to the previous one. What lies between two markers is
split into names (never inside brackets); a name that is no unit (a sentence, a note) goes to
the notes and the clauses after it are still read; a date goes to the deadline; persons
(``张副市长``, the value of ``牵头领导：``) go to the leaders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .content import AND_OTHERS, looks_like_deadline, split_names, unit_score
from .hanzi import simplified
from .roles import (
    CONVENTION_NOTE,
    FIRST_UNIT_LEADS,
    LABEL,
    PERSON_ASIDE,
    ROLE_MARK,
    VERB,
    label_role,
    verb_role,
)

_BY = re.compile(r"^(?:并由|由)")
_DONE = re.compile(r"(?:完成|提出|到位|实现|出台|建成|上报)$")
_TITLE = re.compile(
    r"^[\u4e00-\u9fff]{1,3}(?:副|常务副)?(?:市长|县长|区长|省长|局长|主任|书记|部长|镇长|乡长)$")
_VERB_END = re.compile(r"\s*(?:[，,；;。、)）\]】〕]|$)")


@dataclass
class Clauses:
    """Units by role, persons, notes and a deadline found in one text."""

    lead: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)
    leaders: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    deadline: str | None = None
    first_leads: bool = False  # the text says the first unit named leads
    roles_named: bool = False  # a label or verb assigned a role explicitly

    @property
    def units(self) -> bool:
        return bool(self.lead or self.other)


def read_clauses(text: str) -> Clauses:
    """Given a bracket body, a run of label lines or a sentence, return who does what."""
    found = Clauses()
    text, key = _without_notes(text, found)
    markers = _markers(key)
    found.roles_named = bool(markers)
    pieces: list[tuple[str, str | None]] = []  # (text, governing role)
    cursor = 0
    left: tuple[int, int, str, str] | None = None
    for marker in [*markers, None]:
        end = marker[0] if marker is not None else len(text)
        gap = text[cursor:end]
        pieces.append((gap, _governor(left, marker)))
        if marker is not None:
            cursor = marker[1]
            left = marker
    roles: list[tuple[str, str]] = []
    for gap, role in pieces:
        roles.extend(_read_gap(gap, role, found))
    has_lead = any(role == "lead" for _, role in roles)
    for name, role in roles:
        if role in ("unit", "duty", None):
            role = "other" if has_lead else "lead"
        (found.lead if role == "lead" else found.other).append(name)
    return found


def person_asides(text: str) -> tuple[str, list[str]]:
    """(the text without them, the persons) of the bracketed persons after units
    (``县卫健局（责任人：赵立新）``): an aside, not a label of the clause."""
    persons: list[str] = []

    def cut(match: re.Match[str]) -> str:
        persons.extend(split_names(match.group("persons")))
        return ""

    return PERSON_ASIDE.sub(cut, text), persons


def _without_notes(text: str, found: Clauses) -> tuple[str, str]:
    """Convention notes (``（列第一位者为牵头单位，下同）``) are read and cut out of the text,
    and persons in brackets after a unit go to the leaders."""
    key = simplified(text)
    if len(key) != len(text):
        text = key
    text, persons = person_asides(text)
    found.leaders.extend(persons)
    key = simplified(text)
    for note in reversed(list(CONVENTION_NOTE.finditer(key))):
        found.first_leads = found.first_leads or bool(FIRST_UNIT_LEADS.search(note.group()))
        text = text[:note.start()] + text[note.end():]
        key = key[:note.start()] + key[note.end():]
    for mark in reversed(list(ROLE_MARK.finditer(key))):  # 县财政局（配合） reads 县财政局配合
        word = mark.group("role") + "，"
        text = text[:mark.start()] + word + text[mark.end():]
        key = key[:mark.start()] + word + key[mark.end():]
    return text, key


def _markers(key: str) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, role) of every label and suffix verb, in order."""
    labels = [(m.start(), m.end(), "label", role) for m in LABEL.finditer(key)
              if (role := label_role(m.group("label"))) is not None]
    taken = [(s, e) for s, e, _, _ in labels]
    verbs = []
    for m in VERB.finditer(key):
        if any(s <= m.start() < e for s, e in taken) or not _VERB_END.match(key, m.end()):
            continue
        if not _names_before(key, m.start()):
            continue  # 同步落实 after a sentence is no role verb
        verbs.append((m.start(), m.end(), "verb", verb_role(m)))
        taken.append((m.start(), m.end()))
    return sorted(labels + verbs)


_LAST_PIECE = re.compile(r"[^、，,；;。:：（(〔【\[]*$")


def _names_before(key: str, at: int) -> bool:
    """A role verb follows a name (``县财政局牵头``, ``各有关部门等配合``), not a sentence."""
    piece = _LAST_PIECE.search(key[:at]).group()  # type: ignore[union-attr]
    piece = AND_OTHERS.sub("", _BY.sub("", piece.strip())).strip()
    return not piece or unit_score(piece) > 0 or bool(_TITLE.match(piece))


def _governor(left: tuple[int, int, str, str] | None,
              right: tuple[int, int, str, str] | None) -> str | None:
    """A suffix verb governs the text before it, a label the text after it; a duty verb
    (负责) after a label leaves the label's role (``责任单位：A、B按职责分工负责``)."""
    after_label = left is not None and left[2] == "label"
    if right is not None and right[2] == "verb" and not (right[3] == "duty" and after_label):
        return right[3]
    if left is not None and left[2] == "label":
        return left[3]
    return None


def _read_gap(gap: str, role: str | None, found: Clauses) -> list[tuple[str, str | None]]:
    """The names of one governed stretch; persons, dates and sentences set aside."""
    if role == "deadline":
        value = gap.strip().strip("。；;，,").strip()
        if value:
            found.deadline = value
        return []
    out: list[tuple[str, str | None]] = []
    notes: list[tuple[str, int]] = []  # a sentence cut at its commas is one note
    for piece in split_names(gap):
        name = _BY.sub("", piece).strip()
        name = _unpaired_brackets(name)
        bare = AND_OTHERS.sub("", name) or name
        if not bare:
            continue
        score = unit_score(bare)
        if role == "leader" or _TITLE.match(bare):
            found.leaders.append(bare)
        elif score < 1 and looks_like_deadline(bare):
            found.deadline = _DONE.sub("", bare) or bare
        elif score > 0:
            out.append((bare, role))
        elif notes and notes[-1][1] == len(out):
            notes[-1] = (f"{notes[-1][0]}，{piece}", len(out))
        else:
            notes.append((piece, len(out)))
    found.notes.extend(text for text, _ in notes)
    return out


def _unpaired_brackets(name: str) -> str:
    """A bracket left over from the text around the names, not one inside a name."""
    name = name.strip()
    opened = sum(name.count(c) for c in "（(〔【[")
    closed = sum(name.count(c) for c in "）)〕】]")
    if closed > opened and name[-1:] in "）)〕】]":
        name = name[:-1]
    elif opened > closed and name[:1] in "（(〔【[":
        name = name[1:]
    return name.strip()
