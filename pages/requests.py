import streamlit as st

from dashboard import charts, filters, queries, show, tables

sel = show.heading("申请量")
noun = filters.unit_noun()

headline = queries.summary(sel, "total")
show.stop_if_empty(headline)
by_applicant = tables.applicants(queries.requests_by_applicant(sel))

cols = st.columns(4)
cols[0].metric(tables.COLUMNS["new_received"], tables.cases(headline["new_received"][0]))
cols[1].metric(tables.COLUMNS["carried_over"], tables.cases(headline["carried_over"][0]))
for col, (applicant, requests) in zip(cols[2:], tables.applicant_groups(by_applicant).items()):
    col.metric(f"其中{applicant}", tables.cases(requests))

left, right = st.columns(2)
with left:
    show.chart(charts.applicants(by_applicant, f"按申请人类型 · {sel.describe()}"), by_applicant)
with right:
    data = tables.summary(queries.summary(sel, "year"), "year", ["new_received", "carried_over"])
    title = f"历年申请量 · {sel.describe()}"
    show.chart(charts.bars(data, tables.YEAR, list(data.columns[1:]), title, "申请数(件)"), data)

by_unit = queries.summary(sel, "unit")
data = tables.summary(by_unit, "unit", ["new_received", "carried_over"])
title = f"各{noun}申请量 · {sel.describe()}"
show.chart(charts.bars(data, tables.UNIT, list(data.columns[1:]), title, "申请数(件)", keys=by_unit["key"]),
           data, drill=True)
st.caption(f"点击柱形可下钻到该{noun}。")

top = tables.agencies(queries.top_agencies(sel), ["new_received", "carried_over", "processed_total", "disclosure_rate"])
show.table(top, f"收到申请最多的机关 · {sel.describe()}")
