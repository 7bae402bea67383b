"""The sidebar filters, the drill-down and its breadcrumb; the selection lives in widgets bound to the URL."""

from collections.abc import Callable

import streamlit as st

from dashboard import queries
from dashboard.selection import DRILL_LEVELS, LEVELS, Selection

PLACES: tuple[str, ...] = ("province", "city", "county", "agency")
"""Widget keys (and URL parameters) of the drill-down levels, widest first."""

REPORT_PAGE = "pages/report.py"
"""The page a drill-down below one agency opens."""

DRILL_NOUNS: dict[str, str] = dict(zip(DRILL_LEVELS, ("省", "市", "县(区)", "机关", "报告")))
"""What the units of a jurisdiction chart are at each drill-down level."""


def _clear_below(level: str | None) -> Callable[[], None]:
    """Return a callback that empties every place filter narrower than ``level`` (all of them for ``None``)."""

    def clear() -> None:
        for key in PLACES[PLACES.index(level) + 1 if level else 0:]:
            st.session_state[key] = None

    return clear


def sidebar() -> None:
    """Draw the shared filters in the sidebar; their values are the selection and appear in the URL.

    An empty filter (``None``, shown by its placeholder) means no restriction; the clear button empties it."""
    side = st.sidebar
    side.header("筛选")
    side.multiselect("年度", queries.years(), key="year", bind="query-params", placeholder="全部年度")
    province = side.selectbox("省", queries.provinces(), index=None, key="province", bind="query-params",
                              placeholder="全部省份", on_change=_clear_below("province"))
    city = side.selectbox("市", queries.cities(province) if province else [], index=None, key="city",
                          bind="query-params", placeholder="全部城市", on_change=_clear_below("city"),
                          disabled=province is None)
    side.selectbox("县(区)", queries.counties(province, city) if city else [], index=None, key="county",
                   bind="query-params", placeholder="全部县(区)", on_change=_clear_below("county"),
                   disabled=city is None)
    side.selectbox("层级", list(LEVELS), index=None, key="level", bind="query-params", placeholder="全部层级",
                   format_func=LEVELS.get)
    side.text_input("搜索机关名称", key="q", bind="query-params", placeholder="如：教育局、小店镇、街道办事处",
                    help="按名称查找任何机关：部门、乡镇、街道办事处……")
    agencies = queries.agencies(_selection(agency=None))
    chosen = st.session_state.get("agency")
    # A chosen agency stays choosable when the list is left empty (too wide a scope) or it came by a link.
    options = agencies if chosen is None or chosen in agencies else [chosen, *agencies]
    side.selectbox("机关", options, index=None, key="agency", bind="query-params",
                   placeholder="全部机关" if agencies or chosen else "全部机关（范围较大，请先缩小范围或搜索名称）")


def _selection(**override) -> Selection:
    state = st.session_state
    values = {
        "years": tuple(sorted(state.get("year") or ())),
        **{key: state.get(key) for key in (*PLACES, "level")},
        "q": (state.get("q") or "").strip() or None,
    }
    return Selection(**(values | override))


def current() -> Selection:
    """Return the selection the sidebar holds in this run."""
    return _selection()


def drill(chart_key: str) -> Callable[[], None]:
    """Return the ``on_select`` callback of a jurisdiction chart: a click narrows the selection to the bar's unit.

    The chart's bars carry the unit key as the first item of their ``customdata``. Below one agency the
    units are its reports, and a click opens 报告详情 (done in ``follow_report_drill`` because a callback
    cannot switch pages)."""

    def on_select() -> None:
        points = st.session_state[chart_key].selection.points
        if not points:
            return
        key = points[0]["customdata"][0]
        if key is None:
            st.toast(f"“{points[0]['x']}”不再按下一级细分，可在左侧「机关」中选择具体机关。")
            return
        level = current().drill_level
        if level == "report":
            st.session_state["open_report"] = queries.report_labels((key,))[key]
            return
        st.session_state[level] = key
        _clear_below(level)()

    return on_select


def follow_report_drill() -> None:
    """Open 报告详情 if the last click of a drill-down chart chose a report."""
    label = st.session_state.pop("open_report", None)
    if label:
        st.switch_page(REPORT_PAGE, query_params={"report": label})


def breadcrumb() -> None:
    """Show the drill-down path (全部地区 › 省 › 市 › 县 › 机关); a click on a step goes back up to it."""
    sel = current()
    steps = [("全部地区", None), *((getattr(sel, level), level) for level in PLACES if getattr(sel, level))]
    if len(steps) == 1:
        return
    row = st.container(horizontal=True, vertical_alignment="center", gap="small")
    for i, (label, level) in enumerate(steps):
        if i:
            row.markdown("›")
        row.button(label, key=f"crumb_{level or 'all'}", type="tertiary", on_click=_clear_below(level),
                   disabled=i == len(steps) - 1)


def unit_noun() -> str:
    """Return what the current drill-down level breaks the selection into (省, 市, 县(区), 机关 or 报告)."""
    return DRILL_NOUNS[current().drill_level]
