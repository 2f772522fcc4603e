"""Shared fixtures: the real dataset, the tiny fixture plan, and a CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from fenggong.cli.app import main
from fenggong.plan.load import load_plan
from fenggong.plan.model import Plan

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
DATA = ROOT / "data" / "tasks.toml"
SOURCE = ROOT / "data" / "source" / "xinxing-2023-key-tasks.txt"
MINI = Path(__file__).resolve().parent / "fixtures" / "mini.toml"
#: The project's shared reference folder (real plans), beside the repository in a checkout
#: and in CI; FENGGONG_SHARED points elsewhere.
SHARED = Path(os.environ.get("FENGGONG_SHARED") or ROOT.parent / "shared")
# CI (`.ci/run` sets CI=1) runs the property tests on the same examples every time: a
# failure there is reproducible, and a run never fails by luck.
settings.register_profile("ci", derandomize=True, database=None)
settings.load_profile("ci" if os.environ.get("CI") else "default")

#: The day every test runs on (processes included): after all the plans' deadlines.
TODAY = "2025-03-03"

#: Set by `.ci/run`: a test marked `shared` fails, instead of skipping, without the plans.
REQUIRE_SHARED = "FENGGONG_REQUIRE_SHARED"


def pytest_runtest_setup(item: pytest.Item) -> None:
    """A test of the real plans (marked `shared`) skips with a reason on a plain clone, and
    fails where CI asks for the plans, so they are never skipped silently there."""
    if item.get_closest_marker("shared") is None or (SHARED / "plans").is_dir():
        return
    reason = f"需要真实方案 {SHARED / 'plans'}（仓库旁的 ../shared，或 FENGGONG_SHARED）"
    if os.environ.get(REQUIRE_SHARED):
        pytest.fail(f"{reason}；{REQUIRE_SHARED} 要求运行这些测试", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the plan cache of the whole run in a temporary folder, not the user's home."""
    os.environ["FENGGONG_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    # …and the progress store too (by default it would sit beside data/tasks.toml).
    # No test reads the real clock: "today" is a fixed day after every deadline in the data.
    os.environ["FENGGONG_TODAY"] = TODAY
    os.environ["FENGGONG_LOG"] = str(tmp_path_factory.mktemp("progress") / "进展.sqlite")


@pytest.fixture(autouse=True)
def _no_process_exit(monkeypatch: pytest.MonkeyPatch) -> None:
    """`fenggong.__main__.run` ends its process with `os._exit`: called in-process it would
    end the whole test run, silently and with 0. A test that means to call it patches this."""

    def refuse(code: int) -> None:
        raise AssertionError(f"os._exit({code}) in the test process; patch os._exit first")

    monkeypatch.setattr(os, "_exit", refuse)


@pytest.fixture(scope="session")
def plan() -> Plan:
    """The curated 2023 plan."""
    return load_plan(DATA)


@pytest.fixture(scope="session")
def mini() -> Plan:
    """The tiny fixture plan."""
    return load_plan(MINI)


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


Runner = Callable[..., Result]


@pytest.fixture
def run(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Runner:
    """Run the CLI in-process on the real data (or `data=`), returning code, stdout, stderr."""
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("FENGGONG_LOG", str(tmp_path / "进展.sqlite"))
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("FENGGONG_DATA", raising=False)

    def invoke(*args: str, data: Path | None = DATA) -> Result:
        argv = list(args)
        if data is not None:
            monkeypatch.setenv("FENGGONG_DATA", str(data))
        code = 0
        try:
            main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


@pytest.fixture
def run_mini(run: Runner) -> Runner:
    """Like `run`, on the fixture plan."""

    def invoke(*args: str) -> Result:
        return run(*args, data=MINI)

    return invoke


def subprocess_env(**extra: str) -> dict[str, str]:
    """An environment for running fenggong as a real process: the working tree's `src/`
    first on the path, so a process runs the code under test, not an installed copy."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONUNBUFFERED", "NO_COLOR")}
    path = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH")) if p)
    env.update(
        {"FENGGONG_DATA": str(DATA), "PYTHONIOENCODING": "utf-8", "PYTHONPATH": path, **extra}
    )
    return env


def run_process(
    args: list[str], env: dict[str, str] | None = None, **kwargs: object
) -> subprocess.CompletedProcess[bytes]:
    """fenggong as a separate process (python -m fenggong)."""
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "fenggong", *args],
        env=env or subprocess_env(),
        capture_output=True,
        timeout=60,
        check=False,
        **kwargs,
    )


@pytest.fixture
def tmp_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test inside its own temporary directory."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
