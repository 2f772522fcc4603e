"""The shared options reach the commands as one `FilterRequest` and one `Output`."""

from __future__ import annotations

import inspect
from pathlib import Path

import typer

from fenggong.cli import options, output_options
from fenggong.cli.app import COMMAND_MODULES
from fenggong.present.formats import DATASET, RECORDS, REPORTS, Format
from fenggong.queries.requests import FilterRequest


def test_filter_options_are_the_request_fields_in_order() -> None:
    # `with_filters` builds the request positionally from the options.
    assert tuple(options._FILTER_OPTIONS) == FilterRequest._fields


def test_a_command_receives_the_request() -> None:
    seen: list[FilterRequest] = []

    @options.with_filters
    def command(filters: FilterRequest, other: int = 0) -> None:
        seen.append(filters)

    defaults = {name: default for name, (_, default) in options._FILTER_OPTIONS.items()}
    command(**{**defaults, "lead": ["工信"], "category": [4]}, other=1)
    assert seen == [FilterRequest(lead=("工信",), category=(4,))]


def test_a_command_receives_one_output() -> None:
    seen: list[options.Output] = []

    @options.with_output(RECORDS)
    def command(out: options.Output, other: int = 0) -> None:
        seen.append(out)

    names = [p.name for p in inspect.signature(command).parameters.values()]
    assert names == ["other", "fmt", "output", "force", "bom", "ascii_only", "data"]
    command(fmt=None, output=Path("x.csv"), force=True, bom=None, ascii_only=False, data=None)
    (out,) = seen
    assert (out.format, out.path, out.force) == (Format.CSV, Path("x.csv"), True)


def test_output_options_follow_the_formats() -> None:
    # No --bom without CSV/TSV, no --ascii without the terminal table.
    report = [p.name for p in output_options._output_parameters(REPORTS)]
    dataset = [p.name for p in output_options._output_parameters(DATASET)]
    assert report == ["fmt", "output", "force", "ascii_only", "data"]
    assert dataset == ["fmt", "output", "force", "bom", "data"]


def test_choice_enums_agree_with_what_they_choose() -> None:
    from fenggong.present.answers.supervision import GROUPS
    from fenggong.queries.lights import Light

    assert [c.value for c in options.LightChoice] == [x.value for x in Light]
    assert [c.value for c in options.StatusBy] == list(GROUPS)


def test_every_command_with_output_offers_exactly_its_formats() -> None:
    from fenggong.cli.app import build_app
    from tests.present.test_formats import COMMANDS

    command = typer.main.get_command(build_app(COMMAND_MODULES))
    for name, (_, formats) in COMMANDS.items():
        (option,) = [p for p in command.commands[name].params if p.name == "fmt"]  # type: ignore[attr-defined]
        assert list(option.type.choices) == [f.value for f in formats.accepted], name
