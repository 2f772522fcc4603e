"""The README's terminal transcripts (`$ fenggong …` and the lines under it) are what
fenggong prints: stderr then stdout, line for line, "…" standing for lines left out."""

from __future__ import annotations

import re
import shlex

import pytest

from tests.conftest import ROOT, Runner

README = (ROOT / "README.md").read_text(encoding="utf-8")
_BLOCK = re.compile(r"```\n(\$ fenggong .*?)```", re.DOTALL)


def _transcripts() -> list[tuple[str, list[str]]]:
    found = []
    for block in _BLOCK.findall(README):
        for part in re.split(r"^(?=\$ )", block, flags=re.MULTILINE):
            command, *shown = part.rstrip("\n").split("\n")
            found.append((command.removeprefix("$ "), shown))
    return found


TRANSCRIPTS = _transcripts()
#: Transcripts that need what the README assumes around them: the data file named by a
#: path relative to the checkout, an edited copy of it.
_SET_UP = {
    "fenggong check": "data/tasks.toml as a relative path",
    "fenggong check 改过的.toml": "an edited copy",
}


def test_the_readme_has_transcripts() -> None:
    assert len(TRANSCRIPTS) >= 4


@pytest.mark.parametrize(("command", "shown"), TRANSCRIPTS, ids=[c for c, _ in TRANSCRIPTS])
def test_a_readme_transcript_is_what_fenggong_prints(
    run: Runner, command: str, shown: list[str]
) -> None:
    if command in _SET_UP:
        pytest.skip(f"needs {_SET_UP[command]}")
    result = run(*shlex.split(command)[1:])
    printed = (result.err + result.out).splitlines()
    at = 0
    for line in shown:
        if line == "…":
            continue
        assert line in printed[at:], f"{command}: 「{line}」 not printed (after line {at})"
        at = printed.index(line, at) + 1
    if shown and shown[-1] != "…":
        assert at == len(printed), f"{command}: more printed than shown"
