import streamlit as st

from dashboard import charts, filters, queries, rates, show, tables

sel = show.heading("总览")
noun = filters.unit_noun()
show.briefing_buttons(sel)

headline = queries.summary(sel, "total")
show.stop_if_empty(headline)
total = rates.add_rates(headline).iloc[0]

cols = st.columns(3) + st.columns(3)
cols[0].metric("报告数", f"{total['reports']}")
cols[1].metric(tables.COLUMNS["new_received"], tables.cases(total["new_received"]))
for col, key in zip(cols[2:4], ("disclosure_rate", "review_correction_rate")):
    col.metric(rates.RATES[key].label, rates.percent(total, key), help=rates.RATES[key].definition)
    col.caption(rates.counts(total, key))
cols[4].metric(tables.ADMIN_FEES, tables.amount(total["fees_10k_yuan"], "万元"))
cols[5].metric(tables.INFO_FEE, tables.amount(total["info_fee_yuan"], "元"))

by_unit = queries.summary(sel, "unit")
left, right = st.columns(2)
with left:
    data = tables.summary(by_unit, "unit", ["new_received", "processed_total"])
    title = f"各{noun}申请量 · {sel.describe()}"
    show.chart(charts.bars(data, tables.UNIT, list(data.columns[1:]), title, "申请数(件)", keys=by_unit["key"]),
               data, drill=True)
with right:
    data = tables.summary(by_unit, "unit", ["disclosure_rate"])
    title = f"各{noun}公开率 · {sel.describe()}"
    show.chart(charts.rate(data, tables.UNIT, "disclosure_rate", title, keys=by_unit["key"]), data, drill=True)
st.caption(f"点击柱形可下钻到该{noun}；用上方的路径返回上一级。")

by_year = queries.summary(sel, "year")
left, right = st.columns(2)
with left:
    data = tables.summary(by_year, "year", ["new_received", "processed_total"])
    title = f"历年申请量 · {sel.describe()}"
    show.chart(charts.bars(data, tables.YEAR, list(data.columns[1:]), title, "申请数(件)"), data)
with right:
    data = tables.summary(by_year, "year", ["disclosure_rate"])
    show.chart(charts.rate(data, tables.YEAR, "disclosure_rate", f"历年公开率 · {sel.describe()}"), data)

compare = tables.summary(by_unit, "unit", ["reports", "new_received", "processed_total", "disclosure_rate",
                                           "review_total", "review_correction_rate", "fees_10k_yuan"])
show.table(compare, f"各{noun}主要指标 · {sel.describe()}")
