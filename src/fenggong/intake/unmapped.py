"""A role that came out empty while a column the importer did not map holds unit names →
one line for review per column, naming it and the tasks, with the --map that uses it."""

from __future__ import annotations

import re

from fenggong.intake.grammar import UNIT_END
from fenggong.intake.parsed import Row

_ROLES = (("lead_units", "牵头单位"), ("related_units", "相关责任单位"))


def looks_like_units(value: str) -> bool:
    """True when every name in the cell ends like a unit's (局, 办, 委, 中心, 政府, …)."""
    pieces = [p for p in re.split(r"[、，,；;\s]+", value) if p]
    return bool(pieces) and all(UNIT_END.search(p) for p in pieces)


def unmapped_units(
    rows: tuple[Row, ...],
    tasks: list[dict[str, object]],
    problems: list[str],
    said: frozenset[str] = frozenset(),
) -> None:
    """For each other column (其他列) holding unit names where a task's role is empty; the
    columns in `said` have a review line of their own."""
    found: dict[tuple[str, str], list[str]] = {}
    for row, task in zip(rows, tasks, strict=True):
        for column, value in row.extras:
            if column in said or not looks_like_units(value):
                continue
            for key, role in _ROLES:
                if not task[key]:
                    found.setdefault((column, role), []).append(str(task["id"]))
                    break
    for (column, role), ids in found.items():
        shown = "、".join(ids[:10]) + ("…" if len(ids) > 10 else "")
        problems.append(
            f"第 {shown} 项的{role}是空的，而「{column}」列（放在其他列）写的像是单位名：要按{role}"
            f"读入请加 --map {column}={role}"
        )
