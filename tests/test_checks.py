"""Each check on a hand-made table that passes and one that fails, and unknowable cells."""

from parsing.checks import check_appeals_sum, check_balance, check_outcome_sum, check_row_sum
from parsing.model import Cell, Table
from parsing.vocab import APPEAL_BLOCKS, APPEAL_METRICS, APPLICANTS, request_rows


def table(values: dict[str, int | None], default: int = 0) -> Table:
    """A 2021 table 三 whose natural_person and total columns hold the given row values."""
    rows = {}
    for row in request_rows("2021"):
        v = values.get(row, default)
        rows[row] = {c: Cell(0, "0") for c in APPLICANTS}
        rows[row]["natural_person"] = Cell(v, "" if v is None else str(v))
        rows[row]["total"] = Cell(v, "" if v is None else str(v))
    return Table("2021", rows)


GOOD = {"new_received": 3, "carried_over": 1, "granted": 2, "other_other": 1, "processed_total": 3, "carried_forward": 1}


def test_a_table_that_adds_up_passes_every_check():
    t = table(GOOD)
    assert [check_balance(t).ok, check_row_sum(t).ok, check_outcome_sum(t).ok] == [True, True, True]


def test_balance_names_the_column_and_the_numbers():
    t = table({**GOOD, "processed_total": 6, "granted": 5})
    result = check_balance(t)
    assert result.ok is False
    assert "表三 · 自然人: 新收3 + 上年结转1 = 4, 但 (七)总计6 + 结转下年度1 = 7" in result.detail


def test_outcome_sum_names_the_cell():
    result = check_outcome_sum(table({**GOOD, "processed_total": 6}))
    assert result.ok is False
    assert result.detail.startswith("表三 · (七)总计 · 自然人: 6, 但上面各办理结果之和为 3")


def test_row_sum_fails_on_a_wrong_total():
    t = table(GOOD)
    t.rows["granted"]["total"] = Cell(9, "9")
    result = check_row_sum(t)
    assert result.ok is False
    assert result.detail == "表三 · (一)予以公开 · 总计: 9, 但各类申请人之和为 2"


def test_a_missing_cell_is_unknown_not_ok():
    result = check_outcome_sum(table({**GOOD, "denied_state_secret": None}))
    assert result.ok is None
    assert result.detail.startswith("无法核对")


def test_appeals_sum():
    good = {b: {m: Cell(v, str(v)) for m, v in zip(APPEAL_METRICS, (1, 2, 2, 0, 5))} for b in APPEAL_BLOCKS}
    assert check_appeals_sum(good).ok is True
    good["review"]["total"] = Cell(0, "0")
    result = check_appeals_sum(good)
    assert result.ok is False
    assert result.detail == "表四 · 行政复议 · 总计: 0, 但维持+纠正+其他+尚未审结 = 5"
