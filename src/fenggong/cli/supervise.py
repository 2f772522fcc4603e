"""督办 commands: `deadline`, `progress`, `ledger`, `collect`, `status` and `notice`."""

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fenggong.cli import pack_options as pack
from fenggong.cli.options import (
    AsciiOption,
    DataOption,
    ForceOption,
    FormatOption,
    OutputOption,
    as_path,
)
from fenggong.errors import UsageError
from fenggong.plan.load import default_path, load_plan
from fenggong.present.formats import RECORDS, REPORTS, Format
from fenggong.present.output import Target, announce, choose_format, emit, say, write_lines

if TYPE_CHECKING:
    from fenggong.plan.model import Plan
    from fenggong.progress.store import Store

LogOption = pack.LogOption
PeriodOption = Annotated[
    str | None,
    typer.Option("--period", help="报送期：按月 2023-05，按季 2023-Q2。", show_default=False),
]


def open_store(plan: "Plan", data: Path | None, log: Path | None) -> "Store":
    """The plan's progress store (--log, FENGGONG_LOG, beside the user's data, or the user's
    data folder)."""
    from fenggong.progress.location import log_for
    from fenggong.progress.store import Store

    return Store(log or log_for(plan, data), plan)


def parse_day(text: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{what}「{text}」应写成 YYYY-MM-DD，如 2023-06-30") from None


def _task(plan: "Plan", task_id: int) -> None:
    if plan.task(task_id) is None:
        raise UsageError(f"没有第 {task_id} 项任务（本方案共 {len(plan.tasks)} 项）")


def deadline(
    task_id: Annotated[int, typer.Argument(help="任务序号。", show_default=False)],
    date: Annotated[str, typer.Argument(help="截止日期，如 2023-06-30。", show_default=False)],
    log: LogOption = None,
    data: DataOption = None,
) -> None:
    """督查室为一项任务定截止日期（记入进展库，以最后一次为准）。

    \b
    例：fenggong deadline 57 2023-06-30
    """
    plan = load_plan(data)
    _task(plan, task_id)
    day = parse_day(date, "截止日期")
    store = open_store(plan, data, log)
    store.add_deadlines([(task_id, day)], "命令行")
    say(f"已记入：第 {task_id} 项截止日期 {day.isoformat()}（进展库：{store.path}）")


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
    log: LogOption = None,
    data: DataOption = None,
) -> None:
    """在终端里记一条进展报送（不用填台账时）。

    \b
    例：fenggong progress 57 --status 滞后 -m "二期主体完工" --problem "资金未到位" --period 2023-05
    """
    from fenggong.progress.model import (
        NEEDS_PROGRESS,
        Report,
        parse_period,
        parse_status,
        period_of,
    )
    from fenggong.queries.resolve import EntityKind, resolve_all

    plan = load_plan(data)
    _task(plan, task_id)
    task = plan.task(task_id)
    assert task is not None
    chosen = parse_status(status)
    if chosen in NEEDS_PROGRESS and not message.strip():
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
    when = parse_period(period) if period else period_of(dt.date.today())
    store = open_store(plan, data, log)
    report = Report(
        task_id,
        reporter,
        when,
        chosen,
        message.strip(),
        problem.strip(),
        next_steps.strip(),
        by.strip(),
    )
    store.add_reports([report], "命令行")
    say(f"已记入：第 {task_id} 项 {when} {chosen.value}（{reporter}；进展库：{store.path}）")


