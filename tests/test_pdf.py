"""PDF notices: ruled and unruled tables over pages, merges, and bad PDFs."""

from __future__ import annotations

import importlib.util

import pytest

from conftest import SAMPLES, as_rows, expected_rows, rows_of
from fengong import ExtractError, extract_tasks
from pdf_builder import HEADER, cid_only_pdf, write_pdf


def test_sample_rows_broken_over_pages_and_merged_deadlines():
    tasks = {t.seq: t for t in extract_tasks(SAMPLES / "seed/ruled.pdf")}
    assert tasks["6"].task.endswith("取消当年目标考核评优资格。")  # continued on page 2
    assert tasks["6"].page == 1 and tasks["7"].page == 2
    assert tasks["42"].deadline == "2020年"  # a merged cell reaching over a page break
    assert tasks["1"].title == "推进安全生产领域改革发展重点任务分工方案"


def _two_pages(tmp_path, **options):
    page1 = [HEADER,
             [["1"], ["清理河道垃圾，"], ["县水利局、县城"], ["2022年6月"]],
             [["2"], ["整治入河排污口，建立"], ["县生态环境局"], ["2022年"]]]
    page2 = [HEADER,
             [[], ["排污口台账。"], [], []],
             [["3"], ["开展河长巡河。"], ["各乡镇人民政府"], None]]
    return write_pdf(tmp_path / "two.pdf", [page1, page2], title="河道整治任务分工", **options)


def test_row_split_across_pages_page_footer_and_merged_cell(tmp_path):
    path = _two_pages(tmp_path)
    assert rows_of(path) == [
        ("1", None, "清理河道垃圾，", ["县水利局", "县城"], [], "2022年6月"),
        ("2", None, "整治入河排污口，建立排污口台账。", ["县生态环境局"], [], "2022年"),
        ("3", None, "开展河长巡河。", ["各乡镇人民政府"], [], "2022年"),
    ]
    assert [t.page for t in extract_tasks(path)] == [1, 1, 2]


def test_unruled_table_columns_from_text_positions(tmp_path):
    path = _two_pages(tmp_path, ruled=False)
    assert [r[0] for r in rows_of(path)] == ["1", "2", "3"]
    assert rows_of(path)[1][2] == "整治入河排污口，建立排污口台账。"


def test_text_after_an_unruled_table_is_not_taken_into_its_last_row(tmp_path):
    path = _two_pages(tmp_path, ruled=False, after=["县人民政府办公室", "2022年3月1日"])
    tasks = extract_tasks(path)
    assert [(t.seq, t.lead_units, t.deadline) for t in tasks][-1] == (
        "3", ("各乡镇人民政府",), "2022年")  # filled down from the merged cell, nothing more
    assert tasks[0].notice_date == "2022-03-01"


def test_fake_bold_is_deduplicated_and_prose_pages_are_skipped(tmp_path):
    prose = ["关于印发河道整治任务分工的通知", "各乡镇：现将任务分工印发给你们。"]
    path = _two_pages(tmp_path, bold_twice=True, prose=prose)
    rows = rows_of(path)
    assert rows[0][2] == "清理河道垃圾，" and len(rows) == 3


def test_pdf_with_no_table_gives_no_rows(tmp_path):
    path = write_pdf(tmp_path / "prose.pdf", [], prose=["会议通知", "请各单位准时参会。"])
    assert extract_tasks(path) == []


@pytest.mark.parametrize("revision", [4, 6])
def test_encrypted_pdfs(tmp_path, revision):
    pikepdf = pytest.importorskip("pikepdf")
    sample = SAMPLES / "plan_b/ruled.pdf"
    opens = tmp_path / "owner_only.pdf"
    locked = tmp_path / "locked.pdf"
    with pikepdf.open(sample) as pdf:
        pdf.save(opens, encryption=pikepdf.Encryption(user="", owner="o", R=revision))
        pdf.save(locked, encryption=pikepdf.Encryption(user="secret", owner="o", R=revision))
    assert as_rows(extract_tasks(opens)) == expected_rows(sample)
    with pytest.raises(ExtractError, match="password-protected"):
        extract_tasks(locked)


