import streamlit as st

from dashboard import loading, queries, show, tables

st.title("导入")
st.caption(f"上传政府信息公开工作年度报告（{'、'.join(loading.ACCEPTED_TYPES)}），每个文件不超过 {loading.MAX_FILE_MB} MB。"
           "每个文件单独解析，整份写入或整份不写入；内容相同的文件不会重复导入。")

files = st.file_uploader("选择报告文件", type=list(loading.ACCEPTED_TYPES), accept_multiple_files=True,
                         max_upload_size=loading.MAX_FILE_MB)
if st.button("导入", type="primary", disabled=not files):
    with st.spinner("正在解析并写入数据库……"):
        results = loading.load([(f.name, f.getvalue()) for f in files], queries.db_path())
    # The queries' cache follows the database file's modification time; clearing it as well covers file
    # systems whose clock is too coarse to tell two loads within the same second apart.
    st.cache_data.clear()
    if any(r.status == loading.STATUSES["failed"] for r in results):
        st.warning(tables.load_summary(results))
    else:
        st.success(tables.load_summary(results))
    show.table(tables.load_results(results), "导入结果")
