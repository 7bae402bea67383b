import streamlit as st

from dashboard import filters, queries, show, tables

sel = filters.current()
st.title("报告详情")

reports = queries.report_choices(sel)
# A link (?report=…) may name a report beyond the listed ones: it stays choosable.
linked = st.query_params.get("report")
if linked and linked not in reports and (linked_id := queries.report_with_label(linked)):
    reports = {linked: linked_id, **reports}
label = st.selectbox("报告", list(reports), key="report", bind="query-params", index=0 if len(reports) == 1 else None,
                     placeholder=f"从所选范围的 {len(reports)} 份报告中选择" if reports else "请先缩小范围")
if label is None:
    total = queries.summary(sel, "total")["reports"].sum()
    if total > queries.CHOICE_LIMIT:
        st.info(f"所选范围共有 {total:,} 份报告，超过 {queries.CHOICE_LIMIT:,} 份，无法逐一列出："
                "请在左侧选择地区、年度或搜索机关名称，或在其他页面的图表中逐级点击下钻到报告。")
    else:
        st.info("请选择一份报告，或在其他页面的图表中逐级点击下钻到报告。")
    st.stop()
report_id = reports[label]

meta = queries.report(report_id)
cells = queries.report_cells(report_id)
st.subheader(label)
show.table(tables.metadata(meta), "报告信息")

left, right = st.columns([3, 2])
with left:
    two, three, four, checks = st.tabs(["表二 主动公开", "表三 依申请公开", "表四 复议诉讼", "校验与缺失"])
    with two:
        show.form(tables.active_form(cells, meta["active_format"][0]), f"表二 · {label}")
    with three:
        show.form(tables.request_form(cells, meta["requests_format"][0]), f"表三 · {label}")
    with four:
        show.form(tables.appeal_form(cells), f"表四 · {label}")
    with checks:
        show.table(tables.report_checks(queries.report_checks(report_id)), f"校验 · {label}")
        show.table(tables.report_missing(cells), f"缺失值 · {label}")
with right:
    st.markdown("**报告原文**")
    st.code(meta["text"][0] or "（没有保存原文）", language=None, wrap_lines=True, height=720)
