"""Output formats: one expected output each, BOM, formula injection, files, round trips."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from fenggong.plan.model import Plan
from fenggong.present.formats import Format
from fenggong.present.render.text import neutralise, render, to_markdown
from fenggong.present.view import Answer, Column, Grid, Kind, View
from tests.conftest import Runner

ARGS = ("tasks", "--section", "1.2", "--unit", "工信")

EXPECTED = {
    "csv": (
        "序号,大类,大类名称,大项编号,大项,任务,责任领导,牵头单位,相关责任单位,角色\n"
        "3,1,稳增长,1.2,稳定外贸,'=SUM(A1)稳定外贸，不是公式。,李四,县工信商务局,市生态环境局测试分局、西山镇政府,牵头\n"
        "4,1,稳增长,1.2,稳定外贸,推动外贸企业参展。,李四,县工信商务局,,牵头\n"
    ),
    "tsv": (
        "序号\t大类\t大类名称\t大项编号\t大项\t任务\t责任领导\t牵头单位\t相关责任单位\t角色\n"
        "3\t1\t稳增长\t1.2\t稳定外贸\t'=SUM(A1)稳定外贸，不是公式。\t李四\t县工信商务局\t市生态环境局测试分局、西山镇政府\t牵头\n"
        "4\t1\t稳增长\t1.2\t稳定外贸\t推动外贸企业参展。\t李四\t县工信商务局\t\t牵头\n"
    ),
    "jsonl": (
        '{"id": 3, "category": 1, "category_title": "稳增长", "section": "1.2", "section_title": "稳定外贸", "text": "=SUM(A1)稳定外贸，不是公式。", '
        '"leaders": ["李四"], "lead_units": ["县工信商务局"], "related_units": ["市生态环境局测试分局", "西山镇政府"], "role": "lead"}\n'
        '{"id": 4, "category": 1, "category_title": "稳增长", "section": "1.2", "section_title": "稳定外贸", "text": "推动外贸企业参展。", '
        '"leaders": ["李四"], "lead_units": ["县工信商务局"], "related_units": [], "role": "lead"}\n'
    ),
    "md": (
        "| 序号 | 大类 | 大类名称 | 大项编号 | 大项 | 任务 | 责任领导 | 牵头单位 | 相关责任单位 | 角色 |\n"
        "|---|---|---|---|---|---|---|---|---|---|\n"
        "| 3 | 1 | 稳增长 | 1.2 | 稳定外贸 | =SUM(A1)稳定外贸，不是公式。 | 李四 | 县工信商务局 | 市生态环境局测试分局、西山镇政府 | 牵头 |\n"
        "| 4 | 1 | 稳增长 | 1.2 | 稳定外贸 | 推动外贸企业参展。 | 李四 | 县工信商务局 |  | 牵头 |\n"
    ),
}


@pytest.mark.parametrize("fmt", EXPECTED)
def test_each_format_exactly(run_mini: Runner, fmt: str) -> None:
    result = run_mini(*ARGS, "--format", fmt)
    assert result.code == 0
    assert result.out == EXPECTED[fmt]


def test_json_exactly(run_mini: Runner) -> None:
    result = run_mini(*ARGS, "--format", "json")
    assert json.loads(result.out) == [json.loads(line) for line in EXPECTED["jsonl"].splitlines()]
    assert result.out.startswith(
        '[\n  {\n    "id": 3,\n    "category": 1,\n    "category_title": "稳增长",'
    )


def test_table_exactly(run_mini: Runner) -> None:
    result = run_mini(*ARGS, "--format", "table", "--ascii")
    assert result.out.splitlines() == [
        "  序号   大项编号   任务                           责任领导   牵头单位       相关责任单位                   角色",
        " " + "-" * 111,
        "     3   1.2        =SUM(A1)稳定外贸，不是公式。   李四       县工信商务局   市生态环境局测试分局、         牵头",
        "                                                                             西山镇政府",
        "",
        "     4   1.2        推动外贸企业参展。             李四       县工信商务局                                  牵头",
        "共 2 项",
    ]


def test_table_fits_a_narrow_terminal(run_mini: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.cells import cell_len

    monkeypatch.setenv("COLUMNS", "60")
    result = run_mini(*ARGS, "--format", "table")
    assert max(cell_len(line) for line in result.out.splitlines()) <= 60
    # Too narrow for the six columns: one field a line, every value whole.
    assert "相关责任单位：市生态环境局测试分局、西山镇政府" in result.out.splitlines()
    assert "角色：牵头" in result.out.splitlines()


def test_default_format_when_piped_is_csv(run_mini: Runner) -> None:
    assert run_mini(*ARGS).out == EXPECTED["csv"]


def test_header_keys(run_mini: Runner) -> None:
    result = run_mini(*ARGS, "--header", "keys", "--format", "csv")
    assert (
        result.out.splitlines()[0]
        == "id,category,category_title,section,section_title,text,leaders,lead_units,related_units,role"
    )


def test_columns_choose_and_order(run_mini: Runner) -> None:
    result = run_mini(*ARGS, "--columns", "任务,id,category_title", "--format", "tsv")
    assert result.out == (
        "任务\t序号\t大类名称\n'=SUM(A1)稳定外贸，不是公式。\t3\t稳增长\n推动外贸企业参展。\t4\t稳增长\n"
    )


def test_keyword_highlight_in_table(run_mini: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.console import Console

    from fenggong.plan.load import load_plan
    from fenggong.present.answers.tasks import ID, TEXT, task_view
    from fenggong.present.render.terminal.table import GridTable
    from fenggong.queries.filters import TaskFilter, select_tasks
    from tests.conftest import MINI

    plan = load_plan(MINI)
    rows = select_tasks(plan, TaskFilter(keywords=("ＲＣＥＰ",)))
    view = task_view(plan, rows, (ID, TEXT))
    console = Console(file=io.StringIO(), width=100, color_system="standard", force_terminal=True)
    console.print(GridTable.of(Grid(view, highlight=("rcep",))))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b[1;7mＲＣＥＰ\x1b[0m" in out


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+86", "'+86"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("县财政局", "县财政局"),
        ("", ""),
    ],
)
def test_formula_injection_is_neutralised(cell: str, expected: str) -> None:
    assert neutralise(cell) == expected


def test_markdown_escapes_pipes_and_newlines() -> None:
    view = View((Column("a", "A", Kind.TEXT),), (("x|y\nz",),))
    assert to_markdown(view) == "| A |\n|---|\n| x\\|y<br>z |\n"


@pytest.mark.parametrize(
    ("cell", "escaped"),
    [
        ("a|b", "a\\|b"),
        ("C:\\d", "C:\\\\d"),
        ("x\r\ny", "x<br>y"),
        ("行\r", "行"),
        ("县财政局", "县财政局"),
    ],
)
def test_markdown_escapes_each_cell_of_a_wide_row(cell: str, escaped: str) -> None:
    """Any one cell of several needing escape is escaped (a row is checked whole first)."""
    columns = tuple(Column(k, k.upper(), Kind.TEXT) for k in "abc")
    view = View(columns, (("左", cell, "右"), ("甲", "乙", "丙")))
    assert to_markdown(view) == (
        f"| A | B | C |\n|---|---|---|\n| 左 | {escaped} | 右 |\n| 甲 | 乙 | 丙 |\n"
    )


def test_output_file_csv_gets_bom(run_mini: Runner, tmp_cwd: Path) -> None:
    result = run_mini(*ARGS, "-o", "out.csv")
    assert (result.code, result.out) == (0, "")
    raw = (tmp_cwd / "out.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw[3:].decode().replace("\r\n", "\n") == EXPECTED["csv"]


def test_output_file_no_bom(run_mini: Runner, tmp_cwd: Path) -> None:
    run_mini(*ARGS, "-o", "out.csv", "--no-bom")
    assert not (tmp_cwd / "out.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_bom_on_stdout_on_request(run_mini: Runner) -> None:
    assert run_mini(*ARGS, "--format", "csv", "--bom").out == "\ufeff" + EXPECTED["csv"]


@pytest.mark.parametrize(
    ("name", "fmt"), [("a.json", "json"), ("a.jsonl", "jsonl"), ("a.md", "md"), ("a.tsv", "tsv")]
)
def test_output_format_from_extension(run_mini: Runner, tmp_cwd: Path, name: str, fmt: str) -> None:
    run_mini(*ARGS, "-o", name)
    written = (tmp_cwd / name).read_bytes()
    # Files meant for a spreadsheet get a BOM (Excel on Chinese Windows reads them as GBK
    # otherwise); JSON and Markdown do not.
    assert written.startswith(b"\xef\xbb\xbf") == (fmt == "tsv")
    expected = run_mini(*ARGS, "--format", fmt).out
    assert written.decode("utf-8-sig").replace("\r\n", "\n") == expected


def test_a_txt_file_is_tab_separated_with_a_bom(run_mini: Runner, tmp_cwd: Path) -> None:
    run_mini(*ARGS, "-o", "a.txt")
    assert (tmp_cwd / "a.txt").read_bytes().startswith(b"\xef\xbb\xbf\xe5\xba\x8f\xe5\x8f\xb7\t")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--basis", "mentioned"), "--basis 要和 --town 一起用，如 --town 天堂 --basis"),
        (("--all-bases",), "--all-bases 要和 --town 一起用，如 --town 天堂 --all-bases"),
        (("--limit", "3"), "--limit 要和 --fuzzy 一起用，如 -k 三甲 --fuzzy --limit 5"),
    ],
)
def test_options_that_need_a_partner_are_refused(
    run_mini: Runner, args: tuple[str, ...], message: str
) -> None:
    result = run_mini("tasks", *args)
    assert (result.code, result.out) == (2, "")
    assert result.err == f"fenggong: {message}\n"


def test_output_to_directory_is_an_error(run_mini: Runner, tmp_cwd: Path) -> None:
    (tmp_cwd / "d.csv").mkdir()
    result = run_mini(*ARGS, "-o", "d.csv")
    assert (result.code, result.out) == (2, "")
    assert result.err == "工信 → 县工信商务局\nfenggong: d.csv：这是一个目录，不能写入\n"


def test_csv_round_trip(run: Runner, plan: Plan) -> None:
    rows = list(csv.DictReader(io.StringIO(run("tasks", "--format", "csv").out)))
    assert len(rows) == 127
    for row, task in zip(rows, plan.tasks, strict=True):
        assert int(row["序号"]) == task.id
        assert row["任务"].removeprefix("'") == task.text
        assert row["责任领导"].split("、") == list(task.leaders)
        assert row["牵头单位"].split("、") == list(task.lead_units)
        assert [u for u in row["相关责任单位"].split("、") if u] == list(task.related_units)


def test_json_round_trip(run: Runner, plan: Plan) -> None:
    data = json.loads(run("tasks", "--format", "json").out)
    assert [d["id"] for d in data] == [t.id for t in plan.tasks]
    for record, task in zip(data, plan.tasks, strict=True):
        assert record["text"] == task.text
        assert record["section"] == task.section
        assert record["leaders"] == list(task.leaders)
        assert record["lead_units"] == list(task.lead_units)
        assert record["related_units"] == list(task.related_units)


def test_table_format_in_a_file_is_the_screen_drawn_160_cells_wide() -> None:
    view = View((Column("a", "单位", Kind.NAME),), (("县财政局",),))
    text = render(Answer(screen=Grid(view, caption="共 1 个"), records=view), Format.TABLE)
    assert text.splitlines() == ["  单位", " " + "─" * 9, "  县财政局", "共 1 个"]


def test_markdown_cells_of_every_kind_read_as_cell_text_says() -> None:
    """The per-column shortcut gives what `cell_text` gives, for values of any shape."""
    from fenggong.plan.kinds import Role
    from fenggong.present.view import cell_text

    columns = (
        Column("text", "T", Kind.TEXT),
        Column("names", "N", Kind.NAMES),
        Column("number", "#", Kind.NUMBER),
        Column("choice", "C", Kind.CHOICE),
        Column("counts", "K", Kind.COUNTS),
    )
    rows = (
        ("任务", ("县财政局", "县工信商务局"), 3, Role.LEAD, {"天堂镇": 2}),
        (None, ["列表", "也行"], 2.5, None, None),
        (7, (1, 2), None, "自定", {}),
        ("", (), 0, Role.RELATED, {"甲": 1, "乙": 2}),
    )
    lines = to_markdown(View(columns, rows)).splitlines()[2:]
    assert lines == [
        "| " + " | ".join(cell_text(c.kind, v) for c, v in zip(columns, row, strict=True)) + " |"
        for row in rows
    ]
    assert lines[0] == "| 任务 | 县财政局、县工信商务局 | 3 | 牵头 | 天堂镇（2） |"
    assert lines[2] == "| 7 | 1、2 |  | 自定 |  |"
