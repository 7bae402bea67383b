"""Seeded records with known, internally consistent numbers: exactly what the parser must read back."""

import random
from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache

from opencc import OpenCC

from parsing.vocab import ACTIVE_METRICS, APPEAL_BLOCKS, outcome_rows, request_rows
from synth.identities import RULES, failing_rules
from synth.places import KINDS, agency_name, places

APPLICANT_WEIGHTS: dict[str, float] = {
    "natural_person": 0.85, "commercial_enterprise": 0.07, "research_institution": 0.005,
    "social_welfare_org": 0.01, "legal_service_org": 0.045, "other_org": 0.02,
}
"""Who asks: mostly private persons, then companies and law firms."""

OUTCOME_WEIGHTS: dict[str, float] = {
    "granted": 0.42, "partially_granted": 0.1,
    "denied_state_secret": 0.005, "denied_prohibited_by_law": 0.01, "denied_endangers_security_stability": 0.005,
    "denied_third_party_rights": 0.02, "denied_internal_affairs": 0.02, "denied_process_information": 0.03,
    "denied_law_enforcement_files": 0.01, "denied_administrative_query": 0.03,
    "unavailable_not_held": 0.16, "unavailable_needs_creation": 0.03, "unavailable_unclear_after_correction": 0.02,
    "not_processed_complaint": 0.03, "not_processed_duplicate": 0.02, "not_processed_publication": 0.01,
    "not_processed_excessive": 0.01, "not_processed_confirmation": 0.01,
    "other_no_correction": 0.02, "other_fee_unpaid": 0.003, "other_other": 0.03, "other": 0.05,
}
"""How requests end, roughly as the national statistics report them."""

APPEAL_WEIGHTS: dict[str, float] = {"upheld": 0.55, "corrected": 0.15, "other": 0.15, "pending": 0.15}
"""How reviews and suits end (总计 is their sum)."""

PLANT_SIZE = (1, 9)
"""Bounds of the amount a planted error is off by."""


@cache
def _converters() -> tuple[OpenCC, OpenCC]:
    return OpenCC("s2t"), OpenCC("t2s")


def round_trips_script(name: str) -> bool:
    """Given a name, return whether it survives traditional script and back (乾安县 comes back as 干安县)."""
    s2t, t2s = _converters()
    return t2s.convert(s2t.convert(name)) == name


def _split(rng: random.Random, n: int, weights: dict[str, float]) -> dict[str, int]:
    """Given a count, return it split at random over the keys of ``weights``."""
    counts = dict.fromkeys(weights, 0)
    for key in rng.choices(list(weights), list(weights.values()), k=n):
        counts[key] += 1
    return counts


def _long_tail(rng: random.Random, zero: float, small: int, large: int) -> int:
    """Given the chance of zero and two upper bounds, return a count that is mostly small with a long tail."""
    r = rng.random()
    if r < zero:
        return 0
    if r < zero + (1 - zero) * 0.8:
        return rng.randint(1, small)
    return int(small * (large / small) ** rng.random())


