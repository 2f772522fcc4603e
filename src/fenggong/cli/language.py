"""Chinese from the help frame to Click's errors, through one catalogue.

Typer marks its words for gettext (`typer.core._`, the constants of `typer.rich_utils`);
the Click that Typer 0.28 vendors has its few frame words ("Usage: ", the help option's
line, metavars) as plain strings. Both go through one `gettext.NullTranslations` whose
catalogue is below. Click's usage errors are read from what they carry (the exception's
class, option, parameter and the value given), never by matching their English text.
"""

import gettext
import sys
from collections.abc import Iterable
from typing import Any

# Typer 0.28 vendors Click and exposes its classes only here (pinned below 0.29 in
# pyproject.toml); this module and cli/app.py are the only ones that touch it.
from typer import _click as click

#: English message ids (as Typer and Click write them) and their Chinese.
CATALOGUE = {
    # The help frame.
    "Usage: ": "用法：",
    "Options": "选项",
    "Arguments": "参数",
    "Commands": "命令",
    "Show this message and exit.": "显示这份帮助并退出。",
    "Install completion for the current shell.": "为当前的 shell 安装命令补全。",
    "Show completion for the current shell, to copy it or customize the installation.": (
        "显示当前 shell 的补全脚本，可复制或自行安装。"
    ),
    "default: {default}": "默认：{default}",
    "[default: {}]": "[默认：{}]",
    "required": "必填",
    "[required]": "[必填]",
    "env var: {var}": "环境变量：{var}",
    "[env var: {}]": "[环境变量：{}]",
    "(dynamic)": "（动态）",
    "(deprecated) ": "（已停用）",
    "Error": "错误",
    "Aborted.": "已中断",
    "Aborted!": "已中断",
    "Try [blue]'{command_path} {help_option}'[/] for help.": (
        "用 [blue]'{command_path} {help_option}'[/] 查看用法。"
    ),
    "Missing command.": "缺少命令",
    "No such command {name!r}.": "没有「{name}」这个命令",
    # Metavars: what to write after an option.
    "[OPTIONS]": "[选项]",
    "<str>": "<文本>",
    "<as_path>": "<文件>",
    "<int>": "<整数>",
    "<int range>": "<整数>",
    "<float>": "<数字>",
    "<float range>": "<数字>",
    "COMMAND [ARGS]...": "命令 [参数]...",
}

#: Arguments as messages name them.
PARAMETER_NAMES = {
    "ids": "任务序号，如 fenggong show 57",
    "name": "名称，如 fenggong brief 住建",
    "names": "名称",
    "source": "要导入的文件",
    "files": "台账文件",
}


class Chinese(gettext.NullTranslations):
    """Typer's and Click's words in Chinese; anything not in the catalogue as it is."""

    def gettext(self, message: str) -> str:
        return CATALOGUE.get(message, message)


ZH = Chinese()
#: The typer.rich_utils constants that are words (its styles are left alone).
_RICH_WORDS = (
    "DEPRECATED_STRING",
    "DEFAULT_STRING",
    "ENVVAR_STRING",
    "REQUIRED_LONG_STRING",
    "ARGUMENTS_PANEL_TITLE",
    "OPTIONS_PANEL_TITLE",
    "COMMANDS_PANEL_TITLE",
    "ERRORS_PANEL_TITLE",
    "ABORTED_TEXT",
    "RICH_HELP",
)
_installed = False


def install() -> None:
    """Route Typer's and Click's words through the catalogue (once per process)."""
    global _installed
    if _installed:
        return
    _installed = True
    import typer.core

    typer.core._ = ZH.gettext  # type: ignore[attr-defined]
    # Rich help is off (rich_markup_mode=None), so rich_utils is rarely loaded: translate
    # its constants when it is, without importing Rich for nothing.
    if (rich_utils := sys.modules.get("typer.rich_utils")) is not None:
        for name in _RICH_WORDS:
            setattr(rich_utils, name, ZH.gettext(getattr(rich_utils, name)))
    formatter = click.formatting.HelpFormatter
    write_usage = formatter.write_usage

    def usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, ZH.gettext(prefix or "Usage: "))

    formatter.write_usage = usage  # type: ignore[method-assign]
    formatter.write_heading = _heading  # type: ignore[method-assign]
    # Click lines the help up by len(): a Chinese metavar is twice as wide as it counts.
    setattr(click.formatting, "term_len", _display_width)  # noqa: B010
    command = click.core.Command
    import typer.core

    # Typer's command and group write their own usage pieces ([OPTIONS], COMMAND [ARGS]...).
    for kind in (command, typer.core.TyperCommand, typer.core.TyperGroup):
        if (own := kind.__dict__.get("collect_usage_pieces")) is not None:
            setattr(kind, "collect_usage_pieces", _translated_pieces(own))  # noqa: B010
    get_params = command.get_params

    def params(self: Any, ctx: Any) -> list[Any]:
        found: list[Any] = get_params(self, ctx)
        for param in found:  # the help option's line, Typer's completion options
            if isinstance(getattr(param, "help", None), str):
                param.help = ZH.gettext(param.help)
        return found

    command.get_params = params  # type: ignore[method-assign]
    parameter = click.core.Parameter
    make_metavar = parameter.make_metavar

    def metavar(self: Any, ctx: Any) -> str:
        text: str = make_metavar(self, ctx)
        dots = "..." if text.endswith("...") else ""
        return ZH.gettext(text.removesuffix("...")) + dots

    parameter.make_metavar = metavar  # type: ignore[method-assign]
    type_cast_value = parameter.type_cast_value

    def cast(self: Any, ctx: Any, value: Any) -> Any:
        try:
            return type_cast_value(self, ctx, value)
        except click.exceptions.BadParameter as error:
            error.given = value  # type: ignore[attr-defined]  # what the message is about
            raise

    parameter.type_cast_value = cast  # type: ignore[method-assign]
    parse_args = command.parse_args

    def parse(self: Any, ctx: Any, args: list[str]) -> list[str]:
        # Extra words are kept (allow_extra_args) and refused here, naming them.
        allowed = ctx.allow_extra_args
        ctx.allow_extra_args = True
        try:
            rest: list[str] = parse_args(self, ctx, args)
        except click.exceptions.UsageError as error:
            error.ctx = error.ctx or ctx  # the parser raises without one: the options are here
            raise
        finally:
            ctx.allow_extra_args = allowed
        if ctx.args and not allowed and not ctx.resilient_parsing:
            raise ExtraArguments(list(ctx.args), ctx)
        return rest

    command.parse_args = parse  # type: ignore[method-assign]


