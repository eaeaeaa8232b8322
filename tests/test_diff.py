"""``fengong diff``: two versions of a table paired row by row, on revisions of the samples
built here (rows deleted, inserted, renumbered, moved, reworded, rewritten, units and
deadlines changed), across formats and unit spellings."""

from __future__ import annotations

import io
import json
from dataclasses import replace

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SAMPLES
from docx_builder import HEADER, Tc, p, table, write_docx
from fengong import diff_files, diff_tasks, extract_tasks
from fengong.align import heaviest_chain, pair_rows
from fengong.cli import main
from fengong.similarity import similarity

PLAN_B = SAMPLES / "plan_b"


def plan_b_table() -> list:
    """The sample table as section headings (str) and rows [task, lead, other, deadline]."""
    lines = (PLAN_B / "tsv.txt").read_text(encoding="utf-8").splitlines()[3:]
    return [line.split("\t")[1:] if "\t" in line else line for line in lines if line]


def numbered(rows: list, restart: bool = False) -> list:
    """Headings as they are, rows with their 序号 in front: 1, 2, 3 … (or from 1 in every
    section)."""
    out, number = [], 0
    for row in rows:
        if isinstance(row, str):
            number = 0 if restart else number
            out.append(row)
        else:
            number += 1
            out.append([str(number), *row])
    return out


def write_text(path, rows: list, restart: bool = False):
    """A revised notice as the sample's text: its title and header, then the rows."""
    head = (PLAN_B / "tsv.txt").read_text(encoding="utf-8").splitlines()[:3]
    body = [r if isinstance(r, str) else "\t".join(r) for r in numbered(rows, restart)]
    path.write_text("\n".join(head + body) + "\n", encoding="utf-8")
    return path


EVALUATION = ["开展营商环境评价，以评促改、以评促优。", "县发改局", "县直各部门", "2021年11月底前"]


def find(rows: list, start: str) -> list:
    return next(r for r in rows if not isinstance(r, str) and r[0].startswith(start))


def changes(old, new) -> list[tuple]:
    """(change, old 序号, new 序号, fields) of every entry that is not the same."""
    return [(c.change, c.old_seq, c.new_seq, c.fields) for c in diff_files(old, new)
            if c.change != "same"]


def renumbered(old_seqs, shift: int = -1) -> list[tuple]:
    return [("changed", str(n), str(n + shift), ("seq",)) for n in old_seqs]


@pytest.fixture
def original(tmp_path):
    return write_text(tmp_path / "old.txt", plan_b_table())


@pytest.mark.parametrize("other", ["ruled.pdf", "unruled.pdf", "table.xlsx", "notice.html",
                                   "tsv.txt", "word_split.docx"])
def test_the_same_table_in_two_formats_is_all_same(other):
    entries = diff_files(PLAN_B / "word_table.docx", PLAN_B / other)
    assert [(c.change, c.old_seq, c.new_seq) for c in entries] == \
        [("same", str(n), str(n), ) for n in range(1, 13)]
    assert {c.fields for c in entries} == {()}


def test_docx_draft_against_pdf_final_with_57_rows_is_all_same():
    entries = diff_files(SAMPLES / "seed" / "word_table.docx", SAMPLES / "seed" / "ruled.pdf")
    assert len(entries) == 57 and {c.change for c in entries} == {"same"}


def test_a_deleted_row_is_removed_and_the_rows_after_it_renumbered(original, tmp_path):
    rows = plan_b_table()
    rows.remove(find(rows, "建立政务服务“好差评”"))
    new = write_text(tmp_path / "new.txt", rows)
    assert changes(original, new) == [("removed", "3", None, ()), *renumbered(range(4, 13))]


def test_an_inserted_row_is_added(original, tmp_path):
    rows = plan_b_table()
    rows.insert(rows.index(find(rows, "建立中小微企业")), EVALUATION)
    new = write_text(tmp_path / "new.txt", rows)
    entries = diff_files(original, new)
    assert changes(original, new) == [("added", None, "6", ()), *renumbered(range(6, 13), 1)]
    assert entries[5].task.task == "开展营商环境评价，以评促改、以评促优。"
    assert entries[5].old is None and entries[5].similarity == 0.0


