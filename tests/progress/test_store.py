"""The progress store: where it lives, read-only opens that never create it, deadlines
cleared, periods that exist, workbooks recorded once, and check."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from fenggong.errors import DatasetError
from fenggong.plan.model import Plan
from fenggong.progress.location import read_store, store_path
from fenggong.progress.model import Period, Report, Status
from fenggong.progress.store import Store, Workbook, check_store

MAY = Period(2024, 5)


def test_the_store_lives_beside_the_users_own_data(
    mini: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FENGGONG_LOG", raising=False)
    data = tmp_path / "my.toml"
    assert store_path(mini, data) == tmp_path / "my.进展.sqlite"
    # The default data file (FENGGONG_DATA) gives the same answer as naming it.
    monkeypatch.setenv("FENGGONG_DATA", str(data))
    assert store_path(mini, None) == store_path(mini, data)
    assert store_path(mini, data, tmp_path / "x.sqlite") == tmp_path / "x.sqlite"
    monkeypatch.setenv("FENGGONG_LOG", str(tmp_path / "env.sqlite"))
    assert store_path(mini, data) == tmp_path / "env.sqlite"


def test_reading_never_creates_a_store(mini: Plan, tmp_path: Path) -> None:
    path = tmp_path / "none" / "进展.sqlite"
    assert read_store(mini, None, path) is None
    assert not path.parent.exists()
    with pytest.raises(DatasetError, match="没有这个进展库"):
        read_store(mini, None, path, strict=True)


def test_a_read_only_store_reads_and_refuses_another_plans(
    mini: Plan, plan: Plan, tmp_path: Path
) -> None:
    path = tmp_path / "进展.sqlite"
    with Store(path, mini) as store:
        store.add_reports([Report(3, "县工信商务局", MAY, Status.LAGGING, "x")], "命令行")
    with Store(path, mini, readonly=True) as store:
        assert [r.status for r in store.reports()] == [Status.LAGGING]
    assert read_store(plan, None, path) is None
    with pytest.raises(DatasetError, match="不是当前方案的"):
        read_store(plan, None, path, strict=True)


def test_an_old_store_without_the_new_tables_still_reads(mini: Plan, tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    with closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    with Store(path, mini, readonly=True) as store:
        assert (store.reports(), store.periods(), store.collected("x")) == ([], [], None)


def test_deadlines_set_and_cleared(mini: Plan, tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite", mini) as store:
        store.add_deadlines([(5, dt.date(2024, 5, 20)), (1, dt.date(2024, 6, 1))], "命令行")
        store.add_deadlines([(5, None)], "命令行")
        assert {k: v.deadline for k, v in store.deadlines().items()} == {1: dt.date(2024, 6, 1)}


def test_periods_exist_once_a_ledger_went_out_or_a_report_came_in(
    mini: Plan, tmp_path: Path
) -> None:
    with Store(tmp_path / "s.sqlite", mini) as store:
        store.add_issued(Period(2024, 4), ["县工信商务局"])
        store.add_reports([Report(1, "县发展改革局", MAY, Status.ON_TRACK, "x")], "命令行")
        assert store.periods() == [Period(2024, 4), MAY]


def test_a_workbook_is_recorded_once(mini: Plan, tmp_path: Path) -> None:
    report = Report(1, "县发展改革局", MAY, Status.ON_TRACK, "x")
    with Store(tmp_path / "s.sqlite", mini) as store:
        filed = ("县发展改革局", MAY)
        first, again = (
            Workbook((report,), "a.xlsx", "abc", filed),
            Workbook((report,), "b.xlsx", "abc", filed),
        )
        assert store.add_workbooks([first]) == [1]
        assert store.add_workbooks([again, again._replace(digest="")]) == [None, 1]
        assert len(store.reports()) == 2
        assert store.add_workbooks([again]) == [None]
        assert store.collected("abc") is not None
        assert store.collected("abc").name == "a.xlsx"  # type: ignore[union-attr]


def test_a_failed_write_leaves_nothing_and_no_transaction(mini: Plan, tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite", mini) as store:
        bad = Report(1, "县发展改革局", MAY, Status.ON_TRACK, None)  # type: ignore[arg-type]
        with pytest.raises(DatasetError, match="进展库写不进去"):
            store.add_reports([Report(1, "县发展改革局", MAY, Status.ON_TRACK, "x"), bad], "a")
        assert store.reports() == []
        assert store.add_reports([Report(1, "县发展改革局", MAY, Status.ON_TRACK, "x")], "a") == 1


def test_check_names_rows_outside_the_plans_year(mini: Plan, tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    with Store(path, mini) as store:
        store.add_reports([Report(1, "县发展改革局", Period(2023, 5), Status.ON_TRACK, "x")], "a")
        store.add_deadlines([(1, dt.date(2020, 1, 1))], "a")
    assert check_store(path, mini) == [
        f"{path}：第 1 条报送：报送期「2023-05」不在方案的 2024 年内",
        f"{path}：第 1 条截止日期 2020-01-01 不在方案的 2024 年内",
    ]


def test_a_store_left_by_a_killed_write_is_recovered_for_reading(
    mini: Plan, tmp_path: Path
) -> None:
    path = tmp_path / "a#b?c.sqlite"  # URI characters in the name: the right file is read
    with Store(path, mini) as store:
        store.add_reports([Report(1, "县发展改革局", MAY, Status.ON_TRACK, "x")], "a")
    journal = path.with_name(path.name + "-journal")
    # A hot journal as a killed process leaves it: the write it undoes is rolled back.
    killed = (
        "import os, sqlite3, sys\n"
        "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "db.execute('PRAGMA cache_size=1')\n"
        "db.execute('BEGIN IMMEDIATE')\n"
        "db.executemany('INSERT INTO meta VALUES (?, ?)', [(str(i), 'x' * 500) for i in range(2000)])\n"
        "db.execute('DELETE FROM reports')\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", killed, str(path)], check=True)
    assert journal.stat().st_size > 0
    with Store(path, mini, readonly=True) as store:
        assert len(store.reports()) == 1
    assert check_store(path, mini) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a#b?c.sqlite"]


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes read-only files"
)
def test_a_read_only_store_refuses_writes_with_one_line(mini: Plan, tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    with Store(path, mini):
        pass
    path.chmod(0o444)
    try:
        with pytest.raises(DatasetError) as caught, Store(path, mini) as store:
            store.add_deadlines([(1, dt.date(2024, 6, 1))], "a")
        assert str(caught.value).startswith(f"{path}：进展库")
    finally:
        path.chmod(0o644)


def test_check_names_duplicates_and_control_characters(mini: Plan, tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    report = Report(1, "县发展改革局", MAY, Status.ON_TRACK, "x")
    with Store(path, mini) as store:
        store.add_reports([report, report, report._replace(progress="\x1b[31mx")], "a")
    assert check_store(path, mini) == [
        f"{path}：第 2 条报送：与第 1 条完全相同（重复记入）",
        f"{path}：第 3 条报送：文字里有控制字符",
    ]


def test_a_write_sqlite_already_rolled_back_is_reported_not_masked(
    mini: Plan, tmp_path: Path
) -> None:
    # As after SQLITE_FULL: SQLite has ended the transaction itself; rolling back again
    # would raise "no transaction is active" and hide the real error.
    def fail_after_sqlite_rolled_back(store: Store) -> None:
        with store._transaction() as db:
            db.execute("ROLLBACK")
            raise sqlite3.OperationalError("database or disk is full")

    with Store(tmp_path / "s.sqlite", mini) as store:
        with pytest.raises(DatasetError, match="database or disk is full"):
            fail_after_sqlite_rolled_back(store)
        assert store.add_deadlines([(1, dt.date(2024, 6, 1))], "a") == 1
