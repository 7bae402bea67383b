"""The arithmetic the form implies (勾稽关系), checked on a parsed report: each rule one result."""

from parsing.model import Check, Number, Rows, Table
from parsing.vocab import APPEAL_BLOCKS, APPEAL_METRICS, APPLICANTS, REQUEST_ROWS, outcome_rows

COLUMNS = list(APPLICANTS)


def _label(row: str) -> str:
    return REQUEST_ROWS[row]


def _verdict(rule: str, failures: list[str], unknown: list[str]) -> Check:
    """Given the equations that failed and those that could not be decided, return the rule's result."""
    if failures:
        return Check(rule, False, "; ".join(failures))
    if unknown:
        return Check(rule, None, "无法核对(单元格缺失): " + "; ".join(unknown[:6]) + (" …" if len(unknown) > 6 else ""))
    return Check(rule, True, "全部相符")


def _grid(requests: Table) -> dict[str, list[Number | None]]:
    """Given table 三, return each row's values by column: the checks read every row more than once."""
    return {row: requests.values(row, COLUMNS) for row in requests.rows}


def _row_values(grid: dict[str, list[Number | None]], row: str) -> list[Number | None]:
    return grid.get(row) or [None] * len(COLUMNS)


def check_balance(requests: Table, grid: dict[str, list[Number | None]] | None = None) -> Check:
    """一 + 二 = (七)总计 + 四, per column (the form states it above table 三)."""
    failures, unknown = [], []
    grid = _grid(requests) if grid is None else grid
    columns = [_row_values(grid, row) for row in ("new_received", "carried_over", "processed_total", "carried_forward")]
    for col, new, carried, total, forward in zip(COLUMNS, *columns):
        if None in (new, carried, total, forward):
            unknown.append(APPLICANTS[col])
        elif new + carried != total + forward:
            failures.append(
                f"表三 · {APPLICANTS[col]}: 新收{new} + 上年结转{carried} = {new + carried}, "
                f"但 (七)总计{total} + 结转下年度{forward} = {total + forward}"
            )
    return _verdict("balance", failures, unknown)


def check_row_sum(requests: Table, grid: dict[str, list[Number | None]] | None = None) -> Check:
    """Each row's six applicant columns add up to its 总计."""
    failures, unknown = [], []
    grid = _grid(requests) if grid is None else grid
    for row, values in grid.items():
        if None in values:
            unknown.append(_label(row))
        elif sum(values[:-1]) != values[-1]:
            failures.append(f"表三 · {_label(row)} · 总计: {values[-1]}, 但各类申请人之和为 {sum(values[:-1])}")
    return _verdict("row_sum", failures, unknown)


def check_outcome_sum(requests: Table, grid: dict[str, list[Number | None]] | None = None) -> Check:
    """The outcome rows add up to (七)总计, per column."""
    failures, unknown = [], []
    grid = _grid(requests) if grid is None else grid
    rows = [grid[r] for r in outcome_rows(requests.format or "2021") if r in grid]
    totals = _row_values(grid, "processed_total")
    by_column = zip(*rows) if rows else [()] * len(COLUMNS)  # transposed in C, not a list built per column
    for col, total, parts in zip(COLUMNS, totals, by_column):
        if None in parts or total is None:
            unknown.append(APPLICANTS[col])
        elif sum(parts) != total:
            failures.append(f"表三 · (七)总计 · {APPLICANTS[col]}: {total}, 但上面各办理结果之和为 {sum(parts)}")
    return _verdict("outcome_sum", failures, unknown)


def check_appeals_sum(appeals: Rows) -> Check:
    """维持 + 纠正 + 其他 + 尚未审结 = 总计, in each block of table 四."""
    failures, unknown = [], []
    for block, label in APPEAL_BLOCKS.items():
        cells = appeals.get(block, {})
        values = [cells[m].value if m in cells else None for m in APPEAL_METRICS]
        if None in values:
            unknown.append(label)
        elif sum(values[:-1]) != values[-1]:
            failures.append(f"表四 · {label} · 总计: {values[-1]}, 但维持+纠正+其他+尚未审结 = {sum(values[:-1])}")
    return _verdict("appeals_sum", failures, unknown)


def check_ambiguous(ambiguous: dict[str, list[Number]]) -> Check:
    """Cells whose digits ran together and that no identity settles."""
    if not ambiguous:
        return Check("ambiguous_digits", True, "无")
    listed = "; ".join(f"{path}: {values[:6]}" for path, values in list(ambiguous.items())[:8])
    return Check("ambiguous_digits", False, f"{len(ambiguous)} 个单元格数字连写、有多种拆分, 已置空: {listed}")


def check_unplaced(unplaced: list[str]) -> Check:
    """Rows the document prints but that cannot be given a place in the form."""
    if not unplaced:
        return Check("unplaced_rows", True, "无")
    return Check("unplaced_rows", False, "无法确定位置、已置空的行: " + ", ".join(unplaced))


def run_checks(requests: Table, appeals: Rows, ambiguous: dict[str, list[Number]], unplaced: list[str]) -> tuple[Check, ...]:
    """Given the decoded tables, return every check's result."""
    grid = _grid(requests)
    return (
        check_balance(requests, grid),
        check_row_sum(requests, grid),
        check_outcome_sum(requests, grid),
        check_appeals_sum(appeals),
        check_ambiguous(ambiguous),
        check_unplaced(unplaced),
    )
