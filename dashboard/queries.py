"""Every read the dashboard makes. Pages call these functions; they never write SQL."""

import functools
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd
import streamlit as st

from dashboard.selection import Selection

T = TypeVar("T")

DEFAULT_DB = "data/disclosure.duckdb"
"""Where the database lives unless the environment variable ``DISCLOSURE_DB`` says otherwise."""

BUILD_COMMAND = "python -m parsing ingest data/reports --db data/disclosure.duckdb"
"""The command that builds the database, named in the error shown when it is missing."""

LOCK_WAIT_SECONDS = (0.1, 0.2, 0.4, 0.8, 1.5)
"""Pauses between attempts to open the file while a writer (an ingest) holds its lock."""


class DatabaseMissing(Exception):
    "The database file does not exist or holds no reports table"


class DatabaseBusy(Exception):
    "The database file stayed locked by a writer (an ingest) for longer than a reader waits"


def db_path() -> Path:
    """Return the database path, read from the environment at every call so tests can point it elsewhere."""
    return Path(os.environ.get("DISCLOSURE_DB", DEFAULT_DB))


def _missing(path: Path) -> DatabaseMissing:
    return DatabaseMissing(f"找不到数据库 {path}。请先运行：{BUILD_COMMAND}，或在「导入」页上传报告文件。")


def check_database() -> None:
    """Raise ``DatabaseMissing`` unless the database file exists and has its tables."""
    path = db_path()
    if not path.is_file():
        raise _missing(path)
    if _query("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'reports'")["n"][0] == 0:
        raise _missing(path)


def _connect() -> duckdb.DuckDBPyConnection:
    # A read-only connection per query: DuckDB lets many processes read or one write, so holding a
    # connection across reruns would keep an ingest (the 导入 page or the command line) locked out.
    # While an ingest holds the lock, wait a little; then say so in Chinese rather than fail.
    locked = None
    for pause in (0, *LOCK_WAIT_SECONDS):
        time.sleep(pause)
        try:
            return duckdb.connect(str(db_path()), read_only=True)
        except duckdb.IOException as e:
            if "Could not set lock" not in str(e):
                raise
            locked = e
    raise DatabaseBusy("数据库正在导入数据，请稍后刷新。") from locked


def _query(sql: str, **params) -> pd.DataFrame:
    con = _connect()
    try:
        # Nullable dtypes: counts stay integers (72, not 72.0) even when some reports lack them.
        return con.execute(sql, params).df().convert_dtypes()
    finally:
        con.close()


def _db_state() -> tuple[str, int, int]:
    path = db_path()
    try:
        stat = path.stat()
    except FileNotFoundError as e:
        raise _missing(path) from e
    wal = path.with_name(path.name + ".wal")
    return str(path.resolve()), stat.st_mtime_ns, wal.stat().st_mtime_ns if wal.exists() else 0


def _cached(func: Callable[..., T]) -> Callable[..., T]:
    """Cache ``func`` with ``st.cache_data``, keyed also by the database file's path and modification time.

    A load from the 导入 page or the command line changes the file, so the next rerun reads the new data
    without anyone clearing the cache.
    """

    @st.cache_data(show_spinner=False, max_entries=512)
    @functools.wraps(func)
    def keyed(db_state: tuple[str, int, int], *args, **kwargs) -> T:
        return func(*args, **kwargs)

    @functools.wraps(func)
    def call(*args, **kwargs) -> T:
        return keyed(_db_state(), *args, **kwargs)

    return call


