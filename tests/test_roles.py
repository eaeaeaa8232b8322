"""One role vocabulary and one clause reader: the same words give the same roles in header
cells, labels, brackets, unit cells and running prose."""

from __future__ import annotations

import pytest

from fengong import extract_tasks
from fengong.extract.clauses import read_clauses
from fengong.extract.content import split_names, unit_score
from fengong.extract.roles import word_role


@pytest.mark.parametrize(("word", "role"), [
    ("牵头单位", "lead"), ("牵头责任单位", "lead"), ("牽頭單位", "lead"),
    ("协同责任单位", "other"), ("主要协作单位", "other"), ("共同责任单位", "other"),
    ("参与单位", "other"), ("责任主体与协同单位", "other"),
    ("责任单位", "unit"), ("责任科室", "unit"), ("主体责任单位", "unit"),
    ("牵头负责领导", "leader"), ("分管县领导", "leader"), ("责任领导", "leader"),
    ("牵头单位及联系人", "lead"),  # a unit and a person: the unit wins
    ("考核部门", "measure"), ("工作评价", "measure"), ("单位", "measure"),
    ("类别", "section"), ("领域", "section"),
    ("进展情况", "progress"), ("是否达序", "progress"), ("备注", "remarks"),
    ("完成时限", "deadline"), ("时间节点", "deadline"),
    ("主要任务", "task"), ("重点工作", "task"), ("事项名称", "task"),
    ("预期目标", "measure"), ("细化措施", "measure"),
])
def test_word_roles(word, role):
    assert word_role(word) == role


@pytest.mark.parametrize(("text", "lead", "other", "leaders", "notes", "deadline"), [
    ("市发改委牵头，市财政局、市商务局等配合，各县区政府按职责分工负责",
     ["市发改委"], ["市财政局", "市商务局", "各县区政府"], [], [], None),
    ("A局牵头,B局、C局等部门,D局配合", ["A局"], ["B局", "C局", "D局"], [], [], None),
    ("牵头单位:区卫健局;责任单位:区财政局、各街办(新区)",
     ["区卫健局"], ["区财政局", "各街办(新区)"], [], [], None),
    ("责任单位：县政府办公室、县司法局，乡镇人民政府按职责分工分别负责",
     ["县政府办公室", "县司法局", "乡镇人民政府"], [], [], [], None),
    ("牵头负责领导:王某。牵头责任单位:市发展改革委。协同责任单位:市经信局等,各县、市、区政府。",
     ["市发展改革委"], ["市经信局", "各县、市、区政府"], ["王某"], [], None),
    ("由李副市长负责，市交通局牵头，有关部门配合，6月底前完成",
     ["市交通局"], ["有关部门"], ["李副市长"], [], "6月底前"),
    ("国务院各部门分别负责,年内持续推进", ["国务院各部门"], [], [], [], "年内持续推进"),
    ("市教育局、市科技局分别牵头", ["市教育局", "市科技局"], [], [], [], None),
    ("县财政局（配合）、县应急管理局（牵头）", ["县应急管理局"], ["县财政局"], [], [], None),
    ("县政务服务中心（牵头），县数据局、县直各有关部门",  # the mark is no convention note
     ["县政务服务中心"], ["县数据局", "县直各有关部门"], [], [], None),
    ("区住建局（牵头单位）、区城管局", ["区住建局"], ["区城管局"], [], [], None),
    ("县人社局负责；以下措施均需各乡镇同步落实，不再单独列出",
     ["县人社局"], [], [], ["以下措施均需各乡镇同步落实，不再单独列出"], None),
    ("区财政局、古林镇（列第一位者为牵头单位，下同）", ["区财政局", "古林镇"], [], [], [], None),
    # a word of manner before the verb: the verb still governs, the unit keeps its name
    ("市水利局牵头，市农业农村局具体实施", ["市水利局"], ["市农业农村局"], [], [], None),
    ("区商务局牵头，区财政局、区税务局做好配合", ["区商务局"], ["区财政局", "区税务局"], [],
     [], None),
    ("县卫健局牵头，各乡镇按职责落实", ["县卫健局"], ["各乡镇"], [], [], None),
    ("市文旅局牵头，市公安局共同推进，市体育局参加", ["市文旅局"], ["市公安局", "市体育局"],
     [], [], None),
    ("县城管局分工负责", ["县城管局"], [], [], [], None),
    # a person in brackets after a unit is an aside, not a label cutting the unit's name
    ("牵头单位：县卫健局（责任人：赵立新）；配合单位：县医保局", ["县卫健局"], ["县医保局"],
     ["赵立新"], [], None),
    # a deadline by its rhythm, not its date, is no unit
    ("由市网信办牵头，市公安局配合，每半年开展一次", ["市网信办"], ["市公安局"], [], [],
     "每半年开展一次"),
    ("县教体局牵头，各学校配合，每学期", ["县教体局"], ["各学校"], [], [], "每学期"),
    ("区应急局牵头，区消防救援大队配合，适时开展", ["区应急局"], ["区消防救援大队"], [], [],
     "适时开展"),
    # ... and a deadline ending in such a verb stays whole
    ("县发改委牵头，2026年起全面实施", ["县发改委"], [], [], [], "2026年起全面实施"),
])
def test_the_clause_reader(text, lead, other, leaders, notes, deadline):
    found = read_clauses(text)
    assert (found.lead, found.other, found.leaders, found.notes, found.deadline) == (
        lead, other, leaders, notes, deadline)


