"""The command line. Each command parses options, loads, resolves, queries and hands the
result to `render`/`export`; `main()` is the one place errors become messages and exit codes.
"""

import codecs
import copy
import os
import sys
import unicodedata
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TextIO, assert_never

import typer
from typer import _click as click  # Typer 0.28 vendors Click; see pyproject.toml

from fenggong import __version__
from fenggong.errors import ExitCode, FenggongError, NoMatch, UsageError
from fenggong.kinds import DEFAULT_BASES, EXTENSIONS, By, Format, TownBasis, UnitKind

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

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
)


# -- shared plumbing -------------------------------------------------------------------


def _complete(kind: str) -> Callable[[str], list[str]]:
    """Shell completion of leader, unit or town names from the dataset."""

    def complete(incomplete: str) -> list[str]:
        from fenggong.load import load_plan
        from fenggong.resolve import EntityKind, entities

        try:
            plan = load_plan(_data_path(None))
        except FenggongError:
            return []
        names = [e.name for e in entities(plan, EntityKind(kind))]
        return [n for n in names if incomplete in n]

    return complete


DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="使用另一个数据文件（同样的结构）；也可用环境变量 FENGGONG_DATA 指定。",
        show_default=False,
    ),
]


def _data_path(data: Path | None) -> Path | None:
    return data


def _load(data: Path | None) -> "Plan":
    from fenggong.load import load_plan

    return load_plan(data)


def _one_line(message: str) -> str:
    """Show control characters and line separators from user input as escapes."""
    return "".join(
        char.encode("unicode_escape").decode("ascii")
        if unicodedata.category(char) in ("Cc", "Zl", "Zp")
        else char
        for char in message
    )


def _stderr(message: str) -> None:
    """One line on stderr, never parsed as markup."""
    message = _one_line(message)
    stream = sys.stderr
    try:
        stream.write(message + "\n")
        stream.flush()
    except UnicodeEncodeError:
        encoding = stream.encoding or "ascii"
        stream.write(message.encode(encoding, "replace").decode(encoding) + "\n")


def _stdout_is_utf() -> bool:
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


def _prepare_stdout(warn: bool = True) -> None:
    """Never fail on an output encoding that cannot hold the text: replace what it can't."""
    if _stdout_is_utf() or not hasattr(sys.stdout, "reconfigure"):
        return
    sys.stdout.reconfigure(errors="replace")
    try:
        "分工".encode(sys.stdout.encoding)
    except UnicodeEncodeError:
        if warn:
            _stderr(
                f"提示：当前输出编码 {sys.stdout.encoding} 无法表示汉字，已用 ? 代替；"
                "请设置 PYTHONIOENCODING=utf-8 或用 -o 写入文件"
            )


def _console(file: TextIO | None = None, width: int | None = None) -> "Console":
    """The one Rich console; colour follows the terminal, NO_COLOR and TERM=dumb."""
    from rich.console import Console

    class QuietConsole(Console):
        def on_broken_pipe(self) -> None:
            # Rich would exit 1 here; a reader that went away is not our failure.
            self.quiet = True
            raise PipeClosed

    return QuietConsole(
        file=file,
        width=width,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )


def _resolve(plan: "Plan", kind: str, queries: Sequence[str]) -> tuple[str, ...]:
    """Canonical names for what the user typed; say on stderr how abbreviations resolved."""
    if not queries:
        return ()
    from fenggong.resolve import EntityKind, resolve_all

    found = resolve_all(plan, EntityKind(kind), queries)
    for item in found:
        if item.is_abbreviation and item.query != item.name:
            _stderr(f"{item.query} → {item.name}")
    return tuple(dict.fromkeys(item.name for item in found))


def _choose_format(fmt: Format | None, output: Path | None) -> Format:
    if fmt is not None:
        return fmt
    if output is not None:
        suffix = output.suffix.lower()
        if suffix not in EXTENSIONS:
            known = "、".join(EXTENSIONS)
            raise UsageError(
                f"无法从扩展名「{output.suffix or '（无）'}」判断格式（可用 {known}），请加 --format"
            )
        return EXTENSIONS[suffix]
    return Format.TABLE if sys.stdout.isatty() else Format.CSV


