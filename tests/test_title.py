"""The plan's title, told from the covering sentence by its shape."""

from __future__ import annotations

from fengong.extract.title import caption, plan_title


def test_the_covering_sentence_is_no_title():
    lines = ["附件", "某县2024年河长制重点任务分工方案",
             "为深入推进河长制工作，现将重点任务分工如下。"]
    assert plan_title(lines) == "某县2024年河长制重点任务分工方案"


def test_attachment_prefix_and_quoted_plan_are_taken_off():
    assert caption("附件1：城区环境整治行动重点任务分工") == "城区环境整治行动重点任务分工"
    assert caption("关于印发《某镇防汛工作任务清单》的通知") == "某镇防汛工作任务清单"


def test_items_headers_and_numbers_are_no_titles():
    assert caption("一、完善工作机制") is None
    assert caption("1.建立问题清单。") is None
    assert caption("序号 主要任务 牵头单位 完成时限") is None
    assert caption("12") is None
    assert plan_title(["序号 | 工作任务 | 责任单位"]) is None


def test_page_chrome_with_labels_is_no_title():
    assert caption("发布时间：2023-07-10 浏览次数：128") is None
    assert caption("来源：县人民政府办公室") is None
    lines = ["县农业农村局2023年重点工作推进情况", "发布时间：2023-07-10 浏览次数：128"]
    assert plan_title(lines) == "县农业农村局2023年重点工作推进情况"
