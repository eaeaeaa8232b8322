"""An archive you can query: records into one SQLite file, upserted by ``task_id``.

One transaction per notice file: its ``notices`` row, its ``tasks`` (updated in place by
``task_id``; the tasks an earlier copy of the same notice had and this one has not are
removed) and their ``task_units``, so an interrupted run loses at most the file in
progress and a rerun or a revised notice never duplicates a task. ``tasks_fts`` is an FTS5
index of the task text with the trigram tokenizer: Chinese has no spaces between words, and
trigrams match any substring of three or more characters without a word list (shorter
queries go through ``LIKE``, see ``search``). Plain ``sqlite3``; datasette browses the file.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from fengong.model import FIELD_KINDS, FIELDS

from .long import record_units
from .open import DatabaseError

SCHEMA_VERSION = "1"
_TASK_COLUMNS = ("notice_id", *FIELDS)
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS fengong_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS notices (
    notice_id TEXT PRIMARY KEY,      -- the first part of every task_id of the notice
    path TEXT NOT NULL,              -- the file last loaded for it
    sha256 TEXT,                     -- of that file's content
    title TEXT, doc_number TEXT, notice_date TEXT, layout TEXT,
    tasks INTEGER NOT NULL, warnings INTEGER NOT NULL, dictionary_version TEXT,
    loaded_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS notices_path ON notices(path);
CREATE TABLE IF NOT EXISTS tasks (
    notice_id TEXT NOT NULL,
    task_id TEXT PRIMARY KEY,
    {", ".join(f'"{c}" {"INTEGER" if FIELD_KINDS[c].startswith("int") else "TEXT"}'
               for c in FIELDS[1:])},
    FOREIGN KEY (notice_id) REFERENCES notices(notice_id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS tasks_notice ON tasks(notice_id);
CREATE INDEX IF NOT EXISTS tasks_deadline ON tasks(deadline_date);
CREATE TABLE IF NOT EXISTS task_units (
    task_id TEXT NOT NULL REFERENCES tasks(task_id) ON DELETE CASCADE,
    position INTEGER NOT NULL,       -- the unit's place in the task: leads first
    role TEXT NOT NULL CHECK (role IN ('lead', 'other')),
    unit TEXT NOT NULL, unit_canonical TEXT NOT NULL, unit_current TEXT NOT NULL,
    kind TEXT NOT NULL, known INTEGER NOT NULL,
    PRIMARY KEY (task_id, position)
);
CREATE INDEX IF NOT EXISTS task_units_canonical ON task_units(unit_canonical);
CREATE VIRTUAL TABLE IF NOT EXISTS tasks_fts USING fts5(
    task, section, title, content='tasks', content_rowid='rowid', tokenize='trigram');
CREATE TRIGGER IF NOT EXISTS tasks_ai AFTER INSERT ON tasks BEGIN
    INSERT INTO tasks_fts(rowid, task, section, title)
    VALUES (new.rowid, new.task, new.section, new.title);
END;
CREATE TRIGGER IF NOT EXISTS tasks_ad AFTER DELETE ON tasks BEGIN
    INSERT INTO tasks_fts(tasks_fts, rowid, task, section, title)
    VALUES ('delete', old.rowid, old.task, old.section, old.title);
END;
CREATE TRIGGER IF NOT EXISTS tasks_au AFTER UPDATE ON tasks BEGIN
    INSERT INTO tasks_fts(tasks_fts, rowid, task, section, title)
    VALUES ('delete', old.rowid, old.task, old.section, old.title);
    INSERT INTO tasks_fts(rowid, task, section, title)
    VALUES (new.rowid, new.task, new.section, new.title);
END;
CREATE VIEW IF NOT EXISTS unit_tasks AS
    SELECT u.unit_canonical, u.unit_current, u.role, u.kind, u.unit, t.task_id, t.seq,
           t.task, t.deadline, t.deadline_date, t.deadline_kind, n.title, n.doc_number,
           t.source
    FROM task_units u JOIN tasks t USING (task_id) JOIN notices n USING (notice_id);
CREATE VIEW IF NOT EXISTS tasks_by_deadline AS
    SELECT t.deadline_date, t.deadline, t.task_id, t.seq, t.task, t.lead_units_canonical,
           t.other_units_canonical, n.title, t.source
    FROM tasks t JOIN notices n USING (notice_id)
    WHERE t.deadline_date IS NOT NULL ORDER BY t.deadline_date, t.task_id;
CREATE VIEW IF NOT EXISTS unknown_units AS
    SELECT u.unit, count(*) AS tasks, count(DISTINCT t.notice_id) AS notices,
           group_concat(DISTINCT n.title) AS titles
    FROM task_units u JOIN tasks t USING (task_id) JOIN notices n USING (notice_id)
    WHERE NOT u.known GROUP BY u.unit ORDER BY tasks DESC, u.unit;
"""


def notice_id(task_id: str) -> str:
    return task_id.split("-", 1)[0]


def connect(path: str | os.PathLike[str]) -> sqlite3.Connection:
    """The database at ``path``, created or checked to be fengong's."""
    try:
        db = sqlite3.connect(path, timeout=5, isolation_level=None)
        db.execute("PRAGMA foreign_keys = ON")
        # WAL: a commit is one append, not a rewrite of the journal; a killed process loses
        # nothing committed (a power cut may lose the last files, which --resume reads again)
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if tables and "fengong_meta" not in tables:
            db.close()
            raise DatabaseError(f"{path} is a database but not one fengong wrote; choose "
                                "another -o file")
        db.executescript(_SCHEMA)
        db.execute("INSERT OR IGNORE INTO fengong_meta VALUES ('schema_version', ?)",
                   (SCHEMA_VERSION,))
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(_explain(path, exc)) from None
    return db


