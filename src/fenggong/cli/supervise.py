"""督办 commands that record: `deadline`, `progress`, `ledger` and `collect` (the lights and
the 通报 are in `oversee.py`). Each parses its options and calls `fenggong.progress`."""

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fenggong.cli.options import (
    DataOption,
    LogOption,
    Output,
    PeriodOption,
    SplitBy,
    as_path,
    with_output,
)
from fenggong.errors import DatasetError, UsageError
from fenggong.plan.load import load_plan
from fenggong.present.formats import LEDGER
from fenggong.present.output import announce, say, write_lines
from fenggong.progress.model import plan_period

if TYPE_CHECKING:
    from fenggong.plan.model import Plan, Task

YearForceOption = Annotated[
    bool,
    typer.Option("--force", help="截止日期或报送期不在方案当年时也照记。"),
]


def _task(plan: "Plan", task_id: int) -> "Task":
    if (task := plan.task(task_id)) is None:
        raise UsageError(f"没有第 {task_id} 项任务（本方案共 {len(plan.tasks)} 项）")
    return task


def deadline(
    task_id: Annotated[int | None, typer.Argument(help="任务序号。", show_default=False)] = None,
    date: Annotated[
        str | None,
        typer.Argument(
            help="截止日期：2023-06-30、2023/6/30、6月底、三季度末……", show_default=False
        ),
    ] = None,
    listing: Annotated[bool, typer.Option("--list", help="列出督查室定过的截止日期。")] = False,
    clear: Annotated[
        bool, typer.Option("--clear", help="取消督查室定的截止日期（恢复方案的完成时限）。")
    ] = False,
    source: Annotated[
        Path | None,
        typer.Option(
            "--from",
            parser=as_path,
            help="从 Excel 批量读入：列「序号」和「截止日期」（或「完成时限」）。",
            show_default=False,
        ),
    ] = None,
    force: YearForceOption = False,
    log: LogOption = None,
    data: DataOption = None,
) -> None:
    """督查室给任务定截止日期（记入进展库，以最后一次为准）。

    \b
    例：fenggong deadline 57 2023-06-30
        fenggong deadline 57 6月底
        fenggong deadline 57 --clear
        fenggong deadline --from 时限.xlsx
        fenggong deadline --list
    """
    from fenggong.progress.dates import parse_day
    from fenggong.progress.location import open_store, read_store
    from fenggong.progress.model import check_year, plan_year

    plan = load_plan(data)
    entries: list[tuple[int, dt.date | None]]
    if listing:
        set_by_office = {}
        if (found := read_store(plan, data, log, strict=True)) is not None:
            with found:
                set_by_office = found.deadlines()
        if not set_by_office:
            say("督查室还没有定过截止日期（都按方案的完成时限，没有的按年底）")
        rows = [
            f"{d.task}\t{d.deadline.isoformat()}\t{d.source}\t{d.recorded_at}"
            for d in sorted(set_by_office.values())
        ]  # under a header, as every other table has: the columns `--from` reads
        write_lines(["序号\t截止日期\t来源\t记入时间", *rows] if rows else [])
        return
    if source is not None:
        from fenggong.progress.deadlines import read_deadlines

        entries = list(read_deadlines(source, plan, force=force))
        origin = source.name
    elif task_id is None:
        raise UsageError("要写任务序号和截止日期，如 fenggong deadline 57 2023-06-30")
    else:
        _task(plan, task_id)
        if clear:
            entries, origin = [(task_id, None)], "命令行"
        elif date is None:
            raise UsageError("要写截止日期，如 fenggong deadline 57 2023-06-30；取消用 --clear")
        else:
            day = parse_day(date, "截止日期", plan_year(plan))
            check_year(plan, day, "截止日期", force=force)
            entries, origin = [(task_id, day)], "命令行"
    with open_store(plan, data, log) as store:
        store.add_deadlines(entries, origin)
        where = store.path
    if len(entries) == 1:
        task, chosen = entries[0]
        told = f"截止日期 {chosen.isoformat()}" if chosen else "取消督查室定的截止日期"
        say(f"已记入：第 {task} 项{told}（进展库：{where}）")
    else:
        say(f"已记入 {len(entries)} 项截止日期（{origin}；进展库：{where}）")