def _write_output(text: str, output: Path | None, fmt: Format, bom: bool | None) -> None:
    """Text to stdout or, whole or not at all, to a file (CSV files get a BOM for Excel)."""
    use_bom = bom if bom is not None else (output is not None and fmt is Format.CSV)
    if output is None:
        _prepare_stdout(warn=fmt not in (Format.JSON, Format.JSONL))
        try:
            sys.stdout.write(("\ufeff" if use_bom else "") + text)
            sys.stdout.flush()
        except BrokenPipeError:
            raise PipeClosed from None
        return
    from fenggong.fileio import write_atomic

    write_atomic(output, ("\ufeff" if use_bom else "") + text)


def _emit(
    table: "Table",
    fmt: Format,
    output: Path | None,
    bom: bool | None,
    renderable: Callable[[], "RenderableType"],
) -> None:
    """Print or write a table in the chosen format."""
    from fenggong.export import render_text

    if fmt is Format.TABLE:
        if output is not None:
            import io

            buffer = io.StringIO()
            _console(buffer, width=160).print(renderable())
            _write_output(buffer.getvalue(), output, fmt, bom)
        else:
            _prepare_stdout()
            try:
                _console().print(renderable())
                sys.stdout.flush()
            except BrokenPipeError:
                raise PipeClosed from None
        return
    # JSON escapes what a non-UTF-8 stdout cannot hold, so it stays exact and parseable.
    ascii_only = output is None and not _stdout_is_utf()
    _write_output(render_text(table, fmt, ascii_only=ascii_only), output, fmt, bom)


FormatOption = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        help="输出格式。默认：终端里显示表格，管道或重定向时输出 CSV；用 -o 时按扩展名。",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="写入文件，格式按扩展名（.csv .tsv .json .jsonl .md）；写完整才落盘。",
        show_default=False,
    ),
]
BomOption = Annotated[
    bool | None,
    typer.Option(
        "--bom/--no-bom",
        help="CSV 开头加 UTF-8 BOM，Excel/WPS 才能正确识别中文。-o 写 .csv 时默认加，输出到屏幕时默认不加。",
        show_default=False,
    ),
]
AsciiOption = Annotated[
    bool,
    typer.Option("--ascii", help="表格用 ASCII 字符画框（适合把制表符显示成双倍宽的终端）。"),
]


class PipeClosed(Exception):
    """The reader of stdout went away while we were writing."""


class HeaderMode(StrEnum):
    """What the header row of CSV/TSV/Markdown shows."""

    CN = "cn"
    KEYS = "keys"


HeaderOption = Annotated[
    HeaderMode,
    typer.Option("--header", help="表头用文件原有的中文列名（cn）或 JSON 键名（keys）。"),
]
ColumnsOption = Annotated[
    str | None,
    typer.Option(
        "--columns",
        help="要输出的列及顺序，逗号分隔，可用键名或中文列名，如 id,text,lead_units 或 序号,任务。",
        show_default=False,
    ),
]


def _parse_columns(spec: str | None, default: Sequence[str]) -> tuple[str, ...]:
    if spec is None:
        return tuple(default)
    from fenggong.export import TASK_COLUMNS

    by_header = {v: k for k, v in TASK_COLUMNS.items()}
    out = []
    for raw in spec.replace("，", ",").split(","):
        name = raw.strip()
        key = name if name in TASK_COLUMNS else by_header.get(name)
        if key is None:
            keys = "、".join(TASK_COLUMNS)
            raise UsageError(f"未知的列「{name}」（可用：{keys}）")
        out.append(key)
    if not out:
        raise UsageError("--columns 至少要有一列")
    return tuple(out)


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


