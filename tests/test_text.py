"""Text notices: every layout, every encoding, exact records."""

from __future__ import annotations

import pytest

from conftest import SAMPLES, as_rows, expected_rows
from fengong import extract_tasks


def test_seed_details_the_issue_names():
    tasks = {t.seq: t for t in extract_tasks(SAMPLES / "seed_notice.txt")}
    assert len(tasks) == 57
    assert len(tasks["14"].lead_units) == 5 and len(tasks["31"].lead_units) == 5
    assert tasks["27"].lead_units[:2] == ("市纪委", "市监委")
    assert "" not in tasks["48"].lead_units and tasks["48"].lead_units == ("市安监局", "市财政局")
    assert tasks["23"].task == "对各类功能区和镇（办）安监机构实施委托执法或派驻执法。"
    assert not tasks["54"].task.endswith(" ")
    assert tasks["1"].title == "推进安全生产领域改革发展重点任务分工方案"
    assert all(t.deadline_date and t.deadline_kind == "by" for t in tasks.values())
    assert not any(t.warnings for t in tasks.values())


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16",
                                      "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_encodings_and_line_endings_are_detected(tmp_path, encoding, newline):
    text = (SAMPLES / "plan_b/lines.txt").read_text(encoding="utf-8")
    data = text.replace("\n", newline).encode(encoding)
    path = tmp_path / "notice.txt"
    path.write_bytes(data)
    assert as_rows(extract_tasks(path)) == expected_rows(SAMPLES / "plan_b/lines.txt")


def test_tab_rows_with_notice_text_around(tmp_path):
    path = tmp_path / "tabs.txt"
    path.write_text(
        "关于做好秋冬季防火工作的通知\n各乡镇：\n为做好防火工作，现将任务分解如下。\n"
        "序号\t工作任务\t责任单位\t完成时间\n"
        "1\t开展林区防火巡查。\t县林业局、各乡镇人民政府\t2022年11月底前\n"
        "２\t检修消防设施，更新灭火器材。\t县消防救援大队\t2022年10月\n"
        "\n县人民政府办公室\n2022年9月1日\n",
        encoding="utf-8",
    )
    rows = as_rows(extract_tasks(path))
    assert rows == [
        {"seq": "1", "section": None, "task": "开展林区防火巡查。",
         "lead_units": ["县林业局", "各乡镇人民政府"], "other_units": [],
         "deadline": "2022年11月底前"},
        {"seq": "2", "section": None, "task": "检修消防设施，更新灭火器材。",
         "lead_units": ["县消防救援大队"], "other_units": [], "deadline": "2022年10月"},
    ]


def test_header_words_vary_and_extra_columns_are_ignored(tmp_path):
    path = tmp_path / "extra.txt"
    path.write_text(
        "编号\t重点工作\t工作措施\t牵头部门\t参与单位\t时限要求\t备注\n"
        "1\t整治河道。\t清淤2公里。\t县水利局\t县财政局\t2022年\t已启动\n",
        encoding="utf-8",
    )
    (task,) = extract_tasks(path)
    assert (task.task, task.lead_units, task.other_units, task.deadline) == (
        "整治河道。", ("县水利局",), ("县财政局",), "2022年")


def test_table_without_header_gets_roles_from_content(tmp_path):
    path = tmp_path / "bare.txt"
    path.write_text(
        "1\t建立河长制工作台账，落实巡河制度。\t县水利局、县环保局\t2019年6月\n"
        "2\t开展入河排污口排查整治。\t县环保局\t2019年底前\n",
        encoding="utf-8",
    )
    rows = as_rows(extract_tasks(path))
    assert [r["lead_units"] for r in rows] == [["县水利局", "县环保局"], ["县环保局"]]
    assert [r["deadline"] for r in rows] == ["2019年6月", "2019年底前"]


