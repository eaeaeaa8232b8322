"""The clerk's check list and the notice's own facts."""

from __future__ import annotations

import json

from click.testing import CliRunner

from conftest import SAMPLES
from fengong import extract_tasks
from fengong.cli import main

PROBLEMS = SAMPLES / "check" / "problems.txt"


def warnings_by_seq():
    out: dict[str, list[str]] = {}
    for task in extract_tasks(PROBLEMS):
        out.setdefault(task.seq, []).extend(task.warnings)
    return out


def test_notice_facts_are_carried_on_each_record():
    tasks = extract_tasks(PROBLEMS)
    assert {(t.title, t.notice_date, t.doc_number) for t in tasks} == {
        ("某县2023年农村人居环境整治重点任务分工", "2023-03-01", "县政办发〔2023〕7号")}


def test_each_warning_kind_on_the_row_it_concerns():
    found = warnings_by_seq()
    assert found["1"] == []
    assert found["2"] == ["deadline year inferred: 9月底前 read as in 2023"]
    assert "序号 gap: 3 missing before 4" in found["4"]
    assert found["4"].count("序号 duplicate: 4 is used by 2 rows") == 2
    assert "deadline not understood: 视情况而定" in found["4"]
    assert "unknown unit: 某某管护中心" in found["4"]
    assert "deadline before notice: 2022-12-31 is before the notice's date 2023-03-01" \
        in found["4"]
    assert "shifted cells: a unit column holds a date (2023年10月)" in found["5"]
    assert "shifted cells: the deadline column holds a unit (县交通运输局)" in found["5"]
    assert found["6"] == ["no lead unit"]


def test_year_inferred_from_the_notice_date_then_number_then_table(tmp_path):
    table = "序号\t主要任务\t牵头单位\t完成时限\n1\t任务。\t县财政局\t11月底前\n"
    dated = tmp_path / "dated.txt"
    dated.write_text(table + "2\t任务。\t县财政局\t2025年\n\n县人民政府\n2024年1月5日\n",
                     encoding="utf-8")
    assert extract_tasks(dated)[0].deadline_date == "2024-11-30"
    numbered = tmp_path / "numbered.txt"
    numbered.write_text("县政发〔2022〕3号\n" + table + "2\t任务。\t县财政局\t2025年\n",
                        encoding="utf-8")
    assert extract_tasks(numbered)[0].deadline_date == "2022-11-30"
    bare = tmp_path / "bare.txt"
    bare.write_text(table + "2\t任务。\t县财政局\t2021年\n3\t任务。\t县财政局\t2021年6月\n",
                    encoding="utf-8")
    assert extract_tasks(bare)[0].deadline_date == "2021-11-30"


def test_check_command_groups_warnings_in_chinese_and_strict_exit():
    result = CliRunner().invoke(main, ["check", str(PROBLEMS)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"{PROBLEMS}：读出 6 行（tabs），12 条提示"
    assert "  缺牵头单位 ×1 — 序号 6  [no_lead_unit]" in lines
    assert "  完成时限未写年份 ×1 — 序号 2  [deadline_year_inferred]" in lines
    assert "      序号 2：9月底前 按 2023 年算" in lines
    # a 序号 printed twice is told apart by its row, and its warning is listed once
    assert "  序号重复 ×2 — 序号 4（第 3 行）、序号 4（第 4 行）  [seq_duplicate]" in lines
    assert lines.count("      序号 4（第 3 行）、序号 4（第 4 行）：4 用了 2 次") == 1
    assert CliRunner().invoke(main, ["check", "--strict", str(PROBLEMS)]).exit_code == 1
    clean = CliRunner().invoke(main, ["check", "--strict", str(SAMPLES / "plan_b/tsv.txt")])
    assert clean.exit_code == 0
    assert clean.stdout.splitlines() == [
        f"{SAMPLES / 'plan_b/tsv.txt'}：读出 12 行（tabs），0 条提示"]


def test_every_warning_has_a_code_and_a_chinese_message():
    from fengong.normalize.problems import CATALOGUE

    tasks = extract_tasks(PROBLEMS)
    codes = [c for t in tasks for c in t.warning_codes]
    assert set(codes) <= set(CATALOGUE)
    assert codes.count("seq_duplicate") == 2
    for task in tasks:
        assert len(task.warnings) == len(task.warning_codes) == len(task.warnings_zh)
    assert tasks[1].warnings_zh == ("完成时限未写年份：9月底前 按 2023 年算",)
    assert tasks[-1].warnings_zh == ("缺牵头单位",)
    readme = (SAMPLES.parent / "README.md").read_text(encoding="utf-8")
    assert [c for c in CATALOGUE if f"| `{c}` |" not in readme] == []  # each one documented
    summary = json.loads(CliRunner().invoke(main, ["check", "-f", "json",
                                                   str(PROBLEMS)]).stdout)[0]
    assert summary["by_kind"]["no_lead_unit"] == {"label": "缺牵头单位", "items": [
        {"seq": "6", "row": 6, "where": "序号 6", "detail": ""}]}


def test_check_explain_lists_every_reading_with_its_score():
    stream = SAMPLES / "layouts/cells_blank_every.txt"
    result = CliRunner().invoke(main, ["check", "--explain", str(stream)])
    lines = result.stdout.splitlines()
    assert "行（cell stream）" in lines[0]
    readings = lines[1].removeprefix("  各种读法：").split("，")
    assert readings[0].startswith("cell stream ")
    assert {r.rsplit(" ", 1)[0] for r in readings} >= {"cell stream", "cell blocks"}
    scores = [float(r.rsplit(" ", 1)[1]) for r in readings]
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[1]
    as_json = CliRunner().invoke(main, ["check", "--explain", "-f", "json", str(stream)])
    (summary,) = json.loads(as_json.stdout)
    assert summary["layout"] == "cell stream"
    assert summary["readings"][0] == {"layout": "cell stream", "score": scores[0]}


def test_sub_items_are_numbered_under_their_item_and_stand_for_it(tmp_path):
    notice = tmp_path / "sub_items.txt"
    notice.write_text(
        "一、稳定就业\n"
        "1、开展就业援助月活动。\n牵头单位：区人社局\n完成时间：2026年3月\n"
        "2、加强困难群体帮扶。\n（1）摸清就业困难人员底数；\n（2）开发公益性岗位50个。\n"
        "牵头单位：区人社局\n配合单位：区财政局\n完成时间：2026年6月\n"
        "二、优化创业环境\n"
        "3、举办创业大赛1场。\n牵头单位：区团委\n完成时间：2026年9月\n"
        "5、建设创业孵化基地。\n牵头单位：区发改局\n完成时间：2026年12月\n",
        encoding="utf-8")
    tasks = extract_tasks(notice)
    assert [(t.seq, t.section) for t in tasks] == [
        ("1", "一、稳定就业"), ("1", "2、加强困难群体帮扶。"), ("2", "2、加强困难群体帮扶。"),
        ("3", "二、优化创业环境"), ("5", "二、优化创业环境")]
    # 2's sub-items are no duplicates of 1 and 2; item 4 is missing for real
    assert [t.warning_codes for t in tasks] == [(), (), (), (), ("seq_gap",)]
