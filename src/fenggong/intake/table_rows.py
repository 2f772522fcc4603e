"""A plan's table under its header → task rows: header rows typed again dropped, rows
merged across the table read as headings, a row without 序号 (or with the 序号 of the row
above, merged down) read as the continuation of the task above, a row short of the header
aligned by what its cells hold, and every row left out or guessed listed for review."""

from __future__ import annotations

import re

from fenggong.intake.cells import FIRST_LEADS_RULE
from fenggong.intake.deadlines import DEADLINE_COLUMNS
from fenggong.intake.grammar import UNIT_END
from fenggong.intake.parsed import Row, task_number
from fenggong.intake.parts import is_unit_list, role_label
from fenggong.intake.roles import DETAIL_HEADERS, Field, field_of
from fenggong.intake.sources import Table
from fenggong.intake.tables import Header, is_header_row, join_broken_rows

_CN = "一二三四五六七八九十百"
CATEGORY = re.compile(rf"^([{_CN}]+)\s*[、．.]\s*(.+)$")
PAREN_CN = re.compile(rf"^[（(]\s*([{_CN}]+)\s*[）)]\s*(.+)$")
_HEADING_LEADER = re.compile(
    r"^([\u4e00-\u9fff]{2,3}?)(?:常务)?副?(?:省长|市长|县长|区长|镇长|主席|书记|主任)"
    r"(?:主抓|牵头|分管|负责|领衔)"
)
#: A cell that states how to read the row's units (kept with the units it speaks of).
ROLE_NOTE = re.compile(rf"^(?:分别牵头|分别负责|.*{FIRST_LEADS_RULE.pattern}.*)$")
_DATEISH = re.compile(r"(?:\d{1,2}\s*月|\d{4}\s*年|季度|年底|年内|年中|上半年|下半年|长期|持续)")
_UNIT_FIELDS = (Field.LEAD, Field.RELATED, Field.COMBINED)
#: Fields whose cell may go on with a labelled line of another role (not the task's text,
#: nor a 部门分工 cell, which labels its roles itself: 牵头单位：X / 配合单位：Y).
_LABEL_FIELDS = (Field.LEAD, Field.RELATED, Field.LEADERS)
#: A sub-item's number, in the 序号 cell or opening the text: （1）, (2), ⑶, ①.
_SUB_ITEM = re.compile(r"^\s*(?:[（(]\s*\d{1,2}\s*[）)]|[⑴-⒇①-⑳])")


def heading_leader(heading: str) -> str:
    """The leader a group heading names (一、于会游市长主抓重点工作, （一）王宏副市长牵头重点工作
    → 于会游, 王宏), or ""."""
    match = CATEGORY.match(heading) or PAREN_CN.match(heading)
    found = _HEADING_LEADER.match(match[2].strip()) if match else None
    return found[1] if found else ""


def unquoted(cell: str) -> str:
    """A cell as typed: the ' that spreadsheets and CSV exports put before =, +, -, @ goes."""
    return (
        cell[1:] if cell.startswith("'") and cell[1:2] in ("=", "+", "-", "@", "\t", "\r") else cell
    )


