"""The shared filter options reach the commands as one `FilterRequest`."""

from __future__ import annotations

from fenggong.cli import options
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
