"""The real entry point ends with `os._exit` once everything is flushed; a flush that
fails still gives exit 74, and a reader that went away still gives 0."""

from __future__ import annotations

import errno
import io
import subprocess
import sys
from pathlib import Path

import pytest

from fenggong import __main__ as entry
from tests.conftest import subprocess_env

#: Runs the entry point with an exit hook that teardown would call, and a marker after it.
_HOOKED = (
    "import atexit, sys; atexit.register(lambda: sys.stderr.write('teardown\\n')); "
    "from fenggong.__main__ import run; sys.argv = ['fenggong', *sys.argv[1:]]; run(); "
    "sys.stderr.write('returned\\n')"
)


@pytest.mark.parametrize(
    ("args", "code"),
    [(["show", "57", "-f", "csv"], 0), (["tasks", "--lead", "没有这个单位"], 2)],
)
def test_the_process_ends_without_teardown_and_keeps_its_code(args: list[str], code: int) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", _HOOKED, *args],
        env=subprocess_env(),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == code
    assert b"teardown" not in proc.stderr
    assert b"returned" not in proc.stderr
    assert (proc.stdout != b"") == (code == 0)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args", [["tasks", "--lead", "工信", "-f", "csv"], ["show", "57"], ["brief", "工信"]]
)
def test_a_full_disk_behind_stdout_still_exits_74(args: list[str]) -> None:
    with Path("/dev/full").open("wb") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "fenggong", *args],
            env=subprocess_env(),
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    assert proc.returncode == 74
    assert proc.stderr.decode().endswith(
        "fenggong: 标准输出：无法写入（No space left on device）\n"
    )


class _Failing(io.StringIO):
    def __init__(self, error: OSError) -> None:
        super().__init__()
        self.error = error

    def flush(self) -> None:
        raise self.error


def test_a_flush_that_fails_at_the_end_gives_74(monkeypatch: pytest.MonkeyPatch) -> None:
    err = io.StringIO()
    monkeypatch.setattr(sys, "stdout", _Failing(OSError(errno.ENOSPC, "No space left on device")))
    monkeypatch.setattr(sys, "stderr", err)
    assert entry._flushed(0) == 74
    assert err.getvalue() == "fenggong: 标准输出：无法写入（No space left on device）\n"
    assert entry._flushed(3) == 3  # the first failure's code stands


def test_a_reader_gone_at_the_final_flush_is_not_a_failure(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    err = io.StringIO()
    monkeypatch.setattr(sys, "stdout", _Failing(BrokenPipeError(errno.EPIPE, "Broken pipe")))
    monkeypatch.setattr(sys, "stderr", err)
    assert (entry._flushed(None), err.getvalue()) == (0, "")


def test_the_final_flush_writes_what_is_buffered(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.BytesIO()
    stream = io.TextIOWrapper(out, encoding="utf-8")
    stream.write("序号\n")
    monkeypatch.setattr(sys, "stdout", stream)
    assert entry._flushed(0) == 0
    assert out.getvalue() == "序号\n".encode()


def test_a_message_as_exit_code_is_said_and_exits_1(monkeypatch: pytest.MonkeyPatch) -> None:
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    assert entry._flushed("fenggong: 出错了") == 1
    assert err.getvalue() == "fenggong: 出错了\n"
