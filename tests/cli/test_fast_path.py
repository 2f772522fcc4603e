"""The fast path (`cli.fast`) answers exactly as Typer does: random command lines built
from the spec (real option names, real and junk values, in any order) give the same
stdout, stderr and exit code through both; and the everyday ones never import Typer.

FENGGONG_HYPOTHESIS_EXAMPLES=600 runs a longer search than CI does.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from fenggong.cli import fast
from fenggong.cli.app import main
from tests.conftest import DATA, subprocess_env

#: Values as staff type them, and values Click or fenggong refuse.
VALUES = [
    "工信", "住建", "天堂", "新城", "李耀强", "4", "3.2", "污水", "稳增长", "county", "unit",
    "leader", "town", "named", "all_towns", "csv", "json", "md", "tsv", "jsonl", "table",
    "keys", "cn", "id,text", "序号,任务", "0", "1", "5", "-1", "abc", "", " ", "１", "1_0",
    "57", "58-60", "2023-07-01", "滞后", "红", "-x", "--", "CSV", "没有这个单位",
]  # fmt: skip
JUNK = ["--bogus", "-h", "--help", "--", "-", "-fcsv", "--format=csv", "--force=1", "-zz", "57"]
#: Formats whose bytes carry the time they were written.
BINARY = {"xlsx", "docx"}
#: Options that write files or read other ones: both paths would touch the same file.
FILES = {"--output", "-o", "--data", "--log"}


def _spec() -> dict[str, Any]:
    spec = fast.load_spec()
    assert spec is not None
    return spec


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    spec = _spec()
    name = draw(st.sampled_from(sorted(spec)))
    params = spec[name][1]
    words: list[list[str]] = []
    chosen = draw(st.permutations([*params, *params]))[: draw(st.integers(0, 4))]
    for p in chosen:
        if not p[1]:  # an argument
            words.append([draw(st.sampled_from(VALUES))])
            continue
        opts = [o for o in (*p[1], *p[2]) if o not in FILES]
        if not opts:
            continue
        opt = draw(st.sampled_from(opts))
        if p[3]:
            words.append([opt])
            continue
        choices = [c for c in (p[6][1] if p[6] and p[6][0] == "choice" else ()) if c not in BINARY]
        value = draw(st.sampled_from(choices + VALUES))
        style = draw(st.sampled_from(["apart", "joined"]))
        if style == "joined" and opt.startswith("--"):
            words.append([f"{opt}={value}"])
        elif style == "joined":
            words.append([opt + value])
        else:
            words.append([opt, value])
    if draw(st.integers(0, 3)) == 0:
        words.append([draw(st.sampled_from(JUNK + VALUES))])
    order = draw(st.permutations(words))
    return [name, *(w for group in order for w in group)]


class _Stream(io.TextIOWrapper):
    def __init__(self) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8", newline="")

    def text(self) -> str:
        self.flush()
        buffer = self.buffer
        assert isinstance(buffer, io.BytesIO)
        return buffer.getvalue().decode()


def _through(path: str, argv: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[Any, ...]:
    """(answered by the fast path, exit code, stdout, stderr) of one run in-process."""
    out, err = _Stream(), _Stream()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    answered, code = False, 0
    try:
        if path == "fast":
            try:
                fast.answer(argv)
            except SystemExit:
                answered = True
                raise
        main(argv)
    except SystemExit as stop:
        code = stop.code
    finally:
        monkeypatch.undo()
    return answered, code, out.text(), err.text()


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # A progress store of its own: `status` creates one, for the real plan.
    monkeypatch.setenv("FENGGONG_LOG", str(tmp_path / "进展.sqlite"))
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("FENGGONG_DATA", str(DATA))


ANSWERED: list[tuple[bool, object]] = []


@settings(
    max_examples=int(os.environ.get("FENGGONG_HYPOTHESIS_EXAMPLES", "150")),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(argv=command_lines())
@example(argv=["tasks", "-c", "4", "--lead", "住建"])
@example(argv=["workload", "--category=稳增长", "--by", "leader", "-f", "csv"])
def test_both_paths_give_the_same_answer(environment: None, argv: list[str]) -> None:
    with pytest.MonkeyPatch.context() as patch:
        answered, *fast_result = _through("fast", argv, patch)
    with pytest.MonkeyPatch.context() as patch:
        _, *typer_result = _through("typer", argv, patch)
    ANSWERED.append((answered, fast_result[0]))
    assert fast_result == typer_result, argv


def test_the_search_mostly_went_the_fast_way() -> None:
    """The property above means little if the fast path answered none of it."""
    if not ANSWERED:
        pytest.skip("runs after test_both_paths_give_the_same_answer")
    assert sum(answered for answered, _ in ANSWERED) >= len(ANSWERED) // 3
    assert sum(code == 0 for _, code in ANSWERED) >= len(ANSWERED) // 4


@pytest.mark.parametrize(
    "argv",
    [
        ["tasks", "--lead", "工信", "-f", "csv"],
        ["tasks", "-u", "住建", "--town=新城", "--format", "json", "--bom"],
        ["show", "57"],
        ["show", "57", "58", "-f", "md"],
        ["brief", "工信", "-f", "md"],
        ["workload", "--by", "unit", "-f", "csv"],
        ["overlap", "工信", "住建"],
        ["status", "-f", "csv"],
        ["units", "--kind", "party"],
        ["leaders"],
        ["towns"],
        ["sections"],
    ],
)
def test_the_everyday_command_lines_go_the_fast_way(
    environment: None, argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        answered, *result = _through("fast", argv, patch)
    assert answered
    with pytest.MonkeyPatch.context() as patch:
        assert _through("typer", argv, patch)[1:] == tuple(result)


@pytest.mark.parametrize(
    "argv",
    [
        ["tasks", "--help"],
        ["tasks", "--lead"],
        ["tasks", "--limit", "0"],
        ["tasks", "-f", "xml"],
        ["show"],
        ["brief", "工信", "住建"],
        ["import", "x.txt"],
        ["--version"],
        ["tasks", "--", "x"],
    ],
)
def test_anything_unusual_goes_to_typer_with_nothing_written(
    environment: None, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    fast.answer(argv)  # returns: did not answer
    assert capsys.readouterr() == ("", "")


#: What the everyday path must not load: Typer, `inspect` (the commands' signatures are
#: Typer's business), the Chinese Click frame, and progress modules for a plan without a store.
_HEAVY = (
    "typer",
    "inspect",
    "fenggong.cli.language",
    "fenggong.progress.supervision",
    "fenggong.progress.dates",
    "fenggong.present.answers.progress",
)


@pytest.mark.parametrize(
    ("argv", "first"),
    [
        (["tasks", "--lead", "工信", "-f", "csv"], "序号,大类,"),
        (["show", "57"], "| 序号 | 大类 |"),
        (["brief", "工信", "-f", "md"], "## 县工信商务局（单位）工作简报"),
        (["workload", "--by", "unit", "-f", "csv"], "单位,类别,牵头,"),
    ],
)
def test_the_everyday_path_never_imports_typer(argv: list[str], first: str, tmp_path: Path) -> None:
    code = (
        "import sys; heavy = sys.argv[1].split(','); from fenggong.__main__ import run; "
        "import os; os._exit = lambda c: (print(*[m for m in heavy if m in sys.modules], "
        "sep=',', file=sys.stderr), "
        "sys.stderr.flush(), os.abort() if c else None, sys.exit(c)); "
        f"sys.argv = ['fenggong', *{argv!r}]; run()"
    )
    env = subprocess_env(FENGGONG_LOG=str(tmp_path / "no-store.sqlite"))
    for _ in range(2):  # the first run may compile the spec (with Typer)
        proc = subprocess.run(
            [sys.executable, "-c", code, ",".join(_HEAVY)],
            env=env,
            capture_output=True,
            timeout=60,
            check=False,
        )
    assert proc.returncode == 0
    assert proc.stderr.decode().splitlines()[-1] == ""
    assert proc.stdout.decode().startswith(first)


def test_a_damaged_spec_is_compiled_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FENGGONG_CACHE_DIR", str(tmp_path))
    spec = fast.load_spec()
    (kept,) = tmp_path.glob("spec-*")
    for damage in (b"", kept.read_bytes()[:-1] + b"\x00", b"FGSPEC01" + b"\x00" * 40):
        kept.write_bytes(damage)
        assert fast.load_spec() == spec
    assert [p.name for p in tmp_path.iterdir()] == [kept.name]


def test_no_spec_without_a_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FENGGONG_NO_CACHE", "1")
    assert fast.load_spec() is None
    fast.answer(["tasks", "--lead", "工信"])  # returns: Typer answers
