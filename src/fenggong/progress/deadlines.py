"""Deadlines in bulk: a workbook with the columns 序号 and 截止日期 (or 完成时限), read all
or nothing (every bad row named)."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from fenggong.errors import DatasetError, UsageError
from fenggong.progress.dates import parse_day
from fenggong.progress.model import plan_year

if TYPE_CHECKING:
    from fenggong.plan.model import Plan

_DAY_COLUMNS = ("截止日期", "完成时限")


def read_deadlines(path: Path, plan: Plan, *, force: bool = False) -> list[tuple[int, dt.date]]:
    """(task id, deadline) for each filled row of the first sheet; `DatasetError` listing
    every row that is wrong (no such task, a date that is not one, outside the plan's year
    unless `force`)."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, data_only=True, read_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError) as exc:
        raise DatasetError((f"{path.name}：不是能读的 .xlsx 文件（{exc}）",)) from None
    sheet = book.worksheets[0]
    rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    book.close()
    year = plan_year(plan)
    top, id_column, day_column = -1, 0, 0
    for number, header in enumerate(rows[:10]):
        names = [str(c or "").strip() for c in header]
        found = [names.index(n) for n in _DAY_COLUMNS if n in names]
        if "序号" in names and found:
            top, id_column, day_column = number, names.index("序号"), found[0]
            break
    if top < 0:
        raise DatasetError((f"{path.name}：找不到「序号」和「截止日期」（或「完成时限」）两列",))
    out: list[tuple[int, dt.date]] = []
    problems: list[str] = []
    for number, row in enumerate(rows[top + 1 :], start=top + 2):
        cells = [*row, None, None][: max(id_column, day_column) + 1]
        raw_id, raw_day = cells[id_column], cells[day_column]
        if raw_id in (None, "") and raw_day in (None, ""):
            continue
        where = f"{path.name} 第 {number} 行"
        text = str(raw_id).strip().removesuffix(".0")
        if not text.isdecimal() or plan.task(int(text)) is None:
            problems.append(f"{where}：没有第 {text or '（空）'} 项任务")
            continue
        if isinstance(raw_day, dt.datetime | dt.date):
            day = raw_day.date() if isinstance(raw_day, dt.datetime) else raw_day
        else:
            try:
                day = parse_day(str(raw_day or ""), "截止日期", year)
            except UsageError as exc:
                problems.append(f"{where}：{exc}")
                continue
        if day.year != year and not force:
            problems.append(
                f"{where}：截止日期 {day.isoformat()} 不在方案的 {year} 年内（确实要这样，加 --force）"
            )
            continue
        out.append((int(text), day))
    if problems:
        raise DatasetError(tuple(problems))
    if not out:
        raise DatasetError((f"{path.name}：没有一行填了序号和截止日期",))
    return out
