"""The progress store: every report and deadline ever recorded, in one SQLite file per plan.

History is never rewritten: a correction is a new report, and the latest counts. A file of
reports is stored in one transaction (all of it or none); SQLite's locking lets two clerks
record at once, and its journal leaves the store as it was before or after a whole write if
the process is killed. The store names the plan it belongs to and refuses another plan's.

Where it lives: `--log PATH`, else $FENGGONG_LOG, else beside a data file of the user's own
(plan.toml → plan.进展.sqlite), else in the user's data folder, never inside the package.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from fenggong.errors import DatasetError, UsageError
from fenggong.plan.model import Plan
from fenggong.progress.model import Deadline, Period, Report, Status, parse_period, plan_key

_SCHEMA = """
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
CREATE INDEX IF NOT EXISTS reports_by_task ON reports (task, unit, period);
"""


class Store:
    """An open progress store."""

    def __init__(self, path: Path, plan: Plan) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, timeout=30, isolation_level=None)
            self._db.executescript(_SCHEMA)
            found = self._db.execute("SELECT value FROM meta WHERE key = 'plan'").fetchone()
            if found is None:
                self._db.execute("INSERT OR IGNORE INTO meta VALUES ('plan', ?)", (plan_key(plan),))
            elif found[0] != plan_key(plan):
                self._db.close()
                raise DatasetError(
                    (f"{path}：这是「{found[0]}」的进展库，不是当前方案的；请用 --log 指定",)
                )
        except (sqlite3.DatabaseError, OSError) as exc:
            raise DatasetError((f"{path}：进展库无法打开（{exc}）",)) from None

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write, all or nothing; waits for another clerk's write to finish."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise DatasetError((f"{self.path}：进展库正被占用（{exc}），请稍后再试",)) from None
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def add_reports(self, reports: Iterable[Report], source: str) -> int:
        """Record reports in one transaction; how many."""
        now = dt.datetime.now().isoformat(timespec="seconds")
        rows = [
            (
                r.task,
                r.unit,
                str(r.period),
                r.status.value,
                r.progress,
                r.problems,
                r.next_steps,
                r.reporter,
                now,
                source,
            )
            for r in reports
        ]
        with self._transaction() as db:
            db.executemany(
                "INSERT INTO reports (task, unit, period, status, progress, problems, next_steps,"
                " reporter, recorded_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        return len(rows)

    def add_deadlines(self, deadlines: Iterable[tuple[int, dt.date]], source: str) -> int:
        now = dt.datetime.now().isoformat(timespec="seconds")
        rows = [(task, day.isoformat(), now, source) for task, day in deadlines]
        with self._transaction() as db:
            db.executemany(
                "INSERT INTO deadlines (task, deadline, recorded_at, source) VALUES (?, ?, ?, ?)",
                rows,
            )
        return len(rows)

    def reports(self) -> list[Report]:
        """Every report, oldest first."""
        query = (
            "SELECT task, unit, period, status, progress, problems, next_steps, reporter,"
            " recorded_at, source FROM reports ORDER BY id"
        )
        out = []
        for task, unit, period, status, *texts in self._db.execute(query):
            try:
                out.append(Report(task, unit, parse_period(period), Status(status), *texts))
            except (ValueError, UsageError):  # a row edited by hand outside fenggong: check says so
                continue
        return out

    def deadlines(self) -> dict[int, Deadline]:
        """The latest deadline set for each task."""
        out: dict[int, Deadline] = {}
        for task, day, at, source in self._db.execute(
            "SELECT task, deadline, recorded_at, source FROM deadlines ORDER BY id"
        ):
            try:
                out[task] = Deadline(task, dt.date.fromisoformat(day), at, source)
            except ValueError:
                continue
        return out


def latest_reports(reports: Iterable[Report]) -> dict[tuple[int, str, Period], Report]:
    """The report that counts for each task, unit and period: the last one recorded."""
    out: dict[tuple[int, str, Period], Report] = {}
    for report in reports:
        out[(report.task, report.unit, report.period)] = report
    return out


def check_store(path: Path, plan: Plan) -> list[str]:
    """Every problem in a progress store, read only: rows that do not read back (edited
    outside fenggong), reports and deadlines of tasks the plan does not have, reports by a
    unit that does not lead the task, a store of another plan."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        found = db.execute("SELECT value FROM meta WHERE key = 'plan'").fetchone()
        rows = db.execute(
            "SELECT id, task, unit, period, status FROM reports ORDER BY id"
        ).fetchall()
        deadlines = db.execute("SELECT id, task, deadline FROM deadlines ORDER BY id").fetchall()
        db.close()
    except sqlite3.DatabaseError as exc:
        return [f"{path}：进展库无法读取（{exc}）"]
    problems = []
    if found is not None and found[0] != plan_key(plan):
        problems.append(f"{path}：这是「{found[0]}」的进展库，不是当前方案的")
        return problems
    for row_id, task_id, unit, period, status in rows:
        where = f"{path}：第 {row_id} 条报送"
        task = plan.task(task_id) if isinstance(task_id, int) else None
        if task is None:
            problems.append(f"{where}：没有第 {task_id} 项任务")
        elif unit not in task.lead_units:
            problems.append(f"{where}：{unit}不是第 {task_id} 项的牵头单位")
        try:
            parse_period(str(period))
            Status(status)
        except (ValueError, UsageError):
            problems.append(f"{where}：报送期「{period}」或状态「{status}」不对")
    for row_id, task_id, day in deadlines:
        if plan.task(task_id) is None:
            problems.append(f"{path}：第 {row_id} 条截止日期：没有第 {task_id} 项任务")
        try:
            dt.date.fromisoformat(str(day))
        except ValueError:
            problems.append(f"{path}：第 {row_id} 条截止日期「{day}」不是日期")
    return problems
