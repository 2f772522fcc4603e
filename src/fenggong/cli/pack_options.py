"""Options of the 督办 commands that the documents the 督查室 sends share (`notice`, `summary`,
`remind`): who issues them, to whom, when, their number, one file per 分管领导."""

from typing import Annotated

import typer

IssuerOption = Annotated[
    str, typer.Option("--issuer", help="发文机关（署名），如 县委督查室。", show_default=False)
]
ToOption = Annotated[str, typer.Option("--to", help="主送机关。")]
DocDateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="<日期>",
        help="成文日期，如 2023-06-05 或 6月5日（默认 --as-of 那天或今天）。",
        show_default=False,
    ),
]
DocNoOption = Annotated[
    str, typer.Option("--doc-no", help="文号，如 督通〔2023〕5号。", show_default=False)
]
LeaderSplitOption = Annotated[
    str | None,
    typer.Option(
        "--split-by", help="leader：每位分管领导一个文件，-o 给文件夹。", show_default=False
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="<日期>",
        help="按哪一天算灯（默认报送期末）；不写 --period 时也按这一天（默认今天）取报送期。",
        show_default=False,
    ),
]
PeriodOption = Annotated[
    str | None,
    typer.Option(
        "--period",
        metavar="<报送期>",
        help="报送期：按月 2023-05，按季 2023-Q2（2023年二季度），半年 2023-H1；"
        "不写时取 --as-of 那天（默认今天）所在的报送期（已出台账或记过报送的最近一期）。",
        show_default=False,
    ),
]