def progress(
    task_id: Annotated[int, typer.Argument(help="任务序号。", show_default=False)],
    status: Annotated[
        str, typer.Option("--status", help="已完成、超序时、序时推进、滞后、未启动、持续推进。")
    ],
    message: Annotated[str, typer.Option("--message", "-m", help="本期进展情况。")] = "",
    problem: Annotated[str, typer.Option("--problem", help="存在问题。")] = "",
    next_steps: Annotated[str, typer.Option("--next", help="下一步措施。")] = "",
    by: Annotated[str, typer.Option("--by", help="填报人。")] = "",
    period: PeriodOption = None,
    unit: Annotated[
        str | None,
        typer.Option("--unit", help="报送单位（默认任务的第一个牵头单位）。", show_default=False),
    ] = None,
    force: YearForceOption = False,
    log: LogOption = None,
    data: DataOption = None,
) -> None:
    """在终端里记一条进展报送（不用填台账时）；不写 --period 时记入最近出台账的报送期。

    \b
    例：fenggong progress 57 --status 滞后 -m "二期主体完工" --problem "资金未到位" --period 2023-05
    """
    from fenggong.progress.location import open_store, read_store
    from fenggong.progress.model import NEEDS_PROGRESS, Report, parse_status, report_text
    from fenggong.queries.resolve import EntityKind, resolve_all

    plan = load_plan(data)
    task = _task(plan, task_id)
    chosen = parse_status(status)
    if chosen in NEEDS_PROGRESS and not report_text(message):
        raise UsageError(f"状态为「{chosen.value}」时要用 -m 写本期进展情况")
    reporter = task.lead_units[0]
    if unit is not None:
        (found,) = resolve_all(plan, EntityKind.UNIT, [unit])
        announce([found])
        if found.name not in task.lead_units:
            raise UsageError(
                f"第 {task_id} 项的牵头单位是 {'、'.join(task.lead_units)}，不是{found.name}"
            )
        reporter = found.name
    if period:
        when = plan_period(plan, period, force=force)
    else:
        issued = []
        if (existing := read_store(plan, data, log, strict=True)) is not None:
            with existing:
                issued = existing.issued()
        if not issued:
            raise UsageError("还没有出过台账，请用 --period 写报送期，如 --period 2023-05")
        when = max((p for p, _ in issued), key=lambda p: (p.end, p.start))
        say(f"报送期按最近出的台账算：{when}")
    texts = (report_text(t) for t in (message, problem, next_steps, by))
    report = Report(task_id, reporter, when, chosen, *texts)
    with open_store(plan, data, log) as store:
        store.add_reports([report], "命令行")
        where = store.path
    say(f"已记入：第 {task_id} 项 {when} {chosen.value}（{reporter}；进展库：{where}）")


