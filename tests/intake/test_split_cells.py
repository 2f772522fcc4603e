"""Pasted tables whose cells a line break split (issue 21): a header cell broken across two
lines (牵头 / 单位) is joined again; rows numbered （1）（2） under a numbered task are its
sub-items, joined into it and each named for review, the tasks keeping their numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from fenggong.plan.load import load_plan
from tests.conftest import Runner

BODY = "1\t推进老旧小区改造。\t县住建局\t县财政局\n2\t做好防汛工作。\t县水利局\t县应急局\n"
FIELDS = "格式：表格（序号→序号，重点任务→任务，牵头单位→牵头单位，配合单位→相关责任单位）\n"


@pytest.mark.parametrize(
    "header",
    [
        "序号\t重点任务\t牵头\n单位\t配合单位\n",  # broken in the middle of the row
        "序号\t重点任务\t牵头单位\t配合\n单位\n",  # broken in its last cell
        "序号\t重点\n任务\t牵头单位\t配合单位\n",
    ],
)
def test_a_header_cell_broken_by_a_line_break_is_joined(
    run: Runner, tmp_cwd: Path, header: str
) -> None:
    (tmp_cwd / "plan.txt").write_text(header + BODY, encoding="utf-8")
    shown = run("import", "plan.txt", "--dry-run", data=None).out
    assert shown.startswith(FIELDS)
    assert "对不准" not in shown
    result = run("import", "plan.txt", "-o", "plan.toml", data=None)
    assert result.code == 0, result.err
    plan = load_plan(tmp_cwd / "plan.toml")
    assert [(t.id, t.lead_units, t.related_units) for t in plan.tasks] == [
        (1, ("县住建局",), ("县财政局",)),
        (2, ("县水利局",), ("县应急局",)),
    ]
    assert [s.title for s in plan.sections] == [plan.sections[0].title]  # no 「单位」 heading


def test_a_header_under_a_parent_is_not_joined(run: Runner, tmp_cwd: Path) -> None:
    text = "序号\t重点任务\t责任分工\t完成时限\n牵头单位\t配合单位\n"
    text += "1\t推进老旧小区改造。\t县住建局\t县财政局\t6月底\n"
    (tmp_cwd / "plan.txt").write_text(text, encoding="utf-8")
    result = run("import", "plan.txt", "--dry-run", data=None)
    assert result.out.startswith(
        "格式：表格（序号→序号，重点任务→任务，责任分工/牵头单位→牵头单位，"
        "责任分工/配合单位→相关责任单位，完成时限→其他列）\n"
    )


@pytest.mark.parametrize("in_number_column", [True, False])
def test_sub_items_under_a_numbered_task_are_joined_and_named(
    run: Runner, tmp_cwd: Path, in_number_column: bool
) -> None:
    subs = ["（1）\t完成改造100个小区。", "（2）\t完成加装电梯20部。"]
    if not in_number_column:
        subs = ["\t" + s.replace("\t", "") for s in subs]
    lines = BODY.splitlines()
    text = "序号\t重点任务\t牵头单位\t配合单位\n" + "\n".join(
        [lines[0], f"{subs[0]}\t县住建局\t", f"{subs[1]}\t\t", lines[1]]
    )
    (tmp_cwd / "plan.txt").write_text(text, encoding="utf-8")
    result = run("import", "plan.txt", "-o", "plan.toml", data=None)
    assert result.code == 0, result.err
    assert "需核对：plan.txt:3：「（1）」读作第 1 项的子项，并入该项，请核对\n" in result.err
    assert "需核对：plan.txt:4：「（2）」读作第 1 项的子项，并入该项，请核对\n" in result.err
    assert "重新编号" not in result.err
    plan = load_plan(tmp_cwd / "plan.toml")
    assert [(t.id, t.text, t.lead_units) for t in plan.tasks] == [
        (1, "推进老旧小区改造。（1）完成改造100个小区。（2）完成加装电梯20部。", ("县住建局",)),
        (2, "做好防汛工作。", ("县水利局",)),
    ]


def test_a_plan_numbering_its_tasks_in_brackets_keeps_them_apart(
    run: Runner, tmp_cwd: Path
) -> None:
    text = "序号\t重点任务\t牵头单位\t配合单位\n" + BODY.replace("1\t", "（1）\t", 1).replace(
        "2\t", "（2）\t", 1
    )
    (tmp_cwd / "plan.txt").write_text(text, encoding="utf-8")
    result = run("import", "plan.txt", "-o", "plan.toml", data=None)
    assert result.code == 0, result.err
    assert "子项" not in result.err
    assert len(load_plan(tmp_cwd / "plan.toml").tasks) == 2


@pytest.mark.parametrize("text", ["\n(一)", "\n\n序号\n"])
def test_empty_rows_before_a_one_cell_row_are_no_header(
    run: Runner, tmp_cwd: Path, text: str
) -> None:
    (tmp_cwd / "plan.csv").write_text(text, encoding="utf-8")
    result = run("import", "plan.csv", "--dry-run", data=None)
    assert result.code == 2
    assert "认不出方案的格式" in result.err