SELECTED = """
WITH leveled AS (
    -- The parser fills level only for newer rows; where it is NULL the deepest region named decides.
    SELECT * REPLACE (
        coalesce(level, CASE WHEN county IS NOT NULL THEN '县' WHEN city IS NOT NULL THEN '市'
                             WHEN province IS NOT NULL THEN '省' END) AS level
    )
    FROM reports
),
in_scope AS (
    -- Every filter but the years: cross-year checks need the years around the selected ones.
    SELECT *,
        (len($years) = 0 OR list_contains($years, year)) AS is_selected,
        -- The unit a jurisdiction chart shows: the level below the deepest one chosen.
        CASE WHEN $province IS NULL THEN coalesce(province, '(地区未识别)')
             WHEN $city IS NULL THEN coalesce(city, '(' || province || '本级)')
             WHEN $county IS NULL THEN coalesce(county, '(' || city || '本级)')
             WHEN $agency IS NULL THEN agency
             ELSE year || '年' END AS unit,
        CASE WHEN $province IS NULL THEN province
             WHEN $city IS NULL THEN city
             WHEN $county IS NULL THEN county
             WHEN $agency IS NULL THEN agency
             ELSE report_id END AS unit_key,
        -- One body across years, however each report words its name: the region's names taken out and
        -- 人民政府 read as 政府 (淮安市洪泽区人民政府 of 2024 is 洪泽区人民政府 of 2023).
        replace(replace(replace(replace(agency, coalesce(province, ''), ''), coalesce(city, ''), ''),
                        coalesce(county, ''), ''), '人民政府', '政府') AS body
    FROM leveled
    WHERE ($province IS NULL OR province = $province)
      AND ($city IS NULL OR city = $city)
      AND ($county IS NULL OR county = $county)
      AND ($level IS NULL OR level = $level)
      AND ($agency IS NULL OR agency = $agency)
      AND ($q IS NULL OR contains(agency, $q))
),
selected AS (SELECT * FROM in_scope WHERE is_selected),
figures AS (
    -- One row per report in scope with the counts every summary adds up (总计 column of table 三).
    SELECT s.report_id, s.year, s.agency, s.body, s.province, s.city, s.county, s.unit, s.unit_key, s.is_selected,
           f.* EXCLUDE (report_id),
           s.info_processing_fee_yuan AS info_fee_yuan
    FROM in_scope s
    LEFT JOIN report_figures f USING (report_id)
)
"""
"""The reports the selection covers (``in_scope`` ignores its years), and their headline counts.

Every query that depends on the selection starts with this text and passes ``Selection.params()``;
user text only ever reaches DuckDB as a bound parameter."""

LISTING_LIMIT = 5000
"""Most lines a listing of problems returns; a wider selection is summed up per report instead."""

GROUPINGS: tuple[str, ...] = ("total", "unit", "year")
"""How ``summary``-like queries group: all together, by the drill-down unit, or by year."""


def _selected(sql: str, sel: Selection, **params) -> pd.DataFrame:
    return _query(SELECTED + sql, **sel.params(), **params)


def _grouping(by: str) -> str:
    if by not in GROUPINGS:
        raise ValueError(f"by must be one of {GROUPINGS}, not {by!r}")
    return by


@_cached
def years() -> list[int]:
    """Return every year that has a report, oldest first."""
    return _query("SELECT DISTINCT year FROM reports WHERE year IS NOT NULL ORDER BY year")["year"].tolist()


@_cached
def provinces() -> list[str]:
    """Return every province that has a report."""
    return _query("SELECT DISTINCT province FROM reports WHERE province IS NOT NULL ORDER BY province")[
        "province"].tolist()


@_cached
def cities(province: str) -> list[str]:
    """Given a province, return the cities in it that have a report."""
    return _query(
        "SELECT DISTINCT city FROM reports WHERE province = $province AND city IS NOT NULL ORDER BY city",
        province=province,
    )["city"].tolist()


@_cached
def counties(province: str, city: str) -> list[str]:
    """Given a province and a city, return the counties in it that have a report."""
    return _query(
        """
        SELECT DISTINCT county FROM reports
        WHERE province = $province AND city = $city AND county IS NOT NULL ORDER BY county
        """,
        province=province, city=city,
    )["county"].tolist()


@_cached
def agencies(sel: Selection) -> list[str]:
    """Given a selection, return the agencies whose reports it covers, by name."""
    return _selected("SELECT DISTINCT agency FROM selected WHERE agency IS NOT NULL ORDER BY agency", sel)[
        "agency"].tolist()


@_cached
def summary(sel: Selection, by: str) -> pd.DataFrame:
    """Given a selection and a grouping (``total``, ``unit``, ``year``), return report counts and summed figures.

    Columns: ``label`` (unit name, year or 合计), ``key`` (what a click on the unit drills to), ``reports``, the
    sums of the per-report figures of ``SELECTED`` (NULL only when no report of the group has the figure), and
    ``fees_missing``/``info_fee_missing``: how many reports give no fee."""
    return _selected(
        """
        SELECT
            CASE $by WHEN 'unit' THEN unit WHEN 'year' THEN year::VARCHAR ELSE '合计' END AS label,
            any_value(CASE $by WHEN 'unit' THEN unit_key WHEN 'year' THEN year::VARCHAR END) AS key,
            count(*) AS reports,
            sum(new_received) AS new_received, sum(carried_over) AS carried_over,
            sum(granted) AS granted, sum(partially_granted) AS partially_granted,
            sum(processed_total) AS processed_total, sum(carried_forward) AS carried_forward,
            sum(review_total) AS review_total, sum(review_corrected) AS review_corrected,
            sum(review_pending) AS review_pending,
            sum(litigation_total) AS litigation_total, sum(litigation_corrected) AS litigation_corrected,
            sum(litigation_pending) AS litigation_pending,
            sum(fees_10k_yuan) AS fees_10k_yuan, sum(info_fee_yuan) AS info_fee_yuan,
            count(*) FILTER (fees_10k_yuan IS NULL) AS fees_missing,
            count(*) FILTER (info_fee_yuan IS NULL) AS info_fee_missing
        FROM figures WHERE is_selected
        GROUP BY label
        ORDER BY CASE $by WHEN 'year' THEN label END, new_received DESC NULLS LAST, label
        """,
        sel, by=_grouping(by),
    )