def test_truncated_and_cid_only_pdfs_fail_clearly(tmp_path):
    data = (SAMPLES / "plan_b/ruled.pdf").read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[:2000])
    with pytest.raises(ExtractError):
        extract_tasks(cut)
    with pytest.raises(ExtractError, match=r"\(cid:"):
        extract_tasks(cid_only_pdf(tmp_path / "cid.pdf"))


needs_ocr = pytest.mark.skipif(importlib.util.find_spec("rapidocr_onnxruntime") is None,
                               reason="the ocr extra is not installed")


@needs_ocr
def test_scanned_pdf_is_read_by_ocr():
    sample = SAMPLES / "plan_b/scanned.pdf"
    got = as_rows(extract_tasks(sample))
    expected = expected_rows(sample)
    assert [r["seq"] for r in got] == [r["seq"] for r in expected]
    exact = sum(g == e for g, e in zip(got, expected, strict=True))
    assert exact >= 11  # at least 90 % of the rows exactly; OCR may drop one full stop
    assert all(g["lead_units"] == e["lead_units"] and g["deadline"] == e["deadline"]
               for g, e in zip(got, expected, strict=True))


def test_scanned_pdf_without_ocr_says_so(monkeypatch):
    with pytest.raises(ExtractError, match="OCR is off"):
        extract_tasks(SAMPLES / "plan_b/scanned.pdf", ocr=False)
    from fengong.extract import ocr

    def missing():
        raise ocr.MissingTool("the PDF is a scan with no text layer and OCR is not installed",
                              ocr.INSTALL_HINT)

    monkeypatch.setattr(ocr, "_engine", missing)
    with pytest.raises(ExtractError, match=r"pip install 'fengong\[ocr\]'"):
        extract_tasks(SAMPLES / "plan_b/scanned.pdf")


def test_ocr_punctuation_and_quotes():
    from fengong.extract.ocr import fix_punctuation, pair_quotes

    assert fix_punctuation("登记丶交易,缴税°") == "登记、交易，缴税。"
    assert fix_punctuation("制度’差评") == "制度，差评"
    assert fix_punctuation("达到100%,共3.5亿元") == "达到100%，共3.5亿元"
    assert pair_quotes("推行“双随机“监管和\"一网通办”") == "推行“双随机”监管和“一网通办”"


def test_low_ocr_confidence_becomes_a_row_warning():
    from fengong.extract.cells import Document, Provenance, RawRow
    from fengong.normalize.records import to_tasks

    row = RawRow(seq="1", section=None, task="任务。", lead="县财政局", other="",
                 deadline="2022年", where=Provenance(page=1), confidence=0.61)
    (task,) = to_tasks(Document(rows=(row,)), "scan.pdf")
    assert "low OCR confidence: 0.61, check this row against the scan" in task.warnings


@pytest.mark.parametrize("name", ["seed/ruled.pdf", "seed/unruled.pdf", "seed/landscape.pdf",
                                  "plan_b/unruled.pdf"])
def test_page_chars_are_pdfplumbers_and_its_tables_are_found_as_before(name):
    import pdfplumber

    from fengong.extract.pdf import page_chars

    keys = ("text", "x0", "x1", "top", "bottom", "size")
    with pdfplumber.open(SAMPLES / name) as plain, pdfplumber.open(SAMPLES / name) as ours:
        for theirs, page in zip(plain.pages, ours.pages, strict=True):
            expected = [tuple(c[k] for k in keys) for c in theirs.chars]
            assert [tuple(c[k] for k in keys) for c in page_chars(page)] == expected
            assert page.chars is page_chars(page)  # pdfplumber's cache holds them: one parse
            assert [t.bbox for t in page.find_tables()] == [t.bbox for t in
                                                            theirs.find_tables()]