LeaderOption = Annotated[
    list[str],
    typer.Option(
        "--leader", "-l", help="责任领导（可重复，取并集）。", autocompletion=_complete("leader")
    ),
]
LeadOption = Annotated[
    list[str],
    typer.Option(
        "--lead", help="牵头单位，可用简称：工信、人社、住建局。", autocompletion=_complete("unit")
    ),
]
UnitOption = Annotated[
    list[str],
    typer.Option(
        "--unit",
        "-u",
        help="参与单位（牵头或配合），每行注明角色。",
        autocompletion=_complete("unit"),
    ),
]
TownOption = Annotated[
    list[str],
    typer.Option("--town", "-t", help="镇，如 天堂、水台镇。", autocompletion=_complete("town")),
]
BasisOption = Annotated[
    list[TownBasis],
    typer.Option(
        "--basis",
        help="--town 按哪些依据算：named 点名、all_towns 各镇政府、relevant_towns 相关镇政府、"
        "mentioned 文中提及。默认 named 和 all_towns。",
        show_default=False,
    ),
]
AllBasesOption = Annotated[
    bool, typer.Option("--all-bases", help="--town 四种依据全算（含“相关镇”和文中提及）。")
]
KeywordOption = Annotated[
    list[str],
    typer.Option("--keyword", "-k", help="任务原文包含的词（不分全角半角、大小写、空格）。"),
]
CategoryOption = Annotated[list[int], typer.Option("--category", "-c", help="大类编号，如 4。")]
SectionOption = Annotated[list[str], typer.Option("--section", "-s", help="大项编号，如 3.2。")]


def _task_filter(
    plan: "Plan",
    *,
    leader: Sequence[str],
    lead: Sequence[str],
    unit: Sequence[str],
    town: Sequence[str],
    basis: Sequence[TownBasis],
    all_bases: bool,
    keyword: Sequence[str],
    category: Sequence[int],
    section: Sequence[str],
) -> "TaskFilter":
    """The filters of `tasks`, `workload` and `export`, names resolved."""
    from fenggong.query import TaskFilter

    bases = frozenset(TownBasis) if all_bases else (frozenset(basis) or DEFAULT_BASES)
    if category or section:
        from fenggong.resolve import check_category, check_section
    return TaskFilter(
        leaders=_resolve(plan, "leader", leader),
        lead_units=_resolve(plan, "unit", lead),
        units=_resolve(plan, "unit", unit),
        towns=_resolve(plan, "town", town),
        bases=bases,
        keywords=tuple(keyword),
        categories=tuple(check_category(plan, c) for c in category) if category else (),
        sections=tuple(check_section(plan, s) for s in section) if section else (),
    )


