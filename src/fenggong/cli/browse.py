"""Commands that look tasks up: `tasks`, `show`, the registry listings and `workload`."""

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fenggong.cli.options import (
    AsciiOption,
    BomOption,
    ColumnsOption,
    DataOption,
    ForceOption,
    FormatOption,
    HeaderMode,
    HeaderOption,
    OutputOption,
    with_filters,
)
from fenggong.errors import UsageError
from fenggong.plan.kinds import UnitKind
from fenggong.plan.load import load_plan
from fenggong.present.formats import DETAILS, RECORDS, Format
from fenggong.present.output import Target, announce, choose_format, emit
from fenggong.queries.requests import By, FilterRequest

if TYPE_CHECKING:
    from fenggong.plan.model import Plan, Task
    from fenggong.present.view import Answer
    from fenggong.queries.filters import TaskRow

KindOption = Annotated[
    list[UnitKind],
    typer.Option(
        "--kind",
        help="只看某类单位：county 县直部门、party 党群机关、branch 上级派驻、"
        "enterprise 企业和银行、town 镇政府、collective 集合指称。",
        show_default=False,
    ),
]


@with_filters
def tasks(
    filters: FilterRequest,
    fuzzy: Annotated[
        bool, typer.Option("--fuzzy", help="按与 --keyword 的相似度排序（不确定原文措辞时用）。")
    ] = False,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit", min=1, help="--fuzzy 时最多列出几项（默认 10）。", show_default=False
        ),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option("--status", help="按本期报送状态筛：滞后、已完成……", show_default=False),
    ] = None,
    light: Annotated[
        str | None, typer.Option("--light", help="按灯筛：红、黄、蓝、绿。", show_default=False)
    ] = None,
    overdue: Annotated[
        bool, typer.Option("--overdue", help="只看已过截止日期、未完成的。")
    ] = False,
    due_before: Annotated[
        str | None,
        typer.Option(
            "--due-before", help="截止日期在这天之前的，如 2023-07-01。", show_default=False
        ),
    ] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    columns: ColumnsOption = None,
    header: HeaderOption = HeaderMode.CN,
    bom: BomOption = None,
    ascii_only: AsciiOption = False,
    data: DataOption = None,
) -> None:
    """列出符合条件的任务（不加条件：全部）。同一条件重复取并集，不同条件取交集。

    \b
    例：fenggong tasks --lead 工信
        fenggong tasks --unit 住建 --town 新城
        fenggong tasks --leader 李耀强 --category 4 -o 李耀强.csv
        fenggong tasks -k 污水 --fuzzy
    """
    from fenggong.present.task_views import (
        default_columns,
        parse_columns,
        question_title,
        tasks_answer,
    )
    from fenggong.queries.filters import find_tasks, other_bases, resolve_filter

    plan = load_plan(data)
    if fuzzy and not filters.keyword:
        raise UsageError("--fuzzy 需要配合 --keyword 使用")
    if limit is not None and not fuzzy:
        raise UsageError("--limit 要和 --fuzzy 一起用，如 -k 三甲 --fuzzy --limit 5")
    found = resolve_filter(plan, filters._replace(keyword=()) if fuzzy else filters)
    announce(found.names, found.notes)
    rows = find_tasks(
        plan, found.filter, fuzzy=" ".join(filters.keyword) if fuzzy else None, limit=limit or 10
    )
    if status or light or overdue or due_before:
        rows = _by_progress(plan, rows, data, status, light, overdue, due_before)
    if (dated := _set_deadlines(plan, data)) is not None:
        rows = [r._replace(task=dated(r.task)) for r in rows]
    out_fmt = choose_format(fmt, output, RECORDS)
    terminal = out_fmt is Format.TABLE
    default = default_columns(
        rows, role=bool(filters.unit), basis=bool(filters.town), terminal=terminal
    )
    highlight = () if fuzzy else filters.keyword
    answer = tasks_answer(
        plan,
        rows,
        parse_columns(columns, default),
        header_keys=header is HeaderMode.KEYS,
        highlight=highlight,
        title=question_title(found.filter),
        others=other_bases(plan, found.filter),
    )
    emit(answer, out_fmt, Target(output, bom, force, data), ascii_only=ascii_only)


def _by_progress(
    plan: "Plan",
    rows: list["TaskRow"],
    data: Path | None,
    status: str | None,
    light: str | None,
    overdue: bool,
    due_before: str | None,
) -> list["TaskRow"]:
    """The rows whose progress passes `--status`, `--light`, `--overdue`, `--due-before`."""
    import datetime as dt

    from fenggong.cli.supervise import open_store, parse_day
    from fenggong.errors import NoMatch
    from fenggong.progress.model import parse_status
    from fenggong.queries.lights import Light, latest_period, lights, progress_filter

    if light is not None and light not in {x.value for x in Light}:
        raise UsageError(f"--light「{light}」应为 红、黄、蓝、绿 之一")
    today = dt.date.today()
    store = open_store(plan, data, None)
    reports = store.reports()
    task_lights = lights(
        plan, reports, store.deadlines(), as_of=today, period=latest_period(reports, today)
    )
    wanted = progress_filter(
        task_lights,
        status=parse_status(status) if status else None,
        light=Light(light) if light else None,
        overdue=overdue,
        due_before=parse_day(due_before, "--due-before") if due_before else None,
        as_of=today,
    )
    kept = [r for r in rows if r.task.id in wanted]
    if not kept:
        raise NoMatch("没有符合条件的任务（进展按今天和进展库里最近的报送期算）")
    return kept


