"""Unit cells: splitting, run-together names, canonical names, the dictionary."""

from __future__ import annotations

import json

import pytest

from conftest import SAMPLES
from fengong import extract_tasks
from fengong.normalize.dictionary import build, builtin_text, load
from fengong.normalize.units import resolve, split_units


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
    for name in ("seed_notice", "plan_b/lines"):
        data = json.loads((SAMPLES / f"{name}.expected.json").read_text(encoding="utf-8"))
        for row in data["rows"]:
            for unit in row["lead_units"] + row["other_units"]:
                assert resolve(unit).known, unit


def test_user_dictionary_overrides_and_current_names(tmp_path):
    extra = tmp_path / "mine.csv"
    extra.write_text("canonical,aliases,successor,kind\n某某研究会,研究会,,association\n"
                     "安全监察局,安监局,应急管理局,government\n", encoding="utf-8")
    assert resolve("县研究会", load((str(extra),))).canonical == "县某某研究会"
    assert resolve("市安监局", load((str(extra),))).canonical == "市安全监察局"
    tasks = extract_tasks(SAMPLES / "seed_notice.txt", current_names=True)
    assert tasks[0].lead_units_canonical[1] == "市应急管理局"


def test_dictionary_has_no_duplicate_aliases_with_different_meaning():
    seen: dict[str, str] = {}
    for line in builtin_text().splitlines()[1:]:
        if not line or line.startswith("#"):
            continue
        canonical, aliases = line.split(",")[:2]
        for alias in [canonical, *aliases.split("|")]:
            assert seen.setdefault(alias, canonical) == canonical, alias
    assert build([(builtin_text(), "x")]).size[0] > 150
