"""The terminal tables, drawn on a console of known width."""

from __future__ import annotations

import io
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console

from fenggong.export import Table
from fenggong.render import summary_table, task_listing

from .conftest import Runner

TASKS = Table(
    columns=(("id", "序号"), ("text", "任务"), ("lead_units", "牵头单位")),
    records=(
        {
            "id": 7,
            "text": "抓住RCEP机遇，推动外贸企业参展，力争引进1个投资30亿元以上项目。",
            "lead_units": ["县工信商务局", "县发展改革局"],
        },
        {"id": 12, "text": "稳外贸。", "lead_units": ["县财政局"]},
    ),
)


def draw(renderable: object, width: int, *, color: bool = False) -> str:
    console = Console(
        file=io.StringIO(),
        width=width,
        color_system="standard" if color else None,
        force_terminal=color,
    )
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined]


def test_task_table_breaks_lines_the_way_chinese_is_set() -> None:
    out = draw(task_listing(TASKS, count=2, ascii_only=True), 44)
    assert out.splitlines() == [
        "  序号   任务               牵头单位",
        " " + "-" * 41,
        "     7   抓住RCEP机遇，推   县工信商务局、",
        "         动外贸企业参展，   县发展改革局",
        "         力争引进1个投资",
        "         30亿元以上项目。",
        "",
        "    12   稳外贸。           县财政局",
        "共 2 项",
    ]


def test_highlight_follows_the_text_across_a_line_break() -> None:
    out = draw(task_listing(TASKS, count=2, highlight=["外贸企业"]), 44, color=True)
    assert "\x1b[1;7m外贸企业\x1b[0m" in out
    # At 36 cells the word is cut by the line break; both halves stay highlighted.
    narrow = draw(task_listing(TASKS, count=2, highlight=["推动外贸"]), 36, color=True)
    assert "\x1b[1;7m推\x1b[0m" in narrow
    assert "\x1b[1;7m动外贸\x1b[0m" in narrow


def test_summary_bars_scale_to_the_largest_value() -> None:
    table = Table(
        columns=(("name", "单位"), ("tasks", "任务数")),
        records=({"name": "县财政局", "tasks": 8}, {"name": "县统计局", "tasks": 2}),
    )
    out = draw(summary_table(table, title="工作量", ascii_only=True, bar_key="tasks"), 60)
    assert out.splitlines() == [
        "工作量",
        "  单位       任务数",
        " " + "-" * 45,
        "  县财政局        8   " + "#" * 24,
        "  县统计局        2   " + "#" * 6,
    ]


def test_a_title_wider_than_the_console_is_broken_not_cropped() -> None:
    table = Table(columns=(("name", "单位"),), records=({"name": "县财政局"},))
    out = draw(summary_table(table, title="配合的任务（按牵头单位）"), 16)
    assert out.splitlines()[:2] == ["配合的任务（按牵", "头单位）"]


def test_the_task_text_gets_a_quarter_of_a_roomy_console() -> None:
    record = {
        "id": 2,
        "section": "1.1",
        "text": "突出稳保重点行业重点企业，深化落实“一企一策”“领导挂点”“首问负责”等制度。" * 2,
        "leaders": ["伍树全", "梁志莲"],
        "lead_units": ["县工信商务局", "县农业农村局"],
        "related_units": ["县委组织部", "县发展改革局", "县科技局", "县人力资源社会保障局"],
    }
    table = Table(
        columns=(
            ("id", "序号"),
            ("section", "大项编号"),
            ("text", "任务"),
            ("leaders", "责任领导"),
            ("lead_units", "牵头单位"),
            ("related_units", "相关责任单位"),
        ),
        records=(record,),
    )

    def text_width(console_width: int) -> int:
        header = draw(task_listing(table, count=1), console_width).splitlines()[0]
        start = cell_len(header[: header.index("任务")])
        return cell_len(header[: header.index("责任领导")]) - start - 3

    # 100 // 4 = 25 cells, taken from the lists of names; every header stays whole.
    assert text_width(100) == 25
    header = draw(task_listing(table, count=1), 100).splitlines()[0]
    assert header.split() == ["序号", "大项编号", "任务", "责任领导", "牵头单位", "相关责任单位"]
    # Too narrow for that: the text falls back to its minimum of 16 cells.
    assert text_width(80) == 16


CELL_TEXT = st.text(
    alphabet=st.sampled_from(list("县财政局稳增长，。、“”（）RCEP 2023 abc😀\u0301\u3000[/]")),
    max_size=40,
)


@settings(max_examples=int(os.environ.get("FENGGONG_HYPOTHESIS_EXAMPLES", "60")), deadline=None)
@given(
    rows=st.lists(
        st.tuples(CELL_TEXT, st.lists(CELL_TEXT, max_size=4), st.integers(0, 999)), max_size=4
    ),
    width=st.integers(min_value=40, max_value=160),
    highlight=st.lists(CELL_TEXT, max_size=2),
)
def test_any_table_fits_its_console(
    rows: list[tuple[str, list[str], int]], width: int, highlight: list[str]
) -> None:
    table = Table(
        columns=(("id", "序号"), ("text", "任务"), ("lead_units", "牵头单位")),
        records=tuple({"id": n, "text": t, "lead_units": names} for t, names, n in rows),
    )
    out = draw(task_listing(table, count=len(rows), highlight=highlight), width)
    assert all(cell_len(line) <= width for line in out.splitlines())
    # Alone in a table, each text comes out whole, in order, line after line.
    for text, _, _ in rows:
        alone = Table(columns=(("text", "任务"),), records=({"text": text},))
        lines = draw(task_listing(alone, count=1, highlight=highlight), width).splitlines()
        assert all(cell_len(line) <= width for line in lines)
        body = "".join(line.strip(" ") for line in lines[2:-1])
        assert body.replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize("columns", [1, 10, 24, 39])
@pytest.mark.parametrize(
    "args", [("tasks", "--lead", "工信"), ("brief", "工信"), ("workload",), ("show", "3")]
)
def test_a_terminal_narrower_than_any_table_crops_it(
    run: Runner, monkeypatch: pytest.MonkeyPatch, columns: int, args: tuple[str, ...]
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    result = run(*args, "--format", "table")
    assert result.code == 0
    assert result.out
    assert all(cell_len(line) <= columns for line in result.out.splitlines())
