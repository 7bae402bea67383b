"""A one-page briefing (简报) for a selection: headline figures, the key charts and the data-quality note."""

from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard import charts, export, queries, rates, tables
from dashboard.selection import Selection

PAGE = (1240, 1754)
"""Layout size of the page: A4 portrait at 150 dpi (the PNG is ``export.SCALE`` times as large)."""

MAX_UNITS = 12
"""Jurisdictions a briefing chart names one by one; a wider selection shows its largest."""


@dataclass(frozen=True)
class Briefing:
    """The briefing of one selection: its figure, and the files it renders to."""

    selection: Selection
    figure: go.Figure
    reports: int

    def png(self) -> bytes:
        return export.figure_bytes(self.figure, "png", *PAGE)

    def pdf(self) -> bytes:
        return export.figure_bytes(self.figure, "pdf", *PAGE)

    def file_name(self) -> str:
        return f"简报_{self.selection.describe().replace(' · ', '_')}"


def headline_rows(total: pd.Series) -> list[tuple[str, str, str]]:
    """Given the ``summary`` row of the whole selection, return (指标, 数值, 依据) lines for the page's head."""
    with_rates = rates.add_rates(total.to_frame().T).iloc[0]
    return [
        ("报告数", f"{total['reports']:,} 份", "所选范围内的年度报告"),
        ("本年新收申请", tables.cases(total["new_received"]), f"上年结转 {tables.cases(total['carried_over'])}"),
        ("公开率", rates.percent(with_rates, "disclosure_rate"), rates.counts(with_rates, "disclosure_rate")),
        ("复议纠错率", rates.percent(with_rates, "review_correction_rate"), rates.counts(with_rates, "review_correction_rate")),
        ("行政事业性收费", tables.amount(total["fees_10k_yuan"], "万元"), f"{total['fees_missing']} 份报告未填"),
        ("信息处理费", tables.amount(total["info_fee_yuan"], "元"), f"{total['info_fee_missing']} 份报告未说明"),
    ]


def quality_note(sel: Selection, reports: int) -> str:
    """Given a selection, return one sentence on the reports whose own arithmetic fails."""
    bad = int(queries.quality_totals(sel)["reports_failed"].iloc[0])
    if not bad:
        return f"数据质量：{reports} 份报告均通过勾稽关系校验。"
    failed = queries.failed_checks(sel)
    failed = failed[failed["ok"] == False]  # noqa: E712 - NA (undecided) is not a failure
    names = "、".join(failed.drop_duplicates("report_id")["agency"].head(3))
    more = " 等" if bad > 3 else ""
    return f"数据质量：{reports} 份报告中有 {bad} 份未通过校验（{names}{more}），数字按原文照录，详见「数据质量」页。"


def build(sel: Selection, today: date | None = None) -> Briefing:
    """Given a selection, return its briefing (raises ``ValueError`` when the selection has no report)."""
    total = queries.summary(sel, "total")
    if total.empty or not total["reports"].iloc[0]:
        raise ValueError(f"所选范围（{sel.describe()}）内没有报告，无法生成简报。")
    total = total.iloc[0]
    units = queries.summary(sel, "unit").head(MAX_UNITS)
    years = [int(y) for y in queries.summary(sel, "year")["label"]]
    fig = make_subplots(
        rows=3, cols=2, row_heights=[0.19, 0.405, 0.405], vertical_spacing=0.07, horizontal_spacing=0.1,
        specs=[[{"type": "table", "colspan": 2}, None], [{}, {}], [{}, {}]],
        subplot_titles=("", "本年新收与上年结转申请(件)", "办理结果占(七)总计的比例(%)",
                        "行政复议、行政诉讼结果(件)", "行政事业性收费(万元)"),
    )
    head = headline_rows(total)
    fig.add_trace(go.Table(
        columnwidth=[1.2, 1.4, 3],
        header={"values": ["指标", "数值", "依据"], "fill_color": "#1565c0", "font": {"color": "white", "size": 15},
                "height": 32},
        cells={"values": [list(col) for col in zip(*head)], "height": 30, "font": {"size": 14},
               "align": ["left", "right", "left"], "fill_color": "#f5f7fa"},
    ), row=1, col=1)
    volume = charts.bars(tables.summary(units, "unit", ["new_received", "carried_over"]),
                         tables.GROUPING_LABELS["unit"], [tables.COLUMNS["new_received"], tables.COLUMNS["carried_over"]],
                         "", "件")
    outcomes = charts.outcome_shares(tables.outcome_groups(queries.outcomes(sel, "total"), "total"),
                                     tables.GROUPING_LABELS["total"], "")
    appeals = charts.appeals(tables.appeals(queries.appeals(sel, "total"), "total"), "")
    fees = charts.bars(tables.summary(units, "unit", ["fees_10k_yuan"]), tables.GROUPING_LABELS["unit"],
                       [tables.COLUMNS["fees_10k_yuan"]], "", "万元")
    # The page-wide barmode stacks (shares, appeals); volumes get an offset group each to stand side by side.
    for i, trace in enumerate(volume.data):
        trace.update(offsetgroup=str(i))
    for part, (row, col) in ((volume, (2, 1)), (outcomes, (2, 2)), (appeals, (3, 1)), (fees, (3, 2))):
        for trace in part.data:
            fig.add_trace(trace.update(showlegend=(part is not fees)), row=row, col=col)
    fig.update_layout(
        barmode="stack", font_family=charts.FONT, font_size=13, paper_bgcolor="white", plot_bgcolor="white",
        title={"text": f"政府信息公开工作年度报告简报<br><sup>{sel.describe()}</sup>", "x": 0.02, "font": {"size": 26}},
        margin={"t": 130, "l": 60, "r": 40, "b": 230},
        legend={"orientation": "h", "y": -0.035, "yanchor": "top", "x": 0, "font": {"size": 12}},
    )
    for text, y in ((quality_note(sel, int(total["reports"])), -0.1),
                    (export.source_line(int(total["reports"]), years, today), -0.12)):
        fig.add_annotation(text=text, xref="paper", yref="paper", x=0, y=y, xanchor="left", yanchor="top",
                           showarrow=False, align="left", font={"size": 13, "color": "#37474f"})
    return Briefing(sel, fig, int(total["reports"]))