def table_rows(
    table: Table, header: Header, lead_in: tuple[str, str] = ("", "")
) -> tuple[list[Row], list[str]]:
    """The task rows under `header` (under the headings `lead_in` typed above it), and what
    needs review."""
    fields = header.fields
    width = len(fields)
    start = header.at + header.depth
    units_last = fields[-1] in _UNIT_FIELDS

    def goes_on(line: str) -> bool:  # a cell's next line, its tab lost in pasting
        return role_label(line) is not None or (units_last and is_unit_list(line))

    body, places = join_broken_rows(
        list(table.rows[start:]), list(table.places[start:]), width, goes_on
    )
    notes: list[str] = []
    rows: list[Row] = []
    category, section = lead_in
    numbered = Field.NUMBER in fields
    headings: list[tuple[str, str]] = []  # (where, text): each heading row, to be used
    for raw, where in zip(body, places, strict=True):
        first = raw[0].strip() if raw else ""
        if not any(c.strip() for c in raw) or (
            not first.isdecimal() and is_header_row(raw, header, table)
        ):
            continue
        if len([c for c in raw if c.strip()]) == 1 and raw[0].strip() and not first.isdecimal():
            category, section = _heading(first, category, section)  # a one-cell row of text
            headings.append((where, first))
            continue
        cells = _fit(tuple(map(unquoted, raw)), header, where, notes)
        filled = [c.strip() for c in cells if c.strip()]
        text_at = fields.index(Field.TEXT)
        if (numbered_heading := _numbered_heading(cells, header)) is not None:
            category, section = _heading(numbered_heading, category, section)
            headings.append((where, numbered_heading))
            continue
        if len(set(filled)) == 1 and (
            len(filled) > 1
            or (text_at != 0 and cells[0].strip() and not cells[0].strip().isdecimal())
            or _is_heading(filled[0])
        ):
            # A heading row: one cell at the start, or one merged across the table.
            category, section = _heading(filled[0], category, section)
            headings.append((where, filled[0]))
            continue
        values, extras = _values(cells, header)
        number = values.get(Field.DOC_NUMBER) or values.get(Field.NUMBER, "")
        extras = _cell_labels(values, extras, header, where, notes)
        if number.isdecimal():
            task_number(number, where)  # refuses a 序号 of thousands of digits
        # A sub-item only under a task numbered 1, 2, … (not in a plan numbering its tasks （1）…).
        under_task = rows[-1].number.isdecimal() if rows else False
        # A heading since the task above: a new part, which may number its tasks from 1 again.
        headed = bool(rows) and (rows[-1].category, rows[-1].section) != (category, section)
        sub = _SUB_ITEM.match(number or values.get(Field.TEXT, "")) if under_task else None
        if (
            numbered
            and rows
            and rows[-1].number
            and not headed
            and (not number or number == rows[-1].number or sub)
        ):
            # Under a numbered task, a row without 序号 (or merged down with it) goes on;
            # so does a sub-item numbered （1）（2）, said for review.
            if sub:
                notes.append(
                    f"{where}：「{sub[0].strip()}」读作第 {rows[-1].number} 项的子项，并入该项，请核对"
                )
                if number:  # the sub-item's number stays in the task's text
                    values[Field.TEXT] = number + values.get(Field.TEXT, "")
            elif number:
                notes.append(
                    f"{where}：序号「{number}」与上一行相同（合并单元格），读作第 {number} 项的续行，请核对"
                )
            rows[-1] = _continued(rows[-1], values, extras)
            continue
        if len(raw) < len(fields) and rows:
            _carry_down(values, rows[-1], header, where, notes)
        elif (
            rows and (above := rows[-1].cells.get(Field.LEADERS)) and not values.get(Field.LEADERS)
        ):
            name = header.names[fields.index(Field.LEADERS)]
            notes.append(
                f"{where}：「{name}」是空的（上一项是「{above}」），若是合并单元格另存后丢了，请补上"
            )
        if not values.get(Field.TEXT):
            notes.append(f"{where}：这一行没有任务内容，没有读入（{'、'.join(filled)[:40]}）")
            continue
        category = values.get(Field.CATEGORY) or category
        section = values.get(Field.SECTION) or section
        leader = heading_leader(section) or heading_leader(category)
        rows.append(
            Row(where, number, values[Field.TEXT], values, extras, category, section, leader)
        )
    used = {r.category for r in rows} | {r.section for r in rows}
    notes += [
        f"{where}：「{text[:40]}」读作标题，下面没有任务，没有读入，请核对"
        for where, text in headings
        if text not in used
    ]
    return rows, notes