def _translated_pieces(collect: Any) -> Any:
    def pieces(self: Any, ctx: Any) -> list[str]:
        return [ZH.gettext(piece) for piece in collect(self, ctx)]

    return pieces


def _heading(self: Any, heading: str) -> None:
    self.write(f"{'':>{self.current_indent}}{ZH.gettext(heading)}：\n")


def _display_width(text: str) -> int:
    import unicodedata

    plain = click._compat.strip_ansi(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in plain)


class ExtraArguments(click.exceptions.UsageError):
    """Words on the command line that no argument takes."""

    def __init__(self, words: list[str], ctx: Any) -> None:
        super().__init__(extra_words(words), ctx)
        self.words = words


def extra_words(words: list[str]) -> str:
    first = words[0] if words else ""
    return (
        f"多余的参数：{'、'.join(words)}。要查牵头单位请写 --lead {first}，"
        f"参与单位 --unit {first}，镇 --town {first}，领导 --leader {first}，关键词 -k {first}"
    )


def no_such_command(name: str, commands: Iterable[str]) -> str:
    """`fenggong taks`: the closest commands, or all of them and a hint for a name."""
    import difflib  # only a mistyped command needs it

    known = list(commands)
    if close := difflib.get_close_matches(name, known):
        return f"没有「{name}」这个命令，是不是 {'、'.join(close)}？"
    return (
        f"没有「{name}」这个命令（命令有：{'、'.join(known)}）；"
        f"要看某个单位、领导或镇，请写 fenggong brief {name}"
    )


def usage_message(error: click.exceptions.ClickException) -> str:
    """Click's usage error as one Chinese line that says what to write instead."""
    if isinstance(error, click.exceptions.NoSuchOption):
        hint = f"，是不是 {'、'.join(error.possibilities)}？" if error.possibilities else ""
        return f"没有这个选项：{error.option_name}{hint}（用 --help 查看用法）"
    if isinstance(error, click.exceptions.MissingParameter):
        param = error.param
        if param is not None and param.param_type_name == "option" and param.opts:
            return f"缺少选项 {max(param.opts, key=len)}（用 --help 查看用法）"
        name = PARAMETER_NAMES.get(param.name or "", param.human_readable_name) if param else "参数"
        return f"缺少{name}（用 --help 查看用法）"
    if isinstance(error, click.exceptions.BadParameter):
        return _bad_value(error)
    if isinstance(error, click.exceptions.BadOptionUsage):
        name = error.option_name.split("=", 1)[0]
        if _is_flag(error, name):
            return f"选项 {name} 后面不用写值（用 --help 查看用法）"
        return f"选项 {name} 后面要写一个值（用 --help 查看用法）"
    return ZH.gettext(error.format_message())


def _is_flag(error: click.exceptions.UsageError, name: str) -> bool:
    command = error.ctx.command if error.ctx is not None else None
    params = command.params if command is not None else []
    return any(name in p.opts and getattr(p, "is_flag", False) for p in params)


def _bad_value(error: click.exceptions.BadParameter) -> str:
    """A value its option cannot take, said from the option's type."""
    param = error.param
    name = param.opts[0] if param is not None and param.opts else "参数"
    kind = param.type if param is not None else None
    choices = getattr(kind, "choices", None)
    given = getattr(error, "given", None)
    values = list(given) if isinstance(given, list | tuple) else [given]
    # Of several values (a repeated option), the one that is wrong.
    value = next((v for v in values if not _fits(kind, v)), values[0] if values else None)
    if choices and param is not None and param.name == "fmt":
        return f"这个命令只支持 {'、'.join(map(str, choices))} 格式，不支持 {value}"
    if value is None:
        return f"{name} 的值不对"
    if choices:
        should = f"应为 {'、'.join(map(str, choices))} 之一"
    elif isinstance(kind, click.types.IntParamType):
        should = "超出允许的范围" if _is_int(value) else "应为整数"
    elif isinstance(kind, click.types.FloatParamType):
        should = "超出允许的范围" if _is_float(value) else "应为数字"
    else:
        should = "格式不对"
    return f"{name} 的值「{value}」不对：{should}"


def _fits(kind: object, value: object) -> bool:
    try:
        if isinstance(kind, click.types.ParamType):
            kind.convert(value, None, None)
    except click.exceptions.BadParameter:
        return False
    return True


def _is_int(text: object) -> bool:
    try:
        int(str(text))
    except ValueError:
        return False
    return True


def _is_float(text: object) -> bool:
    try:
        float(str(text))
    except ValueError:
        return False
    return True