@_cached
def requests_by_applicant(sel: Selection) -> pd.DataFrame:
    """Given a selection, return new and carried-over requests per applicant (``item``, ``applicant``, ``requests``)."""
    return _selected(
        """
        SELECT item, applicant, sum(value) AS requests
        FROM selected JOIN request_cells USING (report_id)
        WHERE item IN ('new_received', 'carried_over')
        GROUP BY item, applicant
        """,
        sel,
    )


@_cached
def top_agencies(sel: Selection, limit: int = 20) -> pd.DataFrame:
    """Given a selection, return the ``limit`` agencies with the most newly received requests."""
    return _selected(
        """
        SELECT agency, province, city, county, count(*) AS reports,
               sum(new_received) AS new_received, sum(carried_over) AS carried_over,
               sum(processed_total) AS processed_total,
               sum(granted) AS granted, sum(partially_granted) AS partially_granted
        FROM figures WHERE is_selected
        GROUP BY agency, province, city, county
        ORDER BY new_received DESC NULLS LAST, agency
        LIMIT $limit
        """,
        sel, limit=limit,
    )


@_cached
def outcomes(sel: Selection, by: str) -> pd.DataFrame:
    """Given a selection and a grouping, return the 总计 column of every outcome row and of (七)总计.

    Columns: ``label``, ``key``, ``item`` (a key of ``vocab.REQUEST_ROWS``), ``requests``."""
    return _selected(
        """
        SELECT
            CASE $by WHEN 'unit' THEN unit WHEN 'year' THEN year::VARCHAR ELSE '合计' END AS label,
            any_value(CASE $by WHEN 'unit' THEN unit_key WHEN 'year' THEN year::VARCHAR END) AS key,
            item, sum(value) AS requests
        FROM selected JOIN request_cells USING (report_id)
        WHERE applicant = 'total' AND item NOT IN ('new_received', 'carried_over', 'carried_forward')
        GROUP BY label, item
        ORDER BY label, item
        """,
        sel, by=_grouping(by),
    )


@_cached
def appeals(sel: Selection, by: str) -> pd.DataFrame:
    """Given a selection and a grouping, return summed cells of table 四.

    Columns: ``label``, ``key``, ``block``, ``metric``, ``cases``."""
    return _selected(
        """
        SELECT
            CASE $by WHEN 'unit' THEN unit WHEN 'year' THEN year::VARCHAR ELSE '合计' END AS label,
            any_value(CASE $by WHEN 'unit' THEN unit_key WHEN 'year' THEN year::VARCHAR END) AS key,
            block, metric, sum(value) AS cases
        FROM selected JOIN appeal_cells USING (report_id)
        GROUP BY label, block, metric
        ORDER BY label, block, metric
        """,
        sel, by=_grouping(by),
    )


@_cached
def most_corrected(sel: Selection, limit: int = 20) -> pd.DataFrame:
    """Given a selection, return the agencies whose decisions review or courts corrected most often."""
    return _selected(
        """
        SELECT agency, province, city, county, count(*) AS reports,
               sum(review_total) AS review_total, sum(review_corrected) AS review_corrected,
               sum(review_pending) AS review_pending,
               sum(litigation_total) AS litigation_total, sum(litigation_corrected) AS litigation_corrected,
               sum(litigation_pending) AS litigation_pending
        FROM figures WHERE is_selected
        GROUP BY agency, province, city, county
        HAVING coalesce(sum(review_corrected), 0) + coalesce(sum(litigation_corrected), 0) > 0
        ORDER BY coalesce(sum(review_corrected), 0) + coalesce(sum(litigation_corrected), 0) DESC, agency
        LIMIT $limit
        """,
        sel, limit=limit,
    )


