"""Typed views of results: columns whose kind decides how a cell is shown, and the answer a
command hands to the output layer."""

from collections.abc import Mapping, Sequence
from enum import Enum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Callable

    from fenggong.plan.model import PlanMeta

#: How lists of names are joined in a cell.
JOINER = "、"


class Kind(Enum):
    """What a column holds; the writers decide wrapping, width, alignment and joining by it."""

    #: Free text (a task): takes the width the others leave, wraps, may be highlighted.
    TEXT = "text"
    #: One name, code or title: shown as is.
    NAME = "name"
    #: A list of names: joined with 、; lines break after a 、.
    NAMES = "names"
    #: A number: right-aligned, never wrapped, never neutralised in CSV.
    NUMBER = "number"
    #: A labelled enumeration value: its Chinese label (JSON: its value).
    CHOICE = "choice"
    #: name → labelled value: 名：标签；…
    CHOICE_MAP = "choice_map"
    #: name → count: 名（3）、…
    COUNTS = "counts"


class Column(NamedTuple):
    """A column: its JSON key, its Chinese header, its kind and how wide it may be drawn."""

    key: str
    header: str
    kind: Kind
    #: The narrowest the terminal table squeezes it to (in cells; a Chinese character is two).
    min_width: int = 4
    #: The widest it is drawn before wrapping (None: as wide as its content).
    max_width: int | None = None
    #: What the terminal table leaves out (saying so) when keeping it would cut names in two:
    #: a code, or names other columns already give; files always have it.
    spare: bool = False


class View(NamedTuple):
    """Rows of values, each row aligned with the columns."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[object, ...], ...]

    def with_key_headers(self) -> "View":
        """The same view with the JSON keys as headers (`--header keys`)."""
        return View(tuple(c._replace(header=c.key) for c in self.columns), self.rows)

    def take(self, start: int, stop: int | None = None) -> "View":
        """Some of the rows."""
        return View(self.columns, self.rows[start:stop])


def plan_label(meta: "PlanMeta") -> str:
    """The plan as a document names it: its title and, where known, its number."""
    known = meta.document_number and meta.document_number not in ("未知", "-")
    return f"{meta.title}（{meta.document_number}）" if known else meta.title


def cell_text(kind: Kind, value: object) -> str:
    """A value as the text of one cell."""
    if value is None:
        return ""
    match kind:
        case Kind.TEXT | Kind.NAME:
            return str(value)
        case Kind.NAMES:
            if type(value) is tuple:  # the usual case: names as the model holds them
                return JOINER.join(map(str, value))
            return JOINER.join(str(v) for v in _items(value))
        case Kind.NUMBER:
            return f"{value:g}" if isinstance(value, float) else str(value)
        case Kind.CHOICE:
            return _label(value)
        case Kind.CHOICE_MAP:
            return "；".join(f"{k}：{_label(v)}" for k, v in _pairs(value))
        case Kind.COUNTS:
            return JOINER.join(f"{k}（{v}）" for k, v in _pairs(value))


def cell_formatter(kind: Kind) -> "Callable[[object], str]":
    """`cell_text` for one column, chosen once for a table rather than for each cell (a
    large brief's Markdown has 130,000 cells)."""
    if kind is Kind.TEXT or kind is Kind.NAME:
        return _text
    if kind is Kind.NAMES:
        return _names
    return lambda value: cell_text(kind, value)


def _text(value: object) -> str:
    return value if type(value) is str else cell_text(Kind.TEXT, value)


def _names(value: object) -> str:
    if type(value) is tuple:
        try:  # names as the model holds them: a tuple of str
            return JOINER.join(value)
        except TypeError:
            pass
    return cell_text(Kind.NAMES, value)


def _label(value: object) -> str:
    label = getattr(value, "label", None)
    return label if isinstance(label, str) else str(value)


def _items(value: object) -> Sequence[object]:
    return value if isinstance(value, list | tuple) else (value,)


def _pairs(value: object) -> list[tuple[object, object]]:
    return list(value.items()) if isinstance(value, Mapping) else []


# -- what a command hands to the output layer -------------------------------------------


class Grid(NamedTuple):
    """A table on the screen, with the words around it."""

    view: View
    title: str | None = None
    caption: str | None = None
    #: Words to mark in the free-text column.
    highlight: tuple[str, ...] = ()
    #: The column a bar beside each row follows.
    bar: Column | None = None
    #: How to see the columns a narrow terminal leaves out (`Column.spare`).
    spare_hint: str = "加宽终端或写入文件（-o）可看到"


class Report(NamedTuple):
    """Tables under their titles, after a heading and a line of facts."""

    heading: str | None
    facts: str | None
    parts: tuple[Grid, ...]


#: A label and its value (text, or a list of names): one line of a task's details.
Field = tuple[str, str | tuple[str, ...]]


class Details(NamedTuple):
    """Label/value blocks, one per task (`show`)."""

    blocks: tuple[tuple[Field, ...], ...]


Screen = Grid | Report | Details


class Answer(NamedTuple):
    """A command's result in every shape its formats need."""

    #: What the terminal shows.
    screen: Screen
    #: The records CSV, TSV, JSON Lines (and, unless below, JSON and Markdown) write; None
    #: for an answer that is only read whole (a brief), which those formats do not accept.
    records: View | None
    #: JSON (and TOML) write this document instead of the records; a function that builds
    #: it is called only when JSON is written (a large brief builds no document otherwise).
    document: object = None
    #: Markdown writes these sections instead of the records table.
    markdown: Report | None = None
    #: What the answer is, for a sheet's name and a document's subtitle: 县工信商务局牵头的任务.
    title: str = ""
    #: The plan it comes from, with its document number.
    plan: str = ""
    #: Further tables a workbook gets a sheet each for (overlap's pairs, export's registries).
    sheets: tuple[Grid, ...] = ()
    #: A line the user should read with the answer (what other town bases would add); under
    #: the table on a terminal, on stderr with the other formats.
    note: str = ""
    #: Keys of record columns a workbook leaves out because its other sheets list them
    #: (export: the 大类 and 大项 titles beside their codes).
    repeated: tuple[str, ...] = ()
    #: The day the answer is counted as of, when the user named one (--as-of 2023-06-05):
    #: a document says 截至 that day beside the day it was made.
    as_of: str = ""
