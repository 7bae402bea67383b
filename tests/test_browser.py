"""The dashboard in headless Chromium: every page renders, a drill-down click works, the URL reproduces the view."""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

from dashboard import tables

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGES = {"overview": "总览", "requests": "申请量", "outcomes": "办理结果", "appeals": "复议诉讼", "fees": "收费",
         "quality": "数据质量", "report": "报告详情", "upload": "导入"}
"""URL path of each page (its file name in pages/) and its title."""
LIZHOU_AGENCY = "?province=四川省&city=广元市&county=利州区&agency=广元市利州区人民政府"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(db: Path, log_name: str = "streamlit.log"):
    """Serve the dashboard as ``make run`` does, on a free port against ``db``; yield its URL. The log goes to test-artifacts/."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    SCREENSHOTS.parent.mkdir(exist_ok=True)
    with open(SCREENSHOTS.parent / log_name, "w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "dashboard", "serve", "--port", str(port)],
            cwd=ROOT, env={**os.environ, "DISCLOSURE_DB": str(db)}, stdout=log, stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_healthy(url)
            yield url
        finally:
            proc.terminate()
            proc.wait(timeout=10)


@pytest.fixture(scope="module")
def server(built_db):
    with streamlit_server(built_db) as url:
        yield url


def _wait_until_healthy(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                return
        except OSError:
            time.sleep(0.5)
    pytest.fail("streamlit did not start; see test-artifacts/streamlit.log")


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    tab = browser.new_page(viewport={"width": 1440, "height": 2400}, locale="zh-CN")
    yield tab
    tab.close()


def settle(tab) -> None:
    """Wait until the app has run (after a load or a click) and drawn everything, charts included."""
    try:  # a click starts a run a moment later; a fast run may also be over already
        tab.wait_for_selector("[data-testid=stApp][data-test-script-state=running]", timeout=3_000)
    except PlaywrightTimeout:
        pass
    tab.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=60_000)
    tab.wait_for_function("() => !document.querySelector('[data-testid=stSkeleton]')", timeout=60_000)
    tab.wait_for_timeout(800)  # Plotly lays out its SVG after the script has finished


def caption(tab) -> str:
    return tab.locator("[data-testid=stCaptionContainer]").first.inner_text()


def click_bar(tab, chart: int, bar: int) -> None:
    """Click a bar of the ``chart``-th chart like a user (Plotly's drag layer covers the bars themselves)."""
    path = tab.locator("[data-testid=stPlotlyChart]").nth(chart).locator(".bars .point path").nth(bar)
    path.scroll_into_view_if_needed()
    box = path.bounding_box()
    tab.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] - 4)
    settle(tab)


def query(tab) -> dict[str, list[str]]:
    return parse_qs(urlparse(tab.url).query)


@pytest.mark.parametrize("path", PAGES)
def test_page_renders_without_exception(server, page, path):
    page.goto(f"{server}/{'' if path == 'overview' else path}?year=2023")
    settle(page)
    page.screenshot(path=SCREENSHOTS / f"{path}.png", full_page=True)
    assert page.locator("h1").first.inner_text() == PAGES[path]
    assert page.locator("[data-testid=stException]").count() == 0
    if path not in ("report", "upload"):
        assert page.locator("[data-testid=stPlotlyChart], [data-testid=stDataFrame]").count() > 0


def test_drill_down_by_clicking_a_bar_and_the_url_reproduces_it(server, browser, page):
    page.goto(f"{server}/?year=2023")
    settle(page)
    click_bar(page, chart=0, bar=0)
    province = query(page)["province"][0]
    assert query(page)["year"] == ["2023"]
    assert caption(page) == f"所选范围：2023年 · {province}"
    assert page.get_by_role("button", name=province).count() == 1  # the breadcrumb's last step
    page.screenshot(path=SCREENSHOTS / "drill-province.png", full_page=True)

    again = browser.new_page(viewport={"width": 1440, "height": 1400})
    again.goto(page.url)
    settle(again)
    assert caption(again) == f"所选范围：2023年 · {province}"
    assert again.get_by_role("combobox", name="省").input_value() == province
    again.screenshot(path=SCREENSHOTS / "drill-province-from-url.png", full_page=True)
    again.close()

    page.get_by_role("button", name="全部地区").click()
    settle(page)
    assert "province" not in query(page)
    assert caption(page) == "所选范围：2023年 · 全部地区"


def test_drill_down_below_an_agency_opens_its_report(server, page):
    page.goto(f"{server}/{LIZHOU_AGENCY}")
    settle(page)
    click_bar(page, chart=0, bar=0)  # the agency's one year, 2023
    page.wait_for_selector("h3", timeout=60_000)
    assert urlparse(page.url).path == "/report"
    assert page.locator("h3").first.inner_text() == "2023年 · 广元市利州区人民政府"
    assert page.locator("[data-testid=stException]").count() == 0
    page.screenshot(path=SCREENSHOTS / "drill-report.png", full_page=True)


def test_a_report_link_from_the_quality_table_opens_that_report(server, page):
    label = "2019年 · 安顺经济技术开发区管理委员会办公室"
    page.goto(f"{server}/{tables.report_link(label)}")
    page.wait_for_selector("h3", timeout=60_000)
    settle(page)
    assert page.locator("h3").first.inner_text() == label
    assert "安顺经济技术开发区" in page.locator("[data-testid=stCode]").first.inner_text()


def test_a_link_to_a_page_works_right_after_a_restart(built_db, page):
    with streamlit_server(built_db, "streamlit-fresh.log") as url:
        page.goto(f"{url}/quality?year=2019")
        settle(page)
        page.screenshot(path=SCREENSHOTS / "fresh-deep-link.png", full_page=True)
        assert caption(page).startswith("所选范围：2019年")
