"""The model's records: immutable, typed, and equal only to records of their own type."""

from __future__ import annotations

from fenggong.plan.kinds import UnitKind
from fenggong.plan.model import Leader, Town, Unit


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
