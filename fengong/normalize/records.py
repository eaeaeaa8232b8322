"""Raw rows -> Task records: text unwrapped, units split and resolved, deadlines read."""

from __future__ import annotations

from dataclasses import dataclass

from fengong.extract.cells import Document, RawRow
from fengong.extract.clauses import person_asides, read_clauses
from fengong.extract.content import NOTHING
from fengong.extract.roles import CONVENTION_NOTE
from fengong.model import Task

from .checks import sequence_warnings, shifted_cells
from .deadline import deadline_in_text, parse_deadline
from .dictionary import Dictionary, load
from .identity import notice_identity, task_ids
from .notice import NoticeFacts, notice_facts
from .problems import Problem, problem
from .text import unwrap
from .units import is_person_name, resolve, split_roles, split_units


@dataclass(frozen=True)
class Options:
    """What the caller may change about normalization."""

    units_files: tuple[str, ...] = ()
    ocr_doubt: float = 0.85  # rows recognised with a lower score get a warning


def to_tasks(document: Document, source: str, options: Options = Options()) -> list[Task]:
    """Given a document's raw rows, return its task records."""
    dictionary = load(options.units_files)
    rows = document.rows
    facts = notice_facts(document)
    seq_notes = sequence_warnings([r.seq for r in rows], [r.subrow for r in rows],
                                  [r.section for r in rows], [r.seq_printed for r in rows])
    ids = task_ids(notice_identity(facts.number, document.title, rows), rows)
    return [_task(row, task_id, source, document, dictionary, options, facts, notes)
            for row, task_id, notes in zip(rows, ids, seq_notes, strict=True)]


def _task(row: RawRow, task_id: str, source: str, document: Document, dictionary: Dictionary,
          options: Options, facts: NoticeFacts, notes: list[Problem]) -> Task:
    warnings: list[Problem] = list(notes)
    lead_text, other_text = _cells_by_label(row.lead, row.other)
    lead_cell, lead_people = _without_people(split_units(lead_text, dictionary), dictionary)
    other_cell, other_people = _without_people(split_units(other_text, dictionary), dictionary)
    lead, other = assign_roles(lead_cell, other_cell, first_leads=document.first_unit_leads)
    lead_names = [resolve(unit, dictionary) for unit in lead]
    other_names = [resolve(unit, dictionary) for unit in other]
    warnings.extend(problem("unknown_unit", unit=r.name) for r in lead_names + other_names
                    if not r.known)
    task = unwrap(row.task)
    deadline_text = unwrap(row.deadline) or None
    if deadline_text and NOTHING.match(deadline_text.strip()):
        deadline_text = None  # ——, 无: the form's empty cell
    deadline_source = "cell" if deadline_text else None
    deadline = parse_deadline(deadline_text, facts.year)
    if row.confidence is not None and row.confidence < options.ocr_doubt:
        warnings.append(problem("low_ocr_confidence", score=row.confidence))
    if not task:
        warnings.append(problem("empty_task"))
    for role in filter(None, dict.fromkeys(row.extra.get("inherited", "").split("\n"))):
        what, what_zh = _INHERITED.get(role, (role, role))
        warnings.append(problem("inherited", what=what, what_zh=what_zh))
    if not lead:
        warnings.append(problem("no_lead_unit"))
    if deadline_text is None and "deadline" in document.header:
        warnings.append(problem("no_deadline"))  # only where the table has that column
    elif deadline.warning:
        warnings.append(deadline.warning)
    if deadline.date and facts.date and deadline.date < facts.date:
        warnings.append(problem("deadline_before_notice", date=deadline.date,
                                notice=facts.date))
    warnings.extend(shifted_cells(lead + other, deadline_text, dictionary))
    return Task(
        task_id=task_id,
        source=source,
        seq=row.seq,
        section=row.section,
        task=task,
        lead_units=tuple(lead),
        other_units=tuple(other),
        lead_units_canonical=tuple(r.canonical for r in lead_names),
        other_units_canonical=tuple(r.canonical for r in other_names),
        lead_units_current=tuple(r.successor or r.canonical for r in lead_names),
        other_units_current=tuple(r.successor or r.canonical for r in other_names),
        lead_units_kind=tuple(r.kind for r in lead_names),
        other_units_kind=tuple(r.kind for r in other_names),
        unknown_units=tuple(r.name for r in lead_names + other_names if not r.known),
        deadline=deadline_text,
        deadline_date=deadline.date,
        deadline_start=deadline.start,
        deadline_kind=deadline.kind,
        deadline_source=deadline_source,
        task_deadline=deadline_in_text(task),
        page=row.where.page,
        line=row.where.line,
        row=row.where.row,
        table=row.table,
        seq_printed=row.seq_printed,
        progress=unwrap(row.extra.get("progress", "")) or None,
        remarks=unwrap(row.extra.get("remarks", "")) or None,
        leaders=tuple(split_units(row.extra.get("leader", ""), dictionary)),
        contacts=tuple(lead_people + other_people),
        title=document.title,
        layout=document.layout,
        notice_date=facts.date,
        doc_number=facts.number,
        dictionary_version=dictionary.version,
        warnings=tuple(w.en for w in warnings),
        warning_codes=tuple(w.code for w in warnings),
        warnings_zh=tuple(w.zh for w in warnings),
    )


_INHERITED = {"deadline": ("deadline", "完成时限"), "lead": ("lead unit", "牵头单位")}


def _cells_by_label(lead: str, other: str) -> tuple[str, str]:
    """Unit cells that name roles inside them (``牵头：X`` ``配合：Y``, ``X牵头，Y配合``,
    ``A、B分别牵头``) give each part its role, read by the one clause reader; other cells
    keep their column's role."""
    leads: list[str] = []
    others: list[str] = []
    for text, own in ((lead, leads), (other, others)):
        text, persons = person_asides(text)  # 县卫健局（责任人：赵立新）: a contact
        text = "\n".join([text, *persons])
        found = read_clauses(text) if text.strip() else None
        if found is not None and found.units and not found.roles_named \
                and CONVENTION_NOTE.search(text):
            own.append("、".join(found.lead + found.other))  # the note cut out of the names
        elif found is None or not found.roles_named or not found.units:
            own.append(text)
        else:
            leads.append("、".join(found.lead))  # names already split: joined by a
            others.append("、".join(found.other))  # separator, never by a line break
    return "\n".join(t for t in leads if t), "\n".join(t for t in others if t)


def _without_people(units: list[str], dictionary: Dictionary) -> tuple[list[str], list[str]]:
    """Units, and the contact persons written after them (``县水利局 赵某``)."""
    people = [u for i, u in enumerate(units) if i > 0 and is_person_name(u, dictionary)]
    return [u for u in units if u not in people], people


def assign_roles(lead_cell: list[str], other_cell: list[str],
                 first_leads: bool = False) -> tuple[list[str], list[str]]:
    """Units by role: markers (``（牵头）``, ``（配合）``) move a unit to its role; where the
    notice says the first unit named leads, a lone unit column splits after its first."""
    lead: list[str] = []
    other: list[str] = []
    marked = False
    for unit, role in split_roles(lead_cell):
        marked = marked or role is not None
        (other if role == "other" else lead).append(unit)
    moved: list[str] = []
    for unit, role in split_roles(other_cell):
        marked = marked or role is not None
        (moved if role == "lead" else other).append(unit)
    lead.extend(moved)
    if first_leads and not marked and not other_cell and len(lead) > 1:
        lead, other = lead[:1], lead[1:]
    return lead, other
