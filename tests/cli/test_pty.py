"""Tables as users see them: the real program in a pseudo-terminal of 40, 60, 80 and 200
columns. Nothing is cropped or lost at any width."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios

import pytest
from rich.cells import cell_len

from fenggong.plan.model import Plan
from tests.conftest import subprocess_env

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def in_terminal(args: list[str], columns: int) -> str:
    """What fenggong prints on a terminal `columns` wide (colours stripped)."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {k: v for k, v in subprocess_env().items() if k not in ("COLUMNS", "LINES", "TERM")}
    env["TERM"] = "xterm-256color"
    proc = subprocess.Popen(
        [sys.executable, "-m", "fenggong", *args],
        stdout=follower,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the program ended and closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=60)
    os.close(leader)
    return ANSI.sub("", b"".join(chunks).decode().replace("\r\n", "\n"))


@pytest.mark.parametrize("columns", [40, 60, 80, 200])
def test_the_task_table_loses_nothing_at_any_width(plan: Plan, columns: int) -> None:
    out = in_terminal(["tasks", "--lead", "工信", "--format", "table"], columns)
    lines = out.splitlines()
    assert all(cell_len(line) <= columns for line in lines), max(lines, key=cell_len)
    flat = re.sub(r"\s+", "", out)
    led = [t for t in plan.tasks if "县工信商务局" in t.lead_units]
    for task in led:
        if columns >= 80:  # a table: the text is broken inside its column, beside others
            assert task.text[:6] in flat
        else:  # one field a line: every text whole, in order
            assert re.sub(r"\s+", "", task.text) in flat
    assert "共 12 项" in out
    if columns >= 80:  # the codes give way first (saying so), so that no name is cut
        assert ("未显示“大项编号”列" in out) == (columns == 80)
    for task in led:  # at every width no name is cut in two
        for name in (*task.lead_units, *task.related_units):
            assert any(name in line for line in lines), name


@pytest.mark.parametrize("columns", [40, 60, 80, 200])
@pytest.mark.parametrize("args", [["brief", "住建"], ["workload"], ["show", "57"], ["overview"]])
def test_every_table_fits_its_terminal(args: list[str], columns: int) -> None:
    out = in_terminal([*args, "--format", "table"], columns)
    assert out.strip()
    assert all(cell_len(line) <= columns for line in out.splitlines())


@pytest.mark.parametrize("columns", [40, 60, 80, 200])
@pytest.mark.parametrize("name", ["住建", "天堂", "李耀强"])
def test_a_brief_opens_with_a_summary_whose_names_stay_whole(
    plan: Plan, name: str, columns: int
) -> None:
    out = in_terminal(["brief", name, "--format", "table"], columns)
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("摘要（括号内为任务数）"))
    assert start <= 5  # after the heading and the line of counts
    summary = lines[start : lines.index("", start)]
    assert len(summary) <= 24  # one screen
    units = {u.name for u in plan.units}
    shown = [w for line in summary for w in re.findall(r"[^\s、]+?（\d+）", line)]
    assert len(shown) >= 8
    assert all(line.count("（") == line.count("）") for line in summary), summary
    for entry in shown:  # every name with its count on one line, and a real name
        assert entry.split("（")[0].split(" ")[-1] in units | {x.name for x in plan.leaders} | {
            t.name for t in plan.towns
        }, entry
