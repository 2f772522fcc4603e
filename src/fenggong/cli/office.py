"""The 督查室's monthly pack: `summary` (进展汇总, also one file per 分管领导) and `remind`
(催办通知, one per unit). The 通报 is `notice` (cli/supervise.py), written by the same 公文
writer."""

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fenggong.cli.options import (
    AsciiOption,
    DataOption,
    ForceOption,
    FormatOption,
    OutputOption,
)
from fenggong.cli.pack_options import (
    AsOfOption,
    DocDateOption,
    IssuerOption,
    LeaderSplitOption,
    LogOption,
    doc_date,
)
from fenggong.errors import UsageError
from fenggong.plan.load import default_path, load_plan
from fenggong.present.formats import RECORDS, Format
from fenggong.present.output import Target, choose_format, emit, say, write_output

if TYPE_CHECKING:
    from fenggong.plan.model import Plan
    from fenggong.progress.model import Period
    from fenggong.progress.store import Store

PeriodOption = Annotated[
    str, typer.Option("--period", help="报送期：按月 2023-05，按季 2023-Q2。", show_default=False)
]


def read_store(plan: "Plan", data: Path | None, log: Path | None) -> "Store":
    """The plan's progress store, which must exist: these commands only read it."""
    from fenggong.progress.location import log_for
    from fenggong.progress.store import Store

    path = log or log_for(plan, data)
    if not path.is_file():
        raise UsageError(f"还没有进展库（{path}）：先用 ledger 和 collect 或 progress 记入报送")
    return Store(path, plan)


def parse_day(text: str | None, what: str, default: dt.date) -> dt.date:
    if text is None:
        return default
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{what}「{text}」应写成 YYYY-MM-DD，如 2023-06-05") from None


def _period(text: str) -> "Period":
    from fenggong.progress.model import parse_period

    return parse_period(text)


def summary(
    period: PeriodOption,
    by: Annotated[
        str, typer.Option("--by", help="unit 按牵头单位、leader 按责任领导、category 按大类。")
    ] = "unit",
    split_by: LeaderSplitOption = None,
    as_of: AsOfOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    ascii_only: AsciiOption = False,
    log: LogOption = None,
    data: DataOption = None,
) -> None:
    """进展汇总：每项任务、每个牵头单位最新报送的进展、存在问题、下一步措施、状态和灯，另附历史表。

    \b
    例：fenggong summary --period 2023-05 -o 5月进展汇总.xlsx
        fenggong summary --period 2023-05 --by leader -o 汇总.docx
        fenggong summary --period 2023-05 --split-by leader -o 领导/
    """
    from fenggong.present.monthly import summary_of
    from fenggong.present.progress_views import GROUPINGS, summary_answer

    if by not in GROUPINGS:
        raise UsageError(f"--by 应为 {'、'.join(GROUPINGS)} 之一")
    when = _period(period)
    plan = load_plan(data)
    day = parse_day(as_of, "--as-of", when.end)
    store = read_store(plan, data, log)
    content = summary_of(plan, store.reports(), store.deadlines(), period=when, as_of=day)
    if split_by is None:
        emit(
            summary_answer(content, by),
            choose_format(fmt, output, RECORDS),
            Target(output, None, force, data),
            ascii_only=ascii_only,
        )
        return
    from fenggong.present.monthly import period_words
    from fenggong.present.packs import write_pack
    from fenggong.present.writers import render

    chosen = _pack_format(split_by, fmt, output, Format.XLSX)
    files = []
    for leader in _leaders(plan):
        mine = tuple(line for line in content.lines if leader in line.task.leaders)
        answer = summary_answer(content._replace(lines=mine), "unit")
        answer = answer._replace(title=f"{leader}同志分管任务进展汇总（{period_words(when)}）")
        files.append((f"{leader}{when}进展汇总.{chosen.value}", render(answer, chosen)))
    assert output is not None
    written = write_pack(output, files, force=force, reading=data or default_path())
    say(f"已写出 {len(written)} 份分管领导进展汇总，在 {output}")


def _leaders(plan: "Plan") -> list[str]:
    return list(dict.fromkeys(name for task in plan.tasks for name in task.leaders))


def _pack_format(split_by: str, fmt: Format | None, output: Path | None, default: Format) -> Format:
    """The format of each file of a pack (-o is a folder)."""
    if split_by != "leader":
        raise UsageError("--split-by 只能是 leader")
    if output is None:
        raise UsageError("--split-by leader 要用 -o 指定文件夹")
    chosen = fmt or default
    if chosen not in (Format.XLSX, Format.DOCX, Format.MD, Format.CSV, Format.JSON):
        raise UsageError("--split-by leader 写 xlsx、docx、md、csv 或 json 文件")
    return chosen


def remind(
    period: PeriodOption,
    by_date: Annotated[
        str | None,
        typer.Option("--by-date", help="请在哪一天前报送，如 2023-06-05。", show_default=False),
    ] = None,
    issuer: IssuerOption = "",
    date: DocDateOption = None,
    as_of: AsOfOption = None,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="docx（每个单位一份，-o 给文件夹）或 md（纯文本，便于粘贴到聊天软件）。",
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    log: LogOption = None,
    data: DataOption = None,
) -> None:
    """催办通知：给本期没有报送或进度滞后的牵头单位各写一份简短通知；不加 -o 时输出纯文本。

    \b
    例：fenggong remind --period 2023-05 --by-date 2023-06-05 --issuer 县委督查室 -o 催办/
        fenggong remind --period 2023-05 -f md
    """
    from fenggong.present.monthly import reminders_of
    from fenggong.present.remind_text import reminder_parts, reminders_text

    when = _period(period)
    plan = load_plan(data)
    day = parse_day(as_of, "--as-of", when.end)
    deadline = parse_day(by_date, "--by-date", day) if by_date else None
    written_on = doc_date(date, day, as_of)
    store = read_store(plan, data, log)
    reminders = reminders_of(plan, store.reports(), store.deadlines(), period=when, as_of=day)
    chosen = fmt or (Format.DOCX if output is not None else Format.MD)
    if chosen is Format.MD:
        if output is not None and output.suffix.lower() not in (".md", ".txt"):
            raise UsageError("-f md 时 -o 给 .md 或 .txt 文件，或不加 -o 输出到屏幕")
        text = reminders_text(reminders, by_date=deadline, issuer=issuer)
        write_output(
            text or f"{when} 没有要催办的单位\n", Format.MD, Target(output, False, force, data)
        )
        return
    if chosen is not Format.DOCX:
        raise UsageError("remind 只写 docx（每个单位一份）或 md")
    if output is None:
        raise UsageError("催办通知一个单位一份：请用 -o 指定文件夹")
    from fenggong.present.gongwen import gongwen_docx
    from fenggong.present.packs import write_pack

    files = [
        (
            f"{r.unit}{when}催办通知.docx",
            gongwen_docx(reminder_parts(r, by_date=deadline, issuer=issuer, date=written_on)),
        )
        for r in reminders
    ]
    written = write_pack(output, files, force=force, reading=data or default_path())
    if not issuer:
        say("没有给 --issuer：署名处留了「（发文机关署名）」待填")
    say(f"已写出 {len(written)} 份催办通知（{when}），在 {output}")


COMMANDS = {"summary": summary, "remind": remind}
