"""年报看板: the page set-up, the shared filters and breadcrumb, and the navigation between pages."""

import streamlit as st

from dashboard import filters, queries

st.set_page_config(page_title="年报看板", page_icon=":material/account_balance:", layout="wide")

UPLOAD = st.Page("pages/upload.py", title="导入", icon=":material/upload_file:")
page = st.navigation({
    "年报看板": [
        st.Page("pages/overview.py", title="总览", icon=":material/dashboard:", default=True),
        st.Page("pages/requests.py", title="申请量", icon=":material/inbox:"),
        st.Page("pages/outcomes.py", title="办理结果", icon=":material/rule:"),
        st.Page("pages/appeals.py", title="复议诉讼", icon=":material/gavel:"),
        st.Page("pages/fees.py", title="收费", icon=":material/payments:"),
        st.Page("pages/quality.py", title="数据质量", icon=":material/fact_check:"),
        st.Page("pages/report.py", title="报告详情", icon=":material/description:"),
    ],
    "数据": [UPLOAD],
})

try:
    queries.check_database()
    filters.sidebar()
    filters.follow_report_drill()
    filters.breadcrumb()
    page.run()
except queries.DatabaseMissing as missing:
    st.error(str(missing))
    # Uploading reports is one way to build the missing database.
    if page.url_path == UPLOAD.url_path:
        page.run()
except queries.DatabaseBusy as busy:
    st.warning(str(busy))
