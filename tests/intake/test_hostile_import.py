"""No input makes import fail with anything but a one-line message and a documented code."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Runner

HEADER = "序号,任务,分管领导,牵头单位,责任单位\n"
PIECES = [
    "1", "²", "80", "(一)", "一、", "1.", "牵头单位:", "责任单位:", "分管领导:", "部门分工:", "\t",
    ",", "、", "(", ")", "[", "]", "县财政局", "各镇", "等", "\n", "\r", "\x00", "\x1b", "😀",
    "列第一位者为牵头", "年底前", "2月30日", "于会游市长主抓重点工作", " ", "\u3000", "\"",
]  # fmt: skip
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)), max_size=40).map("".join)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("short.csv", HEADER + "1,推进项目建设。\n2\n"),
        ("long.csv", HEADER + "1," + "长" * 200_000 + ",张三,县财政局,县统计局\n"),
        ("date.csv", "序号,任务,牵头单位,完成时限\n1,推进项目建设。,县财政局,2023年2月30日前\n"),
        ("super.csv", HEADER + "²,推进项目建设。,张三,县财政局,县统计局\n"),
        ("nul.csv", HEADER + "1,推进\x00项目。,张三,县财政局,县统计局\n"),
        ("empty.txt", ""),
        ("only-headings.txt", "一、稳增长\n（一）扩大投资\n"),
    ],
)
def test_awkward_files_import_or_fail_in_one_line(
    run: Runner, tmp_cwd: Path, name: str, content: str
) -> None:
    (tmp_cwd / name).write_text(content, encoding="utf-8")
    result = run("import", name, "--dry-run")
    assert result.code in (0, 2, 3), result.err
    assert "内部错误" not in result.err
    assert "Traceback" not in result.err
    if result.code:
        assert result.err.count("\n") == 1


def test_a_huge_cell_is_cut_and_listed(run: Runner, tmp_cwd: Path) -> None:
    (tmp_cwd / "long.csv").write_text(
        HEADER + "1," + "长" * 200_000 + ",张三,县财政局,县统计局\n", encoding="utf-8"
    )
    result = run("import", "long.csv", "-o", "plan.toml")
    assert result.code == 0, result.err
    assert run("check", "plan.toml").code == 0


SETTINGS = settings(
    max_examples=int(os.environ.get("FENGGONG_HYPOTHESIS_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@SETTINGS
@given(text=TEXT, suffix=st.sampled_from([".txt", ".csv"]))
def test_random_files_never_crash_import(
    run: Runner, tmp_path: Path, text: str, suffix: str
) -> None:
    path = tmp_path / f"plan{suffix}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    result = run("import", str(path), "--dry-run")
    assert result.code in (0, 2, 3)
    assert "内部错误" not in result.err
    assert "Traceback" not in result.err
