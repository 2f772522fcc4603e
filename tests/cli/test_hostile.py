"""Hostile data and faults: nothing drives the terminal, no input exhausts memory or hangs,
nothing is silently lost or overwritten, and every failure is one line with its exit code."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.console import Console

from fenggong.present.answers.tasks import TEXT
from fenggong.present.render.terminal.table import GridTable
from fenggong.present.view import Grid, View
from tests.conftest import DATA, MINI, Runner, run_process, subprocess_env

ESCAPES = "\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b]0;HIJACKED\x07\x1b[2J\u202e\x9b\r"
BASE = MINI.read_text(encoding="utf-8")
FIRST_TEXT = 'text = "扩大有效投资，推进ＲＣＥＰ项目。"'


def hostile_data(tmp_path: Path) -> Path:
    path = tmp_path / "evil.toml"
    escaped = ESCAPES.encode("unicode_escape").decode("ascii").replace("\\x", "\\u00")
    path.write_text(BASE.replace(FIRST_TEXT, f'text = "{escaped}正常任务"'), encoding="utf-8")
    return path


def test_check_reports_control_characters_with_file_and_line(run: Runner, tmp_path: Path) -> None:
    path = hostile_data(tmp_path)
    result = run("check", str(path))
    assert result.code == 3
    assert result.out.splitlines() == [
        f"{path}:{BASE.splitlines().index(FIRST_TEXT) + 1}：第 1 项：「text」含有控制字符 U+001B（第 1 个字符），请删去"
    ]
    assert result.err == f"fenggong: {path}：发现 1 个问题\n"


def test_every_query_refuses_hostile_data(run: Runner, tmp_path: Path) -> None:
    path = hostile_data(tmp_path)
    for args in (("tasks",), ("show", "1"), ("brief", "x"), ("overview",), ("units",)):
        result = run(*args, data=path)
        assert (result.code, result.out) == (3, "")
        assert "\x1b" not in result.err


def test_a_table_shows_control_characters_escaped() -> None:
    console = Console(file=io.StringIO(), width=200, force_terminal=True, color_system=None)
    console.print(GridTable.of(Grid(View((TEXT,), ((f"a{ESCAPES}b",),)))))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b" not in out
    assert "\u202e" not in out
    assert "\\x1b]52;c;" in out
    assert "\\u202e" in out


def test_text_formats_on_a_terminal_escape_control_characters(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from fenggong.present import output
    from fenggong.present.formats import Format

    class Terminal(io.StringIO):
        encoding = "utf-8"

        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr(sys, "stdout", screen)
    output.write_output(f"序号,任务\n1,{ESCAPES}\n", Format.CSV, output.Target())
    assert (
        screen.getvalue()
        == "序号,任务\n1,\\x1b]52;c;ZWNobyBwd25lZA==\\x07\\x1b]0;HIJACKED\\x07\\x1b[2J\\u202e\\x9b\\r\n"
    )


def test_stderr_escapes_bidi_overrides(run: Runner) -> None:
    result = run("tasks", "--lead", "县\u202e局")
    assert result.code == 2
    assert "\u202e" not in result.err
    assert "县\\u202e局" in result.err


def test_import_lists_control_characters_and_does_not_write_them(
    run: Runner, tmp_cwd: Path
) -> None:
    source = tmp_cwd / "evil.csv"
    cell = ESCAPES.replace("\r", "")  # a bare CR in a CSV cell starts a new row
    source.write_text(
        f"序号,任务,责任领导,牵头单位,相关责任单位\n1,{cell}正常任务,张三,县某局,县另一局\n",
        encoding="utf-8",
    )
    result = run("import", "evil.csv", "-o", "evil.toml", "--no-registry")
    assert result.code == 0
    assert "需核对：evil.csv:2：第 1 项的「任务」含有控制字符 U+001B，已删去\n" in result.err
    written = (tmp_cwd / "evil.toml").read_text(encoding="utf-8")
    assert 'text = "]52;c;ZWNobyBwd25lZA==]0;HIJACKED[2J正常任务"' in written
    assert "\x1b" not in written
    assert run("check", "evil.toml").code == 0


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            ("id = 1\n", "id = 100000000000\n"),
            "第 100000000000 项：序号 100000000000 应在 1 到 1000000 之间",
        ),
        (("id = 1\n", "id = " + "9" * 30 + "\n"), "序号 " + "9" * 30 + " 应在 1 到 1000000 之间"),
        (('id = "1.1"', 'id = "1' + "0" * 30 + '.1"'), "应形如 3.2（大类.大项）"),
    ],
)
def test_huge_numbers_are_problems_found_at_once(
    run: Runner, tmp_path: Path, change: tuple[str, str], problem: str
) -> None:
    path = tmp_path / "big.toml"
    path.write_text(BASE.replace(*change, 1), encoding="utf-8")
    start = time.perf_counter()
    result = run("check", str(path))
    assert time.perf_counter() - start < 30  # guards against a hang, not a timing claim
    assert result.code == 3
    assert problem in result.out


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("deep.toml", "x = " + "[" * 1200 + "]" * 1200 + "\n", "嵌套层数太多，不是分工方案数据"),
        ("deep.json", "[" * 100_000 + "]" * 100_000, "嵌套层数太多，不是分工方案数据"),
        ("long.toml", "x = " + "7" * 5000 + "\n", "有超长的数字（数千位），不是分工方案数据"),
    ],
)
def test_unreadable_structure_is_bad_data(
    run: Runner, tmp_path: Path, name: str, text: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run("tasks", data=path)
    assert (result.code, result.out) == (3, "")
    assert result.err == f"fenggong: {path}：{message}\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_fifo_or_device_as_data_is_refused_without_blocking(run: Runner, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        result = run("tasks", data=path)
        assert (result.code, result.out) == (3, "")
        assert result.err == f"fenggong: {path}：不是普通文件（管道或设备），请先保存为文件\n"


def test_export_never_writes_over_the_data_it_reads(run: Runner, tmp_cwd: Path) -> None:
    mine = tmp_cwd / "my.toml"
    mine.write_bytes(DATA.read_bytes())
    result = run("export", "--lead", "工信", "-o", "my.toml", "--force", data=mine)
    assert (result.code, result.out) == (2, "")
    assert result.err.endswith(
        "fenggong: my.toml：这是正在读取的数据文件，不能写在它上面；请换一个文件名\n"
    )
    assert mine.read_bytes() == DATA.read_bytes()


def test_an_existing_output_needs_force(run: Runner, tmp_cwd: Path) -> None:
    (tmp_cwd / "out.csv").write_text("keep", encoding="utf-8")
    result = run("tasks", "--lead", "工信", "-o", "out.csv")
    assert (result.code, result.out) == (2, "")
    assert result.err.endswith("fenggong: out.csv：文件已存在，加 --force 覆盖\n")
    assert (tmp_cwd / "out.csv").read_text(encoding="utf-8") == "keep"
    assert run("tasks", "--lead", "工信", "-o", "out.csv", "--force").code == 0
    assert (tmp_cwd / "out.csv").read_text(encoding="utf-8-sig").startswith("序号,")


def test_a_symlinked_output_is_written_through(run: Runner, tmp_cwd: Path) -> None:
    (tmp_cwd / "real.csv").write_text("old", encoding="utf-8")
    (tmp_cwd / "link.csv").symlink_to("real.csv")
    assert run("tasks", "--lead", "工信", "-o", "link.csv", "--force").code == 0
    assert (tmp_cwd / "link.csv").is_symlink()
    assert (tmp_cwd / "real.csv").read_text(encoding="utf-8-sig").startswith("序号,")


def test_new_files_follow_the_umask_and_replaced_files_keep_their_mode(
    run: Runner, tmp_cwd: Path
) -> None:
    old = os.umask(0o022)
    try:
        assert run("tasks", "--lead", "工信", "-o", "new.csv").code == 0
        (tmp_cwd / "kept.csv").write_text("x", encoding="utf-8")
        (tmp_cwd / "kept.csv").chmod(0o640)
        assert run("tasks", "--lead", "工信", "-o", "kept.csv", "--force").code == 0
    finally:
        os.umask(old)
    assert (tmp_cwd / "new.csv").stat().st_mode & 0o777 == 0o644
    assert (tmp_cwd / "kept.csv").stat().st_mode & 0o777 == 0o640


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_behind_stdout_fails_with_74() -> None:
    with Path("/dev/full").open("wb") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "fenggong", "export"],
            env=subprocess_env(),
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    assert proc.returncode == 74
    assert proc.stderr.decode() == "fenggong: 标准输出：无法写入（No space left on device）\n"


@pytest.mark.parametrize("args", [["--version"], ["check"], ["tasks", "--lead", "工信"]])
def test_a_closed_stdout_is_said_not_a_traceback(args: list[str]) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sys; os.close(1); from fenggong.__main__ import run; sys.argv = ['fenggong', *sys.argv[1:]]; run()",
            *args,
        ],
        env=subprocess_env(),
        stderr=subprocess.PIPE,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 74
    assert proc.stderr.decode().endswith(
        "fenggong: 标准输出已关闭，无法输出结果；请用 -o 写入文件\n"
    )


def test_a_closed_stdout_does_not_stop_a_file_being_written(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    code = "import os, sys; os.close(1); from fenggong.__main__ import run; sys.argv = ['fenggong', 'tasks', '--lead', '工信', '-o', sys.argv[1]]; run()"
    proc = subprocess.run(
        [sys.executable, "-c", code, str(out)], env=subprocess_env(), timeout=60, check=False
    )
    assert proc.returncode == 0
    assert out.read_text(encoding="utf-8-sig").startswith("序号,")


def test_a_closed_stderr_keeps_the_exit_code() -> None:
    code = "import os, sys; os.close(2); from fenggong.__main__ import run; sys.argv = ['fenggong', 'tasks', '--lead', '没有这个单位']; run()"
    proc = subprocess.run(
        [sys.executable, "-c", code],
        env=subprocess_env(),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert (proc.returncode, proc.stdout) == (2, b"")


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["check"], ["tasks"]])
def test_a_reader_that_stops_early_is_not_a_failure(args: list[str]) -> None:
    proc = subprocess.run(
        f"{sys.executable} -m fenggong {' '.join(args)} | true; echo ${{PIPESTATUS[0]}}",
        shell=True,
        executable="/bin/bash",
        env=subprocess_env(),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert proc.stdout.decode().strip() == "0"
    assert b"Traceback" not in proc.stderr


def test_an_ascii_stdout_does_not_break_check() -> None:
    proc = run_process(["check"], env=subprocess_env(PYTHONIOENCODING="ascii"))
    assert proc.returncode == 0
    assert b"Traceback" not in proc.stderr


def test_overlap_csv_neutralises_names_in_the_header(run: Runner) -> None:
    result = run("overlap", "发改", "工信", "--format", "csv")
    assert result.code == 0
    from fenggong.present.render.text import neutralise

    assert neutralise("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert neutralise("\n=1") == "'\n=1"


def test_import_without_pypinyin_keeps_the_registry_initials(
    run: Runner, tmp_cwd: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import SOURCE

    monkeypatch.setitem(sys.modules, "pypinyin", None)  # as if it were not installed
    result = run("import", str(SOURCE), "-o", "plan.toml", "--registry", str(DATA))
    assert result.code == 0
    assert (tmp_cwd / "plan.toml").read_bytes() == DATA.read_bytes()


@pytest.mark.parametrize("via", ["--data", "FENGGONG_DATA"])
def test_an_unreadable_data_file_is_bad_data_exit_3(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, via: str
) -> None:
    path = tmp_path / "plan.toml"
    path.write_bytes(DATA.read_bytes())
    path.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the system say no, as it would to a clerk
        real_open, real_access = os.open, os.access

        def refuse_open(name: object, *args: object, **kwargs: object) -> int:
            if os.fspath(name) == str(path):  # type: ignore[call-overload]
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(name, *args, **kwargs)  # type: ignore[arg-type]

        def refuse_access(name: object, mode: int, **kwargs: object) -> bool:
            if os.fspath(name) == str(path):  # type: ignore[call-overload]
                return False
            return real_access(name, mode, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "open", refuse_open)
        monkeypatch.setattr(os, "access", refuse_access)
    if via == "--data":
        result = run("tasks", "--lead", "工信", "--data", str(path), data=None)
    else:
        result = run("tasks", "--lead", "工信", data=path)
    assert (result.code, result.out) == (3, "")
    assert result.err == f"fenggong: {path}：无法读取（Permission denied）\n"
