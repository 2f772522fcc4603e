"""The Typer app: every command registered under its name, and `main`, the one place that
turns errors into messages and exit codes."""

import importlib
import os
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Annotated, NoReturn

import typer

# Typer 0.28 vendors Click and exposes its exception classes only here; there is no public
# alias for ClickException, NoSuchOption or MissingParameter (pinned below 0.29 in
# pyproject.toml). This module is the only one that touches it.
from typer import _click as click

from fenggong import __version__
from fenggong.errors import ExitCode, FenggongError, PipeClosed
from fenggong.present.output import say, write_lines

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
    "status": "supervise",
    "notice": "supervise",
    "summary": "office",
    "remind": "office",
}


def build_app(names: Iterable[str]) -> typer.Typer:
    """The app with these commands registered.

    Typer builds the parser of every registered command on each run, which costs more
    than the command itself; so a run registers (and imports) only the command it runs,
    and `fenggong --help` or anything unusual gets them all.
    """
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

        overview(fmt=None, output=None, ascii_only=False, data=None)


# -- the one place errors become messages and exit codes ------------------------------


# Compiled on first use (by `re`): only a failing command line needs them.
_EXTRA = r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)"
_NO_COMMAND = r"No such command '(.*)'"
#: Arguments as messages name them.
_PARAMETER_NAMES = {
    "ids": "任务序号，如 fenggong show 57",
    "name": "名称，如 fenggong brief 住建",
    "names": "名称",
    "source": "要导入的文件",
}
#: Click's words for a bad value, and ours.
_BAD_VALUES = (
    ("is not a valid int", "应为整数"),
    ("is not a valid integer range", "应为整数"),
    ("is not a valid float", "应为数字"),
    ("is not in the range", "超出允许的范围"),
    ("is not one of", "不在可选值之内"),
    ("is not a valid", "格式不对"),
)


def _click_message(error: click.exceptions.ClickException) -> str:
    """Click's English error as one Chinese line that says what to write instead."""
    message = error.format_message()
    if isinstance(error, click.exceptions.NoSuchOption):
        hint = f"，是不是 {'、'.join(error.possibilities)}？" if error.possibilities else ""
        return f"没有这个选项：{error.option_name}{hint}（用 --help 查看用法）"
    if isinstance(error, click.exceptions.MissingParameter):
        param = error.param.human_readable_name if error.param is not None else "参数"
        return f"缺少{_PARAMETER_NAMES.get(param, param)}（用 --help 查看用法）"
    if isinstance(error, click.exceptions.BadParameter):
        name = error.param.opts[0] if error.param is not None and error.param.opts else "参数"
        value = re.search(r"'([^']*)' is not", message)
        choices = getattr(error.param, "type", None)
        allowed = getattr(choices, "choices", None)
        for english, chinese in _BAD_VALUES:
            if english in message:
                if allowed and english == "is not one of":
                    chinese = f"应为 {'、'.join(map(str, allowed))} 之一"
                return f"{name} 的值「{value[1] if value else ''}」不对：{chinese}"
        return f"{name} 的值不对"
    if (extra := re.search(_EXTRA, message)) is not None:
        words = extra[1].split()
        first = words[0] if words else ""
        return (
            f"多余的参数：{'、'.join(words)}。要查牵头单位请写 --lead {first}，"
            f"参与单位 --unit {first}，镇 --town {first}，领导 --leader {first}，关键词 -k {first}"
        )
    if (command := re.search(_NO_COMMAND, message)) is not None:
        name = command[1]
        known = "、".join(COMMAND_MODULES)
        return f"没有「{name}」这个命令（命令有：{known}）；要看某个单位、领导或镇，请写 fenggong brief {name}"
    return message


def _fail(code: ExitCode, message: str) -> NoReturn:
    say(f"fenggong: {message}")
    # A stream that failed would fail again when Python flushes it at exit (exit 120).
    for stream, fd in ((sys.stdout, 1), (sys.stderr, 2)):
        try:
            os.fstat(fd)
            stream.flush()
        except (OSError, ValueError):
            _discard(fd)
    raise SystemExit(int(code))


def _discard(fd: int) -> None:
    """Point a file descriptor at the null device, so nothing more fails on it."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    if devnull != fd:  # a closed `fd` is the lowest free number: open() may return it
        os.dup2(devnull, fd)
        os.close(devnull)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the CLI; turn every known failure into one line on stderr and an exit code."""
    try:
        try:
            args = list(sys.argv[1:] if argv is None else argv)
            wanted = args[:1] if args and args[0] in COMMAND_MODULES else COMMAND_MODULES
            app = build_app(wanted)
            stdout = sys.stdout
            command = typer.main.get_command(app)
            if any(name.startswith("_FENGGONG_COMPLETE") for name in os.environ):
                from fenggong.cli.completion import install

                install(command)
            try:
                code = command(args=args, prog_name="fenggong", standalone_mode=False)
            except SystemExit as stop:
                # Typer turns a broken pipe while printing help into exit 1 and wraps stdout.
                if stop.code == 1 and sys.stdout is not stdout:
                    raise PipeClosed from None
                raise
        except click.exceptions.ClickException as error:
            _fail(ExitCode.USAGE, _click_message(error))
        except FenggongError as error:
            _fail(error.exit_code, error.message)
        except (KeyboardInterrupt, typer.Abort):
            _fail(ExitCode.INTERRUPTED, "已中断")
        except PipeClosed:
            raise
        except BrokenPipeError:
            raise PipeClosed from None
        except Exception as error:
            if os.environ.get("FENGGONG_DEBUG"):
                raise
            _fail(
                ExitCode.INTERNAL,
                f"内部错误（{type(error).__name__}: {error}），请把这条信息和命令报告给维护者；"
                "设置 FENGGONG_DEBUG=1 可看到详情",
            )
        if code == ExitCode.INTERRUPTED:  # Typer turns Ctrl-C into a returned 130
            _fail(ExitCode.INTERRUPTED, "已中断")
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            from fenggong.files import stdout_failed

            _fail(ExitCode.OUTPUT_FAILED, stdout_failed(exc).message)
    except (BrokenPipeError, PipeClosed):
        # The reader (head, less) went away: stop quietly, and keep Python from
        # complaining again when it flushes stdout at exit.
        _discard(1)
        raise SystemExit(int(ExitCode.OK)) from None
    raise SystemExit(int(code) if isinstance(code, int) else 0)
