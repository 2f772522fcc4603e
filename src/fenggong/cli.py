"""The command line. Each command parses options, loads, resolves, queries and hands the
result to `render`/`export`; `main()` is the one place errors become messages and exit codes.
"""

import copy
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, assert_never

import typer
from typer import _click as click  # Typer 0.28 vendors Click; see pyproject.toml

from fenggong import __version__
from fenggong.errors import ExitCode, FenggongError, NoMatch, UsageError
from fenggong.kinds import DEFAULT_BASES, By, Format, TownBasis, UnitKind
from fenggong.options import (
    AsciiOption,
    BomOption,
    BriefFormatOption,
    ColumnsOption,
    DataOption,
    ExportFormat,
    Filters,
    FormatOption,
    HeaderMode,
    HeaderOption,
    ImportFormat,
    OutputOption,
    with_filters,
)
from fenggong.output import (
    PipeClosed,
    choose_format,
    emit,
    emit_summary,
    say,
    summary_format,
    write_output,
)

if TYPE_CHECKING:
    from rich.console import RenderableType

    from fenggong.export import Table
    from fenggong.model import Plan
    from fenggong.query import TaskFilter, TaskRow

EXIT_CODES_HELP = """\b
退出码：0 有结果；1 没有匹配的任务（stdout 为空）；2 用法错误（含名称找不到或有歧义）；
3 数据文件有误；130 被中断（Ctrl-C）。"""


app = typer.Typer(
    name="fenggong",
    help=f"""分工：查询县政府重点任务分工方案——谁牵头、谁配合、哪个镇、哪位领导。

\b
例：fenggong tasks --lead 工信          工信商务局牵头的任务
    fenggong tasks --town 天堂 -o 天堂镇.csv
    fenggong show 57                    第 57 项的全部信息
    fenggong brief 住建                 住建局的会议简报

{EXIT_CODES_HELP}""",
    add_completion=True,
    no_args_is_help=False,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


# -- shared plumbing -------------------------------------------------------------------


def _load(data: Path | None) -> "Plan":
    from fenggong.load import load_plan

    return load_plan(data)


def _resolve(plan: "Plan", kind: str, queries: Sequence[str]) -> tuple[str, ...]:
    """Canonical names for what the user typed; say on stderr how abbreviations resolved."""
    if not queries:
        return ()
    from fenggong.resolve import EntityKind, resolve_all

    found = resolve_all(plan, EntityKind(kind), queries)
    for item in found:
        if item.is_abbreviation and item.query != item.name:
            say(f"{item.query} → {item.name}")
    return tuple(dict.fromkeys(item.name for item in found))


# -- commands --------------------------------------------------------------------------


def _version(value: bool) -> None:
    if value:
        print(f"fenggong {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", "-V", help="显示版本号。", callback=_version, is_eager=True),
    ] = False,
) -> None:
    """分工：查询县政府重点任务分工方案。"""
    if ctx.invoked_subcommand is None:
        overview_command(fmt=None, output=None, ascii_only=False, data=None)


def _task_filter(plan: "Plan", filters: Filters) -> "TaskFilter":
    """The filters of `tasks`, `workload` and `export`, names resolved."""
    from fenggong.query import TaskFilter

    bases = (
        frozenset(TownBasis) if filters.all_bases else (frozenset(filters.basis) or DEFAULT_BASES)
    )
    if filters.category or filters.section:
        from fenggong.resolve import check_category, check_section
    return TaskFilter(
        leaders=_resolve(plan, "leader", filters.leader),
        lead_units=_resolve(plan, "unit", filters.lead),
        units=_resolve(plan, "unit", filters.unit),
        towns=_resolve(plan, "town", filters.town),
        bases=bases,
        keywords=tuple(filters.keyword),
        categories=tuple(check_category(plan, c) for c in filters.category),
        sections=tuple(check_section(plan, s) for s in filters.section),
    )


