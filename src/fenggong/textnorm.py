"""Text normalisation shared by the loader, the importer, the resolver and the filters."""

from __future__ import annotations

import functools
import re
import unicodedata

#: Characters that make a space next to them an extraction artefact rather than a word gap.
_CJK = (
    r"\u3000-\u303f"  # CJK symbols and punctuation
    r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # ideographs
    r"\uff00-\uffef"  # full-width forms
    r"\u2014\u2018\u2019\u201c\u201d\u2026"  # dashes and curly quotes used in Chinese text
)
_ANY_SPACE = re.compile(r"\s+")


@functools.cache
def _space_near_cjk() -> re.Pattern[str]:
    # Compiled on first use: only the importer needs it, and it is slow to build.
    return re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")


def clean_text(text: str) -> str:
    """Drop the spaces a PDF/Word extraction leaves inside Chinese text; keep Latin word gaps."""
    return _space_near_cjk().sub("", text).strip()


def clean_name(name: str) -> str:
    """A name with every whitespace removed (line wraps split names in the source)."""
    return _ANY_SPACE.sub("", name)


def fold(text: str) -> str:
    """Fold width (全角/半角), case and whitespace so two spellings compare equal."""
    return _ANY_SPACE.sub("", unicodedata.normalize("NFKC", text).casefold())


def fold_with_index(text: str) -> tuple[str, list[int]]:
    """`fold` plus, for each folded character, the index of the original character."""
    out: list[str] = []
    index: list[int] = []
    for i, char in enumerate(text):
        for folded in unicodedata.normalize("NFKC", char).casefold():
            if not folded.isspace():
                out.append(folded)
                index.append(i)
    return "".join(out), index


def find_folded(haystack: str, needle: str) -> list[tuple[int, int]]:
    """Spans (start, end) in `haystack` where `needle` occurs, compared after `fold`."""
    folded_needle = fold(needle)
    if not folded_needle:
        return []
    folded, index = fold_with_index(haystack)
    spans: list[tuple[int, int]] = []
    start = folded.find(folded_needle)
    while start != -1:
        end = start + len(folded_needle) - 1
        spans.append((index[start], index[end] + 1))
        start = folded.find(folded_needle, end + 1)
    return spans


def is_subsequence(short: str, long: str) -> bool:
    """True when the characters of `short` appear in `long` in order (how 人社 abbreviates)."""
    it = iter(long)
    return all(char in it for char in short)


#: Characters that must never reach a terminal raw: C0 controls, DEL, C1 controls, and the
#: bidirectional overrides and isolates (which can make text read backwards).
@functools.cache
def _controls() -> re.Pattern[str]:
    return re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def find_control(text: str) -> int | None:
    """The index of the first control character in `text`, or None."""
    if text.isprintable():  # every control character is unprintable: the usual case, fast
        return None
    found = _controls().search(text)
    return found.start() if found else None


def escape_controls(text: str, keep: str = "") -> str:
    """`text` with every control character but those in `keep` shown as an escape (\\x1b)."""
    if text.isprintable():  # the usual case, without compiling the pattern (~0.5 ms)
        return text
    controls = _controls()
    if controls.search(text) is None:
        return text
    return controls.sub(
        lambda m: m[0] if m[0] in keep else m[0].encode("unicode_escape").decode("ascii"), text
    )


_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20, 4 → 4 (the numbers headings use); None if not one."""
    text = fold(text)
    if text.isdecimal():
        return int(text)
    if not text or any(c not in "一二三四五六七八九十" for c in text):
        return None
    if text.startswith("十"):
        return 10 + _CN_DIGITS.get(text[1:], 0)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return _CN_DIGITS.get(tens, 1) * 10 + _CN_DIGITS.get(ones, 0)
    return _CN_DIGITS.get(text) if len(text) == 1 else None
