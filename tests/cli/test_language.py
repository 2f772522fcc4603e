"""Chinese from the help frame to Click's errors, and help text that agrees with the code."""

from __future__ import annotations

import pytest
import typer

from fenggong.cli.app import COMMAND_MODULES, build_app
from fenggong.cli.options import ImportFormat, LightChoice, StatusBy
from fenggong.plan.kinds import DEFAULT_BASES, TownBasis, UnitKind
from fenggong.queries.requests import By
from tests.conftest import Runner

#: English that must never reach a user of the help.
ENGLISH = (
    "Usage",
    "Options",
    "Arguments",
    "Commands",
    "Show this message",
    "[OPTIONS]",
    "COMMAND [ARGS]",
    "<str>",
    "<as_path>",
    "<int",
    "[default:",
    "[required]",
    "Install completion",
)


@pytest.mark.parametrize("command", [(), *((name,) for name in COMMAND_MODULES)])
def test_every_help_is_chinese_from_frame_to_metavars(run: Runner, command: tuple[str]) -> None:
    result = run(*command, "--help")
    assert result.code == 0
    assert result.out.startswith(f"用法：fenggong {' '.join(command)}".rstrip() + " [选项]")
    assert "\n选项：\n" in result.out
    assert "显示这份帮助并退出。" in result.out
    assert [word for word in ENGLISH if word in result.out] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("taks",), "没有「taks」这个命令，是不是 tasks、status？"),
        (("tasks", "--lead"), "选项 --lead 后面要写一个值（用 --help 查看用法）"),
        (("tasks", "--overdue=1"), "选项 --overdue 后面不用写值（用 --help 查看用法）"),
        (("workload", "--top", "x"), "--top 的值「x」不对：应为整数"),
        (("workload", "--top", "0"), "--top 的值「0」不对：超出允许的范围"),
        (
            ("tasks", "--town", "天堂", "--basis", "named", "--basis", "x"),
            "--basis 的值「x」不对：应为 named、all_towns、relevant_mentioned、mentioned、"
            "relevant_towns 之一",
        ),
        (("collect",), "缺少台账文件（用 --help 查看用法）"),
    ],
)
def test_click_errors_in_chinese(run: Runner, args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert (result.code, result.out, result.err) == (2, "", f"fenggong: {message}\n")


def _help(command: str, option: str) -> str:
    app = typer.main.get_command(build_app(COMMAND_MODULES))
    params = app.commands[command].params  # type: ignore[attr-defined]
    (param,) = [p for p in params if option in p.opts]
    return str(param.help)


def test_basis_help_names_every_basis_and_the_default() -> None:
    text = _help("tasks", "--basis")
    for basis in TownBasis:
        assert f"{basis.value} {basis.label}" in text
    assert text.endswith(
        "默认是一定要做的几种："
        + "、".join(b.value for b in TownBasis if b in DEFAULT_BASES)
        + "。"
    )
    assert f"全部 {len(TownBasis)} 种依据" in _help("tasks", "--all-bases")


@pytest.mark.parametrize(
    ("command", "option", "values"),
    [
        ("workload", "--by", [b.value for b in By]),
        ("status", "--by", [b.value for b in StatusBy]),
        ("tasks", "--light", [c.value for c in LightChoice]),
        ("units", "--kind", [k.value for k in UnitKind]),
        ("import", "--from", [k.value for k in ImportFormat]),
    ],
)
def test_help_lists_every_choice(command: str, option: str, values: list[str]) -> None:
    text = _help(command, option)
    assert [v for v in values if v not in text] == []


def test_tasks_help_offers_only_the_formats_tasks_writes(run: Runner) -> None:
    text = run("tasks", "--help").out
    assert "<table|csv|tsv|json|jsonl|md|xlsx|docx>" in text
    assert "toml" not in text


def test_import_help_names_the_files_it_reads() -> None:
    app = typer.main.get_command(build_app(["import"]))
    (source,) = [p for p in app.commands["import"].params if p.name == "source"]  # type: ignore[attr-defined]
    text = str(source.help)
    for suffix in (".docx", ".xlsx", ".csv", ".txt"):
        assert suffix in text
