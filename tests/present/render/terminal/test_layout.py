"""Column widths of the terminal table: names and dates kept whole where a column can hold
them, spare columns left out first (saying so), then one field a line."""

from __future__ import annotations

import io
import re

from rich.console import Console

from fenggong.present.answers.tasks import ID, LEAD_UNITS, LEADERS, LIGHT, REASON, TEXT
from fenggong.present.render.terminal.table import GridTable
from fenggong.present.view import Column, Grid, Kind, View

BEHIND = Column("behind", "落后单位", Kind.NAMES, min_width=8, spare=True)
#: Red and yellow tasks as `status` and `notice` list them.
LIGHTS = View(
    (ID, TEXT, LEAD_UNITS, LEADERS, LIGHT, REASON, BEHIND),
    (
        (
            2,
            "突出稳保重点行业重点企业，深化落实“一企一策”制度。",
            ("县工信商务局", "县文广旅体局"),
            ("伍树全", "梁雄伟"),
            "红",
            "县工信商务局：连续两期滞后或未报送；县文广旅体局：2023-06 未启动",
            ("县工信商务局", "县文广旅体局"),
        ),
        (
            3,
            "大力推进企业“小升规”。",
            ("县人力资源社会保障局",),
            ("梁雄伟",),
            "红",
            "已超期（截止 2023-06-30）",
            ("县人力资源社会保障局",),
        ),
    ),
)


def draw(view: View, width: int) -> list[str]:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(GridTable.of(Grid(view, title="红灯、黄灯任务"), ascii_only=True))
    return console.file.getvalue().splitlines()  # type: ignore[attr-defined]


def test_at_80_columns_the_spare_column_gives_way_before_names_and_dates() -> None:
    # The reason breaks after a unit's 、，；： and before its bracket, never inside a date.
    assert draw(LIGHTS, 80) == [
        "红灯、黄灯任务",
        "  序号   任务               牵头单位            责任领导   灯   原因",
        " " + "-" * 77,
        "     2   突出稳保重点行业   县工信商务局、      伍树全、   红   县工信商务局：",
        "         重点企业，深化落   县文广旅体局        梁雄伟          连续两期滞后或",
        "         实“一企一策”制                                         未报送；",
        "         度。                                                   县文广旅体局：",
        "                                                                2023-06 未启动",
        "",
        "     3   大力推进企业“小    县人力资源社会保    梁雄伟     红   已超期（截止",
        "         升规”。            障局                                2023-06-30）",
        "终端较窄，未显示“落后单位”列；加宽终端或写入文件（-o）可看到",
    ]


def test_a_name_wider_than_its_columns_widest_is_whole_where_there_is_room() -> None:
    # 牵头单位 is drawn at most 16 cells wide, but 县人力资源社会保障局 (20) fits at 120.
    lines = draw(LIGHTS, 120)
    assert "落后单位" in lines[1]
    assert lines[9].split() == [
        "3",
        "大力推进企业“小升规”。",
        "县人力资源社会保障局",
        "梁雄伟",
        "红",
        "已超期（截止",
        "县人力资源社会保障局",
    ]
    assert lines[10].strip() == "2023-06-30）"


def test_a_date_is_not_cut_where_its_column_can_hold_it() -> None:
    deadline = Column("deadline", "截止日期", Kind.NAME)
    status = Column("status", "本期状态", Kind.NAME)
    view = View(
        (ID, TEXT, deadline, status),
        (
            (5, "创新招商模式，聘请招商顾问。", "2023-12-31（年底）", "未启动"),
            (3, "大力推进企业“小升规”。", "2023-06-30（督查室）", "序时推进"),
        ),
    )
    # One cell short of every label whole: a label gives the cell, never a date (which
    # breaks away from its bracket).
    assert [line.rstrip() for line in draw(view, 50)[1:]] == [
        "  序号   任务               截止日期     本期状",
        "                                         态",
        " " + "-" * 47,
        "     5   创新招商模式，聘   2023-12-31   未启动",
        "         请招商顾问。       （年底）",
        "",
        "     3   大力推进企业“小    2023-06-30   序时推",
        "         升规”。            （督查室）   进",
    ]


def test_the_spare_column_gives_way_before_a_reasons_names_are_squeezed() -> None:
    # At 96 columns all seven fit only with the reasons squeezed to their dates (12 cells,
    # 县工信商务局： cut): leaving 落后单位 out keeps every name whole.
    lines = draw(LIGHTS, 96)
    assert lines[1].split() == ["序号", "任务", "牵头单位", "责任领导", "灯", "原因"]
    assert [re.split(r"\s{2,}", line)[-1] for line in lines[3:8]] == [
        "县工信商务局：",
        "连续两期滞后或未",
        "报送；",
        "县文广旅体局：",
        "2023-06 未启动",
    ]
    assert lines[-1] == "终端较窄，未显示“落后单位”列；加宽终端或写入文件（-o）可看到"
