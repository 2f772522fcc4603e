"""Progress on long work: a transient bar on a terminal's stderr once a step has run a
second, plain text under NO_COLOR or TERM=dumb, and nothing at all on a pipe or for a
short step; the long loops report their steps."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from fenggong.plan import steps
from fenggong.present import output_steps
from tests.conftest import MINI, subprocess_env

#: A step of three items, 0.5 s each (long), or one of 0.1 s (short), run as fenggong runs.
_STEP = (
    "import sys, time; from fenggong.present import output_steps; output_steps.install(); "
    "from fenggong.plan.steps import long_step\n"
    "with long_step('检查方案', 3) as advance:\n"
    "    for _ in range(3):\n"
    "        time.sleep(float(sys.argv[1])); advance(1)\n"
    "print('完成')"
)


def _stderr_of(pause: float, *, terminal: bool, **env: str) -> bytes:
    """What the step writes to stderr, a pseudo-terminal's or a pipe's."""
    environment = {k: v for k, v in subprocess_env().items() if k not in ("NO_COLOR", "TERM")}
    environment.update({"TERM": "xterm-256color", **env})
    command = [sys.executable, "-c", _STEP, str(pause)]
    if not terminal:
        return subprocess.run(
            command, env=environment, capture_output=True, timeout=60, check=True
        ).stderr
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=follower, env=environment)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert proc.wait(timeout=60) == 0
    os.close(leader)
    return b"".join(chunks)


def test_a_long_step_shows_a_bar_on_a_terminal_and_erases_it() -> None:
    shown = _stderr_of(0.5, terminal=True).decode()
    assert "检查方案" in shown
    assert "━" in shown  # the bar
    assert "/3" in shown  # done of the total
    assert "\x1b[2K" in shown  # erased when the step ends (transient)


def test_a_long_step_on_a_pipe_shows_nothing() -> None:
    assert _stderr_of(0.5, terminal=False) == b""


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "dumb"}])
def test_a_plain_terminal_gets_one_plain_line(env: dict[str, str]) -> None:
    assert _stderr_of(0.5, terminal=True, **env) == "检查方案……\r\n".encode()


def test_a_short_step_writes_nothing_at_all() -> None:
    assert _stderr_of(0.1, terminal=True) == b""


@contextmanager
def _recording(seen: list[tuple[str, int | None]]) -> Iterator[None]:
    @contextmanager
    def record(label: str, total: int | None = None) -> Iterator[steps.Advance]:
        seen.append((label, total))
        yield lambda done=1: None

    steps.draw_with(record)
    try:
        yield
    finally:
        steps.draw_with(None)


def test_the_first_load_of_a_plan_is_a_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fenggong.plan.load import load_plan

    monkeypatch.setenv("FENGGONG_NO_CACHE", "1")
    data = tmp_path / "plan.toml"
    data.write_bytes(MINI.read_bytes())
    seen: list[tuple[str, int | None]] = []
    with _recording(seen):
        load_plan(data)
    assert seen == [("首次读取 plan.toml（之后从缓存读）", None)]


def test_loops_over_files_are_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, int | None]] = []

    @contextmanager
    def record(label: str, total: int | None = None) -> Iterator[steps.Advance]:
        seen.append((label, total))
        yield lambda done=1: seen.append(("done", done))

    monkeypatch.setattr(output_steps, "long_work", record)
    assert list(output_steps.each(["a.xlsx", "b.xlsx"], "收台账")) == ["a.xlsx", "b.xlsx"]
    assert seen == [("收台账", 2), ("done", 1), ("done", 1)]