@app.command("tasks")
def tasks_command(
    leader: LeaderOption = [],  # noqa: B006 - Typer reads list defaults; never mutated
    lead: LeadOption = [],  # noqa: B006
    unit: UnitOption = [],  # noqa: B006
    town: TownOption = [],  # noqa: B006
    basis: BasisOption = [],  # noqa: B006
    all_bases: AllBasesOption = False,
    keyword: KeywordOption = [],  # noqa: B006
    fuzzy: Annotated[
        bool, typer.Option("--fuzzy", help="按与 --keyword 的相似度排序（不确定原文措辞时用）。")
    ] = False,
    limit: Annotated[int, typer.Option("--limit", min=1, help="--fuzzy 时最多列出几项。")] = 10,
    category: CategoryOption = [],  # noqa: B006
    section: SectionOption = [],  # noqa: B006
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
    from fenggong.export import task_columns, task_table
    from fenggong.query import rank_fuzzy, select_tasks

    plan = _load(data)
    if fuzzy and not keyword:
        raise UsageError("--fuzzy 需要配合 --keyword 使用")
    flt = _task_filter(
        plan,
        leader=leader,
        lead=lead,
        unit=unit,
        town=town,
        basis=basis,
        all_bases=all_bases,
        keyword=() if fuzzy else keyword,
        category=category,
        section=section,
    )
    rows: list[TaskRow] = select_tasks(plan, flt)
    if fuzzy:
        rows = rank_fuzzy(rows, " ".join(keyword), limit)
    if not rows:
        raise NoMatch("没有符合条件的任务")
    out_fmt = _choose_format(fmt, output)
    default = task_columns(
        rows, role=bool(unit), basis=bool(town), terminal=out_fmt is Format.TABLE
    )
    chosen = _parse_columns(columns, default)
    table = task_table(plan, rows, chosen, header_keys=header is HeaderMode.KEYS)

    def renderable() -> "RenderableType":
        from fenggong.render import task_listing

        return task_listing(
            table,
            count=len(rows),
            highlight=() if fuzzy else keyword,
            ascii_only=ascii_only,
        )

    _emit(table, out_fmt, output, bom, renderable)


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
    out_fmt = _choose_format(fmt, output)
    if out_fmt is Format.CSV and fmt is None and output is None:
        out_fmt = Format.MD  # a detail view reads better than a one-row CSV in a pipe

    def renderable() -> "RenderableType":
        from fenggong.render import task_details

        return task_details(detail_blocks(details), ascii_only=ascii_only)

    _emit(detail_table(plan, details), out_fmt, output, None, renderable)


def _names_command(
    table: "Table", title: str, fmt: Format | None, output: Path | None, ascii_only: bool
) -> None:
    out_fmt = _choose_format(fmt, output)

    def renderable() -> "RenderableType":
        from fenggong.render import data_table

        return data_table(
            table, title=title, caption=f"共 {len(table.records)} 个", ascii_only=ascii_only
        )

    _emit(table, out_fmt, output, None, renderable)


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
def workload_command(
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
    leader: LeaderOption = [],  # noqa: B006
    lead: LeadOption = [],  # noqa: B006
    unit: UnitOption = [],  # noqa: B006
    town: TownOption = [],  # noqa: B006
    basis: BasisOption = [],  # noqa: B006
    all_bases: AllBasesOption = False,
    keyword: KeywordOption = [],  # noqa: B006
    category: CategoryOption = [],  # noqa: B006
    section: SectionOption = [],  # noqa: B006
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
    flt = _task_filter(
        plan,
        leader=leader,
        lead=lead,
        unit=unit,
        town=town,
        basis=basis,
        all_bases=all_bases,
        keyword=keyword,
        category=category,
        section=section,
    )
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

    _emit(table, _choose_format(fmt, output), output, bom, renderable)


BriefFormatOption = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        help="table、md（贴进会议纪要）或 json。默认：终端里显示表格，管道或重定向时输出 Markdown。",
        show_default=False,
    ),
]


def _summary_format(fmt: Format | None, output: Path | None) -> Format:
    """Formats for the summary commands: table, md or json (CSV does not fit a brief)."""
    chosen = _choose_format(fmt, output)
    if chosen is Format.CSV and fmt is None and (output is None or output.suffix.lower() != ".csv"):
        return Format.MD
    if chosen not in (Format.TABLE, Format.MD, Format.JSON):
        raise UsageError(f"这个命令只支持 table、md、json 格式，不支持 {chosen.value}")
    return chosen


