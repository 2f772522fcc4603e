"""The output options every answering command takes, declared once (`with_output`) and
handed to the command as one `Output` to emit through (sqlite-utils' `@output_options`)."""

import functools
from collections.abc import Callable
from enum import Enum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from fenggong.present.formats import EXTENSIONS, Format, Formats

if TYPE_CHECKING:
    import inspect

    from fenggong.present.output import Target
    from fenggong.present.view import Answer

_R = TypeVar("_R")


def as_path(value: str) -> Path:
    """A path as typed. Typer's own path type inspects the file while parsing (English
    errors, a crash on a NUL byte); fenggong checks files where it reads or writes them."""
    return Path(value)


DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        parser=as_path,
        help="使用另一个数据文件（同样的结构）；也可用环境变量 FENGGONG_DATA 指定。",
        show_default=False,
    ),
]


# -- the output options, declared once ------------------------------------------------------


BomOption = Annotated[
    bool | None,
    typer.Option(
        "--bom/--no-bom",
        help="CSV 开头加 UTF-8 BOM，Excel/WPS 才能正确识别中文。-o 写 .csv 时默认加，输出到屏幕时默认不加。",
        show_default=False,
    ),
]


AsciiOption = Annotated[
    bool,
    typer.Option("--ascii", help="表格用 ASCII 字符画框（适合把制表符显示成双倍宽的终端）。"),
]


class Output:
    """Where and how a command's answer goes (`--format -o --force --bom --ascii --data`),
    and the one door it goes out through."""

    def __init__(
        self,
        formats: Formats,
        fmt: Format | None = None,
        path: Path | None = None,
        *,
        force: bool = False,
        bom: bool | None = None,
        ascii_only: bool = False,
        data: Path | None = None,
    ) -> None:
        #: What the command can write, and its defaults.
        self.formats = formats
        #: `--format` as given (None: from `-o`'s extension, or the terminal/pipe default).
        self.fmt = fmt
        #: `-o`: the file, or None for stdout.
        self.path = path
        self.force = force
        self.bom = bom
        self.ascii_only = ascii_only
        #: `--data` as given (None: FENGGONG_DATA or the shipped plan).
        self.data = data

    @property
    def reading(self) -> Path:
        """The data file being read: never written over."""
        from fenggong.plan.load import default_path

        return self.data or default_path()

    @functools.cached_property
    def format(self) -> Format:
        """The format the answer is written in (a mismatched `-o` extension is refused)."""
        from fenggong.present.output import choose_format

        return choose_format(self.fmt, self.path, self.formats)

    def refuse_mismatch(self) -> None:
        """Refuse a format (or `-o` extension) the command cannot write, before the work."""
        self.format  # noqa: B018  (choosing it is the check)

    def target(self, reading: Path | None = None) -> "Target":
        """stdout or the file, with the data file (or `reading`) protected."""
        from fenggong.present.output import Target

        return Target(self.path, self.bom, self.force, reading or self.reading)

    def emit(self, answer: "Answer", *, reading: Path | None = None) -> None:
        """Print the answer in the chosen format, or write it to the file."""
        from fenggong.present.output import emit

        emit(answer, self.format, self.target(reading), ascii_only=self.ascii_only)


@functools.cache
def _choices(formats: tuple[Format, ...]) -> type[Enum]:
    """The formats a command accepts, as the choices its `--format` offers (no others).
    Each set is a module attribute under its own name, so the fast path's spec can name it
    (`fenggong.cli.output_options:FormatChoice_CSV_JSON…`) and find it again."""
    name = "FormatChoice_" + "_".join(f.name for f in formats)
    choice: type[Enum] = StrEnum(  # type: ignore[misc]
        name, {f.name: f.value for f in formats}, module=__name__, qualname=name
    )
    globals()[name] = choice
    return choice


