"""Tables as offices make them → one table with one header: header rows combined (the
child's name under a merged parent, the parent kept as context), a table continued after
a page break joined to the one before, header rows typed again dropped, title lines typed
above the header in a sheet taken out as lines, and rows of pasted text that a line break
inside a cell split joined again."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from fenggong.intake.roles import Field, field_of, resolve
from fenggong.intake.sources import Block, Line, Table

#: Fields that make a header row a task table's header (besides the task text).
_ROLE_FIELDS = frozenset({Field.LEAD, Field.RELATED, Field.COMBINED, Field.LEADERS})
_SENTENCE = re.compile(r"[。，,；;]")


class Header(NamedTuple):
    """A table's header: where it starts, how many rows it spans, and per column its name
    (the child's under a merged parent), the parent's name, the field and why."""

    at: int
    depth: int
    names: tuple[str, ...]
    parents: tuple[str, ...]
    fields: tuple[Field, ...]
    why: dict[int, str]


def squeeze(text: str) -> str:
    """A header cell without spaces or line breaks (序　号, 牵头\n单位)."""
    return re.sub(r"\s+", "", text)


def find_header(table: Table, overrides: dict[str, Field]) -> Header | None:
    """The first header in the table's first rows that names the task and a role."""
    for at, row in enumerate(table.rows[:8]):
        if len({squeeze(c) for c in row if c.strip()}) < 2:
            continue  # a title typed across the columns, or an empty row
        depth = 1
        while (
            at + depth < len(table.rows)
            and depth < 3
            and _continues(table.rows[at + depth - 1], table.rows[at + depth])
        ):
            depth += 1
        names, parents = _combined(table.rows[at : at + depth])
        if depth == 1 and at + 1 < len(table.rows):
            spanned = _spanned(row, table.rows[at + 1])
            if spanned is not None:
                depth, (names, parents) = 2, spanned
        fields = [overrides.get(n, field_of(n)) if n else Field.EXTRA for n in names]
        if Field.TEXT not in fields or not _ROLE_FIELDS & set(fields):
            continue
        fields, why = resolve(names, fields)
        return Header(at, depth, tuple(names), tuple(parents), tuple(fields), why)
    return None


def rejoin_header(table: Table, overrides: dict[str, Field]) -> Table:
    """The table with a header row of pasted text that a line break inside a cell split
    (序号 任务 牵头 / 单位 配合单位) joined again, when that makes the header as wide as the
    table's rows (a header read whole already stays: 责任分工 over 牵头单位 配合单位)."""
    rows = table.rows
    widths = [len(r) for r in rows if len(r) > 1]
    width = max(set(widths), key=widths.count) if widths else 0
    for at in range(min(len(rows) - 1, 8)):
        row, piece = rows[at], rows[at + 1]
        if (
            not row
            or not piece
            or len(row) + len(piece) - 1 != width
            or not all(map(_header_word, (*row, *piece)))
        ):
            continue
        joined = (*row[:-1], squeeze(row[-1]) + squeeze(piece[0]), *piece[1:])
        fixed = Table(
            (*rows[:at], joined, *rows[at + 2 :]),
            (*table.places[: at + 1], *table.places[at + 2 :]),
        )
        if len(piece) == 1:  # 配合 / 单位: the last cell's word goes on below the header
            if field_of(joined[-1]) is Field.EXTRA or not joined[-1].endswith(_HEADER_ENDS):
                continue
        elif (found := find_header(table, overrides)) is not None and len(found.fields) >= width:
            continue
        if (header := find_header(fixed, overrides)) is not None and header.at == at:
            return fixed
    return table


#: How a header's name ends, the piece a line break leaves on its own line.
_HEADER_ENDS = ("单位", "部门", "领导", "时限", "时间", "任务", "内容", "事项", "序号")


def _header_word(cell: str) -> bool:
    """A cell that could be (part of) a header name: short, no number, no sentence."""
    word = squeeze(cell)
    return len(word) <= 12 and not any(c.isdigit() for c in word) and not _SENTENCE.search(word)


def _combined(rows: tuple[tuple[str, ...], ...]) -> tuple[list[str], list[str]]:
    """Per column the lowest name (the child) and the one above it (the parent)."""
    names, parents = [], []
    for i in range(max(len(r) for r in rows)):
        stack = [squeeze(r[i]) if i < len(r) else "" for r in rows]
        child = next((s for s in reversed(stack) if s), "")
        names.append(child)
        parents.append(next((s for s in stack if s and s != child), ""))
    return names, parents


def _spanned(above: tuple[str, ...], row: tuple[str, ...]) -> tuple[list[str], list[str]] | None:
    """A header pasted from a web page, its merged parent written once: 序号 任务 责任分工
    完成时限 over 牵头单位 配合单位 alone. The children take the parent's place."""
    top = [squeeze(c) for c in above]
    children = [squeeze(c) for c in row if c.strip()]
    if len(row) >= len(above) or len(children) < 2:
        return None
    if any(field_of(c) is Field.EXTRA or c.isdecimal() for c in children):
        return None
    parents = [i for i, name in enumerate(top) if field_of(name) is Field.COMBINED]
    if len(parents) != 1:
        return None
    at = parents[0]
    names = [*top[:at], *children, *top[at + 1 :]]
    context = [""] * at + [top[at]] * len(children) + [""] * (len(top) - at - 1)
    return names, context


def _continues(above: tuple[str, ...], row: tuple[str, ...]) -> bool:
    """True when `row` is a second header row under `above`: short words, no numbers, and
    a cell that names a field under a parent that differs from it."""
    cells = [squeeze(c) for c in row]
    if (
        len(row) != len(above)
        or not any(cells)
        or any(c.isdecimal() or len(c) > 12 or _SENTENCE.search(c) for c in cells)
    ):
        return False
    return any(
        c and i < len(above) and c != squeeze(above[i]) and field_of(c) is not Field.EXTRA
        for i, c in enumerate(cells)
    )


def is_header_row(row: tuple[str, ...], header: Header, table: Table) -> bool:
    """True for a row that repeats one of the header's rows (typed again on page 2, or
    over the plan's next part with another remark: 重点工作任务（2项牵头工作）)."""
    return any(same_header(row, table.rows[header.at + k]) for k in range(header.depth))


def same_header(row: tuple[str, ...], header: tuple[str, ...]) -> bool:
    """True when `row` is the header row `header` typed again: the same words, or words
    naming the same fields column by column (the task's text and a role among them)."""
    cells = tuple(squeeze(c) for c in row)
    if cells == tuple(squeeze(c) for c in header):
        return True
    if len(row) != len(header) or not all(cells):
        return False
    fields = [field_of(c) for c in cells]
    return (
        fields == [field_of(squeeze(c)) for c in header]
        and Field.TEXT in fields
        and bool(_ROLE_FIELDS & set(fields))
    )


def join_tables(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Tables continued after a page break (the next table with as many columns, nothing
    but a 续表 line between) joined to the one before."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Table) and block.rows:
            at = len(out) - 1
            while at >= 0 and _is_continued_note(out[at]):
                at -= 1
            before = out[at] if at >= 0 else None
            if isinstance(before, Table) and _width(before) == _width(block):
                out[at] = Table(before.rows + block.rows, before.places + block.places)
                del out[at + 1 :]
                continue
        out.append(block)
    return tuple(out)


def _is_continued_note(block: Block) -> bool:
    """True for a 续表 line between the two parts of a table."""
    return (
        isinstance(block, Line)
        and re.fullmatch(r"[（(]?续表?[）)]?.{0,20}", block.text.strip()) is not None
    )


def _width(table: Table) -> int:
    return max((len(r) for r in table.rows[:3]), default=0)


def lines_above(table: Table, header: Header) -> list[Line]:
    """Rows above the header of a sheet (附件, the title, 文号 typed across the columns) as
    lines: each row's one distinct text."""
    out = []
    for row, where in zip(table.rows[: header.at], table.places[: header.at], strict=True):
        filled = list(dict.fromkeys(c.strip() for c in row if c.strip()))
        if len(filled) == 1:
            out.append(Line(filled[0], where))
    return out


def join_broken_rows(
    rows: list[tuple[str, ...]],
    places: list[str],
    width: int,
    goes_on: Callable[[str], bool] = lambda _: False,
) -> tuple[list[tuple[str, ...]], list[str]]:
    """Rows of pasted text that a line break inside a cell split (fewer cells than the
    header, the pieces after them completing it) joined into one; a piece that starts with
    a number starts a new row, a heading line alone is a row of its own. After a whole
    row, a line alone that `goes_on` accepts (the last cell's next line) joins it too."""
    out: list[tuple[str, ...]] = []
    where: list[str] = []
    at = 0
    while at < len(rows):
        row, place = list(rows[at]), places[at]
        at += 1
        while len(row) < width and at < len(rows) and not (len(row) == 1 and _heading(row[0])):
            piece = rows[at]
            if piece[0].strip().isdecimal() or len(row) + len(piece) - 1 > width:
                break
            if len(piece) == 1 and len(row) + 1 == width and _looks_heading(piece[0]):
                break
            row[-1] = f"{row[-1]}\n{piece[0]}"
            row += piece[1:]
            at += 1
        while len(row) == width > 1 and at < len(rows) and len(rows[at]) == 1:
            if not goes_on(rows[at][0]) or _looks_heading(rows[at][0]):
                break
            row[-1] = f"{row[-1]}\n{rows[at][0]}"
            at += 1
        out.append(tuple(row))
        where.append(place)
    return out, where


def _heading(text: str) -> bool:
    """A heading line alone (一、…, （一）…): a row of its own, never a cell's first line."""
    return _looks_heading(text) and len(text.strip()) < 60


def _looks_heading(text: str) -> bool:
    return (
        re.match(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)])", text)
        is not None
    )