def test_numbering_restarted_in_each_section_is_only_renumbering(original, tmp_path):
    new = write_text(tmp_path / "new.txt", plan_b_table(), restart=True)
    assert changes(original, new) == renumbered(range(5, 9), -4) + renumbered(range(9, 13), -8)


def test_a_row_moved_to_another_section_is_changed_not_removed_and_added(original, tmp_path):
    rows = plan_b_table()
    moved = find(rows, "开展“送政策")
    rows.remove(moved)
    rows.append(moved)
    new = write_text(tmp_path / "new.txt", rows)
    assert changes(original, new) == [*renumbered(range(9, 13)),
                                      ("changed", "8", "12", ("seq", "section"))]
    entry = diff_files(original, new)[-1]
    assert entry.was() == {"seq": "8", "section": "二、强化要素保障"}
    assert entry.task.section == "三、加强监管执法"


def test_rows_swapped_within_a_section_are_both_paired(original, tmp_path):
    rows = plan_b_table()
    one, two = rows.index(find(rows, "推行企业开办")), rows.index(find(rows, "全面推行工程"))
    rows[one], rows[two] = rows[two], rows[one]
    new = write_text(tmp_path / "new.txt", rows)
    assert changes(original, new) == [("changed", "2", "1", ("seq",)),
                                      ("changed", "1", "2", ("seq",))]


def test_a_slightly_reworded_task_is_changed(original, tmp_path):
    rows = plan_b_table()
    row = find(rows, "推行企业开办")
    row[0] = row[0].replace("压缩至1个工作日以内", "压缩至半个工作日以内")
    new = write_text(tmp_path / "new.txt", rows)
    (entry,) = [c for c in diff_files(original, new) if c.change != "same"]
    assert (entry.change, entry.old_seq, entry.new_seq, entry.fields) == \
        ("changed", "1", "1", ("task",))
    assert round(entry.similarity, 3) == 0.913
    assert entry.was() == {"task": "推行企业开办“一网通办”，将企业开办时间压缩至1个工作日以内。"}


def test_a_task_rewritten_entirely_is_removed_and_added(original, tmp_path):
    rows = plan_b_table()
    find(rows, "畅通企业诉求")[0] = "建设县级营商环境监测平台，按月通报各部门办件情况。"
    new = write_text(tmp_path / "new.txt", rows)
    assert changes(original, new) == [("removed", "12", None, ()), ("added", None, "12", ())]


HEAVIER = "建立涉企诉求快速响应机制，12345热线限时办结。"  # Dice 0.41 with row 12's task


def test_a_heavier_rewording_keeping_its_seq_is_changed(original, tmp_path):
    rows = plan_b_table()
    find(rows, "畅通企业诉求")[0] = HEAVIER
    new = write_text(tmp_path / "new.txt", rows)
    assert changes(original, new) == [("changed", "12", "12", ("task",))]


def test_a_heavier_rewording_under_another_seq_is_removed_and_added(original, tmp_path):
    rows = plan_b_table()
    find(rows, "畅通企业诉求")[0] = HEAVIER
    rows.remove(find(rows, "加强社会信用"))
    new = write_text(tmp_path / "new.txt", rows)
    assert changes(original, new) == [("removed", "11", None, ()), ("removed", "12", None, ()),
                                      ("added", None, "11", ())]


def test_units_reassigned_give_the_canonical_names_added_and_removed(original, tmp_path):
    rows = plan_b_table()
    row = find(rows, "对新产业")
    row[1], row[2] = "县市场监管局", "县司法局、县城管执法局、县交通运输局"
    find(rows, "建立中小微企业")[2] += "、县税务局"
    new = write_text(tmp_path / "new.txt", rows)
    entries = {c.new_seq: c for c in diff_files(original, new) if c.change != "same"}
    assert sorted(entries) == ["10", "6"]
    swapped = entries["10"]
    assert swapped.fields == ("lead_units", "other_units")
    assert (swapped.lead_units_added, swapped.lead_units_removed) == (("县市场监督管理局",),
                                                                      ("县司法局",))
    assert (swapped.other_units_added, swapped.other_units_removed) == (("县司法局",),
                                                                        ("县市场监督管理局",))
    assert (entries["6"].fields, entries["6"].other_units_added) == (("other_units",),
                                                                     ("县税务局",))


