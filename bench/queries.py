"""Time every read of the dashboard's query layer on a database, uncached, with a typical selection."""

import importlib
import inspect
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

Call = tuple[str, Callable[[], object]]


def typical_arguments(db: Path) -> dict[str, object]:
    """Given a database, return a value for each parameter name the query functions take: the latest year,
    nationwide; a report of it, and fifty whose labels a listing shows."""
    from dashboard.selection import Selection

    with duckdb.connect(str(db), read_only=True) as con:
        year, province, city = con.execute(
            "SELECT max(year), mode(province), mode(city) FROM reports WHERE year = (SELECT max(year) FROM reports)"
        ).fetchone()
        ids = [r for (r,) in con.execute("SELECT report_id FROM reports WHERE year = $year LIMIT 50", {"year": year}).fetchall()]
        label = f"{year}年 · " + con.execute("SELECT agency FROM reports WHERE report_id = $id", {"id": ids[0]}).fetchone()[0]
    return {"sel": Selection(years=(year,)), "by": "unit", "province": province, "city": city,
            "report_id": ids[0], "report_ids": tuple(ids), "label": label, "limit": 20}


def query_calls(db: Path) -> tuple[list[Call], list[str]]:
    """Given a database, return a call per public query of ``dashboard.queries`` (uncached), and the ones skipped."""
    os.environ["DISCLOSURE_DB"] = str(db)
    quiet_streamlit()
    queries = importlib.import_module("dashboard.queries")
    arguments = typical_arguments(db)
    calls, skipped = [], []
    for name, func in inspect.getmembers(queries, inspect.isfunction):
        if name.startswith("_") or func.__module__ != queries.__name__ or not hasattr(func, "__wrapped__"):
            continue
        # __wrapped__ is the function under st.cache_data: the bench times DuckDB, not the cache.
        plain = inspect.unwrap(func)
        params = inspect.signature(plain).parameters
        missing = [p for p, spec in params.items() if p not in arguments and spec.default is inspect.Parameter.empty]
        if missing:
            skipped.append(f"{name} (no typical value for {', '.join(missing)})")
            continue
        kwargs = {p: arguments[p] for p in params if p in arguments}
        calls.append((name, lambda plain=plain, kwargs=kwargs: plain(**kwargs)))
    return calls, skipped


def quiet_streamlit() -> None:
    """Silence Streamlit's warnings that its caches and contexts are used outside a running app."""
    from streamlit import logger

    logger.set_log_level("error")


def time_calls(calls: list[Call], repeat: int, budget: float = 20.0) -> list[tuple[str, float, float, int]]:
    """Given calls, run each ``repeat`` times (fewer when it exceeds ``budget`` seconds); return (name, p50, p95, runs)."""
    figures = []
    for name, call in calls:
        call()  # the first run pays for the file's metadata and the OS cache, as the app's first visitor does
        times: list[float] = []
        while len(times) < repeat and sum(times) < budget:
            start = time.perf_counter()
            call()
            times.append(time.perf_counter() - start)
        figures.append((name, statistics.median(times), percentile(times, 95), len(times)))
    return figures


def percentile(values: list[float], q: float) -> float:
    """Given samples and a percentage, return the nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]
