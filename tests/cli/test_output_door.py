"""Every command's answer goes out through one door (`with_output`): a `-o` extension that
does not match what the command writes is refused the same way everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Runner


@pytest.mark.parametrize(
    ("args", "accepted", "given"),
    [
        (("ledger", "--lead", "工信", "--period", "2024-05", "-o", "led.csv"), "xlsx", "csv"),
        (("ledger", "--lead", "工信", "--period", "2024-05", "-o", "led.docx"), "xlsx", "docx"),
        (("import", "PLAN", "-o", "plan.json"), "toml", "json"),
        (("brief", "工信", "-o", "b.csv"), "table、md、json、xlsx、docx", "csv"),
        (("notice", "--period", "2024-05", "-o", "n.csv"), "table、md、json、xlsx、docx", "csv"),
        (("export", "-o", "all.md"), "toml、json、csv、xlsx", "md"),
    ],
)
def test_a_mismatched_extension_is_refused_and_nothing_written(
    run_mini: Runner, tmp_cwd: Path, args: tuple[str, ...], accepted: str, given: str
) -> None:
    from tests.conftest import SOURCE

    result = run_mini(*(str(SOURCE) if a == "PLAN" else a for a in args))
    assert (result.code, result.out) == (2, "")
    assert result.err.endswith(f"fenggong: 这个命令只支持 {accepted} 格式，不支持 {given}\n")
    assert [p.name for p in tmp_cwd.iterdir() if p.suffix == f".{given}"] == []


def test_a_ledger_to_xlsx_is_still_written(run_mini: Runner, tmp_cwd: Path) -> None:
    result = run_mini("ledger", "--lead", "工信", "--period", "2024-05", "-o", "led.xlsx")
    assert result.code == 0, result.err
    assert (tmp_cwd / "led.xlsx").read_bytes()[:2] == b"PK"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("tasks", "--light", "紫"), "--light 的值「紫」不对：应为 红、黄、蓝、绿 之一"),
        (("status", "--by", "x"), "--by 的值「x」不对：应为 unit、leader、town、task 之一"),
        (
            ("ledger", "--period", "2024-05", "--split-by", "town", "-o", "d"),
            "--split-by 的值「town」不对：应为 unit 之一",
        ),
        (
            ("tasks", "-f", "toml"),
            "这个命令只支持 table、csv、tsv、json、jsonl、md、xlsx、docx 格式，不支持 toml",
        ),
    ],
)
def test_choices_are_checked_where_options_are_parsed(
    run_mini: Runner, args: tuple[str, ...], message: str
) -> None:
    result = run_mini(*args)
    assert (result.code, result.out, result.err) == (2, "", f"fenggong: {message}\n")


def test_writing_over_the_data_file_is_refused_for_the_default_data_too(
    run: Runner, tmp_cwd: Path
) -> None:
    from tests.conftest import DATA

    before = DATA.read_bytes()
    result = run("export", "-o", str(DATA), "--force")
    assert (result.code, result.err) == (
        2,
        f"fenggong: {DATA}：这是正在读取的数据文件，不能写在它上面；请换一个文件名\n",
    )
    assert DATA.read_bytes() == before
