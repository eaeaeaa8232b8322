"""What changed between two versions of a notice's table: ``diff_tasks(old, new)``.

Rows are paired by ``fengong.align`` (order, 序号 and task similarity), then each pair is
compared field by field as a clerk reads it, not as the bytes differ:

- ``task``: the text, spaces and line wraps ignored, full- and half-width alike (NFKC);
- ``lead_units`` / ``other_units``: the canonical names, as a set, so an alias and its full
  name (市安监局 / 市安全生产监督管理局) or a new order of the same units is no change;
- ``deadline``: the dates it gives (2021年6月 and 2021年6月底前 both end on 2021-06-30), or
  its words when it gives none (长期坚持 / 持续推进);
- ``section``: the heading's title without its number, so headings renumbered after a new
  section (二、→三、) are no change, while a row moved under another heading is;
- ``seq``: the 序号 (a renumbered row is ``changed``, ``fields`` = ``("seq",)``).
"""

from __future__ import annotations

import bisect
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from fengong.align import RowPair, pair_rows
from fengong.model import Task

CHANGES = ("added", "removed", "changed", "same")
COMPARED = ("seq", "section", "task", "lead_units", "other_units", "deadline")


@dataclass(frozen=True)
class TaskChange:
    """One row of the comparison: a task added, removed, changed or the same."""

    change: str  # added / removed / changed / same
    old_seq: str | None
    new_seq: str | None
    task: Task  # the new version, or the old one when removed
    old: Task | None  # the old version (None when added)
    fields: tuple[str, ...]  # of COMPARED, those that differ (empty unless changed)
    similarity: float  # of the two task texts, 0.0 when added or removed
    lead_units_added: tuple[str, ...] = ()  # canonical names
    lead_units_removed: tuple[str, ...] = ()
    other_units_added: tuple[str, ...] = ()
    other_units_removed: tuple[str, ...] = ()

    def was(self) -> dict[str, object]:
        """The old values of the fields that changed, as records hold them (a unit field
        with its canonical names: ``lead_units`` and ``lead_units_canonical``)."""
        if self.old is None:
            return {}
        record = self.old.to_dict()
        names = [(name, f"{name}_canonical") if name.endswith("_units") else (name,)
                 for name in self.fields]
        return {key: record[key] for group in names for key in group}

    def to_dict(self) -> dict:
        """A plain JSON-ready dict: the change, what differs, the old values and the task."""
        return {"change": self.change, "old_seq": self.old_seq, "new_seq": self.new_seq,
                "fields": list(self.fields), "similarity": round(self.similarity, 3),
                "lead_units_added": list(self.lead_units_added),
                "lead_units_removed": list(self.lead_units_removed),
                "other_units_added": list(self.other_units_added),
                "other_units_removed": list(self.other_units_removed),
                "was": self.was(), "task": self.task.to_dict()}


def diff_tasks(old: Sequence[Task], new: Sequence[Task], *,
               current_names: bool = False) -> list[TaskChange]:
    """Given the tasks of two versions of a table, return what happened to each task: the
    new table's rows in order (``same``, ``changed`` or ``added``), each removed row after
    the row that came before it in the old table."""
    pairs = pair_rows([t.task for t in old], [t.task for t in new],
                      [t.seq for t in old], [t.seq for t in new])
    partner = {pair.new: (pair.old, pair.similarity) for pair in pairs}
    paired_old = {pair.old for pair in pairs}
    keyed: list[tuple[tuple[int, int, int], TaskChange]] = []
    for j, task in enumerate(new):
        if j in partner:
            i, score = partner[j]
            keyed.append(((j, 0, 0), compare(old[i], task, score, current_names)))
        else:
            keyed.append(((j, 0, 0), TaskChange("added", None, task.seq, task, None, (), 0.0)))
    after = _new_position_before(pairs)
    for i, task in enumerate(old):
        if i not in paired_old:
            keyed.append(((after(i), 1, i),
                          TaskChange("removed", task.seq, None, task, task, (), 0.0)))
    return [change for _key, change in sorted(keyed, key=lambda kc: kc[0])]


def diff_files(old: str | os.PathLike[str], new: str | os.PathLike[str], *,
               current_names: bool = False, **options) -> list[TaskChange]:
    """Given two notice files, return ``diff_tasks`` of their tables; ``options`` are
    ``extract_tasks``'s (``units_files``, ``ocr`` …)."""
    from fengong.pipeline import extract_tasks

    return diff_tasks(extract_tasks(old, **options), extract_tasks(new, **options),
                      current_names=current_names)


def _new_position_before(pairs: list[RowPair]):
    """For a removed old row, the new position of the nearest old row before it that kept
    its place (-1 when none): the removed row is listed right after that one (not after a
    row that moved away)."""
    by_old = sorted((pair.old, pair.new) for pair in pairs if not pair.moved)
    olds = [i for i, _j in by_old]

    def after(i: int) -> int:
        k = bisect.bisect_left(olds, i)
        return by_old[k - 1][1] if k else -1

    return after


def compare(old: Task, new: Task, score: float, current_names: bool = False) -> TaskChange:
    """Given the two versions of one task, return the change between them; units are
    compared by canonical name, or by current name (安监局 = 应急管理局) with
    ``current_names``."""
    names = "current" if current_names else "canonical"
    lead_added, lead_removed = _units_delta(getattr(old, f"lead_units_{names}"),
                                            getattr(new, f"lead_units_{names}"))
    other_added, other_removed = _units_delta(getattr(old, f"other_units_{names}"),
                                              getattr(new, f"other_units_{names}"))
    differs = {
        "seq": old.seq != new.seq,
        "section": section_title(old.section) != section_title(new.section),
        "task": task_text(old.task) != task_text(new.task),
        "lead_units": bool(lead_added or lead_removed),
        "other_units": bool(other_added or other_removed),
        "deadline": deadline_key(old) != deadline_key(new),
    }
    fields = tuple(name for name in COMPARED if differs[name])
    return TaskChange("changed" if fields else "same", old.seq, new.seq, new, old, fields,
                      score, lead_added, lead_removed, other_added, other_removed)


def _units_delta(old: Sequence[str], new: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """The names the new list adds and the names it drops, each in its list's order."""
    before, after = Counter(old), Counter(new)
    added, removed = after - before, before - after
    return (tuple(n for n in dict.fromkeys(new) if n in added),
            tuple(n for n in dict.fromkeys(old) if n in removed))


def task_text(text: str) -> str:
    """The text as compared: NFKC (full-width ，and half-width , alike), no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


_NUMBER = "[〇零一二三四五六七八九十百两0-9０-９]{1,4}"
_SECTION_NUMBER = re.compile(
    rf"^\s*(?:[(（]\s*{_NUMBER}\s*[)）]\s*[、.．]?|{_NUMBER}\s*[、.．]|第{_NUMBER}(?:部分|章|节))\s*")


def section_title(section: str | None) -> str:
    """The heading as compared: its number (一、 （二） 3. 第四部分) removed."""
    if not section:
        return ""
    return task_text(_SECTION_NUMBER.sub("", section, count=1))


def deadline_key(task: Task) -> tuple[str | None, ...]:
    """What a deadline means: its dates and kind when it gives a date, else its words."""
    if task.deadline_date or task.deadline_start:
        return (task.deadline_start, task.deadline_date, task.deadline_kind)
    return (task_text(task.deadline or ""),)
