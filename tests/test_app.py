"""Every dashboard page, run through Streamlit's AppTest from app.py against the bundled reports."""

from pathlib import Path

import pandas as pd
import pytest
import streamlit.testing.v1.app_test as app_test
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from dashboard import loading, queries, show

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))
SEED_LIZHOU = ROOT / "data" / "reports" / "000_3cd86ea425926f19.txt"
LIZHOU = {"year": "2023", "province": "四川省", "city": "广元市", "county": "利州区"}
"""利州区 2023 (seed 000) as URL parameters."""
ANSHUN = {"agency": "安顺经济技术开发区管理委员会办公室"}
"""Seed 002 (2019), which fails the balance and outcome_sum checks."""


class NavigationPagesManager(PagesManager):
    """AppTest resets ``uses_pages_directory`` before each run; with a ``pages/`` folder it then reruns a page
    on its own, without app.py (Streamlit's v1 multipage mode). ``streamlit run`` stops doing that once
    ``st.navigation`` is called, so keep it stopped here too."""

    def __init__(self, *args, **kwargs):
        PagesManager.uses_pages_directory = False
        super().__init__(*args, **kwargs)


@pytest.fixture(autouse=True)
def app_env(built_db, monkeypatch):
    monkeypatch.setattr(app_test, "PagesManager", NavigationPagesManager)
    monkeypatch.setenv("DISCLOSURE_DB", str(built_db))


def open_page(page: str, **params: str) -> AppTest:
    """Start the app with URL parameters ``params`` and switch to ``page``."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update(params)
    at.run()
    if page != "pages/overview.py":
        at.switch_page(page).run()
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def frame(at: AppTest, column: str):
    """The first dataframe shown that has a column named ``column``."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_without_exception(page):
    at = open_page(page)
    assert not at.exception
    assert not at.error
    assert at.title[0].value


@pytest.mark.parametrize("page", [p for p in PAGES if p not in ("pages/report.py", "pages/upload.py")])
def test_page_states_the_selection_from_the_url(page):
    at = open_page(page, **LIZHOU)
    assert any("2023年 · 四川省 · 广元市 · 利州区" in c for c in captions(at))
    assert at.query_params == LIZHOU


def test_overview_headline_figures_of_lizhou():
    at = open_page("pages/overview.py", **LIZHOU)
    shown = metrics(at)
    assert shown["报告数"] == "1"
    assert shown["一、本年新收政府信息公开申请数量"] == "72 件"
    assert shown["公开率"] == "48.6%"
    assert shown["复议纠错率"] == "40.0%"
    assert "2 / 5 件，样本不足30件，仅供参考" in captions(at)
    assert shown["行政事业性收费本年收费金额(万元)"] == "662.441 万元"
    assert shown["信息处理费(元)"] == "0 元"
    compare = frame(at, "公开率分母")
    assert compare["一、本年新收政府信息公开申请数量"].tolist() == [72]


def test_overview_compares_provinces():
    compare = frame(open_page("pages/overview.py", year="2023"), "复议纠错率(%)").set_index("地区或机关")
    assert compare.loc["四川省", "公开率(%)"] == 48.6
    assert compare.loc["四川省", "公开率分母"] == 74


def test_requests_by_applicant_of_lizhou():
    at = open_page("pages/requests.py", **LIZHOU)
    shown = metrics(at)
    assert shown["其中自然人"] == "69 件"
    assert shown["其中法人或其他组织"] == "3 件"
    assert shown["二、上年结转政府信息公开申请数量"] == "2 件"
    top = frame(at, "公开率(%)")
    assert top.iloc[0][["机关", "一、本年新收政府信息公开申请数量"]].tolist() == ["广元市利州区人民政府", 72]


def test_outcomes_of_lizhou():
    at = open_page("pages/outcomes.py", **LIZHOU)
    shown = metrics(at)
    assert shown["办理结果(七)总计"] == "74 件"
    assert shown["不予公开占比"] == "10.8%"
    assert shown["无法提供占比"] == "39.2%"
    reasons = frame(at, "细项").set_index("细项")
    assert reasons.loc["(三)不予公开·属于四类过程性信息", "件数"] == 6


def test_appeals_of_lizhou():
    shown = metrics(open_page("pages/appeals.py", **LIZHOU))
    assert shown["行政复议总计"] == "5 件"
    assert shown["复议纠错率"] == "40.0%"
    assert shown["行政诉讼总计"] == "2 件"
    assert shown["诉讼纠错率"] == "50.0%"


def test_fees_of_the_2023_reports():
    at = open_page("pages/fees.py", year="2023", province="河南省")
    assert metrics(at)["行政事业性收费本年收费金额(万元)"] == "110.139 万元"  # 延津县, seed 004
    assert metrics(at)["信息处理费(元)"] == "0 元"


