"""The 督查通报's words: the content of a `Notice` as the paragraphs of a 公文 (title, 主送机关,
body under 一、 and （一） headings, 署名 and 成文日期), which the Word and Markdown writers
lay out."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import NamedTuple

from fenggong.present.answers.monthly import BehindTask, Notice, day_words, in_words, period_words

#: What the 署名 says when no --issuer is given: visible, for the office to fill in.
NO_ISSUER = "（发文机关署名）"
#: A title quoted in 《》 has its own 《》 as 〈〉 (GB/T 15834: 书名号里还有书名号).
_INNER = str.maketrans("《》", "〈〉")


class Part(Enum):
    """What a paragraph of the 公文 is."""

    DOC_NO = "文号"
    TITLE = "标题"
    TO = "主送机关"
    BODY = "正文"
    H1 = "一级标题"
    H2 = "二级标题"
    SIGN = "署名"
    DATE = "成文日期"


class NoticeHead(NamedTuple):
    """What the office adds around the content: who issues it, to whom, when, its number."""

    date: dt.date
    issuer: str = ""
    to: str = "各牵头单位"
    doc_no: str = ""
    #: The 分管领导 a leader's pack is for ("" for the whole plan).
    leader: str = ""


def ids_text(ids: tuple[int, ...]) -> str:
    """第 3、5、8 项 as a 公文 writes it: 第3、5、8项."""
    return "第" + "、".join(map(str, ids)) + "项"


def _praise(ids: tuple[int, ...], co_led: set[int], word: str) -> list[str]:
    """第3项已完成 for the unit's own tasks; for a task several units lead, only the unit's
    part is done (the task is not): 第2项（本单位牵头部分）已完成."""
    own = tuple(i for i in ids if i not in co_led)
    shared = tuple(i for i in ids if i in co_led)
    said = [f"{ids_text(own)}{word}"] if own else []
    return said + ([f"{ids_text(shared)}（本单位牵头部分）{word}"] if shared else [])


def notice_title(notice: Notice, head: NoticeHead) -> str:
    """关于…落实情况的通报."""
    scope = f"（{head.leader}同志分管）" if head.leader else ""
    return f"关于{period_words(notice.period)}重点任务落实情况{scope}的督查通报"


def notice_parts(notice: Notice, head: NoticeHead) -> list[tuple[Part, str]]:
    """Every paragraph of the 通报, in order."""
    words = period_words(notice.period)
    meta = notice.plan.meta
    parts: list[tuple[Part, str]] = []
    if head.doc_no:
        parts.append((Part.DOC_NO, head.doc_no))
    parts.append((Part.TITLE, notice_title(notice, head)))
    parts.append((Part.TO, f"{head.to}："))
    number = f"（{meta.document_number}）" if meta.document_number not in ("", "未知", "-") else ""
    parts.append(
        (
            Part.BODY,
            f"根据《{meta.title.translate(_INNER)}》{number}要求，"
            f"对{words}各牵头单位重点任务推进情况进行了督查。"
            "现将有关情况通报如下：",
        )
    )
    statuses = "、".join(f"{s}{n}项" for s, n in notice.statuses)
    lights = "、".join(f"{c}灯{n}项" for c, n in notice.lights if n)
    silent = dict(notice.statuses).get("未报送", 0)
    parts.append((Part.H1, "一、总体情况"))
    parts.append(
        (
            Part.BODY,
            f"{words}纳入督查的重点任务共{notice.total}项，已报送{notice.total - silent}项，"
            f"未报送{silent}项。按报送状态：{statuses}。按督办亮灯：{lights}。",
        )
    )
    parts.append((Part.H1, "二、工作成效"))
    if notice.praised:
        parts.append((Part.BODY, "以下单位本期有任务已完成或超序时推进，予以通报表扬："))
        co_led = {t.id for t in notice.plan.tasks if len(t.lead_units) > 1}
        for unit, done, ahead in notice.praised:
            said = _praise(done, co_led, "已完成") + _praise(ahead, co_led, "超序时推进")
            parts.append((Part.BODY, f"{unit}：{'，'.join(said)}。"))
    else:
        parts.append((Part.BODY, "本期没有报送已完成或超序时推进的任务。"))
    parts.append((Part.H1, "三、滞后和超期的任务"))
    overdue = [b for b in notice.behind if b.reason.startswith("已超期")]
    lagging = [b for b in notice.behind if not b.reason.startswith("已超期")]
    if not notice.behind:
        parts.append((Part.BODY, "本期没有滞后或超期的任务。"))
    for heading, tasks in (
        ("（一）超过完成时限的任务", overdue),
        ("（二）进度滞后的任务", lagging),
    ):
        if not tasks:
            continue
        parts.append((Part.H2, heading if overdue and lagging else heading[3:]))
        parts += [(Part.BODY, _behind(n, b)) for n, b in enumerate(tasks, start=1)]
    if notice.reopened:  # finished once, reported unfinished since: the office must know
        listed = "；".join(f"第{t.id}项（{'、'.join(t.lead_units)}）" for t in notice.reopened)
        parts.append(
            (
                Part.BODY,
                f"以下任务此前报送已完成，{words}报送未完成，按未完成督办：{listed}。",
            )
        )
    parts.append((Part.H1, "四、未按时报送的单位"))
    if notice.silent:
        listed = "；".join(f"{u}（{ids_text(ids)}）" for u, ids in notice.silent)
        parts.append(
            (
                Part.BODY,
                f"截至{day_words(notice.as_of)}，以下单位未报送{words}进展情况：{listed}。",
            )
        )
    else:
        parts.append((Part.BODY, f"{words}各牵头单位均已按时报送。"))
    parts.append((Part.H1, "五、下一步要求"))
    parts.append(
        (
            Part.BODY,
            "请滞后和超期任务的牵头单位对照存在问题，逐项明确整改措施和时限，"
            "在下一报送期一并报送整改情况；未报送的单位请尽快补报。",
        )
    )
    parts.append((Part.SIGN, head.issuer or NO_ISSUER))
    parts.append((Part.DATE, day_words(head.date)))
    return parts


def _behind(number: int, item: BehindTask) -> str:
    task = item.task
    who = "、".join(task.lead_units)
    leaders = f"；责任领导：{'、'.join(task.leaders)}" if task.leaders else ""
    text = task.text.rstrip("。；;")
    # The light's reason, as a 公文 writes days and periods; a task one unit finished and another
    # reported 滞后 is lagging for this 通报.
    reason = "本期报送滞后" if item.reason == "已完成" else item.reason
    reason = in_words(reason)
    said = f"{number}. 第{task.id}项：{text}（牵头单位：{who}{leaders}）。{reason}。"
    said += f"存在问题：{item.problems.rstrip('。')}。" if item.problems else "未填写存在问题。"
    said += f"下一步措施：{item.next_steps.rstrip('。')}。" if item.next_steps else ""
    return said


def notice_markdown(notice: Notice, head: NoticeHead) -> str:
    """The 通报 as Markdown, to paste or to read before writing the Word file."""
    lines: list[str] = []
    for part, text in notice_parts(notice, head):
        match part:
            case Part.TITLE:
                lines += [f"# {text}", ""]
            case Part.H1:
                lines += [f"## {text}", ""]
            case Part.H2:
                lines += [f"### {text}", ""]
            case Part.SIGN | Part.DATE:
                lines += [f'<p align="right">{text}</p>', ""]
            case _:
                lines += [text, ""]
    return "\n".join(lines).rstrip("\n") + "\n"
