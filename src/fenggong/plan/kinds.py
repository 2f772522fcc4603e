"""The plan's enumerations, apart from `model.py` so the CLI can declare options cheaply."""

from __future__ import annotations

from enum import StrEnum


class UnitKind(StrEnum):
    """What sort of body a unit is."""

    COUNTY = "county"
    PARTY = "party"
    BRANCH = "branch"
    ENTERPRISE = "enterprise"
    TOWN = "town"
    COLLECTIVE = "collective"

    @property
    def label(self) -> str:
        """The Chinese name of the kind, for tables and help (a county plan's words; see
        `kind_label` for a plan of another level)."""
        return _KIND_LABELS[self]


def kind_label(kind: UnitKind, level: str = "") -> str:
    """The kind's Chinese name in a plan of `level` (province, city, county, district; ""
    when not known, read as a county plan): a city plan's own departments are 市直部门和机构."""
    return OWN_UNITS.get(level, _KIND_LABELS[kind]) if kind is UnitKind.COUNTY else kind.label


#: The plan's own departments by its level.
OWN_UNITS = {
    "province": "省直部门和机构",
    "city": "市直部门和机构",
    "county": "县直部门和机构",
    "district": "区直部门和机构",
}
_KIND_LABELS = {
    UnitKind.COUNTY: "县直部门和机构",
    UnitKind.PARTY: "党群机关",
    UnitKind.BRANCH: "上级派驻单位",
    UnitKind.ENTERPRISE: "企业和银行",
    UnitKind.TOWN: "镇政府",
    UnitKind.COLLECTIVE: "集合指称",
}


class Covers(StrEnum):
    """Which towns a collective reference stands for."""

    ALL_TOWNS = "all_towns"
    RELEVANT_TOWNS = "relevant_towns"

    @property
    def label(self) -> str:
        """The Chinese words for it."""
        return "各镇" if self is Covers.ALL_TOWNS else "相关镇"


class Role(StrEnum):
    """How a unit takes part in a task."""

    LEAD = "lead"
    RELATED = "related"

    @property
    def label(self) -> str:
        """The document's word for the role."""
        return "牵头" if self is Role.LEAD else "配合"


class TownBasis(StrEnum):
    """Why a town carries a task, strongest first."""

    NAMED = "named"
    ALL_TOWNS = "all_towns"
    #: 相关镇政府 among the units, and the text names the town: that town's task.
    RELEVANT_MENTIONED = "relevant_mentioned"
    MENTIONED = "mentioned"
    RELEVANT_TOWNS = "relevant_towns"

    @property
    def label(self) -> str:
        """A short Chinese description of the basis."""
        return _BASIS_LABELS[self]


_BASIS_LABELS = {
    TownBasis.NAMED: "点名",
    TownBasis.ALL_TOWNS: "各镇",
    TownBasis.RELEVANT_MENTIONED: "相关镇(点到本镇)",
    TownBasis.MENTIONED: "文中提及",
    TownBasis.RELEVANT_TOWNS: "相关镇(可能)",
}


#: What `--town` matches when no basis is asked for.
DEFAULT_BASES = frozenset({TownBasis.NAMED, TownBasis.ALL_TOWNS, TownBasis.RELEVANT_MENTIONED})
