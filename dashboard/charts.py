"""Figures of the dashboard: each takes a table from ``dashboard.tables`` and returns a Plotly figure."""

import pandas as pd
import plotly.graph_objects as go

from dashboard import rates, tables
from parsing.vocab import APPEAL_METRICS, APPLICANTS, OUTCOME_GROUP_LABELS

FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
"""CJK fonts first, so titles and labels render in the browser and in the exported PNG."""

LAYOUT = {
    "font": {"family": FONT, "size": 13},
    "title": {"x": 0, "xanchor": "left", "y": 0.98, "yanchor": "top", "yref": "container", "font": {"size": 16}},
    # Room above the plot for the title and up to two rows of legend (the row labels of the form are long).
    "margin": {"t": 110, "l": 8, "r": 8, "b": 8},
    "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "title": {"text": ""},
               "traceorder": "normal"},
    "hoverlabel": {"font": {"family": FONT}},
    "separators": ".,",
}
"""Styling every figure shares."""

OUTCOME_COLOURS: dict[str, str] = dict(zip(
    OUTCOME_GROUP_LABELS.values(), ("#2e7d32", "#81c784", "#c62828", "#ef6c00", "#6a1b9a", "#90a4ae")
))
"""One colour per outcome group: granted green, refused red, the rest apart."""

APPEAL_COLOURS: dict[str, str] = dict(zip(
    (APPEAL_METRICS[m] for m in ("upheld", "corrected", "other", "pending")),
    ("#1565c0", "#c62828", "#90a4ae", "#ffb300"),
))
"""Colours of the four outcomes of a review or lawsuit; 纠正 is the one oversight looks for."""

SMALL_SAMPLE_COLOUR = "#cfd8dc"
"""Bars whose rate rests on fewer than ``rates.SMALL_SAMPLE`` cases: shown, but greyed rather than alarming."""

PALETTE = ("#1565c0", "#64b5f6", "#2e7d32", "#ef6c00", "#6a1b9a")
"""Colours of the series of a plain bar chart, in order."""


def _figure(title: str, x_title: str, y_title: str) -> go.Figure:
    fig = go.Figure(layout=LAYOUT)
    fig.update_layout(title_text=title, xaxis_title=x_title, yaxis_title=y_title)
    return fig


def _keys(keys: pd.Series | None, n: int) -> list[list]:
    # The drill-down callback reads a bar's unit from customdata[0]; charts without drill-down carry None.
    return [[k] for k in (keys if keys is not None else [None] * n)]


def bars(data: pd.DataFrame, x: str, ys: list[str], title: str, y_title: str,
         keys: pd.Series | None = None) -> go.Figure:
    """Given a table, its category column ``x`` and count columns ``ys``, return grouped bars, one colour per column.

    ``keys`` (one per row) are what a click on a bar drills down to."""
    fig = _figure(title, x, y_title)
    for y, colour in zip(ys, PALETTE):
        fig.add_bar(
            x=data[x].astype(str), y=data[y], name=y, marker_color=colour, customdata=_keys(keys, len(data)),
            hovertemplate=f"%{{x}}<br>{y}：%{{y:,}}<extra></extra>",
        )
    # Counts and amounts are never negative: an all-zero chart shows 0…1, not −1…1.
    fig.update_layout(barmode="group", showlegend=len(ys) > 1, xaxis_type="category", yaxis_rangemode="nonnegative")
    return fig


