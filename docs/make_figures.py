"""Regenerate the README's pictures from the tool itself (Rich's SVG export).

python docs/make_figures.py
"""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

from rich.console import Console

import fenggong.cli.app as cli
import fenggong.present.render.terminal.screen as terminal

OUT = Path(__file__).resolve().parent / "img"
FIGURES = {
    "tasks-lead": ["tasks", "--lead", "工信", "--section", "1.3", "--section", "1.4"],
    "workload": ["workload", "--top", "8", "--kind", "county"],
    "brief": ["brief", "林业"],
    "overlap": ["overlap", "应急", "消防", "住建"],
}


def capture(name: str, args: list[str], width: int = 110) -> None:
    consoles: list[Console] = []

    def recording(file: object = None, width_: int | None = None) -> Console:
        console = Console(
            record=True,
            file=io.StringIO(),
            width=width,
            force_terminal=True,
            highlight=False,
            markup=False,
        )
        consoles.append(console)
        return console

    terminal.console = recording  # type: ignore[assignment]
    with contextlib.suppress(SystemExit):
        cli.main([*args, "--format", "table"])
    consoles[-1].save_svg(str(OUT / f"{name}.svg"), title="fenggong " + " ".join(args))
    print(f"wrote {OUT / name}.svg", file=sys.stderr)


if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    for name, args in FIGURES.items():
        capture(name, args)