def _explain(path, exc: sqlite3.Error) -> str:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return (f"{path}: the database is locked by another program (datasette, a running "
                "fengong?); close it and run again")
    if "not a database" in text or "malformed" in text:
        return f"{path}: not an SQLite database (or a damaged one); choose another -o file"
    return f"{path}: cannot write the database ({text})"


class SqliteWriter:
    """``write(records)`` for each file's records (one transaction), then ``close()``."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = path
        self.db = connect(path)
        self.count = 0

    def write(self, records: Iterable[dict]) -> None:
        by_notice: dict[str, list[dict]] = {}
        for record in records:
            by_notice.setdefault(notice_id(record["task_id"]), []).append(record)
        try:
            for notice, rows in by_notice.items():
                self._load(notice, rows)
        except sqlite3.Error as exc:
            raise DatabaseError(_explain(self.path, exc)) from None
        self.count += sum(len(rows) for rows in by_notice.values())

    def _load(self, notice: str, rows: Sequence[dict]) -> None:
        db = self.db
        first = rows[0]
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute(
                "INSERT INTO notices VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(notice_id) DO "
                "UPDATE SET path=excluded.path, sha256=excluded.sha256, title=excluded.title, "
                "doc_number=excluded.doc_number, notice_date=excluded.notice_date, "
                "layout=excluded.layout, tasks=excluded.tasks, warnings=excluded.warnings, "
                "dictionary_version=excluded.dictionary_version, loaded_at=excluded.loaded_at",
                (notice, first["source"], _file_hash(first["source"]), first.get("title"),
                 first.get("doc_number"), first.get("notice_date"), first.get("layout"),
                 len(rows), sum(len(r.get("warnings") or ()) for r in rows),
                 first.get("dictionary_version"),
                 datetime.now(UTC).isoformat(timespec="seconds")))
            ids = [r["task_id"] for r in rows]
            db.execute(f"DELETE FROM tasks WHERE notice_id = ? AND task_id NOT IN "
                       f"({','.join('?' * len(ids))})", (notice, *ids))
            updates = ", ".join(f'"{c}"=excluded."{c}"' for c in _TASK_COLUMNS
                                if c != "task_id")
            db.executemany(
                f"INSERT INTO tasks ({', '.join(map(_quoted, _TASK_COLUMNS))}) VALUES "
                f"({','.join('?' * len(_TASK_COLUMNS))}) ON CONFLICT(task_id) DO UPDATE SET "
                f"{updates}", [_task_row(notice, r) for r in rows])
            db.execute(f"DELETE FROM task_units WHERE task_id IN ({','.join('?' * len(ids))})",
                       ids)
            db.executemany("INSERT INTO task_units VALUES (?,?,?,?,?,?,?,?)",
                           [u for r in rows for u in _units(r)])
            db.execute("INSERT INTO fengong_meta VALUES ('dictionary_version', ?) "
                       "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                       (first.get("dictionary_version") or "",))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def done(self, path: str, sha256: str) -> bool:
        """True when ``path`` with this content was loaded already (``--resume``)."""
        found = self.db.execute("SELECT 1 FROM notices WHERE path = ? AND sha256 = ?",
                                (path, sha256)).fetchone()
        return found is not None

    def close(self) -> None:
        self.db.close()

    def abort(self) -> None:
        self.db.close()  # every file already loaded stays: each was its own transaction


def _quoted(column: str) -> str:
    return f'"{column}"'  # fields such as "table" and "row" are SQL keywords


_LISTS = frozenset(f for f in FIELDS if FIELD_KINDS[f].startswith("list"))


def _task_row(notice: str, record: dict) -> tuple:
    """The record as a ``tasks`` row: lists as JSON arrays."""
    get, lists, dumps = record.get, _LISTS, json.dumps
    return (notice, *(
        (dumps(list(v), ensure_ascii=False) if (v := get(f)) else "[]") if f in lists
        else get(f) for f in FIELDS))


def _units(record: dict) -> list[tuple]:
    return [(record["task_id"], position, role, unit, canonical, current, kind, int(known))
            for position, (role, unit, canonical, current, kind, known)
            in enumerate(record_units(record))]


def _file_hash(path: str) -> str | None:
    """The hash ``--resume`` compares (``archive.file_hash``), None for stdin or a file gone."""
    from fengong.archive import file_hash

    try:
        return file_hash(path)
    except OSError:
        return None


def search(db: sqlite3.Connection, text: str) -> list[sqlite3.Row]:
    """Tasks whose text, section or title holds ``text``: through the trigram index for
    three characters or more, by ``LIKE`` below that (a trigram index cannot look up two)."""
    cursor = db.cursor()
    cursor.row_factory = sqlite3.Row
    if len(text) >= 3:
        query = ("SELECT t.* FROM tasks_fts JOIN tasks t ON t.rowid = tasks_fts.rowid "
                 "WHERE tasks_fts MATCH ? ORDER BY t.task_id")
        return cursor.execute(query, ('"' + text.replace('"', '""') + '"',)).fetchall()
    like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    query = ("SELECT * FROM tasks WHERE task LIKE ?1 ESCAPE '\\' OR section LIKE ?1 "
             "ESCAPE '\\' OR title LIKE ?1 ESCAPE '\\' ORDER BY task_id")
    return cursor.execute(query, (like,)).fetchall()