def rate(data: pd.DataFrame, x: str, key: str, title: str, keys: pd.Series | None = None) -> go.Figure:
    """Given a ``tables.summary`` table with rate ``key``, return one bar per row: the rate in %, its counts on hover.

    Rates on fewer than ``rates.SMALL_SAMPLE`` cases are grey and say so."""
    label = rates.RATES[key].label
    percent, numerator, denominator, small = tables.rate_columns(key)
    is_small = data[small] == "是"
    fig = _figure(title, x, percent)
    fig.add_bar(
        x=data[x].astype(str), y=data[percent],
        marker_color=[SMALL_SAMPLE_COLOUR if s else "#1565c0" for s in is_small],
        text=[f"{v:.1f}%" if pd.notna(v) else "" for v in data[percent]], textposition="outside",
        customdata=[[k[0], n, d, f"样本不足{rates.SMALL_SAMPLE}件，仅供参考" if s else ""]
                    for k, n, d, s in zip(_keys(keys, len(data)), data[numerator], data[denominator], is_small)],
        hovertemplate=f"%{{x}}<br>{label}：%{{y:.1f}}%<br>%{{customdata[1]}} / %{{customdata[2]}} 件"
                      "<br>%{customdata[3]}<extra></extra>",
    )
    fig.update_layout(yaxis_range=[0, 110], yaxis_ticksuffix="%", showlegend=False, xaxis_type="category")
    fig.add_annotation(
        text=f"{label} = {rates.RATES[key].definition}<br>灰色柱：样本不足{rates.SMALL_SAMPLE}件，仅供参考",
        xref="paper", yref="paper", x=0, y=1.02, xanchor="left", yanchor="bottom", align="left", showarrow=False,
        font={"size": 11, "color": "#607d8b"},
    )
    return fig


def applicants(data: pd.DataFrame, title: str) -> go.Figure:
    """Given ``tables.applicants``, return new and carried-over requests per applicant type (总计 left out)."""
    rows = data[data["申请人"] != APPLICANTS["total"]]
    return bars(rows, "申请人", list(rows.columns[1:]), title, "申请数(件)")


def outcome_shares(data: pd.DataFrame, x: str, title: str, keys: dict[str, str] | None = None) -> go.Figure:
    """Given ``tables.outcome_groups``, return one stacked bar per group: each outcome's share, its count on hover.

    ``keys`` maps a group's label to what a click on its bar drills down to."""
    fig = _figure(title, x, tables.SHARE)
    key_of = keys or {}
    for outcome, colour in OUTCOME_COLOURS.items():
        rows = data[data["办理结果"] == outcome]
        fig.add_bar(
            x=rows[x].astype(str), y=rows[tables.SHARE], name=outcome, marker_color=colour,
            customdata=[[key_of.get(g), n, t]
                        for g, n, t in zip(rows[x].astype(str), rows["件数"], rows[tables.PROCESSED])],
            hovertemplate=f"%{{x}}<br>{outcome}：%{{y:.1f}}%<br>"
                          "%{customdata[1]} / %{customdata[2]} 件<extra></extra>",
        )
    fig.update_layout(barmode="stack", yaxis_ticksuffix="%", xaxis_type="category")
    return fig


def outcome_reasons(data: pd.DataFrame, title: str) -> go.Figure:
    """Given ``tables.outcomes`` for one group, return a horizontal bar per outcome row, coloured by its group."""
    fig = _figure(title, "件数(件)", "")
    for outcome, colour in OUTCOME_COLOURS.items():
        rows = data[data["办理结果"] == outcome]
        fig.add_bar(
            y=rows["细项"], x=rows["件数"], name=outcome, orientation="h", marker_color=colour,
            customdata=rows[[tables.SHARE]].to_numpy(),
            hovertemplate="%{y}<br>%{x:,} 件，占 %{customdata[0]:.1f}%<extra></extra>",
        )
    fig.update_layout(yaxis_autorange="reversed", height=max(360, 26 * len(data) + 120), barmode="stack")
    return fig


def appeals(data: pd.DataFrame, title: str) -> go.Figure:
    """Given ``tables.appeals`` for one group, return one stacked bar per block: upheld, corrected, other, pending."""
    fig = _figure(title, "", "案件数(件)")
    for metric, colour in APPEAL_COLOURS.items():
        fig.add_bar(x=data["类别"], y=data[metric], name=metric, marker_color=colour,
                    hovertemplate=f"%{{x}}<br>{metric}：%{{y:,}} 件<extra></extra>")
    fig.update_layout(barmode="stack", yaxis_rangemode="nonnegative")
    return fig
