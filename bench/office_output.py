"""Excel and Word output against a plain script that imports the same library and writes the
same cells or paragraphs without any formatting (whole-process wall time, median of several
runs, alternated so the machine's drift hits both alike).

    python bench/office_output.py
    python bench/office_output.py --runs 15
    python bench/office_output.py --large     # export -o plan.xlsx of 100,076 tasks

`--large` measures `export -o plan.xlsx` of the 100,076-task plan of bench/large_plan.py
(the 2023 plan repeated, `run.scaled_dataset`), with the plan cache warm, against a bare
script writing the same cells in openpyxl's write-only mode: the tasks sheet and the
registry sheets, each cell as the export wrote it (read back from the export's own file),
no styles, widths, heights or page setup. It lives here, not in bench/large_plan.py, because
its baseline is this file's kind (the library writing the same cells plainly), not a query
tool answering the same question.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import FENGGONG, compile_package  # noqa: E402

ROOT = HERE.parent
DATA = ROOT / "data" / "tasks.toml"

#: The plan's tasks and registries as plain cells, one sheet each, no formatting.
PLAIN_XLSX = """
import sys, tomllib, openpyxl
plan = tomllib.loads(open(sys.argv[1], encoding="utf-8").read())
book = openpyxl.Workbook()
sheet = book.active
for t in plan["tasks"]:
    sheet.append([t["id"], t["section"], t["text"], "、".join(t["leaders"]),
                  "、".join(t["lead_units"]), "、".join(t["related_units"])])
for key in ("categories", "sections", "leaders", "units", "towns"):
    extra = book.create_sheet(key)
    for row in plan[key]:
        extra.append([str(v) for v in row.values()])
book.save(sys.argv[2])
"""
#: The same paragraphs and table cells as the brief (read from a JSON dump), no formatting.
PLAIN_DOCX = """
import json, sys, docx
content = json.load(open(sys.argv[1], encoding="utf-8"))
document = docx.Document()
for text in content["paragraphs"]:
    document.add_paragraph(text)
for title, rows in content["tables"]:
    document.add_paragraph(title)
    table = document.add_table(rows=0, cols=len(rows[0]))
    for row in rows:
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text
document.save(sys.argv[2])
"""


#: The summary's cells (read from a JSON dump), one sheet each, no formatting.
PLAIN_SUMMARY = """
import json, sys, openpyxl
content = json.load(open(sys.argv[1], encoding="utf-8"))
book = openpyxl.Workbook()
sheet = book.active
for rows in content["sheets"]:
    for row in rows:
        sheet.append(row)
    sheet = book.create_sheet()
book.save(sys.argv[2])
"""
#: Every sheet's cells (read from a JSON dump, dates as {"date": …}), in write-only mode, no
#: formatting.
PLAIN_LARGE = """
import datetime, json, sys, openpyxl
day = lambda d: datetime.date.fromisoformat(d["date"])
book = openpyxl.Workbook(write_only=True)
for title, rows in json.load(open(sys.argv[1], encoding="utf-8"), object_hook=day):
    sheet = book.create_sheet(title)
    for row in rows:
        sheet.append(row)
book.save(sys.argv[2])
"""
#: The 通报's paragraphs, no formatting.
PLAIN_NOTICE = """
import json, sys, docx
document = docx.Document()
for text in json.load(open(sys.argv[1], encoding="utf-8")):
    document.add_paragraph(text)
document.save(sys.argv[2])
"""


def make_store(path: Path) -> None:
    """Two months of reports for every task and lead unit of the bundled plan."""
    from fenggong.plan.load import load_plan
    from fenggong.progress.model import Period, Report, Status
    from fenggong.progress.store import Store

    plan = load_plan(DATA)
    statuses = list(Status)
    reports = [
        Report(
            t.id,
            unit,
            Period(2023, month),
            statuses[(t.id + month) % len(statuses)],
            "按计划推进，已完成前期手续办理。",
            "用地指标未落实。" if (t.id + month) % 6 == 3 else "",
            "下月完成主体施工招标。",
            "王小明",
        )
        for month in (4, 5)
        for t in plan.tasks
        for unit in t.lead_units
    ]
    Store(path, plan).add_reports(reports, "bench")


def pack_content(store: Path, summary: Path, notice: Path) -> None:
    """The summary's cells and the 通报's paragraphs, as fenggong writes them."""
    import datetime as dt
    import json

    from fenggong.plan.load import load_plan
    from fenggong.present.answers.monthly import notice_of, summary_of
    from fenggong.present.answers.notice import NoticeHead, notice_parts
    from fenggong.present.answers.progress import summary_answer
    from fenggong.present.view import cell_text
    from fenggong.progress.model import Period
    from fenggong.progress.supervision import supervision

    plan = load_plan(DATA)
    day = dt.date(2023, 6, 5)
    sup = supervision(plan, DATA, store, as_of=day, period=Period(2023, 5))
    answer = summary_answer(summary_of(plan, sup))
    views = [answer.records, *(g.view for g in answer.sheets)]
    sheets = [
        [[c.header for c in v.columns]]
        + [[cell_text(c.kind, x) for c, x in zip(v.columns, row, strict=True)] for row in v.rows]
        for v in views
        if v is not None
    ]
    summary.write_text(json.dumps({"sheets": sheets}, ensure_ascii=False), encoding="utf-8")
    content = notice_of(plan, sup)
    texts = [t for _, t in notice_parts(content, NoticeHead(date=day))]
    notice.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")


def brief_content(path: Path) -> None:
    """The brief's paragraphs and cells, as fenggong writes them, for the plain script."""
    import json

    from fenggong.plan.load import load_plan
    from fenggong.present.answers.meetings import brief_answer
    from fenggong.present.view import Report, cell_text
    from fenggong.queries.brief import brief_subject, make_brief

    plan = load_plan(DATA)
    answer = brief_answer(plan, make_brief(plan, brief_subject(plan, "住建")))
    report = answer.screen
    assert isinstance(report, Report)
    tables = [
        (
            part.title,
            [[c.header for c in part.view.columns]]
            + [
                [cell_text(c.kind, v) for c, v in zip(part.view.columns, row, strict=True)]
                for row in part.view.rows
            ],
        )
        for part in report.parts
    ]
    paragraphs = [answer.plan, answer.title, str(report.heading), str(report.facts)]
    path.write_text(
        json.dumps({"paragraphs": paragraphs, "tables": tables}, ensure_ascii=False),
        encoding="utf-8",
    )