def _carry_down(
    values: dict[Field, str], above: Row, header: Header, where: str, notes: list[str]
) -> None:
    """A short row's leader and lead unit, merged down from the task above (the pasted
    row lacks the merged cell), each listed."""
    for field in (Field.LEADERS, Field.LEAD):
        if field in header.fields and not values.get(field) and above.cells.get(field):
            values[field] = above.cells[field]
            name = header.names[header.fields.index(field)]
            notes.append(
                f"{where}：「{name}」沿用上一项的「{above.cells[field]}」（合并单元格），请核对"
            )


_CN_NUMBER = re.compile(rf"^(?:([{_CN}]+)[、．.]?|[（(]([{_CN}]+)[）)])$")


def _numbered_heading(cells: tuple[str, ...], header: Header) -> str | None:
    """A heading row whose 序号 cell holds 一 (or （一）) and whose other cells are one text
    merged across: 一、稳住经济大盘 (or （一）…)."""
    if Field.NUMBER not in header.fields:
        return None
    at = header.fields.index(Field.NUMBER)
    match = _CN_NUMBER.match(cells[at].strip())
    rest = {c.strip() for i, c in enumerate(cells) if i != at and c.strip()}
    if match is None or len(rest) != 1:
        return None
    title = rest.pop()
    return f"{match[1]}、{title}" if match[1] else f"（{match[2]}）{title}"


def _is_heading(text: str) -> bool:
    return (CATEGORY.match(text) is not None or PAREN_CN.match(text) is not None) and len(text) < 60


def _heading(text: str, category: str, section: str) -> tuple[str, str]:
    if PAREN_CN.match(text):
        return category, text
    return text, ""


def _values(
    cells: tuple[str, ...], header: Header
) -> tuple[dict[Field, str], tuple[tuple[str, str], ...]]:
    """The row's fields (a field named by two columns joins them) and its other columns."""
    values: dict[Field, str] = {}
    extras: list[tuple[str, str]] = []
    details: list[str] = []
    for i, field in enumerate(header.fields):
        cell = cells[i].strip()
        name = header.names[i] or f"第{i + 1}列"
        if field is Field.EXTRA:
            if cell and name in DETAIL_HEADERS:
                details.append(cell)
            elif cell:
                extras.append((name, cell))
            continue
        if cell and values.get(field) and field in _UNIT_FIELDS:
            values[field] = f"{values[field]}、{cell}"
        elif cell or field not in values:
            values[field] = cell
    if details and values.get(Field.TEXT):
        values[Field.TEXT] = "：".join([values[Field.TEXT], *details])
    for _name, cell in extras:
        if ROLE_NOTE.match(cell):
            into = Field.LEAD if values.get(Field.LEAD) else Field.RELATED
            if values.get(into):
                values[into] = f"{values[into]}（{cell}）"
    return values, tuple(extras)


def _cell_labels(
    values: dict[Field, str],
    extras: tuple[tuple[str, str], ...],
    header: Header,
    where: str,
    notes: list[str],
) -> tuple[tuple[str, str], ...]:
    """A cell's later line that names a role by its own label (省牵头单位:省农业农村厅 under
    the units: the province's lead for the task, not a unit this plan sets to work) taken
    out of the cell and kept under its label among the other columns, each said for review."""
    found: list[tuple[str, str, str]] = []
    for field in [f for f in values if f in _LABEL_FIELDS]:
        column = header.names[header.fields.index(field)]
        values[field] = _take_labels(values[field], column, found)
    kept = {name: _take_labels(value, name, found) for name, value in extras}
    number = values.get(Field.DOC_NUMBER) or values.get(Field.NUMBER, "")
    for column, label, value in found:
        kept[label] = f"{kept[label]}、{value}" if kept.get(label) else value
        role = "责任领导" if field_of(label) is Field.LEADERS else "牵头或相关单位"
        notes.append(
            f"{where}：第 {number} 项「{column}」格里另起一行的「{label}：{value}」记在其他列"
            f"「{label}」（show、export 可见），没有算作本方案的{role}，请核对"
        )
    return tuple((name, value) for name, value in kept.items() if value)


