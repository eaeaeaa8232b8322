"""The data team's contract: the published schema, lossless CSV / XLSX, the long form, typed
Parquet and frames, stable task ids."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import SAMPLES
from fengong import extract_tasks, read_records, to_dataframe
from fengong.output.schema import json_schema, table_schema

TRICKY = ("序号\t主要任务\t牵头单位\t配合单位\t完成时间\n"
          "1\t-统筹推进“一网通办”。\t各县（市、区）政府\t县财政局、县审计局\t2023年6月底前\n"
          "2\t=SUM(A1)不是公式，是任务。\t县发展改革委\t\t长期坚持\n"
          "3\t'引号开头的任务。\t县公安局\t@某某中心\t+2024年\n")


def _cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fengong.cli", *args], input=stdin,
                          capture_output=True, check=False)


@pytest.fixture
def tricky(tmp_path):
    path = tmp_path / "tricky.txt"
    path.write_text(TRICKY, encoding="utf-8")
    return path


def test_the_published_schemas_are_the_generated_ones():
    docs = SAMPLES.parent / "docs"
    for name, schema in (("task.schema.json", json_schema()),
                         ("task-unit.schema.json", json_schema(long=True)),
                         ("tasks.tableschema.json", table_schema()),
                         ("tasks-long.tableschema.json", table_schema(long=True))):
        assert json.loads((docs / name).read_text(encoding="utf-8")) == schema, \
            f"docs/{name} is stale: regenerate it with fengong schema"


def test_jsonl_records_validate_against_the_schema(tmp_path):
    import jsonschema

    out = tmp_path / "all.jsonl"
    files = [SAMPLES / "plan_b" / n for n in ("tsv.txt", "word_table.docx", "table.xlsx",
                                              "ruled.pdf", "notice.html")]
    assert _cli("extract", *map(str, files), "-o", str(out), "-q", "-w", "1").returncode == 0
    validator = jsonschema.Draft202012Validator(
        json_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    records = read_records(out)
    assert len(records) > 40
    for record in records:
        validator.validate(record)
    long_rows = tmp_path / "long.jsonl"
    _cli("extract", *map(str, files), "--long", "-o", str(long_rows), "-q", "-w", "1")
    long_validator = jsonschema.Draft202012Validator(json_schema(long=True))
    for row in read_records(long_rows):
        long_validator.validate(row)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_csv_and_xlsx_read_back_to_the_same_records(tricky, tmp_path, fmt):
    out = tmp_path / f"tasks.{fmt}"
    assert _cli("extract", str(tricky), "-o", str(out)).returncode == 0
    expected = [t.to_dict() for t in extract_tasks(tricky)]
    assert read_records(out) == expected
    assert expected[0]["lead_units"] == ["各县（市、区）政府"]  # a 、 inside a name survives
    assert expected[0]["task"].startswith("-") and expected[1]["task"].startswith("=")


def test_csv_guards_only_what_a_spreadsheet_would_run(tricky):
    import csv
    import io

    result = _cli("extract", "-", "-f", "csv", stdin=tricky.read_bytes())
    assert not result.stdout.startswith(b"\xef\xbb\xbf")  # no BOM on stdout unless asked
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode("utf-8"))))
    assert {r["source"] for r in rows} == {"-"}  # a path is never guarded
    assert [r["task"][:2] for r in rows] == ["'-", "'=", "''"]
    assert rows[0]["other_units"] == "县财政局\n县审计局"
    assert rows[2]["other_units"] == "'@某某中心" and rows[2]["deadline"] == "'+2024年"
    asked = _cli("extract", "-", "-f", "csv", "--encoding", "utf-8-sig",
                 stdin=tricky.read_bytes())
    assert asked.stdout.startswith(b"\xef\xbb\xbf") and asked.stdout.count(b"\xef\xbb\xbf") == 1


def test_a_csv_file_starts_with_a_bom_for_excel(tricky, tmp_path):
    out = tmp_path / "tasks.csv"
    _cli("extract", str(tricky), "-o", str(out))
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_long_form_has_one_row_per_unit_and_role(tmp_path):
    sample = SAMPLES / "plan_b" / "tsv.txt"
    tasks = extract_tasks(sample)
    out = tmp_path / "long.csv"
    assert _cli("extract", str(sample), "--long", "-o", str(out)).returncode == 0
    rows = read_records(out)
    assert len(rows) == sum(len(t.lead_units) + len(t.other_units) for t in tasks)
    first = tasks[0]
    mine = [r for r in rows if r["task_id"] == first.task_id]
    assert [(r["role"], r["unit"], r["unit_canonical"]) for r in mine] == [
        *(("lead", u, c) for u, c in zip(first.lead_units, first.lead_units_canonical,
                                         strict=True)),
        *(("other", u, c) for u, c in zip(first.other_units, first.other_units_canonical,
                                          strict=True))]
    assert {r["unit_kind"] for r in rows} >= {"government", "vertical"}
    assert all(r["unit_known"] is True for r in rows)


def test_parquet_and_frames_have_real_types(tmp_path):
    import pyarrow.parquet as pq

    sample = SAMPLES / "plan_b" / "tsv.txt"
    out = tmp_path / "tasks.parquet"
    assert _cli("extract", str(sample), "-o", str(out)).returncode == 0
    schema = pq.read_schema(out)
    assert str(schema.field("deadline_date").type) == "date32[day]"
    assert str(schema.field("lead_units").type) == "list<element: string>"
    assert str(schema.field("line").type) == "int64"
    frame = to_dataframe(extract_tasks(sample))
    assert str(frame["deadline_date"].dtype) == "datetime64[ns]"
    assert str(frame["line"].dtype) == "Int64" and str(frame["task"].dtype) == "string"
    long = to_dataframe(extract_tasks(sample), long=True)
    by_unit = long.groupby("unit_canonical").size()
    assert by_unit["县住房和城乡建设局"] == 2


def test_positions_mean_one_thing_each():
    text, = {(t.page, t.row, t.line is not None) for t in extract_tasks(SAMPLES / "plan_b/tsv.txt")}
    assert text == (None, None, True)
    pdf = extract_tasks(SAMPLES / "plan_b/ruled.pdf")
    assert {t.page for t in pdf} >= {1} and all(t.row is None for t in pdf)
    docx = extract_tasks(SAMPLES / "plan_b/word_table.docx")
    assert all(t.page is None and t.row and t.row > 1 for t in docx)


def _revised(text: str) -> str:
    """The next year's copy: a task reworded, a deadline moved, a task added at the end."""
    revised = text.replace("统筹推进", "全面推进").replace("长期坚持", "2025年底前")
    return revised + "4\t新增的任务。\t县民政局\t\t2025年\n"


