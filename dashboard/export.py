"""Files a user pastes into a briefing: charts as high-resolution PNG or PDF (through kaleido and Chromium), tables as Excel."""

import io
import shutil
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import FONT

SCALE = 2
"""Pixels per layout pixel: 2× is sharp when pasted into a Word or WPS page."""

WIDTH, HEIGHT = 1000, 560
"""Layout size of a single exported chart (its PNG is ``SCALE`` times as large)."""

INSTALL_HINT = "导出图片需要 Chromium 和中文字体：请运行 sudo bash scripts/install-system.sh（即 apt-get install chromium fonts-noto-cjk）后重试。"
"""What the export buttons say when the machine cannot render images."""


class ExportUnavailable(Exception):
    "The machine has no browser for kaleido to render static images with"


def can_render() -> bool:
    """Return whether a Chromium that kaleido can drive is installed."""
    return any(shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome", "chrome"))


def source_line(reports: int, years: list[int], today: date | None = None) -> str:
    """Given the reports a figure rests on, return its source line: how many reports, which years, exported when."""
    span = "、".join(str(y) for y in sorted(set(years))) or "—"
    return f"数据来源：{reports} 份政府信息公开工作年度报告 · 统计年度 {span} · 导出日期 {(today or date.today()).isoformat()} · 年报看板"


def with_source(fig: go.Figure, source: str) -> go.Figure:
    """Given a figure and its source line, return a copy laid out for print: CJK font, white ground, source below."""
    out = go.Figure(fig)
    margin = out.layout.margin
    out.update_layout(
        font_family=FONT, paper_bgcolor="white", plot_bgcolor="white",
        margin={"t": margin.t if margin.t is not None else 110, "l": 60, "r": 30, "b": 90},
    )
    out.add_annotation(text=source, xref="paper", yref="paper", x=0, y=-0.02, yshift=-60, xanchor="left",
                       yanchor="top", showarrow=False, font={"size": 11, "color": "#607d8b"})
    return out


def figure_bytes(fig: go.Figure, fmt: str = "png", width: int = WIDTH, height: int = HEIGHT) -> bytes:
    """Given a figure, return it rendered as ``png`` (at ``SCALE``) or ``pdf``; raise ExportUnavailable without Chromium."""
    if not can_render():
        raise ExportUnavailable(INSTALL_HINT)
    try:
        return fig.to_image(format=fmt, width=width, height=height, scale=SCALE if fmt == "png" else 1)
    except Exception as e:  # kaleido reports a missing or broken browser with several exception types
        raise ExportUnavailable(f"{INSTALL_HINT}（{type(e).__name__}: {e}）") from None


def table_xlsx(data: pd.DataFrame, title: str) -> bytes:
    """Given a table with Chinese headers and its title, return an Excel workbook: the title, then the table."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame = data.copy()
        for column in frame.columns:
            # Nullable pandas dtypes (Int64, string) are not Excel types; NA becomes an empty cell.
            frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
        frame.to_excel(writer, index=False, sheet_name="数据", startrow=2)
        sheet = writer.sheets["数据"]
        sheet["A1"] = title
        for i, column in enumerate(frame.columns, start=1):
            width = max([len(str(column))] + [len(str(v)) for v in frame[column].head(200)]) * 2 + 2
            sheet.column_dimensions[sheet.cell(row=3, column=i).column_letter].width = min(width, 60)
    return buffer.getvalue()
