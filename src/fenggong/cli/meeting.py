"""Commands that prepare a meeting: `brief`, `overlap` and `overview`."""

from typing import TYPE_CHECKING, Annotated

import typer

from fenggong.cli.options import (
    AsciiOption,
    BomOption,
    BriefFormatOption,
    DataOption,
    ForceOption,
    FormatOption,
    OutputOption,
)
from fenggong.plan.load import load_plan

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from fenggong.plan.model import Plan
from fenggong.present.formats import RECORDS, REPORTS
from fenggong.present.output import Target, announce, choose_format, emit


def brief(
    name: Annotated[str, typer.Argument(help="单位、责任领导或镇，可用简称。", show_default=False)],
    top: Annotated[int, typer.Option("--top", min=1, help="合作单位等排名列几个。")] = 10,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="完成时限和进展按哪一天算（默认今天）。", show_default=False),
    ] = None,
    fmt: BriefFormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    ascii_only: AsciiOption = False,
    data: DataOption = None,
) -> None:
    """协调会简报：一个单位、一位领导或一个镇的全部任务和合作对象。

    先是一屏摘要（任务数、可邀请的合作单位、对口领导、涉及的镇、完成时限、进展），
    后面是逐项任务表。

    \b
    例：fenggong brief 住建
        fenggong brief 李耀强
        fenggong brief 天堂 --format md -o 天堂镇简报.md
    """
    import datetime as dt

    from fenggong.cli.supervise import parse_day
    from fenggong.present.meeting_views import brief_answer
    from fenggong.queries.brief import brief_subject, due_dates, make_brief

    day = parse_day(as_of, "--as-of") if as_of else dt.date.today()
    plan = load_plan(data)
    subject = brief_subject(plan, name)
    announce((subject,))
    made = make_brief(plan, subject, top)
    progress, deadlines = _supervision(plan, data, day, made.task_ids())
    due = due_dates(made, deadlines, day)
    answer = brief_answer(plan, made, progress, due)
    emit(
        answer,
        choose_format(fmt, output, REPORTS),
        Target(output, None, force, data),
        ascii_only=ascii_only,
    )


def _supervision(
    plan: "Plan", data: "Path | None", today: "date", ids: "set[int]"
) -> "tuple[dict[int, str], dict[int, date]]":
    """Each task's light and why this period, when the plan has a progress store, and the
    deadline of each task in `ids` (the plan's own, or the one the 督查室 set last)."""
    from fenggong.progress.location import existing_store

    mine = [t for i in ids if (t := plan.task(i)) is not None]  # a large plan decodes these only
    store = existing_store(plan, data)
    if store is None:
        return {}, {t.id: t.deadline for t in mine if t.deadline is not None}
    from fenggong.queries.lights import latest_period, lights, with_set_deadline

    reports = store.reports()
    set_by_office = store.deadlines()
    deadlines = {t.id: day for t in mine if (day := with_set_deadline(t, set_by_office).deadline)}
    result = lights(plan, reports, set_by_office, as_of=today, period=latest_period(reports, today))
    return {x.task.id: f"{x.light.value}：{x.reason}" for x in result}, deadlines


def overlap(
    names: Annotated[
        list[str], typer.Argument(help="两个或更多单位（或镇），可用简称。", show_default=False)
    ],
    any_two: Annotated[
        bool, typer.Option("--any", help="列出至少涉及其中两个的任务（默认：全部都涉及）。")
    ] = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    bom: BomOption = None,
    ascii_only: AsciiOption = False,
    data: DataOption = None,
) -> None:
    """几个单位（或镇）共同涉及的任务，以及各自的角色——“发改局和工信局要一起办哪些事？”

    \b
    例：fenggong overlap 发改 工信
        fenggong overlap 住建 自然资源 财政 --any
        fenggong overlap 水务 新城
    """
    from fenggong.present.meeting_views import overlap_answer
    from fenggong.queries.overlap import resolve_parties, shared_tasks

    plan = load_plan(data)
    parties, found = resolve_parties(plan, names)
    announce(found)
    answer = overlap_answer(plan, shared_tasks(plan, parties, any_two=any_two))
    emit(
        answer,
        choose_format(fmt, output, RECORDS),
        Target(output, bom, force, data),
        ascii_only=ascii_only,
    )


def overview(
    fmt: BriefFormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    ascii_only: AsciiOption = False,
    data: DataOption = None,
) -> None:
    """全局概览：各大类的大项和任务数、牵头最多的单位、各领导的任务数、各镇的任务量。

    不带命令运行 fenggong 时也显示它。

    \b
    例：fenggong overview
        fenggong overview --format md -o 概览.md
    """
    from fenggong.present.meeting_views import overview_answer
    from fenggong.queries.workload import overview as summarise

    plan = load_plan(data)
    answer = overview_answer(plan, summarise(plan))
    emit(
        answer,
        choose_format(fmt, output, REPORTS),
        Target(output, None, force, data),
        ascii_only=ascii_only,
    )


COMMANDS = {"brief": brief, "overlap": overlap, "overview": overview}