def test_task_id_survives_rewording_and_a_new_deadline(tmp_path):
    notice = "关于印发重点任务分工方案的通知\n县政办发〔2023〕7号\n" + TRICKY
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(notice, encoding="utf-8")
    new.write_text(_revised(notice), encoding="utf-8")
    before, after = extract_tasks(old), extract_tasks(new)
    assert before[0].task != after[0].task and before[1].deadline != after[1].deadline
    assert [t.task_id for t in after[:3]] == [t.task_id for t in before]
    assert after[3].task_id not in {t.task_id for t in before}
    assert len({t.task_id for t in after}) == 4


def test_task_id_without_a_number_uses_the_title_without_version_marks(tmp_path):
    draft, final = tmp_path / "draft.txt", tmp_path / "final.txt"
    draft.write_text("县优化营商环境重点任务分工方案（征求意见稿）\n" + TRICKY, encoding="utf-8")
    final.write_text("县优化营商环境重点任务分工方案\n" + _revised(TRICKY), encoding="utf-8")
    assert [t.task_id for t in extract_tasks(final)][:3] == \
        [t.task_id for t in extract_tasks(draft)]


def test_task_ids_restart_with_numbering_per_section(tmp_path):
    path = tmp_path / "sections.txt"
    path.write_text("序号\t主要任务\t牵头单位\n一、第一部分\n1\t甲任务。\t县财政局\n2\t乙任务。\t县审计局\n"
                    "二、第二部分\n1\t丙任务。\t县公安局\n", encoding="utf-8")
    ids = [t.task_id.split("-", 1)[1] for t in extract_tasks(path)]
    assert ids == ["s1.1", "s1.2", "s2.1"]


def test_current_names_are_added_beside_the_canonical_ones(tmp_path):
    path = tmp_path / "old.txt"
    path.write_text("序号\t主要任务\t牵头单位\t配合单位\n1\t排查隐患。\t市安监局\t县扶贫办\n",
                    encoding="utf-8")
    (task,) = extract_tasks(path)
    assert task.lead_units_canonical == ("市安全生产监督管理局",)
    assert task.lead_units_current == ("市应急管理局",)
    assert task.other_units_current == ("县农业农村局",)
    assert task.lead_units_kind == ("government",)
    assert task.dictionary_version
