"""Whole-process benchmark: median wall time of repeated runs, as a ratio to a baseline
measured in the same go (these machines are noisy; absolute times mean little).

    python bench/run.py                   # 15 runs each after a warm-up
    python bench/run.py --runs 30
    python bench/run.py --like-for-like   # baselines with the garbage collector off too

Each command, its baseline and its peers run in turn, round after round, so the machine's
drift hits all alike. Prints one line per case: median, baseline median, ratio and the
target ratio, then the ratio to each peer answering the same question in the same go:
`python -c pass` (the interpreter alone), and with the `[bench]` extras the duckdb CLI
(PyPI package `duckdb-cli`) and sqlite-utils reading the CSV fenggong exports.

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
    #: Other programs answering the same question, by label (ratios only, no target).
    peers: dict[str, list[str]] | None = None


def tool(name: str) -> str | None:
    """A peer's executable, beside this interpreter (the bench extras) or on PATH."""
    import shutil

    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else shutil.which(name)


def peer_data(tmp: Path, env: dict[str, str]) -> tuple[Path, Path | None]:
    """The plan's tasks as the CSV `fenggong tasks` writes, and in SQLite (sqlite-utils)."""
    csv_path = tmp / "tasks.csv"
    with csv_path.open("wb") as out:
        subprocess.run([*FENGGONG, "tasks", "-f", "csv"], env=env, stdout=out, check=True)
    sqlite_utils = tool("sqlite-utils")
    if sqlite_utils is None:
        return csv_path, None
    db = tmp / "tasks.db"
    subprocess.run([sqlite_utils, "insert", str(db), "tasks", str(csv_path), "--csv"], check=True)
    return csv_path, db


def peers(csv_path: Path, db: Path | None, where: str, columns: str = "*") -> dict[str, list[str]]:
    """`python -c pass`, the duckdb CLI and sqlite-utils asking `where` of the same data."""
    out = {"python -c pass": [sys.executable, "-c", "pass"]}
    if (duckdb := tool("duckdb")) is not None:
        query = f"SELECT {columns} FROM read_csv('{csv_path}') WHERE {where}"
        out["duckdb CLI"] = [duckdb, "-csv", "-c", query]
    if (sqlite_utils := tool("sqlite-utils")) is not None and db is not None:
        out["sqlite-utils"] = [
            sqlite_utils, "query", str(db), f"SELECT {columns} FROM tasks WHERE {where}", "--csv",
        ]  # fmt: skip
    return out


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


def medians(commands: list[list[str]], runs: int, env: dict[str, str]) -> list[float]:
    """Median times of the commands, run in turn round after round so drift hits all."""
    for command in commands:
        timed(command, env)  # warm-up: file caches, the plan cache
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for command, kept in zip(commands, times, strict=True):
            kept.append(timed(command, env))
    return [statistics.median(kept) for kept in times]


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
        csv_path, db = peer_data(Path(tmp), env)
        lead = "牵头单位 LIKE '%县工信商务局%'"
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
                0.7,
                peers(csv_path, db, lead),
            ),
            Case(
                "show 57",
                [*FENGGONG, "show", "57"],
                plain,
                0.7,
                peers(csv_path, db, "序号 = 57"),
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
                0.7,
                peers(csv_path, db, "1 = 1 GROUP BY 牵头单位", "牵头单位, count(*)"),
            ),
            Case(
                "workload --by unit (table)",
                [*FENGGONG, "workload", "--by", "unit", "--format", "table"],
                with_rich,
                1.3,
            ),
            Case(
                "brief 工信 (md)",
                [*FENGGONG, "brief", "工信", "--format", "md"],
                plain,
                0.7,
                peers(
                    csv_path,
                    db,
                    "牵头单位 LIKE '%县工信商务局%' OR 相关责任单位 LIKE '%县工信商务局%'",
                ),
            ),
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
                0.75,
                {
                    f"{label} (-box)": ["pty", command[0], "-box", *command[2:]]
                    for label, command in peers(csv_path, db, lead).items()
                    if label == "duckdb CLI"
                },
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
            others = case.peers or {}
            mine, base, *theirs = medians(
                [case.command, case.baseline, *others.values()], runs, env
            )
            ratio = mine / base
            ok = ratio <= case.target
            failed += not ok
            print(
                f"{case.name:44} {mine * 1000:7.0f}ms {base * 1000:8.0f}ms {ratio:6.2f} {'≤':>2}{case.target:5.2f} {'' if ok else 'over target'}"
            )
            for label, time_taken in zip(others, theirs, strict=True):
                print(f"{'':4}vs {label:37} {time_taken * 1000:17.0f}ms {mine / time_taken:6.2f}")
        collector = "off, like fenggong" if args.like_for_like else "on, as plain programs"
        print(
            f"{runs} runs each after a warm-up; Python {sys.version.split()[0]}; "
            f"baselines' garbage collector {collector}"
        )
        sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
