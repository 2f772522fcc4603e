"""What a meeting needs, as views: briefs, the tasks units share (overlap), the overview."""

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from fenggong.plan.model import Plan, Task
from fenggong.present.answers.listings import CERTAIN, NAME, TASKS, town_workload_view
from fenggong.present.answers.tasks import ID, LEAD_UNITS, LEADERS, RELATED_UNITS, SECTION, TEXT
from fenggong.present.view import Answer, Column, Grid, Kind, Report, View, plan_label

if TYPE_CHECKING:
    from fenggong.queries.brief import Brief, BriefTask, DueDates
    from fenggong.queries.overlap import Overlap
    from fenggong.queries.workload import Overview


# -- briefs ----------------------------------------------------------------------------

_BRIEF_KINDS = {"unit": "单位", "leader": "责任领导", "town": "镇"}
NOTE = Column("note", "备注", Kind.NAME)


#: Facts that count something other than tasks.
_MEASURE = {"lead_units": "个"}


def brief_answer(
    plan: Plan,
    brief: "Brief",
    progress: Mapping[int, str] | None = None,
    due: "DueDates | None" = None,
    as_of: str = "",
) -> Answer:
    """A brief: the headline figures and a one-screen summary (whom to invite, leaders,
    towns, deadlines when there are any), then the task tables; with `progress` (task id →
    its light and reason this period), a 进展 column and the lights' totals."""
    facts = "；".join(
        f"{label} {value} {_MEASURE.get(key, '项')}" for key, label, value in brief.facts
    )
    if progress:
        lit = Counter(progress[i][0] for i in brief.task_ids() if i in progress)
        facts += "。进展：" + "、".join(
            f"{light}灯 {lit[light]} 项" for light in "红黄蓝绿" if lit[light]
        )
    if due and (due.overdue or due.soon or due.later):
        facts += _due_line(due)
    report = Report(
        heading=f"{brief.name}（{_BRIEF_KINDS[brief.kind]}）工作简报",
        facts=facts,
        parts=(_summary(brief), *_brief_parts(brief, progress or {})),
    )
    return Answer(
        screen=report,
        records=None,
        document=lambda: _brief_document(plan, brief, due),  # only JSON needs one dict per task
        markdown=report,
        title=str(report.heading),
        plan=plan_label(plan.meta),
        as_of=as_of,
    )


def _brief_document(plan: Plan, brief: "Brief", due: "DueDates | None") -> dict[str, object]:
    """A brief as JSON writes it (the tasks a collective reference points to in full)."""
    document: dict[str, object] = {
        "kind": brief.kind,
        "name": brief.name,
        "facts": {key: value for key, _, value in brief.facts},
        "parts": [
            {
                "key": part.key,
                "title": part.title,
                "groups": [
                    {"heading": heading, "tasks": [_brief_record(t, t.note) for t in tasks]}
                    for heading, tasks in part.groups
                ]
                + [
                    {"heading": name, "tasks": [_brief_record(plan.task(i)) for i in ids]}
                    for name, ids in part.references
                ],
                "counts": [{"name": n, "tasks": c} for n, c in part.counts],
            }
            for part in brief.parts
        ],
    }
    if due and (due.overdue or due.soon or due.later):
        document["deadlines"] = {
            "overdue": list(due.overdue),
            "within_30_days": list(due.soon),
            "later": list(due.later),
        }
    return document


def _brief_parts(brief: "Brief", progress: Mapping[int, str]) -> list[Grid]:
    """The brief's parts as titled tables (collective references compacted to task ids)."""
    grids: list[Grid] = []
    for part in brief.parts:
        if part.references:
            columns = (
                NAME._replace(header="集合指称"),
                TASKS,
                Column("ids", "任务序号", Kind.NAMES),
                Column("membership", "说明", Kind.NAME),
            )
            rows = tuple(
                (n, len(ids), tuple(map(str, ids)), _membership(n)) for n, ids in part.references
            )
            grids.append(Grid(View(columns, rows), title=part.title))
            continue
        for heading, tasks in part.groups:
            title = f"{part.title}：{heading}（{len(tasks)} 项）" if heading else part.title
            view = _brief_task_view(tasks, related=part.key == "led", progress=progress)
            grids.append(Grid(view, title=title))
    return grids


SUMMARY_ITEM = Column("item", "项目", Kind.NAME, max_width=8)
SUMMARY_VALUE = Column("value", "内容", Kind.COUNTS)


def _summary(brief: "Brief") -> Grid:
    """What to know before the tables: whom to invite, the leaders, the towns."""
    rows: list[tuple[str, object]] = [
        (part.label or part.title, dict(part.counts)) for part in brief.parts if part.counts
    ]
    return Grid(View((SUMMARY_ITEM, SUMMARY_VALUE), tuple(rows)), title="摘要（括号内为任务数）")


def _due_line(due: "DueDates") -> str:
    """How many tasks are past their deadline, due within 30 days, due later (with ids)."""

    def ids(group: tuple[int, ...]) -> str:
        return "、".join(map(str, group))

    groups = (
        f"已过时限 {len(due.overdue)} 项（序号 {ids(due.overdue)}）" if due.overdue else "",
        f"30 天内到期 {len(due.soon)} 项（序号 {ids(due.soon)}）" if due.soon else "",
        f"其后到期 {len(due.later)} 项" if due.later else "",
    )
    return "。完成时限：" + "，".join(g for g in groups if g)


