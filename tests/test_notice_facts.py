"""The notice's facts in every format: the plan's title (not the covering sentence), the
issuing date under the signature and the document number, from a short notice of ours."""

from __future__ import annotations

import pytest

from docx_builder import p, table, write_docx
from fengong import extract_tasks

NUMBER = "某政办发〔2024〕12号"
TITLE = "某县2024年河湖长制重点任务分工方案"
SENTENCE = "为全面推行河湖长制，现将重点任务分工如下。"
HEADER = ["序号", "主要任务", "牵头单位", "完成时限"]
ROWS = [["1", "开展河湖“清四乱”专项行动。", "县水利局", "2024年6月底前"],
        ["2", "完成入河排污口排查整治。", "县生态环境局", "2024年9月底前"]]
SIGNER, DATE = "某县人民政府办公室", "2024年3月12日"
FACTS = (TITLE, "2024-03-12", NUMBER)


def _facts(path) -> set[tuple]:
    tasks = extract_tasks(path)
    assert [t.seq for t in tasks] == ["1", "2"]
    return {(t.title, t.notice_date, t.doc_number) for t in tasks}


def test_text(tmp_path):
    lines = [NUMBER, "附件", TITLE, SENTENCE, "\t".join(HEADER),
             *("\t".join(r) for r in ROWS), "", SIGNER, DATE]
    path = tmp_path / "notice.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _facts(path) == {FACTS}


def test_docx(tmp_path):
    path = write_docx(tmp_path / "notice.docx", p(NUMBER), p("附件"), p(TITLE), p(SENTENCE),
                      table([HEADER, *ROWS]), p(SIGNER), p(DATE))
    assert _facts(path) == {FACTS}


def test_html(tmp_path):
    cells = "".join(f"<tr>{''.join(f'<td>{c}</td>' for c in r)}</tr>" for r in [HEADER, *ROWS])
    page = (f"<html><head><meta charset='utf-8'></head><body><p>{NUMBER}</p><p>附件</p>"
            f"<h2>{TITLE}</h2><p>{SENTENCE}</p><table>{cells}</table><p>{SIGNER}</p>"
            f"<p>{DATE}</p></body></html>")
    path = tmp_path / "notice.html"
    path.write_text(page, encoding="utf-8")
    assert _facts(path) == {FACTS}


def test_xlsx(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [[NUMBER], [TITLE], [SENTENCE], HEADER, *ROWS, [], [SIGNER], [DATE]]:
        sheet.append(row)
    path = tmp_path / "notice.xlsx"
    book.save(path)
    assert _facts(path) == {FACTS}


@pytest.mark.parametrize("ruled", [False, True], ids=["unruled", "ruled"])
def test_pdf(tmp_path, ruled):
    from pdf_table import write_table

    path = write_table(tmp_path / "notice.pdf", HEADER, ROWS, [40.0, 250.0, 110.0, 95.0],
                       valign="middle", ruled=ruled, title=TITLE,
                       before=(NUMBER, SENTENCE), after=(SIGNER, DATE))
    assert _facts(path) == {FACTS}
