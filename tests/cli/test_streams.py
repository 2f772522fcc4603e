"""fenggong as a real process: closed pipes, odd encodings, NO_COLOR, redirects, newlines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SOURCE, Runner, run_process, subprocess_env


def _no_traceback(stderr: bytes) -> None:
    assert b"Traceback" not in stderr
    assert b"Exception ignored" not in stderr


@pytest.mark.parametrize("fmt", ["csv", "table", "json"])
def test_large_output_to_a_pipe_closed_early(fmt: str) -> None:
    for _ in range(3):
        with subprocess.Popen(
            [sys.executable, "-m", "fenggong", "tasks", "--format", fmt],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=subprocess_env(),
        ) as proc:
            assert proc.stdout is not None
            assert proc.stderr is not None
            proc.stdout.read(10)
            proc.stdout.close()
            err = proc.stderr.read()
            assert proc.wait(timeout=60) == 0
        _no_traceback(err)
        assert err == b""


def test_small_output_whose_reader_is_gone_before_exit() -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "fenggong", "show", "1", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=subprocess_env(),
    ) as proc:
        assert proc.stdout is not None
        assert proc.stderr is not None
        proc.stdout.close()
        err = proc.stderr.read()
        assert proc.wait(timeout=60) == 0
    assert err == b""


def test_shell_pipe_to_head() -> None:
    proc = subprocess.run(
        f'"{sys.executable}" -m fenggong tasks | head -1; exit ${{PIPESTATUS[0]}}',
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        env=subprocess_env(),
        check=False,
        timeout=60,
    )
    assert proc.returncode == 0
    assert (
        proc.stdout.decode()
        == "序号,大类,大类名称,大项编号,大项,任务,责任领导,牵头单位,相关责任单位\n"
    )
    assert proc.stderr == b""


def test_gbk_terminal() -> None:
    proc = run_process(
        ["tasks", "--lead", "工信", "--format", "csv"], subprocess_env(PYTHONIOENCODING="gbk")
    )
    assert proc.returncode == 0
    _no_traceback(proc.stderr)
    text = proc.stdout.decode("gbk")
    assert (
        text.splitlines()[0]
        == "序号,大类,大类名称,大项编号,大项,任务,责任领导,牵头单位,相关责任单位"
    )
    assert len(text.splitlines()) == 13


def test_gbk_json_stays_exact() -> None:
    proc = run_process(["show", "85", "--format", "json"], subprocess_env(PYTHONIOENCODING="gbk"))
    assert proc.returncode == 0
    assert json.loads(proc.stdout.decode("ascii"))[0]["related_units"][-3] == "簕竹镇政府"


@pytest.mark.parametrize("fmt", ["csv", "table", "md"])
def test_ascii_terminal_replaces_and_warns(fmt: str) -> None:
    proc = run_process(
        ["tasks", "--lead", "县工信商务局", "--format", fmt],
        subprocess_env(PYTHONIOENCODING="ascii"),
    )
    assert proc.returncode == 0
    _no_traceback(proc.stderr)
    proc.stdout.decode("ascii")
    assert b"?" in proc.stdout
    assert proc.stderr.count(b"\n") == 1


def test_ascii_terminal_json_is_escaped_and_parses() -> None:
    proc = run_process(
        ["tasks", "--lead", "县工信商务局", "--format", "json"],
        subprocess_env(PYTHONIOENCODING="ascii"),
    )
    assert proc.returncode == 0
    assert proc.stderr == b""
    assert [d["id"] for d in json.loads(proc.stdout.decode("ascii"))] == [
        2,
        3,
        5,
        7,
        12,
        13,
        14,
        15,
        16,
        17,
        18,
        65,
    ]


def test_ascii_error_message_has_no_traceback() -> None:
    proc = run_process(["tasks", "--lead", "xx"], subprocess_env(PYTHONIOENCODING="ascii"))
    assert proc.returncode == 2
    assert proc.stdout == b""
    _no_traceback(proc.stderr)
    assert proc.stderr.startswith(b"fenggong: ")


def test_c_locale() -> None:
    env = subprocess_env(LANG="C", LC_ALL="C")
    env.pop("PYTHONIOENCODING")
    proc = run_process(["tasks", "--lead", "工信", "--format", "table"], env)
    assert proc.returncode == 0
    _no_traceback(proc.stderr)
    assert "共 12 项" in proc.stdout.decode("utf-8", "replace")


@pytest.mark.parametrize("var", [{"NO_COLOR": "1"}, {"TERM": "dumb"}])
def test_no_escape_codes(var: dict[str, str]) -> None:
    proc = run_process(["tasks", "-k", "污水", "--format", "table"], subprocess_env(**var))
    assert proc.returncode == 0
    assert b"\x1b[" not in proc.stdout
    assert "共 2 项" in proc.stdout.decode()


def test_redirected_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    with out.open("wb") as handle:
        proc = subprocess.run(
            [sys.executable, "-m", "fenggong", "tasks", "--lead", "工信"],
            stdout=handle,
            stderr=subprocess.PIPE,
            env=subprocess_env(),
            check=False,
            timeout=60,
        )
    assert proc.returncode == 0
    assert proc.stderr.decode() == "工信 → 县工信商务局\n"
    text = out.read_bytes().decode()
    assert text.startswith("序号,大类")  # not a terminal: CSV
    assert "\x1b[" not in text


def test_csv_on_a_newline_translating_stream() -> None:
    code = (
        "import io, sys\n"
        "buf = io.BytesIO()\n"
        "sys.stdout = io.TextIOWrapper(buf, encoding='utf-8', newline='\\r\\n')\n"
        "from fenggong.cli.app import main\n"
        "try:\n    main(['tasks', '--section', '8.4', '--format', 'csv'])\n"
        "except SystemExit:\n    pass\n"
        "sys.stdout.flush()\n"
        "sys.__stdout__.buffer.write(buf.getvalue())\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        env=subprocess_env(),
        check=False,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert b"\r\r\n" not in proc.stdout
    assert proc.stdout.count(b"\r\n") == 3


def test_sigterm_while_writing_leaves_no_temporary_file(
    run: Runner, tmp_cwd: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The signal arrives while the file is being flushed to disk: the handler's SystemExit
    # unwinds through the writer, which must remove its temporary file.
    from fenggong.__main__ import _terminated

    monkeypatch.setattr(os, "fsync", lambda fd: _terminated(15, None))
    result = run("import", str(SOURCE), "-o", "new.toml")
    assert result.code == 143
    assert sorted(p.name for p in tmp_cwd.iterdir()) == []


#: Runs fenggong with SIGTERM sent to itself when the named function is first called: the
#: signal arrives at a chosen moment, every run the same (no sleeping, no race).
_TERMINATE_AT = """
import importlib, os, signal, sys
where, name = sys.argv[1].rsplit(".", 1)
module = importlib.import_module(where)
original = getattr(module, name)
def hooked(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGTERM)
    return original(*args, **kwargs)
setattr(module, name, hooked)
sys.argv = ["fenggong", *sys.argv[2:]]
from fenggong.__main__ import run
run()
"""


@pytest.mark.parametrize(
    "moment",
    [
        "fenggong.intake.readers.read_plan",  # reading the source
        "fenggong.plan.document.dataset_toml",  # building the dataset
        "tempfile.mkstemp",  # creating the temporary file
        "os.fsync",  # the file written, being flushed to disk
        "os.chmod",  # the file complete, about to be renamed into place
    ],
)
def test_sigterm_at_any_moment_of_an_import_leaves_no_temporary_file(
    tmp_path: Path, moment: str
) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", _TERMINATE_AT, moment, "import", str(SOURCE), "-o", "new.toml"],
        cwd=tmp_path,
        env=subprocess_env(),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert (proc.returncode, proc.stdout) == (143, b""), proc.stderr
    _no_traceback(proc.stderr)
    assert [p.name for p in tmp_path.iterdir()] == []
