"""A full temporary folder while a workbook is rendered (issue 22): openpyxl writes each
sheet to a temporary file first, and lxml fails there. Exit 74 with one Chinese line,
no output file, no temporary file left behind."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from openpyxl.worksheet import _writer

from tests.conftest import Runner

MESSAGE = "fenggong: 无法生成输出文件：临时文件夹 {tmp} 写入失败（磁盘空间已满），请腾出磁盘空间后重试；输出文件没有写入\n"


def _full(error: Exception) -> Any:
    def write_rows(self: _writer.WorksheetWriter) -> None:
        raise error  # after __init__ created the sheet's temporary file

    return write_rows


@pytest.mark.parametrize(
    "error", [etree.SerialisationError("IO_ENOSPC"), OSError(errno.ENOSPC, "磁盘空间已满")]
)
@pytest.mark.parametrize(
    "command", [("export", "-f", "xlsx"), ("ledger", "--lead", "住建", "--period", "2023-05")]
)
def test_a_full_temporary_folder_exits_74_and_writes_nothing(
    run: Runner,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    error: Exception,
    command: tuple[str, ...],
) -> None:
    import tempfile

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    # Both ways openpyxl writes a sheet (a write-only sheet closing, a sheet in memory) write
    # its rows there, the data rows or none.
    monkeypatch.setattr(_writer.WorksheetWriter, "write_rows", _full(error))
    target = tmp_path / "x.xlsx"
    result = run(*command, "-o", str(target))
    assert (result.code, result.err.splitlines()[-1] + "\n") == (74, MESSAGE.format(tmp=scratch))
    assert not target.exists()
    assert list(scratch.iterdir()) == []
    assert _writer.ALL_TEMP_FILES == []
    assert [p.name for p in tmp_path.iterdir() if "x.xlsx" in p.name] == []  # no half file