def test_an_alias_for_its_full_name_or_a_new_order_is_no_change(original, tmp_path):
    rows = plan_b_table()
    find(rows, "推行“双随机")[1] = "县市场监督管理局"  # was 县市场监管局
    row = find(rows, "加强社会信用")
    row[1] = "县人民银行、县发改局"  # the same two leads, the other way round
    new = write_text(tmp_path / "new.txt", rows)
    assert changes(original, new) == []


def test_deadlines_changed_by_their_dates_not_their_words(original, tmp_path):
    rows = plan_b_table()
    find(rows, "建立中小微企业")[3] = "2021年9月底前"  # was 2021年上半年
    find(rows, "推行企业开办")[3] = "2021年6月30日前"  # was 2021年6月底前: the same day
    find(rows, "建立政务服务")[3] = "持续推进"  # was 长期坚持: no date, other words
    new = write_text(tmp_path / "new.txt", rows)
    assert changes(original, new) == [("changed", "3", "3", ("deadline",)),
                                      ("changed", "6", "6", ("deadline",))]


def test_a_new_section_renumbers_headings_without_moving_rows(original, tmp_path):
    rows = plan_b_table()
    at = rows.index("二、强化要素保障")
    rows[at:at] = ["二、提升开放水平", ["举办招商推介会两场。", "县商务局", "", "2021年10月"]]
    rows[rows.index("二、强化要素保障")] = "三、强化要素保障"
    rows[rows.index("三、加强监管执法")] = "四、加强监管执法"
    new = write_text(tmp_path / "new.txt", rows)
    assert changes(original, new) == [("added", None, "5", ()), *renumbered(range(5, 13), 1)]


def test_the_entries_follow_the_new_table_with_removed_rows_in_their_old_place(original,
                                                                              tmp_path):
    rows = plan_b_table()
    rows.remove(find(rows, "推进不动产登记"))
    rows.insert(2, ["推行“证照分离”改革全覆盖。", "县市场监管局", "县直各部门", "2021年底前"])
    new = write_text(tmp_path / "new.txt", rows)
    assert [(c.change, c.old_seq, c.new_seq) for c in diff_files(original, new)][:6] == [
        ("same", "1", "1"), ("added", None, "2"), ("changed", "2", "3"),
        ("changed", "3", "4"), ("removed", "4", None), ("same", "5", "5")]


def test_a_removed_row_stays_where_it_was_when_the_row_before_it_moved(original, tmp_path):
    rows = plan_b_table()
    moved = find(rows, "推行企业开办")
    rows.remove(moved)
    rows.remove(find(rows, "全面推行工程"))
    rows.append(moved)
    new = write_text(tmp_path / "new.txt", rows)
    assert [(c.change, c.old_seq, c.new_seq) for c in diff_files(original, new)][:2] == [
        ("removed", "2", None), ("changed", "3", "1")]


def test_a_revised_docx_against_the_pdf_and_an_alias(tmp_path):
    rows = plan_b_table()
    find(rows, "建立中小微企业")[3] = "2021年9月底前"
    find(rows, "推行企业开办")[1] = "县市场监督管理局"
    grid = [HEADER] + [[Tc(r, span=5)] if isinstance(r, str) else r for r in numbered(rows)]
    new = write_docx(tmp_path / "正式稿.docx", p("优化营商环境重点任务分工方案"), table(grid))
    assert changes(PLAN_B / "ruled.pdf", new) == [("changed", "6", "6", ("deadline",))]


def test_similarity_is_bigram_dice_over_content_characters():
    assert similarity("推进县域医共体建设。", "推进县域医共体建设") == 1.0
    assert similarity("加强消防，安全", "加強消防安全") == 1.0  # traditional, punctuation
    assert round(similarity("完成高标准农田建设1万亩。", "建设高标准农田2万亩。"), 3) == 0.6
    assert similarity("开展燃气安全专项整治。", "新建停车泊位300个。") == 0.0