def __getattr__(name: str) -> Any:
    """A `--format` choice set the fast path's spec names, built when first asked for (the
    fast path builds no signatures, so no other choice set is made)."""
    if name.startswith("FormatChoice_"):
        return _choices(tuple(Format[n] for n in name.removeprefix("FormatChoice_").split("_")))
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def for_typer() -> bool:
    """Whether Typer will read the commands' signatures: False while the fast path runs
    (`cli.fast` imports the command modules with an inert stand-in for `typer`), which
    calls the command with its values by name, so the signatures (and `inspect`, 5 ms of
    a 90 ms run) are not built then."""
    return not getattr(typer, "inert", False)


def _output_names(formats: Formats) -> list[str]:
    """The names of the output options a command with these formats takes, in order."""
    accepted = set(formats.accepted)
    return [
        "fmt",
        "output",
        "force",
        *(["bom"] if accepted & {Format.CSV, Format.TSV} else []),
        *(["ascii_only"] if Format.TABLE in accepted else []),
        "data",
    ]


def _format_help(formats: Formats) -> str:
    names = "、".join(f.value for f in formats.accepted)
    if formats.terminal is formats.pipe:
        default = f"默认按 -o 的扩展名，否则 {formats.pipe.value}"
    else:
        default = (
            f"默认：终端里显示{'表格' if formats.terminal is Format.TABLE else formats.terminal.value}，"
            f"管道或重定向时输出 {formats.pipe.value}；用 -o 时按扩展名"
        )
    return f"输出格式：{names}。{default}。"


def _output_help(formats: Formats) -> str:
    first = {f: s for s, f in reversed(EXTENSIONS.items())}  # each format's usual suffix
    suffixes = " ".join(first[f] for f in formats.accepted if f in first)
    return f"写入文件，格式按扩展名（{suffixes}）；写完整才落盘，已存在时要加 --force。"


def _output_parameters(formats: Formats) -> "list[inspect.Parameter]":
    """The output options a command with these formats takes, as Typer reads them."""
    import inspect

    options: list[tuple[str, object, object]] = [
        (
            "fmt",
            Annotated[
                _choices(formats.accepted) | None,
                typer.Option(
                    "--format",
                    "-f",
                    help=_format_help(formats),
                    show_default=False,
                ),
            ],
            None,
        ),
        (
            "output",
            Annotated[
                Path | None,
                typer.Option(
                    "--output", "-o", parser=as_path, help=_output_help(formats), show_default=False
                ),
            ],
            None,
        ),
        (
            "force",
            Annotated[
                bool,
                typer.Option("--force", help="-o 的文件已存在时覆盖它（默认不覆盖，以免误删）。"),
            ],
            False,
        ),
        ("bom", BomOption, None),
        ("ascii_only", AsciiOption, False),
        ("data", DataOption, None),
    ]
    wanted = _output_names(formats)
    return [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=kind)
        for name, kind, default in options
        if name in wanted
    ]


def with_output(formats: Formats) -> Callable[[Callable[..., _R]], Callable[..., _R]]:
    """Give a command the output options for `formats`; it receives them as `out`, an
    `Output` to emit its answer through (sqlite-utils' `@output_options`).

    `--format` offers only the formats the command writes; `--bom` comes with CSV/TSV and
    `--ascii` with the terminal table."""

    def decorate(command: Callable[..., _R]) -> Callable[..., _R]:
        names = _output_names(formats)

        @functools.wraps(command)
        def wrapper(**options: Any) -> _R:
            given = {name: options.pop(name) for name in names}
            fmt = given["fmt"]
            out = Output(
                formats,
                None if fmt is None else Format(fmt.value),
                given["output"],
                force=given["force"],
                bom=given.get("bom"),
                ascii_only=given.get("ascii_only", False),
                data=given["data"],
            )
            return command(out=out, **options)

        if for_typer():
            import inspect

            own = [p for n, p in inspect.signature(command).parameters.items() if n != "out"]
            wrapper.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
                [
                    *(p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own),
                    *_output_parameters(formats),
                ]
            )
            del wrapper.__wrapped__  # so inspect.signature uses the signature above
        return wrapper

    return decorate
