"""Commands that prepare a meeting: `brief`, `overlap` and `overview`."""

from typing import TYPE_CHECKING, Annotated

import typer

from fenggong import clock
from fenggong.cli.options import AsOfOption, LogOption, Output, with_output
from fenggong.plan.load import load_plan

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date
    from pathlib import Path

    from fenggong.plan.model import Plan, Task
from fenggong.present.formats import RECORDS, REPORTS
from fenggong.present.output import announce


@with_output(REPORTS)
def brief(
    out: Output,
    name: Annotated[str, typer.Argument(help="单位、责任领导或镇，可用简称。", show_default=False)],
    top: Annotated[int, typer.Option("--top", min=1, help="合作单位等排名列几个。")] = 10,
    as_of: AsOfOption = None,
    log: LogOption = None,
) -> None:
    """协调会简报：一个单位、一位领导或一个镇的全部任务和合作对象。

    先是一屏摘要（任务数、可邀请的合作单位、对口领导、涉及的镇、完成时限、进展），
    后面是逐项任务表。

    \b
    例：fenggong brief 住建
        fenggong brief 李耀强
        fenggong brief 天堂 --format md -o 天堂镇简报.md
    """

    from fenggong.present.answers.meetings import brief_answer
    from fenggong.queries.brief import brief_subject, due_dates, make_brief

    plan = load_plan(out.data)
    day = clock.today()
    if as_of is not None:  # the date modules only then (5 ms of an everyday brief)
        from fenggong.progress.dates import day_or
        from fenggong.progress.model import plan_year

        day = day_or(as_of, "--as-of", plan_year(plan), day)
    subject = brief_subject(plan, name)
    announce((subject,))
    made = make_brief(plan, subject, top)
    progress, deadlines = _supervision(plan, out.data, log, day, made.tasks)
    dated = day.isoformat() if as_of else ""  # a document says 截至 the day the user named
    out.emit(brief_answer(plan, made, progress, due_dates(made, deadlines, day), dated))


def _supervision(
    plan: "Plan",
    data: "Path | None",
    log: "Path | None",
    today: "date",
    mine: "Sequence[Task]",
) -> "tuple[dict[int, str], dict[int, date]]":
    """Each task's light and why this period, when the plan has a progress store, and the
    deadline of each unfinished task of `mine` (the plan's own, or the one the 督查室 set
    last): a completed task is past no deadline."""
    from fenggong.progress.location import store_path

    if not store_path(plan, data, log).is_file():  # no store: nothing more to load
        return {}, {t.id: t.deadline for t in mine if t.deadline is not None}
    from fenggong.progress.lights import with_set_deadline
    from fenggong.progress.model import Status
    from fenggong.progress.supervision import supervision

    sup = supervision(plan, data, log, as_of=today, tasks=mine)
    if sup.store is None:  # another plan's store
        return {}, {t.id: t.deadline for t in mine if t.deadline is not None}
    done = {x.task.id for x in sup.lights if x.status is Status.DONE}
    deadlines = {
        t.id: day
        for t in mine
        if t.id not in done and (day := with_set_deadline(t, sup.deadlines).deadline)
    }
    return {x.task.id: f"{x.light.value}：{x.reason}" for x in sup.lights}, deadlines


@with_output(RECORDS)
def overlap(
    out: Output,
    names: Annotated[
        list[str], typer.Argument(help="两个或更多单位（或镇），可用简称。", show_default=False)
    ],
    any_two: Annotated[
        bool, typer.Option("--any", help="列出至少涉及其中两个的任务（默认：全部都涉及）。")
    ] = False,
) -> None:
    """几个单位（或镇）共同涉及的任务，以及各自的角色——“发改局和工信局要一起办哪些事？”

    \b
    例：fenggong overlap 发改 工信
        fenggong overlap 住建 自然资源 财政 --any
        fenggong overlap 水务 新城
    """
    from fenggong.present.answers.meetings import overlap_answer
    from fenggong.queries.overlap import resolve_parties, shared_tasks

    plan = load_plan(out.data)
    parties, found = resolve_parties(plan, names)
    announce(found)
    out.emit(overlap_answer(plan, shared_tasks(plan, parties, any_two=any_two)))


@with_output(REPORTS)
def overview(out: Output) -> None:
    """全局概览：各大类的大项和任务数、牵头最多的单位、各领导的任务数、各镇的任务量。

    不带命令运行 fenggong 时也显示它。

    \b
    例：fenggong overview
        fenggong overview --format md -o 概览.md
    """
    from fenggong.present.answers.meetings import overview_answer
    from fenggong.queries.workload import overview as summarise

    plan = load_plan(out.data)
    out.emit(overview_answer(plan, summarise(plan)))


COMMANDS = {"brief": brief, "overlap": overlap, "overview": overview}
