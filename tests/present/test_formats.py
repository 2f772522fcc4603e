"""Every command in every format it accepts gives parseable output; the others are refused.

Adding a format to `Format` without a writer fails `test_every_format_has_a_writer`; adding a
command without listing it here fails `test_every_command_is_walked`.
"""

from __future__ import annotations

import csv
import io
import json
import tomllib
from pathlib import Path

import pytest

from fenggong.cli.app import COMMAND_MODULES
from fenggong.present.formats import BINARY, DATASET, DETAILS, RECORDS, REPORTS, Format, Formats
from fenggong.present.render.text import render
from fenggong.present.view import Answer, Column, Details, Grid, Kind, View
from tests.conftest import Runner

#: Each command that answers in a format, with arguments that give it an answer.
COMMANDS: dict[str, tuple[tuple[str, ...], Formats]] = {
    "tasks": (("tasks", "--lead", "工信"), RECORDS),
    "show": (("show", "57", "58"), DETAILS),
    "leaders": (("leaders",), RECORDS),
    "units": (("units",), RECORDS),
    "towns": (("towns",), RECORDS),
    "sections": (("sections",), RECORDS),
    "workload": (("workload",), RECORDS),
    "brief": (("brief", "住建"), REPORTS),
    "overlap": (("overlap", "发改", "工信"), RECORDS),
    "overview": (("overview",), REPORTS),
    "export": (("export", "--lead", "工信"), DATASET),
    "status": (("status", "--as-of", "2023-07-01"), RECORDS),
    "notice": (("notice", "--period", "2023-Q2"), REPORTS),
}
#: Commands that write no answer in a chosen format.
#: (summary and remind read a progress store: tests/present/test_monthly_pack.py walks them.)
NOT_FORMATTED = {
    "import",
    "check",
    "deadline",
    "progress",
    "ledger",
    "collect",
    "summary",
    "remind",
}


def parse(fmt: Format, text: str | bytes) -> object:
    """The output read back as its format (binary ones with the library Excel's and Word's
    files are read by); raises if it is not that format."""
    if isinstance(text, bytes):
        return parse_binary(fmt, text)
    match fmt:
        case Format.TABLE | Format.MD:
            assert text.strip(), "empty"
            return text
        case Format.CSV | Format.TSV:
            rows = list(csv.reader(io.StringIO(text), delimiter="," if fmt is Format.CSV else "\t"))
            assert len(rows) >= 2
            assert len({len(r) for r in rows}) == 1, "rows of different lengths"
            return rows
        case Format.JSON:
            return json.loads(text)
        case Format.JSONL:
            return [json.loads(line) for line in text.splitlines()]
        case Format.TOML:
            return tomllib.loads(text)
        case Format.XLSX | Format.DOCX:
            raise AssertionError(f"{fmt} came out as text")


def parse_binary(fmt: Format, data: bytes) -> object:
    if fmt is Format.XLSX:
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(data))
        assert book.sheetnames
        return book
    assert fmt is Format.DOCX, fmt
    import docx

    document = docx.Document(io.BytesIO(data))
    assert document.paragraphs
    return document


def test_every_command_is_walked() -> None:
    assert set(COMMANDS) | NOT_FORMATTED == set(COMMAND_MODULES)


@pytest.mark.parametrize("fmt", list(Format))
@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_in_every_format(run: Runner, tmp_path: Path, name: str, fmt: Format) -> None:
    args, formats = COMMANDS[name]
    target = tmp_path / f"out.{fmt.value}"
    binary = fmt in BINARY
    result = run(*args, "--format", fmt.value, *(("-o", str(target)) if binary else ()))
    if fmt in formats.accepted:
        assert result.code == 0, result.err
        parse(fmt, target.read_bytes() if binary else result.out)
    else:
        accepted = "、".join(f.value for f in formats.accepted)
        assert (result.code, result.out) == (2, "")
        assert result.err.endswith(
            f"fenggong: 这个命令只支持 {accepted} 格式，不支持 {fmt.value}\n"
        )


@pytest.mark.parametrize("fmt", list(Format))
def test_every_format_has_a_writer(fmt: Format) -> None:
    view = View((Column("name", "名称", Kind.NAME), Column("n", "数", Kind.NUMBER)), (("甲", 1),))
    document = {"plan": {"title": "甲"}, "tasks": []}
    answer = Answer(screen=Grid(view), records=view, document=document)
    assert parse(fmt, render(answer, fmt))


def test_details_render_as_blocks() -> None:
    view = View((Column("a", "A", Kind.NAME),), (("x",),))
    answer = Answer(screen=Details(((("序号", "1"), ("牵头单位", ("甲", "乙"))),)), records=view)
    assert render(answer, Format.TABLE).split() == ["序号", "1", "牵头单位", "甲、乙"]
