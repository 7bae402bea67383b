"""The four arithmetic identities of the form, restated apart from the parser so tests can check it."""

from parsing.vocab import APPEAL_METRICS, APPLICANTS, outcome_rows

RULES: tuple[str, ...] = ("balance", "row_sum", "outcome_sum", "appeals_sum")
"""The rules a planted error can break; the parser's checks of the same names must find them."""

PARTS = [c for c in APPLICANTS if c != "total"]


def _known(*values) -> bool:
    return all(v is not None for v in values)


def failing_rules(record: dict) -> list[str]:
    """Given a record, return the rules (of ``RULES``) that some equation with all its cells present breaks."""
    rows = record["requests"]["rows"]
    cell = lambda row, col: rows.get(row, {}).get(col)  # noqa: E731
    failed = set()
    for col in APPLICANTS:
        sides = [cell(r, col) for r in ("new_received", "carried_over", "processed_total", "carried_forward")]
        if _known(*sides) and sides[0] + sides[1] != sides[2] + sides[3]:
            failed.add("balance")
        parts = [cell(r, col) for r in outcome_rows(record["requests"]["format"])]
        if _known(*parts, sides[2]) and sum(parts) != sides[2]:
            failed.add("outcome_sum")
    for row, cols in rows.items():
        parts = [cols.get(c) for c in PARTS]
        if _known(*parts, cols.get("total")) and sum(parts) != cols["total"]:
            failed.add("row_sum")
    for block in record["appeals"].values():
        values = [block.get(m) for m in APPEAL_METRICS]
        if _known(*values) and sum(values[:-1]) != values[-1]:
            failed.add("appeals_sum")
    return [rule for rule in RULES if rule in failed]
