"""The one place that knows how a parsed record is compared with a golden file (mirrors check_golden.py)."""

CORE_RULES = {"balance", "row_sum", "outcome_sum", "appeals_sum"}


def golden_cells(golden: dict):
    """Yield (path, expected) for every compared value of a golden record."""
    yield ("year",), golden["year"]
    for k, v in golden.get("region", {}).items():
        yield ("region", k), v
    yield ("published",), golden.get("published")
    yield ("script",), golden.get("script")
    for section in ("active", "requests"):
        yield (section, "format"), golden[section]["format"]
        for row, metrics in golden[section]["rows"].items():
            for metric, v in metrics.items():
                yield (section, "rows", row, metric), v
    for block, metrics in golden["appeals"].items():
        for metric, v in metrics.items():
            yield ("appeals", block, metric), v
    yield ("info_processing_fee_yuan",), golden.get("info_processing_fee_yuan")


def _dig(record: dict, path: tuple):
    cur = record
    for key in path:
        if not isinstance(cur, dict) or key not in cur:
            return "<absent>"
        cur = cur[key]
    return cur


def _same(expected, got) -> bool:
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        return isinstance(got, (int, float)) and not isinstance(got, bool) and abs(got - expected) < 1e-6
    return expected == got


def golden_differences(record: dict, golden: dict) -> list[str]:
    """Given a parsed record and its golden, return one line per cell that differs."""
    wrong = []
    lenient = golden.get("unlabeled_requests_table", False)
    for path, expected in golden_cells(golden):
        got = _dig(record, path)
        if _same(expected, got):
            continue
        # Rows whose labels were lost may be null, never a wrong number (spec: golden-only keys).
        if lenient and path[:2] == ("requests", "rows") and got in (None, "<absent>") \
                and path[2] not in ("new_received", "carried_over", "carried_forward"):
            continue
        wrong.append(f"{'.'.join(path)}: expected {expected!r}, got {got!r}")
    if record.get("agency") not in golden["agency_any"]:
        wrong.append(f"agency: expected one of {golden['agency_any']}, got {record.get('agency')!r}")
    failed = sorted(c["rule"] for c in record.get("checks", []) if c["ok"] is False and c["rule"] in CORE_RULES)
    if failed != sorted(golden.get("failed_checks", [])):
        wrong.append(f"failed checks: expected {golden.get('failed_checks', [])}, got {failed}")
    for path, values in golden.get("ambiguous_cells", {}).items():
        if sorted(record.get("ambiguous_cells", {}).get(path, [])) != sorted(values):
            wrong.append(f"ambiguous {path}: expected candidates {values}, got {record.get('ambiguous_cells', {}).get(path)}")
    return wrong
