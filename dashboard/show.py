"""How every chart and table is put on a page: with a CSV of exactly what it shows and a named PNG."""

import functools
import re

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import filters

UNSAFE_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\s·、()（）“”]+')
"""Characters a downloaded file's name should not carry (path separators, spaces, punctuation)."""


def file_name(title: str) -> str:
    """Given a chart or table title, return a file name (without extension) that says what it is."""
    return UNSAFE_IN_FILE_NAMES.sub("_", title).strip("_")


def csv_bytes(data: pd.DataFrame) -> bytes:
    """Given a table, return it as CSV in UTF-8 with a byte-order mark, so that Excel reads the Chinese."""
    return data.to_csv(index=False).encode("utf-8-sig")


def csv_button(data: pd.DataFrame, title: str) -> None:
    """Offer ``data`` as a CSV named after ``title``, written only when the button is clicked."""
    st.download_button(
        "下载 CSV", functools.partial(csv_bytes, data), file_name=f"{file_name(title)}.csv",
        mime="text/csv", key=f"csv_{title}", icon=":material/download:",
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
    csv_button(data, title)


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


def form(data: pd.DataFrame, title: str) -> None:
    """Show a table of the form (rows labelled by its index) and offer it as a CSV with the labels."""
    st.markdown(f"**{title}**")
    st.dataframe(data)
    csv_button(data.reset_index(), title)
