"""The gazetteer: bodies at every level by structure, reform chains, collectives, places,
the dictionary's listing and user files in Chinese Windows encodings."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import SAMPLES
from fengong import extract_tasks
from fengong.cli import main
from fengong.normalize.dictionary import build, builtin_text, load
from fengong.normalize.units import resolve

# (short form as notices write it, full stem): departments every level has
DEPARTMENTS = [
    ("人社", "人力资源和社会保障"), ("人力社保", "人力资源和社会保障"),
    ("住建", "住房和城乡建设"), ("工信", "工业和信息化"), ("自然资源", "自然资源"),
    ("应急", "应急管理"), ("退役军人", "退役军人事务"), ("科技", "科学技术"),
    ("民政", "民政"), ("财政", "财政"), ("交通", "交通运输"), ("农业农村", "农业农村"),
    ("商务", "商务"), ("文旅", "文化和旅游"), ("生态环境", "生态环境"), ("公安", "公安"),
]
BELOW_PROVINCE = ["市", "县", "区", "商洛市", "崇川区", "丹凤县"]


@pytest.mark.parametrize(("short", "stem"), DEPARTMENTS)
def test_every_level_has_the_department(short, stem):
    assert resolve(f"{short}部").canonical == f"{stem}部"
    assert resolve(f"省{short}厅").canonical == f"省{stem}厅"
    for level in BELOW_PROVINCE:
        found = resolve(f"{level}{short}局")
        assert (found.known, found.canonical, found.kind) == (
            True, f"{level}{stem}局", "government")


@pytest.mark.parametrize(("name", "canonical", "kind"), [
    ("国家发展改革委", "国家发展和改革委员会", "government"),
    ("国家发改委", "国家发展和改革委员会", "government"),
    ("人力资源社会保障部", "人力资源和社会保障部", "government"),
    ("工信部", "工业和信息化部", "government"),
    ("国家林业和草原局", "国家林业和草原局", "government"),
    ("国家粮食和物资储备局", "国家粮食和物资储备局", "government"),
    ("国家卫健委", "国家卫生健康委员会", "government"),
    ("国家市场监督管理总局", "国家市场监督管理总局", "government"),
    ("市场监管总局", "国家市场监督管理总局", "government"),
    ("国务院国资委", "国务院国有资产监督管理委员会", "government"),
    ("审计署", "审计署", "government"),
    ("海关总署", "海关总署", "government"),
    ("中组部", "中共中央组织部", "party"),
    ("中央网信办", "中央网络安全和信息化委员会办公室", "party"),
    ("最高检", "最高人民检察院", "procuratorate"),
])
def test_central_bodies_and_their_short_forms(name, canonical, kind):
    found = resolve(name)
    assert (found.known, found.canonical, found.kind) == (True, canonical, kind)


@pytest.mark.parametrize(("name", "canonical", "kind"), [
    ("市委社会工作部", "市委社会工作部", "party"),
    ("县委农办", "县委农村工作领导小组办公室", "party"),
    ("区总工会", "区总工会", "mass"),
    ("县人武部", "县人民武装部", "military"),
    ("市军分区", "市军分区", "military"),
    ("省高院", "省高级人民法院", "court"),
    ("县调查队", "国家统计局县调查队", "vertical"),
    ("市金融监管分局", "市金融监管分局", "vertical"),
    ("县消防救援大队", "县消防救援大队", "vertical"),
    ("县城投公司", "县城市建设投资公司", "state-owned"),
    ("市交投集团", "市交通建设投资集团", "state-owned"),
    ("县开发区", "县开发区", "zone"),
    ("高新区管委会", "高新技术产业开发区管理委员会", "zone"),
    ("县经开区党工委管委会", "县经济技术开发区党工作委员会和管理委员会", "zone"),
    ("县疫情防控指挥部", "县疫情防控指挥部", "group"),
    ("县森林防灭火指挥部办公室", "县森林防灭火指挥部办公室", "group"),
    ("县河长办", "县河长制办公室", "group"),
    ("县发改局办公室", "县发展和改革局办公室", "section"),
    ("县政府金融办", "县金融工作办公室", "government"),
])
def test_bodies_of_every_kind(name, canonical, kind):
    found = resolve(name)
    assert (found.known, found.canonical, found.kind) == (True, canonical, kind)


@pytest.mark.parametrize(("name", "chain"), [
    ("市安监局", [("市应急管理局", 2018)]),
    ("省国土资源厅", [("省自然资源厅", 2018)]),
    ("国土资源部", [("自然资源部", 2018)]),
    ("县环保局", [("县生态环境局", 2018)]),
    ("县食药监局", [("县市场监督管理局", 2018)]),
    ("县文广新局", [("县文化和旅游局", 2018)]),
    ("县扶贫办", [("县乡村振兴局", 2021), ("县农业农村局", 2023)]),
    ("县卫生局", [("县卫生和计划生育委员会", 2013), ("县卫生健康委员会", 2018)]),
    ("中国银监会", [("中国银行保险监督管理委员会", 2018), ("国家金融监督管理总局", 2023)]),
    ("银监分局", [("金融监管分局", 2023)]),
    ("县大数据局", [("县数据局", 2023)]),
    ("国家乡村振兴局", [("农业农村部", 2023)]),
])
def test_reform_chains(name, chain):
    found = resolve(name)
    assert list(found.chain) == chain
    assert found.successor == chain[-1][0]


def test_current_names_follow_every_step(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("序号\t主要任务\t牵头单位\t完成时间\n1\t巩固脱贫成果。\t县扶贫办\t2022年\n",
                    encoding="utf-8")
    (task,) = extract_tasks(path)
    assert task.lead_units_canonical == ("县扶贫开发办公室",)
    assert task.lead_units_current == ("县农业农村局",)


@pytest.mark.parametrize(("name", "canonical"), [
    ("有关部门", "有关部门"),
    ("相关单位", "相关单位"),
    ("县直有关单位", "县直有关单位"),
    ("县政府有关部门", "县政府有关部门"),
    ("各乡镇（街道）", "各乡镇（街道）"),
    ("有关乡镇", "有关乡镇"),
    ("各科室", "各科室"),
    ("国务院各部门", "国务院各部门"),
    ("各县、市、区政府", "各县、市、区人民政府"),
    ("各县（市、区）政府（管委会）", "各县（市、区）政府（管委会）"),
    ("各县(市、区)党委和人民政府", "各县(市、区)党委和人民政府"),
    ("市級各有關部門", "市级各有关部门"),
    ("区疫情防控指挥部成员单位", "区疫情防控指挥部成员单位"),
    ("县创卫工作领导小组成员单位", "县创卫工作领导小组成员单位"),
    ("街道", "街道"),
])
def test_collectives_are_one_unit_each(name, canonical):
    found = resolve(name)
    assert (found.known, found.kind, found.canonical) == (True, "collective", canonical)


@pytest.mark.parametrize(("name", "canonical", "kind"), [
    ("崇川区发改委", "崇川区发展和改革委员会", "government"),
    ("古林镇", "古林镇人民政府", "township"),
    ("城关镇政府", "城关镇人民政府", "township"),
    ("新桥街道", "新桥街道办事处", "township"),
    ("崇川经济开发区", "崇川经济开发区", "zone"),
    ("西咸新区管委会", "西咸新区管理委员会", "zone"),
    ("雁塔自然资源规划分局", "雁塔自然资源和规划分局", "government"),
])
def test_a_place_name_as_prefix_gives_its_kind(name, canonical, kind):
    found = resolve(name)
    assert (found.known, found.canonical, found.kind) == (True, canonical, kind)


@pytest.mark.parametrize("name", ["财政局镇", "各乡", "某某研究会办公室", "镇"])
def test_a_unit_or_nothing_is_no_place(name):
    assert not resolve(name).known


def test_a_user_file_extends_by_structure(tmp_path):
    mine = tmp_path / "mine.csv"
    mine.write_text("stem,short,forms,successor,year,kind\n"
                    "测绘地理信息,测绘,局|厅,,,government\n"
                    "国家测绘,,局|厅,测绘地理信息,2011,government\n", encoding="utf-8")
    dictionary = load((str(mine),))
    assert resolve("省测绘厅", dictionary).canonical == "省测绘地理信息厅"
    assert resolve("市测绘局", dictionary).canonical == "市测绘地理信息局"
    assert resolve("省国家测绘厅", dictionary).chain == (("省测绘地理信息厅", 2011),)


def test_the_two_builtin_files_agree_where_they_meet():
    structural = build([(builtin_text("data/gazetteer.csv"), "g")])
    flat = build([(builtin_text(), "u")])
    both = set(structural.stems) & set(flat.stems)
    differing = {k for k in both if structural.stems[k] != flat.stems[k]}
    # only 总局 short forms, which at no level but the nation's name a body of its own
    assert {flat.stems[k].canonical for k in differing} <= {"国家市场监督管理总局",
                                                            "国家广播电视总局"}


def test_a_successor_must_be_a_known_name(tmp_path):
    mine = tmp_path / "mine.csv"
    mine.write_text("canonical,aliases,successor,year,kind\n旧局,旧局,新局,2018,government\n",
                    encoding="utf-8")
    with pytest.raises(ValueError, match="successor '新局'"):
        load((str(mine),))


def test_units_list_prints_the_dictionary_with_its_version(tmp_path):
    dictionary = load()
    runner = CliRunner()
    listed = json.loads(runner.invoke(main, ["units", "list", "-f", "json"]).stdout)
    assert listed["version"] == dictionary.version != ""
    assert (listed["entries"], listed["aliases"]) == dictionary.size
    military = json.loads(runner.invoke(main, ["units", "list", "--kind", "military",
                                               "-f", "json"]).stdout)["units"]
    armed = next(u for u in military if u["canonical"] == "人民武装部")
    assert set(armed["aliases"]) == {"人武部", "武装部", "人民武装部"}
    assert {u["kind"] for u in military} == {"military"}
    text = runner.invoke(main, ["units", "list"]).stdout
    first = text.splitlines()[0]
    assert first == f"# fengong units {dictionary.version}: {listed['entries']} entries"
    wrong = runner.invoke(main, ["units", "list", "--kind", "nope"])
    assert wrong.exit_code == 2 and "kinds: association" in wrong.output


def test_units_list_csv_reads_back_as_a_units_file(tmp_path):
    csv_text = CliRunner().invoke(main, ["units", "list", "-f", "csv"]).stdout
    assert csv_text.splitlines()[0] == f"# version: {load().version}"
    path = tmp_path / "all.csv"
    path.write_text(csv_text, encoding="utf-8")
    again = build([(csv_text, str(path))])
    assert again.size == load().size
    assert resolve("县扶贫办", again).chain == resolve("县扶贫办").chain


def test_gbk_units_file_and_a_wrong_header(tmp_path):
    notice = tmp_path / "t.txt"
    notice.write_text("序号\t主要任务\t牵头单位\t完成时间\n1\t编写手册。\t县研究会\t2020年\n",
                      encoding="utf-8")
    gbk = tmp_path / "mine.csv"
    gbk.write_bytes("canonical,aliases,successor,year,kind\n某某研究会,研究会,,,association\n"
                    .encode("gbk"))
    result = CliRunner().invoke(main, ["extract", str(notice), "--units", str(gbk)])
    (record,) = json.loads(result.stdout)
    assert record["lead_units_canonical"] == ["县某某研究会"]
    assert record["unknown_units"] == []
    wrong = tmp_path / "wrong.csv"
    wrong.write_bytes("名称,别名\n某某研究会,研究会\n".encode("gb18030"))
    result = CliRunner().invoke(main, ["extract", str(notice), "--units", str(wrong)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"Error: --units: {wrong}: line 1: expected the header "
        "'canonical,aliases,successor,year,kind' (or 'stem,short,forms,successor,year,kind'),"
        " found '名称,别名'"]


def test_every_record_lists_its_unknown_units(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("序号\t主要任务\t牵头单位\t配合单位\t完成时间\n"
                    "1\t编写手册。\t某某研究会\t县财政局、某某学会\t2020年\n"
                    "2\t印发手册。\t县财政局\t\t2020年\n", encoding="utf-8")
    first, second = extract_tasks(path)
    assert first.unknown_units == ("某某研究会", "某某学会")
    assert second.unknown_units == ()


def test_units_check_and_check_take_directories_and_globs():
    runner = CliRunner()
    folder = str(SAMPLES / "plan_b")
    on_glob = runner.invoke(main, ["units", "check", "-q", "-f", "json",
                                   str(SAMPLES / "plan_b" / "*.txt")])
    rows = json.loads(on_glob.stdout)
    assert any(r["name"] == "县发改局" and r["canonical"] == "县发展和改革局" and r["known"]
               for r in rows)
    assert on_glob.stderr == ""
    checked = runner.invoke(main, ["check", "-f", "json", str(SAMPLES / "check")])
    (summary,) = json.loads(checked.stdout)
    assert summary["source"].endswith("problems.txt") and summary["warnings"] > 0
    assert "shifted_unit_in_deadline" in summary["by_kind"]
    quiet = runner.invoke(main, ["check", "-q", str(SAMPLES / "plan_b" / "tsv.txt")])
    assert (quiet.exit_code, quiet.stdout) == (0, "")
    assert runner.invoke(main, ["units", "check", folder + "/nothing-*.txt"]).exit_code == 2
