"""督办 as answers: the lights by unit, leader, town or task, and the 督查通报 draft."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from fenggong.plan.kinds import DEFAULT_BASES
from fenggong.plan.model import Plan
from fenggong.present.task_views import ID, LEAD_UNITS, LEADERS, TEXT
from fenggong.present.view import Answer, Column, Grid, Kind, Report, View, plan_label
from fenggong.progress.model import Period, Status

if TYPE_CHECKING:
    from fenggong.queries.lights import TaskLight

GROUPS = {"unit": "牵头单位", "leader": "责任领导", "town": "镇", "task": "任务"}
_COUNT = Column("count", "", Kind.NUMBER)
_LIGHTS = ("红", "黄", "蓝", "绿")


def _groups(plan: Plan, light: TaskLight, by: str) -> tuple[str, ...]:
    task = light.task
    if by == "unit":
        return task.lead_units
    if by == "leader":
        return task.leaders or ("（未列领导）",)
    if by == "town":
        return tuple(t for t, bases in plan.town_bases(task).items() if bases[0] in DEFAULT_BASES)
    return (str(task.id),)


def status_answer(
    plan: Plan, task_lights: Sequence[TaskLight], by: str, as_of: dt.date, period: Period | None
) -> Answer:
    """The lights: counts per group, then every red and yellow task with its reason."""
    label = plan_label(plan.meta)
    total = Counter(x.light.value for x in task_lights)
    when = f"截至 {as_of.isoformat()}" + (f"，报送期 {period}" if period else "，尚无报送")
    facts = "；".join(f"{c} {total.get(c, 0)} 项" for c in _LIGHTS) + f"（{when}）"
    behind = View(
        (
            ID,
            TEXT,
            LEAD_UNITS,
            LEADERS,
            Column("light", "灯", Kind.NAME),
            Column("reason", "原因", Kind.NAME),
        ),
        tuple(
            (x.task.id, x.task.text, x.task.lead_units, x.task.leaders, x.light.value, x.reason)
            for x in task_lights
            if x.light.value in ("红", "黄")
        ),
    )
    if by == "task":
        view = View(
            (
                ID,
                TEXT,
                LEAD_UNITS,
                Column("deadline", "截止日期", Kind.NAME),
                Column("status", "本期状态", Kind.NAME),
                Column("light", "灯", Kind.NAME),
                Column("reason", "原因", Kind.NAME),
            ),
            tuple(
                (
                    x.task.id,
                    x.task.text,
                    x.task.lead_units,
                    x.deadline.isoformat(),
                    x.status.value if x.status else "未报送",
                    x.light.value,
                    x.reason,
                )
                for x in task_lights
            ),
        )
    else:
        counts: dict[str, Counter[str]] = {}
        for light in task_lights:
            for group in _groups(plan, light, by):
                counts.setdefault(group, Counter())[light.light.value] += 1
        view = View(
            (
                Column("name", GROUPS[by], Kind.NAME),
                *(_COUNT._replace(key=c, header=c) for c in _LIGHTS),
                _COUNT._replace(key="total", header="合计"),
            ),
            tuple(
                (name, *(c[x] for x in _LIGHTS), sum(c.values()))
                for name, c in sorted(
                    counts.items(), key=lambda kv: (-kv[1]["红"], -kv[1]["黄"], kv[0])
                )
            ),
        )
    parts = (
        Grid(view, title=f"按{GROUPS[by]}"),
        Grid(behind, title=f"红灯、黄灯任务（{len(behind.rows)} 项）"),
    )
    document = {
        "as_of": as_of.isoformat(),
        "period": str(period) if period else None,
        "counts": {c: total.get(c, 0) for c in _LIGHTS},
        "tasks": [
            {
                "id": x.task.id,
                "light": x.light.value,
                "reason": x.reason,
                "status": x.status.value if x.status else None,
                "deadline": x.deadline.isoformat(),
                "missing": list(x.missing),
            }
            for x in task_lights
        ],
    }
    report = Report(heading=f"督办亮灯（{when}）", facts=facts, parts=parts)
    return Answer(
        screen=report,
        records=view,
        document=document,
        markdown=report,
        title=f"督办亮灯（按{GROUPS[by]}）",
        plan=label,
        sheets=(parts[1],),
    )


def notice_answer(plan: Plan, task_lights: Sequence[TaskLight], period: Period) -> Answer:
    """The 督查通报 draft for a period: totals by status, the lagging and overdue tasks with
    their lead units and leaders, and who did not report."""
    statuses = Counter(x.status.value if x.status else "未报送" for x in task_lights)
    order = [s.value for s in Status] + ["未报送"]
    totals = View(
        (Column("status", "状态", Kind.NAME), _COUNT._replace(key="tasks", header="任务数")),
        tuple((s, statuses[s]) for s in order if statuses.get(s)),
    )
    behind = [x for x in task_lights if x.light.value == "红" or x.status is Status.LAGGING]
    lagging = View(
        (ID, TEXT, LEAD_UNITS, LEADERS, Column("reason", "情况", Kind.NAME)),
        tuple(
            (x.task.id, x.task.text, x.task.lead_units, x.task.leaders, x.reason) for x in behind
        ),
    )
    silent: dict[str, list[int]] = {}
    for light in task_lights:
        if light.status is None:
            for unit in light.missing:
                silent.setdefault(unit, []).append(light.task.id)
    unreported = View(
        (Column("unit", "未报送的单位", Kind.NAME), Column("ids", "任务序号", Kind.NAMES)),
        tuple(
            (u, tuple(map(str, ids)))
            for u, ids in sorted(silent.items(), key=lambda kv: -len(kv[1]))
        ),
    )
    reported = sum(n for s, n in statuses.items() if s != "未报送")
    facts = (
        f"本期（{period}）共 {len(task_lights)} 项任务，已报送 {reported} 项、未报送 {statuses.get('未报送', 0)} 项；"
        f"滞后或超期 {len(behind)} 项，涉及 {len({u for x in behind for u in x.task.lead_units})} 个牵头单位。"
    )
    report = Report(
        heading=f"关于{plan.meta.title}落实情况的督查通报（{period}）",
        facts=facts,
        parts=(
            Grid(totals, title="一、总体情况"),
            Grid(lagging, title="二、滞后和超期的任务"),
            Grid(unreported, title="三、未按时报送的单位"),
        ),
    )
    return Answer(
        screen=report,
        records=None,
        markdown=report,
        document={"period": str(period), "facts": facts, "statuses": dict(statuses)},
        title=f"督查通报（{period}）",
        plan=plan_label(plan.meta),
    )