def test_a_convention_note_inside_a_cell_is_read_and_cut_out():
    found = read_clauses("县民政局、县财政局（排在首位的为牵头单位）")
    assert found.first_leads and found.lead == ["县民政局", "县财政局"]


def test_names_split_outside_brackets_levels_listed_and_spaces_inside_names():
    assert split_names("各县（市、区）政府、县财政局") == ["各县（市、区）政府", "县财政局"]
    assert split_names("协同单位：各县、市、区政府") != ["各县", "市", "区政府"]
    assert split_names("市 财政局、资源规划 局") == ["市财政局", "资源规划局"]
    assert split_names("县水利局 赵某") == ["县水利局", "赵某"]
    assert split_names("市级各有关部门及各县市区政府") == ["市级各有关部门", "各县市区政府"]


@pytest.mark.parametrize(("name", "unit"), [
    ("有关部门", True), ("相关单位", True), ("各乡镇", True), ("区级相关部门", True),
    ("县直有关单位", True), ("区创文工作领导小组成员单位", True), ("各县（市、区）政府", True),
    ("成功创建首批美丽城镇", False), ("具体任务均涉及相关市(州)人民政府", False),
    ("6月底前完成", False),
])
def test_unit_plausibility_is_a_score(name, unit):
    assert (unit_score(name) >= 1) is unit


def test_roles_in_a_unit_cell_of_a_table(tmp_path):
    path = tmp_path / "cells.txt"
    path.write_text("序号\t工作任务\t责任单位\n"
                    "1\t更新网站栏目信息。\t办公室牵头，各科室配合\n"
                    "2\t修订公开指南。\t综合科、财务科分别牵头\n", encoding="utf-8")
    first, second = extract_tasks(path)
    assert (first.lead_units, first.other_units) == (("办公室",), ("各科室",))
    assert (second.lead_units, second.other_units) == (("综合科", "财务科"), ())


def test_a_note_in_a_unit_cell_says_the_first_unit_leads_for_the_whole_table(tmp_path):
    path = tmp_path / "first.txt"
    path.write_text("序号\t工作任务\t责任单位\n"
                    "1\t推进社区养老服务。\t县民政局、县卫健局（列第一位的为牵头单位，下同）\n"
                    "2\t建设老年食堂5个。\t县民政局、县商务局、各乡镇人民政府\n", encoding="utf-8")
    first, second = extract_tasks(path)
    assert (first.lead_units, first.other_units) == (("县民政局",), ("县卫健局",))
    assert (second.lead_units, second.other_units) == (("县民政局",),
                                                       ("县商务局", "各乡镇人民政府"))
