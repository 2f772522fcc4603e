"""The words offices use for a task's roles → fields: column headers and labels
(民生实事, 主要责任单位, 协同配合单位, …), which of 责任单位 and 配合单位 leads when a plan
has no 牵头单位, and role notes written inline — labelled (（牵头单位：X；配合单位：Y）, or
labels run on in one line), or as a sentence (（X、Y主办，Z协办）, （X、Y等负责）,
（X牵头，Y配合）, X、Y分别牵头)."""

from __future__ import annotations

import functools
import re
from enum import StrEnum
from typing import NamedTuple

from fenggong.intake.grammar import UNIT_END


class Field(StrEnum):
    """What a column or a label holds."""

    NUMBER = "number"
    TEXT = "text"
    LEADERS = "leaders"
    LEAD = "lead"
    RELATED = "related"
    #: Lead and related units in one sentence: X牵头，Y、Z配合.
    COMBINED = "combined"
    CATEGORY = "category"
    SECTION = "section"
    #: A section id as fenggong writes it (3.2), from an exported CSV.
    SECTION_ID = "section_id"
    #: The document's own task number when it is not the id, from an exported CSV.
    DOC_NUMBER = "doc_number"
    #: Kept per task under the document's own name (完成时限, 指标要求, …).
    EXTRA = "extra"


#: How `--map` and messages name the fields in Chinese.
FIELD_NAMES = {
    Field.NUMBER: "序号",
    Field.TEXT: "任务",
    Field.LEADERS: "责任领导",
    Field.LEAD: "牵头单位",
    Field.RELATED: "相关责任单位",
    Field.COMBINED: "部门分工",
    Field.CATEGORY: "大类",
    Field.SECTION: "大项",
    Field.SECTION_ID: "大项编号",
    Field.DOC_NUMBER: "原文编号",
    Field.EXTRA: "其他列",
}
_TEXT_HEADERS = (
    "任务", "任务名称", "重点任务", "目标与任务", "主要任务", "工作任务", "具体任务", "重点工作",
    "工作内容", "主要工作", "重点工作任务", "工作任务及目标", "目标任务", "任务内容", "工作事项",
    "民生实事", "民生实事项目", "实事项目", "项目名称", "事项", "重点事项", "工作目标任务",
)  # fmt: skip
#: Columns whose text belongs to the task's text (项目名称 + 主要内容).
DETAIL_HEADERS = ("主要内容", "建设内容", "具体内容", "建设内容及规模", "主要建设内容")
_NUMBER_HEADERS = ("序号", "编号", "序", "任务序号", "项目序号")
#: A remark in brackets closing a header: （杭州市2项配合工作）, (单位).
_REMARK = re.compile(r"[（(\[【][^（()）\[\]【】]*[）)\]】]$")
#: Words that make a unit column (or label) the co-operating units.
_PARTNER = ("配合", "协办", "参与", "协同", "协助")
#: Words that make a unit column the lead (besides 牵头).
_LEADING = ("主要责任", "主办", "主责", "牵头")


def field_of(header: str) -> Field:
    """The field a header or label names, by meaning (分 管 县领导 → leaders); a remark in
    brackets after the head word (重点工作任务（杭州市2项配合工作）) leaves it to the head word."""
    h = re.sub(r"\s+", "", header).strip("：:")
    head = _REMARK.sub("", h)
    if head and head != h and (field := field_of(head)) is not Field.EXTRA:
        return field
    if h in _NUMBER_HEADERS:
        return Field.NUMBER
    if h in _TEXT_HEADERS:
        return Field.TEXT
    if h in _LEAD_VERBS:  # a role word standing alone: 主办, 牵头 (as an inline note says)
        return Field.LEAD
    if h in _PARTNER_VERBS:
        return Field.RELATED
    if "领导" in h or h in ("责任人", "县级责任人", "市级责任人", "包抓领导"):
        return Field.LEADERS
    if "分工" in h:
        return Field.COMBINED
    if any(w in h for w in _PARTNER) and ("单位" in h or "部门" in h or len(h) <= 3):
        return Field.RELATED
    if h.startswith(_LEADING) and ("单位" in h or "部门" in h or len(h) <= 3):
        return Field.LEAD
    if "牵头" in h and ("单位" in h or "部门" in h):
        return Field.LEAD
    if "单位" in h or "部门" in h or "责任主体" in h:
        return Field.RELATED
    if h in ("大类", "大类名称", "类别", "一级标题"):
        return Field.CATEGORY
    if h == "大项编号":
        return Field.SECTION_ID
    if h == "原文编号":
        return Field.DOC_NUMBER
    if h in ("大项", "小标题", "二级标题", "项目"):
        return Field.SECTION
    return Field.EXTRA


def is_partner(header: str) -> bool:
    """True for a 配合/协办/参与 column or label (the co-operating units)."""
    return any(w in header for w in _PARTNER)


def resolve(names: list[str], fields: list[Field]) -> tuple[list[Field], dict[int, str]]:
    """Fields of a row of headers (or a task's labels) with the plan's rule applied, and why
    any field differs from its header word: with 责任单位 and 配合单位 but no 牵头单位 the
    责任单位 leads."""
    out = list(fields)
    why: dict[int, str] = {}
    for i, name in enumerate(names):
        if name.endswith("负责") and out[i] is not Field.RELATED and Field.LEAD in out[:i]:
            out[i] = Field.RELATED  # X牵头，Y按职责分工负责
            why[i] = f"跟在「{names[out.index(Field.LEAD)]}」后面，算相关责任单位"
    if Field.LEAD in out or Field.COMBINED in out:
        return out, why
    partners = [i for i, f in enumerate(out) if f is Field.RELATED and is_partner(names[i])]
    owners = [i for i, f in enumerate(out) if f is Field.RELATED and not is_partner(names[i])]
    if partners and owners:
        out[owners[0]] = Field.LEAD
        why[owners[0]] = f"有「{names[partners[0]]}」、没有牵头单位，由它牵头"
    return out, why


