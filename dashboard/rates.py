"""The rates the dashboard shows, each defined once from the counts ``queries.summary`` returns."""

from dataclasses import dataclass

import pandas as pd

SMALL_SAMPLE = 30
"""Below this many cases a rate is shown, but marked as too small to judge and never flagged."""


@dataclass(frozen=True)
class Rate:
    """A share of cases: the sum of ``numerator`` columns over ``denominator`` minus the ``excluded`` columns."""

    label: str
    definition: str
    numerator: tuple[str, ...]
    denominator: str
    excluded: tuple[str, ...] = ()


RATES: dict[str, Rate] = {
    "disclosure_rate": Rate(
        "公开率", "(予以公开 + 部分公开) ÷ (七)总计", ("granted", "partially_granted"), "processed_total"
    ),
    "review_correction_rate": Rate(
        "复议纠错率", "行政复议结果纠正 ÷ (总计 − 尚未审结)", ("review_corrected",), "review_total",
        ("review_pending",),
    ),
    "litigation_correction_rate": Rate(
        "诉讼纠错率", "行政诉讼结果纠正 ÷ (总计 − 尚未审结)，含直接起诉与复议后起诉", ("litigation_corrected",),
        "litigation_total", ("litigation_pending",),
    ),
}
"""Every rate, keyed by the column ``add_rates`` gives it."""


def add_rates(counts: pd.DataFrame) -> pd.DataFrame:
    """Given rows of summed counts, return them with, per rate, its value and the counts it is made of.

    For a rate ``r`` the columns are ``r`` (a fraction, NA when nothing was decided), ``r_numerator``,
    ``r_denominator`` and ``r_is_small`` (fewer than ``SMALL_SAMPLE`` cases). Rates whose counts are not
    among the columns are left out."""
    out = counts.copy()
    for key, rate in RATES.items():
        if not {*rate.numerator, rate.denominator, *rate.excluded} <= set(out.columns):
            continue
        numerator = sum(out[c].fillna(0) for c in rate.numerator)
        denominator = out[rate.denominator] - sum(out[c].fillna(0) for c in rate.excluded)
        out[f"{key}_numerator"] = numerator
        out[f"{key}_denominator"] = denominator
        out[key] = (numerator / denominator.where(denominator > 0)).astype("Float64")
        out[f"{key}_is_small"] = denominator.fillna(0) < SMALL_SAMPLE
    return out


def percent(row: pd.Series, key: str) -> str:
    """Given a row from ``add_rates`` and a rate key, return the rate as a percentage, or — when nothing was decided."""
    return "—" if pd.isna(row[key]) else f"{row[key]:.1%}"


def counts(row: pd.Series, key: str) -> str:
    """Given a row from ``add_rates`` and a rate key, return the counts the rate rests on, and whether they are few."""
    numerator, denominator = row[f"{key}_numerator"], row[f"{key}_denominator"]
    if pd.isna(denominator):
        return f"{RATES[key].label}的分母未填"
    text = f"{numerator:,} / {denominator:,} 件"
    return text + (f"，样本不足{SMALL_SAMPLE}件，仅供参考" if row[f"{key}_is_small"] else "")


def add_shares(df: pd.DataFrame, value: str, total: str, by: str = "label") -> pd.DataFrame:
    """Given long rows with a ``value`` column, return them with ``share``: value over the ``total`` row of its group.

    ``total`` is a value of the ``item`` column (e.g. ``processed_total``), so a share is of what the form
    calls the whole, even where a report's rows do not add up to it."""
    totals = df[df["item"] == total].set_index(by)[value]
    out = df[df["item"] != total].copy()
    out["total"] = out[by].map(totals)
    out["share"] = (out[value] / out["total"].where(out["total"] > 0)).astype("Float64")
    return out
