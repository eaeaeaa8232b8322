"""Unit cells: splitting, run-together names, canonical names, the dictionary."""

from __future__ import annotations

import json

import pytest

from conftest import SAMPLES
from fengong import extract_tasks
from fengong.normalize.dictionary import build, builtin_text, load
from fengong.normalize.units import resolve, split_units

SEED_CANONICAL = {
    "各县（区）政府": "各县（区）人民政府",
    "商洛火车站": "商洛火车站",
    "市中级人民法院": "市中级人民法院",
    "市交通局": "市交通运输局",
    "市人民检察院": "市人民检察院",
    "市人社局": "市人力资源和社会保障局",
    "市住建局": "市住房和城乡建设局",
    "市供销社": "市供销合作社联合社",
    "市保险行业协会": "市保险行业协会",
    "市公安局": "市公安局",
    "市农业局": "市农业局",
    "市卫计局": "市卫生和计划生育委员会",
    "市发改委": "市发展和改革委员会",
    "市商务局": "市商务局",
    "市国土局": "市国土资源局",
    "市城管局": "市城市管理局",
    "市委宣传部": "市委宣传部",
    "市委组织部": "市委组织部",
    "市委网信办": "市委网络安全和信息化委员会办公室",
    "市安监局": "市安全生产监督管理局",
    "市审计局": "市审计局",
    "市工信局": "市工业和信息化局",
    "市工商质监局": "市工商行政管理和质量技术监督局",
    "市总工会": "市总工会",
    "市政府应急办": "市人民政府应急管理办公室",
    "市政府法制办": "市人民政府法制办公室",
    "市教育局": "市教育局",
    "市文广局": "市文化广电新闻出版局",
    "市旅发委": "市旅游发展委员会",
    "市机关事务管理局": "市机关事务管理局",
    "市民政局": "市民政局",
    "市水务局": "市水务局",
    "市环保局": "市环境保护局",
    "市监委": "市监察委员会",
    "市纪委": "市纪律检查委员会",
    "市编办": "市委机构编制委员会办公室",
    "市考核办": "市考核办公室",
    "市规划局": "市城乡规划局",
    "市财政局": "市财政局",
    "西安车务段": "西安车务段",
}


def test_every_seed_unit_has_its_canonical_name():
    tasks = extract_tasks(SAMPLES / "seed_notice.txt")
    pairs = {u: c for t in tasks for u, c in zip(t.lead_units, t.lead_units_canonical,
                                                   strict=True)}
    assert pairs == SEED_CANONICAL
    assert not any("unknown unit" in w for t in tasks for w in t.warnings)


@pytest.mark.parametrize(("cell", "units"), [
    ("市编办、市安监局、\n市财政局", ["市编办", "市安监局", "市财政局"]),
    ("市安监局、市财政局、", ["市安监局", "市财政局"]),
    ("市纪委市监委、市安监局", ["市纪委", "市监委", "市安监局"]),
    ("市发改委和市财政局", ["市发改委", "市财政局"]),
    ("市住房和城乡建设局", ["市住房和城乡建设局"]),
    ("各县（市、区）政府", ["各县（市、区）政府"]),
    ("县财政局；县审计局,县税务局，县统计局", ["县财政局", "县审计局", "县税务局", "县统计局"]),
    ("市保险行业协会 市财政局", ["市保险行业协会", "市财政局"]),
    ("  ", []),
    ("某某研究会", ["某某研究会"]),  # unknown: kept as written, never dropped
    # "and others" is no unit, in a table's cell as in a bracket
    ("市公安局等有关部门", ["市公安局"]),
    ("市教育局、市卫健委等", ["市教育局", "市卫健委"]),
    ("县农业农村局等相关单位", ["县农业农村局"]),
    # a form's empty cell
    ("无", []), ("——", []), ("－", []), ("暂无", []), ("县财政局、/", ["县财政局"]),
])
def test_split_units(cell, units):
    assert split_units(cell) == units


@pytest.mark.parametrize(("name", "canonical", "kind", "successor"), [
    ("市安监局", "市安全生产监督管理局", "government", "市应急管理局"),
    ("县安监局", "县安全生产监督管理局", "government", "县应急管理局"),
    ("商洛市安监局", "商洛市安全生产监督管理局", "government", "商洛市应急管理局"),
    ("市纪委", "市纪律检查委员会", "party", None),
    ("各县（区）政府", "各县（区）人民政府", "collective", None),
    ("县直各部门", "县直各部门", "collective", None),
    ("人行县支行", "中国人民银行县支行", "vertical", None),
    ("县人民银行", "中国人民银行县支行", "vertical", None),
    ("市中级人民法院", "市中级人民法院", "court", None),
])
def test_resolve_keeps_the_level(name, canonical, kind, successor):
    found = resolve(name)
    assert (found.known, found.canonical, found.kind, found.successor) == (
        True, canonical, kind, successor)