def test_gaps_duplicates_and_order_are_warned(tmp_path):
    path = tmp_path / "gaps.txt"
    path.write_text(
        "序号\t主要任务\t牵头单位\t完成时间\n"
        "1\t任务一。\t县财政局\t2020年\n3\t任务三。\t县财政局\t2020年\n"
        "3\t任务三又一。\t县财政局\t2020年\n2\t任务二。\t县财政局\t2020年\n",
        encoding="utf-8",
    )
    warnings = [t.warnings for t in extract_tasks(path)]
    assert warnings[0] == ()
    assert "序号 gap: 2 missing before 3" in warnings[1]
    assert "序号 duplicate: 3 is used by 2 rows" in warnings[2]
    assert "序号 order: 2 comes after 3" in warnings[3]


def test_header_with_unknown_columns_and_two_task_like_columns(tmp_path):
    path = tmp_path / "projects.txt"
    path.write_text(
        "序号\t项目名称\t建设内容\t总投资（万元）\t责任单位\t完成时限\n"
        "1\t县城第二水厂\t新建日供水2万吨水厂一座。\t12000\t县水务局\t2023年底前\n",
        encoding="utf-8")
    (task,) = extract_tasks(path)
    assert (task.task, task.lead_units, task.deadline) == ("县城第二水厂", ("县水务局",),
                                                          "2023年底前")


def test_unnamed_number_column_is_the_seq(tmp_path):
    path = tmp_path / "unnamed.txt"
    path.write_text("\t重点任务\t牵头单位\t完成时限\n1\t清理河道。\t县水利局\t2022年6月\n"
                    "2\t整治排污口。\t县生态环境局\t2022年\n", encoding="utf-8")
    assert [(t.seq, t.task) for t in extract_tasks(path)] == [("1", "清理河道。"),
                                                            ("2", "整治排污口。")]


def test_a_forms_empty_cell_marks_are_no_unit_and_no_deadline(tmp_path):
    """无, ——, 暂无 in a cell left empty were units (and deadlines) with a warning each."""
    path = tmp_path / "marks.txt"
    path.write_text("序号\t主要任务\t牵头单位\t配合单位\t完成时间\n"
                    "1\t开展统计执法专项检查。\t县统计局\t无\t2025年9月底前\n"
                    "2\t建设统计数据共享平台。\t县统计局\t——\t暂无\n", encoding="utf-8")
    tasks = extract_tasks(path)
    assert [(t.other_units, t.deadline) for t in tasks] == [((), "2025年9月底前"), ((), None)]
    assert [t.warning_codes for t in tasks] == [(), ("no_deadline",)]


def test_a_task_column_under_a_word_naming_no_role_is_the_task(tmp_path):
    """A list of projects calls its items by their kind (民生实事, 十件实事): with no task
    column named, the first column naming no role after the 序号 is the task."""
    path = tmp_path / "projects.txt"
    path.write_text("序号\t十件实事\t牵头单位\t完成时间\n"
                    "1\t新增城区学位1200个。\t县教育局\t2025年8月底前\n"
                    "2\t建设村级养老服务站15个。\t县民政局\t2025年12月底前\n", encoding="utf-8")
    assert [(t.task, t.lead_units, t.warning_codes) for t in extract_tasks(path)] == [
        ("新增城区学位1200个。", ("县教育局",), ()),
        ("建设村级养老服务站15个。", ("县民政局",), ())]


def test_a_person_in_brackets_after_a_unit_in_a_cell_is_its_contact(tmp_path):
    path = tmp_path / "contacts.txt"
    path.write_text("序号\t主要任务\t牵头单位\t完成时间\n"
                    "1\t推行检查检验结果互认。\t县卫健局（联系人：赵立新）\t2025年9月底前\n"
                    "2\t实施村卫生室标准化建设。\t县卫健局\t2025年12月底前\n", encoding="utf-8")
    assert [(t.lead_units, t.contacts) for t in extract_tasks(path)] == [
        (("县卫健局",), ("赵立新",)), (("县卫健局",), ())]
