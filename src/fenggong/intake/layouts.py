"""Blocks of a plan → its headings and task rows, whatever the layout: a table whose header
names the fields in the document's own words, or paragraphs (a task line followed by label
lines such as 牵头单位：…, or ending in an inline note such as （牵头单位：…；责任单位：…）).
Headers and labels are matched to fields by meaning, not spelling."""

from __future__ import annotations

import re

from fenggong.errors import UsageError
from fenggong.intake.cells import FIRST_LEADS_RULE
from fenggong.intake.meta import read_meta
from fenggong.intake.parsed import Parsed, Row
from fenggong.intake.parts import join_parts, left_out
from fenggong.intake.roles import (
    FIELD_NAMES,
    Field,
    field_of,
    inline_note,
    labelled,
    listed_rule,
    resolve,
)
from fenggong.intake.sources import Line, Source, Table
from fenggong.intake.table_rows import CATEGORY, PAREN_CN, heading_leader, table_rows
from fenggong.intake.tables import find_header, join_tables, lines_above, rejoin_header

__all__ = ["CATEGORY", "FIELD_NAMES", "PAREN_CN", "Field", "Parsed", "Row", "field_of"]


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


_NUMBERED = re.compile(r"^(\d{1,6})\s*[.．、]\s*(.+)$")
_PAREN_NUM = re.compile(r"^[（(]\s*(\d{1,6})\s*[）)]\s*(.+)$")
_LABEL = re.compile(r"^([\u4e00-\u9fff]{2,10})\s*[:：]\s*(.*)$")


def recognise(source: Source, overrides: dict[str, Field] | None = None) -> Parsed:
    """The plan's rows: from its first table with a recognisable header (tables continued
    after a page break joined), else from its paragraphs; `UsageError` (quoting the first
    lines) when neither is found."""
    overrides = overrides or {}
    first_leads = any(
        FIRST_LEADS_RULE.search(b.text)
        if isinstance(b, Line)
        else any(FIRST_LEADS_RULE.search(c) for r in b.rows for c in r)
        for b in source.blocks
    )
    blocks = join_parts(
        tuple(
            rejoin_header(b, overrides) if isinstance(b, Table) else b
            for b in join_tables(source.blocks)
        )
    )
    for at, block in enumerate(blocks):
        if isinstance(block, Table) and (header := find_header(block, overrides)) is not None:
            above = [b.text for b in blocks[:at] if isinstance(b, Line)]
            above += [b.text for b in lines_above(block, header)]
            lead_in = _lead_in(above)
            meta = read_meta(above[: len(above) - len([h for h in lead_in if h])])
            rows, notes = table_rows(block, header, lead_in)
            notes += left_out(blocks, at)
            notes += [
                f"{other.places[0]}：这个表格（{len(other.rows)} 行）"
                + (
                    "认不出表头"
                    if find_header(other, overrides) is None
                    else "与读入的表格列数不同或之间隔着正文"
                )
                + "，没有读入，请核对"
                for other in blocks
                if isinstance(other, Table)
                and other is not block
                and sum(1 for r in other.rows if any(c.strip() for c in r)) > 1
            ]
            named = [
                (f"{p}/{n}" if p else n, f)
                for n, p, f in zip(header.names, header.parents, header.fields, strict=True)
                if n
            ]
            why = tuple(
                (named_as, header.why[i])
                for i, (named_as, _) in enumerate(named)
                if i in header.why
            ) + tuple(listed_rule(named, first_leads).items())
            title = str(meta.get("title", ""))
            columns = {n or f"第{i + 1}列" for i, n in enumerate(header.names)}
            labels = frozenset(n for r in rows for n, _ in r.extras if n not in columns)
            return Parsed(
                "表格",
                title,
                tuple(rows),
                tuple(named),
                first_leads,
                meta,
                tuple(notes),
                why,
                labels,
            )
    lines = [b for b in blocks if isinstance(b, Line)]
    parsed = _paragraphs(lines, overrides, first_leads)
    if parsed.rows:
        return parsed
    quoted = " / ".join(f"「{s}」" for s in _first_lines(source)) or "（文件是空的）"
    raise UsageError(
        "认不出方案的格式：找的是带「任务」「牵头单位」「责任单位」等表头的表格，或「1.任务」"
        f"后跟「牵头单位：…」的段落；文件开头是：{quoted}"
    )


def _first_lines(source: Source, count: int = 3) -> list[str]:
    """The file's first lines as a reader sees them: a table's rows one by one, each cell
    once (a title merged across a sheet's columns is one title) and cut at 40 characters."""
    lines: list[str] = []
    for block in source.blocks:
        rows = [(block.text,)] if isinstance(block, Line) else block.rows
        for row in rows:
            cells = list(dict.fromkeys(c.strip() for c in row if c.strip()))
            if cells and len(lines) < count:
                text = " | ".join(cells)
                lines.append(text if len(text) <= 40 else f"{text[:40]}…")
        if len(lines) >= count:
            break
    return lines


