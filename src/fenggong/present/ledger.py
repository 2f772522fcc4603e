"""The fill-in 台账 a 督查室 sends out: one unit's tasks for one period, with the plan's columns
locked, the report columns to fill (prefilled with the unit's last report), 状态 as a list
to pick from, and the plan, period and unit recorded so the workbook names itself when it
comes back. Formatted like every other workbook (see `xlsx.py`)."""

from __future__ import annotations

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
_WIDTHS = (6, 50, 16, 24, 12, 40, 30, 30, 10, 10)


class LedgerRow(NamedTuple):
    """A task of the ledger, with its deadline as shown and the unit's last report."""

    task: Task
    deadline: str
    last: Report | None


def ledger_workbook(plan_name: str, unit: str, period: Period, rows: Sequence[LedgerRow]) -> bytes:
    """The ledger as .xlsx bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.properties import PageSetupProperties

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    columns = (*LOCKED, *FILLED)
    title = sheet.cell(row=1, column=1, value=f"{unit} {period} 工作台账（{plan_name}）")
    title.font = Font(bold=True, size=13)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
    fill = PatternFill("solid", fgColor="FFF2CC")
    for c, header in enumerate(columns, start=1):
        cell = sheet.cell(row=2, column=c, value=header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        if header in FILLED:
            cell.fill = fill
    top = Alignment(vertical="top", wrap_text=True)
    for r, row in enumerate(rows, start=3):
        last = row.last
        values: tuple[int | str, ...] = (
            row.task.id,
            row.task.text,
            "、".join(row.task.lead_units),
            "、".join(row.task.related_units),
            row.deadline,
            last.progress if last else "",
            last.problems if last else "",
            last.next_steps if last else "",
            last.status.value if last else "",
            last.reporter if last else "",
        )
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula
            cell.alignment = top
            if c > len(LOCKED):
                cell.protection = Protection(locked=False)
                cell.fill = fill
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
    sheet.print_title_rows = "2:2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
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
