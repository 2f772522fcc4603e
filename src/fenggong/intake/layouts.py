"""Blocks of a plan → its headings and task rows, whatever the layout: a table whose header
names the fields in the document's own words, or paragraphs (a task line followed by label
lines such as 牵头单位：…, or ending in an inline note such as （牵头单位：…；责任单位：…）).
Headers and labels are matched to fields by meaning, not spelling."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import NamedTuple

from fenggong.errors import UsageError
from fenggong.intake.sources import Block, Line, Source, Table


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
)  # fmt: skip
_NUMBER_HEADERS = ("序号", "编号", "序", "任务序号", "项目序号")


def field_of(header: str) -> Field:
    """The field a header or label names, by meaning (分 管 县领导 → leaders)."""
    h = re.sub(r"\s+", "", header).strip("：:")
    if h in _NUMBER_HEADERS:
        return Field.NUMBER
    if h in _TEXT_HEADERS:
        return Field.TEXT
    if "领导" in h:
        return Field.LEADERS
    if "分工" in h:
        return Field.COMBINED
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


def parse_mapping(pairs: list[str]) -> dict[str, Field]:
    """`--map 表头=字段` pairs as header → field (字段 in Chinese or as the field's key)."""
    by_name = {name: field for field, name in FIELD_NAMES.items()} | {f.value: f for f in Field}
    out: dict[str, Field] = {}
    for pair in pairs:
        header, _, name = pair.replace("＝", "=").partition("=")
        field = by_name.get(name.strip())
        if not header.strip() or field is None:
            known = "、".join(FIELD_NAMES.values())
            raise UsageError(f"--map「{pair}」应写成 表头=字段，字段是 {known} 之一")
        out[re.sub(r"\s+", "", header)] = field
    return out


class Row(NamedTuple):
    """One task as the document writes it, cells not yet split into names."""

    where: str
    number: str
    text: str
    cells: dict[Field, str]
    #: The document's other columns or labels, in its order.
    extras: tuple[tuple[str, str], ...]
    category: str
    section: str
    #: A leader named by the heading the task sits under (一、于会游市长主抓重点工作).
    heading_leader: str


class Parsed(NamedTuple):
    """What the layout recognition found."""

    layout: str
    title: str
    rows: tuple[Row, ...]
    #: For tables: each header and the field it became; for paragraphs: each label seen.
    mapping: tuple[tuple[str, Field], ...]
    #: The document says the first unit listed leads (列第一位者为牵头).
    first_leads: bool


_CN = "一二三四五六七八九十百"
CATEGORY = re.compile(rf"^([{_CN}]+)\s*[、．.]\s*(.+)$")
PAREN_CN = re.compile(rf"^[（(]\s*([{_CN}]+)\s*[）)]\s*(.+)$")
_NUMBERED = re.compile(r"^(\d{1,6})\s*[.．、]\s*(.+)$")
_PAREN_NUM = re.compile(r"^[（(]\s*(\d{1,6})\s*[）)]\s*(.+)$")
_LABEL = re.compile(r"^([\u4e00-\u9fff]{2,10})\s*[:：]\s*(.*)$")
_NOTE = re.compile(
    r"[（(\[【]([^（(\[【]*?(?:单位|领导|部门|分工)\s*[:：][^\]】]*)[）)\]】]\s*[。；;]?$"
)
_HEADING_LEADER = re.compile(
    r"^([\u4e00-\u9fff]{2,3}?)(?:常务)?副?(?:省长|市长|县长|区长|镇长|主席|书记|主任)"
    r"(?:主抓|牵头|分管|负责|领衔)"
)
FIRST_LEADS = re.compile(r"列第一位(?:者|的)?为牵头")


def recognise(source: Source, overrides: dict[str, Field] | None = None) -> Parsed:
    """The plan's rows: from its first table with a recognisable header, else from its
    paragraphs; `UsageError` (quoting the first lines) when neither is found."""
    overrides = overrides or {}
    first_leads = any(
        FIRST_LEADS.search(b.text)
        if isinstance(b, Line)
        else any(FIRST_LEADS.search(c) for r in b.rows for c in r)
        for b in source.blocks
    )
    title = next((b.text for b in source.blocks if isinstance(b, Line)), "")
    for block in source.blocks:
        if isinstance(block, Table) and (parsed := _table(block, overrides, title, first_leads)):
            return parsed
    parsed = _paragraphs(source.blocks, overrides, title, first_leads)
    if parsed.rows:
        return parsed
    seen = [
        b.text if isinstance(b, Line) else "\t".join(b.rows[0])
        for b in source.blocks[:3]
        if isinstance(b, Line) or b.rows
    ]
    quoted = " / ".join(f"「{s[:40]}」" for s in seen) or "（文件是空的）"
    raise UsageError(
        "认不出方案的格式：找的是带「任务」「牵头单位」「责任单位」等表头的表格，或「1.任务」"
        f"后跟「牵头单位：…」的段落；文件开头是：{quoted}"
    )


def _table(
    table: Table, overrides: dict[str, Field], title: str, first_leads: bool
) -> Parsed | None:
    for at, header in enumerate(table.rows[:6]):
        fields = [
            overrides.get(re.sub(r"\s+", "", h), field_of(h)) if h.strip() else Field.EXTRA
            for h in header
        ]
        if Field.TEXT not in fields or not {
            Field.LEAD,
            Field.RELATED,
            Field.COMBINED,
            Field.LEADERS,
        } & set(fields):
            continue
        text_at = fields.index(Field.TEXT)
        # fenggong's own CSV has 大类 (a number) beside 大类名称: the name is the heading.
        names = [re.sub(r"\s+", "", h) for h in header]
        skipped = {names.index("大类")} if "大类名称" in names and "大类" in names else set()
        for i in skipped:
            fields[i] = Field.EXTRA
        # A field named twice keeps its first column; the others are extra columns.
        for i, f in enumerate(fields):
            if f is not Field.EXTRA and fields.index(f) != i:
                fields[i] = Field.EXTRA
        rows, category, section = [], "", ""
        for raw, where in zip(table.rows[at + 1 :], table.places[at + 1 :], strict=True):
            cells = tuple(map(_unquoted, raw)) + ("",) * (len(fields) - len(raw))
            values: dict[Field, str] = {
                f: cells[i].strip() for i, f in enumerate(fields) if f is not Field.EXTRA
            }
            filled = [c.strip() for c in cells if c.strip()]
            if filled and len(set(filled)) == 1 and (len(filled) > 1 or not values.get(Field.TEXT)):
                # A heading row: one cell, or one merged across the table.
                category, section = _heading(filled[0], category, section)
                continue
            if not values.get(Field.TEXT):
                continue
            category = values.get(Field.CATEGORY) or category
            section = values.get(Field.SECTION) or section
            extras = tuple(
                (re.sub(r"\s+", "", header[i]) or f"第{i + 1}列", cells[i].strip())
                for i, f in enumerate(fields)
                if f is Field.EXTRA and i not in skipped and i < len(header) and cells[i].strip()
            )
            number = values.get(Field.DOC_NUMBER) or values.get(Field.NUMBER, "")
            text = cells[text_at].strip()
            leader = heading_leader(category)
            rows.append(Row(where, number, text, values, extras, category, section, leader))
        mapping = tuple(
            (re.sub(r"\s+", "", h), f) for h, f in zip(header, fields, strict=False) if h.strip()
        )
        return Parsed("表格", title, tuple(rows), mapping, first_leads)
    return None


def _unquoted(cell: str) -> str:
    """A cell as typed: the ' that spreadsheets and CSV exports put before =, +, -, @ goes."""
    return (
        cell[1:] if cell.startswith("'") and cell[1:2] in ("=", "+", "-", "@", "\t", "\r") else cell
    )


def _heading(text: str, category: str, section: str) -> tuple[str, str]:
    if PAREN_CN.match(text):
        return category, text
    return text, ""


class _Task:
    """A task being read from paragraphs."""

    def __init__(self, where: str, number: str, text: str) -> None:
        self.where, self.number, self.text = where, number, text
        self.cells: dict[Field, str] = {}
        self.extras: list[tuple[str, str]] = []


def _paragraphs(
    blocks: tuple[Block, ...], overrides: dict[str, Field], title: str, first_leads: bool
) -> Parsed:
    lines = [b for b in blocks if isinstance(b, Line)]
    rows: list[Row] = []
    labels: dict[str, Field] = {}
    category = section = leader = ""
    task: _Task | None = None
    heading_at: tuple[str, str, str] = ("", "", "")

    def close() -> None:
        nonlocal task
        if task is not None and (task.cells or rows or _has_note(task.text)):
            cat, sec, lead = heading_at
            rows.append(
                Row(
                    task.where,
                    task.number,
                    task.text,
                    task.cells,
                    tuple(task.extras),
                    cat,
                    sec,
                    lead,
                )
            )
        task = None

    for index, line in enumerate(lines):
        text = line.text
        label = _LABEL.match(text)
        if (
            label
            and task is not None
            and (field := overrides.get(label[1], field_of(label[1]))) is not Field.TEXT
        ):
            labels[label[1]] = field
            if field is Field.EXTRA:
                task.extras.append((label[1], label[2].strip()))
            else:
                task.cells[field] = label[2].strip()
            continue
        number, body = _task_start(text, lines[index + 1].text if index + 1 < len(lines) else "")
        if number is not None:
            close()
            task = _Task(line.where, number, body)
            heading_at = (category, section, leader)
            note = _NOTE.search(body)
            if note:
                task.text = body[: note.start()].rstrip()
                for part in re.split(r"[；;]", note[1]):
                    if (m := _LABEL.match(part.strip())) is not None:
                        field = overrides.get(m[1], field_of(m[1]))
                        labels[m[1]] = field
                        task.cells[field] = m[2].strip()
            continue
        if CATEGORY.match(text) is not None and len(text) < 60:
            close()
            category, section = text, ""
            leader = heading_leader(text)
            continue
        if PAREN_CN.match(text) and len(text) < 60:
            close()
            section = text
            continue
        if task is not None and not task.cells:
            task.text += text  # the task's paragraph went on
    close()
    return Parsed("段落", title, tuple(rows), tuple(labels.items()), first_leads)


def heading_leader(heading: str) -> str:
    """The leader a group heading names (一、于会游市长主抓重点工作 → 于会游), or ""."""
    match = CATEGORY.match(heading)
    found = _HEADING_LEADER.match(match[2]) if match else None
    return found[1] if found else ""


def _task_start(text: str, following: str) -> tuple[str | None, str]:
    """The task's number and text if the line starts a task: a numbered line with an inline
    note or followed by a label line (（一） alone is a section heading)."""
    for pattern in (_NUMBERED, _PAREN_NUM, PAREN_CN):
        match = pattern.match(text)
        if match is None:
            continue
        number = match[0][: match.start(2)].strip()
        is_task = _has_note(match[2]) or (
            (label := _LABEL.match(following)) is not None and field_of(label[1]) is not Field.EXTRA
        )
        if pattern is not PAREN_CN or is_task:
            return (number if pattern is not _NUMBERED else match[1]), match[2].strip()
    return None, text


def _has_note(text: str) -> bool:
    return _NOTE.search(text) is not None