@_cached
def failed_checks(sel: Selection, limit: int = LISTING_LIMIT) -> pd.DataFrame:
    """Given a selection, return the first ``limit`` checks that failed (``ok`` false) or stayed undecided (NULL)."""
    return _selected(
        """
        SELECT s.report_id, s.year, s.agency, s.province, s.city, s.county, c.rule, c.ok, c.detail
        FROM selected s JOIN checks c USING (report_id)
        WHERE c.ok IS NOT TRUE
        ORDER BY s.year DESC, s.agency, s.report_id, c.rule
        LIMIT $limit
        """,
        sel, limit=limit,
    )


@_cached
def missing_cells(sel: Selection, limit: int = LISTING_LIMIT) -> pd.DataFrame:
    """Given a selection, return the first ``limit`` cells without a number.

    Columns: the report's ``report_id``, ``year``, ``agency`` and region; ``table`` (二/三/四), ``row``, ``col``
    and ``raw``, the text the cell was read from."""
    return _selected(
        """
        , cells AS (
            SELECT report_id, '二' AS "table", item AS "row", metric AS col, value, raw FROM active_cells
            UNION ALL
            SELECT report_id, '三', item, applicant, value, raw FROM request_cells
            UNION ALL
            SELECT report_id, '四', block, metric, value, raw FROM appeal_cells
        )
        SELECT s.report_id, s.year, s.agency, s.province, s.city, s.county, c."table", c."row", c.col, c.raw
        FROM selected s JOIN cells c USING (report_id)
        WHERE c.value IS NULL
        ORDER BY s.year DESC, s.agency, s.report_id, c."table", c."row", c.col
        LIMIT $limit
        """,
        sel, limit=limit,
    )


QUALITY = """
, quality AS (
    SELECT s.report_id, s.year, s.agency, s.province, s.city, s.county,
        (SELECT count(*) FROM checks c WHERE c.report_id = s.report_id AND c.ok = false) AS failed,
        (SELECT count(*) FROM checks c WHERE c.report_id = s.report_id AND c.ok IS NULL) AS undecided,
        (SELECT count(*) FROM active_cells c WHERE c.report_id = s.report_id AND c.value IS NULL)
        + (SELECT count(*) FROM request_cells c WHERE c.report_id = s.report_id AND c.value IS NULL)
        + (SELECT count(*) FROM appeal_cells c WHERE c.report_id = s.report_id AND c.value IS NULL) AS missing
    FROM selected s
)
"""
"""Per report of the selection: how many checks failed or stayed undecided, and how many cells are empty."""


@_cached
def quality_by_report(sel: Selection) -> pd.DataFrame:
    """Given a selection, return per report the counts of failed and undecided checks and of missing cells."""
    return _selected(QUALITY + "SELECT * FROM quality ORDER BY failed DESC, missing DESC, year DESC, agency", sel)


@_cached
def quality_by_agency(sel: Selection) -> pd.DataFrame:
    """Given a selection, return per agency its reports and how many of them have failed checks or missing cells."""
    return _selected(
        QUALITY
        + """
        SELECT agency, province, city, county, count(*) AS reports,
               count(*) FILTER (failed > 0) AS reports_failed, sum(failed) AS failed,
               sum(undecided) AS undecided, sum(missing) AS missing
        FROM quality
        GROUP BY agency, province, city, county
        ORDER BY reports_failed DESC, missing DESC, agency
        """,
        sel,
    )


@_cached
def not_reported(sel: Selection) -> pd.DataFrame:
    """Given a selection, return the bodies with a report for an earlier year but none for the target year.

    The target year is the latest selected year, or the latest year in scope when no year is selected."""
    return _selected(
        """
        , target AS (SELECT coalesce(list_max($years), (SELECT max(year) FROM in_scope)) AS year)
        SELECT (SELECT year FROM target) AS target_year, arg_max(agency, year) AS agency,
               province, city, county, max(year) AS last_year, count(*) AS reports
        FROM in_scope earlier
        WHERE year < (SELECT year FROM target)
          AND NOT EXISTS (
            SELECT 1 FROM in_scope t
            WHERE t.year = (SELECT year FROM target) AND t.body = earlier.body
              AND t.province IS NOT DISTINCT FROM earlier.province
              AND t.city IS NOT DISTINCT FROM earlier.city
              AND t.county IS NOT DISTINCT FROM earlier.county
          )
        GROUP BY body, province, city, county
        ORDER BY province, city, county, agency
        """,
        sel,
    )


