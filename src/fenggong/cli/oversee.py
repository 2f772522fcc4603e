"""督办 commands that read: `status` (the lights) and `notice` (the 通报 draft). Both read the
store through `fenggong.progress.supervision` and never create one."""

from typing import TYPE_CHECKING, Annotated

import typer

from fenggong import clock
from fenggong.cli import pack_options as pack
from fenggong.cli.options import (
    AsOfOption,
    LogOption,
    Output,
    PeriodOption,
    StatusBy,
    with_output,
)
from fenggong.errors import UsageError
from fenggong.plan.load import load_plan
from fenggong.present.formats import RECORDS, REPORTS, Format
from fenggong.present.output import say

if TYPE_CHECKING:
    from fenggong.plan.model import Plan
    from fenggong.progress.supervision import Supervision


def _say_gaps(sup: "Supervision") -> None:
    """Say on stderr when there is nothing reported to light by."""
    if sup.period is None:
        say("进展库里还没有报送期（没出过台账，也没记过报送），只按截止日期亮灯")
    elif not sup.reported:
        say(f"注意：{sup.period} 还没有任何报送，各项按未报送计")


@with_output(RECORDS)
def status(
    out: Output,
    as_of: AsOfOption = None,
    period: PeriodOption = None,
    by: Annotated[
        StatusBy, typer.Option("--by", help="unit 牵头单位、leader 领导、town 镇、task 逐项。")
    ] = StatusBy.UNIT,
    split_by: pack.LeaderSplitOption = None,
    log: LogOption = None,
) -> None:
    """亮灯：按报送和截止日期给每项任务算红、黄、蓝、绿灯（规则见 README），按单位、领导、镇或逐项汇总。

    \b
    例：fenggong status
        fenggong status --by leader --as-of 2023-07-01 -o 亮灯.xlsx
        fenggong status --period 2023-Q2 --by task
        fenggong status --split-by leader -o 分管领导亮灯/
    """
    from fenggong.present.answers.supervision import status_answer
    from fenggong.progress.dates import day_or
    from fenggong.progress.model import plan_period, plan_year
    from fenggong.progress.supervision import supervision

    data = out.data
    plan = load_plan(data)
    day = day_or(as_of, "--as-of", plan_year(plan), clock.today())
    when = plan_period(plan, period, force=True) if period else None
    sup = supervision(plan, data, log, as_of=day, period=when, strict=True)
    _say_gaps(sup)
    if split_by is None:
        out.emit(status_answer(plan, sup, by.value))
        return
    _status_pack(plan, sup, by.value, split_by, out)


def _status_pack(plan: "Plan", sup: "Supervision", by: str, split_by: str, out: Output) -> None:
    """One lights file per 分管领导 (their tasks only) into the folder -o names."""
    from fenggong.present.answers.supervision import status_answer
    from fenggong.present.output import write_pack
    from fenggong.present.render.text import render

    if split_by != "leader":
        raise UsageError("--split-by 只能是 leader")
    if out.path is None:
        raise UsageError("--split-by leader 要用 -o 指定文件夹")
    chosen = out.fmt or Format.XLSX
    if chosen not in (Format.XLSX, Format.DOCX, Format.MD, Format.CSV, Format.JSON):
        raise UsageError("--split-by leader 写 xlsx、docx、md、csv 或 json 文件")
    files = []
    for leader in dict.fromkeys(name for task in plan.tasks for name in task.leaders):
        mine = sup._replace(lights=tuple(x for x in sup.lights if leader in x.task.leaders))
        answer = status_answer(plan, mine, by)
        answer = answer._replace(title=f"{leader}同志分管任务{answer.title}")
        files.append((f"{leader}{sup.period or ''}亮灯.{chosen.value}", render(answer, chosen)))
    written = write_pack(out.path, files, force=out.force, reading=out.reading)
    say(f"已写出 {len(written)} 份分管领导亮灯表，在 {out.path}")


@with_output(REPORTS)
def notice(
    out: Output,
    period: pack.PeriodOption = None,
    as_of: pack.AsOfOption = None,
    issuer: pack.IssuerOption = "",
    to: pack.ToOption = "各牵头单位",
    date: pack.DocDateOption = None,
    doc_no: pack.DocNoOption = "",
    split_by: pack.LeaderSplitOption = None,
    log: LogOption = None,
) -> None:
    """督查通报：.docx 是按 GB/T 9704 排版的公文草稿（总体情况、表扬、滞后和超期任务的存在问题和下一步措施、未报送的单位）；其他格式列出各状态的任务数和滞后、超期、未报送的任务和单位。

    \b
    例：fenggong notice --period 2023-05 --issuer 县委督查室 --doc-no "督通〔2023〕5号" -o 通报.docx
        fenggong notice --period 2023年二季度 -o 二季度通报.docx
        fenggong notice --period 2023-05 --split-by leader -o 领导通报/
        fenggong notice -f md                                    今天所在的报送期
    """
    from fenggong.present.answers.supervision import notice_answer
    from fenggong.progress.dates import day_or
    from fenggong.progress.model import plan_period, plan_year
    from fenggong.progress.supervision import latest_period, supervision

    data = out.data
    plan = load_plan(data)
    if period:
        when = plan_period(plan, period, force=True)
    else:  # the period of the day asked about (as status takes it), not of today's date
        asked = day_or(as_of, "--as-of", plan_year(plan), clock.today())
        when = latest_period(plan, data, log, as_of=asked)
    day = day_or(as_of, "--as-of", plan_year(plan), when.end)
    sup = supervision(plan, data, log, as_of=day, period=when, strict=True)
    _say_gaps(sup)
    chosen = out.format if split_by is None else out.fmt or Format.DOCX
    if chosen is Format.DOCX or split_by is not None:  # the 公文 (present/output_notice.py)
        from fenggong.present.output_notice import NoticeRequest, write_notice

        written_on = day_or(date, "--date", plan_year(plan), day if as_of else clock.today())
        request = NoticeRequest(issuer, to, written_on, doc_no, split_by, chosen)
        write_notice(plan, sup, request, out.target())
        return
    out.emit(notice_answer(plan, sup))


COMMANDS = {"status": status, "notice": notice}
