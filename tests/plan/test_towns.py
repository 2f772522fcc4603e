"""Counting the default towns of many tasks at once equals counting them task by task."""

from __future__ import annotations

from collections import Counter

from fenggong.plan.model import Plan, Task
from fenggong.plan.towns import default_town_counts


def one_by_one(plan: Plan, tasks: list[Task]) -> list[tuple[str, int]]:
    counts: Counter[str] = Counter()
    for task in tasks:
        counts.update(plan.default_towns(task))
    return list(counts.items())


def test_counts_and_their_order_match_task_by_task(mini: Plan, plan: Plan) -> None:
    for p in (mini, plan):
        everything = list(p.tasks)
        assert list(default_town_counts(p, everything).items()) == one_by_one(p, everything)
        for unit in p.units:
            mine = [t for t in everything if unit.name in (*t.lead_units, *t.related_units)]
            assert list(default_town_counts(p, mine).items()) == one_by_one(p, mine)
    assert sum(default_town_counts(plan, list(plan.tasks)).values()) > 100
