"""The Typer app: every command registered under its name, and `main`, the one place that
turns errors into messages and exit codes."""

import importlib
import os
import sys
from collections.abc import Iterable, Sequence
from typing import Annotated

import typer

# Typer 0.28 vendors Click and exposes its exception classes only here; there is no public
# alias for ClickException (pinned below 0.29 in pyproject.toml). Only this module and
# cli/language.py (Click's words in Chinese) touch it.
from typer import _click as click

from fenggong import __version__
from fenggong.cli.guard import finish
from fenggong.cli.language import install as install_chinese
from fenggong.errors import ExitCode, PipeClosed, UsageError
from fenggong.present.output import write_lines

EXIT_CODES_HELP = """\b
退出码：0 有结果；1 没有匹配的任务（stdout 为空）；2 用法错误（含名称找不到或有歧义）；
3 数据文件有误；70 内部错误（请报告）；74 输出写不进去（如磁盘已满）；130 被中断（Ctrl-C）。"""

HELP = f"""分工：查询县政府重点任务分工方案——谁牵头、谁配合、哪个镇、哪位领导。

\b
例：fenggong tasks --lead 工信          工信商务局牵头的任务
    fenggong tasks --town 天堂 -o 天堂镇.csv
    fenggong show 57                    第 57 项的全部信息
    fenggong brief 住建                 住建局的会议简报

{EXIT_CODES_HELP}"""


#: Each command and the module that defines it, imported only when the command runs.
COMMAND_MODULES = {
    "tasks": "browse",
    "show": "browse",
    "leaders": "browse",
    "units": "browse",
    "towns": "browse",
    "sections": "browse",
    "workload": "browse",
    "brief": "meeting",
    "overlap": "meeting",
    "overview": "meeting",
    "import": "data",
    "export": "data",
    "check": "data",
    "deadline": "supervise",
    "progress": "supervise",
    "ledger": "supervise",
    "collect": "supervise",
    "status": "oversee",
    "notice": "oversee",
    "summary": "office",
    "remind": "office",
}


def build_app(names: Iterable[str]) -> typer.Typer:
    """The app with these commands registered.

    Typer builds the parser of every registered command on each run, which costs more
    than the command itself; so a run registers (and imports) only the command it runs,
    and `fenggong --help` or anything unusual gets them all.
    """
    install_chinese()
    app = typer.Typer(
        name="fenggong",
        help=HELP,
        add_completion=True,
        no_args_is_help=False,
        invoke_without_command=True,
        context_settings={"help_option_names": ["-h", "--help"]},
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    app.callback()(root)
    for name in names:
        module = importlib.import_module(f"fenggong.cli.{COMMAND_MODULES[name]}")
        app.command(name)(module.COMMANDS[name])
    return app


def _version(value: bool) -> None:
    if value:
        from fenggong.plan.load import ENV_VAR, default_path

        write_lines(
            [
                f"fenggong {__version__}",
                f"数据：{default_path()}（换用自己的文件：--data 文件 或环境变量 {ENV_VAR}）",
            ]
        )
        raise typer.Exit()


def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", "-V", help="显示版本号。", callback=_version, is_eager=True),
    ] = False,
) -> None:
    """分工：查询县政府重点任务分工方案。"""
    if ctx.invoked_subcommand is None:
        from fenggong.cli.meeting import overview

        overview(fmt=None, output=None, force=False, ascii_only=False, data=None)


# -- the one place errors become messages and exit codes ------------------------------


def main(argv: Sequence[str] | None = None) -> None:
    """Run the CLI; turn every known failure into one line on stderr and an exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    finish(lambda: _invoke(args), _click_failure)


def _invoke(args: list[str]) -> object:
    if args and not args[0].startswith("-") and args[0] not in COMMAND_MODULES:
        from fenggong.cli.language import no_such_command

        raise UsageError(no_such_command(args[0], COMMAND_MODULES))
    wanted = args[:1] if args and args[0] in COMMAND_MODULES else COMMAND_MODULES
    app = build_app(wanted)
    stdout = sys.stdout
    command = typer.main.get_command(app)
    if any(name.startswith("_FENGGONG_COMPLETE") for name in os.environ):
        from fenggong.cli.completion import install

        install(command)
    try:
        return command(args=args, prog_name="fenggong", standalone_mode=False)
    except SystemExit as stop:
        # Typer turns a broken pipe while printing help into exit 1 and wraps stdout.
        if stop.code == 1 and sys.stdout is not stdout:
            raise PipeClosed from None
        raise


def _click_failure(error: Exception) -> tuple[ExitCode, str] | None:
    """Click's and Typer's failures, and the stdout Click writes help to failing."""
    if isinstance(error, click.exceptions.ClickException):
        from fenggong.cli.language import usage_message

        return ExitCode.USAGE, usage_message(error)
    if isinstance(error, typer.Abort):
        return ExitCode.INTERRUPTED, "已中断"
    if isinstance(error, OSError):
        # Only writing stdout raises a bare OSError here (Click printing --help into a
        # full disk or a closed stdout); files are read and written through files.py.
        from fenggong.files import stdout_failed

        return ExitCode.OUTPUT_FAILED, stdout_failed(error).message
    return None
