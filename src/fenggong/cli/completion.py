"""Shell completion of names by any part of a spelling or by pinyin initials (工 or gxsw →
县工信商务局, tt → 天堂镇), so no Chinese input method is needed, in bash, zsh, fish and
PowerShell.

Typer keeps only candidates that start with the typed text, which defeats both; so after
Typer builds the command, the name parameters get a completer of their own, and zsh (which
filters by prefix too) is told to add them unfiltered (`compadd -U`).
"""

from collections.abc import Callable
from typing import Any

from typer import _click as click  # Typer 0.28 vendors Click; see cli/app.py
from typer._completion_classes import ZshComplete

from fenggong.errors import FenggongError

#: The parameters that take names, and the registry they complete from.
NAMED = {
    "leader": "leader",
    "lead": "unit",
    "unit": "unit",
    "town": "town",
    "name": "brief",
    "names": "party",
}


def install(command: Any) -> None:
    """Give every name parameter of the command (and its subcommands) our completer."""
    commands = getattr(command, "commands", {}) or {}
    for sub in (command, *commands.values()):
        for param in sub.params:
            if param.name in NAMED:
                param._custom_shell_complete = _completer(NAMED[param.name])
    click.shell_completion.add_completion_class(_Zsh, "zsh")


def candidates(kind: str, incomplete: str) -> list[str]:
    """The names a fragment or pinyin initials could mean."""
    from fenggong.plan.load import load_plan
    from fenggong.queries.resolve import (
        EntityKind,
        brief_entities,
        entities,
        party_entities,
        spells_initials,
    )
    from fenggong.textnorm import fold

    try:
        plan = load_plan()
    except FenggongError:
        return []
    if kind == "brief":
        pool = brief_entities(plan)
    elif kind == "party":
        pool = party_entities(plan)
    else:
        pool = entities(plan, EntityKind(kind))
    wanted = fold(incomplete)
    return [
        e.name
        for e in pool
        if any(wanted in fold(s) for s in (e.name, *e.aliases))
        or spells_initials(wanted, e, plan.letters, whole=False)
    ]


def _completer(kind: str) -> Callable[..., list[Any]]:
    def complete(ctx: Any, param: Any, incomplete: str) -> list[Any]:
        return [
            click.shell_completion.CompletionItem(name) for name in candidates(kind, incomplete)
        ]

    return complete


class _Zsh(ZshComplete):
    """zsh: add the names without matching them against the typed text (it is a fragment)."""

    def complete(self) -> str:
        args, incomplete = self.get_completion_args()
        items = self.get_completions(args, incomplete)
        if items and not all(i.value.startswith(incomplete) for i in items):
            quoted = " ".join("'" + i.value.replace("'", "'\\''") + "'" for i in items)
            return f"compadd -U -- {quoted}"
        return str(super().complete())
