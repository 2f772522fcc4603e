"""The lines above a plan's table or first task → its title, 文号, issuer and date: 附件 N
lines and a web page's 时间：… 浏览次数 line are skipped, the title is the first line that
reads as one."""

from __future__ import annotations

import datetime as dt
import re

_ATTACHMENT = re.compile(r"^附\s*件\s*[0-9０-９一二三四五六七八九十]*\s*[:：]?$")
_DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,12}[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d{1,4}\s*号$")
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_ISSUER = re.compile(
    r"^([\u4e00-\u9fff]{2,20}?(?:人民政府(?:办公室|办公厅)?|政府办公室|政府办公厅|委员会|办公室))"
    r"(?:\s|$|文件)"
)
_PAGE_LINE = re.compile(r"(?:浏览次数|信息来源|发布时间|来源[:：]|字号|打印本页)")
#: A notice's own title: [issuer]关于[印发]…的通知.
_NOTICE = re.compile(
    r"^(?P<issuer>[\u4e00-\u9fff]{2,20}?(?:人民政府(?:办公室|办公厅)?|政府办公室|政府办公厅))?"
    r"关于(?:印发)?(?P<about>.{4,60}?)的通知$"
)
#: How a plan's title ends.
_TITLE_ENDS = (
    "方案",
    "分解",
    "清单",
    "要点",
    "计划",
    "安排",
    "分工",
    "分解表",
    "任务表",
    "台账",
    "实事",
)
#: Words a plan's title holds.
_TITLE_WORDS = ("方案", "分解", "任务", "工作", "事项", "实事", "分工", "清单", "要点", "表")


def read_meta(lines: list[str]) -> dict[str, object]:
    """title, document_number, issuer and issued from the lines above the table, when
    they are there."""
    meta: dict[str, object] = {}
    #: Lines that may be the title, each with its place among the lines.
    candidates: list[tuple[int, str]] = []
    quoted = ""
    for at, raw in enumerate(lines):
        line = raw.strip()
        if _ATTACHMENT.match(line):
            candidates = []  # the attachment's own title follows its 附件 line
            continue
        if not line or _PAGE_LINE.search(line):
            continue
        if _DOC_NUMBER.match(line.replace(" ", "")):
            meta.setdefault("document_number", line.replace(" ", ""))
            continue
        if (notice := _NOTICE.match(line)) is not None and len(line) <= 80:
            # 滁州市人民政府关于2020年市政府重点工作及责任分解的通知: the notice is the plan
            if notice["issuer"]:
                meta.setdefault("issuer", notice["issuer"])
            named = re.fullmatch(r"《([^》]{4,60})》", notice["about"])
            quoted = quoted or (named[1] if named else notice["about"])
            continue
        if (issuer := _ISSUER.match(line)) is not None and len(line) <= len(issuer[1]) + 14:
            meta.setdefault("issuer", issuer[1])
            if (date := _date(line)) is not None:
                meta.setdefault("issued", date)
            continue
        if (date := _date(line)) is not None and len(line) <= 16:
            meta.setdefault("issued", date)
            continue
        if "通知" in line or len(line) > 60 or line.endswith(("。", "：", ":", "；")):
            # 现将《…》印发给你们: the notice's sentences name the plan it sends, at most (现将
            # 《政府工作报告》提出的…任务予以分解 names the report the tasks come from)
            quoted = quoted or _sent(line)
            continue
        candidates.append((at, line))
    title = next(
        (i for i, (_, c) in enumerate(candidates) if any(w in c for w in _TITLE_WORDS)), -1
    )
    if title >= 0:
        meta["title"] = _whole_title(candidates[title:])
    elif quoted or candidates:
        meta["title"] = quoted or candidates[0][1]
    return meta


def _whole_title(candidates: list[tuple[int, str]]) -> str:
    """A title typed over several lines (政府工作报告“十四五”时期 / 重点工作责任分解) joined:
    the lines right after it, while it does not yet end as a plan's title does."""
    at, title = candidates[0]
    for following_at, line in candidates[1:3]:
        if title.endswith(_TITLE_ENDS) or following_at != at + 1 or len(title + line) > 60:
            break
        if not line.endswith(_TITLE_ENDS) and not any(w in line for w in _TITLE_WORDS):
            break
        at, title = following_at, title + line
    return title


def _sent(line: str) -> str:
    """The plan a notice's sentence sends (印发《X》, 《X》…印发给你们), or a plan's name in
    《》 (分工方案, 责任分解, …), else ""."""
    for match in re.finditer(r"《([^》]{4,60})》", line):
        if "印发" in line or match[1].endswith(_TITLE_ENDS):
            return match[1]
    return ""


def _date(line: str) -> dt.date | None:
    match = _DATE.search(line)
    if match is None:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
