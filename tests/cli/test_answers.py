"""Answers a user found misleading (issue 18, item 6), each pinned exactly."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rich.cells import cell_len

from fenggong.plan.model import Plan
from tests.cli.test_pty import in_terminal
from tests.conftest import Runner


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_a_town_asked_as_a_unit_gets_its_basis_on_every_row(run: Runner) -> None:
    result = run("tasks", "--unit", "天堂", "--format", "csv")
    table = rows(result.out)
    assert table[0][-1] == "依据"
    assert "角色" not in table[0]
    assert len(table) - 1 == 60
    assert all(row[-1] for row in table[1:])  # no blank cell
    assert (table[1][0], table[1][-1]) == ("1", "各镇")
    both = rows(run("tasks", "--unit", "天堂", "--unit", "住建", "--format", "csv").out)
    assert both[0][-2:] == ["角色", "依据"]
    assert all(row[-2] and row[-1] for row in both[1:])


@pytest.mark.parametrize(
    ("keyword", "ranked"),
    [
        ("污水处理", [("57", "90"), ("55", "45"), ("59", "45")]),
        ("生活污水处理", [("57", "90"), ("59", "60")]),
        ("污水", [("57", "100"), ("59", "100")]),
        ("生活管网", [("57", "90"), ("59", "45"), ("60", "45")]),
    ],
)
def test_fuzzy_ranks_the_words_of_the_keyword(
    run: Runner, keyword: str, ranked: list[tuple[str, str]]
) -> None:
    result = run("tasks", "-k", keyword, "--fuzzy", "--columns", "id,score", "--format", "csv")
    assert result.code == 0, result.err
    assert [tuple(r) for r in rows(result.out)[1:]] == ranked


def test_show_gives_each_town_one_basis_the_strongest(run: Runner) -> None:
    text = run("show", "22", "--format", "table").out
    (line,) = [line for line in text.splitlines() if "天堂镇" in line and "（" in line]
    assert "天堂镇（相关镇(点到本镇)）" in line
    (record,) = json.loads(run("show", "22", "--format", "json").out)
    assert record["town_bases"]["天堂镇"] == "relevant_mentioned"
    assert record["town_bases"]["新城镇"] == "relevant_towns"
    listed = json.loads(run("tasks", "--town", "天堂", "--format", "json").out)
    assert [t["town_basis"] for t in listed if t["id"] == 22] == ["relevant_mentioned"]


NOTE = "另有 16 项写的是“相关镇政府”（未点到本镇），加 --all-bases 一并查看"


def test_the_note_on_left_out_tasks_goes_inside_the_file(run: Runner, tmp_cwd: Path) -> None:
    import docx
    import openpyxl

    for suffix in ("xlsx", "docx", "md", "csv"):
        result = run("tasks", "--town", "大江", "-o", f"大江镇任务.{suffix}")
        assert result.code == 0, result.err
        assert result.err == f"大江 → 大江镇\n{NOTE}\n"
    book = openpyxl.load_workbook(tmp_cwd / "大江镇任务.xlsx")
    assert book.active is not None
    assert str(book.active["A1"].value).splitlines()[1] == NOTE
    paragraphs = [p.text for p in docx.Document(str(tmp_cwd / "大江镇任务.docx")).paragraphs]
    assert f"共 58 项；{NOTE}" in paragraphs
    md = (tmp_cwd / "大江镇任务.md").read_text(encoding="utf-8")
    assert md.startswith(f"> {NOTE}\n\n| 序号 |")
    assert NOTE not in (tmp_cwd / "大江镇任务.csv").read_text(encoding="utf-8-sig")


def test_brief_of_a_task_number_points_to_show(run: Runner) -> None:
    result = run("brief", "57")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "fenggong: 「57」是任务序号：简报按单位、领导或镇出；看第 57 项请用 fenggong show 57\n"
    )


def test_show_json_has_the_task_schema_of_tasks_and_export(run: Runner) -> None:
    (shown,) = json.loads(run("show", "57", "--format", "json").out)
    (listed,) = [t for t in json.loads(run("tasks", "-f", "json").out) if t["id"] == 57]
    exported = json.loads(run("export", "--format", "json").out)
    (dataset,) = [t for t in exported["tasks"] if t["id"] == 57]
    assert "towns" not in shown
    assert set(shown) - {"town_bases"} == set(listed)
    assert {k: shown[k] for k in listed} == listed
    assert {"id", "text", "leaders", "lead_units", "related_units"} <= set(dataset)


def test_workload_at_80_columns_narrows_the_bar_before_names(plan: Plan) -> None:
    out = in_terminal(["workload", "--by", "unit", "--format", "table"], 80)
    lines = out.splitlines()
    assert all(cell_len(line) <= 80 for line in lines)
    ranked = [u.name for u in plan.units if cell_len(u.name) <= 20]
    for name in ("县财政局", "县住房城乡建设局", "县人力资源社会保障局", "市生态环境局新兴分局"):
        assert name in ranked
        assert any(line.strip().startswith(name) for line in lines), name
    # the collective names' table keeps a bar, narrower than the 24 cells it has when wide
    (top,) = [line for line in lines if line.strip().startswith("各镇政府")]
    assert 8 <= top.count("█") < 24


def test_brief_at_80_columns_keeps_headers_and_names_whole(plan: Plan) -> None:
    out = in_terminal(["brief", "住建", "--format", "table"], 80)
    lines = out.splitlines()
    assert all(cell_len(line) <= 80 for line in lines)
    headers = [line for line in lines if line.strip().startswith("序号")]
    assert headers
    assert all("责任领导" in line for line in headers)
    led = [t for t in plan.tasks if "县住房城乡建设局" in t.lead_units]
    for task in led:  # no unit name cut in two
        for name in (*task.lead_units, *task.related_units):
            if cell_len(name) <= 22:
                assert any(name in line for line in lines), name
