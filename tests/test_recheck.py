"""recheck(): records a clerk corrected, normalised again from their written fields."""

from __future__ import annotations

import pytest

from conftest import SAMPLES
from fengong import extract_tasks, recheck

PROBLEMS = SAMPLES / "check" / "problems.txt"


def written(task) -> tuple:
    return (task.seq, task.lead_units, task.other_units, task.lead_units_canonical,
            task.other_units_canonical, task.deadline_date, task.warnings)


@pytest.mark.parametrize("name", ["check/problems.txt", "plan_b/tsv.txt",
                                  "plan_b/word_table.docx", "plan_b/notice.html",
                                  "seed_notice.txt"])
def test_records_left_as_they_are_come_back_the_same(name):
    tasks = extract_tasks(SAMPLES / name)
    assert recheck(tasks) == tasks
    assert recheck([t.to_dict() for t in tasks]) == tasks


def test_corrections_clear_their_warnings_and_names_follow_the_typed_units():
    records = [t.to_dict() for t in extract_tasks(PROBLEMS)]
    records[2]["seq"] = "３"  # the first 4 was meant as 3: no gap, no repeat
    records[3]["lead_units"] = "县财政局"  # an unknown unit replaced, as typed
    records[5]["lead_units"] = "县文旅局、县卫健局"  # an empty lead unit filled
    again = recheck(records)
    assert [written(t) for t in again] == [
        ("1", ("县农业农村局",), ("各乡镇人民政府",), ("县农业农村局",), ("各乡镇人民政府",),
         "2023-06-30", ()),
        ("2", ("县农业农村局",), ("县卫健局", "县财政局"), ("县农业农村局",),
         ("县卫生健康委员会", "县财政局"), "2023-09-30",
         ("deadline year inferred: 9月底前 read as in 2023",)),
        ("3", ("县生态环境局",), ("县住建局",), ("县生态环境局",),
         ("县住房和城乡建设局",), None, ("deadline not understood: 视情况而定",)),
        ("4", ("县财政局",), ("县财政局",), ("县财政局",), ("县财政局",), "2022-12-31",
         ("deadline before notice: 2022-12-31 is before the notice's date 2023-03-01",)),
        ("5", ("2023年10月",), ("县交通运输局",), ("2023年10月",), ("县交通运输局",), None,
         ("unknown unit: 2023年10月", "deadline not understood: 县交通运输局",
          "shifted cells: a unit column holds a date (2023年10月)",
          "shifted cells: the deadline column holds a unit (县交通运输局)")),
        ("6", ("县文旅局", "县卫健局"), ("县文旅局",), ("县文化和旅游局", "县卫生健康委员会"),
         ("县文化和旅游局",), "2023-12-31", ()),
    ]
    assert again[2].seq_printed == "３"
    assert again[5].unknown_units == ()
    assert [t.task_id for t in again] == [f"0ef02025c988-{n}" for n in range(1, 7)]


def test_rows_added_and_deleted_are_checked_over_the_whole_table():
    tasks = extract_tasks(PROBLEMS)
    added = {"source": tasks[0].source, "seq": "7", "task": "建立村庄保洁队伍。",
             "lead_units": "各乡镇人民政府", "other_units": "", "deadline": "6月底前"}
    again = recheck([tasks[0], tasks[2], added])  # row 2 deleted
    assert [t.warnings for t in again] == [
        (), ("序号 gap: 2–3 missing before 4", "deadline not understood: 视情况而定"),
        ("序号 gap: 5–6 missing before 7", "deadline year inferred: 6月底前 read as in 2023")]
    new = again[2]
    assert (new.title, new.notice_date, new.doc_number, new.lead_units_canonical,
            new.deadline_date, new.other_units) == (
        "某县2023年农村人居环境整治重点任务分工", "2023-03-01", "县政办发〔2023〕7号",
        ("各乡镇人民政府",), "2023-06-30", ())


def test_a_row_whose_number_is_edited_into_a_repeat_is_a_repeat():
    records = [t.to_dict() for t in extract_tasks(PROBLEMS)]
    records[1]["seq"] = "1"
    assert [t.warnings[:1] for t in recheck(records)[:2]] == [
        ("序号 duplicate: 1 is used by 2 rows",), ("序号 duplicate: 1 is used by 2 rows",)]


def test_sub_rows_of_a_merged_number_stay_sub_rows(tmp_path):
    page = tmp_path / "merged.html"
    page.write_text("<html><body><p>供暖保障任务清单</p><table border=1><tr><th>序号</th>"
                    "<th>工作任务</th><th>责任单位</th><th>完成时限</th></tr>"
                    "<tr><td>1</td><td>储备燃煤。</td><td>县发改局</td><td>2022年11月</td></tr>"
                    "<tr><td rowspan=2>2</td><td>设立热线。</td><td>县住建局</td><td>长期坚持</td>"
                    "</tr><tr><td>公布电话。</td><td>县信访局</td><td>2022年10月</td></tr>"
                    "</table></body></html>", encoding="utf-8")
    tasks = extract_tasks(page)
    assert [t.seq for t in tasks] == ["1", "2", "2"] and recheck(tasks) == tasks


def test_warnings_only_reading_can_give_are_kept():
    from dataclasses import replace

    tasks = extract_tasks(PROBLEMS)
    task = tasks[0]
    read = replace(task, warnings=("low OCR confidence: 0.61, check this row against the scan",
                                   "file: the PDF is damaged"), contacts=("赵某",))
    again = recheck([{**read.to_dict(), "lead_units": "县农业农村局 钱某"}])[0]
    assert again.warnings == read.warnings and again.contacts == ("赵某", "钱某")
    assert again.warning_codes == ("low_ocr_confidence", "file_damaged")  # from the English
    coded = replace(task, warnings=("file: the PDF is damaged",), warning_codes=("file_damaged",),
                    warnings_zh=("文件受损：只读出了能读的部分，可能缺行，请索取完好的文件",))
    assert recheck([coded, *tasks[1:]]) == [coded, *tasks[1:]]
