"""`collect` finishes: every good workbook recorded once, every other file named with one
reason, then the 催办 list — whatever the order of the files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import openpyxl
import pytest

from fenggong.plan.model import Plan
from fenggong.progress.collect import collect
from fenggong.progress.ledger import SHEET, LedgerRow, ledger_workbook
from fenggong.progress.model import Period, plan_key
from fenggong.progress.store import Store

GX, FG, JY = "县工信商务局", "县发展改革局", "县教育局"
APR, MAY = Period(2024, 4), Period(2024, 5)


def ledger(plan: Plan, path: Path, unit: str, period: Period, rows: dict[int, str]) -> Path:
    """A ledger of `unit` filled with a status per task id."""
    issued = [LedgerRow(t, "2024-12-31", None) for t in plan.tasks if unit in t.lead_units]
    path.write_bytes(ledger_workbook(plan_key(plan), unit, period, issued))
    book = openpyxl.load_workbook(path)
    sheet = book[SHEET]
    header = [c.value for c in sheet[2]]
    for row in sheet.iter_rows(min_row=3):
        if (status := rows.get(int(str(row[0].value)))) is not None:
            row[header.index("本期进展情况")].value = f"{unit}的进展"
            row[header.index("状态")].value = status
    book.save(path)
    return path


@pytest.fixture
def batch(mini: Plan, tmp_path: Path) -> Path:
    folder = tmp_path / "台账"
    folder.mkdir()
    gx = ledger(mini, folder / "gx.xlsx", GX, MAY, {2: "序时推进", 3: "滞后", 4: "未启动"})
    shutil.copy(gx, folder / "gx - 副本.xlsx")
    shutil.copy(gx, folder / "~$gx.xlsx")
    ledger(mini, folder / "fg.xlsx", FG, MAY, {1: "序时推进"})
    ledger(mini, folder / "fg改.xlsx", FG, MAY, {1: "滞后"})
    ledger(mini, folder / "jy.xlsx", JY, MAY, {})
    ledger(mini, folder / "gx4.xlsx", GX, APR, {3: "滞后"})
    openpyxl.Workbook().save(folder / "plain.xlsx")
    (folder / "broken.xlsx").write_bytes(b"PK\x03\x04 broken")
    (folder / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    return folder


REFUSED = {
    ("broken.xlsx", "不是能读的 .xlsx 文件（压缩包损坏：BadZipFile: File is not a zip file）"),
    (
        "fg.xlsx",
        "县发展改革局 2024-05 交了内容不同的几份（fg.xlsx、fg改.xlsx），都没有记入；请只留一份再收",
    ),
    (
        "fg改.xlsx",
        "县发展改革局 2024-05 交了内容不同的几份（fg.xlsx、fg改.xlsx），都没有记入；请只留一份再收",
    ),
    ("gx4.xlsx", "这是 2024-04 的台账，不是本批 2024-05 的"),
    ("jy.xlsx", "未填报：县教育局本期一项也没有填"),
    (
        "old.xls",
        "不是能读的 Excel 97-2003 文件（XLRDError: Unsupported format, or corrupt file: "
        "Expected BOF record; found b'\\xd0\\xcf\\x11\\xe0'）",
    ),
    ("plain.xlsx", "这不是 fenggong 发出的台账（没有「台账」和「台账信息」工作表）"),
}


@pytest.mark.parametrize("reverse", [False, True])
def test_a_batch_finishes_whatever_the_order(
    mini: Plan, batch: Path, tmp_path: Path, reverse: bool
) -> None:
    log = tmp_path / "进展.sqlite"
    files = sorted(batch.iterdir(), reverse=reverse)
    done = collect(mini, files, log=log)
    assert done.period == MAY
    assert done.recorded == 1
    assert set(done.refused) == REFUSED
    assert "gx - 副本.xlsx：与 gx.xlsx 完全相同，只记一次" in done.notes
    assert "~$gx.xlsx：是 Excel/WPS 打开文件时留下的锁文件，跳过" in done.notes
    # 催办 names every lead unit that did not report, co-leads included.
    assert done.remind == {FG: [1, 2], JY: [5], "县委宣传部": [6]}
    with Store(log, mini) as store:
        assert sorted((r.task, r.unit, r.status.value) for r in store.reports()) == [
            (2, GX, "序时推进"),
            (3, GX, "滞后"),
            (4, GX, "未启动"),
        ]


def test_a_folder_means_its_workbooks_and_a_rerun_records_nothing(
    mini: Plan, batch: Path, tmp_path: Path
) -> None:
    log = tmp_path / "进展.sqlite"
    first = collect(mini, [batch], log=log)
    assert (first.recorded, len(first.refused)) == (1, 7)
    again = collect(mini, [batch], log=log)
    assert again.recorded == 0
    assert sum("记入过，这次不再记" in n for n in again.notes) == 2  # gx and its copy
    with Store(log, mini) as store:
        assert len(store.reports()) == 3


def test_a_pattern_the_shell_left_alone_is_expanded(
    mini: Plan, batch: Path, tmp_path: Path
) -> None:
    done = collect(mini, [batch / "gx*.xlsx", tmp_path / "没有.xlsx"], log=tmp_path / "s.sqlite")
    assert done.period == MAY  # gx and its copy are May's; gx4 is April's
    assert ("gx4.xlsx", "这是 2024-04 的台账，不是本批 2024-05 的") in done.refused
    assert (str(tmp_path / "没有.xlsx"), "文件不存在") in done.refused


def test_the_asked_period_wins(mini: Plan, batch: Path, tmp_path: Path) -> None:
    done = collect(
        mini, [batch / "gx4.xlsx", batch / "gx.xlsx"], log=tmp_path / "s.sqlite", period=APR
    )
    assert done.refused == (("gx.xlsx", "这是 2024-05 的台账，不是本批 2024-04 的"),)


def test_a_correction_in_a_later_workbook_supersedes_and_says_so(
    mini: Plan, batch: Path, tmp_path: Path
) -> None:
    log = tmp_path / "s.sqlite"
    collect(mini, [batch / "fg.xlsx"], log=log)
    done = collect(mini, [batch / "fg改.xlsx"], log=log)
    assert (
        "fg改.xlsx：第 1 项 2024-05 更正：序时推进 → 滞后（以这次为准，原记录保留）" in done.notes
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_pipe_named_like_a_workbook_is_refused_not_waited_on(
    mini: Plan, batch: Path, tmp_path: Path
) -> None:
    os.mkfifo(batch / "pipe.xlsx")
    done = collect(mini, [batch / "pipe.xlsx", batch / "gx.xlsx"], log=tmp_path / "s.sqlite")
    assert done.refused == (("pipe.xlsx", "不是普通文件（管道或设备），请先保存为文件"),)
    assert done.recorded == 1


def test_an_old_ledgers_prefilled_rows_left_as_they_were_are_no_report(
    mini: Plan, tmp_path: Path
) -> None:
    log = tmp_path / "s.sqlite"
    april = ledger(mini, tmp_path / "gx4.xlsx", GX, APR, {2: "序时推进", 3: "滞后"})
    assert collect(mini, [april], log=log).recorded == 1
    # An older fenggong's May ledger: no 上期 columns, April's report prefilled in 本期.
    may = ledger(mini, tmp_path / "gx5.xlsx", GX, MAY, {2: "序时推进", 3: "滞后"})
    book = openpyxl.load_workbook(may)
    book[SHEET].delete_cols(6, 2)
    book.save(may)
    untouched = collect(mini, [may], log=log)
    assert untouched.refused == (("gx5.xlsx", "未填报：县工信商务局本期一项也没有填"),)
    assert (
        "gx5.xlsx：旧版台账，2 项与上期报送完全相同（预填后没有改），不算本期报送"
        in untouched.notes
    )
    book = openpyxl.load_workbook(may)
    book[SHEET]["I4"] = "已完成"  # 状态 of task 3 changed
    book.save(may)
    changed = collect(mini, [may], log=log)
    assert changed.recorded == 1
    with Store(log, mini) as store:
        assert [(r.task, r.period, r.status.value) for r in store.reports()][-1] == (
            3,
            MAY,
            "已完成",
        )