def show(
    ids: Annotated[
        list[str], typer.Argument(help="任务序号：57、57 58、57,58 或 57-60。", show_default=False)
    ],
    fmt: FormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    ascii_only: AsciiOption = False,
    data: DataOption = None,
) -> None:
    """显示一项或几项任务的全部信息：所属大类大项、原文、领导、牵头和配合单位、涉及的镇、截止日期。

    \b
    例：fenggong show 57
        fenggong show 2 23 --format json
    """
    from fenggong.present.progress_views import with_progress
    from fenggong.present.task_views import details_answer
    from fenggong.queries.listing import describe_tasks, parse_ids

    plan = load_plan(data)
    details = describe_tasks(plan, parse_ids(ids))
    if (dated := _set_deadlines(plan, data)) is not None:
        details = tuple(d._replace(task=dated(d.task)) for d in details)
    emit(
        with_progress(details_answer(plan, details), plan, data),  # reports, period by period
        choose_format(fmt, output, DETAILS),
        Target(output, None, force, data),
        ascii_only=ascii_only,
    )


def _set_deadlines(plan: "Plan", data: Path | None) -> "Callable[[Task], Task] | None":
    """Each task with the deadline the 督查室 set, when the plan has a progress store."""
    from fenggong.progress.location import existing_store

    store = existing_store(plan, data)
    if store is None:
        return None
    from fenggong.queries.lights import with_set_deadline

    deadlines = store.deadlines()
    return lambda task: with_set_deadline(task, deadlines)


def listing(build: Callable[["Plan"], "Answer"], doc: str) -> Callable[..., None]:
    """A command that lists one registry with its task counts."""

    def command(
        fmt: FormatOption = None,
        output: OutputOption = None,
        force: ForceOption = False,
        ascii_only: AsciiOption = False,
        data: DataOption = None,
    ) -> None:
        answer = build(load_plan(data))
        emit(
            answer,
            choose_format(fmt, output, RECORDS),
            Target(output, None, force, data),
            ascii_only=ascii_only,
        )

    command.__doc__ = doc
    return command


def _answer(name: str) -> Callable[["Plan"], "Answer"]:
    """The summary view that answers a listing (imported only when the command runs)."""

    def build(plan: "Plan") -> "Answer":
        from fenggong.present import summary_views as views

        builders = {
            "leaders": views.leaders_answer,
            "towns": views.towns_answer,
            "sections": views.sections_answer,
        }
        return builders[name](plan)

    return build


#: The listing commands that differ only in what they list.
LISTINGS = {
    name: listing(_answer(name), doc)
    for name, doc in (
        ("leaders", "列出全部责任领导及其负责的任务数。\n\n\b\n例：fenggong leaders"),
        ("towns", "列出全部镇，以及按各种依据承担的任务数。\n\n\b\n例：fenggong towns"),
        (
            "sections",
            "列出全部大类和大项的编号、名称和任务数（--section 用这里的编号）。\n\n\b\n例：fenggong sections",
        ),
    )
}


def units(
    kind: KindOption = [],  # noqa: B006
    fmt: FormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    ascii_only: AsciiOption = False,
    data: DataOption = None,
) -> None:
    """列出全部单位、类别、常用简称，以及牵头和配合的任务数。

    \b
    例：fenggong units
        fenggong units --kind party
    """
    from fenggong.present.summary_views import units_answer

    answer = units_answer(load_plan(data), frozenset(kind) or None)
    emit(
        answer,
        choose_format(fmt, output, RECORDS),
        Target(output, None, force, data),
        ascii_only=ascii_only,
    )


@with_filters
def workload(
    filters: FilterRequest,
    by: Annotated[
        By,
        typer.Option(
            "--by",
            help="按什么汇总：unit 单位、leader 责任领导、town 镇、category 大类、section 大项。",
        ),
    ] = By.UNIT,
    top: Annotated[
        int | None,
        typer.Option("--top", min=1, help="只列前 N 个单位（集合指称另列）。", show_default=False),
    ] = None,
    kind: Annotated[
        list[UnitKind],
        typer.Option(
            "--kind",
            help="--by unit 时只看某类单位（见 fenggong units --help）。",
            show_default=False,
        ),
    ] = [],  # noqa: B006
    fmt: FormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    bom: BomOption = None,
    ascii_only: AsciiOption = False,
    data: DataOption = None,
) -> None:
    """工作量汇总：每个单位牵头、共同牵头、配合各多少项；也可按领导、镇、大类、大项汇总。

    可加与 tasks 相同的筛选条件，只统计筛出的任务。

    \b
    例：fenggong workload
        fenggong workload --by unit --category 4 --top 10
        fenggong workload --by town -o 各镇任务.csv
    """
    from fenggong.present.summary_views import workload_answer
    from fenggong.queries.filters import find_tasks, resolve_filter
    from fenggong.queries.workload import summarise

    plan = load_plan(data)
    found = resolve_filter(plan, filters)
    announce(found.names, found.notes)
    counted = [row.task for row in find_tasks(plan, found.filter)]
    summary = summarise(plan, counted, by, top=top, kinds=frozenset(kind) or None)
    answer = workload_answer(plan, summary, len(counted))
    emit(
        answer,
        choose_format(fmt, output, RECORDS),
        Target(output, bom, force, data),
        ascii_only=ascii_only,
    )


COMMANDS = {"tasks": tasks, "show": show, "units": units, "workload": workload, **LISTINGS}
