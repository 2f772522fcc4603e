"""The terminal tables, drawn on a console of known width."""

from __future__ import annotations

import io
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console

from fenggong.present.answers.tasks import ID, LEAD_UNITS, TERMINAL_COLUMNS, TEXT
from fenggong.present.render.terminal.table import GridTable
from fenggong.present.view import Column, Grid, Kind, View
from tests.conftest import Runner

TASKS = View(
    (ID, TEXT, LEAD_UNITS),
    (
        (
            7,
            "抓住RCEP机遇，推动外贸企业参展，力争引进1个投资30亿元以上项目。",
            ("县工信商务局", "县发展改革局"),
        ),
        (12, "稳外贸。", ("县财政局",)),
    ),
)
NAME = Column("name", "单位", Kind.NAME)
COUNT = Column("tasks", "任务数", Kind.NUMBER)


def task_listing(
    view: View, *, count: int, highlight: list[str] | tuple[str, ...] = (), ascii_only: bool = False
) -> GridTable:
    grid = Grid(view, caption=f"共 {count} 项", highlight=tuple(highlight))
    return GridTable.of(grid, ascii_only=ascii_only)


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
    # At 36 cells (one field a line) the words are cut by the line break; both halves stay
    # highlighted.
    narrow = draw(task_listing(TASKS, count=2, highlight=["企业参展"]), 36, color=True)
    assert "\x1b[1;7m企业参\x1b[0m" in narrow
    assert "\x1b[1;7m展\x1b[0m" in narrow


def test_summary_bars_scale_to_the_largest_value() -> None:
    view = View((NAME, COUNT), (("县财政局", 8), ("县统计局", 2)))
    out = draw(GridTable.of(Grid(view, title="工作量", bar=COUNT), ascii_only=True), 60)
    assert out.splitlines() == [
        "工作量",
        "  单位       任务数",
        " " + "-" * 45,
        "  县财政局        8   " + "#" * 24,
        "  县统计局        2   " + "#" * 6,
    ]


def test_a_title_wider_than_the_console_is_broken_not_cropped() -> None:
    view = View((NAME,), (("县财政局",),))
    out = draw(GridTable.of(Grid(view, title="配合的任务（按牵头单位）")), 16)
    assert out.splitlines()[:2] == ["配合的任务（按牵", "头单位）"]


def test_the_task_text_gets_a_quarter_of_a_roomy_console() -> None:
    row = (
        2,
        "1.1",
        "突出稳保重点行业重点企业，深化落实“一企一策”“领导挂点”“首问负责”等制度。" * 2,
        ("伍树全", "梁志莲"),
        ("县工信商务局", "县农业农村局"),
        ("县委组织部", "县发展改革局", "县科技局", "县人力资源社会保障局"),
    )
    table = View(TERMINAL_COLUMNS, (row,))

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
    table = View((ID, TEXT, LEAD_UNITS), tuple((n, t, tuple(names)) for t, names, n in rows))
    out = draw(task_listing(table, count=len(rows), highlight=highlight), width)
    assert all(cell_len(line) <= width for line in out.splitlines())
    # Alone in a table, each text comes out whole, in order, line after line.
    for text, _, _ in rows:
        alone = View((TEXT,), ((text,),))
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