def _take_labels(cell: str, column: str, found: list[tuple[str, str, str]]) -> str:
    """The cell without its later lines that are labelled roles, each added to `found`."""
    if "\n" not in cell:
        return cell
    kept: list[str] = []
    for line in cell.split("\n"):
        pair = role_label(line) if kept else None
        if pair is None:
            kept.append(line)
        else:
            found.append((column, *pair))
    return "\n".join(kept)


def _continued(row: Row, values: dict[Field, str], extras: tuple[tuple[str, str], ...]) -> Row:
    """The task above with a continuation row's text, units and other columns added."""
    cells = dict(row.cells)
    for field in (Field.LEADERS, *_UNIT_FIELDS):
        more = values.get(field, "")
        if more and more != cells.get(field):
            cells[field] = f"{cells[field]}、{more}" if cells.get(field) else more
    text = values.get(Field.TEXT, "")
    joined = row.text if text in row.text else f"{row.text}{text}"
    cells[Field.TEXT] = joined
    kept = dict(row.extras)
    for name, value in extras:
        if value and value != kept.get(name):
            kept[name] = f"{kept[name]} / {value}" if kept.get(name) else value
    return row._replace(text=joined, cells=cells, extras=tuple(kept.items()))


def _fit(cells: tuple[str, ...], header: Header, where: str, notes: list[str]) -> tuple[str, ...]:
    """A row with as many cells as the header: a short row aligned by what its cells hold
    (a number, a date, unit names, a leader's name, the task's text) when that settles every
    cell, else by position; either way listed for review."""
    width = len(header.fields)
    if len(cells) == width:
        return cells
    if len(cells) > width:
        if any(c.strip() for c in cells[width:]):
            notes.append(
                f"{where}：这一行有 {len(cells)} 列，表头只有 {width} 列，多出的列没有读入，请核对"
            )
        return cells[:width]
    aligned = _align(cells, header)
    if aligned is not None:
        placed = "、".join(
            f"「{c.strip()[:12]}」→{header.names[i]}"
            for i, c in enumerate(aligned)
            if c.strip() and c in cells
        )
        notes.append(
            f"{where}：这一行只有 {len(cells)} 列（表头 {width} 列，有合并单元格），按内容对齐：{placed}，请核对"
        )
        return aligned
    notes.append(
        f"{where}：这一行只有 {len(cells)} 列（表头 {width} 列），对不准，按位置读入，请核对"
    )
    return cells + ("",) * (width - len(cells))


def _kind(cell: str) -> set[Field | str]:
    """What a cell can be, by what it holds."""
    text = cell.strip()
    if not text:
        return {"any"}
    if text.isdecimal():
        return {Field.NUMBER}
    if len(text) <= 16 and _DATEISH.search(text) and not UNIT_END.search(text):
        return {"date"}
    pieces = [p for p in re.split(r"[、，,；;\s]+", text) if p]
    if pieces and all(UNIT_END.search(p) for p in pieces):
        return set(_UNIT_FIELDS)
    if (
        pieces
        and all(2 <= len(p) <= 3 and re.fullmatch(r"[\u4e00-\u9fff·]+", p) for p in pieces)
        and len(text) <= 24
    ):
        return {Field.LEADERS}
    return {Field.TEXT, Field.CATEGORY, Field.SECTION}


def _align(cells: tuple[str, ...], header: Header) -> tuple[str, ...] | None:
    """Cells placed in order, each in the next column whose field fits what it holds; None
    when a cell fits no later column."""
    width = len(header.fields)
    out = [""] * width
    column = 0
    for cell in cells:
        kinds = _kind(cell)
        while column < width:
            field = header.fields[column]
            name = header.names[column]
            fits = (
                "any" in kinds
                or field in kinds
                or ("date" in kinds and (name in DEADLINE_COLUMNS or "时" in name))
            )
            if fits:
                break
            column += 1
        if column >= width:
            return None
        out[column] = cell
        column += 1
    return tuple(out)
