import streamlit as st

from dashboard import charts, filters, queries, show, tables

sel = show.heading("收费", f"{tables.ADMIN_FEES}取自表二，{tables.INFO_FEE}取自第六部分。")
noun = filters.unit_noun()

headline = queries.summary(sel, "total")
show.stop_if_empty(headline)
total = headline.iloc[0]

cols = st.columns(4)
cols[0].metric(tables.ADMIN_FEES, tables.amount(total["fees_10k_yuan"], "万元"))
cols[1].metric(tables.INFO_FEE, tables.amount(total["info_fee_yuan"], "元"))
cols[2].metric(tables.COLUMNS["fees_missing"], f"{total['fees_missing']} / {total['reports']}")
cols[3].metric(tables.COLUMNS["info_fee_missing"], f"{total['info_fee_missing']} / {total['reports']}")

by_unit = queries.summary(sel, "unit")
by_year = queries.summary(sel, "year")
for column, unit in (("fees_10k_yuan", "万元"), ("info_fee_yuan", "元")):
    left, right = st.columns(2)
    name = tables.COLUMNS[column]
    with left:
        data = tables.summary(by_unit, "unit", [column])
        show.chart(charts.bars(data, tables.UNIT, [name], f"各{noun}{name} · {sel.describe()}", f"金额({unit})",
                               keys=by_unit["key"]), data, drill=True)
    with right:
        data = tables.summary(by_year, "year", [column])
        show.chart(charts.bars(data, tables.YEAR, [name], f"历年{name} · {sel.describe()}", f"金额({unit})"), data)
st.caption(f"点击柱形可下钻到该{noun}。")

show.table(tables.summary(by_unit, "unit", ["reports", "fees_10k_yuan", "fees_missing", "info_fee_yuan",
                                            "info_fee_missing"]),
           f"各{noun}收费 · {sel.describe()}")
