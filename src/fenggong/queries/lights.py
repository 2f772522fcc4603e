"""The lights live in `fenggong.progress.lights` (the 督办 feature is one package); this
name stays for code written against it."""

from fenggong.progress.lights import (
    SOON,
    Light,
    TaskLight,
    UnitLight,
    current_period,
    due,
    due_with_source,
    lights,
    progress_filter,
    with_set_deadline,
)

__all__ = [
    "SOON",
    "Light",
    "TaskLight",
    "UnitLight",
    "current_period",
    "due",
    "due_with_source",
    "lights",
    "progress_filter",
    "with_set_deadline",
]
