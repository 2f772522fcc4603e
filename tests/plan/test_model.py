"""The model's records: immutable, typed, and equal only to records of their own type."""

from __future__ import annotations

from collections import Counter

from fenggong.plan.kinds import DEFAULT_BASES, Covers, TownBasis, UnitKind
from fenggong.plan.model import Leader, Plan, Town, Unit


def test_records_of_different_types_are_never_equal() -> None:
    assert Leader(name="x") != Town(name="x")
    assert not (Leader(name="x") == Town(name="x"))  # noqa: SIM201
    assert Leader(name="x") != ("x", ())


def test_records_of_one_type_compare_and_hash_by_value() -> None:
    assert Unit(name="县财政局", kind=UnitKind.COUNTY) == Unit(
        name="县财政局", kind=UnitKind.COUNTY
    )
    assert len({Town(name="天堂镇"), Town(name="天堂镇")}) == 1
    assert Town(name="天堂镇") != Town(name="水台镇")


def test_towns_townships_and_sub_districts_have_their_own_governments() -> None:
    assert Town(name="天堂镇").government == "天堂镇政府"
    assert Town(name="太平乡").government == "太平乡政府"
    assert Town(name="立山街道").government == "立山街道办事处"
    assert Town(name="立山街道").short == "立山"


def test_default_towns_are_the_towns_whose_strongest_basis_is_a_default(plan: Plan) -> None:
    quiet = next(t for t in plan.tasks if not plan.town_bases(t))
    town = plan.towns[0]
    mentioned = quiet._replace(text=f"{quiet.text}{town.mention_terms[0]}")  # mentioned only
    relevant = next(
        t
        for t in plan.tasks
        if any(plan.unit(u).covers is Covers.RELEVANT_TOWNS for u in t.related_units)
    )
    unmentioned = next(
        town for town in plan.towns if not any(w in relevant.text for w in town.mention_terms)
    )  # named beside 相关镇政府, its text not mentioning the town
    named = relevant._replace(related_units=(*relevant.related_units, unmentioned.government))
    assert unmentioned.name in plan.default_towns(named)
    firsts: Counter[TownBasis] = Counter()
    for task in (*plan.tasks, mentioned, named):
        bases = plan.town_bases(task)
        firsts.update(b[0] for b in bases.values())
        expected = [name for name, b in bases.items() if b[0] in DEFAULT_BASES]
        assert plan.default_towns(task) == expected, task.id
    assert plan.town_bases(mentioned) == {town.name: (TownBasis.MENTIONED,)}
    assert plan.default_towns(mentioned) == []
    assert set(firsts) == set(TownBasis)  # every basis comes first somewhere
