"""Prose notices: numbered paragraphs with their units in brackets, in every format."""

from __future__ import annotations

import pytest

from conftest import SAMPLES, rows_of
from docx_builder import p, write_docx
from fengong import extract_tasks
from fengong.extract.prose import bracket_roles
from pdf_builder import write_pdf


@pytest.mark.parametrize(("body", "lead", "other", "notes"), [
    ("市农业农村局牵头，市卫生健康委、市生态环境局配合，各县区政府负责落实",
     ["市农业农村局"], ["市卫生健康委", "市生态环境局", "各县区政府"], []),
    ("责任单位:市数据局、市工信局", ["市数据局", "市工信局"], [], []),
    ("牵头单位：市自然资源局；配合单位：市发改委", ["市自然资源局"], ["市发改委"], []),
    ("市人社局、市财政局按职责分工负责", ["市人社局", "市财政局"], [], []),
    ("市教育局负责", ["市教育局"], [], []),
    ("市公安局牵头，市交通局参与", ["市公安局"], ["市交通局"], []),
    ("市财政局牵头。以下措施均需同步落实，不再单独列出", ["市财政局"], [],
     ["以下措施均需同步落实，不再单独列出"]),
])
def test_bracket_phrases_map_to_roles(body, lead, other, notes):
    roles = bracket_roles(body)
    assert (roles.lead, roles.other, roles.notes) == (lead, other, notes)


ITEMS = ["附件", "某县2023年秸秆禁烧工作任务分工",
         "1.开展秸秆禁烧巡查，实行网格化管理。（县生态环境局牵头，各乡镇人民政府配合）",
         "2.推进秸秆综合利用，利用率达到90%以上。（县农业农村局负责）"]
EXPECTED = [
    ("1", None, "开展秸秆禁烧巡查，实行网格化管理。", ["县生态环境局"], ["各乡镇人民政府"], None),
    ("2", None, "推进秸秆综合利用，利用率达到90%以上。", ["县农业农村局"], [], None),
]


def test_prose_in_docx_paragraphs(tmp_path):
    assert rows_of(write_docx(tmp_path / "prose.docx", *(p(t) for t in ITEMS))) == EXPECTED


def test_prose_in_html_paragraphs(tmp_path):
    page = tmp_path / "prose.html"
    page.write_text("<html><body><div class='nav'>首页 &gt; 通知</div>"
                    + "".join(f"<p>{t}</p>" for t in ITEMS) + "</body></html>", encoding="utf-8")
    assert rows_of(page) == EXPECTED


MIXED = ["某县2026年养老服务提升工作方案", "一、完善服务网络",
         "（一）新建社区养老服务站3个。（县民政局牵头，县财政局、县住建局配合，2026年9月底前完成）",
         "（二）开展老年人助餐服务。（责任单位：县民政局、县市场监管局；完成时限：2026年6月）",
         "二、加强队伍建设",
         "（三）培训养老护理员200人次。由县人社局牵头，县民政局配合，2026年12月底前完成。"]


def _written(tmp_path, name: str, lines: list[str], suffix: str):
    """The notice's lines as a text file, a DOCX's paragraphs or a web page's <p>."""
    path = tmp_path / f"{name}{suffix}"
    if suffix == ".docx":
        write_docx(path, *(p(t) for t in lines))
    elif suffix == ".html":
        path.write_text("<html><body>" + "".join(f"<p>{t}</p>" for t in lines)
                        + "</body></html>", encoding="utf-8")
    else:
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".html"])
def test_brackets_labels_and_sentences_read_the_same_in_every_format(tmp_path, suffix):
    """Label lines inside one item's brackets once made a DOCX read as labelled items (one
    row); a document with no table is read as a text file is, every layout proposed."""
    path = _written(tmp_path, "notice", MIXED, suffix)
    assert [(t.seq, t.section, t.lead_units, t.other_units, t.deadline)
            for t in extract_tasks(path)] == [
        ("1", "一、完善服务网络", ("县民政局",), ("县财政局", "县住建局"), "2026年9月底前"),
        ("2", "一、完善服务网络", ("县民政局", "县市场监管局"), (), "2026年6月"),
        ("3", "二、加强队伍建设", ("县人社局",), ("县民政局",), "2026年12月底前"),
    ]


