"""The fill-in 台账, out and back, with one column contract.

Out (`ledger_workbook`): one unit's tasks for one period — the plan's columns locked, last
period's status and text in read-only 上期 columns, the 本期 columns empty to fill, 状态 a
list to pick from — and, in a hidden sheet, the plan, period, unit and each task's 完成时限
as issued, so the workbook names itself when it comes back.

Back (`read_ledger`): which plan, period and unit it is and each filled row as a report,
every mistake listed with the file, sheet and row (a file with any is stored not at all).
The locked columns are checked against what the ledger was issued with, not today's
deadlines (a deadline changed after the ledgers went out is no mistake of the clerk's).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from fenggong.errors import UsageError
from fenggong.plan.model import Plan, Task
from fenggong.progress.model import (
    NEEDS_PROGRESS,
    Period,
    Report,
    Status,
    parse_period,
    plan_year,
    report_text,
)

#: The columns of a ledger: the plan's (locked), last period's (read-only), this period's.
LOCKED = ("序号", "任务", "牵头单位", "配合单位", "完成时限")
EARLIER = ("上期状态", "上期进展情况")
FILLED = ("本期进展情况", "存在问题", "下一步措施", "状态", "填报人")
SHEET, INFO_SHEET = "台账", "台账信息"
#: The info sheet's key for a task's 完成时限 as issued (then task id, date).
ISSUED_DEADLINE = "完成时限"
#: Column widths: they add up to what A4 landscape prints at full size (`sheetstyle.PRINT_WIDTH`);
#: the 完成时限 is a date cell, which cannot wrap (a narrower column prints ###).
_WIDTHS = (4, 14, 8, 8, 12, 8, 10, 10, 9, 9, 6, 7)


class LedgerRow(NamedTuple):
    """A task of the ledger, with its deadline as shown and the unit's last report."""

    task: Task
    deadline: str
    last: Report | None


class Filled(NamedTuple):
    """What a returned ledger says."""

    path: Path
    plan: str
    period: Period
    unit: str
    reports: tuple[Report, ...]
    problems: tuple[str, ...]
    #: Issued by an older fenggong, which prefilled this period's columns with the last
    #: report (a row left as it was is no report: see `collect`).
    prefilled: bool = False


