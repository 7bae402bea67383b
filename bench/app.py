"""Start the dashboard as a user would and time how long until it serves its first page."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except OSError:
        return 0, ""


def time_first_page(db: Path, timeout: float = 60.0) -> tuple[float, float]:
    """Given a database, start ``streamlit run app.py`` on it; return seconds until HTTP 200 on / and until health is ok."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
               "--server.port", str(port), "--browser.gatherUsageStats", "false"]
    start = time.perf_counter()
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "DISCLOSURE_DB": str(db)},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    page = health = None
    try:
        while time.perf_counter() - start < timeout and (page is None or health is None):
            if page is None and _get(f"http://127.0.0.1:{port}/")[0] == 200:
                page = time.perf_counter() - start
            if health is None and _get(f"http://127.0.0.1:{port}/_stcore/health") == (200, "ok"):
                health = time.perf_counter() - start
            time.sleep(0.02)
    finally:
        server.terminate()
        server.wait(timeout=10)
    if page is None or health is None:
        raise TimeoutError(f"streamlit did not serve http://127.0.0.1:{port}/ within {timeout:.0f} s")
    return page, health


def time_first_script_run(db: Path) -> float:
    """Given a database, return the seconds AppTest takes to run app.py once: the work behind the first page."""
    from streamlit import logger
    from streamlit.testing.v1 import AppTest

    logger.set_log_level("error")
    os.environ["DISCLOSURE_DB"] = str(db)
    start = time.perf_counter()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    elapsed = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(f"app.py raised on its first run: {at.exception[0].message}")
    return elapsed


PAGES: tuple[str, ...] = ("overview", "requests", "outcomes", "appeals", "fees", "quality", "report")
"""The pages whose first view is timed (导入 reads nothing)."""


def time_pages(db: Path, params: dict[str, str]) -> list[tuple[str, float, float]]:
    """Given a database and URL parameters (the selection), return per page the seconds of its first view, its
    queries uncached, and of a view again (cached, as after any click that comes back to it)."""
    import streamlit as st
    from streamlit import logger
    from streamlit.testing.v1 import AppTest

    logger.set_log_level("error")
    os.environ["DISCLOSURE_DB"] = str(db)
    # A server has imported Plotly and the pages before anyone's first view: so does a run of 导入 here.
    AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).switch_page("pages/upload.py").run()
    figures = []
    for page in PAGES:
        path = f"pages/{page}.py"
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.query_params.update(params)
        times = []
        for _ in range(2):
            if not times:
                st.cache_data.clear()
            start = time.perf_counter()
            at.run() if page == "overview" else at.switch_page(path).run()
            times.append(time.perf_counter() - start)
            if at.exception:
                raise RuntimeError(f"{path} raised: {at.exception[0].message}")
        figures.append((page, *times))
    return figures
