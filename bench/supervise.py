"""督办 at the size of a county's monthly round (whole-process wall time, median of several
runs, alternated with its baseline so the machine's drift hits both alike):

- `collect` of 30 filled ledgers of 20 rows each, against openpyxl merely reading them;
- `status --by unit` over 127 tasks × 12 monthly periods, against a plain query of the same
  store, and against the everyday `tasks --lead 工信 --format csv`.

    python bench/supervise.py
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "tasks.toml"
SCRIPT = Path(sys.executable).with_name("fenggong")
FENGGONG = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "fenggong"]
STATUSES = ("序时推进", "超序时", "滞后", "已完成", "未启动", "持续推进")


def ledger_plan(path: Path, units: int = 30, tasks: int = 20) -> None:
    """A plan of `units` lead units with `tasks` tasks each."""
    import tomli_w

    names = [f"县第{n}局" for n in range(1, units + 1)]
    document = {
        "plan": {
            "title": "基准方案",
            "issuer": "基准县人民政府",
            "document_number": "基府〔2023〕1号",
            "issued": dt.date(2023, 1, 1),
            "declared_categories": 1,
            "declared_sections": 1,
            "declared_tasks": units * tasks,
        },
        "categories": [{"number": 1, "title": "基准", "declared_sections": 1}],
        "sections": [{"id": "1.1", "title": "基准"}],
        "leaders": [{"name": "张三"}],
        "towns": [],
        "units": [{"name": n, "kind": "county"} for n in names],
        "tasks": [
            {
                "id": u * tasks + t + 1,
                "section": "1.1",
                "text": f"推进第{u * tasks + t + 1}项重点工作，按期完成年度目标任务。",
                "leaders": ["张三"],
                "lead_units": [names[u]],
                "related_units": [names[(u + 1) % units]],
            }
            for u in range(units)
            for t in range(tasks)
        ],
    }
    path.write_text(tomli_w.dumps(document), encoding="utf-8")


def fill_all(folder: Path) -> list[Path]:
    import openpyxl

    files = sorted(folder.glob("*.xlsx"))
    for n, path in enumerate(files):
        book = openpyxl.load_workbook(path)
        sheet = book["台账"]
        header = [c.value for c in sheet[2]]
        for r, row in enumerate(sheet.iter_rows(min_row=3)):
            row[header.index("本期进展情况")].value = "本月按计划推进，完成阶段目标。"
            row[header.index("状态")].value = STATUSES[(n + r) % len(STATUSES)]
            row[header.index("填报人")].value = "张三"
        book.save(path)
    return files


def month_store(log: Path) -> None:
    """127 tasks × 12 monthly reports in the bundled plan's store."""
    from fenggong.plan.load import load_plan
    from fenggong.progress.model import Period, Report, Status
    from fenggong.progress.store import Store

    plan = load_plan(DATA)
    store = Store(log, plan)
    statuses = list(Status)
    reports = [
        Report(
            t.id, t.lead_units[0], Period(2023, m), statuses[(t.id + m) % len(statuses)], "推进中"
        )
        for m in range(1, 13)
        for t in plan.tasks
    ]
    store.add_reports(reports, "基准")
    store.close()


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        plan = folder / "plan.toml"
        ledger_plan(plan)
        env = {
            **os.environ,
            "FENGGONG_DATA": str(plan),
            "FENGGONG_LOG": str(folder / "ledger.sqlite"),
        }
        subprocess.run(
            [*FENGGONG, "ledger", "--period", "2023-05", "--split-by", "unit", "-o", str(folder / "台账")],
            env=env, check=True, capture_output=True,
        )  # fmt: skip
        files = fill_all(folder / "台账")
        month_log = folder / "months.sqlite"
        month_store(month_log)
        month_env = {**os.environ, "FENGGONG_DATA": str(DATA), "FENGGONG_LOG": str(month_log)}
        read_all = (
            "import openpyxl,sys\nfor f in sys.argv[1:]:\n"
            "    b=openpyxl.load_workbook(f, data_only=True)\n"
            "    [c.value for s in b.worksheets for r in s.iter_rows() for c in r]"
        )
        plain_query = (
            "import sqlite3,sys; db=sqlite3.connect(sys.argv[1]); "
            "rows=db.execute('SELECT unit, status, count(*) FROM reports WHERE period=? GROUP BY unit, status', ('2023-12',)).fetchall(); "
            "print(len(rows))"
        )
        cases = [
            (
                "collect 30 × 20 rows",
                ["sh", "-c", f"rm -f {folder}/c.sqlite; FENGGONG_LOG={folder}/c.sqlite exec \"$@\"", "_",
                 *FENGGONG, "collect", *map(str, files)],
                [sys.executable, "-c", read_all, *map(str, files)],
                env,
                1.5,
            ),
            (
                "status --by unit",
                [*FENGGONG, "status", "--by", "unit", "--as-of", "2023-12-31", "--format", "csv"],
                [sys.executable, "-c", plain_query, str(month_log)],
                month_env,
                None,
            ),
            (
                "  vs tasks --lead 工信",
                [*FENGGONG, "status", "--by", "unit", "--as-of", "2023-12-31", "--format", "csv"],
                [*FENGGONG, "tasks", "--lead", "工信", "--format", "csv"],
                month_env,
                1.3,
            ),
        ]  # fmt: skip
        print(f"{'case':24} {'median':>8} {'baseline':>9} {'ratio':>6} {'target':>7}")
        for name, command, baseline, case_env, target in cases:
            timed(command, case_env)
            timed(baseline, case_env)
            mine, base = [], []
            for _ in range(args.runs):
                mine.append(timed(command, case_env))
                base.append(timed(baseline, case_env))
            m, b = statistics.median(mine), statistics.median(base)
            goal = f"≤ {target}" if target else ""
            print(f"{name:24} {m * 1000:6.0f}ms {b * 1000:7.0f}ms {m / b:6.2f} {goal:>7}")
        print(f"{args.runs} runs each after a warm-up; Python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
