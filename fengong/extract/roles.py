"""The one role vocabulary: the words that give a header cell, a label, a bracket clause or a
unit cell its role.

Header words (``牵头单位``), labels (``协同责任单位：``), role verbs after a unit list
(``A、B牵头``, ``C按职责分工负责``), role marks in a unit cell (``市发改委（牵头）``) and person
titles all come from here, so a word added once works in tables, labels, brackets and prose.

Roles: ``seq``, ``task``, ``lead``, ``other``, ``unit`` (a unit column that leads unless a
lead column stands beside it), ``deadline``, ``leader`` (persons), ``section`` (a category
column), ``progress``, ``remarks``, ``measure`` (any other column: measures, targets,
evaluations — kept out of units and deadlines).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .hanzi import simplified

# -- morphemes ------------------------------------------------------------------------------
LEAD_WORDS = "牵头|主办|主责|主抓|牵总"
OTHER_WORDS = "配合|协同|协作|协办|协助|参与|参加|共同|会同|协调|支持"
UNIT_NOUNS = "单位|部门|科室|处室|股室|机构|主体|责任方|处(?:科)?室"
PERSON_NOUNS = "领导|责任人|联系人|负责人|经办人|县长|市长|区长|局长|主任|书记"
DEADLINE_WORDS = "时间|时限|期限|节点|日期|完成年限|截止|进度安排|时序"

_SPACE = re.compile(r"[\s\u3000]+")
HEADER_NOTE = re.compile(r"[（(][^（）()]{2,30}[）)]$")  # 责任单位（排在第一位的为牵头单位）
_SEQ = re.compile(r"^(序号|编号|序|号|序列号|项次|No\.?)$", re.I)
_PERSON = re.compile(PERSON_NOUNS)
_UNIT = re.compile(rf"{UNIT_NOUNS}|{LEAD_WORDS}|{OTHER_WORDS}|责任")
_EVALUATOR = re.compile(r"督查|督办|考核|评分|评价|评估|监督")
_PROGRESS = re.compile(r"进展|进度情况|完成情况|落实情况|推进情况|执行情况|是否|达序|成效")
_REMARKS = re.compile(r"备注|说明|附注")
_DEADLINE = re.compile(DEADLINE_WORDS)
_LEAD = re.compile(LEAD_WORDS)
_OTHER = re.compile(OTHER_WORDS)
_UNIT_ONLY = re.compile(rf"{UNIT_NOUNS}|责任")
_SECTION = re.compile(r"^(?:类别|类型|领域|板块|分类|专项|方面|工作类别|项目类别|任务类别)$")
_TASK = re.compile(r"任务")
_MEASURE = re.compile(r"措施|举措|目标|成果|标准|要求|指标|路径|安排|计划|方式|规模|投资|金额")
_TASK_WORDS = re.compile(r"工作|事项|内容|要点|项目|名称|重点")
_MAX_WORD = 16


@lru_cache(maxsize=65536)
def header_key(text: str) -> str:
    """A header or label with all spacing removed (headers are often spaced per character),
    in simplified characters (牽頭單位 is 牵头单位)."""
    return simplified(_SPACE.sub("", text))


@lru_cache(maxsize=4096)
def word_role(text: str) -> str | None:
    """Given a header cell or a label, return its role, or None when it names none.

    A word naming a unit and a person (``牵头单位及联系人``) is a unit column: the person
    goes to ``contacts`` when the cells are read.
    """
    key = HEADER_NOTE.sub("", header_key(text))  # 责任单位（排在第一位的为牵头单位）
    if not key or len(key) > _MAX_WORD or key[-1] in "。；;，,！":
        return None
    if _SEQ.match(key):
        return "seq"
    if key == "单位" or key.endswith("计量单位"):
        return "measure"  # a unit of measure beside a target column
    if _PERSON.search(key) and not re.search(UNIT_NOUNS, key):
        return "leader"
    for role, pattern in (("measure", _EVALUATOR), ("progress", _PROGRESS),
                          ("remarks", _REMARKS), ("deadline", _DEADLINE), ("lead", _LEAD),
                          ("other", _OTHER), ("unit", _UNIT_ONLY), ("section", _SECTION),
                          ("task", _TASK), ("measure", _MEASURE), ("task", _TASK_WORDS)):
        if pattern.search(key):
            return role
    return None


_COMPLETE = re.compile(
    r"(单位|部门|科室|处室|主体|领导|责任人|联系人|负责人|序号|编号|时间|时限|期限|节点|要求"
    r"|任务|工作|内容|措施|目标|情况|进展|备注|说明|类别|领域|事项|名称|项目|安排|评价|是否达序"
    r"|达序|标准|成效|举措)$"
)


def complete_word(word: str) -> bool:
    """A header word that ends as a column name does (``牵头单位``, ``工作措施``); ``责任``,
    ``完成`` or ``第二季度`` alone are the first half of a cell wrapped over two lines."""
    return bool(_COMPLETE.search(header_key(word)))


def wrapped_pair(first: str, second: str) -> bool:
    """Two header words that are one cell wrapped over two lines: together they name a role,
    and the first is no complete word, or both are short (``目标`` / ``任务``). Two complete
    column names (``工作措施`` | ``牵头单位``) are never joined."""
    joined = header_key(first + second)
    if word_role(joined) is None:
        return False
    return not complete_word(first) or len(joined) <= 6


# -- labels: ``牵头单位：`` ``协同责任单位:`` ``完成时限：`` ``具体任务`` -----------------------
_LABEL_PREFIX = (
    rf"(?:{LEAD_WORDS}|{OTHER_WORDS}|主要|主体|责任|负责|落实|具体|分管|承办|联系|相关|其他"
    r"|县|市|区|省|镇|乡|级|及|和|与)"
)
_LABEL_HEAD = (
    rf"(?:{UNIT_NOUNS}|{PERSON_NOUNS}|完成时间|完成时限|完成期限|时间节点|时间要求|时间安排"
    r"|时限要求|时限|期限|牵头|配合|参与|协办|责任)"
)
LABEL = re.compile(rf"(?P<label>{_LABEL_PREFIX}*{_LABEL_HEAD})\s*[:：]")
TASK_LABEL = re.compile(
    r"^(?:具体任务|主要任务|重点任务|工作任务|任务内容|工作内容|重点工作|任务)$")


_FOOTER_LABELS = {"主办单位", "承办单位", "主办", "承办"}


def label_role(label: str) -> str | None:
    """The role a label gives the value after it; None for a word that is no role label.
    ``主办单位：`` is a web page's footer (the site's sponsor), never a task's label."""
    if header_key(label) in _FOOTER_LABELS:
        return None
    role = word_role(label)
    return role if role in ("lead", "other", "unit", "leader", "deadline") else None


