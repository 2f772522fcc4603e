"""What layout recognition hands to `build`: the rows of tasks as the document writes them,
its headings, the fields its columns or labels became, and what it noticed reading them."""

from __future__ import annotations

from typing import NamedTuple

from fenggong.errors import DatasetError
from fenggong.intake.roles import Field


class Row(NamedTuple):
    """One task as the document writes it, cells not yet split into names."""

    where: str
    number: str
    text: str
    cells: dict[Field, str]
    #: The document's other columns or labels, in its order.
    extras: tuple[tuple[str, str], ...]
    category: str
    section: str
    #: A leader named by the heading the task sits under (一、于会游市长主抓重点工作).
    heading_leader: str


class Parsed(NamedTuple):
    """What the layout recognition found."""

    layout: str
    title: str
    rows: tuple[Row, ...]
    #: For tables: each header and the field it became; for paragraphs: each label seen.
    mapping: tuple[tuple[str, Field], ...]
    #: The document says the first unit listed leads (列第一位者为牵头).
    first_leads: bool
    #: title, document_number, issuer, issued as read from the lines above the table.
    meta: dict[str, object] = {}  # noqa: RUF012 - never changed in place
    #: What reading the layout had to guess or leave out, for review.
    notes: tuple[str, ...] = ()
    #: Why a column got a field other than its header word says, by header.
    why: tuple[tuple[str, str], ...] = ()
    #: Labels taken out of cells (省牵头单位:X under the units), kept among the other
    #: columns: their own review line says so, the one for unmapped columns does not.
    cell_labels: frozenset[str] = frozenset()


def task_number(text: str, where: str) -> int:
    """A task's 序号; `DatasetError` for one no plan has (more than 9 digits), never a
    number silently replaced (each path a 序号 takes, text, CSV, Word or Excel, asks here)."""
    if len(text.strip()) > 9:
        raise DatasetError(
            (f"{where}：序号「{text.strip()[:12]}…」有 {len(text.strip())} 位，不是任务的序号",)
        )
    return int(text)