def _membership(collective: str) -> str:
    """What the plan says about who a collective reference includes."""
    if "成员单位" in collective:
        return "成员名单方案未列，请向牵头单位核实"
    return "按单位类别推定"


def _brief_task_view(
    tasks: Sequence["BriefTask"],
    *,
    related: bool = False,
    progress: Mapping[int, str] | None = None,
) -> View:
    """Tasks of a brief; what a unit leads also shows whom it works with (相关责任单位), and
    with a progress store each task's light and why."""
    with_note = any(t.note for t in tasks)
    with_progress = bool(progress)
    columns = (
        ID,
        BRIEF_TEXT,
        LEADERS,
        LEAD_UNITS,
        *((RELATED_UNITS,) if related else ()),
        *((NOTE,) if with_note else ()),
        *((PROGRESS,) if with_progress else ()),
    )
    rows = tuple(
        (
            t.id,
            t.text,
            t.leaders,
            t.lead_units,
            *((t.related_units,) if related else ()),
            *((t.note,) if with_note else ()),
            *(((progress or {}).get(t.id, ""),) if with_progress else ()),
        )
        for t in tasks
    )
    return View(columns, rows)


PROGRESS = Column("progress", "进展", Kind.NAME)
#: A brief's task text gives up a little width, so that at 80 columns its unit names, dates
#: and the 责任领导 header stay whole.
BRIEF_TEXT = TEXT._replace(min_width=12)


def _brief_record(task: "BriefTask | Task | None", note: str = "") -> dict[str, object]:
    assert task is not None  # a brief's ids are the plan's
    return {
        "id": task.id,
        "text": task.text,
        "leaders": list(task.leaders),
        "lead_units": list(task.lead_units),
        "note": note,
    }


def _counts_view(counts: Sequence[tuple[str, int]], noun: str = "名称") -> View:
    return View((NAME._replace(header=noun), TASKS), tuple(counts))


# -- overlap ---------------------------------------------------------------------------


def overlap_answer(plan: Plan, result: "Overlap") -> Answer:
    """Shared tasks with one role/basis column per party, and the pair matrix."""
    names = [p.name for p in result.parties]
    parties = tuple(Column(f"party{i}", name, Kind.CHOICE) for i, name in enumerate(names))
    view = View(
        (ID, SECTION, TEXT, LEAD_UNITS, *parties),
        tuple((t.id, t.section, t.text, t.lead_units, *roles) for t, roles in result.rows),
    )
    matrix = View(
        (
            Column("name", "", Kind.NAME),
            *(Column(f"m{j}", n, Kind.NUMBER) for j, n in enumerate(names)),
        ),
        tuple((name, *row) for name, row in zip(names, result.matrix, strict=True)),
    )
    screen = Report(
        None,
        None,
        (
            Grid(view, title=f"共同涉及的任务（{len(result.rows)} 项）"),
            Grid(matrix, title="两两共同涉及的任务数"),
        ),
    )
    document = {
        "parties": [{"name": p.name, "is_town": p.is_town} for p in result.parties],
        "tasks": [
            {
                "id": task.id,
                "section": task.section,
                "text": task.text,
                "lead_units": list(task.lead_units),
                "roles": {n: r for n, r in zip(names, roles, strict=True) if r},
            }
            for task, roles in result.rows
        ],
        "pairs": [
            {"a": names[i], "b": names[j], "tasks": result.matrix[i][j]}
            for i in range(len(names))
            for j in range(i + 1, len(names))
        ],
    }
    return Answer(
        screen=screen,
        records=view,
        document=document,
        title="、".join(names) + "共同涉及的任务",
        plan=plan_label(plan.meta),
        sheets=(Grid(matrix, title="两两共同涉及的任务数"),),
    )


# -- overview --------------------------------------------------------------------------


def overview_answer(plan: Plan, view: "Overview") -> Answer:
    """The whole plan at a glance: categories, busiest lead units, leaders, towns."""
    meta = plan.meta
    categories = View(
        (
            Column("number", "编号", Kind.NUMBER),
            Column("title", "大类", Kind.NAME),
            Column("sections", "大项数", Kind.NUMBER),
            TASKS,
        ),
        tuple(tuple(c) for c in view.categories),
    )
    towns = town_workload_view(view.towns)
    parts = (
        Grid(categories, title="各大类", bar=TASKS),
        Grid(_counts_view(view.busiest_leads, "单位"), title="牵头任务最多的单位", bar=TASKS),
        Grid(_counts_view(view.leaders, "责任领导"), title="各责任领导", bar=TASKS),
        Grid(towns, title="各镇", bar=CERTAIN),
    )
    screen = Report(
        heading=f"{meta.title}（{meta.document_number}）",
        facts=f"共 {len(plan.categories)} 大类、{len(plan.sections)} 大项、{len(plan.tasks)} 小项。"
        "用 fenggong --help 查看全部命令。",
        parts=parts,
    )
    document = {
        "categories": [c._asdict() for c in view.categories],
        "busiest_lead_units": [{"name": n, "tasks": c} for n, c in view.busiest_leads],
        "leaders": [{"name": n, "tasks": c} for n, c in view.leaders],
        "towns": [dict(zip((c.key for c in towns.columns), r, strict=True)) for r in towns.rows],
    }
    markdown = Report(heading=meta.title, facts=None, parts=parts)
    return Answer(
        screen=screen,
        records=None,
        document=document,
        markdown=markdown,
        title="全局概览",
        plan=plan_label(plan.meta),
    )
