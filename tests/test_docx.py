"""Word notices: DOCX tables as Word writes them, legacy .doc, content sniffing."""

from __future__ import annotations

import shutil
import zipfile

import pytest

from conftest import SAMPLES, as_rows, expected_rows, rows_of
from docx_builder import HEADER, Tc, p, table, write_docx
from fengong import ExtractError, extract_tasks
from fengong.extract import legacy
from hostile_files import encrypt_ooxml


def test_split_table_rows_know_their_table_and_continuation_is_joined():
    tasks = {t.seq: t for t in extract_tasks(SAMPLES / "plan_b/word_split.docx")}
    assert tasks["5"].task == "落实减税降费政策，确保各项优惠直达市场主体。"
    assert (tasks["4"].table, tasks["6"].table) == (0, 1)
    assert tasks["2"].seq == "2" and tasks["7"].seq == "7"  # written " 2 " and "７"


def test_merges_heading_and_paragraph_cells(tmp_path):
    path = write_docx(tmp_path / "merged.docx", p("附件"), p("春耕生产重点任务分工"), table([
        HEADER,
        [Tc("一、农资保障", span=5)],
        ["1", "组织化肥调运。", Tc("县农业农村局", vmerge="restart"), "县供销社", "2022年3月"],
        ["2", "开展农资打假。", Tc(vmerge="continue"), "县市场监管局\n县公安局", "2022年4月"],
        [Tc("3", vmerge="restart"), Tc("修缮灌溉设施。", vmerge="restart"), "县水利局", "",
         "2022年5月"],
        [Tc(vmerge="continue"), Tc(vmerge="continue"), "各乡镇人民政府", "", "2022年6月"],
    ], header_rows=1))
    assert rows_of(path) == [
        ("1", "一、农资保障", "组织化肥调运。", ["县农业农村局"], ["县供销社"], "2022年3月"),
        ("2", "一、农资保障", "开展农资打假。", ["县农业农村局"], ["县市场监管局", "县公安局"],
         "2022年4月"),
        ("3", "一、农资保障", "修缮灌溉设施。", ["县水利局"], [], "2022年5月"),
        ("3", "一、农资保障", "修缮灌溉设施。", ["各乡镇人民政府"], [], "2022年6月"),
    ]
    tasks = extract_tasks(path)
    assert tasks[0].title == "春耕生产重点任务分工"
    assert not any("序号" in w for t in tasks for w in t.warnings)  # sub-rows are no duplicates


def test_task_table_found_among_other_tables_and_several_task_tables(tmp_path):
    contacts = table([["单位", "联系人", "电话"], ["县政府办", "王某", "1234567"]])
    signature = table([["县人民政府办公室", "2022年1月5日"]])
    first = table([HEADER, ["1", "任务甲。", "县财政局", "", "2022年"]])
    second = table([["序号", "工作任务", "责任单位", "完成时间"],
                    ["1", "任务乙。", "县审计局", "2023年"]])
    path = write_docx(tmp_path / "tables.docx", signature, p("正文段落。"), first, contacts,
                      p("附件2"), second)
    tasks = extract_tasks(path)
    assert [(t.seq, t.task, t.lead_units, t.table) for t in tasks] == [
        ("1", "任务甲。", ("县财政局",), 1), ("1", "任务乙。", ("县审计局",), 3)]


def test_tracked_changes_content_controls_text_boxes_nested_tables(tmp_path):
    tracked = ('<w:p><w:r><w:t>开展</w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t>安全</w:t>'
               '</w:r></w:ins><w:del w:id="2" w:author="a"><w:r><w:delText>消防</w:delText></w:r>'
               '</w:del><w:r><w:t>检查。</w:t></w:r></w:p>')
    sdt = ('<w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>县应急管理局</w:t></w:r></w:p>'
           '</w:sdtContent></w:sdt>')
    box = ('<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>'
           '<w:txbxContent><w:p><w:r><w:t>2022年9月</w:t></w:r></w:p></w:txbxContent>'
           '</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>'
           '<w:p><w:r><w:t>2022年9月</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict>'
           '</mc:Fallback></mc:AlternateContent></w:r></w:p>')
    inner = table([HEADER, ["１", "建立台账。", "县财政局", "", "2022年"]])
    outer = table([[Tc(raw=p("版式表格") + inner + "<w:p/>")]])
    path = write_docx(tmp_path / "rich.docx", outer, table([
        ["序号", "主要任务", "牵头单位", "完成时限"],
        [" ２ ", Tc(raw=tracked), Tc(raw=sdt), Tc(raw=box)],
    ]))
    assert rows_of(path) == [
        ("1", None, "建立台账。", ["县财政局"], [], "2022年"),
        ("2", None, "开展安全检查。", ["县应急管理局"], [], "2022年9月"),
    ]


def test_malformed_merges_do_not_crash(tmp_path):
    path = write_docx(tmp_path / "bad.docx", table([
        HEADER,
        ["1", "任务一。", Tc(vmerge="continue"), Tc("县财政局", span=3)],
        ["2", "任务二。", "县审计局"],
    ]))
    rows = rows_of(path)
    assert [r[0] for r in rows] == ["1", "2"]
    assert rows[1][3] == ["县审计局"]


