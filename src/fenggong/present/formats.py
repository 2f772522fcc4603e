"""The output formats, the file extensions that choose them, and which formats each kind of
answer accepts (cheap: the CLI declares its options with them at start-up)."""

from enum import StrEnum
from typing import NamedTuple


class Format(StrEnum):
    """Every output format."""

    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"
    JSONL = "jsonl"
    MD = "md"
    TOML = "toml"
    XLSX = "xlsx"
    DOCX = "docx"


#: Formats written as bytes: never to a terminal.
BINARY = frozenset({Format.XLSX, Format.DOCX})


#: File extensions that choose a format for `-o FILE`.
EXTENSIONS = {
    ".csv": Format.CSV,
    ".tsv": Format.TSV,
    ".txt": Format.TSV,
    ".json": Format.JSON,
    ".jsonl": Format.JSONL,
    ".ndjson": Format.JSONL,
    ".md": Format.MD,
    ".markdown": Format.MD,
    ".toml": Format.TOML,
    ".xlsx": Format.XLSX,
    ".docx": Format.DOCX,
}


class Formats(NamedTuple):
    """The formats a command accepts (in the order messages list them), and its defaults
    on a terminal and in a pipe."""

    accepted: tuple[Format, ...]
    terminal: Format
    pipe: Format


#: Records and tables: every text format; CSV in a pipe.
RECORDS = Formats(
    (
        Format.TABLE,
        Format.CSV,
        Format.TSV,
        Format.JSON,
        Format.JSONL,
        Format.MD,
        Format.XLSX,
        Format.DOCX,
    ),
    Format.TABLE,
    Format.CSV,
)
#: A task's details: as records, but Markdown in a pipe (a one-row CSV reads badly).
DETAILS = RECORDS._replace(pipe=Format.MD)
#: Briefs and the overview: not flat enough for CSV.
REPORTS = Formats(
    (Format.TABLE, Format.MD, Format.JSON, Format.XLSX, Format.DOCX), Format.TABLE, Format.MD
)
#: The dataset itself (`export`): TOML unless asked otherwise.
DATASET = Formats((Format.TOML, Format.JSON, Format.CSV, Format.XLSX), Format.TOML, Format.TOML)
#: A plan read in by `import`: TOML, the dataset's own format.
IMPORTED = Formats((Format.TOML,), Format.TOML, Format.TOML)
#: The 督办 ledger a unit fills in: a workbook.
LEDGER = Formats((Format.XLSX,), Format.XLSX, Format.XLSX)