def test_prose_in_pdf_text_wrapped_over_lines(tmp_path):
    lines = ["附件", "某县2023年秸秆禁烧工作任务分工",
             "1.开展秸秆禁烧巡查，实行网格化管理。（县生态环境局牵头，",
             "各乡镇人民政府配合）",
             "2.推进秸秆综合利用，利用率达到90%以上。（县农业农村局负",
             "责）"]
    assert rows_of(write_pdf(tmp_path / "prose.pdf", [], prose=lines)) == EXPECTED


def test_covering_letter_prose_is_not_taken_for_tasks():
    tasks = extract_tasks(SAMPLES / "prose/bracket_units.txt")
    assert not any("高度重视" in t.task or "绩效考评" in t.task for t in tasks)


CLOSING_LABELS = ["某区2026年城市更新重点任务",
                  "1.改造老旧小区供水管网40公里。（牵头单位：区住建局；完成时限：2026年10月底前）",
                  "2.新建口袋公园6处。〔责任单位：区园林中心；配合单位：各街道；完成时间：2026年9月〕",
                  "3.整治背街小巷20条。【责任单位：区城管局；时间节点：长期坚持】"]


@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_the_label_that_closes_an_items_bracket_leaves_the_bracket_out(tmp_path, suffix):
    """The last label's value ran to the end of the line, closing bracket and all
    (``完成时限：2026年10月底前）``)."""
    assert rows_of(_written(tmp_path, "closing", CLOSING_LABELS, suffix)) == [
        ("1", None, "改造老旧小区供水管网40公里。", ["区住建局"], [], "2026年10月底前"),
        ("2", None, "新建口袋公园6处。", ["区园林中心"], ["各街道"], "2026年9月"),
        ("3", None, "整治背街小巷20条。", ["区城管局"], [], "长期坚持"),
    ]


ADDRESSED = ["各街道办事处，区直有关部门：", "现将今年重点民生实事分工如下，请认真抓好落实。",
             "1.新增公办幼儿园学位600个。（区教育局牵头，区财政局配合）",
             "2.改造农贸市场3个。（区商务局负责）",
             "请各单位于每月5日前报送进展情况。", "区人民政府办公室", "2026年2月10日",
             "分享到： 微信 微博"]


@pytest.mark.parametrize("suffix", [".txt", ".html"])
def test_the_lines_after_an_item_closed_by_its_bracket_are_not_its_task(tmp_path, suffix):
    """An addressee line ending in ``有关部门：`` looks like a label, so the labelled reading
    is proposed too; it took the closing sentence, the signature and the page's share bar for
    the last item's task."""
    assert rows_of(_written(tmp_path, "addressed", ADDRESSED, suffix)) == [
        ("1", None, "新增公办幼儿园学位600个。", ["区教育局"], ["区财政局"], None),
        ("2", None, "改造农贸市场3个。", ["区商务局"], [], None),
    ]


NEXT_LINE_VALUES = ["某镇2026年人居环境整治任务分工", "（一）改造农村户厕300座。", "责任单位：",
                    "镇农业服务中心", "镇卫生院", "完成时限：", "2026年10月底前",
                    "（二）清理河塘沟渠20处。", "牵头单位：", "镇水利站", "配合单位：", "各村委会",
                    "完成时限：", "2026年6月底前", "某镇人民政府"]


@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_a_label_with_nothing_after_its_colon_takes_its_value_from_the_next_lines(tmp_path,
                                                                                  suffix):
    """A list pasted from Word: ``责任单位：`` on its line, the units a line each below it;
    a deadline's value is its one next line, so the signature after it stays out."""
    assert rows_of(_written(tmp_path, "next", NEXT_LINE_VALUES, suffix)) == [
        ("1", None, "改造农村户厕300座。", ["镇农业服务中心", "镇卫生院"], [], "2026年10月底前"),
        ("2", None, "清理河塘沟渠20处。", ["镇水利站"], ["各村委会"], "2026年6月底前"),
    ]
