"""The boundary: everything that reaches stdout, stderr and files. Choosing the format,
printing or writing an answer, a pack of files written into one folder (all or none, names
made safe through `fenggong.filenames`), one-line messages, encodings that cannot hold
Chinese, and readers that go away."""

import codecs
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from fenggong.errors import PipeClosed, UsageError
from fenggong.files import stdout_failed, whole_writes
from fenggong.present.formats import BINARY, EXTENSIONS, Format, Formats
from fenggong.textnorm import escape_controls

if TYPE_CHECKING:
    from fenggong.present.view import Answer
    from fenggong.queries.resolve import Resolved


def one_line(message: str) -> str:
    """Show control characters, bidi overrides and line separators as escapes."""
    return escape_controls(message).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def say(message: str) -> None:
    """One line on stderr, never parsed as markup (control characters shown escaped)."""
    message = one_line(message)
    stream = sys.stderr
    if stream is None:  # stderr closed (2>&-): the exit code still tells
        return
    try:
        stream.write(message + "\n")
        stream.flush()
    except UnicodeEncodeError:
        encoding = stream.encoding or "ascii"
        stream.write(message.encode(encoding, "replace").decode(encoding) + "\n")
    except OSError:
        return


def announce(found: Iterable["Resolved"], notes: Iterable[str] = ()) -> None:
    """Say on stderr how each abbreviation was understood (工信 → 县工信商务局), and how the
    question was read."""
    for item in found:
        if item.is_abbreviation and item.query != item.name:
            say(f"{item.query} → {item.name}")
    for note in notes:
        say(note)


def write_lines(lines: Iterable[str]) -> None:
    """Lines of text on stdout (a report such as `check`'s)."""
    write_output("".join(f"{line}\n" for line in lines), Format.MD, Target())


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


def choose_format(fmt: Format | None, output: Path | None, formats: Formats) -> Format:
    """The format asked for, else the one `-o`'s extension names, else the command's default
    for a terminal or a pipe; refused when the command cannot write it."""
    by_name = EXTENSIONS.get(output.suffix.lower()) if output is not None else None
    # -f csv -o x.xlsx would write CSV text into a file Excel cannot open (.txt takes any text).
    plain_text = output is not None and output.suffix.lower() == ".txt" and fmt not in BINARY
    if fmt is not None and output is not None and by_name not in (None, fmt) and not plain_text:
        raise UsageError(f"--format {fmt.value} 与 -o {output.name} 的扩展名不一致；请只用其中一个")
    if fmt is not None:
        chosen = fmt
    elif output is not None:
        by_suffix = EXTENSIONS.get(output.suffix.lower())
        if by_suffix is None:
            known = "、".join(s for f in formats.accepted for s, e in EXTENSIONS.items() if e is f)
            raise UsageError(
                f"无法从扩展名「{output.suffix or '（无）'}」判断格式（可用 {known}），请加 --format"
            )
        chosen = by_suffix
    else:
        chosen = formats.terminal if sys.stdout.isatty() else formats.pipe
    if chosen not in formats.accepted:
        names = "、".join(f.value for f in formats.accepted)
        raise UsageError(f"这个命令只支持 {names} 格式，不支持 {chosen.value}")
    return chosen


class Target(NamedTuple):
    """Where an answer goes: stdout or a file, and how."""

    #: The file, or None for stdout.
    path: Path | None = None
    #: A byte-order mark for Excel (default: on for .csv files).
    bom: bool | None = None
    #: Replace an existing file.
    force: bool = False
    #: The data file being read (the CLI always names it), never to be written over.
    reading: Path | None = None


def write_output(text: str | bytes, fmt: Format, target: Target) -> None:
    """Text to stdout or, whole or not at all, to a file (CSV files get a BOM for Excel).

    On a terminal every control character in the text is shown escaped, so data cannot
    move the cursor, set the title or the clipboard."""
    if isinstance(text, bytes):
        _write_bytes(text, fmt, target)
        return
    # Excel on Chinese Windows reads a text file without a BOM as GBK: every file meant for a
    # spreadsheet (.csv, and .tsv/.txt) gets one.
    for_sheets = target.path is not None and fmt in (Format.CSV, Format.TSV)
    use_bom = target.bom if target.bom is not None else for_sheets
    text = ("\ufeff" if use_bom else "") + text
    if target.path is None:
        prepare_stdout(warn=fmt not in (Format.JSON, Format.JSONL))
        if _is_terminal(sys.stdout):
            text = escape_controls(text, keep="\n\t")
        _to_stdout(lambda: sys.stdout.write(text))
        return
    from fenggong.files import output_target, write_atomic

    write_atomic(output_target(target.path, force=target.force, reading=target.reading), text)


def _write_bytes(data: bytes, fmt: Format, target: Target) -> None:
    """A workbook or document to a file, or to a pipe; never to a terminal."""
    if target.path is None:
        if _is_terminal(sys.stdout):
            raise UsageError(
                f"{fmt.value} 是二进制文件，不能显示在终端上；请加 -o 文件名.{fmt.value}（或通过管道交给别的程序）"
            )
        _to_stdout(lambda: sys.stdout.buffer.write(data))
        return
    from fenggong.files import output_target, write_atomic

    write_atomic(output_target(target.path, force=target.force, reading=target.reading), data)


def _to_stdout(write: Callable[[], object]) -> None:
    """Run a write to stdout and flush it: a reader that went away ends quietly, any other
    failure (a full disk, a closed stdout) is a typed error."""
    sys.stdout = whole_writes(sys.stdout)  # every byte written or an error, even under -u
    try:
        write()
        sys.stdout.flush()
    except BrokenPipeError:
        raise PipeClosed from None
    except OSError as exc:
        raise stdout_failed(exc) from None


def _is_terminal(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if isatty is not None else False
    except (OSError, ValueError):
        return False


def emit(answer: "Answer", fmt: Format, target: Target, *, ascii_only: bool = False) -> None:
    """Print the answer in the chosen format, or write it to a file."""
    if answer.note and not (fmt is Format.TABLE and target.path is None):
        say(answer.note)
    if fmt is Format.TABLE and target.path is None:
        from fenggong.present.render.terminal.screen import console, screen_renderable

        prepare_stdout()
        _to_stdout(lambda: console().print(screen_renderable(answer.screen, ascii_only=ascii_only)))
        return
    from fenggong.present.render.text import render

    # JSON escapes what a non-UTF-8 stdout cannot hold, so it stays exact and parseable.
    escape = target.path is None and not stdout_is_utf()
    text = render(answer, fmt, ascii_lines=ascii_only, escape_json=escape)
    write_output(text, fmt, target)


def write_pack(
    folder: Path,
    files: Sequence[tuple[str, str | bytes]],
    *,
    force: bool,
    reading: Path | None,
) -> list[Path]:
    """Write each (file name, content) into `folder` (a file per unit or per leader), all or
    none; text as UTF-8; every name made a safe, unique file name, every target checked to lie
    directly in the folder."""
    from fenggong.filenames import write_split

    if not files:
        return []
    suffix = Path(files[0][0]).suffix
    return write_split(
        folder,
        [
            (name.removesuffix(suffix), data.encode() if isinstance(data, str) else data)
            for name, data in files
        ],
        suffix,
        force=force,
        reading=reading,
    )
