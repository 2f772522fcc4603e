"""督办 as answers: the lights by unit, leader, town or task, the 督查通报 draft, and the
deadlines the 督查室 set. Every title line says the period (报送期) and the day (截至)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from fenggong.plan.kinds import DEFAULT_BASES
from fenggong.plan.model import Plan
from fenggong.present.answers.tasks import ID, LEAD_UNITS, LEADERS, LIGHT, REASON, TEXT
from fenggong.present.view import Answer, Column, Grid, Kind, Report, View, plan_label
from fenggong.progress.model import Status

if TYPE_CHECKING:
    from fenggong.progress.lights import TaskLight
    from fenggong.progress.supervision import Supervision

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


# Short, and never narrower than its header: 80 columns broke 落后的单位 as 落后的单/位.
# Spare: the reason names the units behind (or the task has one lead unit), so on a narrow
# terminal this column gives way before a name is cut.
_BEHIND = Column("behind", "落后单位", Kind.NAMES, min_width=8, spare=True)


def _when(sup: Supervision) -> str:
    """报送期 and 截至 as a title says them."""
    period = f"报送期 {sup.period}" if sup.period else "尚无报送期"
    return f"{period}，截至 {sup.as_of.isoformat()}"


def _deadline(light: TaskLight) -> str:
    return f"{light.deadline.isoformat()}（{light.deadline_source}）"


def light_record(light: TaskLight) -> dict[str, object]:
    """A task's light as JSON: light, reason, status, deadline and its source, the lead
    units behind and missing, and each unit's own light and report text."""
    return {
        "id": light.task.id,
        "light": light.light.value,
        "reason": light.reason,
        # The status every count uses (null: 未报送 — some lead unit that had to report has not).
        "status": None if light.status is None or light.missing else light.status_word,
        "deadline": light.deadline.isoformat(),
        "deadline_source": light.deadline_source,
        "behind": list(light.behind),
        "missing": list(light.missing),
        "units": [
            {
                "unit": u.unit,
                "light": u.light.value,
                "reason": u.reason,
                "status": u.status.value if u.status else None,
                "period": str(u.report.period) if u.report else None,
                "progress": u.report.progress if u.report else "",
                "problems": u.report.problems if u.report else "",
                "next_steps": u.report.next_steps if u.report else "",
            }
            for u in light.units
        ],
    }


def status_answer(plan: Plan, sup: Supervision, by: str) -> Answer:
    """The lights: counts per group, then every red and yellow task with its reason and the
    lead units behind."""
    task_lights = sup.lights
    label = plan_label(plan.meta)
    total = Counter(x.light.value for x in task_lights)
    when = _when(sup)
    facts = "；".join(f"{c} {total.get(c, 0)} 项" for c in _LIGHTS) + f"（{when}）"
    if sup.period is not None and not sup.reported:
        facts = f"注意：{sup.period} 还没有任何报送，各项按未报送计。" + facts
    behind = View(
        (
            ID,
            TEXT,
            LEAD_UNITS,
            LEADERS,
            LIGHT,
            REASON,
            _BEHIND,
        ),
        tuple(
            (
                x.task.id,
                x.task.text,
                x.task.lead_units,
                x.task.leaders,
                x.light.value,
                x.reason,
                x.behind,
            )
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
                LIGHT,
                REASON,
                _BEHIND,
            ),
            tuple(
                (
                    x.task.id,
                    x.task.text,
                    x.task.lead_units,
                    _deadline(x),
                    x.status_word,
                    x.light.value,
                    x.reason,
                    x.behind,
                )
                for x in task_lights
            ),
        )
    else:
        counts: dict[str, Counter[str]] = {}
        for light in task_lights:
            # By unit each lead unit counts its own light (remind's rule), not its co-leads'.
            own = {u.unit: u.light.value for u in light.units} if by == "unit" else {}
            for group in _groups(plan, light, by):
                counts.setdefault(group, Counter())[own.get(group, light.light.value)] += 1
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
        Grid(view, title=f"按{GROUPS[by]}（{when}）"),
        Grid(behind, title=f"红灯、黄灯任务（{len(behind.rows)} 项；{when}）"),
    )
    document = {
        "as_of": sup.as_of.isoformat(),
        "period": str(sup.period) if sup.period else None,
        "reported": sup.reported,
        "counts": {c: total.get(c, 0) for c in _LIGHTS},
        "tasks": [light_record(x) for x in task_lights],
    }
    heading = f"督办亮灯（{when}）" + ("——本期尚无报送" if not sup.reported else "")
    report = Report(heading=heading, facts=facts, parts=parts)
    return Answer(
        screen=report,
        records=view,
        document=document,
        markdown=report,
        title=f"督办亮灯（按{GROUPS[by]}；{when}）",
        plan=label,
        sheets=(parts[1],),
    )