def test_the_alignment_keeps_order_and_pairs_moved_rows_after():
    assert heaviest_chain({(0, 1): 1.0, (1, 0): 1.0, (1, 2): 0.6, (2, 2): 0.9}, 3) == \
        [(0, 1), (2, 2)]
    old = ["清理排洪沟渠。", "储备防汛物资。", "开展防汛演练。"]
    new = ["开展防汛演练。", "清理排洪沟渠。", "储备防汛物资两批。"]
    assert [(p.old, p.new, p.moved) for p in pair_rows(old, new, ["1", "2", "3"],
                                                       ["1", "2", "3"])] == \
        [(2, 0, True), (0, 1, False), (1, 2, False)]


SEED = extract_tasks(SAMPLES / "seed" / "word_table.docx")


@settings(max_examples=60, deadline=None)
@given(st.permutations(range(len(SEED))), st.sets(st.integers(0, len(SEED) - 1)))
def test_rows_kept_in_any_order_are_all_paired_and_only_dropped_rows_removed(order, dropped):
    new = [replace(SEED[k], seq=str(n + 1)) for n, k in enumerate(
        k for k in order if k not in dropped)]
    entries = diff_tasks(SEED, new)
    assert sorted(int(c.old_seq) for c in entries if c.change == "removed") == \
        sorted(k + 1 for k in dropped)
    kept = [c for c in entries if c.change != "removed"]
    assert [c.task for c in kept] == new
    assert all(c.old is not None and c.old.task == c.task.task for c in kept)
    assert {f for c in kept for f in c.fields} <= {"seq"}


def test_a_row_found_whole_elsewhere_is_not_paired_with_a_look_alike_under_its_number():
    order = list(range(len(SEED)))
    order[0], order[8] = 8, 0  # seed rows 1 and 9 swapped: their tasks share 0.30 of bigrams
    new = [replace(SEED[k], seq=str(n + 1)) for n, k in enumerate(order)]
    assert [(c.change, c.old_seq, c.new_seq, c.fields) for c in diff_tasks(SEED, new)
            if c.change != "same"] == [("changed", "9", "1", ("seq",)),
                                       ("changed", "1", "9", ("seq",))]


def test_diff_tasks_of_empty_tables():
    tasks = extract_tasks(PLAN_B / "tsv.txt")
    assert [c.change for c in diff_tasks([], tasks[:2])] == ["added", "added"]
    assert [c.change for c in diff_tasks(tasks[:2], [])] == ["removed", "removed"]
    assert diff_tasks([], []) == []


def test_current_names_make_a_unit_renamed_by_a_reform_no_change(tmp_path):
    head = "序号\t主要任务\t牵头单位\t完成时限\n1\t开展安全生产大检查。\t"
    old = tmp_path / "2017.txt"
    old.write_text(head + "县安监局\t2018年底前\n", encoding="utf-8")
    new = tmp_path / "2019.txt"
    new.write_text(head + "县应急管理局\t2018年底前\n", encoding="utf-8")
    (entry,) = json.loads(run(old, new, "-f", "json").stdout)
    assert (entry["fields"], entry["lead_units_added"], entry["lead_units_removed"]) == \
        (["lead_units"], ["县应急管理局"], ["县安全生产监督管理局"])
    (entry,) = json.loads(run(old, new, "-f", "json", "--current-names").stdout)
    assert entry["change"] == "same"


def run(*args):
    return CliRunner().invoke(main, ["diff", *map(str, args)], catch_exceptions=False)


@pytest.fixture
def revised(tmp_path):
    """The README's revision: reworded, deleted, deadline and units changed, a row moved to
    another section, one inserted, one rewritten, an alias written in full."""
    rows = plan_b_table()
    row = find(rows, "推行企业开办")
    row[0] = row[0].replace("压缩至1个工作日以内", "压缩至半个工作日以内")
    rows.remove(find(rows, "建立政务服务“好差评”"))
    row = find(rows, "建立中小微企业")
    row[2], row[3] = row[2] + "、县税务局", "2021年9月底前"
    row = find(rows, "对新产业")
    row[1], row[2] = "县市场监管局", "县司法局、县城管执法局、县交通运输局"
    find(rows, "推行“双随机")[1] = "县市场监督管理局"
    moved = find(rows, "开展“送政策")
    rows.remove(moved)
    rows.append(moved)
    rows.insert(rows.index("三、加强监管执法") + 1, EVALUATION)
    find(rows, "畅通企业诉求")[0] = "建设县级营商环境监测平台，按月通报各部门办件情况。"
    return write_text(tmp_path / "new.txt", rows)