def test_quality_names_the_failed_cells_of_anshun():
    at = open_page("pages/quality.py", **ANSHUN)
    assert metrics(at)["校验未通过的报告"] == "1"
    assert metrics(at)["缺失单元格"] == "5"
    failed = frame(at, "问题")
    assert sorted(failed["校验"].str.split("：").str[0]) == ["balance", "outcome_sum"]
    assert failed["问题"].str.startswith("表三").all()


def test_quality_lists_who_has_not_reported():
    at = open_page("pages/quality.py", year="2019", tab="未报送")
    assert metrics(at)["未报送的机关"] == "1"
    absent = frame(at, "最近一次报告年度")
    assert absent[["机关", "最近一次报告年度"]].values.tolist() == [["平潭综合实验区", 2018]]


def test_report_page_lays_out_the_forms_beside_the_text():
    at = open_page("pages/report.py", **LIZHOU)
    at.selectbox(key="report").select_index(0).run()
    assert not at.exception
    assert at.subheader[0].value == "2023年 · 广元市利州区人民政府"
    request_form = next(d.value for d in at.dataframe if d.value.index.name == "申请情况")
    assert request_form.loc["(七)总计", "总计"] == "74"
    assert request_form.loc["(一)予以公开", "总计"] == "28"
    assert "广元市利州区" in at.code[0].value


def test_breadcrumb_steps_back_up():
    at = open_page("pages/overview.py", **LIZHOU)
    at.button(key="crumb_province").click().run()
    assert at.session_state["province"] == "四川省"
    assert at.session_state["city"] is None
    assert any(c == "所选范围：2023年 · 四川省" for c in captions(at))


def test_missing_database_is_one_error_naming_the_command(tmp_path, monkeypatch):
    monkeypatch.setenv("DISCLOSURE_DB", str(tmp_path / "none.duckdb"))
    at = open_page("pages/overview.py")
    assert [e.value for e in at.error] == [
        f"找不到数据库 {tmp_path / 'none.duckdb'}。请先运行：{queries.BUILD_COMMAND}，或在「导入」页上传报告文件。"
    ]
    assert not at.exception


def upload(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    at.file_uploader[0].set_value([(name, content, "text/plain") for name, content in files]).run()
    return at.button[0].click().run()


def test_upload_loads_new_reports_and_reports_duplicates(tmp_path, monkeypatch, built_db):
    db = tmp_path / "uploads.duckdb"
    monkeypatch.setenv("DISCLOSURE_DB", str(db))
    at = open_page("pages/upload.py")  # the database does not exist yet: uploading creates it
    seed = SEED_LIZHOU.read_bytes()
    upload(at, ("利州区.txt", seed), ("again.txt", seed), ("notes.txt", "这不是年度报告。".encode()))
    results = frame(at, "文件").set_index("文件")
    # The same content twice is one report, whichever copy the parser reads first.
    assert sorted(results.loc[["利州区.txt", "again.txt"], "结果"]) == ["已存在", "已导入"]
    assert results.loc["notes.txt", "结果"] == "失败"
    assert results.loc["notes.txt", "说明"].startswith("未写入数据库：不是政府信息公开工作年度报告。")
    assert not at.exception
    assert metrics(open_page("pages/overview.py"))["一、本年新收政府信息公开申请数量"] == "72 件"


def test_refusals_before_parsing():
    assert "不支持的文件类型" in loading.refusal("chart.png", 10, set())
    assert "超过 20 MB" in loading.refusal("big.pdf", 21 * 2**20, set())
    assert loading.refusal("empty.txt", 0, set()) == "文件是空的"
    assert "同名" in loading.refusal("a.txt", 10, {"a.txt"})
    assert loading.refusal("a.txt", 10, set()) is None
    assert loading.safe_name("../../etc/.passwd") == "passwd"


def test_csv_is_what_the_table_shows_in_excel_readable_utf8():
    data = pd.DataFrame({"机关": ["广元市利州区人民政府"], "公开率(%)": [48.6]})
    assert show.csv_bytes(data) == "\ufeff机关,公开率(%)\n广元市利州区人民政府,48.6\n".encode()
    assert show.file_name("各省公开率 · 2023年 · 全部地区") == "各省公开率_2023年_全部地区"


def test_charts_and_tables_offer_png_csv_and_excel():
    at = open_page("pages/overview.py", **LIZHOU)
    labels = [b.proto.label for b in at.get("download_button")]
    assert "下载高清 PNG" in labels and "下载 CSV" in labels and "下载 Excel" in labels
    assert "下载简报 PNG" in labels and "下载简报 PDF" in labels
    assert labels.count("下载 CSV") == labels.count("下载 Excel")


def test_without_chromium_the_png_button_says_what_to_install(monkeypatch):
    from dashboard import export

    monkeypatch.setattr(export.shutil, "which", lambda name: None)
    at = open_page("pages/overview.py", **LIZHOU)
    assert "下载高清 PNG" not in [b.proto.label for b in at.get("download_button")]
    assert export.INSTALL_HINT in captions(at)
