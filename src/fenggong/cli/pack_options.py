"""Options of the 督办 commands that the documents the 督查室 sends share (`notice`, `summary`,
`remind`): the progress store, who issues them, to whom, when, their number, one file per
分管领导."""

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from fenggong.cli.options import as_path
from fenggong.errors import UsageError

LogOption = Annotated[
    Path | None,
    typer.Option(
        "--log",
        parser=as_path,
        help="进展库（SQLite 文件）；默认在数据文件旁边，或环境变量 FENGGONG_LOG 指定。",
        show_default=False,
    ),
]

IssuerOption = Annotated[
    str, typer.Option("--issuer", help="发文机关（署名），如 县委督查室。", show_default=False)
]
ToOption = Annotated[str, typer.Option("--to", help="主送机关。")]
DocDateOption = Annotated[
    str | None,
    typer.Option("--date", help="成文日期（默认 --as-of 那天或今天）。", show_default=False),
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
    typer.Option("--as-of", help="按哪一天算灯（默认报送期末）。", show_default=False),
]


def doc_date(text: str | None, as_of: dt.date, as_of_given: str | None) -> dt.date:
    """The 成文日期: --date, else the --as-of day when one was given, else today."""
    if text is None:
        return as_of if as_of_given else dt.date.today()
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"--date「{text}」应写成 YYYY-MM-DD，如 2023-06-05") from None
