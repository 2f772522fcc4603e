"""The 督查室's monthly pack: `summary` (进展汇总, also one file per 分管领导) and `remind`
(催办通知, one per unit). The 通报 is `notice` (cli/oversee.py), written by the same 公文
writer. Both read the store through `fenggong.progress.supervision`, never creating one."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fenggong import clock
from fenggong.cli.options import LogOption, Output, with_output
from fenggong.cli.pack_options import (
    AsOfOption,
    DocDateOption,
    IssuerOption,
    LeaderSplitOption,
    PeriodOption,
)
from fenggong.errors import UsageError
from fenggong.plan.load import load_plan
from fenggong.present.formats import RECORDS, Format, Formats
from fenggong.present.output import say, write_output

if TYPE_CHECKING:
    from fenggong.plan.model import Plan
    from fenggong.progress.supervision import Supervision

#: `remind`: a .docx per unit into a folder, or plain text to paste into a messaging app.
REMINDERS = Formats((Format.DOCX, Format.MD), Format.MD, Format.MD)


def _supervision(
    plan: "Plan", out: Output, log: Path | None, period: str | None, as_of: str | None
) -> "Supervision":
    """The period's reports and lights, from the plan's store, which must exist; without
    `period`, the period of the `as_of` day (today by default), as `notice` takes it."""
    from fenggong.progress.dates import day_or
    from fenggong.progress.location import store_path
    from fenggong.progress.model import plan_period, plan_year
    from fenggong.progress.supervision import latest_period, supervision

    path = store_path(plan, out.data, log)
    if not path.is_file():
        raise UsageError(f"还没有进展库（{path}）：先用 ledger 和 collect 或 progress 记入报送")
    year = plan_year(plan)
    if period:
        when = plan_period(plan, period, force=True)
    else:
        asked = day_or(as_of, "--as-of", year, clock.today())
        when = latest_period(plan, out.data, log, as_of=asked)
    day = day_or(as_of, "--as-of", year, when.end)
    return supervision(plan, out.data, log, as_of=day, period=when, strict=True)


@with_output(RECORDS)
def summary(
    out: Output,
    period: PeriodOption = None,
    by: Annotated[
        str, typer.Option("--by", help="unit 按牵头单位、leader 按责任领导、category 按大类。")
    ] = "unit",
    split_by: LeaderSplitOption = None,
    as_of: AsOfOption = None,
    log: LogOption = None,
) -> None:
    """进展汇总：每项任务、每个牵头单位最新报送的进展、存在问题、下一步措施、状态和灯，另附历史表。

    \b
    例：fenggong summary --period 2023-05 -o 5月进展汇总.xlsx
        fenggong summary --period 2023-05 --by leader -o 汇总.docx
        fenggong summary --period 2023-05 --split-by leader -o 领导/
        fenggong summary -o 进展汇总.xlsx                        今天所在的报送期
    """
    from fenggong.present.answers.monthly import period_words, summary_of
    from fenggong.present.answers.progress import GROUPINGS, summary_answer

    if by not in GROUPINGS:
        raise UsageError(f"--by 应为 {'、'.join(GROUPINGS)} 之一")
    plan = load_plan(out.data)
    sup = _supervision(plan, out, log, period, as_of)
    content = summary_of(plan, sup)
    if split_by is None:
        out.emit(summary_answer(content, by))
        return
    from fenggong.present.output import write_pack
    from fenggong.present.render.text import render

    chosen = _pack_format(split_by, out, Format.XLSX)
    files = []
    for leader in _leaders(plan):
        mine = tuple(line for line in content.lines if leader in line.task.leaders)
        answer = summary_answer(content._replace(lines=mine), "unit")
        answer = answer._replace(
            title=f"{leader}同志分管任务进展汇总（{period_words(content.period)}）"
        )
        files.append((f"{leader}{content.period}进展汇总.{chosen.value}", render(answer, chosen)))
    assert out.path is not None
    written = write_pack(out.path, files, force=out.force, reading=out.reading)
    say(f"已写出 {len(written)} 份分管领导进展汇总，在 {out.path}")


def _leaders(plan: "Plan") -> list[str]:
    return list(dict.fromkeys(name for task in plan.tasks for name in task.leaders))


def _pack_format(split_by: str, out: Output, default: Format) -> Format:
    """The format of each file of a pack (-o is a folder)."""
    if split_by != "leader":
        raise UsageError("--split-by 只能是 leader")
    if out.path is None:
        raise UsageError("--split-by leader 要用 -o 指定文件夹")
    chosen = out.fmt or default
    if chosen not in (Format.XLSX, Format.DOCX, Format.MD, Format.CSV, Format.JSON):
        raise UsageError("--split-by leader 写 xlsx、docx、md、csv 或 json 文件")
    return chosen


@with_output(REMINDERS)
def remind(
    out: Output,
    period: PeriodOption = None,
    by_date: Annotated[
        str | None,
        typer.Option(
            "--by-date",
            metavar="<日期>",
            help="请在哪一天前报送，如 2023-06-05。",
            show_default=False,
        ),
    ] = None,
    issuer: IssuerOption = "",
    date: DocDateOption = None,
    as_of: AsOfOption = None,
    log: LogOption = None,
) -> None:
    """催办通知：给本期没有报送或进度滞后的牵头单位各写一份简短通知；不加 -o 时输出纯文本。

    \b
    例：fenggong remind --period 2023-05 --by-date 2023-06-05 --issuer 县委督查室 -o 催办/
        fenggong remind --period 2023-05 -f md
        fenggong remind --as-of 2023-06-03 -f md                 6月3日所在的报送期
    """
    from fenggong.present.answers.monthly import reminders_of
    from fenggong.present.answers.remind import reminder_parts, reminders_text
    from fenggong.progress.dates import day_or
    from fenggong.progress.model import plan_year

    plan = load_plan(out.data)
    sup = _supervision(plan, out, log, period, as_of)
    when, day, year = sup.period, sup.as_of, plan_year(plan)
    deadline = day_or(by_date, "--by-date", year, day) if by_date else None
    written_on = day_or(date, "--date", year, day if as_of else clock.today())
    reminders = reminders_of(plan, sup)
    output = out.path
    chosen = out.fmt or (Format.DOCX if output is not None else Format.MD)
    if chosen is Format.MD:
        if output is not None and output.suffix.lower() not in (".md", ".txt"):
            raise UsageError("-f md 时 -o 给 .md 或 .txt 文件，或不加 -o 输出到屏幕")
        text = reminders_text(reminders, by_date=deadline, issuer=issuer)
        write_output(text or f"{when} 没有要催办的单位\n", Format.MD, out.target())
        return
    if output is None:
        raise UsageError("催办通知一个单位一份：请用 -o 指定文件夹")
    from fenggong.present.output import write_pack
    from fenggong.present.render.gongwen import gongwen_docx

    files = [
        (
            f"{r.unit}{when}催办通知.docx",
            gongwen_docx(reminder_parts(r, by_date=deadline, issuer=issuer, date=written_on)),
        )
        for r in reminders
    ]
    written = write_pack(output, files, force=out.force, reading=out.reading)
    if not issuer:
        say("没有给 --issuer：署名处留了「（发文机关署名）」待填")
    say(f"已写出 {len(written)} 份催办通知（{when}），在 {output}")


COMMANDS = {"summary": summary, "remind": remind}
