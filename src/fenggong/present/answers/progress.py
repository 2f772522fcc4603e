"""The 进展汇总 as an answer every format writes: one line per task and lead unit with what the
unit last reported, its status and light, grouped by 牵头单位, 责任领导 or 大类, and a 历史
table of each line's status period by period."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fenggong.plan.model import Plan
from fenggong.present.answers.monthly import ProgressLine, Summary, period_words
from fenggong.present.answers.tasks import ID, LIGHT, TEXT
from fenggong.present.view import Answer, Column, Details, Field, Grid, Kind, View, plan_label
from fenggong.progress.model import Period, Report

#: How a summary can be grouped: the column it is grouped under.
GROUPINGS = {"unit": "牵头单位", "leader": "责任领导", "category": "大类"}
UNIT = Column("unit", "牵头单位", Kind.NAME)
STATUS = Column("status", "状态及亮灯原因", Kind.NAME)
PROGRESS = Column("progress", "本期进展情况", Kind.TEXT)
PROBLEMS = Column("problems", "存在问题", Kind.TEXT)
NEXT = Column("next_steps", "下一步措施", Kind.TEXT)
REPORTER = Column("reporter", "填报人及记入时间", Kind.NAME)


def status_text(line: ProgressLine, summary: Summary) -> str:
    """The status the unit reported (with its period when older than the summary's), and why
    the light is what it is."""
    report = line.report
    if report is None:
        said, own = "未报送", f"{summary.period} 未报送"
    else:
        said, own = report.status.value, f"{report.period} {report.status.value}"
        if report.period != summary.period:  # an earlier month's, or a quarter's last month
            said = f"{said}（{report.period} 报）"
    reason = line.light.reason
    # A green light's reason is a status; the reason adds nothing either when it only
    # repeats the report (2023-05 滞后), but a red one says why (连续两期滞后或未报送).
    plain = line.light.light.value == "绿" or reason == own
    return said if plain else f"{said}；{reason}"


def _groups(line: ProgressLine, by: str, summary: Summary) -> tuple[str, ...]:
    if by == "leader":
        return line.task.leaders or ("（未列领导）",)
    if by == "category":
        number = line.task.category
        return (f"{number} {summary.plan.category(number).title}",)
    return (line.unit,)


def summary_answer(summary: Summary, by: str = "unit") -> Answer:
    """The summary grouped `by` unit, leader or category (a task with two leaders is listed
    under each)."""
    units = {
        u: i
        for i, u in enumerate(dict.fromkeys(u for t in summary.plan.tasks for u in t.lead_units))
    }
    keyed: list[tuple[tuple[object, ...], str, ProgressLine]] = []
    for line in summary.lines:
        for group in _groups(line, by, summary):
            order: tuple[object, ...] = (
                (units.get(group, 0), line.task.id)
                if by == "unit"
                else (line.task.category, line.task.id, units.get(line.unit, 0))
                if by == "category"
                else (group, line.task.id, units.get(line.unit, 0))
            )
            keyed.append((order, group, line))
    keyed.sort(key=lambda k: k[0])
    group_column = Column("group", GROUPINGS[by], Kind.NAME)
    columns = (
        group_column if by != "unit" else UNIT,
        ID,
        TEXT,
        *((UNIT,) if by != "unit" else ()),
        LIGHT,
        STATUS,
        PROGRESS,
        PROBLEMS,
        NEXT,
        REPORTER,
    )
    rows = tuple(
        (
            group,
            line.task.id,
            line.task.text,
            *((line.unit,) if by != "unit" else ()),
            line.light.light.value,
            status_text(line, summary),
            *_said(line, lambda r: (r.progress, r.problems, r.next_steps)),
            _reporter(line),
        )
        for _, group, line in keyed
    )
    view = View(columns, rows)
    words = period_words(summary.period)
    history = _history(summary)
    document = {
        "period": str(summary.period),
        "as_of": summary.as_of.isoformat(),
        "by": by,
        "lines": [
            {
                "group": group,
                "task": line.task.id,
                "unit": line.unit,
                "leaders": list(line.task.leaders),
                "category": line.task.category,
                "period": str(line.report.period) if line.report else None,
                "status": line.report.status.value if line.report else None,
                "light": line.light.light.value,
                "reason": line.light.reason,
                "progress": line.report.progress if line.report else "",
                "problems": line.report.problems if line.report else "",
                "next_steps": line.report.next_steps if line.report else "",
                "reporter": line.report.reporter if line.report else "",
                "recorded_at": line.report.recorded_at if line.report else "",
            }
            for _, group, line in keyed
        ],
    }
    title = f"{words}重点任务进展汇总（按{GROUPINGS[by]}）"
    return Answer(
        screen=Grid(
            view, title=title, caption=f"截至 {summary.as_of.isoformat()}，共 {len(rows)} 行"
        ),
        records=view,
        document=document,
        title=title,
        plan=plan_label(summary.plan.meta),
        sheets=(Grid(history, title="历史"),),
    )


def _said(line: ProgressLine, fields: Callable[..., tuple[str, str, str]]) -> tuple[str, str, str]:
    return fields(line.report) if line.report is not None else ("", "", "")


def _reporter(line: ProgressLine) -> str:
    report = line.report
    if report is None:
        return ""
    when = report.recorded_at.replace("T", " ")[:16]
    return "\n".join(x for x in (report.reporter, when) if x)


def _history(summary: Summary) -> View:
    """Each task and lead unit's status period by period."""
    columns = (
        ID,
        TEXT._replace(kind=Kind.TEXT),
        UNIT,
        *(Column(str(p), period_words(p), Kind.NAME) for p in summary.periods),
    )
    rows = tuple(
        (line.task.id, line.task.text, line.unit, *summary.history[(line.task.id, line.unit)])
        for line in summary.lines
    )
    return View(columns, rows)


def with_reports(
    answer: Answer, plan: Plan, data: Path | None, log: Path | None, as_of: str | None
) -> Answer:
    """`show` with each task's reports period by period (each lead unit's last word for the
    period: a correction replaces what it corrects) for the periods begun by the --as-of
    day its light is counted on, where the plan has a progress store (read without creating
    one)."""
    from fenggong.progress.location import read_store

    if not isinstance(answer.screen, Details):
        return answer
    store = read_store(plan, data, log)
    if store is None:
        return answer
    from fenggong.progress.dates import as_of_day
    from fenggong.progress.model import plan_year

    up_to = as_of_day(plan_year(plan), as_of)
    with store:
        reports = store.reports()
    latest: dict[tuple[int, str, Period], Report] = {}
    for report in reports:  # oldest first: the last recorded wins
        if report.period.start <= up_to:
            latest[(report.task, report.unit, report.period)] = report
    blocks = []
    for block in answer.screen.blocks:
        shown = dict(block).get("序号")
        task_id = int(shown) if isinstance(shown, str) and shown.isdecimal() else -1
        mine = sorted(
            (r for key, r in latest.items() if key[0] == task_id),
            key=lambda r: (r.period.end, r.period.kind != "M", r.unit),
        )
        said: tuple[Field, ...] = tuple((f"{r.period} {r.unit}", _report_text(r)) for r in mine)
        blocks.append(block + (said or (("报送记录", "尚无报送"),)))
    return answer._replace(screen=Details(tuple(blocks)))


def _report_text(report: Report) -> str:
    parts = [report.status.value]
    for label, text in (
        ("进展", report.progress),
        ("存在问题", report.problems),
        ("下一步措施", report.next_steps),
    ):
        if text:
            parts.append(f"{label}：{text.rstrip('。；;')}")
    who = "，".join(x for x in (report.reporter, report.recorded_at[:10]) if x)
    return "；".join(parts) + (f"（{who}）" if who else "")
