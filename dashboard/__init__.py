"""The Streamlit dashboard's library: selection, queries, rates, tables and charts that the pages compose."""
