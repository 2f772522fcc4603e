"""Whole-process benchmark: median wall time of repeated runs, as a ratio to a baseline
measured in the same go (these machines are noisy; absolute times mean little).

    python bench/run.py                   # 15 runs each after a warm-up
    python bench/run.py --runs 30
    python bench/run.py --like-for-like   # baselines with the garbage collector off too

Each command and its baseline run alternately, so the machine's drift hits both alike.
Prints one line per case: median, baseline median, ratio and the target ratio.

fenggong's entry point switches Python's cyclic garbage collector off (see
`fenggong/__main__.py`); the baselines, as plain programs, keep it on. `--like-for-like`
switches it off in the baselines too, so the ratio shows fenggong's own code alone.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BASELINE = [sys.executable, str(HERE / "baseline_app.py")]
_SCRIPT = Path(sys.executable).with_name("fenggong")
#: The installed console script, as staff run it (python -m fenggong where there is none).
FENGGONG = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "fenggong"]


@dataclass(frozen=True)
class Case:
    name: str
    command: list[str]
    baseline: list[str]
    target: float


def scaled_dataset(path: Path, copies: int = 79) -> int:
    """The real plan repeated with new ids (127 x 79 = 10,033 tasks); returns the task count."""
    from fenggong.plan.document import dataset_document, dataset_toml
    from fenggong.plan.load import load_plan

    plan = load_plan(ROOT / "data" / "tasks.toml")
    document = dataset_document(plan)
    tasks = document["tasks"]
    assert isinstance(tasks, list)
    repeated = []
    for copy in range(copies):
        for task in tasks:
            repeated.append({**task, "id": copy * len(tasks) + task["id"]})
    document["tasks"] = repeated
    meta = document["plan"]
    assert isinstance(meta, dict)
    meta["declared_tasks"] = len(repeated)
    path.write_text(dataset_toml(document), encoding="utf-8")
    return len(repeated)


def timed(command: list[str], env: dict[str, str]) -> float:
    if command and command[0] == "pty":
        return timed_in_terminal(command[1:], env)
    start = time.perf_counter()
    subprocess.run(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
    )
    return time.perf_counter() - start


def timed_in_terminal(command: list[str], env: dict[str, str], columns: int = 120) -> float:
    """Wall time of a command writing to a pseudo-terminal, as a user at a terminal runs it."""
    import fcntl
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    terminal_env = {k: v for k, v in env.items() if k not in ("COLUMNS", "LINES")}
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=follower, stderr=subprocess.DEVNULL, env=terminal_env)
    os.close(follower)
    while True:
        try:
            if not os.read(leader, 65536):
                break
        except OSError:  # the program ended and closed the terminal
            break
    proc.wait()
    elapsed = time.perf_counter() - start
    os.close(leader)
    return elapsed


def medians(
    command: list[str], baseline: list[str], runs: int, env: dict[str, str]
) -> tuple[float, float]:
    """Median times of the command and its baseline, run alternately so drift hits both."""
    timed(command, env)  # warm-up: file caches, the plan cache
    timed(baseline, env)
    mine, base = [], []
    for _ in range(runs):
        mine.append(timed(command, env))
        base.append(timed(baseline, env))
    return statistics.median(mine), statistics.median(base)


def compile_package() -> None:
    """Byte-compile fenggong as pip does on install (PYTHONDONTWRITEBYTECODE may be set)."""
    import fenggong

    compileall.compile_dir(Path(fenggong.__file__).parent, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--runs", type=int, default=15, help="runs per command (default 15, at least 10)"
    )
    parser.add_argument(
        "--like-for-like",
        action="store_true",
        help="baselines switch the garbage collector off too, as fenggong does",
    )
    args = parser.parse_args()
    runs = max(10, args.runs)
    gc_off = ["--gc-off"] if args.like_for_like else []
    gc_off_code = "import gc; gc.disable(); " if args.like_for_like else ""
    env = {**os.environ, "COLUMNS": "120", "PYTHONIOENCODING": "utf-8"}
    env.pop("FENGGONG_DATA", None)
    compile_package()
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.toml"
        count = scaled_dataset(big)
        parse_only = [
            sys.executable,
            "-c",
            f"{gc_off_code}import tomllib; tomllib.loads(open({str(big)!r}, encoding='utf-8').read())",
        ]
        tomllib.loads(big.read_text(encoding="utf-8"))  # fail early if the generated file is broken
        plain = [*BASELINE, *gc_off]
        with_rich = [*plain, "--with-rich-table"]
        cases = [
            Case(
                "tasks --lead 工信 --format csv",
                [*FENGGONG, "tasks", "--lead", "工信", "--format", "csv"],
                plain,
                1.3,
            ),
            Case(
                "tasks --lead 工信 --format json",
                [*FENGGONG, "tasks", "--lead", "工信", "--format", "json"],
                plain,
                1.3,
            ),
            Case(
                "tasks --lead 工信 --format table",
                [*FENGGONG, "tasks", "--lead", "工信", "--format", "table"],
                with_rich,
                1.3,
            ),
            Case(
                "workload --by unit (csv)",
                [*FENGGONG, "workload", "--by", "unit", "--format", "csv"],
                plain,
                1.3,
            ),
            Case(
                "workload --by unit (table)",
                [*FENGGONG, "workload", "--by", "unit", "--format", "table"],
                with_rich,
                1.3,
            ),
            Case("brief 工信 (md)", [*FENGGONG, "brief", "工信", "--format", "md"], plain, 1.3),
            Case(
                "brief 工信 (table)",
                [*FENGGONG, "brief", "工信", "--format", "table"],
                with_rich,
                1.3,
            ),
            Case(
                "tasks --lead 工信 in a terminal",
                ["pty", *FENGGONG, "tasks", "--lead", "工信"],
                ["pty", *plain, "--print-rich-table"],
                1.3,
            ),
            Case(
                f"{count} tasks: tasks --lead 工信 --format csv",
                [*FENGGONG, "tasks", "--lead", "工信", "--format", "csv", "--data", str(big)],
                parse_only,
                1.5,
            ),
            Case(
                f"{count} tasks, cache off (first run)",
                [
                    "env",
                    "FENGGONG_NO_CACHE=1",
                    *FENGGONG,
                    "tasks",
                    "--lead",
                    "工信",
                    "--format",
                    "csv",
                    "--data",
                    str(big),
                ],
                parse_only,
                1.5,
            ),
        ]
        print(f"{'case':44} {'median':>8} {'baseline':>9} {'ratio':>6} {'target':>7}")
        failed = 0
        for case in cases:
            mine, base = medians(case.command, case.baseline, runs, env)
            ratio = mine / base
            ok = ratio <= case.target
            failed += not ok
            print(
                f"{case.name:44} {mine * 1000:7.0f}ms {base * 1000:8.0f}ms {ratio:6.2f} {'≤':>2}{case.target:4.1f} {'' if ok else 'over target'}"
            )
        collector = "off, like fenggong" if args.like_for_like else "on, as plain programs"
        print(
            f"{runs} runs each after a warm-up; Python {sys.version.split()[0]}; "
            f"baselines' garbage collector {collector}"
        )
        sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
