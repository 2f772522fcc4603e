"""The ledger's writer and reader share one column contract: what goes out comes back as
reports, the 完成时限 checked against what was issued, every mistake named."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from fenggong import sheetstyle
from fenggong.errors import DatasetError, UsageError
from fenggong.plan.model import Plan
from fenggong.progress.ledger import (
    EARLIER,
    FILLED,
    INFO_SHEET,
    LOCKED,
    SHEET,
    LedgerRow,
    ledger_workbook,
    read_ledger,
)
from fenggong.progress.model import Period, Report, Status, plan_key

GX = "县工信商务局"
MAY = Period(2024, 5)


def issue(plan: Plan, path: Path, *, last: Report | None = None) -> Path:
    rows = [
        LedgerRow(t, "2024-06-30" if t.id == 3 else "2024-12-31", last if t.id == 3 else None)
        for t in plan.tasks
        if GX in t.lead_units
    ]
    path.write_bytes(ledger_workbook(plan_key(plan), GX, MAY, rows))
    return path


def fill(path: Path, rows: dict[int, dict[str, object]]) -> None:
    book = openpyxl.load_workbook(path)
    sheet = book[SHEET]
    header = [c.value for c in sheet[2]]
    for row in sheet.iter_rows(min_row=3):
        for name, value in rows.get(int(str(row[0].value)), {}).items():
            row[header.index(name)].value = value
    book.save(path)


def today(_task: int) -> str:
    return "2099-01-01"  # a deadline changed since the ledger went out


def test_out_and_back(mini: Plan, tmp_path: Path) -> None:
    last = Report(3, GX, Period(2024, 4), Status.LAGGING, "手续未办")
    path = issue(mini, tmp_path / "gx.xlsx", last=last)
    book = openpyxl.load_workbook(path)
    assert [c.value for c in book[SHEET][2]] == [*LOCKED, *EARLIER, *FILLED]
    assert [c.value for c in book[SHEET][4]][5:7] == ["滞后\n2024-04", "手续未办"]
    assert book[INFO_SHEET].sheet_state == "hidden"
    fill(
        path,
        {3: {"本期进展情况": "已开工", "状态": "序时推进", "填报人": "张三", "存在问题": "缺钱"}},
    )
    filled = read_ledger(path, mini, plan_key(mini), today)
    assert (filled.unit, filled.period, filled.problems) == (GX, MAY, ())
    assert filled.reports == (Report(3, GX, MAY, Status.ON_TRACK, "已开工", "缺钱", "", "张三"),)


def test_the_deadline_column_prints_whole(mini: Plan, tmp_path: Path) -> None:
    # A date cell cannot wrap: too narrow a column prints "###" where the 完成时限 was.
    sheet = openpyxl.load_workbook(issue(mini, tmp_path / "gx.xlsx"))[SHEET]
    column = "ABCDEFGHIJKL"[LOCKED.index("完成时限")]
    assert sheet[f"{column}3"].is_date
    assert sheetstyle.lines_in("2024-12-31", sheet.column_dimensions[column].width) == 1
    widths = [sheet.column_dimensions[c].width for c in "ABCDEFGHIJKL"]
    assert sum(widths) <= sheetstyle.PRINT_WIDTH  # still A4 landscape at full size


def test_an_unfilled_ledger_has_no_reports(mini: Plan, tmp_path: Path) -> None:
    filled = read_ledger(issue(mini, tmp_path / "gx.xlsx"), mini, plan_key(mini), today)
    assert (filled.reports, filled.problems) == ((), ())


def test_the_deadline_is_checked_against_the_issued_one(mini: Plan, tmp_path: Path) -> None:
    path = issue(mini, tmp_path / "gx.xlsx")
    fill(path, {3: {"本期进展情况": "x", "状态": "滞后"}})
    assert read_ledger(path, mini, plan_key(mini), today).problems == ()
    fill(path, {4: {"完成时限": "2024-07-01"}})
    assert read_ledger(path, mini, plan_key(mini), today).problems == (
        "gx.xlsx 台账 第 5 行：锁定的列「完成时限」被改动了（只能填后面几列）",
    )


def test_every_mistake_is_named(mini: Plan, tmp_path: Path) -> None:
    path = issue(mini, tmp_path / "gx.xlsx")
    fill(
        path,
        {
            2: {"状态": "差不多"},
            3: {"状态": "滞后"},
            4: {"存在问题": "缺钱"},
        },
    )
    book = openpyxl.load_workbook(path)
    book[SHEET].append([3, *([None] * 11)])  # task 3 twice
    book[SHEET].append([5])  # 教育局's task
    book.save(path)
    assert read_ledger(path, mini, plan_key(mini), today).problems == (
        "gx.xlsx 台账 第 3 行：状态「差不多」不在规定的几种之内（已完成、超序时、序时推进、滞后、未启动、持续推进）",
        "gx.xlsx 台账 第 4 行：状态为「滞后」时要填「本期进展情况」",
        "gx.xlsx 台账 第 5 行：第 4 项没有选「状态」",
        "gx.xlsx 台账 第 6 行：第 3 项在第 4 行已有一行",
        "gx.xlsx 台账 第 7 行：第 5 项不是县工信商务局牵头的任务",
    )


def test_workbooks_that_are_not_ledgers(mini: Plan, plan: Plan, tmp_path: Path) -> None:
    plain = tmp_path / "plain.xlsx"
    openpyxl.Workbook().save(plain)
    with pytest.raises(UsageError, match="这不是 fenggong 发出的台账"):
        read_ledger(plain, mini, plan_key(mini), today)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(DatasetError, match=r"不是能读的 \.xlsx 文件"):
        read_ledger(broken, mini, plan_key(mini), today)
    other = issue(mini, tmp_path / "gx.xlsx")
    with pytest.raises(UsageError, match="不是当前方案"):
        read_ledger(other, plan, plan_key(plan), today)