def ledger(
    lead: Annotated[
        list[str], typer.Option("--lead", help="只给这些牵头单位出台账（可重复）。")
    ] = [],  # noqa: B006
    period: PeriodOption = None,
    split_by: Annotated[
        str | None,
        typer.Option(
            "--split-by", help="unit：每个牵头单位一个文件，-o 给文件夹。", show_default=False
        ),
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    log: LogOption = None,
    data: DataOption = None,
) -> None:
    """出台账：给牵头单位填报本期进展的 Excel（已预填上次报送的内容），收回后用 collect 读入。

    \b
    例：fenggong ledger --lead 住建 --period 2023-05 -o 住建局台账.xlsx
        fenggong ledger --period 2023-05 --split-by unit -o 台账/
    """
    from fenggong.files import output_target, write_atomic
    from fenggong.present.ledger import LedgerRow, ledger_workbook
    from fenggong.progress.model import parse_period, plan_key
    from fenggong.queries.lights import due
    from fenggong.queries.resolve import EntityKind, resolve_all

    if period is None:
        raise UsageError("出台账要写报送期，如 --period 2023-05")
    when = parse_period(period)
    if output is None:
        raise UsageError("请用 -o 指定台账文件（.xlsx），或加 --split-by unit 用 -o 指定文件夹")
    if split_by not in (None, "unit"):
        raise UsageError("--split-by 只能是 unit")
    plan = load_plan(data)
    found = resolve_all(plan, EntityKind.UNIT, lead) if lead else ()
    announce(found)
    units = [f.name for f in found] or list(
        dict.fromkeys(u for t in plan.tasks for u in t.lead_units)
    )
    if len(units) > 1 and split_by is None:
        raise UsageError("台账一个单位一个文件：只写一个 --lead，或加 --split-by unit -o 文件夹/")
    store = open_store(plan, data, log)
    reports = store.reports()
    deadlines = store.deadlines()
    written = []
    for unit in units:
        rows = []
        for task in plan.tasks:
            if unit not in task.lead_units:
                continue
            earlier = [
                r
                for r in reports
                if r.task == task.id and r.unit == unit and r.period.end < when.end
            ]
            rows.append(
                LedgerRow(
                    task, due(plan, task, deadlines).isoformat(), earlier[-1] if earlier else None
                )
            )
        if not rows:
            say(f"{unit}没有牵头的任务，不出台账")
            continue
        data_bytes = ledger_workbook(plan_key(plan), unit, when, rows)
        target = output / f"{unit}{when}台账.xlsx" if split_by else output
        if split_by:
            output.mkdir(parents=True, exist_ok=True)
        write_atomic(output_target(target, force=force, reading=data or default_path()), data_bytes)
        written.append(target)
    say(
        f"已写出 {len(written)} 份台账（报送期 {when}）"
        + (f"：{written[0]}" if len(written) == 1 else f"，在 {output}")
    )


def collect(
    files: Annotated[
        list[Path], typer.Argument(parser=as_path, help="填好的台账（.xlsx），可写多个。")
    ],
    period: PeriodOption = None,
    log: LogOption = None,
    data: DataOption = None,
) -> None:
    """收台账：逐份检查填好的台账并记入进展库（有错的文件整份不记），最后列出本期没报送的单位。

    \b
    例：fenggong collect 住建局台账.xlsx 发改局台账.xlsx
        fenggong collect 台账/*.xlsx --period 2023-05
    """
    from fenggong.intake.ledger import read_ledger
    from fenggong.progress.model import parse_period, plan_key
    from fenggong.progress.store import latest_reports
    from fenggong.queries.lights import due

    plan = load_plan(data)
    store = open_store(plan, data, log)
    deadlines = store.deadlines()
    wanted = parse_period(period) if period else None
    before = latest_reports(store.reports())
    periods = set()
    stored_files = failed = 0

    def deadline_text(task_id: int) -> str:
        task = plan.task(task_id)
        return due(plan, task, deadlines).isoformat() if task is not None else ""

    for path in files:
        filled = read_ledger(path, plan, plan_key(plan), deadline_text)
        if wanted is not None and filled.period != wanted:
            say(f"需核对：{path.name}：这是 {filled.period} 的台账，不是 {wanted} 的，整份没有记入")
            failed += 1
            continue
        if filled.problems:
            for problem in filled.problems:
                say(f"需核对：{problem}")
            say(f"{path.name}：有 {len(filled.problems)} 处要改，整份没有记入")
            failed += 1
            continue
        for report in filled.reports:
            if (report.task, report.unit, report.period) in before:
                say(
                    f"{path.name}：第 {report.task} 项 {report.period} 已报送过，这次的作为更正记入（原记录保留）"
                )
        store.add_reports(filled.reports, path.name)
        stored_files += 1
        periods.add(filled.period)
        say(f"{path.name}：{filled.unit} {filled.period} 记入 {len(filled.reports)} 条")
    say(
        f"共记入 {stored_files} 份台账"
        + (f"，{failed} 份有问题没有记入" if failed else "")
        + f"（进展库：{store.path}）"
    )
    for when in sorted(periods | ({wanted} if wanted else set()), key=lambda p: p.end):
        latest = latest_reports(store.reports())
        missing: dict[str, list[int]] = {}
        for task in plan.tasks:
            for unit in task.lead_units:
                if (task.id, unit, when) not in latest:
                    missing.setdefault(unit, []).append(task.id)
        lines = [f"{unit}：第 {'、'.join(map(str, ids))} 项" for unit, ids in missing.items()]
        write_lines(
            [f"催办（{when} 未报送，{len(missing)} 个单位）：", *lines]
            if lines
            else [f"{when} 全部报送"]
        )
    if failed:
        raise UsageError(f"{failed} 份台账有问题没有记入，改好后再 collect 这几份")


def status(
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="按哪一天算（默认今天）。", show_default=False)
    ] = None,
    period: PeriodOption = None,
    by: Annotated[
        str, typer.Option("--by", help="unit 牵头单位、leader 领导、town 镇、task 逐项。")
    ] = "unit",
    fmt: FormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    ascii_only: AsciiOption = False,
    log: LogOption = None,
    data: DataOption = None,
) -> None:
    """亮灯：按报送和截止日期给每项任务算红、黄、蓝、绿灯（规则见 README），按单位、领导、镇或逐项汇总。

    \b
    例：fenggong status
        fenggong status --by leader --as-of 2023-07-01 -o 亮灯.xlsx
    """
    from fenggong.present.supervise_views import GROUPS, status_answer
    from fenggong.progress.model import parse_period
    from fenggong.queries.lights import latest_period, lights

    if by not in GROUPS:
        raise UsageError(f"--by 应为 {'、'.join(GROUPS)} 之一")
    plan = load_plan(data)
    day = parse_day(as_of, "--as-of") if as_of else dt.date.today()
    store = open_store(plan, data, log)
    reports = store.reports()
    when = parse_period(period) if period else latest_period(reports, day)
    result = lights(plan, reports, store.deadlines(), as_of=day, period=when)
    answer = status_answer(plan, result, by, day, when)
    emit(
        answer,
        choose_format(fmt, output, RECORDS),
        Target(output, None, force, data),
        ascii_only=ascii_only,
    )