def test_unknown_unit_is_kept_and_warned(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("序号\t主要任务\t牵头单位\t完成时间\n1\t编写手册。\t某某研究会\t2020年\n",
                    encoding="utf-8")
    (task,) = extract_tasks(path)
    assert task.lead_units == task.lead_units_canonical == ("某某研究会",)
    assert "unknown unit: 某某研究会" in task.warnings


def test_every_sample_unit_is_known():
    for expected in SAMPLES.rglob("*.expected.json"):
        data = json.loads(expected.read_text(encoding="utf-8"))
        for row in data["rows"]:
            for unit in row["lead_units"] + row["other_units"]:
                assert resolve(unit).known, (expected.name, unit)


def test_user_dictionary_overrides_and_current_names(tmp_path):
    extra = tmp_path / "mine.csv"
    extra.write_text("canonical,aliases,successor,kind\n某某研究会,研究会,,association\n"
                     "安全监察局,安监局,应急管理局,government\n", encoding="utf-8")
    assert resolve("县研究会", load((str(extra),))).canonical == "县某某研究会"
    assert resolve("市安监局", load((str(extra),))).canonical == "市安全监察局"
    tasks = extract_tasks(SAMPLES / "seed_notice.txt")
    assert tasks[0].lead_units_canonical[1] == "市安全生产监督管理局"
    assert tasks[0].lead_units_current[1] == "市应急管理局"  # added, not replaced


def test_dictionary_has_no_duplicate_aliases_with_different_meaning():
    seen: dict[str, str] = {}
    for line in builtin_text().splitlines()[1:]:
        if not line or line.startswith("#"):
            continue
        canonical, aliases = line.split(",")[:2]
        for alias in [canonical, *aliases.split("|")]:
            assert seen.setdefault(alias, canonical) == canonical, alias
    assert build([(builtin_text(), "x")]).size[0] > 150


@pytest.mark.parametrize(("name", "canonical"), [
    ("省安监局", "省安全生产监督管理局"),
    ("区安监局", "区安全生产监督管理局"),
    ("西咸新区管委会", "西咸新区管理委员会"),
    ("纪委监委", "纪委监委"),
    ("縣衛計局", "县卫生和计划生育委员会"),  # 繁體: the same canonical name as 县卫计局
    ("縣市場監管局", "县市场监督管理局"),
])
def test_levels_and_traditional_characters(name, canonical):
    assert resolve(name).canonical == canonical


def test_traditional_notice_reads_like_a_simplified_one(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("序號\t工作任務\t牽頭單位\t配合單位\t完成時限\n"
                    "1\t整治市場秩序。\t縣市場監管局\t縣公安局、縣商務局\t長期堅持\n",
                    encoding="utf-8")
    (task,) = extract_tasks(path)
    assert task.lead_units == ("縣市場監管局",)  # stored as written
    assert task.lead_units_canonical == ("县市场监督管理局",)
    assert task.other_units_canonical == ("县公安局", "县商务局")
    assert task.deadline_kind == "ongoing"


def test_role_markers_and_first_unit_leads(tmp_path):
    marked = tmp_path / "marked.txt"
    marked.write_text("序号\t主要任务\t责任单位\t完成时间\n"
                      "1\t修订应急预案。\t县财政局（配合）、县应急管理局（牵头）\t2022年\n",
                      encoding="utf-8")
    (task,) = extract_tasks(marked)
    assert (task.lead_units, task.other_units) == (("县应急管理局",), ("县财政局",))
    first = tmp_path / "first.txt"
    first.write_text("序号\t主要任务\t责任单位（排在第一位的为牵头单位）\t完成时间\n"
                     "1\t修订应急预案。\t县应急管理局、县财政局、县公安局\t2022年\n",
                     encoding="utf-8")
    (task,) = extract_tasks(first)
    assert (task.lead_units, task.other_units) == (("县应急管理局",), ("县财政局", "县公安局"))


def test_units_check_lists_unknown_first_and_lookup(tmp_path):
    from click.testing import CliRunner

    from fengong.cli import main

    path = tmp_path / "t.txt"
    path.write_text("序号\t主要任务\t牵头单位\t完成时间\n1\t编写手册。\t某某研究会、县财政局\t2020年\n"
                    "2\t印发手册。\t县财政局\t2020年\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["units", "check", str(path)])
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["1", "某某研究会", "unknown", "(unknown)"]
    assert lines[1].split() == ["2", "县财政局", "县财政局", "(government)"]
    strict = CliRunner().invoke(main, ["units", "check", "--strict", str(path)])
    assert strict.exit_code == 1
    lookup = CliRunner().invoke(main, ["units", "lookup", "市纪委市监委"]).stdout
    assert "市纪委\tcanonical: 市纪律检查委员会" in lookup
    assert "市监委\tcanonical: 市监察委员会" in lookup


def test_help_does_not_load_the_dictionary():
    import subprocess
    import sys

    code = ("import sys; from click.testing import CliRunner; from fengong.cli import main; "
            "CliRunner().invoke(main, ['--help']); "
            "from fengong.normalize import dictionary; "
            "print(dictionary.load.cache_info().currsize, 'jieba' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert out.split() == ["0", "False"]


def test_labels_inside_a_unit_cell_give_roles(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text('序号\t主要任务\t责任单位\t完成时限\n1\t清理河道。\t"牵头单位：县水利局\n'
                    '配合单位：县财政局、各乡镇人民政府"\t2022年6月\n', encoding="utf-8")
    (task,) = extract_tasks(path)
    assert (task.lead_units, task.other_units) == (("县水利局",), ("县财政局", "各乡镇人民政府"))


def test_and_others_resolves_to_the_unit_named():
    found = resolve("县发改局等有关部门")
    assert (found.known, found.canonical) == (True, "县发展和改革局")
    assert found.name == "县发改局等有关部门"


def test_pinyin_glosses_are_ignored_in_matching_and_kept_in_the_text():
    from fengong.extract.hanzi import without_glosses
    from fengong.extract.numbering import is_heading

    assert without_glosses("青島藍(lán)谷管理局") == "青島藍谷管理局"
    assert without_glosses("二(èr)、強化科技支撐") == "二、強化科技支撐"
    assert without_glosses("市政府(办公厅)") == "市政府(办公厅)"  # a bracket of Chinese stays
    assert without_glosses("A(b)") == "A(b)"  # latin after latin is no gloss
    assert is_heading("一(yī)、壯大(dà)海洋産業")
    assert resolve("市工(gōng)信局", load()).canonical == "市工业和信息化局"
