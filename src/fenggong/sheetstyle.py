"""How every workbook fenggong writes prints: named cell styles (宋体 body, 黑体 header and
title, thin borders, everything top-aligned, dates as yyyy-mm-dd, lights as coloured fills),
row heights for wrapped text, column widths that fit A4 landscape at full size, and the page
setup with page numbers. Used by `present/render/xlsx.py`, `progress/ledger.py` and the office writers (a base module, so the ledger in `progress/` can use it too); openpyxl is
imported only inside the functions."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

BODY_FONT, HEADER_FONT = "宋体", "黑体"
#: Type sizes in points: nothing printed is smaller than 9 pt (the sheets print at 100 %).
BODY_PT, TITLE_PT = 11, 14
#: Column width units (≈ one Latin digit; a Chinese character is two) that fit between the
#: margins of A4 landscape at 100 % in Excel (7–8 px a unit) and in LibreOffice and WPS with
#: a wider default font (≈ 9.3 px a unit).
PRINT_WIDTH = 105
#: The smallest print scale (per cent): 11 pt body printed at 82 % is still 9 pt.
MIN_SCALE = 82
#: Points a wrapped line takes (CJK fonts in LibreOffice and WPS set lines loosely).
LINE_PT = 15.6
#: The named styles cells get.
BODY, NUMBER, DATE, HEADER, TITLE, NOTE = "fg正文", "fg数字", "fg日期", "fg表头", "fg标题", "fg注"
#: Lights as fills: the style of a light's cell, and the colour.
LIGHT_COLOURS = {"红": "FF8A8A", "黄": "FFE066", "蓝": "9DC3E6", "绿": "A9D18E"}
LIGHT_STYLES = {light: f"fg灯{light}" for light in LIGHT_COLOURS}
LEGEND = (
    "图例：红灯 已超期或连续两期滞后、未报送；黄灯 本期滞后、未启动或未报送；"
    "蓝灯 30 天内到期；绿灯 已完成或正常推进"
)
FOOTER = "第 &P 页 共 &N 页"
#: Excel's code for A4 paper.
PAPER_A4 = "9"
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def add_styles(book: Workbook) -> None:
    """Register the named styles on a new workbook."""
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    top = Alignment(vertical="top", wrap_text=True)
    body = Font(name=BODY_FONT, size=BODY_PT)
    bold = Font(name=HEADER_FONT, size=BODY_PT, bold=True)
    specs = [
        NamedStyle(BODY, font=body, border=border, alignment=top),
        NamedStyle(NUMBER, font=body, border=border, alignment=Alignment(vertical="top")),
        NamedStyle(
            DATE,
            font=body,
            border=border,
            alignment=Alignment(vertical="top"),
            number_format="yyyy-mm-dd",
        ),
        NamedStyle(
            HEADER,
            font=bold,
            border=border,
            alignment=Alignment(horizontal="center", vertical="top", wrap_text=True),
            fill=PatternFill("solid", fgColor="E7E6E6"),
        ),
        NamedStyle(
            TITLE,
            font=Font(name=HEADER_FONT, size=TITLE_PT),
            alignment=Alignment(horizontal="center", vertical="top", wrap_text=True),
        ),
        NamedStyle(NOTE, font=body, alignment=Alignment(vertical="top", wrap_text=True)),
    ]
    for light, colour in LIGHT_COLOURS.items():
        specs.append(
            NamedStyle(
                LIGHT_STYLES[light],
                font=body,
                border=border,
                alignment=Alignment(horizontal="center", vertical="top"),
                fill=PatternFill("solid", fgColor=colour),
            )
        )
    for style in specs:
        book.add_named_style(style)


def as_day(text: str) -> dt.date | None:
    """A cell's text as a date when it is one written YYYY-MM-DD."""
    if len(text) != 10 or not _ISO_DAY.match(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def lines_in(text: str, width: float) -> int:
    """How many lines a cell's text wraps to in a column `width` units wide."""
    room = line_room(width)
    return sum(max(1, math.ceil(cell_len(part) / room)) for part in text.split("\n"))


def line_room(width: float) -> float:
    """How wide a text (in `cell_len` units) one line of a column `width` units wide holds."""
    return max(2.0, width * 0.95 - 0.5)


def height_of(lines: int) -> float:
    """A row's height in points for that many lines."""
    return round(lines * LINE_PT + 3, 1)


def fit_widths(
    natural: Sequence[float],
    floors: Sequence[float],
    ranks: Sequence[int],
    budget: float = PRINT_WIDTH,
) -> list[float]:
    """Column widths that fit the printed page: each column as wide as its content, then,
    while the total is too wide, the columns of the lowest rank give way together (in
    proportion) down to their floors, then the next rank's (wrapped text takes the height
    instead). A table still too wide prints scaled, never below `MIN_SCALE`."""
    widths = list(natural)
    excess = sum(widths) - budget
    for rank in sorted(set(ranks)):
        if excess <= 0:
            break
        members = [i for i, r in enumerate(ranks) if r == rank]
        spare = sum(max(0.0, widths[i] - floors[i]) for i in members)
        if spare <= 0:
            continue
        give = min(excess, spare)
        for i in members:
            widths[i] -= give * max(0.0, widths[i] - floors[i]) / spare
        excess -= give
    return widths


def print_scale(widths: Sequence[float]) -> int:
    """The scale a table of these widths prints at: 100, or less (never below MIN_SCALE)
    when it is wider than the page."""
    total = sum(widths)
    return 100 if total <= PRINT_WIDTH else max(MIN_SCALE, int(100 * PRINT_WIDTH / total))


def page_setup(sheet: Worksheet, *, title_rows: str, scale: int = 100) -> None:
    """A4 landscape at `scale` (never fit-to-page shrinking), margins, the header rows on
    every page, page numbers in the footer."""
    from openpyxl.worksheet.page import PageMargins

    sheet.print_title_rows = title_rows
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = PAPER_A4
    setup.scale = scale
    sheet.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.7, footer=0.3)
    sheet.print_options.horizontalCentered = True
    for footer in (sheet.oddFooter, sheet.evenFooter):
        if footer is not None and footer.center is not None:
            footer.center.text = FOOTER
            footer.center.font = f"{BODY_FONT},常规"
            footer.center.size = 10


def title_height(text: str, widths: Sequence[float]) -> float:
    """The height of a title row, wrapped across the table's columns."""
    # A title in 14 pt takes 14/11 of the body's room per character.
    lines = lines_in(text, sum(widths) * BODY_PT / TITLE_PT)
    return round(lines * TITLE_PT * 1.45 + 4, 1)


def title_row(sheet: Worksheet, text: str, widths: Sequence[float]) -> None:
    """The title in row 1, merged across the table's columns, wrapped, never clipped."""
    cell = sheet.cell(row=1, column=1, value=text)
    cell.data_type = "s"
    cell.style = TITLE
    if len(widths) > 1:
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(widths))
    sheet.row_dimensions[1].height = title_height(text, widths)


def legend_height(width: float) -> float:
    """The height of the legend line under a table `width` units wide."""
    return height_of(lines_in(LEGEND, width))