def notice_answer(plan: Plan, sup: Supervision) -> Answer:
    """The 督查通报 draft for a period: totals by status, the lagging and overdue tasks with
    the lead units behind, tasks reopened after a 已完成, and who did not report (the same
    list as collect's 催办)."""
    from fenggong.progress.supervision import remind

    task_lights, period = sup.lights, sup.period
    statuses = Counter(x.status_word for x in task_lights)
    order = [s.value for s in Status] + ["未报送"]
    totals = View(
        (Column("status", "状态", Kind.NAME), _COUNT._replace(key="tasks", header="任务数")),
        tuple((s, statuses[s]) for s in order if statuses.get(s)),
    )
    behind = [
        x for x in task_lights if x.light.value == "红" or (x.status is Status.LAGGING and x.behind)
    ]
    lagging = View(
        (ID, TEXT, LEAD_UNITS, LEADERS, Column("reason", "情况", Kind.NAME), _BEHIND),
        tuple(
            (x.task.id, x.task.text, x.task.lead_units, x.task.leaders, x.reason, x.behind)
            for x in behind
        ),
    )
    silent = remind(task_lights)
    unreported = View(
        (Column("unit", "未报送的单位", Kind.NAME), Column("ids", "任务序号", Kind.NAMES)),
        tuple(
            (u, tuple(map(str, ids)))
            for u, ids in sorted(silent.items(), key=lambda kv: -len(kv[1]))
        ),
    )
    reopened = View(
        (ID, TEXT, LEAD_UNITS, Column("status", "本期状态", Kind.NAME)),
        tuple(
            (x.task.id, x.task.text, x.task.lead_units, x.status_word)
            for x in task_lights
            if x.reopened
        ),
    )
    partial = statuses["未报送"]
    units_behind = {u for x in behind for u in (x.behind or x.task.lead_units)}
    facts = (
        f"本期（{period}）共 {len(task_lights)} 项任务，已报送 {len(task_lights) - partial} 项、"
        f"未报送 {partial} 项；滞后或超期 {len(behind)} 项，涉及 {len(units_behind)} 个牵头单位。"
    )
    heading = f"关于{plan.meta.title}落实情况的督查通报（{_when(sup)}）"
    if not sup.reported:
        heading += "——本期尚无报送"
        facts = f"注意：{period} 还没有任何报送，各项均按未报送计。" + facts
    when = _when(sup)
    parts = [
        Grid(totals, title=f"一、总体情况（{when}）"),
        Grid(lagging, title=f"二、滞后和超期的任务（{when}）"),
        Grid(unreported, title=f"三、未按时报送的单位（{when}）"),
    ]
    if reopened.rows:
        parts.append(Grid(reopened, title=f"四、此前报已完成、本期未完成的任务（{when}）"))
    report = Report(heading=heading, facts=facts, parts=tuple(parts))
    return Answer(
        screen=report,
        records=None,
        markdown=report,
        document={
            "period": str(period),
            "as_of": sup.as_of.isoformat(),
            "reported": sup.reported,
            "facts": facts,
            "statuses": dict(statuses),
            "unreported": silent,
            "tasks": [light_record(x) for x in task_lights],
        },
        title=f"督查通报（{_when(sup)}）",
        plan=plan_label(plan.meta),
    )
