"""Hostile Word/Excel files through `import` and `collect`, and hostile unit names through
`ledger --split-by`, each in a child process limited to 1 GB of address space: exit 3 (or
0 for the names) with one line on stderr, within 2 s of CPU and 300 MB, and nothing
changed outside the output folder."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fenggong.errors import DatasetError
from fenggong.intake.officefile import check_office_file
from tests.conftest import MINI, subprocess_env
from tests.hostile_files import (
    DOCX_CASES,
    HOSTILE_UNITS,
    XLSX_CASES,
    docx,
    plan_with_units,
    xlsx,
    zip_bytes,
)

LIMIT_BYTES = 1 << 30
CPU_SECONDS = 2.0
MAX_RSS_MB = 300


class Run:
    """A finished child: exit code, stderr lines, CPU seconds and peak memory."""

    def __init__(self, code: int, err: str, cpu: float, rss_mb: float) -> None:
        self.code, self.err, self.cpu, self.rss_mb = code, err, cpu, rss_mb
        self.lines = err.splitlines()


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_BYTES, LIMIT_BYTES))


def run_limited(args: list[str], cwd: Path, **env: str) -> Run:
    """`fenggong args…` in a child with an address-space limit and a wall-clock timeout."""
    process = subprocess.Popen(
        [sys.executable, "-m", "fenggong", *args],
        cwd=cwd,
        env=subprocess_env(**env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=_limit,
    )
    deadline = time.monotonic() + 30
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            process.kill()
            process.wait()
            pytest.fail(f"fenggong {' '.join(args)} still running after 30 s")
        time.sleep(0.02)
    assert process.stderr is not None
    err = process.stderr.read().decode("utf-8", "replace")
    process.stderr.close()
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(process.returncode, err, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def snapshot(root: Path, skip: Path) -> dict[str, tuple[int, int]]:
    """Every path under `root` but `skip`, with its size and modification time."""
    out = {}
    for path in root.rglob("*"):
        if path == skip or skip in path.parents or path.is_fifo():
            continue
        info = path.lstat()
        out[str(path)] = (info.st_size, info.st_mtime_ns)
    return out


def assert_refused(run: Run, name: str, code: int = 3) -> None:
    assert run.code == code, run.err
    assert len(run.lines) == 1, run.err
    assert run.lines[0].startswith(f"fenggong: {name}："), run.err
    assert run.cpu < CPU_SECONDS, f"{run.cpu:.2f} s of CPU"
    assert run.rss_mb < MAX_RSS_MB, f"{run.rss_mb:.0f} MB"


def assert_not_collected(run: Run, name: str) -> None:
    """`collect` reads every file and lists each one it did not record with one reason
    (then its count, exit 3): the hostile file is one line of that list."""
    assert run.code == 3, run.err
    assert "Traceback" not in run.err
    listed = [line for line in run.lines if line.startswith(f"  {name}：")]
    assert len(listed) == 1, run.err
    assert run.lines[-1] == "fenggong: 1 份没有记入（原因见上），改好后再 collect 这几份", run.err
    assert run.cpu < CPU_SECONDS, f"{run.cpu:.2f} s of CPU"
    assert run.rss_mb < MAX_RSS_MB, f"{run.rss_mb:.0f} MB"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for name, build in XLSX_CASES.items():
        (folder / f"{name}.xlsx").write_bytes(build())
    for name, build in DOCX_CASES.items():
        (folder / f"{name}.docx").write_bytes(build())
    (folder / "plan.xlsx").write_bytes(zip_bytes(xlsx()))
    (folder / "plan.docx").write_bytes(zip_bytes(docx()))
    return folder


def _work(tmp_path: Path, corpus: Path, name: str) -> Path:
    (tmp_path / name).symlink_to(corpus / name)
    return tmp_path


@pytest.mark.parametrize("case", sorted(XLSX_CASES))
def test_import_refuses_a_hostile_workbook(corpus: Path, tmp_path: Path, case: str) -> None:
    name = f"{case}.xlsx"
    work = _work(tmp_path, corpus, name)
    before = snapshot(work, work / "out")
    assert_refused(run_limited(["import", name, "-o", "out/plan.toml"], work), name)
    assert snapshot(work, work / "out") == before
    assert not (work / "out").exists()


@pytest.mark.parametrize("case", sorted(DOCX_CASES))
def test_import_refuses_a_hostile_word_file(corpus: Path, tmp_path: Path, case: str) -> None:
    name = f"{case}.docx"
    work = _work(tmp_path, corpus, name)
    before = snapshot(work, work / "out")
    assert_refused(run_limited(["import", name, "-o", "out/plan.toml"], work), name)
    assert snapshot(work, work / "out") == before


@pytest.mark.parametrize("case", sorted(XLSX_CASES))
def test_collect_refuses_a_hostile_ledger(corpus: Path, tmp_path: Path, case: str) -> None:
    name = f"{case}.xlsx"
    work = _work(tmp_path, corpus, name)
    before = snapshot(work, work / "none")
    run = run_limited(
        ["collect", name], work, FENGGONG_DATA=str(MINI), FENGGONG_LOG=str(work / "进展.sqlite")
    )
    assert_not_collected(run, name)
    assert snapshot(work, work / "进展.sqlite") == before


@pytest.mark.parametrize(
    ("command", "suffix"),
    [("import", s) for s in (".xlsx", ".docx", ".xls", ".doc", ".pdf")]
    + [("collect", s) for s in (".xlsx", ".xls")],
)
@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "directory"])
def test_devices_pipes_and_folders_named_like_office_files_are_refused_at_once(
    tmp_path: Path, command: str, suffix: str, kind: str
) -> None:
    name = f"{kind}{suffix}"
    path = tmp_path / name
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    else:
        path.mkdir()
    args = ["import", name, "-o", "out.toml"] if command == "import" else ["collect", name]
    run = run_limited(args, tmp_path, FENGGONG_DATA=str(MINI), FENGGONG_LOG=str(tmp_path / "l"))
    if command == "collect" and kind != "directory":
        assert_not_collected(run, name)
    elif command == "collect":  # a folder means the workbooks in it: this one has none
        assert run.code == 3, run.err
        assert f"  {name}：文件夹里没有台账（.xlsx、.xls、.et）" in run.lines, run.err
    else:
        assert_refused(run, name)
    assert not (tmp_path / "out.toml").exists()


def test_the_honest_files_the_corpus_varies_import(corpus: Path, tmp_path: Path) -> None:
    for name in ("plan.xlsx", "plan.docx"):
        (tmp_path / name).mkdir()
        work = _work(tmp_path / name, corpus, name)
        run = run_limited(["import", name, "-o", "plan.toml"], work)
        assert run.code == 0, run.err
        assert "2 项任务" in run.err


def test_files_office_programs_write_pass_the_checks(tmp_path: Path) -> None:
    """A 3,000-task plan as openpyxl and python-docx write it is far inside every cap."""
    import docx as python_docx
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["序号", "任务", "责任领导", "牵头单位", "相关责任单位"])
    for n in range(1, 3001):
        sheet.append([n, f"推进第{n}项重点工作，完善工作机制。", "张三", "县发改局", "县财政局"])
    sheet.merge_cells("A3001:E3001")
    book.save(tmp_path / "big.xlsx")
    document = python_docx.Document()
    table = document.add_table(rows=1, cols=5)
    for n in range(1, 1001):
        for cell, text in zip(
            table.add_row().cells, [str(n), "任务", "张三", "县发改局", ""], strict=True
        ):
            cell.text = text
    document.save(str(tmp_path / "big.docx"))
    check_office_file(tmp_path / "big.xlsx")
    check_office_file(tmp_path / "big.docx")


@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("far-cell", "上限 100000 行"),
        ("merge-many", "合并单元格"),
        ("inflating-part", "上限 64 MB"),
        ("large-part", "上限 64 MB"),
        ("ratio-bomb", "压缩比"),
        ("bad-crc", "Bad CRC"),
        ("entity-bomb", "DTD"),
        ("long-text", "超过 1000000 字节"),
    ],
)
def test_each_cap_says_what_is_wrong(corpus: Path, case: str, words: str) -> None:
    with pytest.raises(DatasetError, match=words):
        check_office_file(corpus / f"{case}.xlsx")


def test_ledger_split_by_unit_keeps_every_file_inside_the_folder(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text(plan_with_units(HOSTILE_UNITS), encoding="utf-8")
    (tmp_path / "台账").mkdir()
    env = {"FENGGONG_DATA": str(plan), "FENGGONG_LOG": str(tmp_path / "进展.sqlite")}
    args = ["ledger", "--period", "2024-05", "--split-by", "unit", "-o", "台账/分/"]
    before = snapshot(tmp_path, tmp_path / "台账")
    run = run_limited(args, tmp_path, **env)
    assert run.code == 0, run.err
    assert run.lines == [f"已写出 {len(HOSTILE_UNITS)} 份台账（报送期 2024-05），在 台账/分"]
    written = sorted(p.name for p in (tmp_path / "台账" / "分").iterdir())
    assert written == sorted(
        [
            "_逃逸局2024-05台账.xlsx",
            "_abs局2024-05台账.xlsx",
            "县发改局_县粮食局2024-05台账.xlsx",
            "_.._县乙局2024-05台账.xlsx",
            "CON2024-05台账.xlsx",
            "_NUL.2024-05台账.xlsx",
            "C_x局2024-05台账.xlsx",
            "县甲局2024-05台账.xlsx",
            "_县甲局2024-05台账.xlsx",
            "县丙局2024-05台账.xlsx",
            "县丁局2024-05台账.xlsx",
        ]
    )
    after = snapshot(tmp_path, tmp_path / "台账")
    assert {k: v for k, v in after.items() if "进展" not in k} == {
        k: v for k, v in before.items() if "进展" not in k
    }
    files = snapshot(tmp_path / "台账", tmp_path / "none")
    again = run_limited(args, tmp_path, **env)
    assert again.code == 2
    assert len(again.lines) == 1
    assert "加 --force 覆盖（什么都没有写）" in again.lines[0]
    assert snapshot(tmp_path / "台账", tmp_path / "none") == files
    forced = run_limited([*args, "--force"], tmp_path, **env)
    assert forced.lines == run.lines
    assert len(list((tmp_path / "台账" / "分").iterdir())) == len(HOSTILE_UNITS)