def test_missing_libreoffice_is_one_clear_error(monkeypatch):
    monkeypatch.setattr(legacy, "soffice", lambda: None)
    with pytest.raises(ExtractError, match="needs LibreOffice") as info:
        extract_tasks(SAMPLES / "plan_b/legacy.doc")
    assert "apt-get install libreoffice-writer-nogui" in str(info.value)


def test_kind_is_sniffed_from_content_not_extension(tmp_path):
    as_doc = tmp_path / "really_docx.doc"
    shutil.copy(SAMPLES / "plan_b/word_table.docx", as_doc)
    as_txt = tmp_path / "renamed.txt"
    shutil.copy(SAMPLES / "plan_b/word_table.docx", as_txt)
    expected = expected_rows(SAMPLES / "plan_b/word_table.docx")
    assert as_rows(extract_tasks(as_doc)) == expected
    assert as_rows(extract_tasks(as_txt)) == expected


def test_corrupt_truncated_and_encrypted_word_files(tmp_path):
    data = (SAMPLES / "plan_b/word_table.docx").read_bytes()
    truncated = tmp_path / "cut.docx"
    truncated.write_bytes(data[: len(data) // 2])
    with pytest.raises(ExtractError, match="damaged"):
        extract_tasks(truncated)
    no_body = tmp_path / "nobody.docx"
    with zipfile.ZipFile(no_body, "w") as archive:
        archive.writestr("word/document.xml", "<w:document xmlns:w='x'><oops")
    with pytest.raises(ExtractError, match="not well-formed"):
        extract_tasks(no_body)
    encrypted = tmp_path / "locked.docx"
    encrypted.write_bytes(encrypt_ooxml(SAMPLES / "plan_b/word_table.docx"))
    with pytest.raises(ExtractError, match="password-protected"):
        extract_tasks(encrypted)


def test_two_row_header_merged_as_word_writes_it(tmp_path):
    path = write_docx(tmp_path / "header2.docx", table([
        [Tc("序号", vmerge="restart"), Tc("重点任务", vmerge="restart"), Tc("责任单位", span=2),
         Tc("完成时间", vmerge="restart")],
        [Tc(vmerge="continue"), Tc(vmerge="continue"), "牵头", "配合", Tc(vmerge="continue")],
        ["1", "建设智慧停车平台。", "县公安局", "县城管局、县住建局", "2022年"],
    ]))
    assert rows_of(path) == [
        ("1", None, "建设智慧停车平台。", ["县公安局"], ["县城管局", "县住建局"], "2022年")]


def test_word_automatic_numbering_in_the_seq_column_and_in_lists(tmp_path):
    from docx_builder import numbered, numbering_xml

    seq = numbering_xml(("decimal", "%1"))
    path = write_docx(tmp_path / "autonum.docx", table([
        HEADER,
        [Tc(raw=numbered()), "修订防汛预案。", "县应急管理局", "", "2022年4月"],
        [Tc(raw=numbered()), "检修排涝泵站。", "县水利局", "", "2022年5月"],
    ]), numbering=seq)
    assert [r[0] for r in rows_of(path)] == ["1", "2"]
    lists = numbering_xml(("chineseCounting", "%1、"), ("decimal", "%2."))
    prose = write_docx(
        tmp_path / "autolist.docx", p("防汛任务分工"), numbered("汛前准备", level=0),
        numbered("修订防汛预案。", level=1), p("牵头单位：县应急管理局"), p("完成时限：2022年4月"),
        numbered("检修排涝泵站。", level=1), p("牵头单位：县水利局"), p("完成时限：2022年5月"),
        numbering=lists)
    assert rows_of(prose) == [
        ("1", "一、汛前准备", "修订防汛预案。", ["县应急管理局"], [], "2022年4月"),
        ("2", "一、汛前准备", "检修排涝泵站。", ["县水利局"], [], "2022年5月"),
    ]


def test_numbering_set_by_a_paragraph_style(tmp_path):
    from docx_builder import NS, numbering_xml

    styles = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {NS}>'
              '<w:style w:type="paragraph" w:styleId="ListNumber"><w:pPr><w:numPr>'
              '<w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="TaskNumber"><w:basedOn w:val="ListNumber"/>'
              '</w:style></w:styles>')
    cell = '<w:p><w:pPr><w:pStyle w:val="TaskNumber"/></w:pPr></w:p>'
    path = write_docx(tmp_path / "styled.docx", table([
        HEADER,
        [Tc(raw=cell), "修订防汛预案。", "县应急管理局", "", "2022年4月"],
        [Tc(raw=cell), "检修排涝泵站。", "县水利局", "", "2022年5月"],
    ]), numbering=numbering_xml(("decimal", "%1")), styles=styles)
    assert [r[0] for r in rows_of(path)] == ["1", "2"]
