"""Random arguments never produce a traceback, and exit codes stay documented.

FENGGONG_HYPOTHESIS_EXAMPLES=600 runs a longer search than CI does.
"""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Runner

#: Exit codes random input may produce; 70 (an internal error) is never among them.
DOCUMENTED = {0, 1, 2, 3}
TROUBLE = [
    "工", "信", "局", "镇", "县", "李", "彬", "籓", "簕", "ｇ", "１", "．", "　",
    "[", "]", "/", "=", "+", "-", "@", "\t", "\r", "\x00", "\u2028", "😀", "[/]", "[bold]", " ",
]  # fmt: skip
text = st.lists(
    st.one_of(st.sampled_from(TROUBLE), st.characters(blacklist_categories=("Cs",))), max_size=8
).map("".join)
OPTIONS = [
    "--leader",
    "--lead",
    "--unit",
    "--town",
    "--keyword",
    "--section",
    "--category",
    "--columns",
]
SETTINGS = settings(
    max_examples=int(os.environ.get("FENGGONG_HYPOTHESIS_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@SETTINGS
@given(pairs=st.lists(st.tuples(st.sampled_from(OPTIONS), text), min_size=1, max_size=3))
def test_random_filters_never_crash(run: Runner, pairs: list[tuple[str, str]]) -> None:
    args = [item for pair in pairs for item in pair]
    result = run("tasks", *args, "--format", "json")
    assert result.code in DOCUMENTED
    assert "Traceback" not in result.err
    assert "内部错误" not in result.err
    if result.code == 0:
        json.loads(result.out)
    else:
        assert result.out == ""
        assert result.err.endswith("\n")
        assert result.err.splitlines()[-1].startswith("fenggong: ")


@SETTINGS
@given(args=st.lists(text, max_size=4))
def test_random_argv_never_crashes(run: Runner, args: list[str]) -> None:
    result = run(*args)
    assert result.code in DOCUMENTED
    assert "Traceback" not in result.err
    assert "内部错误" not in result.err


@SETTINGS
@given(name=text)
def test_random_brief_names_never_crash(run: Runner, name: str) -> None:
    result = run("brief", name, "--format", "json")
    assert result.code in DOCUMENTED
    if result.code == 0:
        json.loads(result.out)


@pytest.mark.parametrize(
    "args",
    [
        ("tasks", "--lead", "x" * 100_000),
        ("tasks", "--keyword", "污" * 100_000),
        ("tasks", "--town", "\x00"),
        ("tasks", "--unit", "[/]"),
        ("tasks", "--keyword", "[bold]"),
        ("show", "99999999999999999999"),
        ("show", "-1"),
        ("tasks", "--section", ""),
        ("tasks", "--limit", "0", "-k", "a", "--fuzzy"),
    ],
)
def test_hostile_arguments(run: Runner, args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.code in DOCUMENTED
    assert "Traceback" not in result.err
    assert "内部错误" not in result.err
    assert result.err.count("\n") <= 2


def test_markup_in_input_is_printed_as_text(run: Runner) -> None:
    result = run("tasks", "--unit", "[bold]x[/]")
    assert result.code == 2
    assert "「[bold]x[/]」" in result.err


def test_control_characters_in_messages_are_escaped(run: Runner) -> None:
    result = run("tasks", "--leader", "工\r\n\u2028x")
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert "工\\r\\n\\u2028x" in result.err


COMMANDS = ["tasks", "show", "workload", "brief", "overlap", "overview", "units", "towns", "export"]
ANY_OPTION = [
    *OPTIONS,
    "--format",
    "--by",
    "--top",
    "--kind",
    "--basis",
    "--any",
    "--limit",
    "--fuzzy",
    "-o",
]


@SETTINGS
@given(
    command=st.sampled_from(COMMANDS),
    words=st.lists(st.one_of(st.sampled_from(ANY_OPTION), text), max_size=5),
)
def test_random_commands_never_crash(
    run: Runner, tmp_cwd: object, command: str, words: list[str]
) -> None:
    result = run(command, *words)
    assert result.code in DOCUMENTED
    assert "Traceback" not in result.err
    assert "内部错误" not in result.err


@pytest.mark.parametrize("option", ["-o", "--data"])
def test_nul_in_a_path_is_one_line_naming_it(run: Runner, option: str) -> None:
    result = run("tasks", option, "x\x00.csv")
    assert result.code == (2 if option == "-o" else 3)
    assert result.out == ""
    assert result.err == "fenggong: x\\x00.csv：文件名无效（含有空字符）\n"
