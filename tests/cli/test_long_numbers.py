"""A 序号 of 5,000 digits is refused (exit 3, file and row named) on every path a 序号
takes: a pasted table, a CSV of other columns, a Word table, an Excel sheet, and the
workbook fenggong exports (issue 21) — never renumbered to 1, never an internal error."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tests.conftest import MINI, Runner
from tests.hostile_files import docx, sheet_xml, xlsx, zip_bytes

HUGE = "9" * 5000
ROWS = (
    ("序号", "重点任务", "牵头单位", "责任单位"),
    (HUGE, "推进老旧小区改造。", "县住建局", "县财政局"),
    ("2", "做好防汛工作。", "县水利局", "县应急局"),
)
REFUSED = "序号「999999999999…」有 5000 位，不是任务的序号"


def _write(folder: Path, suffix: str) -> str:
    """The plan file with the huge 序号 in its first task; where the refusal points."""
    path = folder / f"plan{suffix}"
    if suffix == ".txt":
        path.write_text("\n".join("\t".join(r) for r in ROWS), encoding="utf-8")
        return "plan.txt:2"
    if suffix == ".csv":
        path.write_text("\n".join(",".join(r) for r in ROWS), encoding="utf-8")
        return "plan.csv:2"
    if suffix == ".xlsx":
        path.write_bytes(zip_bytes(xlsx(sheet_xml(ROWS))))
        return "plan.xlsx 分工 第 2 行"
    cells = "".join(
        "<w:tr>"
        + "".join(f"<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>" for t in row)
        + "</w:tr>"
        for row in ROWS
    )
    path.write_bytes(zip_bytes(docx(f"<w:tbl>{cells}</w:tbl>")))
    return "plan.docx 表 1 第 2 行"


@pytest.mark.parametrize("suffix", [".txt", ".csv", ".xlsx", ".docx"])
def test_a_5000_digit_number_in_a_table_is_refused(run: Runner, tmp_cwd: Path, suffix: str) -> None:
    where = _write(tmp_cwd, suffix)
    result = run("import", f"plan{suffix}", "-o", "plan.toml", data=None)
    assert (result.code, result.out) == (3, "")
    assert result.err == f"fenggong: {where}：{REFUSED}\n"
    assert not (tmp_cwd / "plan.toml").exists()


def test_a_5000_digit_number_in_an_exported_workbook_is_refused(run: Runner, tmp_cwd: Path) -> None:
    assert run("export", "-f", "xlsx", "-o", "plan.xlsx", data=MINI).code == 0
    book = openpyxl.load_workbook(tmp_cwd / "plan.xlsx")
    book["任务"]["A3"].value = HUGE
    book.save(tmp_cwd / "plan.xlsx")
    result = run("import", "plan.xlsx", "-o", "plan.toml", data=None)
    assert (result.code, result.out) == (3, "")
    assert result.err == f"fenggong: plan.xlsx 任务 第 3 行：{REFUSED}\n"


def test_a_long_number_that_is_no_number_is_quoted_short(run: Runner, tmp_cwd: Path) -> None:
    rows = "\n".join("\t".join(r) for r in ROWS).replace(HUGE, "A" * 5000)
    (tmp_cwd / "plan.txt").write_text(rows, encoding="utf-8")
    result = run("import", "plan.txt", "--dry-run", data=None)
    assert result.code == 0
    line = next(x for x in result.out.splitlines() if "重新编号" in x)
    assert line.endswith("：plan.txt:2「AAAAAAAAAAAA…（5000 个字）」→ 1")
