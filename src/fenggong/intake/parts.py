"""A plan's table in parts → one table: the part after a heading (二、…, （一）…) that repeats
the header or goes straight on with task rows is the same table, the headings between
become its heading rows, and a labelled line pasted after a row (省牵头单位:X, a cell's
second line that lost its tab) becomes the row's own; lines after the table that read as
tasks or headings are listed for review, never dropped unsaid."""

from __future__ import annotations

import re

from fenggong.intake.grammar import UNIT_END
from fenggong.intake.roles import Field, field_of
from fenggong.intake.sources import Block, Line, Table
from fenggong.intake.tables import same_header, squeeze

_CN = "一二三四五六七八九十百"
#: A heading line: 一、…, 二．…, （一）…, (二)….
HEADING = re.compile(rf"^\s*(?:[{_CN}]+\s*[、．.]|[（(]\s*[{_CN}]+\s*[）)])\s*\S")
#: A labelled line: 省牵头单位:省农业农村厅, 配合单位：市财政局.
_LABELLED = re.compile(r"^\s*([\u4e00-\u9fff]{2,10})\s*[:：]\s*(\S.*?)\s*$")
_ROLE_FIELDS = frozenset({Field.LEAD, Field.RELATED, Field.COMBINED, Field.LEADERS})
#: How many lines may stand between two parts of one table (a part's heading and a
#: section heading, or a cell's last line before them).
_MAX_BETWEEN = 4
_TASK_LINE = re.compile(r"^\s*(?:\d{1,4}\s*[.．、]|[（(]\s*\d{1,4}\s*[）)])\s*\S")


def is_heading(text: str) -> bool:
    """True for a heading line short enough to be one (一、…, （一）…)."""
    return HEADING.match(text) is not None and len(text.strip()) < 60


def role_label(text: str) -> tuple[str, str] | None:
    """(label, value) of a line that names a role by a label (省牵头单位:省农业农村厅), else None."""
    match = _LABELLED.match(text)
    if match is None or field_of(match[1]) not in _ROLE_FIELDS:
        return None
    return match[1], match[2]


def is_unit_list(text: str) -> bool:
    """True for a line that holds nothing but unit names (市商务局、市发改委)."""
    pieces = [p for p in re.split(r"[、，,；;\s]+", text) if p]
    return bool(pieces) and all(UNIT_END.search(p) for p in pieces)


def join_parts(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Parts of one table joined: a table, at most a few heading or labelled lines, then a
    table as wide that repeats the first one's header or starts with a task row; labelled
    lines right after a table kept as its rows."""
    out: list[Block] = []
    at = 0
    while at < len(blocks):
        block = blocks[at]
        at += 1
        if not isinstance(block, Table) or not block.rows:
            out.append(block)
            continue
        rows, places = list(block.rows), list(block.places)
        while at < len(blocks):
            between: list[Line] = []
            end = at
            while end < len(blocks) and isinstance(line := blocks[end], Line):
                between.append(line)
                end += 1
            after = blocks[end] if end < len(blocks) else None
            if (
                isinstance(after, Table)
                and 0 < len(between) <= _MAX_BETWEEN
                and all(is_heading(b.text) or role_label(b.text) for b in between)
                and _width(after) == _width(block)
                and (_repeats_header(after, rows) or _starts_with_task(after))
            ):
                rows += [(b.text,) for b in between] + list(after.rows)
                places += [b.where for b in between] + list(after.places)
                at = end + 1
                continue
            # A labelled line right after the table's last row: that row's cell went on.
            while at < len(blocks) and isinstance(line := blocks[at], Line):
                if role_label(line.text) is None:
                    break
                rows.append((line.text,))
                places.append(line.where)
                at += 1
            break
        out.append(Table(tuple(rows), tuple(places)))
    return tuple(out)


def _width(table: Table) -> int:
    return max((len(r) for r in table.rows[:3]), default=0)


def _repeats_header(table: Table, rows: list[tuple[str, ...]]) -> bool:
    """True when the table's first row is one of the first rows of `rows` typed again."""
    first = table.rows[0]
    if len({squeeze(c) for c in first if c.strip()}) < 2:
        return False
    return any(same_header(first, row) for row in rows[:8])


def _starts_with_task(table: Table) -> bool:
    """True when the table's first row is a task row (its first cell a number)."""
    first = table.rows[0][0].strip() if table.rows[0] else ""
    return first.rstrip("*＊").isdecimal() and len(table.rows[0]) > 1


def left_out(blocks: tuple[Block, ...], at: int) -> list[str]:
    """Lines after the table read (blocks[at]) that read as a task, a heading or a role:
    listed for review."""
    notes = []
    for block in blocks[at + 1 :]:
        if isinstance(block, Line) and (
            _TASK_LINE.match(block.text) or is_heading(block.text) or role_label(block.text)
        ):
            shown = block.text[:40] + ("…" if len(block.text) > 40 else "")
            notes.append(f"{block.where}：表格之后的「{shown}」没有读入，请核对")
    return notes
