"""Line breaking of Chinese text in a terminal column."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from fenggong.present.render.terminal.linebreak import break_lines


def lines(text: str, width: int, items: str | None = None) -> list[str]:
    return [text[start:end] for start, end in break_lines(text, width, items=items)]


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("", 4, [""]),
        ("稳增长", 6, ["稳增长"]),
        ("稳增长促消费", 4, ["稳增", "长促", "消费"]),
        # A line never starts with closing punctuation: the character before it moves down.
        ("加快推动华陶，汇远", 12, ["加快推动华", "陶，汇远"]),
        ("打造消费集聚区。", 14, ["打造消费集聚", "区。"]),
        ("等制度”等", 6, ["等制", "度”等"]),
        # ... nor ends with opening punctuation.
        ("落实“一企一策”", 6, ["落实", "“一企", "一策”"]),
        # Numbers and Latin words stay whole.
        ("引进1个投资30亿元以上", 12, ["引进1个投资", "30亿元以上"]),
        ("抓住RCEP机遇", 6, ["抓住", "RCEP机", "遇"]),
        ("增长5.2%以上", 6, ["增长", "5.2%以", "上"]),
        # Latin text breaks at spaces, which are dropped.
        ("the quick brown fox", 10, ["the quick", "brown fox"]),
        # What is longer than a line is cut where the line is full.
        ("ABCDEFGHIJ", 4, ["ABCD", "EFGH", "IJ"]),
        ("。。。。。。", 4, ["。。", "。。", "。。"]),
        # One wide character needs two cells; a narrower column still gets one per line.
        ("一二三", 1, ["一", "二", "三"]),
    ],
)
def test_break_lines(text: str, width: int, expected: list[str]) -> None:
    assert lines(text, width) == expected


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        (22, ["县委组织部、", "县发展改革局、县科技局"]),
        # 县委组织部、县发展 would fit 18 cells; the break comes after the 、 instead.
        (18, ["县委组织部、", "县发展改革局、", "县科技局"]),
        # A full line that ends just before a 、 gives its last name to the next line.
        (16, ["县委组织部、", "县发展改革局、", "县科技局"]),
        # A name longer than the column is cut.
        (8, ["县委组织", "部、", "县发展改", "革局、", "县科技局"]),
    ],
)
def test_lists_break_after_a_separator(width: int, expected: list[str]) -> None:
    assert lines("县委组织部、县发展改革局、县科技局", width, items="、") == expected


@given(
    st.text(alphabet="县财政局，。、“”（）RCEP2023 abc", max_size=60),
    st.integers(min_value=2, max_value=30),
)
def test_lines_fit_and_lose_nothing_but_spaces(text: str, width: int) -> None:
    spans = break_lines(text, width, items="、")
    assert all(cell_len(text[start:end]) <= width for start, end in spans)
    assert all(start <= end for start, end in spans)
    assert [s for s, _ in spans] == sorted(s for s, _ in spans)
    kept = "".join(text[start:end] for start, end in spans)
    assert kept.replace(" ", "") == text.replace(" ", "")