def _emit_summary(
    fmt: Format,
    output: Path | None,
    markdown: Callable[[], str],
    as_json: Callable[[], str],
    renderable: Callable[[], "RenderableType"],
) -> None:
    from fenggong.export import Table

    if fmt is Format.TABLE:
        _emit(Table(columns=(), records=()), fmt, output, None, renderable)
    else:
        _write_output(markdown() if fmt is Format.MD else as_json(), output, fmt, None)


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
    found = resolve(name, brief_entities(plan), "单位、领导或镇")
    if found.is_abbreviation and found.query != found.name:
        _stderr(f"{found.query} → {found.name}")
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

    _emit_summary(
        _summary_format(fmt, output),
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
        found = resolve(query, pool, "单位或镇", "fenggong units")
        if found.is_abbreviation and found.query != found.name:
            _stderr(f"{found.query} → {found.name}")
        parties.append(shared.Party(name=found.name, is_town=found.kind is EntityKind.TOWN))
    if len({p.name for p in parties}) < len(parties):
        raise UsageError("overlap 的名称有重复")
    result = shared.overlap(plan, parties, any_two=any_two)
    if not result.rows:
        raise NoMatch("这些单位没有共同涉及的任务")
    table = report.overlap_table(result)
    out_fmt = _choose_format(fmt, output)
    if out_fmt is Format.JSON:
        _write_output(report.overlap_json(result), output, out_fmt, None)
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

    _emit(table, out_fmt, output, bom, renderable)


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

    _emit_summary(
        _summary_format(fmt, output),
        output,
        lambda: report.overview_markdown(view, plan.meta.title),
        lambda: report.overview_json(view),
        renderable,
    )


class ImportFormat(StrEnum):
    """What `import` reads."""

    TEXT = "text"
    CSV = "csv"


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
    from fenggong.importer import parse_csv_text, parse_source_text
    from fenggong.load import default_path
    from fenggong.validate import read_registry

    if output is not None and output.exists() and not force:
        raise UsageError(f"{output}：文件已存在，加 --force 覆盖")
    reg = None if no_registry else read_registry(registry or data or default_path())
    text = _read_source(source)
    as_csv = kind is ImportFormat.CSV or (kind is None and source.suffix.lower() == ".csv")
    parse = parse_csv_text if as_csv else parse_source_text
    result = parse(text, reg, str(source))
    tasks = result.document.get("tasks")
    if not isinstance(tasks, list) or not tasks:
        for problem in result.problems:
            _stderr(f"需核对：{problem}")
        raise UsageError(f"{source}：没有读到任何任务行，什么也没有写")
    toml_text = dataset_toml(result.document)
    for problem in result.problems:
        _stderr(f"需核对：{problem}")
    if output is None:
        _write_output(toml_text, None, Format.MD, None)
        return
    write_atomic(output, toml_text)
    note = f"；{len(result.problems)} 处需要核对（见上）" if result.problems else ""
    _stderr(f"已写入 {output}：{len(tasks)} 项任务{note}。请再运行 fenggong check {output}")


def _read_source(path: Path) -> str:
    """An import source as text: UTF-8 (with or without BOM), or GB18030 as Windows saves it."""
    from fenggong.load import read_text

    try:
        return read_text(path)
    except FenggongError as error:
        if "UTF-8" not in error.message:
            raise
    return path.read_bytes().decode("gb18030", errors="strict")


class ExportFormat(StrEnum):
    """What `export` writes."""

    TOML = "toml"
    JSON = "json"
    CSV = "csv"


@app.command("export")
def export_command(
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
    leader: LeaderOption = [],  # noqa: B006
    lead: LeadOption = [],  # noqa: B006
    unit: UnitOption = [],  # noqa: B006
    town: TownOption = [],  # noqa: B006
    basis: BasisOption = [],  # noqa: B006
    all_bases: AllBasesOption = False,
    keyword: KeywordOption = [],  # noqa: B006
    category: CategoryOption = [],  # noqa: B006
    section: SectionOption = [],  # noqa: B006
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
    flt = _task_filter(
        plan,
        leader=leader,
        lead=lead,
        unit=unit,
        town=town,
        basis=basis,
        all_bases=all_bases,
        keyword=keyword,
        category=category,
        section=section,
    )
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
            _write_output(text, output, Format.CSV, bom)
            return
        case ExportFormat.TOML | ExportFormat.JSON:
            ids = [r.task.id for r in rows]
            document = subset_document(plan, ids) if filtered else dataset_document(plan)
            text = dataset_toml(document) if chosen is ExportFormat.TOML else dataset_json(document)
        case _:
            assert_never(chosen)
    _write_output(text, output, Format.JSON if chosen is ExportFormat.JSON else Format.MD, False)


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
    _stderr(f"fenggong: {message}")
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
