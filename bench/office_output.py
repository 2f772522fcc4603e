"""Excel and Word output against a plain script that imports the same library and writes the
same cells or paragraphs without any formatting (whole-process wall time, median of several
runs, alternated so the machine's drift hits both alike).

    python bench/office_output.py
    python bench/office_output.py --runs 15
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

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "tasks.toml"
SCRIPT = Path(sys.executable).with_name("fenggong")
FENGGONG = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "fenggong"]

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


def brief_content(path: Path) -> None:
    """The brief's paragraphs and cells, as fenggong writes them, for the plain script."""
    import json

    from fenggong.plan.load import load_plan
    from fenggong.present.meeting_views import brief_answer
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


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    os.environ.pop("FENGGONG_DATA", None)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        brief_content(out / "brief.json")
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
        ]
        print(f"{'case':22} {'median':>8} {'baseline':>9} {'ratio':>6} {'target':>7}")
        for name, command, baseline in cases:
            timed(command)
            timed(baseline)
            mine, base = [], []
            for _ in range(args.runs):
                mine.append(timed(command))
                base.append(timed(baseline))
            m, b = statistics.median(mine), statistics.median(base)
            print(f"{name:22} {m * 1000:6.0f}ms {b * 1000:7.0f}ms {m / b:6.2f} {'≤':>2} 1.5")
        print(f"{args.runs} runs each after a warm-up; Python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
