"""Tables as users see them: the real program in a pseudo-terminal of 40, 60, 80 and 200
columns. Nothing is cropped or lost at any width."""

from __future__ import annotations

import fcntl
import itertools
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
from fenggong.present.answers.tasks import LEAD_UNITS
from tests.conftest import Runner, subprocess_env

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def in_terminal(args: list[str], columns: int) -> str:
    """What fenggong prints on a terminal `columns` wide (colours stripped); the progress
    store is the one FENGGONG_LOG names (the `run` fixture's)."""
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


#: Three months of reports on the real plan: (task, unit, period, status). Task 2 has three
#: lead units (two of them behind: a reason naming each), 3 a deadline set and passed,
#: 5 未启动, 7 finished; everything else never reported (连续两期滞后或未报送).
MONTHS = [
    *(
        row
        for period in ("2023-04", "2023-05", "2023-06")
        for row in (
            (2, "工信", period, "滞后"),
            (2, "农业农村", period, "序时推进"),
            (3, "工信", period, "序时推进"),
            (5, "工信", period, "未启动"),
            (24, "文广旅体", period, "滞后"),
        )
    ),
    (7, "工信", "2023-05", "已完成"),
]
DATE = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")


def _cut_in_two(lines: list[str], words: set[str]) -> list[str]:
    """Names and dates broken across two lines of one column: a piece of text ends a line
    and the text under it, in the same column, goes on with the rest (or a line of text
    outside the table goes on at the start of the next)."""
    found = []
    for above, below in itertools.pairwise(lines):
        under = {cell_len(below[: m.start()]): m.group() for m in re.finditer(r"\S+", below)}
        pieces = [(cell_len(above[: m.start()]), m.group()) for m in re.finditer(r"\S+", above)]
        for start, piece in pieces:
            rest = under.get(0 if (start, piece) == pieces[-1] and 0 in under else start)
            if rest is None:
                continue
            seam = piece[-12:] + rest[:12]
            at = len(piece[-12:])
            for word in [*words, *(d.group() for d in DATE.finditer(seam))]:
                where = seam.find(word)
                if 0 <= where < at < where + len(word):
                    found.append(f"{piece} / {rest}")
    return found


@pytest.mark.parametrize("columns", [40, 60, 80, 200])
@pytest.mark.parametrize(
    "args",
    [["status", "--by", "task", "--period", "2023-06"], ["notice", "--period", "2023-06"]],
)
def test_lights_keep_names_and_dates_whole(
    run: Runner, plan: Plan, args: list[str], columns: int
) -> None:
    for task, unit, period, status in MONTHS:
        args_ = ("progress", str(task), "--unit", unit, "--period", period, "--status", status)
        recorded = run(*args_, "-m", "推进中")
        assert recorded.code == 0, recorded.err
    assert run("deadline", "3", "2023-06-30").code == 0
    out = in_terminal([*args, "--as-of", "2023-07-05", "--format", "table"], columns)
    lines = out.splitlines()
    assert all(cell_len(line) <= columns for line in lines), max(lines, key=cell_len)
    # Every name a column can hold: at 80 columns the lead units' is at its widest (16).
    widest = LEAD_UNITS.max_width if columns == 80 else 20
    names = {u.name for u in plan.units if cell_len(u.name) <= widest}
    names |= {x.name for x in plan.leaders}
    assert _cut_in_two(lines, names) == []
    # The reasons name the units behind (each on one line), and the day a deadline passed.
    for whole in ("县工信商务局：", "县文广旅体局：", "2023-06-30）"):
        assert any(whole in line for line in lines), whole
    # At 80 columns 落后单位 (the reasons name them) gives way, saying so, before names are
    # cut; wider it fits, narrower every field has a line of its own.
    note = "终端较窄，未显示“落后单位”列；加宽终端或写入文件（-o）可看到"
    assert (note in out) == (columns == 80)
