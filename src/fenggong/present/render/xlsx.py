"""An answer as an Excel workbook a clerk can use at once and print as it is: a title line
saying what it is and from which plan (merged across the table, wrapped), a frozen header
with an autofilter, columns as wide as their content (Chinese characters count double) that
fit A4 landscape at full size (long text wraps; row heights are stored), numbers as numbers,
dates as dates, lights as coloured fills with a legend, thin borders, page numbers (the
styles and page setup are `sheetstyle.py`'s). Nothing in a cell is ever a formula."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from math import ceil
from typing import TYPE_CHECKING, cast

from rich.cells import cell_len

from fenggong.present.view import Answer, Column, Grid, Kind, Report, View, cell_text

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from fenggong.present.render.xlsxrows import SheetRows, Value

#: Widest a column is drawn (in Excel's character units) before its text wraps.
MAX_WIDTH = {Kind.TEXT: 60}
DEFAULT_MAX = 40
MIN_WIDTH = 6
_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


def sheets_of(answer: Answer) -> list[tuple[str, View]]:
    """The workbook's sheets: the records (and any further tables of the answer), or, for a
    report read as a whole (a brief), one sheet per part."""
    sheets: list[tuple[str, View]] = []
    if answer.records is not None:
        sheets.append((answer.title or "结果", answer.records))
    elif isinstance(answer.screen, Report):
        sheets += [
            (part.title or answer.title or "结果", part.view) for part in answer.screen.parts
        ]
    sheets += [(grid.title or "附表", grid.view) for grid in answer.sheets]
    return sheets


def to_xlsx(answer: Answer) -> bytes:
    """The answer as .xlsx bytes."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    from fenggong.present.render import xlsxrows
    from fenggong.sheetstyle import add_styles

    # openpyxl writes the workbook with every setting but no rows (its write-only sheets hold
    # nothing per cell); the rows go into the saved file (xlsxrows): openpyxl's own XML.
    book = Workbook(write_only=True)
    add_styles(book)
    used: set[str] = set()
    drop = frozenset(answer.repeated)
    written: list[tuple[Worksheet, SheetRows]] = []
    for index, (title, view) in enumerate(sheets_of(answer)):
        # A write-only sheet has every setting a sheet has (Worksheet._setup); the stubs
        # declare them on Worksheet only.
        sheet = cast("Worksheet", book.create_sheet(_sheet_name(title, used)))
        dropped = drop if view is answer.records else frozenset()
        note = answer.note if index == 0 else ""
        written.append((sheet, _fill(sheet, title, view, answer.plan, dropped, note)))
    ids: dict[str, int] = {}
    for style in xlsxrows.styles_in_order(rows for _, rows in written):
        probe = WriteOnlyCell(written[0][0])  # numbered as openpyxl numbers a cell's style
        probe.style = style
        ids[style] = probe.style_id
    buffer = io.BytesIO()
    book.save(buffer)
    parts = {sheet.path.removeprefix("/"): rows for sheet, rows in written}
    return xlsxrows.with_rows(buffer.getvalue(), parts, ids)


def _sheet_name(title: str, used: set[str]) -> str:
    """A sheet name Excel accepts (31 characters, none of []:*?/\\), once each."""
    base = _SHEET_NAME.sub("", title).strip("'") or "表"
    name, n = base[:31], 1
    while name in used:
        n += 1
        suffix = f"({n})"
        name = base[: 31 - len(suffix)] + suffix
    used.add(name)
    return name


