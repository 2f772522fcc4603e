"""A plan of 100,000 tasks (a city's plans over several years, or a province's), measured
side by side with sqlite-utils answering the same question from the same data.

    python -m pip install ".[bench]"      # sqlite-utils, the baseline
    python bench/large_plan.py            # 7 runs each, alternating
    python bench/large_plan.py --runs 11

The plan is the 2023 plan repeated with new ids (127 x 788 = 100,076 tasks, 41 MB of
TOML). sqlite-utils loads the CSV that `fenggong export` writes into a database once;
then each run asks both for the tasks 县工信商务局 leads, as CSV:

- warm: `fenggong tasks --lead 工信`, `workload --by unit` and `brief 工信` with the cache
  against `sqlite-utils query` asking the same (target ≤ 1.5x), all in the same rounds,
  and the peak memory of each fenggong run (target ≤ 150 MB);
- cold: the same with the cache off (`FENGGONG_NO_CACHE=1`: parse and validate every time)
  against the bare parse of the file with `tomllib` (target ≤ 1.2x).

Every time is a whole process's wall time; the ratio matters, not the milliseconds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import FENGGONG, compile_package  # noqa: E402


def measured(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time (s) and peak resident memory (MB) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {proc.stderr.read().decode()}")  # type: ignore[union-attr]
    per_mb = 1024 * 1024 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes or KB
    return elapsed, usage.ru_maxrss / per_mb


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7, help="runs per command (default 7)")
    args = parser.parse_args()
    runs = max(3, args.runs)
    sqlite_utils = shutil.which("sqlite-utils") or str(
        Path(sys.executable).with_name("sqlite-utils")
    )
    if not Path(sqlite_utils).exists():
        raise SystemExit('需要 sqlite-utils 作对照：python -m pip install ".[bench]"')
    compile_package()
    with tempfile.TemporaryDirectory() as tmp:
        big, csv, db = Path(tmp) / "big.toml", Path(tmp) / "big.csv", Path(tmp) / "big.db"
        # In a process of its own: a child forked from a parent holding the plan would count
        # the parent's memory in its peak.
        made = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
                "from run import scaled_dataset; print(scaled_dataset(Path(sys.argv[2]), 788))",
                str(HERE),
                str(big),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        count = int(made.stdout)
        env = {
            **os.environ,
            "PYTHONIOENCODING": "utf-8",
            "FENGGONG_CACHE_DIR": str(Path(tmp) / "cache"),
        }
        env.pop("FENGGONG_NO_CACHE", None)
        subprocess.run(
            [*FENGGONG, "export", "-f", "csv", "--data", str(big), "-o", str(csv)],
            env=env,
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [sqlite_utils, "insert", str(db), "tasks", str(csv), "--csv"], env=env, check=True
        )
        query = [*FENGGONG, "tasks", "--lead", "工信", "--format", "csv", "--data", str(big)]

        def sql(question: str) -> list[str]:
            return [sqlite_utils, "query", str(db), question, "--csv"]

        baseline = sql("select * from tasks where 牵头单位 like '%县工信商务局%'")
        warm_cases = [
            ("warm tasks --lead 工信 / sqlite-utils query", query, baseline),
            (
                "warm workload --by unit / sqlite-utils",
                [*FENGGONG, "workload", "--by", "unit", "-f", "csv", "--data", str(big)],
                sql("select 牵头单位, count(*) from tasks group by 牵头单位"),
            ),
            (
                "warm brief 工信 (md) / sqlite-utils",
                [*FENGGONG, "brief", "工信", "-f", "md", "--data", str(big)],
                sql(
                    "select * from tasks where 牵头单位 like '%县工信商务局%'"
                    " or 相关责任单位 like '%县工信商务局%'"
                ),
            ),
        ]
        parse = [
            sys.executable,
            "-c",
            f"import tomllib; tomllib.loads(open({str(big)!r}, encoding='utf-8').read())",
        ]
        cold_env = {**env, "FENGGONG_NO_CACHE": "1"}
        for _, command, other in warm_cases:  # the first fills the cache
            measured(command, env)
            measured(other, env)
        warm: list[list[float]] = [[] for _ in warm_cases]
        base: list[list[float]] = [[] for _ in warm_cases]
        memories: list[list[float]] = [[] for _ in warm_cases]
        for _ in range(runs):
            for n, (_, command, other) in enumerate(warm_cases):
                seconds, memory = measured(command, env)
                warm[n].append(seconds)
                memories[n].append(memory)
                base[n].append(measured(other, env)[0])
        cold, cold_memory, parsed = [], [], []
        for _ in range(max(3, runs // 2)):
            seconds, memory = measured(query, cold_env)
            cold.append(seconds)
            cold_memory.append(memory)
            parsed.append(measured(parse, env)[0])
    rows = [
        *((name, warm[n], base[n], 1.5) for n, (name, _, _) in enumerate(warm_cases)),
        ("cold (cache off) / tomllib parse", cold, parsed, 1.2),
    ]
    print(f"{count} tasks")
    print(f"{'case':44} {'median':>8} {'baseline':>9} {'ratio':>6} {'target':>7}")
    for name, mine, theirs, target in rows:
        a, b = statistics.median(mine), statistics.median(theirs)
        note = "" if a / b <= target else "over target"
        print(f"{name:44} {a * 1000:7.0f}ms {b * 1000:8.0f}ms {a / b:6.2f}  ≤{target:4.1f} {note}")
    peaks = "、".join(
        f"{name.split(' / ')[0].removeprefix('warm ')} {max(memories[n]):.0f} MB"
        for n, (name, _, _) in enumerate(warm_cases)
    )
    print(f"peak memory, warm: {peaks} (target ≤ 150); cold: {max(cold_memory):.0f} MB")


if __name__ == "__main__":
    main()
