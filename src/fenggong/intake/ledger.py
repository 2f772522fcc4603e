"""A filled 台账 back in: which plan, period and unit it is, and each row as a report, every
mistake listed with the file, sheet and row (a file with any is stored not at all)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from fenggong.errors import DatasetError, UsageError
from fenggong.plan.model import Plan
from fenggong.progress.model import NEEDS_PROGRESS, Period, Report, Status, parse_period

LOCKED = ("序号", "任务", "牵头单位", "配合单位", "完成时限")
SHEET, INFO_SHEET = "台账", "台账信息"


class Filled(NamedTuple):
    """What a filled ledger says."""

    path: Path
    plan: str
    period: Period
    unit: str
    reports: tuple[Report, ...]
    problems: tuple[str, ...]


def read_ledger(
    path: Path, plan: Plan, plan_name: str, deadline_text: Callable[[int], str]
) -> Filled:
    """A filled ledger; `UsageError` for a workbook that is not one, `DatasetError` for a
    file that cannot be read."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise DatasetError((f"{path}：不是能读的 .xlsx 文件（{exc}）",)) from None
    if SHEET not in book.sheetnames or INFO_SHEET not in book.sheetnames:
        raise UsageError(
            f"{path}：这不是 fenggong 发出的台账（没有「{SHEET}」和「{INFO_SHEET}」工作表）"
        )
    info = {
        str(r[0]): str(r[1]) for r in book[INFO_SHEET].iter_rows(values_only=True) if r and r[0]
    }
    if info.get("方案") != plan_name:
        raise UsageError(
            f"{path}：这是「{info.get('方案', '?')}」的台账，不是当前方案「{plan_name}」的"
        )
    period = parse_period(info.get("报送期", ""))
    unit = info.get("单位", "")
    sheet = book[SHEET]
    header = [str(c.value or "").strip() for c in sheet[2]]
    if tuple(header[: len(LOCKED)]) != LOCKED:
        raise UsageError(f"{path}：台账的表头被改动了（前几列应为 {'、'.join(LOCKED)}）")
    column = {name: i for i, name in enumerate(header)}
    reports: list[Report] = []
    problems: list[str] = []
    for number, row in enumerate(sheet.iter_rows(min_row=3, values_only=True), start=3):
        # A date cell (完成时限) reads back as a datetime: its text is the day.
        cells = ["" if v is None else str(v).strip().removesuffix(" 00:00:00") for v in row]
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
        expected = {
            "任务": task.text,
            "牵头单位": "、".join(task.lead_units),
            "配合单位": "、".join(task.related_units),
            "完成时限": deadline_text(task.id),
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
    return Filled(path, info.get("方案", ""), period, unit, tuple(reports), tuple(problems))
