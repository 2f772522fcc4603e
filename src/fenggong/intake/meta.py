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
#: Words a plan's title holds.
_TITLE_WORDS = ("方案", "分解", "任务", "工作", "事项", "实事", "分工", "清单", "要点", "表")


def read_meta(lines: list[str]) -> dict[str, object]:
    """title, document_number, issuer and issued from the lines above the table, when
    they are there."""
    meta: dict[str, object] = {}
    candidates: list[str] = []
    quoted = ""
    for raw in lines:
        line = raw.strip()
        if _ATTACHMENT.match(line):
            candidates = []  # the attachment's own title follows its 附件 line
            continue
        if not line or _PAGE_LINE.search(line):
            continue
        if _DOC_NUMBER.match(line.replace(" ", "")):
            meta.setdefault("document_number", line.replace(" ", ""))
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
            # 关于印发《…》的通知 and the notice's own sentences name the plan at most
            quoted = quoted or next(iter(re.findall(r"《([^》]{4,60})》", line)), "")
            continue
        candidates.append(line)
    title = next((c for c in candidates if any(w in c for w in _TITLE_WORDS)), "")
    if title or candidates or quoted:
        meta["title"] = title or quoted or candidates[0]
    return meta


def _date(line: str) -> dt.date | None:
    match = _DATE.search(line)
    if match is None:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
