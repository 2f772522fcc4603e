"""The README's terminal transcripts (`$ fenggong …` and the lines under it) are what
fenggong prints as a terminal shows it (stderr's notes, stdout, the closing error line), line for
line, "…" standing for lines left out. No transcript is skipped: what one assumes (the
data file named by a relative path, an edited copy of it) is made here."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT, Runner

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


def _edited_copy(folder: Path) -> None:
    """改过的.toml as the README's check transcript has it: task 57's lead unit written by
    its alias 县住建局, and the last task deleted."""
    lines = (ROOT / "data" / "tasks.toml").read_text(encoding="utf-8").split("\n")
    at = lines.index("id = 57")
    lead = lines.index('    "县住房城乡建设局",', at)
    lines[lead] = '    "县住建局",'
    last = max(i for i, line in enumerate(lines) if line == "[[tasks]]")
    end = next(i for i in range(last + 1, len(lines)) if lines[i].startswith("["))
    del lines[last:end]
    (folder / "改过的.toml").write_text("\n".join(lines), encoding="utf-8")


def test_the_readme_has_transcripts() -> None:
    assert len(TRANSCRIPTS) >= 4


@pytest.mark.parametrize(("command", "shown"), TRANSCRIPTS, ids=[c for c, _ in TRANSCRIPTS])
def test_a_readme_transcript_is_what_fenggong_prints(
    run: Runner, command: str, shown: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    data: Path | None = DATA
    if command == "fenggong check":  # the shipped data, named as the README names it
        monkeypatch.chdir(ROOT)
        data = Path("data/tasks.toml")
    elif "改过的.toml" in command:  # the README's edited copy, made here
        monkeypatch.chdir(tmp_path)
        _edited_copy(tmp_path)
    result = run(*shlex.split(command)[1:], data=data)
    # As a terminal shows them: stderr's notes, stdout, then the closing error line.
    notes = result.err.splitlines()
    closing = [line for line in notes if line.startswith("fenggong: ")]
    printed = [n for n in notes if n not in closing] + result.out.splitlines() + closing
    at = 0
    for line in shown:
        if line == "…":
            continue
        assert line in printed[at:], f"{command}: 「{line}」 not printed (after line {at})"
        at = printed.index(line, at) + 1
    if shown and shown[-1] != "…":
        assert at == len(printed), f"{command}: more printed than shown"