def listed_rule(mapping: list[tuple[str, Field]], first_leads: bool) -> dict[str, str]:
    """Why the units of a plan without a lead column or label lead: the first listed (the
    plan says so) or all of them; by header or label."""
    fields = {f for _, f in mapping}
    if Field.LEAD in fields or Field.COMBINED in fields:
        return {}
    rule = (
        "原文说列第一位者牵头，其余为相关责任单位"
        if first_leads
        else "没有牵头单位列，所列单位都算牵头"
    )
    return {name: rule for name, f in mapping if f is Field.RELATED}


class Roles(NamedTuple):
    """Lead and related units as one sentence names them, before splitting."""

    lead: str
    related: str
    #: Every listed unit leads (X、Y分别牵头).
    each_leads: bool = False
    #: The words that gave the roles (主办, 协办), shown as the labels they stand for.
    lead_word: str = "牵头"
    related_word: str = "配合"


_LEAD_VERBS = ("分别牵头", "分别负责", "牵头负责", "牵头", "主办", "负责", "主责")
_PARTNER_VERBS = ("配合", "协办", "参与", "协助", "协同")
_CLAUSE = re.compile(r"[，,；;。]")


@functools.lru_cache(maxsize=4096)
def sentence_roles(text: str) -> Roles | None:
    """（X、Y主办，Z协办） → lead X、Y, related Z; X、Y等负责 → lead X、Y等; None when a clause
    names no role verb (the text is not such a sentence)."""
    leads: list[str] = []
    related: list[str] = []
    pending: list[str] = []
    each = False
    words = {"lead": "", "related": ""}
    clauses = [c.strip() for c in _CLAUSE.split(text) if c.strip()]
    if not clauses:
        return None
    for clause in clauses:
        verb = next((v for v in _LEAD_VERBS if clause.endswith(v)), None)
        into, role = leads, "lead"
        if verb is None:
            verb = next((v for v in _PARTNER_VERBS if clause.endswith(v)), None)
            into, role = related, "related"
        if verb is None:
            pending.append(clause)  # a list cut by a comma: it takes the next clause's role
            continue
        names = re.sub(r"(?:按职责分工|按职责|分别)$", "", clause.removesuffix(verb).strip())
        if into is leads and leads and verb == "负责":
            # X牵头，Y、Z按职责分工负责: the later ones share the work, named as written
            into, role, verb = related, "related", clause.removeprefix(names).strip()
        if not names and not pending:
            return None
        each = each or verb.startswith("分别")
        words[role] = words[role] or verb
        into.extend([*pending, names] if names else pending)
        pending = []
    if pending or not leads:
        return None
    return Roles(
        "、".join(leads), "、".join(related), each, words["lead"], words["related"] or "配合"
    )


#: A role label anywhere in a line: 牵头领导：A 责任单位：B 配合单位：C.
_LABEL_ANYWHERE = re.compile(
    r"([\u4e00-\u9fff]{0,6}(?:领导|单位|部门|分工|牵头|主办|协办|配合|责任人))\s*[:：]"
)


def labelled(text: str) -> list[tuple[str, str]]:
    """The (label, value) pairs of a line or note with role labels anywhere in it."""
    found = list(_LABEL_ANYWHERE.finditer(text))
    pairs = []
    for at, match in enumerate(found):
        end = found[at + 1].start() if at + 1 < len(found) else len(text)
        value = text[match.end() : end].strip().strip("；;，,。 \u3000")
        pairs.append((match[1], value))
    return pairs


_NOTE_AT_END = re.compile(
    r"[（(\[【]([^（(\[【]*?(?:[（(][^）)]*[）)][^（(\[【]*?)*)[）)\]】]\s*[。；;]?$"
)


def inline_note(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """A task line ending in a note of its roles → (the text before it, (label, value)
    pairs); a sentence note (X主办，Y协办) gives the labels 牵头单位 and 配合单位."""
    match = _NOTE_AT_END.search(text)
    if match is None:
        return _labels_after(text)
    note = match[1]
    before = text[: match.start()].rstrip()
    if pairs := labelled(note):
        return before, pairs
    roles = sentence_roles(note)
    if roles is None:
        pieces = [p for p in re.split(r"[、，,；;]", note) if p.strip()]
        if pieces and all(UNIT_END.search(p.strip()) for p in pieces):
            return before, [("责任单位", note)]  # （市发改委、市统计局）: units alone
        return None
    lead = roles.lead + ("分别牵头" if roles.each_leads else "")
    related = [(roles.related_word, roles.related)] if roles.related else []
    return before, [(roles.lead_word, lead), *related]


def _labels_after(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """A task line with its role labels after the text, no parentheses: 新建幼儿园3所。
    责任单位：县教育局."""
    found = _LABEL_ANYWHERE.search(text)
    if found is None or found.start() == 0 or field_of(found[1]) in (Field.EXTRA, Field.TEXT):
        return None
    return text[: found.start()].rstrip("，,；; \u3000"), labelled(text[found.start() :])
