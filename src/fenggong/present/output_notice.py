"""The 督查通报 written out: the whole plan's as one 公文 (.docx) or Markdown, or one per 分管
领导 into a folder (`--split-by leader`)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from fenggong.errors import UsageError
from fenggong.present.formats import Format
from fenggong.present.output import Target, say, write_output, write_pack

if TYPE_CHECKING:
    from fenggong.plan.model import Plan
    from fenggong.present.answers.monthly import Notice
    from fenggong.present.answers.notice import NoticeHead
    from fenggong.progress.supervision import Supervision


class NoticeRequest(NamedTuple):
    """What the office asks of the 通报 besides its period."""

    issuer: str
    to: str
    date: dt.date
    doc_no: str
    split_by: str | None
    fmt: Format


def write_notice(plan: Plan, sup: Supervision, request: NoticeRequest, target: Target) -> None:
    """Build the 通报 from the period's reports and lights (`sup`), and write it."""
    from fenggong.present.answers.monthly import notice_of
    from fenggong.present.answers.notice import NoticeHead

    if request.fmt not in (Format.DOCX, Format.MD):
        raise UsageError("按领导分开的通报写 docx 或 md")
    period = sup.period
    if period is None:
        raise UsageError("进展库里还没有报送期，请用 --period 写通报的报送期，如 --period 2023-05")
    head = NoticeHead(
        issuer=request.issuer, to=request.to, date=request.date, doc_no=request.doc_no
    )
    if not request.issuer and request.fmt is Format.DOCX:
        say("没有给 --issuer：署名处留了「（发文机关署名）」待填")
    if request.split_by is None:
        notice = notice_of(plan, sup)
        write_output(_render(notice, head, request.fmt), request.fmt, target)
        return
    if request.split_by != "leader":
        raise UsageError("--split-by 只能是 leader")
    if target.path is None:
        raise UsageError("--split-by leader 要用 -o 指定文件夹")

    files = []
    for leader in dict.fromkeys(n for t in plan.tasks for n in t.leaders):
        tasks = [t for t in plan.tasks if leader in t.leaders]
        notice = notice_of(plan, sup, tasks)
        mine = head._replace(leader=leader)
        files.append(
            (f"{leader}{period}督查通报.{request.fmt.value}", _render(notice, mine, request.fmt))
        )
    written = write_pack(target.path, files, force=target.force, reading=target.reading)
    say(f"已写出 {len(written)} 份分管领导督查通报，在 {target.path}")


def _render(notice: Notice, head: NoticeHead, fmt: Format) -> str | bytes:
    from fenggong.present.answers.notice import notice_markdown, notice_parts
    from fenggong.present.render.gongwen import gongwen_docx

    if fmt is Format.MD:
        return notice_markdown(notice, head)
    return gongwen_docx(notice_parts(notice, head))
