"""One writer per format, each returning the text; `render` is the one dispatch over formats."""

from typing import assert_never

from fenggong.present.formats import Format
from fenggong.present.view import Answer, Kind, Report, View, cell_formatter, cell_text

#: Cell starts that a spreadsheet would run as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: First characters of a cell that may start a formula, at once or after spaces.
_RISKY_FIRST = frozenset((*_FORMULA_STARTS, " ", "\n", "\r", "\t", "\u3000"))
#: The width of a table written to a file (no terminal to measure).
FILE_WIDTH = 160


def render(
    answer: Answer, fmt: Format, *, ascii_lines: bool = False, escape_json: bool = False
) -> str | bytes:
    """The answer in one format (text formats as text, .xlsx and .docx as bytes): tables
    drawn with ASCII lines if asked, JSON's non-ASCII escaped if asked (for a stdout that
    cannot hold Chinese)."""
    match fmt:
        case Format.TABLE:
            from fenggong.present.render.terminal.screen import screen_text

            return screen_text(answer.screen, FILE_WIDTH, ascii_only=ascii_lines)
        case Format.CSV:
            return to_delimited(_records(answer), ",")
        case Format.TSV:
            return to_delimited(_records(answer), "\t")
        case Format.JSON:
            if answer.document is not None:
                document = answer.document
                if callable(document):  # built only now (a brief's, one dict per task)
                    document = document()
                return json_text(document, ascii_only=escape_json)
            return json_text(records(_records(answer)), ascii_only=escape_json)
        case Format.JSONL:
            return to_jsonl(_records(answer), ascii_only=escape_json)
        case Format.MD:
            if answer.markdown is not None:
                return report_markdown(answer.markdown)
            note = f"> {answer.note}\n\n" if answer.note else ""
            return note + to_markdown(_records(answer))
        case Format.TOML:
            from fenggong.plan.document import dataset_toml

            assert isinstance(answer.document, dict), "only a dataset is written as TOML"
            return dataset_toml(answer.document)
        case Format.XLSX:
            from fenggong.present.render.xlsx import to_xlsx

            return to_xlsx(answer)
        case Format.DOCX:
            from fenggong.present.render.docx import to_docx

            return to_docx(answer)
        case _:
            assert_never(fmt)


def _records(answer: Answer) -> View:
    if answer.records is None:  # `choose_format` refuses these formats for such answers
        raise ValueError("this answer has no records")
    return answer.records


def neutralise(cell: str) -> str:
    """Stop a spreadsheet from running a cell as a formula (=, +, -, @, tab, CR), also when
    spaces or line breaks stand before it."""
    if not cell or cell[0] not in _RISKY_FIRST:  # nearly every cell: nothing to do
        return cell
    return (
        "'" + cell
        if cell.lstrip(" \n\r\t\u3000").startswith(_FORMULA_STARTS)
        or cell.startswith(_FORMULA_STARTS)
        else cell
    )


def to_delimited(view: View, delimiter: str = ",") -> str:
    """CSV (or TSV) with a header row; lists of names joined with 、."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow([neutralise(c.header) for c in view.columns])  # headers can be names
    kinds = [c.kind for c in view.columns]
    as_is = [kind in (Kind.TEXT, Kind.NAME) for kind in kinds]  # a str is its own text
    for row in view.rows:
        writer.writerow(
            [
                neutralise(value)
                if plain and type(value) is str
                else cell_text(kind, value)
                if kind is Kind.NUMBER
                else neutralise(cell_text(kind, value))
                for kind, plain, value in zip(kinds, as_is, row, strict=True)
            ]
        )
    return buffer.getvalue()


def json_text(data: object, *, ascii_only: bool = False) -> str:
    """Indented JSON with a final newline (dates as ISO strings)."""
    import json  # only the JSON outputs pay for it

    return json.dumps(data, ensure_ascii=ascii_only, indent=2, default=str) + "\n"


def records(view: View) -> list[dict[str, object]]:
    """The rows as JSON objects keyed by the columns' keys (raw values, not labels)."""
    keys = [c.key for c in view.columns]
    return [dict(zip(keys, row, strict=True)) for row in view.rows]


def to_jsonl(view: View, *, ascii_only: bool = False) -> str:
    """One JSON object per line."""
    import json

    return "".join(
        json.dumps(r, ensure_ascii=ascii_only, default=str) + "\n" for r in records(view)
    )


def to_markdown(view: View) -> str:
    """A GitHub-flavoured Markdown table."""
    lines = [
        "| " + " | ".join(_md_cell(c.header) for c in view.columns) + " |",
        "|" + "|".join("---" for _ in view.columns) + "|",
    ]
    shown = [cell_formatter(c.kind) for c in view.columns]
    bars = len(shown) - 1  # a row whose cells hold no bar has only the separators'
    for row in view.rows:
        texts = [text(v) for text, v in zip(shown, row, strict=True)]
        line = " | ".join(texts)
        if line.count("|") != bars or "\\" in line or "\n" in line or "\r" in line:
            line = " | ".join(map(_md_cell, texts))  # a cell to escape (rare): one by one
        lines.append(f"| {line} |")
    return "\n".join(lines) + "\n"


def report_markdown(report: Report) -> str:
    """A report as Markdown sections: the heading, the facts, then each table under its title."""
    lines = [f"## {report.heading}", ""] if report.heading else []
    if report.facts:
        lines += [report.facts, ""]
    for part in report.parts:
        lines += [f"### {part.title}", "", to_markdown(part.view)]
    return "\n".join(lines).rstrip("\n") + "\n"


#: What a Markdown cell escapes: the backslash and bar, line breaks as <br>.
_MD_ESCAPES = str.maketrans({"\\": "\\\\", "|": "\\|", "\r": None, "\n": "<br>"})


def _md_cell(text: str) -> str:
    if "\\" in text or "|" in text or "\r" in text or "\n" in text:
        return text.translate(_MD_ESCAPES)
    return text
