"""An answer as an Excel workbook a clerk can use at once: a title line saying what it is and
from which plan, a bold, frozen header with an autofilter, columns as wide as their content
(Chinese characters count double, long text capped and wrapped), numbers as numbers, A4
landscape fitted to the page width with the header on every printed page. Nothing in a cell
is ever a formula. openpyxl is imported only here."""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from rich.cells import cell_len

from fenggong.present.view import Answer, Grid, Kind, Report, View, cell_text

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

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

    book = Workbook()
    default = book.active
    if default is not None:
        book.remove(default)
    used: set[str] = set()
    for index, (title, view) in enumerate(sheets_of(answer)):
        sheet = book.create_sheet(_sheet_name(title, used))
        _fill(sheet, title, view, answer.plan, answer.note if index == 0 else "")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


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


def _fill(sheet: Worksheet, title: str, view: View, plan: str, note: str = "") -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    columns = view.columns
    count = max(len(columns), 1)
    heading = sheet.cell(row=1, column=1, value=f"{title}（{plan}）" if plan else title)
    heading.data_type = "s"
    heading.font = Font(bold=True, size=13)
    if note:  # what the answer leaves out belongs in the file, under the title
        heading.value = f"{heading.value}\n{note}"
        heading.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[1].height = 40
    if count > 1:
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=count)
    bold = Font(bold=True)
    for c, column in enumerate(columns, start=1):
        cell = sheet.cell(row=2, column=c, value=column.header)
        cell.data_type = "s"
        cell.font = bold
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    widths = [cell_len(c.header) + 2 for c in columns]
    top = Alignment(vertical="top", wrap_text=True)
    for r, row in enumerate(view.rows, start=3):
        for c, (column, value) in enumerate(zip(columns, row, strict=True), start=1):
            if (
                column.kind is Kind.NUMBER
                and isinstance(value, int | float)
                and not isinstance(value, bool)
            ):
                sheet.cell(row=r, column=c, value=value)
                widths[c - 1] = max(widths[c - 1], len(str(value)) + 2)
                continue
            text = cell_text(column.kind, value)
            cell = sheet.cell(row=r, column=c, value=text)
            cell.data_type = "s"  # never a formula, whatever the text starts with
            cell.alignment = top
            widths[c - 1] = max(widths[c - 1], cell_len(text) + 2)
    for c, column in enumerate(columns, start=1):
        limit = MAX_WIDTH.get(column.kind, DEFAULT_MAX)
        sheet.column_dimensions[get_column_letter(c)].width = max(
            MIN_WIDTH, min(widths[c - 1], limit)
        )
    last = get_column_letter(count)
    sheet.freeze_panes = "A3"
    if columns:
        sheet.auto_filter.ref = f"A2:{last}{max(2, len(view.rows) + 2)}"
    sheet.print_title_rows = "2:2"
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    footer = sheet.oddFooter
    if footer is not None and footer.center is not None:
        footer.center.text = "第 &P 页，共 &N 页"


__all__ = ["Grid", "sheets_of", "to_xlsx"]