def _lead_in(above: list[str]) -> tuple[str, str]:
    """The category and section headings typed just above a table's header (一、…, then
    perhaps （一）…): the table's first rows are under them."""
    category = section = ""
    for text in reversed(above[-2:]):
        if PAREN_CN.match(text) and len(text) < 60 and not section and not category:
            section = text
        elif CATEGORY.match(text) and len(text) < 60 and not category:
            category = text
        else:
            break
    return category, section


class _Task:
    """A task being read from paragraphs: its labels and values as the document gives them."""

    def __init__(self, where: str, number: str, text: str) -> None:
        self.where, self.number, self.text = where, number, text
        self.pairs: list[tuple[str, str]] = []

    def row(
        self,
        overrides: dict[str, Field],
        labels: dict[str, Field],
        heading: tuple[str, str, str],
        why: dict[str, str],
    ) -> Row:
        names = [label for label, _ in self.pairs]
        fields, reasons = resolve(names, [overrides.get(n, field_of(n)) for n in names])
        cells: dict[Field, str] = {}
        extras: list[tuple[str, str]] = []
        for at, ((label, value), field) in enumerate(zip(self.pairs, fields, strict=True)):
            labels[label] = field
            if at in reasons and label not in overrides:
                why[label] = reasons[at]
            if field is Field.EXTRA:
                extras.append((label, value))
            elif cells.get(field) and value:
                cells[field] = f"{cells[field]}、{value}"
            else:
                cells[field] = value
        category, section, leader = heading
        return Row(
            self.where, self.number, self.text, cells, tuple(extras), category, section, leader
        )


def _label_pairs(text: str) -> list[tuple[str, str]]:
    """A label line's (label, value) pairs: several role labels run on in one line
    (牵头领导：A 责任单位：B), or one label of any kind."""
    pairs = labelled(text)
    if pairs and text.startswith(pairs[0][0]):
        return pairs
    label = _LABEL.match(text)
    return [(label[1], label[2].strip())] if label else []


def _paragraphs(lines: list[Line], overrides: dict[str, Field], first_leads: bool) -> Parsed:
    rows: list[Row] = []
    labels: dict[str, Field] = {}
    why: dict[str, str] = {}
    category = section = leader = ""
    task: _Task | None = None
    heading_at: tuple[str, str, str] = ("", "", "")
    first_at = len(lines)

    def close() -> None:
        nonlocal task
        if task is not None and (task.pairs or rows):
            rows.append(task.row(overrides, labels, heading_at, why))
        task = None

    for index, line in enumerate(lines):
        text = line.text
        pairs = _label_pairs(text) if task is not None else []
        if pairs and overrides.get(pairs[0][0], field_of(pairs[0][0])) is not Field.TEXT:
            assert task is not None
            task.pairs += pairs
            continue
        number, body = _task_start(text, lines[index + 1].text if index + 1 < len(lines) else "")
        if number is not None:
            close()
            first_at = min(first_at, index)
            task = _Task(line.where, number, body)
            heading_at = (category, section, leader)
            if (note := inline_note(body)) is not None:
                task.text, task.pairs = note[0], list(note[1])
            continue
        if CATEGORY.match(text) is not None and len(text) < 60:
            close()
            first_at = min(first_at, index)
            category, section = text, ""
            leader = heading_leader(text)
            continue
        if PAREN_CN.match(text) and len(text) < 60:
            close()
            section = text
            leader = heading_leader(text) or heading_leader(category)
            continue
        if task is not None and not task.pairs:
            task.text += text  # the task's paragraph went on
    close()
    meta = read_meta([line.text for line in lines[:first_at]])
    title = str(meta.get("title", ""))
    mapping = list(labels.items())
    reasons = tuple(why.items()) + tuple(listed_rule(mapping, first_leads).items())
    return Parsed("段落", title, tuple(rows), tuple(mapping), first_leads, meta, (), reasons)


def _task_start(text: str, following: str) -> tuple[str | None, str]:
    """The task's number and text if the line starts a task: a numbered line with an inline
    note or followed by a label line (（一） alone is a section heading)."""
    for pattern in (_NUMBERED, _PAREN_NUM, PAREN_CN):
        match = pattern.match(text)
        if match is None:
            continue
        number = match[0][: match.start(2)].strip()
        is_task = inline_note(match[2]) is not None or (
            (label := _LABEL.match(following)) is not None and field_of(label[1]) is not Field.EXTRA
        )
        if pattern is not PAREN_CN or is_task:
            return (number if pattern is PAREN_CN else match[1]), match[2].strip()
    return None, text
