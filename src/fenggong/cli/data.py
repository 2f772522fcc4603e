"""Commands about the dataset itself: `import`, `export` and `check`."""

from pathlib import Path
from typing import Annotated

import typer

from fenggong.cli.options import ImportFormat, Output, as_path, with_filters, with_output
from fenggong.errors import DatasetError, UsageError
from fenggong.plan.load import default_path, load_plan
from fenggong.present.formats import DATASET, IMPORTED
from fenggong.present.output import announce, say, write_lines
from fenggong.queries.requests import FilterRequest


@with_output(IMPORTED)
def import_plan(
    out: Output,
    source: Annotated[
        Path,
        typer.Argument(
            parser=as_path,
            help="方案文件：.docx、.xlsx、.csv，或从网页复制到 .txt 的文字"
            "（fenggong 导出的 .toml、.json 也行）。",
            show_default=False,
        ),
    ],
    registry: Annotated[
        Path | None,
        typer.Option(
            "--registry",
            parser=as_path,
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
    sheet: Annotated[
        str | None,
        typer.Option("--sheet", help=".xlsx 读哪个工作表（默认第一个）。", show_default=False),
    ] = None,
    mapping: Annotated[
        list[str],
        typer.Option(
            "--map",
            help="指定某列（或某个标签）是什么，如 --map 分管县领导=责任领导；字段：序号、任务、"
            "责任领导、牵头单位、相关责任单位、部门分工、大类、大项、其他列。可重复。",
            show_default=False,
        ),
    ] = [],  # noqa: B006
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="只显示认出的格式、列和数目，以及需核对的地方，不写文件。"),
    ] = False,
) -> None:
    """导入分工方案：.docx、.xlsx、.csv，或从网页复制到 .txt 的文字，自动认出表格或段落格式，写成 TOML。

    表头按意思认（任务名称、分管县领导、牵头责任单位、部门分工……），其他列按原名保留；
    拿不准的地方逐条列出（不中断），文件要么完整写出，要么不写。
    别的地方的方案，名称按原文保留；要用某个名录规范名称，加 --registry。

    \b
    例：fenggong import 2024年分工方案.docx --dry-run
        fenggong import 方案.xlsx -o data/2024.toml
        fenggong import 方案.txt -o plan.toml --map 分管县领导=责任领导
        fenggong check data/2024.toml
    """
    from fenggong.files import output_target
    from fenggong.intake.layouts import parse_mapping
    from fenggong.intake.readers import read_plan
    from fenggong.plan.load import load_registry
    from fenggong.present.answers.dataset import import_summary, imported_answer, written_line
    from fenggong.present.output_steps import long_work

    overrides = parse_mapping(mapping)
    output = out.path
    if output is not None and not dry_run:  # refuse before the work, not after
        out.refuse_mismatch()
        output_target(output, force=out.force, reading=source)
    names = None if no_registry else load_registry(registry or out.reading)
    as_csv = None if kind is None else kind is ImportFormat.CSV
    with long_work(f"导入 {source.name}"):
        result, layout = read_plan(
            source,
            names,
            as_csv=as_csv,
            sheet=sheet,
            overrides=overrides,
            registry_named=registry is not None,
        )
    if dry_run:
        write_lines(import_summary(result, layout))
        return
    for problem in result.problems:
        say(f"需核对：{problem}")
    if not result.tasks:
        raise UsageError(f"{source}：没有读到任何任务行，什么也没有写")
    result.refuse_invalid(source)
    out.emit(imported_answer(result.document), reading=source)
    if output is not None:
        say(written_line(result, output))


@with_filters
@with_output(DATASET)
def export(filters: FilterRequest, out: Output) -> None:
    """导出整个数据集（或筛选出的任务）为一个文件；TOML、JSON 导出后可原样再读入。

    \b
    例：fenggong export -o 备份.toml
        fenggong export --format json -o plan.json
        fenggong export --lead 工信 -o 工信局.csv
    """
    from fenggong.present.answers.dataset import dataset_answer
    from fenggong.present.output_steps import long_work
    from fenggong.queries.filters import find_tasks, resolve_filter

    plan = load_plan(out.data)
    out.refuse_mismatch()
    found = resolve_filter(plan, filters)
    announce(found.names, found.notes)
    rows = find_tasks(plan, found.filter)
    answer = dataset_answer(plan, rows, whole=not found.filter.asks_anything())
    with long_work(f"导出 {len(rows)} 项任务"):
        out.emit(answer)


def check(
    path: Annotated[
        Path | None,
        typer.Argument(
            parser=as_path, help="要检查的数据文件；默认检查当前使用的数据。", show_default=False
        ),
    ] = None,
    log: Annotated[
        Path | None,
        typer.Option(
            "--log",
            parser=as_path,
            help="同时检查这个进展库（默认检查方案的进展库，如果有）。",
            show_default=False,
        ),
    ] = None,
) -> None:
    """检查数据文件：语法、键名、类型、序号、名录引用、别名冲突、声明的总数，一次列出全部问题；有进展库时也检查它。

    \b
    例：fenggong check
        fenggong check data/tasks.toml
    """
    from fenggong.plan.load import check_file
    from fenggong.present.answers.dataset import check_summary
    from fenggong.progress.location import store_path

    target = path or default_path()
    plan, problems = check_file(target)
    if plan is None:
        write_lines(problems)
        raise DatasetError((f"{target}：发现 {len(problems)} 个问题",))
    store = store_path(plan, target, log)
    if store.is_file():
        from fenggong.progress.store import check_store  # sqlite3 only where there is a store

        if problems := check_store(store, plan):
            write_lines(problems)
            raise DatasetError((f"{store}：进展库有 {len(problems)} 个问题",))
    write_lines([check_summary(target, plan)])


COMMANDS = {"import": import_plan, "export": export, "check": check}
