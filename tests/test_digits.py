"""Cell numbers as printed, and digit runs split by the form's identities."""

import pytest

from parsing.digits import agree, split_pieces, text_to_pieces
from parsing.model import Cell
from parsing.tables import read_row, text_to_tokens

UNSIGNED = [(False, False)] * 7


def values(cells):
    return [c.value for c in cells]


@pytest.mark.parametrize("text, expected", [
    pytest.param("增1", [1], id="增 word"),
    pytest.param("减21", [-21], id="减 word"),
    pytest.param("+3", [3], id="plus sign"),
    pytest.param("--253", [-253], id="doubled minus"),
    pytest.param("43027665.50元", [43027665.5], id="amount in 元"),
    pytest.param("103.3879万元", [1033879.0], id="amount in 万元"),
    pytest.param("1,234", [1234], id="thousands separator"),
    pytest.param("662.441", [662.441], id="decimal"),
])
def test_single_cells(text, expected):
    tokens = text_to_tokens(text)
    assert [p.sign * (float(f"{p.digits}.{p.decimals}") if p.decimals else int(p.digits)) * (10000 if p.unit == "万元" else 1)
            for p in tokens] == expected


@pytest.mark.parametrize("text, mark", [("/", "/"), ("-", "-"), ("—", "—"), ("无", "无")])
def test_null_marks_keep_their_text(text, mark):
    assert text_to_tokens(f"| {text} |") == [Cell(None, mark)]


def test_a_unique_split_by_row_sum():
    # pingtan-2020 new_received: "200 000121" = 20, 0, 0, 0, 0, 1 | 21
    pieces = text_to_pieces("200") + text_to_pieces("000121")
    ok = lambda cells: sum(values(cells)[:-1]) == values(cells)[-1]  # noqa: E731
    assert [values(c) for c in split_pieces(pieces, UNSIGNED, ok)] == [[20, 0, 0, 0, 0, 1, 21]]


def test_an_ambiguous_split_is_null_with_its_candidates():
    # pingtan-2021 行政规范性文件 "693665": no identity links the three cells of table 二.
    read = read_row(text_to_tokens("693665"), [(False, False)] * 3, splittable=True)
    cells, open_ = agree(read.candidates)
    assert values(cells) == [None, None, None]
    assert open_ == {0: [6, 69, 693, 6936], 1: [3, 6, 9, 36, 66, 93, 366, 936, 9366], 2: [5, 65, 665, 3665]}


def test_a_sign_belongs_to_the_signed_column():
    # pingtan-2020 行政处罚 "2648-18538": the minus fixes 上一年项目数量 = 2648.
    read = read_row(text_to_tokens("2648-18538"), [(False, False), (True, False), (False, False)], splittable=True)
    cells, open_ = agree(read.candidates)
    assert values(cells) == [2648, None, None]
    assert open_ == {1: [-1853, -185, -18, -1], 2: [8, 38, 538, 8538]}


def test_no_leading_zeros():
    # pingtan-2020 其他对外管理服务事项 "107105": the golden lists exactly these five splits.
    splits = [values(c) for c in split_pieces(text_to_pieces("107105"), [(False, False)] * 3)]
    assert splits == [[1, 0, 7105], [10, 7, 105], [10, 710, 5], [107, 10, 5], [1071, 0, 5]]


def test_separated_rows_are_never_split():
    assert read_row(text_to_tokens("| 26 | 2 | 28 |"), UNSIGNED, splittable=False) is None


def test_a_long_run_gives_up_instead_of_hanging():
    with pytest.raises(OverflowError):
        list(split_pieces(text_to_pieces("1" * 60), [(False, False)] * 15, limit=10_000))
