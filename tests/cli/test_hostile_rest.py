"""The rest of the hostile inputs: control characters and bidi overrides in an imported
Word/Excel file are dropped and listed (so the plan then passes `check`); an impossible
date or a 5,000-digit number in a text source is bad data (exit 3); `--help` into a full
disk or a closed stdout is exit 74 with one line, never an internal error."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SOURCE, Runner, subprocess_env
from tests.hostile_files import PLAN_ROWS, docx, sheet_xml, xlsx, zip_bytes

DIRTY = ("1", "扩大\x85有效\u202e投资建设。", "张三", "县发展\u2066改革局", "县工信商务局")


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_controls_in_an_office_file_are_dropped_and_listed(
    run: Runner, tmp_cwd: Path, suffix: str
) -> None:
    rows = (PLAN_ROWS[0], DIRTY, PLAN_ROWS[2])
    if suffix == ".xlsx":
        parts = xlsx(sheet_xml(rows))
    else:
        cells = "".join(
            "<w:tr>"
            + "".join(f"<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>" for t in row)
            + "</w:tr>"
            for row in rows
        )
        parts = docx(f"<w:tbl>{cells}</w:tbl>")
    (tmp_cwd / f"plan{suffix}").write_bytes(zip_bytes(parts))
    result = run("import", f"plan{suffix}", "-o", "plan.toml", data=None)
    assert result.code == 0, result.err
    where = "plan.xlsx 分工 第 2 行" if suffix == ".xlsx" else "plan.docx 表 1 第 2 行"
    assert f"需核对：{where}：含有控制字符 U+0085，已删去\n" in result.err
    assert f"需核对：{where}：含有控制字符 U+2066，已删去\n" in result.err
    text = (tmp_cwd / "plan.toml").read_text(encoding="utf-8")
    assert 'text = "扩大有效投资建设。"' in text
    assert '"县发展改革局"' in text
    assert run("check", "plan.toml", data=None).code == 0


def test_an_impossible_date_in_a_text_plan_is_bad_data(run: Runner, tmp_cwd: Path) -> None:
    text = SOURCE.read_text(encoding="utf-8").replace("2023年3月16日", "2023年2月30日", 1)
    (tmp_cwd / "plan.txt").write_text(text, encoding="utf-8")
    result = run("import", "plan.txt", "-o", "plan.toml", data=None)
    assert (result.code, result.out) == (3, "")
    assert result.err == "fenggong: plan.txt:15：「2023年2月30日」里的日期或数字不成立\n"
    assert not (tmp_cwd / "plan.toml").exists()


@pytest.mark.parametrize("suffix", [".txt", ".csv"])
def test_a_task_number_of_5000_digits_is_bad_data(run: Runner, tmp_cwd: Path, suffix: str) -> None:
    huge = "9" * 5000
    if suffix == ".csv":
        text = f"序号,任务,责任领导,牵头单位,相关责任单位\n{huge},做事,张三,县发改局,\n"
        line = 2
    else:
        lines = SOURCE.read_text(encoding="utf-8").splitlines()
        line = next(
            n
            for n, row in enumerate(lines, start=1)
            if len(row.split("\t")) >= 6 and row.split("\t")[1].strip().isdecimal()
        )
        cells = lines[line - 1].split("\t")
        cells[1] = huge
        lines[line - 1] = "\t".join(cells)
        text = "\n".join(lines)
    (tmp_cwd / f"plan{suffix}").write_text(text, encoding="utf-8")
    result = run("import", f"plan{suffix}", "-o", "plan.toml", data=None)
    assert (result.code, result.out) == (3, "")
    assert result.err == (
        f"fenggong: plan{suffix}:{line}：序号「999999999999…」有 5000 位，不是任务的序号\n"
    )


@pytest.mark.parametrize("args", [("--help",), ("import", "--help"), ("ledger", "-h")])
@pytest.mark.parametrize("stdout", ["full", "closed"])
def test_help_into_a_full_or_closed_stdout_is_exit_74(args: tuple[str, ...], stdout: str) -> None:
    if stdout == "full" and not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    with Path("/dev/full").open("wb") if stdout == "full" else contextlib.nullcontext() as out:
        result = subprocess.run(
            [sys.executable, "-m", "fenggong", *args],
            stdout=out if stdout == "full" else None,
            stderr=subprocess.PIPE,
            env=subprocess_env(),
            timeout=60,
            check=False,
            **({"pass_fds": ()} if stdout == "full" else {"preexec_fn": _close_stdout}),
        )
    expected = (
        "fenggong: 标准输出：无法写入（No space left on device）\n"
        if stdout == "full"
        else "fenggong: 标准输出已关闭，无法输出结果；请用 -o 写入文件\n"
    )
    assert (result.returncode, result.stderr.decode()) == (74, expected)


def _close_stdout() -> None:
    os.close(1)


def test_a_heading_number_that_is_no_number_is_bad_data_or_reviewed(
    run: Runner, tmp_cwd: Path
) -> None:
    """One `cn_number` (textnorm's) for every heading: 二三、 is refused, （二三） listed."""
    text = SOURCE.read_text(encoding="utf-8")
    (tmp_cwd / "plan.txt").write_text(text.replace("\n二、", "\n二三、", 1), encoding="utf-8")
    result = run("import", "plan.txt", "-o", "plan.toml", data=None)
    assert (result.code, result.out) == (3, "")
    assert result.err.startswith("fenggong: plan.txt:46：大类标题「二三、聚力提质量拓增量")
    assert result.err.endswith("」的数字不成立\n")
    line = text[: text.index("\n（二）")].count("\n") + 2
    (tmp_cwd / "plan.txt").write_text(text.replace("\n（二）", "\n（二三）", 1), encoding="utf-8")
    result = run("import", "plan.txt", "--dry-run", data=None)
    assert result.code == 0
    assert f"需核对：plan.txt:{line}：大项标题「（二三）" in result.out
