"""Import of a 10,000-task plan as .xlsx and .docx, as a ratio to openpyxl / python-docx
merely opening the same file and reading every cell (whole-process wall time, median of
several runs, alternated so the machine's drift hits both alike).

The .xlsx is imported twice: `--dry-run` (read and recognised, nothing written) and a real
import writing the TOML (`-o plan.toml`); issue 23's target for both is 1.5x. The plan
cache is off (`FENGGONG_NO_CACHE=1`): every run reads the bundled registry afresh.

    python bench/import_office.py            # 5 runs each
    python bench/import_office.py --runs 9
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

HEADER = ["序号", "任务名称", "分管县领导", "牵头单位", "配合单位", "完成时限"]
LEADS = ["县发改局", "县财政局", "县教育局", "县住建局", "县农业农村局", "县交通运输局"]


def rows(count: int) -> list[list[str]]:
    out = []
    for n in range(1, count + 1):
        text = f"推进第{n}项重点工作，完善工作机制，按期完成年度目标任务，确保取得实效。"
        lead = LEADS[n % len(LEADS)]
        related = "、".join(x for x in LEADS if x != lead)[:30]
        out.append([str(n), text, "张三" if n % 2 else "李四", lead, related, "年底前"])
    return out


def make_xlsx(path: Path, count: int) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("分工")
    sheet.append(HEADER)
    for row in rows(count):
        sheet.append([int(row[0]), *row[1:]])
    book.save(path)


def make_docx(path: Path, count: int) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("某县重点任务分工方案")
    table = document.add_table(rows=1, cols=len(HEADER))
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = text
    for row in rows(count):
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    document.save(str(path))


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tasks", type=int, default=10_000)
    args = parser.parse_args()
    compile_package()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        xlsx, docx_file = folder / "plan.xlsx", folder / "plan.docx"
        make_xlsx(xlsx, args.tasks)
        make_docx(docx_file, args.tasks)
        read_xlsx = (
            "import openpyxl,sys; b=openpyxl.load_workbook(sys.argv[1], data_only=True); "
            "[c.value for r in b.worksheets[0].iter_rows() for c in r]"
        )
        read_docx = (
            "import docx,sys; d=docx.Document(sys.argv[1]); "
            "[c.text for t in d.tables for r in t.rows for c in r.cells]"
        )
        toml = folder / "plan.toml"
        # (name, command, baseline, target): issue 23 asks 1.5x for .xlsx; .docx keeps 2.0.
        cases = [
            (
                "import .xlsx --dry-run",
                [*FENGGONG, "import", str(xlsx), "--dry-run"],
                [sys.executable, "-c", read_xlsx, str(xlsx)],
                1.5,
            ),
            (
                "import .xlsx -o .toml",
                [*FENGGONG, "import", str(xlsx), "-o", str(toml), "--force"],
                [sys.executable, "-c", read_xlsx, str(xlsx)],
                1.5,
            ),
            (
                "import .docx --dry-run",
                [*FENGGONG, "import", str(docx_file), "--dry-run"],
                [sys.executable, "-c", read_docx, str(docx_file)],
                2.0,
            ),
        ]
        os.environ["FENGGONG_NO_CACHE"] = "1"
        print(f"{'case':24} {'median':>8} {'baseline':>9} {'ratio':>6} {'target':>7}")
        for name, command, baseline, target in cases:
            timed(command)
            mine, base = [], []
            for _ in range(args.runs):
                mine.append(timed(command))
                base.append(timed(baseline))
            m, b = statistics.median(mine), statistics.median(base)
            print(f"{name:24} {m:7.2f}s {b:8.2f}s {m / b:6.2f} {'≤':>2} {target}")
        print(
            f"{args.tasks} tasks, {args.runs} runs each after a warm-up; Python {sys.version.split()[0]}"
        )


if __name__ == "__main__":
    main()
