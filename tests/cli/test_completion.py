"""Shell completion as each shell asks for it (its environment protocol, in a real process):
name fragments and pinyin initials complete, as the README promises."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import subprocess_env


def complete(shell: str, words: str) -> str:
    """What fenggong answers when `shell` asks it to complete the last word of `words`."""
    last = words.split()[-1] if not words.endswith(" ") else ""
    env = subprocess_env(_FENGGONG_COMPLETE=f"complete_{shell}")
    if shell == "bash":
        parts = words.split()
        env.update(COMP_WORDS=words, COMP_CWORD=str(len(parts) - (0 if words.endswith(" ") else 1)))
    else:
        env["_TYPER_COMPLETE_ARGS"] = words
        if shell == "fish":
            env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
        if shell == "powershell":
            env["_TYPER_COMPLETE_WORD_TO_COMPLETE"] = last
    proc = subprocess.run(
        [sys.executable, "-m", "fenggong"], env=env, capture_output=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.decode()


@pytest.mark.parametrize(
    ("words", "name"),
    [
        ("fenggong tasks --lead 工", "县工信商务局"),  # a fragment, not the start of the name
        ("fenggong tasks --lead gx", "县工信商务局"),  # pinyin initials, part of the name
        ("fenggong tasks --lead gxsw", "县工信商务局"),
        ("fenggong tasks --town tt", "天堂镇"),
        ("fenggong tasks --leader 耀", "李耀强"),
        ("fenggong brief 住建", "县住房城乡建设局"),
        ("fenggong overlap 发改 水", "县水务局"),
    ],
)
@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "powershell"])
def test_names_complete_in_every_shell(shell: str, words: str, name: str) -> None:
    answer = complete(shell, words)
    assert name in answer
    if shell == "zsh":  # added unfiltered: zsh would otherwise drop what does not start so
        assert answer.startswith("compadd -U -- ") or answer.startswith("_arguments")


def test_bash_gets_exactly_the_candidates() -> None:
    assert complete("bash", "fenggong tasks --lead gxsw").splitlines() == ["县工信商务局"]
    assert complete("bash", "fenggong tasks --town tt").splitlines() == ["天堂镇"]
