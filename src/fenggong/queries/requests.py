"""What a question asks, as typed on the command line: the task filters (names not yet
resolved) and what a workload groups by. Cheap to import: the CLI declares its options
with them."""

from enum import StrEnum
from typing import NamedTuple

from fenggong.plan.kinds import TownBasis


class By(StrEnum):
    """What `workload` groups by."""

    UNIT = "unit"
    LEADER = "leader"
    TOWN = "town"
    CATEGORY = "category"
    SECTION = "section"


class FilterRequest(NamedTuple):
    """The task filters as typed on the command line (names not yet resolved)."""

    leader: tuple[str, ...] = ()
    lead: tuple[str, ...] = ()
    unit: tuple[str, ...] = ()
    town: tuple[str, ...] = ()
    basis: tuple[TownBasis, ...] = ()
    all_bases: bool = False
    keyword: tuple[str, ...] = ()
    category: tuple[str, ...] = ()
    section: tuple[str, ...] = ()
    #: Count the offices hosted by the lead units asked for (县河长办 with 县水务局).
    hosted: bool = False
