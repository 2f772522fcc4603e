"""Everything that reaches stdout and stderr: the one Rich console, text and file output,
encodings that cannot hold Chinese, and readers that go away (`head`)."""

import codecs
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from fenggong.errors import UsageError
from fenggong.kinds import EXTENSIONS, Format

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from fenggong.export import Table


def one_line(message: str) -> str:
    """Show control characters and line separators from user input as escapes."""
    return "".join(
        char.encode("unicode_escape").decode("ascii")
        if unicodedata.category(char) in ("Cc", "Zl", "Zp")
        else char
        for char in message
    )


def say(message: str) -> None:
    """One line on stderr, never parsed as markup (control characters shown escaped)."""
    message = one_line(message)
    stream = sys.stderr
    try:
        stream.write(message + "\n")
        stream.flush()
    except UnicodeEncodeError:
        encoding = stream.encoding or "ascii"
        stream.write(message.encode(encoding, "replace").decode(encoding) + "\n")


def stdout_is_utf() -> bool:
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


def prepare_stdout(warn: bool = True) -> None:
    """Never fail on an output encoding that cannot hold the text: replace what it can't."""
    if stdout_is_utf() or not hasattr(sys.stdout, "reconfigure"):
        return
    sys.stdout.reconfigure(errors="replace")
    try:
        "分工".encode(sys.stdout.encoding)
    except UnicodeEncodeError:
        if warn:
            say(
                f"提示：当前输出编码 {sys.stdout.encoding} 无法表示汉字，已用 ? 代替；"
                "请设置 PYTHONIOENCODING=utf-8 或用 -o 写入文件"
            )


class PipeClosed(Exception):
    """The reader of stdout went away while we were writing."""


def console(file: TextIO | None = None, width: int | None = None) -> "Console":
    """The one Rich console; colour follows the terminal, NO_COLOR and TERM=dumb."""
    from rich.console import Console

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


def choose_format(fmt: Format | None, output: Path | None) -> Format:
    if fmt is not None:
        return fmt
    if output is not None:
        suffix = output.suffix.lower()
        if suffix not in EXTENSIONS:
            known = "、".join(EXTENSIONS)
            raise UsageError(
                f"无法从扩展名「{output.suffix or '（无）'}」判断格式（可用 {known}），请加 --format"
            )
        return EXTENSIONS[suffix]
    return Format.TABLE if sys.stdout.isatty() else Format.CSV


def write_output(text: str, output: Path | None, fmt: Format, bom: bool | None) -> None:
    """Text to stdout or, whole or not at all, to a file (CSV files get a BOM for Excel)."""
    use_bom = bom if bom is not None else (output is not None and fmt is Format.CSV)
    if output is None:
        prepare_stdout(warn=fmt not in (Format.JSON, Format.JSONL))
        try:
            sys.stdout.write(("\ufeff" if use_bom else "") + text)
            sys.stdout.flush()
        except BrokenPipeError:
            raise PipeClosed from None
        return
    from fenggong.fileio import write_atomic

    write_atomic(output, ("\ufeff" if use_bom else "") + text)


def emit(
    table: "Table",
    fmt: Format,
    output: Path | None,
    bom: bool | None,
    renderable: Callable[[], "RenderableType"],
) -> None:
    """Print or write a table in the chosen format."""
    from fenggong.export import render_text

    if fmt is Format.TABLE:
        if output is not None:
            import io

            buffer = io.StringIO()
            console(buffer, width=160).print(renderable())
            write_output(buffer.getvalue(), output, fmt, bom)
        else:
            prepare_stdout()
            try:
                console().print(renderable())
                sys.stdout.flush()
            except BrokenPipeError:
                raise PipeClosed from None
        return
    # JSON escapes what a non-UTF-8 stdout cannot hold, so it stays exact and parseable.
    ascii_only = output is None and not stdout_is_utf()
    write_output(render_text(table, fmt, ascii_only=ascii_only), output, fmt, bom)


def summary_format(fmt: Format | None, output: Path | None) -> Format:
    """Formats for the summary commands: table, md or json (CSV does not fit a brief)."""
    chosen = choose_format(fmt, output)
    if chosen is Format.CSV and fmt is None and (output is None or output.suffix.lower() != ".csv"):
        return Format.MD
    if chosen not in (Format.TABLE, Format.MD, Format.JSON):
        raise UsageError(f"这个命令只支持 table、md、json 格式，不支持 {chosen.value}")
    return chosen


def emit_summary(
    fmt: Format,
    output: Path | None,
    markdown: Callable[[], str],
    as_json: Callable[[], str],
    renderable: Callable[[], "RenderableType"],
) -> None:
    from fenggong.export import Table

    if fmt is Format.TABLE:
        emit(Table(columns=(), records=()), fmt, output, None, renderable)
    else:
        write_output(markdown() if fmt is Format.MD else as_json(), output, fmt, None)
