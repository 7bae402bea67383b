"""How every chart and table is put on a page: with a CSV of exactly what it shows and a named PNG."""

import functools
import re

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import briefing, export, filters, queries
from dashboard.selection import Selection

UNSAFE_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\s·、()（）“”]+')
"""Characters a downloaded file's name should not carry (path separators, spaces, punctuation)."""


def file_name(title: str) -> str:
    """Given a chart or table title, return a file name (without extension) that says what it is."""
    return UNSAFE_IN_FILE_NAMES.sub("_", title).strip("_")


def csv_bytes(data: pd.DataFrame) -> bytes:
    """Given a table, return it as CSV in UTF-8 with a byte-order mark, so that Excel reads the Chinese."""
    return data.to_csv(index=False).encode("utf-8-sig")


def csv_button(data: pd.DataFrame, title: str) -> None:
    """Offer ``data`` as a CSV and as an Excel workbook named after ``title``, written only when a button is clicked."""
    csv, xlsx = st.columns(2, gap="small", width=320)
    csv.download_button(
        "下载 CSV", functools.partial(csv_bytes, data), file_name=f"{file_name(title)}.csv",
        mime="text/csv", key=f"csv_{title}", icon=":material/download:",
    )
    xlsx.download_button(
        "下载 Excel", functools.partial(export.table_xlsx, data, title), file_name=f"{file_name(title)}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"xlsx_{title}",
        icon=":material/table_view:",
    )


def _png(fig: go.Figure) -> bytes:
    total = queries.summary(filters.current(), "total")
    years = [int(y) for y in queries.summary(filters.current(), "year")["label"]]
    reports = int(total["reports"].iloc[0]) if not total.empty else 0
    return export.figure_bytes(export.with_source(fig, export.source_line(reports, years)))


def png_button(fig: go.Figure, title: str) -> None:
    """Offer the chart as a 2× PNG rendered on the server with a CJK font and a source line, or say what to install."""
    if not export.can_render():
        st.caption(export.INSTALL_HINT)
        return
    st.download_button(
        "下载高清 PNG", functools.partial(_png, fig), file_name=f"{file_name(title)}.png", mime="image/png",
        key=f"png_{title}", icon=":material/image:",
    )


def chart(fig: go.Figure, data: pd.DataFrame, *, drill: bool = False) -> None:
    """Show ``fig`` (its title names the PNG of Plotly's camera button) and a CSV of ``data``, the table it plots.

    With ``drill`` a click on a bar narrows the selection to it (``filters.drill``). The widget key holds
    the title, which states the selection, so each drill-down step starts with a fresh chart."""
    title = fig.layout.title.text
    config = {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": file_name(title), "scale": 2},
    }
    if drill:
        key = f"drill_{title}"
        st.plotly_chart(fig, key=key, on_select=filters.drill(key), selection_mode="points", config=config)
    else:
        st.plotly_chart(fig, config=config)
    png_button(fig, title)
    csv_button(data, title)


def heading(title: str, note: str = "") -> Selection:
    """Put the page's title and the selection it shows (with ``note``) on the page; return the selection."""
    sel = filters.current()
    st.title(title)
    st.caption(f"所选范围：{sel.describe()}" + (f"。{note}" if note else ""))
    return sel


def stop_if_empty(data: pd.DataFrame, note: str = "所选范围内没有报告。请在左侧放宽筛选条件。") -> None:
    """Stop the page with ``note`` when a query found nothing for the selection."""
    if data.empty:
        st.info(note)
        st.stop()


def table(data: pd.DataFrame, title: str, **column_config) -> None:
    """Show ``data`` under a ``title`` caption and offer it as a CSV."""
    st.markdown(f"**{title}**")
    st.dataframe(data, hide_index=True, column_config=column_config or None)
    csv_button(data, title)


def listing(found: pd.DataFrame, shown: pd.DataFrame, title: str, **column_config) -> None:
    """Show ``shown`` (made from ``found``, a query's listing) as ``table`` does, saying when the listing stopped
    at ``queries.LISTING_LIMIT`` lines."""
    if len(found) == queries.LISTING_LIMIT:
        st.warning(f"范围太大，只列出前 {queries.LISTING_LIMIT} 条；请缩小筛选范围。")
    table(shown, title, **column_config)


def form(data: pd.DataFrame, title: str) -> None:
    """Show a table of the form (rows labelled by its index) and offer it as a CSV with the labels."""
    st.markdown(f"**{title}**")
    st.dataframe(data)
    csv_button(data.reset_index(), title)


def _briefing(sel: Selection, fmt: str) -> bytes:
    page = briefing.build(sel)
    return page.png() if fmt == "png" else page.pdf()


def briefing_buttons(sel: Selection) -> None:
    """Offer the one-page briefing of the selection as PNG and PDF, rendered only when a button is clicked."""
    if not export.can_render():
        st.caption(export.INSTALL_HINT)
        return
    name = file_name(f"简报_{sel.describe()}")
    png, pdf, _ = st.columns([1, 1, 3], gap="small")
    png.download_button("下载简报 PNG", functools.partial(_briefing, sel, "png"), file_name=f"{name}.png",
                        mime="image/png", key="briefing_png", icon=":material/summarize:")
    pdf.download_button("下载简报 PDF", functools.partial(_briefing, sel, "pdf"), file_name=f"{name}.pdf",
                        mime="application/pdf", key="briefing_pdf", icon=":material/picture_as_pdf:")
