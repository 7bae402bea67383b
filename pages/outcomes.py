import streamlit as st

from dashboard import charts, filters, queries, rates, show, tables

sel = show.heading("办理结果", "占比的分母是(七)总计；报告中各项之和与(七)总计不符时，合计不等于100%（见「数据质量」）。")
noun = filters.unit_noun()

headline = queries.summary(sel, "total")
show.stop_if_empty(headline)
total = rates.add_rates(headline).iloc[0]
overall = queries.outcomes(sel, "total")
show.stop_if_empty(overall, "所选报告的表三没有办理结果（例如 2019 年以前格式的报告）。")
groups = tables.outcome_groups(overall, "total").set_index("办理结果")

cols = st.columns(4)
cols[0].metric(tables.COLUMNS["processed_total"], tables.cases(total["processed_total"]))
cols[1].metric(rates.RATES["disclosure_rate"].label, rates.percent(total, "disclosure_rate"),
               help=rates.RATES["disclosure_rate"].definition)
cols[1].caption(rates.counts(total, "disclosure_rate"))
for col, group in zip(cols[2:], ("不予公开", "无法提供")):
    col.metric(f"{group}占比", tables.share_text(groups.loc[group, tables.SHARE]))
    col.caption(tables.cases(groups.loc[group, "件数"]))

reasons = tables.outcomes(overall, "total")
show.chart(charts.outcome_reasons(reasons, f"各项办理结果及理由 · {sel.describe()}"), reasons)

by_unit = queries.outcomes(sel, "unit")
unit_groups = tables.outcome_groups(by_unit, "unit")
show.chart(charts.outcome_shares(unit_groups, tables.UNIT, f"各{noun}办理结果构成 · {sel.describe()}",
                                 keys=dict(zip(by_unit["label"], by_unit["key"]))), unit_groups, drill=True)
st.caption(f"点击柱形可下钻到该{noun}。")

by_year = queries.outcomes(sel, "year")
year_groups = tables.outcome_groups(by_year, "year")
show.chart(charts.outcome_shares(year_groups, tables.YEAR, f"历年办理结果构成 · {sel.describe()}"), year_groups)

tab_unit, tab_year = st.tabs([f"按{noun}的全部细项", "按年度的全部细项"])
with tab_unit:
    show.table(tables.outcomes(by_unit, "unit"), f"各{noun}办理结果细项 · {sel.describe()}")
with tab_year:
    show.table(tables.outcomes(by_year, "year"), f"历年办理结果细项 · {sel.describe()}")