# -- role verbs after a unit list, marks in a unit cell ----------------------------------------
# A suffix verb governs the units before it: ``A、B牵头`` ``C、D按职责分工负责``, with or
# without a word of manner before it (``做好配合``, ``按职责落实``). A verb that also ends
# deadlines and measures (``持续推进``, ``全面实施``) is a role verb only after a word of
# manner (``具体实施``, ``共同推进``). The longer of two verbs that start alike comes first.
VERBS: tuple[tuple[str, str], ...] = (
    ("牵头负责", "lead"), ("牵头落实", "lead"), ("牵头", "lead"), ("主办", "lead"),
    ("主责", "lead"),
    ("配合", "other"), ("参与", "other"), ("参加", "other"), ("协办", "other"),
    ("协助", "other"), ("协同", "other"),
    ("负责落实", "duty"), ("负责实施", "duty"), ("负责", "duty"), ("汇总", "duty"),
    ("落实", "duty"), ("督促指导", "duty"),
)
MANNER_VERBS: tuple[tuple[str, str], ...] = (("实施", "duty"), ("推进", "duty"),
                                             ("指导", "duty"))
VERB_MANNERS = ("按职责分工分别|按照职责分工|按职责分工|按职能分工|按照职责|按职责|按职能|分工"
                "|分别|具体|共同|组织|统筹|抓好|做好|认真|积极|全力|各自")


def _alternatives(verbs: tuple[tuple[str, str], ...]) -> str:
    return "|".join(re.escape(v) for v, _ in verbs)


VERB = re.compile(rf"(?:{VERB_MANNERS})?(?P<verb>{_alternatives(VERBS)})"
                  rf"|(?:{VERB_MANNERS})(?P<manner_verb>{_alternatives(MANNER_VERBS)})")
_VERB_ROLE = dict(VERBS + MANNER_VERBS)


def verb_role(match: re.Match[str]) -> str:
    """The role a match of VERB gives the units before it."""
    return _VERB_ROLE[match.group("verb") or match.group("manner_verb")]


# A person named in brackets after a unit: 县卫健局（责任人：赵立新）, 市水务局（联系人：李某）
PERSON_ASIDE = re.compile(
    rf"[（(]\s*[\u4e00-\u9fff]{{0,4}}(?:{PERSON_NOUNS})\s*[:：]\s*(?P<persons>[^（）()]{{1,40}})"
    r"[）)]")
# A unit marked inside a cell: 市发改委（牵头）, 市财政局(配合单位)
ROLE_MARK = re.compile(
    rf"\s*[（(【\[]\s*(?P<role>{LEAD_WORDS}|{OTHER_WORDS})(?:{UNIT_NOUNS})?\s*[）)】\]]"
)
# Words that show a text assigns roles (a bracket group of units, not an aside)
ROLE_HINT = re.compile(rf"{LEAD_WORDS}|{OTHER_WORDS}|负责|责任(?:单位|部门)")
# A note glued to a unit or in a header: 列第一位的为牵头单位, 排在首位的为牵头单位
FIRST_UNIT_LEADS = re.compile(
    r"(?:第一|首)(?:位|个|家|名)?的?(?:单位)?(?:为|是)牵头(?:单位)?(?![或和])"
    r"|首位(?:单位)?为牵头|排名第一.{0,4}牵头"
)
# A note on the notice's convention (（排第一位的为牵头单位，下同）), not a unit's mark (（牵头）)
CONVENTION_NOTE = re.compile(
    rf"[（(](?!\s*(?:{LEAD_WORDS}|{OTHER_WORDS})(?:{UNIT_NOUNS})?\s*[）)])"
    r"[^（）()]*(?:牵头|汇总|下同)[^（）()]*[）)]"
)


# The header word each role is written as when a reader builds a grid (labelled items,
# prose items, the cell stream), so the shared row assembly gives the columns their roles.
ROLE_HEADER = {"seq": "序号", "task": "主要任务", "lead": "牵头单位", "other": "配合单位",
               "unit": "责任单位", "deadline": "完成时限", "leader": "责任领导",
               "progress": "进展情况", "remarks": "备注", "measure": "工作措施",
               "section": "类别"}
ITEM_HEADER = tuple(ROLE_HEADER[r] for r in ("seq", "task", "lead", "other", "deadline",
                                             "leader", "remarks"))


def mark_role(word: str) -> str:
    """``牵头`` -> lead, ``配合`` / ``参与`` … -> other (a role mark's word)."""
    return "lead" if _LEAD.search(simplified(word)) else "other"