REPORT = """\
比较：samples/plan_b/word_table.docx（12 项） → samples/diff/plan_b_revised.txt（12 项）
新增 2 项，删除 2 项，修改 9 项，未变 1 项

【新增】
+ 序号 7  开展营商环境评价，以评促改、以评促优。
  分组：三、加强监管执法
  任务：开展营商环境评价，以评促改、以评促优。
  牵头单位：县发改局；配合单位：县直各部门；完成时间：2021年11月底前
+ 序号 11  建设县级营商环境监测平台，按月通报各部门办件情况。
  分组：三、加强监管执法
  任务：建设县级营商环境监测平台，按月通报各部门办件情况。
  牵头单位：县政府办；配合单位：县信访局、各乡镇人民政府；完成时间：2021年

【删除】
- 原序号 3  建立政务服务“好差评”制度，差评问题限期整改。
  分组：一、优化政务服务
  任务：建立政务服务“好差评”制度，差评问题限期整改。
  牵头单位：县政务服务中心；配合单位：县直各部门；完成时间：长期坚持
- 原序号 12  畅通企业诉求反映渠道，12345热线涉企诉求办结率达到100……
  分组：三、加强监管执法
  任务：畅通企业诉求反映渠道，12345热线涉企诉求办结率达到100%。
  牵头单位：县政府办；配合单位：县信访局、各乡镇人民政府；完成时间：2021年

【修改】
* 序号 1  推行企业开办“一网通办”，将企业开办时间压缩至半个工作日以内……
  任务：推行企业开办“一网通办”，将企业开办时间压缩至【删：1】【增：半】个工作日以内。
* 序号 6 → 5  建立中小微企业应急转贷资金池，降低企业融资成本。
  配合单位：县金融办、人行县支行 → 县金融办、人行县支行、县税务局（增 县税务局）
  完成时间：2021年上半年 → 2021年9月底前
* 序号 10 → 9  对新产业新业态实行包容审慎监管，制定轻微违法行为免罚清单。
  牵头单位：县司法局 → 县市场监管局（增 县市场监管局；减 县司法局）
  配合单位：县市场监管局、县城管执法局、县交通运输局 → \
县司法局、县城管执法局、县交通运输局（增 县司法局；减 县市场监管局）
* 序号 8 → 12  开展“送政策、解难题”专项行动，每季度召开一次政企座谈会。
  分组：二、强化要素保障 → 三、加强监管执法

【仅序号变动】
  4 → 3，5 → 4，7 → 6，9 → 8，11 → 10
"""


README_EXAMPLE = "samples/plan_b/word_table.docx samples/diff/plan_b_revised.txt"


def test_the_readme_example_is_the_revision_built_here(revised):
    assert (SAMPLES / "diff" / "plan_b_revised.txt").read_bytes() == revised.read_bytes()


def test_the_clerks_report_is_the_readmes(monkeypatch):
    monkeypatch.chdir(SAMPLES.parent)
    result = run(*README_EXAMPLE.split())
    assert result.exit_code == 0
    assert result.stdout == REPORT
    assert result.stderr == ""
    readme = (SAMPLES.parent / "README.md").read_text(encoding="utf-8")
    assert f"$ fengong diff {README_EXAMPLE}\n{REPORT}```" in readme


