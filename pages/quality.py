import streamlit as st

from dashboard import queries, show, tables

sel = show.heading("数据质量", "每个问题都写明所在的表、行和列，可据此将报告退回修改。")

by_report = queries.quality_by_report(sel)
show.stop_if_empty(by_report)
totals = queries.quality_totals(sel).iloc[0]
absent = queries.not_reported(sel)

cols = st.columns(5)
cols[0].metric("报告数", f"{totals['reports']:,}")
cols[1].metric("校验未通过的报告", f"{totals['reports_failed']:,}")
cols[2].metric("缺失单元格", f"{totals['cells_missing']:,}")
cols[3].metric("未报送的机关", f"{len(absent):,}" + ("+" if len(absent) == queries.LISTING_LIMIT else ""))
cols[4].metric("结转衔接不一致", f"{totals['carryover_breaks']:,}", help=f"共核对 {totals['pairs']:,} 对相邻年度报告")

if len(by_report) == queries.LISTING_LIMIT:
    st.caption(f"问题最多的 {queries.LISTING_LIMIT} 份报告：")
show.table(tables.quality(by_report, queries.report_labels(tuple(by_report["report_id"]))),
           f"报告质量一览 · {sel.describe()}",
           报告详情=st.column_config.LinkColumn(display_text="查看"))

# Only the open tab is built (its listing read): a national selection has a thousand lines in each.
tab_checks, tab_missing, tab_agency, tab_absent, tab_years = st.tabs(
    ["校验未通过", "缺失值", "按机关", "未报送", "跨年核对"], key="tab", bind="query-params")
if tab_checks.open:
    with tab_checks:
        failed = queries.failed_checks(sel)
        show.listing(failed, tables.checks(failed), f"校验未通过或无法判断 · {sel.describe()}",
                     问题=st.column_config.TextColumn(width="large"))
if tab_missing.open:
    with tab_missing:
        st.caption("表中没有数字的单元格，以及它在报告中的写法（空白、/、-、无）。")
        missing = queries.missing_cells(sel)
        show.listing(missing, tables.missing(missing), f"缺失值 · {sel.describe()}")
if tab_agency.open:
    with tab_agency:
        by_agency = queries.quality_by_agency(sel)
        show.listing(by_agency, tables.quality_by_agency(by_agency), f"各机关数据质量 · {sel.describe()}")
if tab_absent.open:
    with tab_absent:
        st.caption("以前年度报送过、但所选年度（未选年度时为最新年度）没有报告的机关。")
        show.listing(absent, tables.not_reported(absent), f"未报送的机关 · {sel.describe()}")
if tab_years.open:
    with tab_years:
        st.caption("上一年的“结转下年度继续办理”应等于本年的“上年结转”。不一致和无法核对的排在前面。")
        carryover = queries.carryover(sel)
        show.listing(carryover, tables.carryover(carryover), f"结转衔接核对 · {sel.describe()}")
        st.caption("与上一年相比增至5倍以上或降至五分之一以下的数字，提示核对，不一定是错误。")
        jumps = queries.jumps(sel)
        show.listing(jumps, tables.jumps(jumps), f"大幅变动提示 · {sel.describe()}")