def written_cells(workbook: Path, path: Path) -> None:
    """Every sheet's cells as the export wrote them, as JSON for the plain script (a date,
    which openpyxl reads back as a datetime, as {"date": "YYYY-MM-DD"})."""
    import json

    import openpyxl

    book = openpyxl.load_workbook(workbook, read_only=True)
    sheets = [
        (sheet.title, [list(row) for row in sheet.iter_rows(values_only=True)])
        for sheet in book.worksheets
    ]
    book.close()
    text = json.dumps(sheets, ensure_ascii=False, default=lambda v: {"date": str(v.date())})
    path.write_text(text, encoding="utf-8")


def large_cases(out: Path) -> list[tuple[str, list[str], list[str]]]:
    """The 100,076-task plan exported once (the cache warmed), and its cells dumped."""
    from run import scaled_dataset

    big = out / "big.toml"
    print(f"{scaled_dataset(big, 788)} tasks in {big.stat().st_size / 1e6:.0f} MB of TOML")
    export = [*FENGGONG, "export", "--data", str(big), "-o", str(out / "big.xlsx"), "--force"]
    subprocess.run(export, stdout=subprocess.DEVNULL, check=True)
    written_cells(out / "big.xlsx", out / "big.json")
    plain = [sys.executable, "-c", PLAIN_LARGE, str(out / "big.json"), str(out / "plain.xlsx")]
    return [("export -o plan.xlsx, 10⁵", export, plain)]


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=None, help="runs each (9, 5 with --large)")
    parser.add_argument(
        "--large", action="store_true", help="export -o plan.xlsx of 100,076 tasks only"
    )
    args = parser.parse_args()
    runs = args.runs or (5 if args.large else 9)
    os.environ.pop("FENGGONG_DATA", None)
    os.environ.pop("FENGGONG_NO_CACHE", None)
    compile_package()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        if args.large:
            measure(large_cases(out), runs)
            return
        brief_content(out / "brief.json")
        store = out / "进展.sqlite"
        make_store(store)
        pack_content(store, out / "summary.json", out / "notice.json")
        month = ["--period", "2023-05", "--as-of", "2023-06-05", "--log", str(store)]
        cases = [
            (
                "export -o plan.xlsx",
                [*FENGGONG, "export", "-o", str(out / "a.xlsx"), "--force"],
                [sys.executable, "-c", PLAIN_XLSX, str(DATA), str(out / "b.xlsx")],
            ),
            (
                "brief 住建 -o b.docx",
                [*FENGGONG, "brief", "住建", "-o", str(out / "a.docx"), "--force"],
                [sys.executable, "-c", PLAIN_DOCX, str(out / "brief.json"), str(out / "b.docx")],
            ),
            (
                "summary -o s.xlsx",
                [*FENGGONG, "summary", *month, "-o", str(out / "s.xlsx"), "--force"],
                [
                    sys.executable,
                    "-c",
                    PLAIN_SUMMARY,
                    str(out / "summary.json"),
                    str(out / "t.xlsx"),
                ],
            ),
            (
                "notice -o n.docx",
                [*FENGGONG, "notice", *month, "-o", str(out / "n.docx"), "--force"],
                [sys.executable, "-c", PLAIN_NOTICE, str(out / "notice.json"), str(out / "m.docx")],
            ),
        ]
        measure(cases, runs)


def measure(cases: list[tuple[str, list[str], list[str]]], runs: int) -> None:
    """Each case and its baseline in turn, `runs` times after a warm-up; medians, ratio."""
    print(f"{'case':22} {'median':>8} {'baseline':>9} {'ratio':>6} {'target':>7}")
    for name, command, baseline in cases:
        timed(command)
        timed(baseline)
        mine, base = [], []
        for _ in range(runs):
            mine.append(timed(command))
            base.append(timed(baseline))
        m, b = statistics.median(mine), statistics.median(base)
        print(f"{name:22} {m * 1000:6.0f}ms {b * 1000:7.0f}ms {m / b:6.2f} {'≤':>2} 1.5")
    print(f"{runs} runs each after a warm-up; Python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
