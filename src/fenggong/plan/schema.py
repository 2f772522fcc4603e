"""The dataset's schema: each table's keys and their types, and the checks of one entry's
fields against it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from fenggong.plan.model import Leader, Unit
from fenggong.textnorm import find_control

_T = TypeVar("_T")

#: Each table's keys: name → (expected type, required).
FieldSpec = dict[str, tuple[type | tuple[type, ...], bool]]
PLAN: FieldSpec = {
    "title": (str, True),
    "issuer": (str, True),
    "document_number": (str, True),
    "issued": (dt.date, True),
    "declared_categories": (int, True),
    "declared_sections": (int, True),
    "declared_tasks": (int, True),
    "excerpt": (bool, False),
    "place": (str, False),
    "level": (str, False),
}
CATEGORY: FieldSpec = {
    "number": (int, True),
    "title": (str, True),
    "declared_sections": (int, True),
}
SECTION: FieldSpec = {"id": (str, True), "title": (str, True), "variants": (list, False)}
LEADER: FieldSpec = {"name": (str, True), "aliases": (list, False)}
TOWN: FieldSpec = {"name": (str, True), "aliases": (list, False)}
UNIT: FieldSpec = {
    "name": (str, True),
    "kind": (str, True),
    "aliases": (list, False),
    "covers": (str, False),
    "hosted_by": (str, False),
}
TASK: FieldSpec = {
    "id": (int, True),
    "section": (str, True),
    "text": (str, True),
    "leaders": (list, True),
    "lead_units": (list, True),
    "related_units": (list, True),
    "number": (str, False),
    "extras": (dict, False),
    "deadline": (dt.date, False),
}
TABLES = ("categories", "sections", "leaders", "towns", "units", "tasks")
TYPE_NAMES = {
    str: "字符串",
    int: "整数",
    bool: "布尔值",
    dt.date: "日期",
    list: "数组",
    dict: "表",
}


@dataclass(frozen=True, slots=True)
class Entry:
    """One table of the file and how to name it in messages."""

    table: str
    index: int | None
    label: str
    data: dict[str, object]


def field_problems(entry: Entry, spec: FieldSpec) -> list[tuple[str, str | None]]:
    """Problems with the keys and types of one table, each with the key it concerns."""
    problems: list[tuple[str, str | None]] = []
    data = entry.data
    for key in data:
        if key not in spec:
            problems.append((f"未知的键「{key}」（可用：{'、'.join(spec)}）", key))
    for key, (expected, required) in spec.items():
        value = data.get(key, _MISSING)
        if value is _MISSING:
            if required:
                problems.append((f"缺少键「{key}」", None))
            continue
        if type(value) is expected is str:  # the usual case, checked at once
            if not value.strip():
                problems.append((f"「{key}」是空的", key))
            elif not value.isprintable() and (at := find_control(value)) is not None:
                problems.append((_control_problem(key, value, at), key))
            continue
        if type(value) is expected is list:  # names: all strings, none with a control
            try:
                joined = "".join(value)
            except TypeError:
                problems.append((f"「{key}」应为字符串数组", key))
                continue
            if not joined.isprintable():
                for text in value:
                    if (at := find_control(text)) is not None:
                        problems.append((_control_problem(key, text, at), key))
                        break
            continue
        if not is_type(value, expected):
            want = TYPE_NAMES.get(expected, str(expected)) if isinstance(expected, type) else ""
            got = TYPE_NAMES.get(type(value), type(value).__name__)
            problems.append((f"「{key}」应为{want}，实际是{got}", key))
        elif isinstance(value, list) and not all(isinstance(v, str) for v in value):
            problems.append((f"「{key}」应为字符串数组", key))
        elif isinstance(value, str) and not value.strip():
            problems.append((f"「{key}」是空的", key))
        else:
            texts = value if isinstance(value, list) else [value]
            for text in texts:
                if isinstance(text, str) and (at := find_control(text)) is not None:
                    problems.append((_control_problem(key, text, at), key))
                    break
    return problems


_MISSING = object()


def _control_problem(key: str, text: str, at: int) -> str:
    return f"「{key}」含有控制字符 U+{ord(text[at]):04X}（第 {at + 1} 个字符），请删去"


def is_type(value: object, expected: type | tuple[type, ...]) -> bool:
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if expected is dt.date:
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    return isinstance(value, expected)


def strings(data: dict[str, object], key: str) -> tuple[str, ...]:
    value = data.get(key, [])
    assert isinstance(value, list)
    return tuple(map(str, value))


_LABELS = {
    "categories": ("number", "第 {} 大类"),
    "sections": ("id", "大项 {}"),
    "leaders": ("name", "责任领导「{}」"),
    "towns": ("name", "镇「{}」"),
    "units": ("name", "单位「{}」"),
    "tasks": ("id", "第 {} 项"),
}


def entry_label(table: str, index: int, data: dict[str, object]) -> str:
    key, template = _LABELS[table]
    value = data.get(key)
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return template.format(value)
    return f"[[{table}]] 第 {index + 1} 个"


def spellings_index(items: Iterable[Leader | Unit]) -> dict[str, str]:
    """Every name and alias → the canonical name."""
    out: dict[str, str] = {}
    for item in items:
        for alias in item.aliases:
            out.setdefault(alias, item.name)
        out[item.name] = item.name
    return out


def suggest(name: str, choices: list[str]) -> str:
    from rapidfuzz import process

    best = process.extractOne(name, choices, score_cutoff=50)
    return f"，是不是「{best[0]}」？" if best else ""


def built(entries: list[Entry], build: Callable[[Entry], _T | None]) -> list[tuple[Entry, _T]]:
    """The entries that could be built, each with its object."""
    pairs = []
    for entry in entries:
        item = build(entry)
        if item is not None:
            pairs.append((entry, item))
    return pairs


def parse_initials(raw: object) -> tuple[tuple[tuple[str, str], ...], list[str]]:
    """The optional [initials] table (one character → its pinyin initials, a–z), and the
    problems found in it."""
    if not isinstance(raw, dict):
        return (), ['「initials」应写成 [initials] 表（字 = "拼音首字母"）']
    out, problems = [], []
    for char, letters in raw.items():
        if len(char) != 1:
            problems.append(f"[initials]：键「{char}」应是单个汉字")
        elif not isinstance(letters, str) or not re.fullmatch(r"[a-z]+", letters):
            problems.append(f'[initials]：「{char}」的值应是小写拼音首字母，如 "x" 或 "zc"')
        else:
            out.append((char, letters))
    return tuple(out), problems