def notice(
    period: Annotated[str, typer.Option("--period", help="通报的报送期，如 2023-Q2。")],
    as_of: pack.AsOfOption = None,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="md、docx、xlsx 或 table；默认按 -o 的扩展名。",
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    ascii_only: AsciiOption = False,
    issuer: pack.IssuerOption = "",
    to: pack.ToOption = "各牵头单位",
    date: pack.DocDateOption = None,
    doc_no: pack.DocNoOption = "",
    split_by: pack.LeaderSplitOption = None,
    log: LogOption = None,
    data: DataOption = None,
) -> None:
    """督查通报：按 GB/T 9704 排版的公文草稿（docx），含总体情况、表扬、滞后和超期任务的存在问题和下一步措施、未报送的单位。

    \b
    例：fenggong notice --period 2023-05 --issuer 县委督查室 --doc-no "督通〔2023〕5号" -o 通报.docx
    """
    from fenggong.present.notice_out import NoticeRequest, write_notice
    from fenggong.progress.model import parse_period
    from fenggong.queries.lights import lights

    when = parse_period(period)
    plan = load_plan(data)
    day = parse_day(as_of, "--as-of") if as_of else when.end
    store = open_store(plan, data, log)
    chosen = choose_format(fmt, output, REPORTS) if split_by is None else fmt or Format.DOCX
    if chosen is Format.DOCX or split_by is not None:  # the 公文 (present/notice_out.py)
        request = NoticeRequest(
            issuer, to, pack.doc_date(date, day, as_of), doc_no, split_by, chosen
        )
        write_notice(plan, store, when, day, request, Target(output, None, force, data))
        return
    from fenggong.present.supervise_views import notice_answer  # only this path needs it

    result = lights(plan, store.reports(), store.deadlines(), as_of=day, period=when)
    answer = notice_answer(plan, result, when)
    emit(answer, chosen, Target(output, None, force, data), ascii_only=ascii_only)


COMMANDS = {
    "deadline": deadline,
    "progress": progress,
    "ledger": ledger,
    "collect": collect,
    "status": status,
    "notice": notice,
}
