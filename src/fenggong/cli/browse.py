"""Commands that look tasks up: `tasks`, `show`, the registry listings and `workload`."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from fenggong.cli.options import (
    AsOfOption,
    ColumnsOption,
    HeaderMode,
    HeaderOption,
    LightChoice,
    LogOption,
    Output,
    PeriodOption,
    with_filters,
    with_output,
)
from fenggong.cli.tracking import (
    by_progress,
    has_store,
    set_deadlines,
    wants_progress,
    with_progress,
)
from fenggong.errors import UsageError
from fenggong.plan.kinds import UnitKind
from fenggong.plan.load import load_plan
from fenggong.present.formats import DETAILS, RECORDS, Format
from fenggong.present.output import announce
from fenggong.queries.requests import By, FilterRequest

if TYPE_CHECKING:
    from fenggong.plan.model import Plan
    from fenggong.present.view import Answer

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
@with_output(RECORDS)
def tasks(
    filters: FilterRequest,
    out: Output,
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
        typer.Option(
            "--status",
            metavar="<状态>",
            help="按本期报送状态筛：滞后、已完成……",
            show_default=False,
        ),
    ] = None,
    light: Annotated[
        LightChoice | None,
        typer.Option("--light", help="按灯筛：红、黄、蓝、绿。", show_default=False),
    ] = None,
    overdue: Annotated[
        bool, typer.Option("--overdue", help="只看已过截止日期、未完成的。")
    ] = False,
    due_before: Annotated[
        str | None,
        typer.Option(
            "--due-before",
            metavar="<日期>",
            help="截止日期在这天之前的，如 2023-07-01。",
            show_default=False,
        ),
    ] = None,
    columns: ColumnsOption = None,
    header: HeaderOption = HeaderMode.CN,
    as_of: AsOfOption = None,
    period: PeriodOption = None,
    log: LogOption = None,
) -> None:
    """列出符合条件的任务（不加条件：全部）。同一条件重复取并集，不同条件取交集。

    \b
    例：fenggong tasks --lead 工信
        fenggong tasks --unit 住建 --town 新城
        fenggong tasks --leader 李耀强 --category 4 -o 李耀强.csv
        fenggong tasks -k 污水 --fuzzy
    """
    from fenggong.present.answers.tasks import (
        default_columns,
        parse_columns,
        question_title,
        tasks_answer,
    )
    from fenggong.queries.filters import find_tasks, other_bases, resolve_filter

    data = out.data
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
        wanted = (status, light.value if light else None, due_before)
        rows = by_progress(plan, rows, out.data, log, as_of, wanted, overdue, period)
    by_progress_asked = bool(status or light or overdue or due_before)
    if by_progress_asked or (columns is not None and wants_progress(columns)):
        rows = with_progress(
            plan, rows, out.data, log, as_of, always=by_progress_asked, period=period
        )
    effective = bool(overdue or due_before)
    if (dated := set_deadlines(plan, out.data, log, effective=effective)) is not None:
        rows = [r._replace(task=dated(r.task)) for r in rows]
    terminal = out.format is Format.TABLE
    # As resolved: --unit 天堂 asks for a town, answered with each task's basis, not a role.
    asked = found.filter
    default = default_columns(
        rows, role=bool(asked.units), basis=bool(asked.towns), terminal=terminal
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
    out.emit(answer)


@with_output(DETAILS)
def show(
    out: Output,
    ids: Annotated[
        list[str],
        typer.Argument(
            metavar="序号", help="任务序号：57、57 58、57,58 或 57-60。", show_default=False
        ),
    ],
    as_of: AsOfOption = None,
    log: LogOption = None,
) -> None:
    """显示一项或几项任务的全部信息：所属大类大项、原文、领导、牵头和配合单位、涉及的镇、截止日期。

    \b
    例：fenggong show 57
        fenggong show 2 23 --format json
    """
    from fenggong.present.answers.tasks import details_answer
    from fenggong.queries.filters import TaskRow
    from fenggong.queries.listing import describe_tasks, parse_ids

    plan = load_plan(out.data)
    details = describe_tasks(plan, parse_ids(ids))
    if (dated := set_deadlines(plan, out.data, log)) is not None:
        details = tuple(d._replace(task=dated(d.task)) for d in details)
    lit = with_progress(plan, [TaskRow(d.task) for d in details], out.data, log, as_of)
    lights = {r.task.id: "：".join(r.progress[:2]) for r in lit if r.progress}
    answer = details_answer(plan, details, lights)
    if has_store(plan, out.data, log):  # else without importing the progress views
        from fenggong.present.answers.progress import with_reports

        # On screen, each task's reports period by period (those begun by --as-of).
        answer = with_reports(answer, plan, out.data, log, as_of)
    out.emit(answer)


def listing(build: Callable[["Plan"], "Answer"], doc: str) -> Callable[..., None]:
    """A command that lists one registry with its task counts."""

    @with_output(RECORDS)
    def command(out: Output) -> None:
        out.emit(build(load_plan(out.data)))

    command.__doc__ = doc
    return command


def _answer(name: str) -> Callable[["Plan"], "Answer"]:
    """The summary view that answers a listing (imported only when the command runs)."""

    def build(plan: "Plan") -> "Answer":
        from fenggong.present.answers import listings as views

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


@with_output(RECORDS)
def units(
    out: Output,
    kind: KindOption = [],  # noqa: B006
) -> None:
    """列出全部单位、类别、常用简称，以及牵头和配合的任务数。

    \b
    例：fenggong units
        fenggong units --kind party
    """
    from fenggong.present.answers.listings import units_answer

    out.emit(units_answer(load_plan(out.data), frozenset(kind) or None))


@with_filters
@with_output(RECORDS)
def workload(
    filters: FilterRequest,
    out: Output,
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
) -> None:
    """工作量汇总：每个单位牵头、共同牵头、配合各多少项；也可按领导、镇、大类、大项汇总。

    可加与 tasks 相同的筛选条件，只统计筛出的任务。

    \b
    例：fenggong workload
        fenggong workload --by unit --category 4 --top 10
        fenggong workload --by town -o 各镇任务.csv
    """
    from fenggong.present.answers.listings import workload_answer
    from fenggong.queries.filters import find_tasks, resolve_filter
    from fenggong.queries.workload import summarise

    plan = load_plan(out.data)
    found = resolve_filter(plan, filters)
    announce(found.names, found.notes)
    every = plan.tasks and not found.filter.asks_anything()  # a large plan counts from its index
    counted = plan.tasks if every else [row.task for row in find_tasks(plan, found.filter)]
    summary = summarise(plan, counted, by, top=top, kinds=frozenset(kind) or None)
    out.emit(workload_answer(plan, summary, len(counted)))


COMMANDS = {"tasks": tasks, "show": show, "units": units, "workload": workload, **LISTINGS}