def test_json_and_csv_for_machines(original, revised):
    entries = json.loads(run(original, revised, "-f", "json").stdout)
    assert [e["change"] for e in entries].count("changed") == 9
    moved = entries[-1]
    assert {k: moved[k] for k in ("change", "old_seq", "new_seq", "fields", "was")} == {
        "change": "changed", "old_seq": "8", "new_seq": "12", "fields": ["seq", "section"],
        "was": {"seq": "8", "section": "二、强化要素保障"}}
    assert moved["task"]["section"] == "三、加强监管执法"
    result = run(original, revised, "-f", "csv")
    assert "fengong: 新增 2 项，删除 2 项，修改 9 项，未变 1 项" in result.stderr
    import csv

    rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert len(rows) == 14  # 12 rows of the new table, 2 of the old one removed
    row = next(r for r in rows if r["new_seq"] == "5")
    assert (row["fields"], row["other_units_added"], row["old_deadline"], row["deadline"]) == \
        ("seq\nother_units\ndeadline", "县税务局", "2021年上半年", "2021年9月底前")


def test_xlsx_colours_the_changes(original, revised, tmp_path):
    out = tmp_path / "changes.xlsx"
    result = run(original, revised, "-o", out)
    assert result.exit_code == 0
    sheet = openpyxl.load_workbook(out).active
    assert [c.value for c in sheet[1]] == ["变动", "原序号", "现序号", "分组", "主要任务",
                                           "牵头单位", "配合单位", "完成时间", "修改内容"]
    kinds = {row[0].value: row[0].fill.fgColor.rgb for row in sheet.iter_rows(min_row=2)}
    assert kinds == {"修改": "FFFFF2CC", "未变": "00000000", "删除": "FFF4CCCC",
                     "新增": "FFDDF2DD"}
    deadline = next(row for row in sheet.iter_rows(min_row=2) if row[2].value == "5")
    assert deadline[7].value == "2021年9月底前" and deadline[7].fill.fgColor.rgb == "FFFFD966"
    assert deadline[4].fill.fgColor.rgb == "FFFFF2CC"
    assert deadline[8].value == ("序号：6 → 5\n配合单位：县金融办、人行县支行 → 县金融办、"
                                 "人行县支行、县税务局（增 县税务局）\n"
                                 "完成时间：2021年上半年 → 2021年9月底前")
    removed = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "删除")
    assert removed[4].font.strike


def test_each_bad_file_is_one_line_and_exit_1(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes((PLAN_B / "word_table.docx").read_bytes()[:2000])
    empty = tmp_path / "letter.txt"
    empty.write_text("关于召开会议的通知\n请各单位准时参加。\n", encoding="utf-8")
    result = run(broken, empty)
    assert result.exit_code == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"fengong: {broken}: ") and "damaged" in lines[0]
    assert lines[1] == f"fengong: {empty}: no task table found; nothing to compare"
    missing = run(tmp_path / "nowhere.docx", PLAN_B / "tsv.txt")
    assert missing.exit_code == 1 and missing.stderr.count("\n") == 1
    assert "nowhere.docx" in missing.stderr and "Traceback" not in missing.stderr


def test_usage_errors_exit_2(tmp_path):
    result = run(PLAN_B / "tsv.txt", PLAN_B / "gbk.txt", "-f", "xlsx")
    assert result.exit_code == 2 and "XLSX needs an output file" in result.stderr
    assert run("-", "-").exit_code == 2
    assert run(PLAN_B / "tsv.txt").exit_code == 2


def test_stdin_as_one_version_and_an_unwritable_output(tmp_path):
    result = CliRunner().invoke(main, ["diff", "-", str(PLAN_B / "gbk.txt"), "-f", "json"],
                                input=(PLAN_B / "tsv.txt").read_bytes())
    assert result.exit_code == 0
    assert {e["change"] for e in json.loads(result.stdout)} == {"same"}
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run(PLAN_B / "tsv.txt", PLAN_B / "gbk.txt", "-o", blocker / "out.json")
    assert result.exit_code == 1 and "cannot write the output" in result.stderr


def test_help_imports_no_diff_output_and_no_openpyxl():
    import subprocess
    import sys

    code = ("import sys; from click.testing import CliRunner; from fengong.cli import main; "
            "CliRunner().invoke(main, ['--help']); CliRunner().invoke(main, ['diff', '--help']); "
            "print('fengong.output.diff' in sys.modules, 'openpyxl' in sys.modules, "
            "'difflib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert out.split() == ["False", "False", "False"]
