"""The fill-in 台账 a 督查室 sends out: one unit's tasks for one period, with the plan's columns
locked, the report columns to fill (prefilled with the unit's last report), 状态 as a list
to pick from, and the plan, period and unit recorded so the workbook names itself when it
comes back. Styled and set up for printing like every other workbook (`sheetstyle.py`); the
完成时限 is a date cell."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import NamedTuple

from fenggong.plan.model import Task
from fenggong.progress.model import Period, Report, Status

#: The columns of a ledger: the plan's (locked), then the report's (to fill).
LOCKED = ("序号", "任务", "牵头单位", "配合单位", "完成时限")
FILLED = ("本期进展情况", "存在问题", "下一步措施", "状态", "填报人")
INFO_SHEET = "台账信息"
SHEET = "台账"
#: Column widths: they add up to what A4 landscape prints at full size.
_WIDTHS = (5, 23, 10, 10, 11, 14, 10, 10, 6, 6)


class LedgerRow(NamedTuple):
    """A task of the ledger, with its deadline as shown and the unit's last report."""

    task: Task
    deadline: str
    last: Report | None


def ledger_workbook(plan_name: str, unit: str, period: Period, rows: Sequence[LedgerRow]) -> bytes:
    """The ledger as .xlsx bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from fenggong.present import sheetstyle as st

    book = Workbook()
    st.add_styles(book)
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    columns = (*LOCKED, *FILLED)
    st.title_row(sheet, f"{unit} {period} 工作台账（{plan_name}）", _WIDTHS)
    fill = PatternFill("solid", fgColor="FFF2CC")
    for c, header in enumerate(columns, start=1):
        cell = sheet.cell(row=2, column=c, value=header)
        cell.style = st.HEADER
        if header in FILLED:
            cell.fill = fill
    sheet.row_dimensions[2].height = st.height_of(1)
    unlocked = Protection(locked=False)
    for r, row in enumerate(rows, start=3):
        last = row.last
        values: tuple[int | str | dt.date, ...] = (
            row.task.id,
            row.task.text,
            "、".join(row.task.lead_units),
            "、".join(row.task.related_units),
            st.as_day(row.deadline) or row.deadline,  # a date cell Excel filters by
            last.progress if last else "",
            last.problems if last else "",
            last.next_steps if last else "",
            last.status.value if last else "",
            last.reporter if last else "",
        )
        lines = 1
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula
                cell.style = st.BODY
                lines = max(lines, st.lines_in(value, _WIDTHS[c - 1]))
            else:
                cell.style = st.DATE if isinstance(value, dt.date) else st.NUMBER
            if c > len(LOCKED):
                cell.protection = unlocked
                cell.fill = fill
        # Room for what the unit writes: at least three lines.
        sheet.row_dimensions[r].height = st.height_of(max(lines, 3))
    last_row = max(3, len(rows) + 2)
    choices = DataValidation(
        type="list",
        formula1='"' + ",".join(s.value for s in Status) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="状态",
        error="请从下拉列表中选：" + "、".join(s.value for s in Status),
    )
    sheet.add_data_validation(choices)
    status_column = get_column_letter(len(LOCKED) + FILLED.index("状态") + 1)
    choices.add(f"{status_column}3:{status_column}{last_row}")
    for c, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    sheet.freeze_panes = "C3"
    sheet.sheet_view.showGridLines = False
    st.page_setup(sheet, title_rows="2:2")
    # The plan's columns are locked; the report's are not. No password: this keeps
    # honest mistakes out, and collect checks the locked cells anyway.
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    info = book.create_sheet(INFO_SHEET)
    for key, value in (
        ("方案", plan_name),
        ("报送期", str(period)),
        ("单位", unit),
        ("用途", "fenggong 台账"),
    ):
        info.append([key, value])
    info.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
