"""What the terminal shows for an answer: the one Rich console, and the screen of each kind
of answer (a table, a report of tables, a task's details) as a renderable or as text."""

from typing import TextIO, assert_never

from rich.console import Console, Group, RenderableType

from fenggong.errors import PipeClosed
from fenggong.present.render.terminal.table import GridTable, Paragraph
from fenggong.present.view import Details, Grid, Report, Screen


def console(file: TextIO | None = None, width: int | None = None) -> Console:
    """The one Rich console; colour follows the terminal, NO_COLOR and TERM=dumb."""

    class QuietConsole(Console):
        def on_broken_pipe(self) -> None:
            # Rich would exit 1 here; a reader that went away is not our failure.
            self.quiet = True
            raise PipeClosed

    return QuietConsole(
        file=file,
        width=width,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )


def screen_renderable(screen: Screen, *, ascii_only: bool = False) -> RenderableType:
    """What the terminal shows for a result."""
    match screen:
        case Grid():
            return GridTable.of(screen, ascii_only=ascii_only)
        case Report():
            items: list[RenderableType] = []
            if screen.heading:
                items.append(Paragraph(screen.heading, bold=True))
            if screen.facts:
                items.append(Paragraph(screen.facts))
            for part in screen.parts:
                items.append(Paragraph(""))
                items.append(GridTable.of(part, ascii_only=ascii_only))
            return Group(*items)
        case Details():
            grids: list[RenderableType] = []
            for block in screen.blocks:
                if grids:
                    grids.append(Paragraph(""))
                grids.append(GridTable.fields(block, ascii_only=ascii_only))
            return Group(*grids)
        case _:
            assert_never(screen)


def screen_text(screen: Screen, width: int, *, ascii_only: bool = False) -> str:
    """The screen drawn as plain text `width` cells wide (for a file)."""
    import io

    buffer = io.StringIO()
    console(buffer, width=width).print(screen_renderable(screen, ascii_only=ascii_only))
    return buffer.getvalue()
