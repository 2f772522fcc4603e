"""The 催办通知's words: one short notice per unit that has not reported or is lagging (its
tasks by 序号 and text, the period, the day to report by, who asks), as 公文 paragraphs for
Word, or as plain text to paste into a messaging app."""

from __future__ import annotations

import datetime as dt

from fenggong.present.answers.monthly import Reminder, day_words, in_words, period_words
from fenggong.present.answers.notice import NO_ISSUER, Part


def reminder_title(reminder: Reminder) -> str:
    """关于报送2023年5月重点任务进展情况的催办通知."""
    return f"关于报送{period_words(reminder.period)}重点任务进展情况的催办通知"


def _asks(reminder: Reminder, by_date: dt.date | None) -> list[str]:
    words = period_words(reminder.period)
    lines = []
    if reminder.missing:
        lines.append(f"你单位牵头的以下{len(reminder.missing)}项重点任务尚未报送{words}进展情况：")
        lines += [f"{n}. 第{t.id}项：{t.text}" for n, t in enumerate(reminder.missing, start=1)]
    if reminder.lagging:
        lines.append(f"你单位牵头的以下{len(reminder.lagging)}项重点任务进度滞后或已超期：")
        lines += [
            f"{n}. 第{t.id}项：{t.text}（{in_words(reason)}）"
            for n, (t, reason) in enumerate(reminder.lagging, start=1)
        ]
    when = f"于{day_words(by_date)}前" if by_date else "尽快"
    lines.append(
        f"请{when}通过工作台账报送{words}进展情况"
        + ("，滞后和超期的任务写明存在问题和下一步措施。" if reminder.lagging else "。")
    )
    return lines


def reminder_parts(
    reminder: Reminder, *, by_date: dt.date | None, issuer: str, date: dt.date
) -> list[tuple[Part, str]]:
    """The notice to one unit as 公文 paragraphs."""
    return [
        (Part.TITLE, reminder_title(reminder)),
        (Part.TO, f"{reminder.unit}："),
        *((Part.BODY, line) for line in _asks(reminder, by_date)),
        (Part.SIGN, issuer or NO_ISSUER),
        (Part.DATE, day_words(date)),
    ]


def reminders_text(reminders: tuple[Reminder, ...], *, by_date: dt.date | None, issuer: str) -> str:
    """Every unit's reminder as plain text, one block each, to paste into a messaging app."""
    blocks = [
        "\n".join(
            [f"【催办】{r.unit}：", *_asks(r, by_date), f"——{issuer}" if issuer else ""]
        ).rstrip("\n")
        for r in reminders
    ]
    return "\n\n".join(blocks) + "\n" if blocks else ""
