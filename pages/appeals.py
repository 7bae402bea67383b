import streamlit as st

from dashboard import charts, filters, queries, rates, show, tables

sel = show.heading("复议诉讼")
noun = filters.unit_noun()

headline = queries.summary(sel, "total")
show.stop_if_empty(headline)
total = rates.add_rates(headline).iloc[0]

cols = st.columns(4)
cols[0].metric(tables.COLUMNS["review_total"], tables.cases(total["review_total"]))
cols[1].metric(rates.RATES["review_correction_rate"].label, rates.percent(total, "review_correction_rate"),
               help=rates.RATES["review_correction_rate"].definition)
cols[1].caption(rates.counts(total, "review_correction_rate"))
cols[2].metric(tables.COLUMNS["litigation_total"], tables.cases(total["litigation_total"]))
cols[3].metric(rates.RATES["litigation_correction_rate"].label, rates.percent(total, "litigation_correction_rate"),
               help=rates.RATES["litigation_correction_rate"].definition)
cols[3].caption(rates.counts(total, "litigation_correction_rate"))

left, right = st.columns(2)
with left:
    blocks = tables.appeals(queries.appeals(sel, "total"), "total")
    show.chart(charts.appeals(blocks, f"复议与诉讼结果 · {sel.describe()}"), blocks)
with right:
    by_year = queries.summary(sel, "year")
    data = tables.summary(by_year, "year", ["review_total", "review_corrected", "litigation_total",
                                            "litigation_corrected"])
    title = f"历年复议诉讼 · {sel.describe()}"
    show.chart(charts.bars(data, tables.YEAR, list(data.columns[1:]), title, "案件数(件)"), data)

by_unit = queries.summary(sel, "unit")
left, right = st.columns(2)
for col, key in ((left, "review_correction_rate"), (right, "litigation_correction_rate")):
    with col:
        data = tables.summary(by_unit, "unit", [key])
        title = f"各{noun}{rates.RATES[key].label} · {sel.describe()}"
        show.chart(charts.rate(data, tables.UNIT, key, title, keys=by_unit["key"]), data, drill=True)
st.caption(f"点击柱形可下钻到该{noun}。")

show.table(tables.appeals(queries.appeals(sel, "unit"), "unit"), f"各{noun}复议诉讼明细 · {sel.describe()}")
corrected = tables.agencies(queries.most_corrected(sel), [
    "review_total", "review_corrected", "review_correction_rate",
    "litigation_total", "litigation_corrected", "litigation_correction_rate",
])
show.table(corrected, f"被纠错最多的机关 · {sel.describe()}")