def _fill(
    sheet: Worksheet, title: str, view: View, plan: str, drop: frozenset[str], note: str = ""
) -> SheetRows:
    """The sheet's settings (widths, view, filter, page setup, merged title) and its rows."""
    from openpyxl.utils import get_column_letter

    from fenggong import sheetstyle as st
    from fenggong.present.render.xlsxrows import SheetRows

    keep = [i for i, c in enumerate(view.columns) if c.key not in drop]
    columns = [view.columns[i] for i in keep]
    count = max(len(columns), 1)
    natural = [float(cell_len(c.header) + 2) for c in columns]
    rows: list[list[Value]] = []
    shapes: dict[tuple[str, ...], tuple[str, ...]] = {}  # rows styled alike share one tuple
    styles: list[tuple[str, ...]] = []
    # Each row's longer texts: column, text, and its width when it is one line (measured
    # once, for the column's width and the row's height alike).
    wrapping: list[list[tuple[int, str, int | None]]] = []
    any_light = any(c.header in st.LIGHT_STYLES for c in columns)  # counts per light
    for row in view.rows:
        values: list[Value] = []
        styled: list[str] = []
        long: list[tuple[int, str, int | None]] = []
        for c, column in enumerate(columns):
            value = row[keep[c]]
            if (
                column.kind is Kind.NUMBER
                and isinstance(value, int | float)
                and not isinstance(value, bool)
            ):
                values.append(value)
                styled.append(st.NUMBER)
                natural[c] = max(natural[c], len(str(value)) + 2)
                continue
            text = cell_text(column.kind, value)
            day = st.as_day(text) if column.kind is Kind.NAME else None
            if day is not None:
                values.append(day)
                styled.append(st.DATE)
                natural[c] = max(natural[c], 12)
                continue
            values.append(text)
            styled.append(st.LIGHT_STYLES.get(text, st.BODY))
            any_light = any_light or text in st.LIGHT_STYLES
            size = cell_len(text)
            natural[c] = max(natural[c], size + 2)
            if len(text) > 3:
                long.append((c, text, None if "\n" in text else size))
        rows.append(values)
        shape = tuple(styled)
        styles.append(shapes.setdefault(shape, shape))
        wrapping.append(long)
    natural = [
        max(MIN_WIDTH, min(w, MAX_WIDTH.get(c.kind, DEFAULT_MAX)))
        for w, c in zip(natural, columns, strict=True)
    ]
    # A table of several free-text columns (a progress summary) prints a little smaller
    # (never under 9 pt) rather than wrap each text a few characters a line.
    texts = sum(c.kind is Kind.TEXT for c in columns)
    budget = st.PRINT_WIDTH * (100 / st.MIN_SCALE if texts >= 3 else 1)
    widths = st.fit_widths(natural, *_give_way(columns), budget)
    heading = f"{title}（{plan}）" if plan else title
    # A narrow table (a registry, counts) widens its columns alike rather than wrap the title
    # a few characters a line.
    room = min(cell_len(heading) + 2, 60) * st.TITLE_PT / st.BODY_PT
    if columns and sum(widths) < room:
        widths = [w * room / sum(widths) for w in widths]
    if plan and cell_len(heading) * st.TITLE_PT / st.BODY_PT > sum(widths) * 0.95:
        heading = f"{title}\n（{plan}）"  # the plan on a line of its own, not broken anywhere
    if note:  # what the answer leaves out belongs in the file, under the title
        heading = f"{heading}\n{note}"
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = round(width, 1)
    last = get_column_letter(count)
    sheet.freeze_panes = "A3"
    sheet.sheet_view.showGridLines = False
    if columns:
        sheet.auto_filter.ref = f"A2:{last}{max(2, len(rows) + 2)}"
    st.page_setup(sheet, title_rows="2:2", scale=st.print_scale(widths))
    if count > 1:
        sheet.merged_cells.add(f"A1:{last}1")
    header_lines = max(
        (st.lines_in(c.header, w) for c, w in zip(columns, widths, strict=True)), default=1
    )
    heights: list[float | None] = [
        st.title_height(heading, widths or [float(MIN_WIDTH)]),
        st.height_of(header_lines),
    ]
    rooms = [st.line_room(w) for w in widths]
    for long in wrapping:
        lines = 1
        for c, text, flat in long:  # a text of one line: its width measured above
            found = st.lines_in(text, widths[c]) if flat is None else ceil(flat / rooms[c])
            lines = max(lines, found)
        heights.append(st.height_of(lines))
    header = [c.header for c in columns]
    rows = [[heading], list(header), *rows]
    styles = [
        (st.TITLE,),
        tuple(st.LIGHT_STYLES.get(h, st.HEADER) for h in header),
        *styles,
    ]
    if any_light:  # a blank line, then what the colours mean
        legend = len(rows) + 2
        heights += [None, st.legend_height(sum(widths))]
        rows += [[], [st.LEGEND]]
        styles += [(), (st.NOTE,)]
        if count > 1:
            sheet.merged_cells.add(f"A{legend}:{last}{legend}")
    return SheetRows(heights, rows, styles)


def _give_way(columns: Sequence[Column]) -> tuple[list[float], list[int]]:
    """Each column's narrowest width and its rank in giving way when the table is too wide
    to print: single names and titles first, then lists of names, the free text last (it
    takes the room the others leave; several text columns share it). A single name's header
    of up to 8 characters keeps its line (never 填报人及记入时 over 间)."""
    texts = sum(c.kind is Kind.TEXT for c in columns)
    text_floor = 24 if texts <= 1 else 18 if texts == 2 else 14
    floors = [
        float(
            max(
                MIN_WIDTH,
                text_floor
                if c.kind is Kind.TEXT
                else 12
                if c.kind in (Kind.NAMES, Kind.NAME)
                else 0,
                min(cell_len(c.header), 16 if c.kind is Kind.NAME else 8) + 2,
            )
        )
        for c in columns
    ]
    rank = {Kind.NAME: 0, Kind.NAMES: 1, Kind.TEXT: 2}
    return floors, [rank.get(c.kind, 3) for c in columns]


__all__ = ["Grid", "sheets_of", "to_xlsx"]