def ledger_workbook(plan_name: str, unit: str, period: Period, rows: Sequence[LedgerRow]) -> bytes:
    """The ledger as .xlsx bytes, styled and set up for printing like every other workbook
    (`fenggong.sheetstyle`); the 完成时限 stays text, as `collect` compares it with what was
    issued."""
    from openpyxl import Workbook
    from openpyxl.styles import PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from fenggong import sheetstyle as st

    book = Workbook()
    st.add_styles(book)
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    columns = (*LOCKED, *EARLIER, *FILLED)
    st.title_row(sheet, f"{unit} {period} 工作台账（{plan_name}）", _WIDTHS)
    fill, grey = PatternFill("solid", fgColor="FFF2CC"), PatternFill("solid", fgColor="EDEDED")
    for c, header in enumerate(columns, start=1):
        cell = sheet.cell(row=2, column=c, value=header)
        cell.style = st.HEADER
        if header in FILLED:
            cell.fill = fill
        elif header in EARLIER:
            cell.fill = grey
    sheet.row_dimensions[2].height = st.height_of(
        max(st.lines_in(h, w) for h, w in zip(columns, _WIDTHS, strict=True))
    )
    unlocked = Protection(locked=False)
    for r, row in enumerate(rows, start=3):
        last = row.last
        values: tuple[int | str | dt.date, ...] = (
            row.task.id,
            row.task.text,
            "、".join(row.task.lead_units),
            "、".join(row.task.related_units),
            st.as_day(row.deadline) or row.deadline,  # a date cell Excel filters by
            f"{last.status.value}\n{last.period}" if last else "",  # a line each, unbroken
            report_text(last.progress) if last else "",
            *("",) * len(FILLED),
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
            if columns[c - 1] in EARLIER:
                cell.fill = grey
            if columns[c - 1] in FILLED:
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
    status_column = get_column_letter(columns.index("状态") + 1)
    choices.add(f"{status_column}3:{status_column}{last_row}")
    for c, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    sheet.freeze_panes = "C3"
    sheet.sheet_view.showGridLines = False
    st.page_setup(sheet, title_rows="2:2")
    # The plan's and last period's columns are locked; this period's are not. No password:
    # this keeps honest mistakes out, and collect checks the locked cells anyway.
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
    for row in rows:
        info.append([ISSUED_DEADLINE, row.task.id, row.deadline])
    info.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read_ledger(
    path: Path,
    plan: Plan,
    plan_name: str,
    deadline_text: Callable[[int], str],
    *,
    content: bytes | None = None,
) -> Filled:
    """A returned ledger. `UsageError` for a workbook that is not one of this plan's,
    `DatasetError` for a file that cannot be read (each naming the file). `deadline_text`
    gives a task's deadline for ledgers issued before they recorded their own. (`content`:
    the bytes `collect` hashed; the workbook is opened from `path` through the bounded
    office reader, which also reads .xls/.et.)"""
    from fenggong.intake.otherformats import open_ledger_book

    del content  # the bounded reader checks the file itself
    book = open_ledger_book(path)  # within bounds; an .xls/.et too
    if SHEET not in book.sheetnames or INFO_SHEET not in book.sheetnames:
        raise UsageError(
            f"{path.name}：这不是 fenggong 发出的台账（没有「{SHEET}」和「{INFO_SHEET}」工作表）"
        )
    info: dict[str, str] = {}
    issued: dict[int, str] = {}
    for r in book[INFO_SHEET].iter_rows(values_only=True):
        if not r or r[0] is None:
            continue
        if str(r[0]) == ISSUED_DEADLINE and len(r) > 2 and str(r[1]).isdecimal():
            issued[int(str(r[1]))] = "" if r[2] is None else str(r[2])
        elif len(r) > 1:
            info[str(r[0])] = "" if r[1] is None else str(r[1])
    if info.get("方案") != plan_name:
        raise UsageError(
            f"{path.name}：这是「{info.get('方案', '?')}」的台账，不是当前方案「{plan_name}」的"
        )
    try:
        period = parse_period(info.get("报送期", ""))
    except UsageError:
        raise UsageError(
            f"{path.name}：台账信息里的报送期「{info.get('报送期', '')}」被改坏了"
        ) from None
    if period.year != plan_year(plan):
        raise UsageError(f"{path.name}：台账的报送期 {period} 不在方案的 {plan_year(plan)} 年内")
    unit = info.get("单位", "")
    sheet = book[SHEET]
    header = [str(c.value or "").strip() for c in sheet[2]]
    if tuple(header[: len(LOCKED)]) != LOCKED or not set(FILLED) <= set(header):
        raise UsageError(f"{path.name}：台账的表头被改动了（前几列应为 {'、'.join(LOCKED)}）")
    column = {name: i for i, name in enumerate(header)}
    reports: list[Report] = []
    problems: list[str] = []
    seen: dict[int, int] = {}
    for number, row in enumerate(sheet.iter_rows(min_row=3, values_only=True), start=3):
        # A date cell (完成时限) reads back as a datetime: its text is the day.
        cells = ["" if v is None else report_text(str(v)).removesuffix(" 00:00:00") for v in row]
        cells += [""] * (len(header) - len(cells))

        def cell(name: str, cells: list[str] = cells) -> str:
            return cells[column[name]] if name in column else ""

        where = f"{path.name} {SHEET} 第 {number} 行"
        if not any(cells):
            continue
        raw_id = cell("序号").removesuffix(".0")
        task = plan.task(int(raw_id)) if raw_id.isdecimal() else None
        if task is None:
            problems.append(f"{where}：没有第 {raw_id or '（空）'} 项任务")
            continue
        if unit not in task.lead_units:
            problems.append(f"{where}：第 {task.id} 项不是{unit}牵头的任务")
            continue
        if task.id in seen:
            problems.append(f"{where}：第 {task.id} 项在第 {seen[task.id]} 行已有一行")
            continue
        seen[task.id] = number
        expected = {
            "任务": task.text,
            "牵头单位": "、".join(task.lead_units),
            "配合单位": "、".join(task.related_units),
            "完成时限": issued[task.id] if task.id in issued else deadline_text(task.id),
        }
        changed = [name for name, value in expected.items() if cell(name) != value]
        if changed:
            problems.append(f"{where}：锁定的列「{'、'.join(changed)}」被改动了（只能填后面几列）")
            continue
        status_text = cell("状态")
        filled = [cell(n) for n in ("本期进展情况", "存在问题", "下一步措施", "填报人")]
        if not status_text:
            if any(filled):
                problems.append(f"{where}：第 {task.id} 项没有选「状态」")
            continue  # an empty row: not reported
        try:
            status = Status(status_text)
        except ValueError:
            allowed = "、".join(s.value for s in Status)
            problems.append(f"{where}：状态「{status_text}」不在规定的几种之内（{allowed}）")
            continue
        if status in NEEDS_PROGRESS and not cell("本期进展情况"):
            problems.append(f"{where}：状态为「{status.value}」时要填「本期进展情况」")
            continue
        reports.append(
            Report(
                task=task.id,
                unit=unit,
                period=period,
                status=status,
                progress=cell("本期进展情况"),
                problems=cell("存在问题"),
                next_steps=cell("下一步措施"),
                reporter=cell("填报人"),
            )
        )
    prefilled = EARLIER[0] not in header
    return Filled(
        path, info.get("方案", ""), period, unit, tuple(reports), tuple(problems), prefilled
    )