@app.command("tasks")
@with_filters
def tasks_command(
    filters: Filters,
    fuzzy: Annotated[
        bool, typer.Option("--fuzzy", help="按与 --keyword 的相似度排序（不确定原文措辞时用）。")
    ] = False,
    limit: Annotated[int, typer.Option("--limit", min=1, help="--fuzzy 时最多列出几项。")] = 10,
    fmt: FormatOption = None,
    output: OutputOption = None,
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
    from fenggong.export import parse_columns, task_columns, task_table
    from fenggong.query import rank_fuzzy, select_tasks

    plan = _load(data)
    if fuzzy and not filters.keyword:
        raise UsageError("--fuzzy 需要配合 --keyword 使用")
    flt = _task_filter(plan, filters._replace(keyword=[]) if fuzzy else filters)
    rows: list[TaskRow] = select_tasks(plan, flt)
    if fuzzy:
        rows = rank_fuzzy(rows, " ".join(filters.keyword), limit)
    if not rows:
        raise NoMatch("没有符合条件的任务")
    out_fmt = choose_format(fmt, output)
    default = task_columns(
        rows, role=bool(filters.unit), basis=bool(filters.town), terminal=out_fmt is Format.TABLE
    )
    chosen = parse_columns(columns, default)
    table = task_table(plan, rows, chosen, header_keys=header is HeaderMode.KEYS)

    def renderable() -> "RenderableType":
        from fenggong.render import task_listing

        return task_listing(
            table,
            count=len(rows),
            highlight=() if fuzzy else filters.keyword,
            ascii_only=ascii_only,
        )

    emit(table, out_fmt, output, bom, renderable)


@app.command("show")
def show_command(
    ids: Annotated[list[int], typer.Argument(help="任务序号，可写多个。", show_default=False)],
    fmt: FormatOption = None,
    output: OutputOption = None,
    ascii_only: AsciiOption = False,
    data: DataOption = None,
) -> None:
    """显示一项或几项任务的全部信息：所属大类大项、原文、领导、牵头和配合单位、涉及的镇。

    \b
    例：fenggong show 57
        fenggong show 2 23 --format json
    """
    from fenggong.listing import describe_task
    from fenggong.report import detail_blocks, detail_table

    plan = _load(data)
    details = []
    for task_id in dict.fromkeys(ids):
        task = plan.task(task_id)
        if task is None:
            raise UsageError(
                f"没有第 {task_id} 项任务（本方案共 {len(plan.tasks)} 项，序号 1–{max(t.id for t in plan.tasks)}）"
            )
        details.append(describe_task(plan, task))
    out_fmt = choose_format(fmt, output)
    if out_fmt is Format.CSV and fmt is None and output is None:
        out_fmt = Format.MD  # a detail view reads better than a one-row CSV in a pipe

    def renderable() -> "RenderableType":
        from fenggong.render import task_details

        return task_details(detail_blocks(details), ascii_only=ascii_only)

    emit(detail_table(plan, details), out_fmt, output, None, renderable)


def _names_command(
    table: "Table", title: str, fmt: Format | None, output: Path | None, ascii_only: bool
) -> None:
    out_fmt = choose_format(fmt, output)

    def renderable() -> "RenderableType":
        from fenggong.render import summary_table

        return summary_table(
            table, title=title, caption=f"共 {len(table.records)} 个", ascii_only=ascii_only
        )

    emit(table, out_fmt, output, None, renderable)


@app.command("leaders")
def leaders_command(
    fmt: FormatOption = None,
    output: OutputOption = None,
    ascii_only: AsciiOption = False,
    data: DataOption = None,
) -> None:
    """列出全部责任领导及其负责的任务数。

    \b
    例：fenggong leaders
    """
    from fenggong.report import leaders_table

    plan = _load(data)
    _names_command(leaders_table(plan), "责任领导", fmt, output, ascii_only)


@app.command("units")
def units_command(
    kind: Annotated[
        list[UnitKind],
        typer.Option(
            "--kind",
            help="只看某类单位：county 县直部门、party 党群机关、branch 上级派驻、"
            "enterprise 企业和银行、town 镇政府、collective 集合指称。",
            show_default=False,
        ),
    ] = [],  # noqa: B006
    fmt: FormatOption = None,
    output: OutputOption = None,
    ascii_only: AsciiOption = False,
    data: DataOption = None,
) -> None:
    """列出全部单位、类别、常用简称，以及牵头和配合的任务数。

    \b
    例：fenggong units
        fenggong units --kind party
    """
    from fenggong.report import units_table

    plan = _load(data)
    _names_command(units_table(plan, frozenset(kind) or None), "单位", fmt, output, ascii_only)


@app.command("towns")
def towns_command(
    fmt: FormatOption = None,
    output: OutputOption = None,
    ascii_only: AsciiOption = False,
    data: DataOption = None,
) -> None:
    """列出全部镇，以及按各种依据承担的任务数。

    \b
    例：fenggong towns
    """
    from fenggong.report import towns_table

    plan = _load(data)
    _names_command(towns_table(plan), "镇", fmt, output, ascii_only)


@app.command("sections")
def sections_command(
    fmt: FormatOption = None,
    output: OutputOption = None,
    ascii_only: AsciiOption = False,
    data: DataOption = None,
) -> None:
    """列出全部大类和大项的编号、名称和任务数（--section 用这里的编号）。

    \b
    例：fenggong sections
    """
    from fenggong.report import sections_table

    plan = _load(data)
    _names_command(sections_table(plan), "大项", fmt, output, ascii_only)


@app.command("workload")
@with_filters
def workload_command(
    filters: Filters,
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
    from fenggong import report, workload
    from fenggong.query import select_tasks

    plan = _load(data)
    flt = _task_filter(plan, filters)
    tasks = [row.task for row in select_tasks(plan, flt)]
    if not tasks:
        raise NoMatch("没有符合条件的任务")
    match by:
        case By.UNIT:
            load = workload.unit_workload(plan, tasks, frozenset(kind) or None)
            table = report.unit_workload_table(load, top)
            split = len(load.units[:top] if top else load.units)
        case By.LEADER:
            table = report.leader_workload_table(workload.leader_workload(plan, tasks))
        case By.TOWN:
            table = report.town_workload_table(workload.town_workload(plan, tasks))
        case By.CATEGORY | By.SECTION:
            table = report.group_workload_table(workload.group_workload(plan, tasks, by), by)
        case _:
            assert_never(by)
    if not table.records:
        raise NoMatch("没有符合条件的单位")

    def renderable() -> "RenderableType":
        from fenggong.export import Table
        from fenggong.render import titled_tables

        bar = report.BAR_KEYS[by]
        parts = [("", table)]
        if by is By.UNIT:
            parts = [
                ("单位", Table(columns=table.columns, records=table.records[:split])),
                (
                    "集合指称（不计入排名）",
                    Table(columns=table.columns, records=table.records[split:]),
                ),
            ]
            parts = [(title, t) for title, t in parts if t.records]
        caption = f"统计 {len(tasks)} 项任务"
        return titled_tables(
            parts,
            facts=caption,
            ascii_only=ascii_only,
            bar_keys={title: bar for title, _ in parts},
        )

    emit(table, choose_format(fmt, output), output, bom, renderable)


@app.command("brief")
def brief_command(
    name: Annotated[str, typer.Argument(help="单位、责任领导或镇，可用简称。", show_default=False)],
    top: Annotated[int, typer.Option("--top", min=1, help="合作单位等排名列几个。")] = 10,
    fmt: BriefFormatOption = None,
    output: OutputOption = None,
    ascii_only: AsciiOption = False,
    data: DataOption = None,
) -> None:
    """协调会简报：一个单位、一位领导或一个镇的全部任务和合作对象，一屏看完。

    \b
    例：fenggong brief 住建
        fenggong brief 李耀强
        fenggong brief 天堂 --format md -o 天堂镇简报.md
    """
    from fenggong import brief as briefs
    from fenggong import report
    from fenggong.resolve import EntityKind, brief_entities, resolve

    plan = _load(data)
    found = resolve(name, brief_entities(plan), "单位、领导或镇", spell=plan.letters)
    if found.is_abbreviation and found.query != found.name:
        say(f"{found.query} → {found.name}")
    match found.kind:
        case EntityKind.UNIT:
            brief = briefs.unit_brief(plan, found.name, top)
        case EntityKind.LEADER:
            brief = briefs.leader_brief(plan, found.name, top)
        case EntityKind.TOWN:
            brief = briefs.town_brief(plan, found.name, top)
        case _:
            assert_never(found.kind)

    def renderable() -> "RenderableType":
        from fenggong.render import titled_tables

        tables = report.brief_tables(brief)
        return titled_tables(
            tables,
            heading=report.brief_heading(brief),
            facts=report.brief_facts(brief),
            ascii_only=ascii_only,
        )

    emit_summary(
        summary_format(fmt, output),
        output,
        lambda: report.brief_markdown(brief),
        lambda: report.brief_json(brief),
        renderable,
    )


@app.command("overlap")
def overlap_command(
    names: Annotated[
        list[str], typer.Argument(help="两个或更多单位（或镇），可用简称。", show_default=False)
    ],
    any_two: Annotated[
        bool, typer.Option("--any", help="列出至少涉及其中两个的任务（默认：全部都涉及）。")
    ] = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
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
    from fenggong import overlap as shared
    from fenggong import report
    from fenggong.resolve import EntityKind, entities, resolve

    plan = _load(data)
    if len(names) < 2:
        raise UsageError("overlap 至少需要两个单位或镇")
    pool = (
        *(
            e
            for e in entities(plan, EntityKind.UNIT)
            if plan.unit(e.name).kind is not UnitKind.TOWN
        ),
        *entities(plan, EntityKind.TOWN),
    )
    parties = []
    for query in names:
        found = resolve(query, pool, "单位或镇", "fenggong units", plan.letters)
        if found.is_abbreviation and found.query != found.name:
            say(f"{found.query} → {found.name}")
        parties.append(shared.Party(name=found.name, is_town=found.kind is EntityKind.TOWN))
    if len({p.name for p in parties}) < len(parties):
        raise UsageError("overlap 的名称有重复")
    result = shared.overlap(plan, parties, any_two=any_two)
    if not result.rows:
        raise NoMatch("这些单位没有共同涉及的任务")
    table = report.overlap_table(result)
    out_fmt = choose_format(fmt, output)
    if out_fmt is Format.JSON:
        write_output(report.overlap_json(result), output, out_fmt, None)
        return

    def renderable() -> "RenderableType":
        from fenggong.render import titled_tables

        return titled_tables(
            [
                (f"共同涉及的任务（{len(result.rows)} 项）", table),
                ("两两共同涉及的任务数", report.overlap_matrix_table(result)),
            ],
            ascii_only=ascii_only,
        )

    emit(table, out_fmt, output, bom, renderable)


@app.command("overview")
def overview_command(
    fmt: BriefFormatOption = None,
    output: OutputOption = None,
    ascii_only: AsciiOption = False,
    data: DataOption = None,
) -> None:
    """全局概览：各大类的大项和任务数、牵头最多的单位、各领导的任务数、各镇的任务量。

    不带命令运行 fenggong 时也显示它。

    \b
    例：fenggong overview
        fenggong overview --format md -o 概览.md
    """
    from fenggong import report, workload

    plan = _load(data)
    view = workload.overview(plan)

    def renderable() -> "RenderableType":
        from fenggong.render import titled_tables

        meta = plan.meta
        tables = report.overview_tables(view)
        return titled_tables(
            tables,
            heading=f"{meta.title}（{meta.document_number}）",
            facts=f"共 {len(plan.categories)} 大类、{len(plan.sections)} 大项、{len(plan.tasks)} 小项。"
            "用 fenggong --help 查看全部命令。",
            ascii_only=ascii_only,
            bar_keys={title: "tasks" for title, _ in tables[:3]} | {"各镇": "certain"},
        )

    emit_summary(
        summary_format(fmt, output),
        output,
        lambda: report.overview_markdown(view, plan.meta.title),
        lambda: report.overview_json(view),
        renderable,
    )


@app.command("import")
def import_command(
    source: Annotated[
        Path,
        typer.Argument(help="方案表格：从文件中提取的文本，或另存为的 CSV。", show_default=False),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="写入的 TOML 文件；不写则输出到屏幕。", show_default=False
        ),
    ] = None,
    registry: Annotated[
        Path | None,
        typer.Option(
            "--registry",
            help="用哪个数据文件的名录（领导、单位、镇及简称异写）来规范名称；默认用当前数据。",
            show_default=False,
        ),
    ] = None,
    no_registry: Annotated[
        bool, typer.Option("--no-registry", help="不用任何名录，单位类别全部靠推测。")
    ] = False,
    kind: Annotated[
        ImportFormat | None,
        typer.Option(
            "--from",
            help="输入格式：text 或 csv；默认按扩展名（.csv 为 csv）。",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已存在的输出文件。")] = False,
    data: DataOption = None,
) -> None:
    """导入新一年的分工方案表格，按与现有数据相同的规则规范化，写成 TOML。

    拼合被换行拆开的名称、展开“水台、稔村镇政府”、用名录把简称和异写换成规范名称；
    拿不准的地方逐条列出（不中断），文件要么完整写出，要么不写。

    \b
    例：fenggong import 2024年分工方案.txt -o data/2024.toml
        fenggong import 方案.csv -o plan.toml --registry data/tasks.toml
        fenggong check data/2024.toml
    """
    from fenggong.export import dataset_toml
    from fenggong.fileio import write_atomic
    from fenggong.importer import parse_csv_text, parse_source_text, read_source
    from fenggong.load import default_path
    from fenggong.validate import read_registry

    if output is not None and output.exists() and not force:
        raise UsageError(f"{output}：文件已存在，加 --force 覆盖")
    reg = None if no_registry else read_registry(registry or data or default_path())
    text = read_source(source)
    as_csv = kind is ImportFormat.CSV or (kind is None and source.suffix.lower() == ".csv")
    parse = parse_csv_text if as_csv else parse_source_text
    result = parse(text, reg, str(source))
    tasks = result.document.get("tasks")
    if not isinstance(tasks, list) or not tasks:
        for problem in result.problems:
            say(f"需核对：{problem}")
        raise UsageError(f"{source}：没有读到任何任务行，什么也没有写")
    toml_text = dataset_toml(result.document)
    for problem in result.problems:
        say(f"需核对：{problem}")
    if output is None:
        write_output(toml_text, None, Format.MD, None)
        return
    write_atomic(output, toml_text)
    note = f"；{len(result.problems)} 处需要核对（见上）" if result.problems else ""
    say(f"已写入 {output}：{len(tasks)} 项任务{note}。请再运行 fenggong check {output}")


@app.command("export")
@with_filters
def export_command(
    filters: Filters,
    fmt: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="toml 或 json（可再导入），csv（给 Excel）；默认按 -o 的扩展名，否则 toml。",
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    bom: BomOption = None,
    data: DataOption = None,
) -> None:
    """导出整个数据集（或筛选出的任务）为一个文件；TOML、JSON 导出后可原样再读入。

    \b
    例：fenggong export -o 备份.toml
        fenggong export --format json -o plan.json
        fenggong export --lead 工信 -o 工信局.csv
    """
    from fenggong.export import dataset_document, dataset_json, dataset_toml, subset_document
    from fenggong.query import select_tasks

    plan = _load(data)
    chosen = fmt
    if chosen is None:
        suffix = output.suffix.lower().lstrip(".") if output is not None else "toml"
        if suffix not in {f.value for f in ExportFormat}:
            raise UsageError(
                f"无法从扩展名「{output.suffix if output else ''}」判断格式（可用 .toml、.json、.csv），请加 --format"
            )
        chosen = ExportFormat(suffix)
    flt = _task_filter(plan, filters)
    filtered = flt != type(flt)(bases=flt.bases)  # anything asked beyond the defaults
    rows = select_tasks(plan, flt)
    if not rows:
        raise NoMatch("没有符合条件的任务")
    match chosen:
        case ExportFormat.CSV:
            from fenggong.export import TASK_COLUMNS, task_table, to_delimited

            keys = [
                k
                for k in TASK_COLUMNS
                if k not in ("role", "roles", "town_basis", "town_bases", "score")
            ]
            text = to_delimited(task_table(plan, rows, keys))
            write_output(text, output, Format.CSV, bom)
            return
        case ExportFormat.TOML | ExportFormat.JSON:
            ids = [r.task.id for r in rows]
            document = subset_document(plan, ids) if filtered else dataset_document(plan)
            text = dataset_toml(document) if chosen is ExportFormat.TOML else dataset_json(document)
        case _:
            assert_never(chosen)
    write_output(text, output, Format.JSON if chosen is ExportFormat.JSON else Format.MD, False)


@app.command("check")
def check_command(
    path: Annotated[
        Path | None,
        typer.Argument(help="要检查的数据文件；默认检查当前使用的数据。", show_default=False),
    ] = None,
) -> None:
    """检查数据文件：语法、键名、类型、序号、名录引用、别名冲突、声明的总数，一次列出全部问题。

    \b
    例：fenggong check
        fenggong check data/tasks.toml
    """
    from fenggong.errors import DatasetError
    from fenggong.load import default_path, read_text
    from fenggong.validate import validate_text

    target = path or default_path()
    text = read_text(target)
    plan, problems = validate_text(text, str(target))
    if problems or plan is None:
        for problem in problems:
            print(problem)
        raise DatasetError((f"{target}：发现 {len(problems)} 个问题",))
    kinds = sum(1 for u in plan.units if u.kind is not UnitKind.TOWN)
    print(
        f"{target}：没有发现问题。{len(plan.categories)} 个大类、{len(plan.sections)} 个大项、"
        f"{len(plan.tasks)} 项任务；{kinds} 个单位（另有 {len(plan.towns)} 个镇政府）、"
        f"{len(plan.leaders)} 位责任领导、{len(plan.towns)} 个镇。"
    )


# -- the one place errors become messages and exit codes ------------------------------


def _click_message(error: click.exceptions.ClickException) -> str:
    if isinstance(error, click.exceptions.NoSuchOption):
        hint = f"，是不是 {'、'.join(error.possibilities)}？" if error.possibilities else ""
        return f"没有这个选项：{error.option_name}{hint}（用 --help 查看用法）"
    if isinstance(error, click.exceptions.BadParameter):
        name = error.param.opts[0] if error.param is not None and error.param.opts else "参数"
        return f"{name} 的值不对：{error.format_message()}"
    if isinstance(error, click.exceptions.MissingParameter):
        return f"缺少参数：{error.format_message()}"
    if isinstance(error, click.exceptions.NoArgsIsHelpError):
        return error.format_message()
    return error.format_message()


def _fail(code: ExitCode, message: str) -> NoReturn:
    say(f"fenggong: {message}")
    raise SystemExit(int(code))


def _app_for(args: Sequence[str]) -> typer.Typer:
    """The app with only the command being run registered.

    Typer builds the parser of every registered command on each run, which costs more
    than the command itself; `fenggong --help` and anything unusual get the full app.
    """
    wanted = args[0] if args else None
    for info in app.registered_commands:
        if info.name == wanted:
            lean = copy.copy(app)
            lean.registered_commands = [info]
            return lean
    return app


def main(argv: Sequence[str] | None = None) -> None:
    """Run the CLI; turn every known failure into one line on stderr and an exit code."""
    try:
        try:
            args = list(sys.argv[1:] if argv is None else argv)
            code = _app_for(args)(args=args, prog_name="fenggong", standalone_mode=False)
        except click.exceptions.ClickException as error:
            _fail(ExitCode.USAGE, _click_message(error))
        except FenggongError as error:
            _fail(error.exit_code, error.message)
        except (KeyboardInterrupt, typer.Abort):
            _fail(ExitCode.INTERRUPTED, "已中断")
        except PipeClosed:
            raise
        except BrokenPipeError:
            raise PipeClosed from None
        except (ValueError, OSError) as error:  # e.g. a NUL byte or an over-long file name
            _fail(ExitCode.USAGE, f"参数无效：{error}")
        except Exception as error:
            if os.environ.get("FENGGONG_DEBUG"):
                raise
            _fail(
                ExitCode.USAGE,
                f"内部错误（{type(error).__name__}: {error}），请把这条信息和命令报告给维护者；"
                "设置 FENGGONG_DEBUG=1 可看到详情",
            )
        if code == ExitCode.INTERRUPTED:  # Typer turns Ctrl-C into a returned 130
            _fail(ExitCode.INTERRUPTED, "已中断")
        sys.stdout.flush()
    except (BrokenPipeError, PipeClosed):
        # The reader (head, less) went away: stop quietly, and keep Python from
        # complaining again when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise SystemExit(int(ExitCode.OK)) from None
    raise SystemExit(int(code) if isinstance(code, int) else 0)