@with_output(LEDGER)
def ledger(
    out: Output,
    lead: Annotated[
        list[str], typer.Option("--lead", help="只给这些牵头单位出台账（可重复）。")
    ] = [],  # noqa: B006
    period: PeriodOption = None,
    split_by: Annotated[
        SplitBy | None,
        typer.Option(
            "--split-by", help="unit：每个牵头单位一个文件，-o 给文件夹。", show_default=False
        ),
    ] = None,
    log: LogOption = None,
) -> None:
    """出台账：给牵头单位填报本期进展的 Excel（上期的状态和进展只读列出，本期各列留空），收回后用 collect 读入。

    \b
    例：fenggong ledger --lead 住建 --period 2023-05 -o 住建局台账.xlsx
        fenggong ledger --period 2023-05 --split-by unit -o 台账/
    """
    from fenggong.filenames import write_split
    from fenggong.files import output_target, write_atomic
    from fenggong.present.output_steps import each
    from fenggong.progress.ledger import LedgerRow, ledger_workbook
    from fenggong.progress.lights import due
    from fenggong.progress.location import open_store
    from fenggong.progress.model import plan_key
    from fenggong.queries.resolve import EntityKind, resolve_all

    output, force, data = out.path, out.force, out.data
    if period is None:
        raise UsageError("出台账要写报送期，如 --period 2023-05")
    if output is None:
        raise UsageError("请用 -o 指定台账文件（.xlsx），或加 --split-by unit 用 -o 指定文件夹")
    if split_by is None:  # -o names the file (with --split-by, a folder)
        out.refuse_mismatch()
    plan = load_plan(data)
    when = plan_period(plan, period)
    found = resolve_all(plan, EntityKind.UNIT, lead) if lead else ()
    announce(found)
    units = [f.name for f in found] or list(
        dict.fromkeys(u for t in plan.tasks for u in t.lead_units)
    )
    if len(units) > 1 and split_by is None:
        raise UsageError("台账一个单位一个文件：只写一个 --lead，或加 --split-by unit -o 文件夹/")
    with open_store(plan, data, log) as store:
        deadlines = store.deadlines()
        last = {
            (r.task, r.unit): r
            for r in sorted(store.reports(), key=lambda r: r.period.end)
            if r.period.end < when.start
        }
        books: list[tuple[str, bytes]] = []
        issued: list[str] = []
        for unit in each(units, "写台账"):
            rows = [
                LedgerRow(task, due(plan, task, deadlines).isoformat(), last.get((task.id, unit)))
                for task in plan.tasks
                if unit in task.lead_units
            ]
            if not rows:
                say(f"{unit}没有牵头的任务，不出台账")
                continue
            books.append((f"{unit}{when}台账", ledger_workbook(plan_key(plan), unit, when, rows)))
            issued.append(unit)
        written: list[Path] = []
        if split_by:  # safe, unique names inside the folder; all written or none
            written = write_split(output, books, ".xlsx", force=force, reading=out.reading)
        elif books:
            write_atomic(output_target(output, force=force, reading=out.reading), books[0][1])
            written = [output]
        store.add_issued(when, issued)
    say(
        f"已写出 {len(written)} 份台账（报送期 {when}）"
        + (f"：{written[0]}" if len(written) == 1 else f"，在 {output}")
    )


def collect(
    files: Annotated[
        list[Path],
        typer.Argument(parser=as_path, help="交回的台账（.xlsx）或放台账的文件夹，可写多个。"),
    ],
    period: PeriodOption = None,
    force: YearForceOption = False,
    log: LogOption = None,
    data: DataOption = None,
) -> None:
    """收台账：逐份检查交回的台账，好的整份记入进展库，其余每份说明原因，最后列出本期的催办名单。

    \b
    例：fenggong collect 台账/
        fenggong collect 台账/*.xlsx --period 2023-05
    """
    from fenggong.progress.collect import collect as run

    plan = load_plan(data)
    wanted = plan_period(plan, period, force=force) if period else None
    done = run(plan, files, data=data, log=log, period=wanted)
    for note in done.notes:
        say(note)
    for problem in done.problems:
        say(f"需核对：{problem}")
    if done.refused:
        say(f"没有记入的文件（{len(done.refused)} 份）：")
        for name, reason in done.refused:
            say(f"  {name}：{reason}")
    say(
        f"共记入 {done.recorded} 份台账"
        + (f"，{len(done.refused)} 份没有记入" if done.refused else "")
        + f"（进展库：{done.store}）"
    )
    if done.period is not None:
        lines = [f"{unit}：第 {'、'.join(map(str, ids))} 项" for unit, ids in done.remind.items()]
        write_lines(
            [f"催办（{done.period} 未报送，{len(done.remind)} 个单位）：", *lines]
            if lines
            else [f"{done.period} 全部报送"]
        )
    if done.refused:
        raise DatasetError(
            (f"{len(done.refused)} 份没有记入（原因见上），改好后再 collect 这几份",)
        )


COMMANDS = {"deadline": deadline, "progress": progress, "ledger": ledger, "collect": collect}
