"""The options shared by several commands, declared once: the filter options as one
`FilterRequest` (`with_filters`), the 督办 options; the output options (`with_output`, one
`Output`) live in `output_options.py` and are re-exported here."""

import functools
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from fenggong.cli.output_options import (
    AsciiOption,
    BomOption,
    DataOption,
    Output,
    as_path,
    for_typer,
    with_output,
)
from fenggong.plan.kinds import DEFAULT_BASES, TownBasis
from fenggong.queries.requests import FilterRequest

__all__ = ["AsciiOption", "BomOption", "DataOption", "Output", "as_path", "with_output"]


class HeaderMode(StrEnum):
    """What the header row of CSV/TSV/Markdown shows."""

    CN = "cn"
    KEYS = "keys"


HeaderOption = Annotated[
    HeaderMode,
    typer.Option("--header", help="表头用文件原有的中文列名（cn）或 JSON 键名（keys）。"),
]


ColumnsOption = Annotated[
    str | None,
    typer.Option(
        "--columns",
        help="要输出的列及顺序，逗号分隔，可用键名或中文列名，如 id,text,lead_units 或 序号,任务。",
        show_default=False,
    ),
]


LeaderOption = Annotated[
    list[str],
    typer.Option(
        "--leader",
        "-l",
        help="责任领导（可重复，取并集）。",
    ),
]


LeadOption = Annotated[
    list[str],
    typer.Option(
        "--lead",
        help="牵头单位，可用简称：工信、人社、住建局。",
    ),
]


UnitOption = Annotated[
    list[str],
    typer.Option(
        "--unit",
        "-u",
        help="参与单位（牵头或配合），每行注明角色。",
    ),
]


TownOption = Annotated[
    list[str],
    typer.Option("--town", "-t", help="镇，如 天堂、水台镇。"),
]


BasisOption = Annotated[
    list[TownBasis],
    typer.Option(
        "--basis",
        help="--town 按哪些依据算（可重复）："
        + "、".join(f"{b.value} {b.label}" for b in TownBasis)
        + "。默认是一定要做的几种："
        + "、".join(b.value for b in TownBasis if b in DEFAULT_BASES)
        + "。",
        show_default=False,
    ),
]


AllBasesOption = Annotated[
    bool,
    typer.Option(
        "--all-bases",
        help=f"--town 全部 {len(TownBasis)} 种依据都算（含“相关镇(可能)”和文中提及）。",
    ),
]


KeywordOption = Annotated[
    list[str],
    typer.Option("--keyword", "-k", help="任务原文包含的词（不分全角半角、大小写、空格）。"),
]


CategoryOption = Annotated[
    list[str], typer.Option("--category", "-c", help="大类：编号或原文写法，如 4、四、稳增长。")
]


SectionOption = Annotated[
    list[str],
    typer.Option("--section", "-s", help="大项：编号或原文写法，如 3.2、三（二）、优先稳保就业。"),
]


class LightChoice(StrEnum):
    """`tasks --light`: the lights of queries.lights.Light (not imported at start-up; a test
    checks the two agree)."""

    RED = "红"
    YELLOW = "黄"
    BLUE = "蓝"
    GREEN = "绿"


class StatusBy(StrEnum):
    """`status --by`: what the lights are counted by."""

    UNIT = "unit"
    LEADER = "leader"
    TOWN = "town"
    TASK = "task"


class SplitBy(StrEnum):
    """`ledger --split-by`: one ledger a file per what."""

    UNIT = "unit"


class ImportFormat(StrEnum):
    """What `import` reads."""

    TEXT = "text"
    CSV = "csv"


HostedOption = Annotated[
    bool,
    typer.Option("--hosted", help="--lead 时把设在这个单位的机构（如水务局的县河长办）一并算上。"),
]


_FILTER_OPTIONS: dict[str, tuple[object, object]] = {
    "leader": (LeaderOption, []),
    "lead": (LeadOption, []),
    "unit": (UnitOption, []),
    "town": (TownOption, []),
    "basis": (BasisOption, []),
    "all_bases": (AllBasesOption, False),
    "keyword": (KeywordOption, []),
    "category": (CategoryOption, []),
    "section": (SectionOption, []),
    "hosted": (HostedOption, False),
}
_R = TypeVar("_R")


def with_filters(command: Callable[..., _R]) -> Callable[..., _R]:
    """Give a command the filter options of `tasks`; it receives them as `filters`.

    Typer reads a command's options from its signature, so the wrapper shows Typer the
    command's own parameters with the filter options in front.
    """

    @functools.wraps(command)
    def wrapper(**options: Any) -> _R:
        given = {name: options.pop(name) for name in _FILTER_OPTIONS}
        filters = FilterRequest._make(
            value if isinstance(value, bool) else tuple(value) for value in given.values()
        )
        return command(filters=filters, **options)

    if for_typer():  # not while the fast path runs (see `for_typer`)
        import inspect

        own = [p for n, p in inspect.signature(command).parameters.items() if n != "filters"]
        shared = [
            inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=kind)
            for n, (kind, default) in _FILTER_OPTIONS.items()
        ]
        wrapper.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
            [*shared, *(p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own)]
        )
        del wrapper.__wrapped__  # so inspect.signature uses the signature above
    return wrapper


LogOption = Annotated[
    Path | None,
    typer.Option(
        "--log",
        parser=as_path,
        help="进展库（SQLite 文件）；默认在数据文件旁边，或环境变量 FENGGONG_LOG 指定。",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="<日期>",
        help="按哪一天算截止日期和亮灯（默认今天），如 2023-07-01。",
        show_default=False,
    ),
]
PeriodOption = Annotated[
    str | None,
    typer.Option(
        "--period",
        help="报送期：按月 2023-05，按季 2023-Q2（2023年二季度），半年 2023-H1（2023年上半年）。",
        show_default=False,
    ),
]