def requests_rows(rng: random.Random, form: str) -> dict[str, dict[str, int]]:
    """Given a form, return a table 三 whose rows, columns and identities all add up."""
    rows = request_rows(form)
    outcomes = outcome_rows(form)
    new = _split(rng, _long_tail(rng, 0.35, 10, 3000), APPLICANT_WEIGHTS)
    carried = _split(rng, _long_tail(rng, 0.6, 3, 200), APPLICANT_WEIGHTS)
    table = {row: dict.fromkeys(APPLICANT_WEIGHTS, 0) for row in rows}
    weights = {k: OUTCOME_WEIGHTS[k] for k in outcomes}
    for col in APPLICANT_WEIGHTS:
        available = new[col] + carried[col]
        forward = rng.randint(0, available // 4) if rng.random() < 0.3 else 0
        for row, n in _split(rng, available - forward, weights).items():
            table[row][col] = n
        table["new_received"][col], table["carried_over"][col] = new[col], carried[col]
        table["processed_total"][col], table["carried_forward"][col] = available - forward, forward
    return {row: {**cols, "total": sum(cols.values())} for row, cols in table.items()}


def appeals_blocks(rng: random.Random) -> dict[str, dict[str, int]]:
    """Return table 四: three blocks whose four outcomes add up to their 总计."""
    blocks = {}
    for block, zero in zip(APPEAL_BLOCKS, (0.7, 0.8, 0.92)):
        parts = _split(rng, _long_tail(rng, zero, 5, 60), APPEAL_WEIGHTS)
        blocks[block] = {**parts, "total": sum(parts.values())}
    return blocks


def _money(rng: random.Random, low: float, high: float) -> int | float:
    """Given decimal exponents, return an amount with zero to four decimals, as reports print them."""
    value = round(10 ** rng.uniform(low, high), rng.choice((0, 0, 1, 2, 3, 4)))
    return int(value) if value == int(value) else value


def active_cells(rng: random.Random, item: str, metric: str) -> int | float:
    """Given a table 二 row and a metric, return a plausible value for it."""
    if item == "regulations":
        # Counties make no 规章; only cities and provinces do.
        return 0 if rng.random() < 0.85 else rng.randint(0, 12)
    if metric in ("issued", "made", "published", "repealed"):
        return _long_tail(rng, 0.3, 9, 90)
    if metric in ("in_force", "total_public"):
        return _long_tail(rng, 0.1, 99, 900)
    if metric == "previous_items":
        return _long_tail(rng, 0.3, 30, 600)
    if metric == "change":
        return 0 if rng.random() < 0.5 else rng.choice((-1, 1)) * rng.randint(1, 30)
    if metric == "decisions":
        return _long_tail(rng, 0.3, 99, 400_000)
    if metric == "amount_10k_yuan":
        return 0 if rng.random() < 0.4 else _money(rng, -2, 4)
    if metric == "projects":
        return _long_tail(rng, 0.4, 20, 300)
    return 0 if rng.random() < 0.4 else _money(rng, 3, 8)


def active_rows(rng: random.Random, form: str) -> dict[str, dict[str, int | float | None]]:
    """Given a form, return table 二; now and then a row or a cell left blank, as some reports leave them."""
    rows = {}
    for item, metrics in ACTIVE_METRICS[form].items():
        blank = rng.random() < 0.04
        rows[item] = {m: None if blank else active_cells(rng, item, m) for m in metrics}
        if not blank and len(metrics) > 1 and rng.random() < 0.03:
            rows[item][rng.choice(metrics)] = None  # one cell left open, as 汉阳区 2022 leaves 现行有效件数
    procurement = rows.get("centralized_procurement")
    if procurement and procurement["projects"] == 0:
        procurement["amount_yuan"] = 0
    return rows


def info_fee(rng: random.Random, year: int) -> int | None:
    """Given a year, return the 信息处理费 charged: None (not mentioned), 0, or an amount in 元."""
    r = rng.random()
    if year < 2021:
        # The fee exists from 2021 (国办函〔2020〕109号); earlier reports rarely mention it.
        return None if r < 0.7 else 0
    if r < 0.15:
        return None
    if r < 0.8:
        return 0
    return rng.choice((100, 200, 300, 380, 400, 600, 1000, 1500, 2000, 3000, 4500))


def published_date(rng: random.Random, year: int) -> str | None:
    """Given a statistics year, return the signature date (January to March of the next year) or None."""
    if rng.random() < 0.1:
        return None
    return (date(year + 1, 1, 10) + timedelta(days=rng.randint(0, 80))).isoformat()


def form_of(rng: random.Random, year: int) -> str:
    """Given a year, return the form its report follows: 2019 up to 2020, 2021 after, with stragglers."""
    if year <= 2020:
        return "2019"
    return "2019" if year <= 2022 and rng.random() < 0.1 else "2021"


def plant(record: dict, rule: str, rng: random.Random) -> None:
    """Given a consistent record and a rule, put in the kind of error that breaks that rule alone."""
    rows, d = record["requests"]["rows"], rng.randint(*PLANT_SIZE)
    col = rng.choice(list(APPLICANT_WEIGHTS))
    bump = lambda row, c: rows[row].__setitem__(c, rows[row][c] + d)  # noqa: E731
    if rule == "balance":
        # 结转下年度 miscounted: it is in no other equation.
        bump("carried_forward", col), bump("carried_forward", "total")
    elif rule == "outcome_sum":
        # (七)总计 counted from the intake rather than from the outcomes listed above it.
        for row in ("processed_total", "new_received"):
            bump(row, col), bump(row, "total")
    elif rule == "row_sum":
        # A wrong 总计 carried down the total column: outcome row, (七)总计 and 新收 all off by d.
        row = rng.choice(outcome_rows(record["requests"]["format"]))
        for r in (row, "processed_total", "new_received"):
            bump(r, "total")
    elif rule == "appeals_sum":
        block = record["appeals"][rng.choice(list(APPEAL_BLOCKS))]
        block["total"] += d
    else:
        raise ValueError(f"cannot plant {rule!r}; plantable rules are {RULES}")


def generate(seed: int, plants: Iterable[str] = ()) -> dict:
    """Given a seed and rules to break, return the record the parser must output for the rendered report.

    The record has the keys of ``Report.to_dict()`` except ``checks``, plus ``failed_checks``: the
    rules (of ``RULES``) that must come out failing.
    """
    rng = random.Random(seed)
    place = rng.choice(places())
    kind = rng.choices(list(KINDS), list(KINDS.values()))[0]
    agency = agency_name(place, kind, rng)
    year = rng.randint(2019, 2025)
    form = form_of(rng, year)
    traditional = rng.random() < 0.1 and round_trips_script(agency)
    record = {
        "year": year,
        "agency": agency,
        "region": place.region(),
        "published": published_date(rng, year),
        "script": "traditional" if traditional else "simplified",
        "active": {"format": form, "rows": active_rows(rng, form)},
        "requests": {"format": form, "rows": requests_rows(rng, form)},
        "appeals": appeals_blocks(rng),
        "info_processing_fee_yuan": info_fee(rng, year),
    }
    for rule in sorted(set(plants)):
        plant(record, rule, rng)
    record["failed_checks"] = failing_rules(record)
    return record