YEAR_PAIRS = """
, pairs AS (
    -- A body is its region and its name (body, in in_scope); it is compared with its report of the year before.
    SELECT cur.*, prev.report_id AS prev_report_id, prev.carried_forward AS prev_carried_forward,
           prev.new_received AS prev_new_received, prev.processed_total AS prev_processed_total,
           prev.granted AS prev_granted, prev.review_total AS prev_review_total,
           prev.fees_10k_yuan AS prev_fees_10k_yuan
    FROM figures cur JOIN figures prev
      ON prev.year = cur.year - 1 AND prev.body = cur.body
     AND prev.province IS NOT DISTINCT FROM cur.province
     AND prev.city IS NOT DISTINCT FROM cur.city
     AND prev.county IS NOT DISTINCT FROM cur.county
    WHERE cur.is_selected
)
"""
"""Each selected report joined with the same body's report of the year before (in scope, selected or not)."""


@_cached
def carryover(sel: Selection) -> pd.DataFrame:
    """Given a selection, return for each report with a predecessor last year's 结转下年度 and this year's 上年结转."""
    return _selected(
        YEAR_PAIRS
        + """
        SELECT report_id, prev_report_id, year, agency, province, city, county,
               prev_carried_forward AS carried_forward_last_year, carried_over,
               prev_carried_forward = carried_over AS ok
        FROM pairs
        ORDER BY ok NULLS FIRST, year DESC, agency
        """,
        sel,
    )


JUMP_FACTOR = 5
"""A figure this many times last year's, or this fraction of it, is marked for a look."""


@_cached
def jumps(sel: Selection) -> pd.DataFrame:
    """Given a selection, return figures ``JUMP_FACTOR`` times last year's or more, or 1/``JUMP_FACTOR`` or less."""
    return _selected(
        YEAR_PAIRS
        + """
        , compared AS (
            SELECT report_id, year, agency, province, city, county, figure,
                   CAST(prev_value AS DOUBLE) AS last_year, CAST(value AS DOUBLE) AS this_year
            FROM pairs
            CROSS JOIN LATERAL (VALUES
                ('new_received', prev_new_received, new_received),
                ('processed_total', prev_processed_total, processed_total),
                ('granted', prev_granted, granted),
                ('review_total', prev_review_total, review_total),
                ('fees_10k_yuan', prev_fees_10k_yuan, fees_10k_yuan)
            ) AS v(figure, prev_value, value)
        )
        SELECT *, this_year / last_year AS ratio FROM compared
        WHERE last_year > 0 AND this_year > 0
          AND (this_year >= $factor * last_year OR this_year * $factor <= last_year)
        ORDER BY year DESC, agency, figure
        """,
        sel, factor=JUMP_FACTOR,
    )


@_cached
def report_index() -> pd.DataFrame:
    """Return every report (``report_id``, ``year``, ``agency``): labels made from it are the same everywhere."""
    return _query("SELECT report_id, year, agency FROM reports ORDER BY year DESC, agency, report_id")


@_cached
def report_choices(sel: Selection) -> pd.DataFrame:
    """Given a selection, return its reports (``report_id``, ``year``, ``agency``), newest first."""
    return _selected("SELECT report_id, year, agency FROM selected ORDER BY year DESC, agency, report_id", sel)


@_cached
def report(report_id: str) -> pd.DataFrame:
    """Given a report id, return its row of ``reports`` (with the derived level); empty when there is none."""
    return _selected(
        "SELECT * EXCLUDE (is_selected, unit, unit_key) FROM in_scope WHERE report_id = $report_id",
        Selection(), report_id=report_id,
    )


@_cached
def report_cells(report_id: str) -> pd.DataFrame:
    """Given a report id, return all its cells (``table`` 二/三/四, ``row``, ``col``, ``value``, ``raw``)."""
    return _query(
        """
        SELECT '二' AS "table", item AS "row", metric AS col, value, raw FROM active_cells WHERE report_id = $id
        UNION ALL
        SELECT '三', item, applicant, value, raw FROM request_cells WHERE report_id = $id
        UNION ALL
        SELECT '四', block, metric, value, raw FROM appeal_cells WHERE report_id = $id
        """,
        id=report_id,
    )


@_cached
def report_checks(report_id: str) -> pd.DataFrame:
    """Given a report id, return its checks (``rule``, ``ok``, ``detail``)."""
    return _query("SELECT rule, ok, detail FROM checks WHERE report_id = $id ORDER BY rule", id=report_id)
