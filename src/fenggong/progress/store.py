"""The progress store: every report, deadline, issued ledger and collected file ever
recorded, in one SQLite file per plan.

History is never rewritten: a correction is a new report, and the latest counts. A file of
reports is stored in one transaction (all of it or none); SQLite's locking lets two clerks
record at once, and its journal leaves the store as it was before or after a whole write if
the process is killed. The store names the plan it belongs to and refuses another plan's.
Opened read-only (`Store(path, plan, readonly=True)`) it never creates or changes a file.

Read API (for views that merge onto it): `reports()` every report oldest first (with its
进展/问题/措施 text), `deadlines()` the one in force per task, `periods()` the reporting
periods that exist (a ledger issued or a report recorded), `issued()` the ledgers issued.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote

from fenggong.errors import DatasetError, UsageError, WriteFailed
from fenggong.plan.model import Plan
from fenggong.progress.model import (
    Deadline,
    Period,
    Report,
    Status,
    parse_period,
    plan_key,
    report_text,
)

_SCHEMA = """
BEGIN;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reports (
    id INTEGER PRIMARY KEY,
    task INTEGER NOT NULL,
    unit TEXT NOT NULL,
    period TEXT NOT NULL,
    status TEXT NOT NULL,
    progress TEXT NOT NULL DEFAULT '',
    problems TEXT NOT NULL DEFAULT '',
    next_steps TEXT NOT NULL DEFAULT '',
    reporter TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL,
    source TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS deadlines (
    id INTEGER PRIMARY KEY,
    task INTEGER NOT NULL,
    deadline TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    source TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS issued (
    id INTEGER PRIMARY KEY,
    period TEXT NOT NULL,
    unit TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS files (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL,
    name TEXT NOT NULL,
    unit TEXT NOT NULL,
    period TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reports_by_task ON reports (task, unit, period);
CREATE INDEX IF NOT EXISTS files_by_hash ON files (sha256);
COMMIT;
"""


class Workbook(NamedTuple):
    """Reports to record from one source: a returned ledger (with its bytes' digest, unit
    and period) or the command line."""

    reports: tuple[Report, ...]
    source: str
    digest: str = ""
    filed: tuple[str, Period] | None = None


class Collected(NamedTuple):
    """A workbook already recorded: its name then and when."""

    name: str
    recorded_at: str


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def _recover(path: Path) -> None:
    """Roll back a write a killed process left half done (a hot journal), which a read-only
    connection cannot do; `DatasetError` saying so where the folder cannot be written."""
    journal = path.with_name(path.name + "-journal")
    if not journal.is_file() or journal.stat().st_size == 0:
        return
    try:
        db = sqlite3.connect(path, timeout=30)
        try:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            db.close()
    except sqlite3.Error as exc:
        raise DatasetError(
            (
                f"{path}：上次写入被中断（留下了 {journal.name}），在能写这个文件夹时运行一次 fenggong check 即可恢复（{exc}）",
            )
        ) from None


class Store:
    """An open progress store (a context manager that closes it)."""

    def __init__(self, path: Path, plan: Plan, *, readonly: bool = False) -> None:
        self.path = path
        self.readonly = readonly
        try:
            if readonly:
                _recover(path)
                uri = f"file:{quote(str(path.resolve()))}?mode=ro"
                self._db = sqlite3.connect(uri, uri=True, timeout=30, isolation_level=None)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(path, timeout=30, isolation_level=None)
                self._db.executescript(_SCHEMA)
            found = self._db.execute("SELECT value FROM meta WHERE key = 'plan'").fetchone()
            if found is None and not readonly:
                self._db.execute("INSERT OR IGNORE INTO meta VALUES ('plan', ?)", (plan_key(plan),))
            elif found is not None and found[0] != plan_key(plan):
                self._db.close()
                raise DatasetError(
                    (f"{path}：这是「{found[0]}」的进展库，不是当前方案的；请用 --log 指定",)
                )
        except (sqlite3.Error, OSError) as exc:
            if (db := getattr(self, "_db", None)) is not None:
                db.close()
            raise DatasetError((f"{path}：进展库无法打开（{exc}）",)) from None

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _rows(self, query: str, *args: Any) -> list[tuple[Any, ...]]:
        """Rows of a read; a table an older store lacks reads as empty."""
        try:
            return self._db.execute(query, args).fetchall()
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return []
            raise DatasetError((f"{self.path}：进展库读不出来（{exc}）",)) from None
        except sqlite3.Error as exc:
            raise DatasetError((f"{self.path}：进展库读不出来（{exc}）",)) from None

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write, all or nothing; waits for another clerk's write to finish."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise DatasetError(
                (f"{self.path}：进展库正被占用或不能写（{exc}），请稍后再试",)
            ) from None
        try:
            yield self._db
            self._db.execute("COMMIT")
        except BaseException as exc:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
                raise WriteFailed(f"{self.path}：磁盘已满，进展库没有写入（原内容不变）") from None
            if isinstance(exc, sqlite3.Error):
                raise DatasetError(
                    (f"{self.path}：进展库写不进去（{exc}）；原内容不变，请检查文件是否只读或损坏",)
                ) from None
            raise

    def add_reports(self, reports: Iterable[Report], source: str) -> int:
        """Record reports in one transaction; how many."""
        (added,) = self.add_workbooks([Workbook(tuple(reports), source)])
        return added or 0

    def add_workbooks(self, workbooks: Sequence[Workbook]) -> list[int | None]:
        """Record several workbooks' reports in one transaction (all of them or none); for
        each, how many — or None, recording nothing of it, when a workbook with the same
        `digest` was recorded before (checked inside the write, so two clerks collecting
        the same file record it once)."""
        now = _now()
        out: list[int | None] = []
        with self._transaction() as db:
            for book in workbooks:
                if book.digest:
                    found = db.execute("SELECT 1 FROM files WHERE sha256 = ?", (book.digest,))
                    if found.fetchone() is not None:
                        out.append(None)
                        continue
                db.executemany(
                    "INSERT INTO reports (task, unit, period, status, progress, problems,"
                    " next_steps, reporter, recorded_at, source)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (r.task, r.unit, str(r.period), r.status.value, r.progress, r.problems,
                         r.next_steps, r.reporter, now, book.source)
                        for r in book.reports
                    ],
                )  # fmt: skip
                if book.digest and book.filed is not None:
                    db.execute(
                        "INSERT INTO files (sha256, name, unit, period, recorded_at)"
                        " VALUES (?, ?, ?, ?, ?)",
                        (book.digest, book.source, book.filed[0], str(book.filed[1]), now),
                    )
                out.append(len(book.reports))
        return out

    def add_deadlines(self, deadlines: Iterable[tuple[int, dt.date | None]], source: str) -> int:
        """Record deadlines (None: the 督查室's deadline is cleared, the plan's counts again)."""
        now = _now()
        rows = [(task, day.isoformat() if day else "", now, source) for task, day in deadlines]
        with self._transaction() as db:
            db.executemany(
                "INSERT INTO deadlines (task, deadline, recorded_at, source) VALUES (?, ?, ?, ?)",
                rows,
            )
        return len(rows)

    def add_issued(self, period: Period, units: Iterable[str]) -> None:
        """Note that ledgers for `period` went out to `units` (the period now exists)."""
        now = _now()
        with self._transaction() as db:
            db.executemany(
                "INSERT INTO issued (period, unit, recorded_at) VALUES (?, ?, ?)",
                [(str(period), unit, now) for unit in units],
            )

    def reports(self) -> list[Report]:
        """Every report, oldest first (a later one for the same task, unit and period is a
        correction and wins)."""
        query = (
            "SELECT task, unit, period, status, progress, problems, next_steps, reporter,"
            " recorded_at, source FROM reports ORDER BY id"
        )
        out = []
        periods: dict[str, Period] = {}  # a store holds a few periods in thousands of rows
        for task, unit, period, status, *texts in self._rows(query):
            try:
                when = periods.get(period) or periods.setdefault(period, parse_period(period))
                out.append(Report(task, unit, when, Status(status), *texts))
            except (ValueError, UsageError):  # a row edited by hand outside fenggong: check says so
                continue
        return out

    def deadlines(self) -> dict[int, Deadline]:
        """The deadline the 督查室 set for each task, where one is in force (the latest
        entry; a cleared one leaves the plan's)."""
        out: dict[int, Deadline] = {}
        for task, day, at, source in self._rows(
            "SELECT task, deadline, recorded_at, source FROM deadlines ORDER BY id"
        ):
            if day == "":
                out.pop(task, None)
                continue
            try:
                out[task] = Deadline(task, dt.date.fromisoformat(day), at, source)
            except ValueError:
                continue
        return out

    def issued(self) -> list[tuple[Period, str]]:
        """The ledgers issued, oldest first: (period, unit)."""
        out = []
        for period, unit in self._rows("SELECT period, unit FROM issued ORDER BY id"):
            try:
                out.append((parse_period(period), unit))
            except UsageError:
                continue
        return out

    def periods(self) -> list[Period]:
        """The reporting periods that exist — a ledger was issued for it or a report
        recorded in it — earliest first."""
        found = {p for p, _ in self.issued()}
        for text, status in self._rows("SELECT DISTINCT period, status FROM reports"):
            try:  # the periods of the reports `reports` reads back
                Status(status)
                found.add(parse_period(text))
            except (ValueError, UsageError):  # edited by hand outside fenggong: check says so
                continue
        return sorted(found, key=lambda p: (p.end, p.start))

    def collected(self, digest: str) -> Collected | None:
        """The workbook with these bytes, when it was recorded before."""
        rows = self._rows("SELECT name, recorded_at FROM files WHERE sha256 = ? LIMIT 1", digest)
        return Collected(*rows[0]) if rows else None


def check_store(path: Path, plan: Plan) -> list[str]:
    """Every problem in a progress store, read only: rows that do not read back (edited
    outside fenggong), reports and deadlines of tasks the plan does not have or outside the
    plan's year, reports by a unit that does not lead the task, a store of another plan."""
    try:
        with Store(path, plan, readonly=True) as store:
            rows = store._rows(
                "SELECT id, task, unit, period, status, progress, problems, next_steps, reporter"
                " FROM reports ORDER BY id"
            )
            deadlines = store._rows("SELECT id, task, deadline FROM deadlines ORDER BY id")
    except DatasetError as exc:
        return list(exc.problems)
    year = plan.meta.issued.year
    problems = []
    seen: dict[tuple[object, ...], int] = {}
    for row_id, task_id, unit, period, status, *texts in rows:
        where = f"{path}：第 {row_id} 条报送"
        if (first := seen.setdefault((task_id, unit, period, status, *texts), row_id)) != row_id:
            problems.append(f"{where}：与第 {first} 条完全相同（重复记入）")
        if any(isinstance(t, str) and report_text(t) != t.strip() for t in texts):
            problems.append(f"{where}：文字里有控制字符")
        task = plan.task(task_id) if isinstance(task_id, int) else None
        if task is None:
            problems.append(f"{where}：没有第 {task_id} 项任务")
        elif unit not in task.lead_units:
            problems.append(f"{where}：{unit}不是第 {task_id} 项的牵头单位")
        try:
            if parse_period(str(period)).year != year:
                problems.append(f"{where}：报送期「{period}」不在方案的 {year} 年内")
            Status(status)
        except (ValueError, UsageError):
            problems.append(f"{where}：报送期「{period}」或状态「{status}」不对")
    for row_id, task_id, day in deadlines:
        if plan.task(task_id) is None:
            problems.append(f"{path}：第 {row_id} 条截止日期：没有第 {task_id} 项任务")
        if day == "":
            continue
        try:
            if dt.date.fromisoformat(str(day)).year != year:
                problems.append(f"{path}：第 {row_id} 条截止日期 {day} 不在方案的 {year} 年内")
        except ValueError:
            problems.append(f"{path}：第 {row_id} 条截止日期「{day}」不是日期")
    return problems
