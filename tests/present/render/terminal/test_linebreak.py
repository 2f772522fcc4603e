"""Line breaking of Chinese text in a terminal column."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from fenggong.present.render.terminal.linebreak import CLAUSES, break_lines


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
        # A closing bracket that does not fit never takes a date's last digit with it.
        ("截至 2023-07-05）", 16, ["截至", "2023-07-05）"]),
        (
            "按任务（报送期 2023-06，截至 2023-07-05）",
            40,
            ["按任务（报送期 2023-06，截至", "2023-07-05）"],
        ),
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


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        # Names and labels break after a unit's ：, after a clause's ；, never inside a name.
        (
            "县工信商务局：连续两期滞后或未报送；县文广旅体局：2023-06 未启动",
            16,
            ["县工信商务局：", "连续两期滞后或未", "报送；", "县文广旅体局：", "2023-06 未启动"],
        ),
        # A ；（or ，、）ends a line before a colon does: the label stays with its words.
        (
            "原因：县工信商务局：连续两期滞后或未报送；县文广旅体局：连续两期滞后或未报送",
            60,
            ["原因：县工信商务局：连续两期滞后或未报送；", "县文广旅体局：连续两期滞后或未报送"],
        ),
        # A space where nothing better is in the line (2023-05 / 未报送； not 2023-05 未报 / 送；),
        # but a label's colon before a space inside its clause.
        ("黄：2023-06 未启动", 14, ["黄：", "2023-06 未启动"]),
        (
            "县工信商务局：2023-05 未报送；县农业农村局：2023-05 滞后",
            14,
            ["县工信商务局：", "2023-05", "未报送；", "县农业农村局：", "2023-05 滞后"],
        ),
        # Before a bracket whose words then fit a line; else at a space inside it.
        ("2023-12-31（年底）", 14, ["2023-12-31", "（年底）"]),
        ("滞后（2024-04 报）；连续两期", 16, ["滞后", "（2024-04 报）；", "连续两期"]),
        ("已超期（截止 2023-06-30）", 14, ["已超期（截止", "2023-06-30）"]),
        (
            "聚力固根基稳增长，推进经济运行向上向好",
            24,
            ["聚力固根基稳增长，", "推进经济运行向上向好"],
        ),
    ],
)
def test_names_and_labels_break_between_clauses(text: str, width: int, expected: list[str]) -> None:
    assert lines(text, width, CLAUSES) == expected


@pytest.mark.parametrize("items", ["、", CLAUSES])
@given(
    st.text(alphabet="县财政局，。、；：“”（）RCEP2023 abc", max_size=60),
    st.integers(min_value=2, max_value=30),
)
def test_lines_fit_and_lose_nothing_but_spaces(items: str, text: str, width: int) -> None:
    spans = break_lines(text, width, items=items)
    assert all(cell_len(text[start:end]) <= width for start, end in spans)
    assert all(start <= end for start, end in spans)
    assert [s for s, _ in spans] == sorted(s for s, _ in spans)
    kept = "".join(text[start:end] for start, end in spans)
    assert kept.replace(" ", "") == text.replace(" ", "")
