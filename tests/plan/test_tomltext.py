"""plan/tomltext.py writes what tomli-w writes, character for character: the real dataset,
an imported plan's document, and any document of the values a dataset holds."""

from __future__ import annotations

import datetime as dt

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from fenggong.plan.document import dataset_document
from fenggong.plan.model import Plan
from fenggong.plan.tomltext import dumps


def test_the_real_dataset_is_written_as_tomli_w_writes_it(plan: Plan) -> None:
    document = dataset_document(plan)
    assert dumps(document) == tomli_w.dumps(document)


def test_what_needs_escaping_and_the_rarer_types_are_written_as_tomli_w_writes_them() -> None:
    document = {
        "plan": {"title": 'A "quoted" \\ title\twith tab\nand line', "issued": dt.date(2024, 1, 2)},
        "flags": [True, False, 1.5, float("inf"), dt.datetime(2024, 1, 2, 3, 4, 5)],
        "键 with space": {"": "empty key", "x.y": ["\x00", "\x7f", "\u2028"]},
        "short": [{"name": "甲"}, {"name": "乙", "aliases": []}],
        "long": [{"text": "字" * 60}, {"text": "短", "extras": {"完成时限": "年底前"}}],
        "nested": [[1, [2, 3]], [], [{"a": 1}]],
        "empty": {},
    }
    assert dumps(document) == tomli_w.dumps(document)


def test_what_toml_cannot_hold_is_refused_as_tomli_w_refuses_it() -> None:
    with pytest.raises(TypeError, match="not TOML serializable"):
        dumps({"x": object()})
    with pytest.raises(TypeError, match="Invalid mapping key"):
        dumps({"x": {1: 2}})  # type: ignore[dict-item]


_text = st.text(
    st.sampled_from(["a", "Z", "0", "-", "_", " ", '"', "\\", "\n", "\t", "\x01", "字", "、"]),
    max_size=12,
)
_scalar = st.one_of(_text, st.integers(-5, 10**12), st.booleans(), st.dates())
_value = st.recursive(
    _scalar,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_text, inner, max_size=3)),
    max_leaves=12,
)
_table = st.dictionaries(_text, _value, max_size=4)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_text, st.one_of(_value, _table, st.lists(_table, max_size=3)), max_size=5))
def test_any_document_is_written_as_tomli_w_writes_it(document: dict[str, object]) -> None:
    assert dumps(document) == tomli_w.dumps(document)
