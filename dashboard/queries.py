"""Every read the dashboard makes. Pages call these functions; they never write SQL."""

import functools
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd
import streamlit as st

from dashboard.selection import Selection
from parsing.schema import (
    COLUMNS_SQL, SUMMED_APPLICANT_ROWS, YEAR_FIGURES, appeal_column, applicant_column, schema_differences,
)
from parsing.vocab import APPEAL_BLOCKS, APPEAL_METRICS, APPLICANTS, REQUEST_ROWS
from parsing.writer import writer_waiting

T = TypeVar("T")

DEFAULT_DB = "data/disclosure.duckdb"
"""Where the database lives unless the environment variable ``DISCLOSURE_DB`` says otherwise."""

BUILD_COMMAND = "python -m parsing ingest data/reports --db data/disclosure.duckdb"
"""The command that builds the database, named in the error shown when it is missing."""

LOCK_WAIT_SECONDS = (0.1, 0.2, 0.4, 0.8, 1.5)
"""Pauses between attempts to open the file while a writer (an ingest) holds its lock."""


class DatabaseMissing(Exception):
    "The database file does not exist or holds no reports table"


class DatabaseOutdated(DatabaseMissing):
    "The database file was built by an earlier version of the schema"


class DatabaseBusy(Exception):
    "The database file stayed locked by a writer (an ingest) for longer than a reader waits"


def db_path() -> Path:
    """Return the database path, read from the environment at every call so tests can point it elsewhere."""
    return Path(os.environ.get("DISCLOSURE_DB", DEFAULT_DB))


def _missing(path: Path) -> DatabaseMissing:
    return DatabaseMissing(f"找不到数据库 {path}。请先运行：{BUILD_COMMAND}，或在「导入」页上传报告文件。")


def check_database() -> None:
    """Raise ``DatabaseMissing`` unless the database file exists and has its tables, ``DatabaseOutdated`` when
    they are not the ones this version declares."""
    path = db_path()
    if not path.is_file():
        raise _missing(path)
    columns = _query(COLUMNS_SQL)
    if "reports" not in set(columns["table_name"]):
        raise _missing(path)
    if schema_differences(list(columns.itertuples(index=False, name=None))):
        raise DatabaseOutdated(f"数据库 {path} 由旧版本程序建立，与当前版本不符。请重新建立：{BUILD_COMMAND} "
                               "--replace-outdated（旧文件改名为 .outdated 保留），或运行 make db。")


IDLE_SECONDS = 1.0
"""How long the dashboard keeps the database open after its last query."""

_reader_lock = threading.Lock()
_reader: dict[str, object] = {}
"""The open read-only connection (``con``), the database state it was opened on (``state``) and the timer that
closes it (``timer``)."""


def _connect() -> duckdb.DuckDBPyConnection:
    # While an ingest holds the lock, or waits for it, wait a little; then say so in Chinese rather than fail.
    locked = None
    for pause in (0, *LOCK_WAIT_SECONDS):
        time.sleep(pause)
        if writer_waiting(db_path()):
            continue
        try:
            return duckdb.connect(str(db_path()), read_only=True)
        except duckdb.IOException as e:
            if "Could not set lock" not in str(e):
                raise
            locked = e
    raise DatabaseBusy("数据库正在导入数据，请稍后刷新。") from locked


def _query(sql: str, **params) -> pd.DataFrame:
    # One read-only connection serves the queries of a page and is closed after IDLE_SECONDS without one:
    # opening the file costs 20–30 ms, more than most queries. DuckDB lets many processes read or one write,
    # so it is also closed as soon as an ingest announces itself (parsing.writer.announced), which would
    # otherwise wait for the lock while readers keep it.
    with _reader_lock:
        state = _db_state()
        if _reader.get("state") != state or writer_waiting(db_path()):
            _close()
            _reader.update(con=_connect(), state=state)
        timer = _reader.pop("timer", None)
        if timer:
            timer.cancel()
        try:
            # Nullable dtypes: counts stay integers (72, not 72.0) even when some reports lack them.
            return _reader["con"].execute(sql, params).df().convert_dtypes()
        finally:
            _reader["timer"] = threading.Timer(IDLE_SECONDS, release)
            _reader["timer"].daemon = True
            _reader["timer"].start()


def _close() -> None:
    con = _reader.pop("con", None)
    _reader.pop("state", None)
    if con is not None:
        con.close()


def release() -> None:
    """Close the dashboard's connection to the database now, so that a writer can take its lock."""
    with _reader_lock:
        timer = _reader.pop("timer", None)
        if timer:
            timer.cancel()
        _close()


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
WITH in_scope AS NOT MATERIALIZED (
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
             ELSE report_id END AS unit_key
    FROM report_figures
    WHERE ($province IS NULL OR province = $province)
      AND ($city IS NULL OR city = $city)
      AND ($county IS NULL OR county = $county)
      AND ($level IS NULL OR level = $level)
      AND ($agency IS NULL OR agency = $agency)
      AND ($q IS NULL OR contains(agency, $q))
),
selected AS NOT MATERIALIZED (SELECT * FROM in_scope WHERE is_selected)
"""
"""The reports the selection covers (``in_scope`` ignores its years), with every figure of ``report_figures``.

Every query that depends on the selection starts with this text and passes ``Selection.params()``;
user text only ever reaches DuckDB as a bound parameter. Pages over 10⁶ reports stay fast because
``report_figures`` holds one row per report with all they add up: no query here reads the cell tables
except for one report. NOT MATERIALIZED: a query that reads both (the cross-year ones) would otherwise have
DuckDB copy every column of every report in scope first."""

LISTING_LIMIT = 1000
"""Most lines a listing returns (problems first); the pages say so when a selection reaches it."""

CHOICE_LIMIT = 5000
"""Most reports (or agencies) a selection may cover for its reports (agencies) to be offered one by one."""

GROUPINGS: tuple[str, ...] = ("total", "unit", "year")
"""How ``summary``-like queries group: all together, by the drill-down unit, or by year."""

GROUP = """CASE $by WHEN 'unit' THEN unit WHEN 'year' THEN year::VARCHAR ELSE '合计' END AS label,
            any_value(CASE $by WHEN 'unit' THEN unit_key WHEN 'year' THEN year::VARCHAR END) AS key"""
"""The ``label`` and ``key`` columns of a query grouped by ``$by`` (one of ``GROUPINGS``)."""

OUTCOME_ROWS: tuple[str, ...] = tuple(r for r in REQUEST_ROWS if r not in ("new_received", "carried_over", "carried_forward"))
"""Rows of table 三 that ``outcomes`` returns: what became of the requests, and (七)总计."""

APPLICANT_CELLS: tuple[tuple[str, str, str], ...] = tuple(
    (item, a, item if a == "total" else applicant_column(item, a)) for item in SUMMED_APPLICANT_ROWS for a in APPLICANTS)
"""(item, applicant, column of ``report_figures``) of every cell ``requests_by_applicant`` sums."""

APPEAL_CELLS: tuple[tuple[str, str, str], ...] = tuple(
    (b, m, appeal_column(b, m)) for b in APPEAL_BLOCKS for m in APPEAL_METRICS)
"""(block, metric, column of ``report_figures``) of every cell of table 四."""


def _sums(columns) -> str:
    """Given columns of ``report_figures``, return the SQL list of their sums."""
    return "[" + ", ".join(f"sum({c})" for c in columns) + "]"


def _selected(sql: str, sel: Selection, **params) -> pd.DataFrame:
    return _query(SELECTED + sql, **sel.params(), **params)


def _grouping(by: str) -> str:
    if by not in GROUPINGS:
        raise ValueError(f"by must be one of {GROUPINGS}, not {by!r}")
    return by


@_cached
def years() -> list[int]:
    """Return every year that has a report, oldest first."""
    return _query("SELECT DISTINCT year FROM report_figures WHERE year IS NOT NULL ORDER BY year")["year"].tolist()


@_cached
def provinces() -> list[str]:
    """Return every province that has a report."""
    return _query("SELECT DISTINCT province FROM report_figures WHERE province IS NOT NULL ORDER BY province")[
        "province"].tolist()


@_cached
def cities(province: str) -> list[str]:
    """Given a province, return the cities in it that have a report."""
    return _query(
        "SELECT DISTINCT city FROM report_figures WHERE province = $province AND city IS NOT NULL ORDER BY city",
        province=province,
    )["city"].tolist()


@_cached
def counties(province: str, city: str) -> list[str]:
    """Given a province and a city, return the counties in it that have a report."""
    return _query(
        """
        SELECT DISTINCT county FROM report_figures
        WHERE province = $province AND city = $city AND county IS NOT NULL ORDER BY county
        """,
        province=province, city=city,
    )["county"].tolist()


@_cached
def agencies(sel: Selection, limit: int = CHOICE_LIMIT) -> list[str]:
    """Given a selection, return the agencies whose reports it covers, by name; none when it covers more than
    ``limit`` reports (a list that long helps nobody choose: the sidebar asks to narrow it or search)."""
    return _selected(
        """
        SELECT DISTINCT agency FROM selected
        WHERE agency IS NOT NULL AND (SELECT count(*) FROM selected) <= $limit
        ORDER BY agency
        """,
        sel, limit=limit)["agency"].tolist()


@_cached
def summary(sel: Selection, by: str) -> pd.DataFrame:
    """Given a selection and a grouping (``total``, ``unit``, ``year``), return report counts and summed figures.

    Columns: ``label`` (unit name, year or 合计), ``key`` (what a click on the unit drills to), ``reports``, the
    sums of the per-report figures (NULL only when no report of the group has the figure), and
    ``fees_missing``/``info_fee_missing``: how many reports give no fee."""
    return _selected(
        f"""
        SELECT
            {GROUP},
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
        FROM selected
        GROUP BY label
        ORDER BY CASE $by WHEN 'year' THEN label END, new_received DESC NULLS LAST, label
        """,
        sel, by=_grouping(by),
    )


@_cached
def requests_by_applicant(sel: Selection) -> pd.DataFrame:
    """Given a selection, return new and carried-over requests per applicant (``item``, ``applicant``, ``requests``)."""
    return _selected(
        f"""
        SELECT unnest($items) AS item, unnest($applicants) AS applicant, unnest(sums) AS requests
        FROM (SELECT {_sums(c for _, _, c in APPLICANT_CELLS)} AS sums FROM selected)
        """,
        sel, items=[i for i, _, _ in APPLICANT_CELLS], applicants=[a for _, a, _ in APPLICANT_CELLS],
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
        FROM selected
        GROUP BY agency, province, city, county
        ORDER BY new_received DESC NULLS LAST, agency
        LIMIT $limit
        """,
        sel, limit=limit,
    )


@_cached
def outcomes(sel: Selection, by: str) -> pd.DataFrame:
    """Given a selection and a grouping, return the 总计 column of every outcome row and of (七)总计.

    Columns: ``label``, ``key``, ``item`` (a key of ``vocab.REQUEST_ROWS``), ``requests``; a row no report of
    the group has (one of the other form) is left out."""
    return _selected(
        f"""
        SELECT * FROM (
            SELECT label, key, unnest($items) AS item, unnest(sums) AS requests
            FROM (SELECT {GROUP}, {_sums(OUTCOME_ROWS)} AS sums FROM selected GROUP BY label)
        )
        WHERE requests IS NOT NULL
        ORDER BY label, item
        """,
        sel, by=_grouping(by), items=list(OUTCOME_ROWS),
    )


@_cached
def appeals(sel: Selection, by: str) -> pd.DataFrame:
    """Given a selection and a grouping, return summed cells of table 四.

    Columns: ``label``, ``key``, ``block``, ``metric``, ``cases``."""
    return _selected(
        f"""
        SELECT * FROM (
            SELECT label, key, unnest($blocks) AS block, unnest($metrics) AS metric, unnest(sums) AS cases
            FROM (SELECT {GROUP}, {_sums(c for _, _, c in APPEAL_CELLS)} AS sums FROM selected GROUP BY label)
        )
        WHERE cases IS NOT NULL
        ORDER BY label, block, metric
        """,
        sel, by=_grouping(by), blocks=[b for b, _, _ in APPEAL_CELLS], metrics=[m for _, m, _ in APPEAL_CELLS],
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
        FROM selected
        WHERE coalesce(review_corrected, 0) + coalesce(litigation_corrected, 0) > 0
        GROUP BY agency, province, city, county
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
        SELECT report_id, year, agency, province, city, county, p.rule, p.ok, p.detail
        FROM (SELECT *, unnest(problems) AS p FROM selected WHERE checks_failed + checks_undecided > 0)
        ORDER BY year DESC, agency, report_id, p.rule
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
        SELECT report_id, year, agency, province, city, county, c."table", c."row", c.col, c.raw
        FROM (SELECT *, unnest(missing) AS c FROM selected WHERE cells_missing > 0)
        ORDER BY year DESC, agency, report_id, c."table", c."row", c.col
        LIMIT $limit
        """,
        sel, limit=limit,
    )


@_cached
def quality_totals(sel: Selection) -> pd.DataFrame:
    """Given a selection, return one row: ``reports``, ``reports_failed`` (with a failed check), ``cells_missing``,
    and of the reports paired with the same body's report of the year before, ``pairs`` and ``carryover_breaks``."""
    return _selected(
        """
        SELECT count(*) AS reports, count(*) FILTER (checks_failed > 0) AS reports_failed,
               coalesce(sum(cells_missing), 0) AS cells_missing,
               count(prev_report_id) AS pairs,
               count(*) FILTER (prev_carried_forward <> carried_over) AS carryover_breaks
        FROM selected
        """,
        sel,
    )


@_cached
def quality_by_report(sel: Selection, limit: int = LISTING_LIMIT) -> pd.DataFrame:
    """Given a selection, return per report (the ``limit`` with most problems first) its counts of failed and
    undecided checks and of missing cells."""
    return _selected(
        """
        SELECT report_id, year, agency, province, city, county,
               checks_failed AS failed, checks_undecided AS undecided, cells_missing AS missing
        FROM selected
        ORDER BY failed DESC, missing DESC, year DESC, agency, report_id
        LIMIT $limit
        """,
        sel, limit=limit,
    )


@_cached
def quality_by_agency(sel: Selection, limit: int = LISTING_LIMIT) -> pd.DataFrame:
    """Given a selection, return per agency its reports and how many of them have failed checks or missing cells."""
    return _selected(
        """
        SELECT agency, province, city, county, count(*) AS reports,
               count(*) FILTER (checks_failed > 0) AS reports_failed, sum(checks_failed) AS failed,
               sum(checks_undecided) AS undecided, sum(cells_missing) AS missing
        FROM selected
        GROUP BY agency, province, city, county
        ORDER BY reports_failed DESC, missing DESC, agency
        LIMIT $limit
        """,
        sel, limit=limit,
    )


@_cached
def not_reported(sel: Selection, limit: int = LISTING_LIMIT) -> pd.DataFrame:
    """Given a selection, return the bodies with a report for an earlier year but none for the target year.

    The target year is the latest selected year, or the latest year in scope when no year is selected."""
    return _selected(
        """
        , target AS (SELECT coalesce(list_max($years), (SELECT max(year) FROM in_scope)) AS year)
        , absent AS (
            SELECT body_key FROM in_scope, target
            WHERE in_scope.year <= target.year AND body_key IS NOT NULL
            GROUP BY body_key
            HAVING max(in_scope.year) < any_value(target.year)
        )
        SELECT (SELECT year FROM target) AS target_year, arg_max(agency, year) AS agency,
               any_value(province) AS province, any_value(city) AS city, any_value(county) AS county,
               max(year) AS last_year, count(*) AS reports
        FROM in_scope SEMI JOIN absent USING (body_key)
        WHERE year < (SELECT year FROM target)
        GROUP BY body_key
        ORDER BY province, city, county, agency
        LIMIT $limit
        """,
        sel, limit=limit,
    )


@_cached
def carryover(sel: Selection, limit: int = LISTING_LIMIT) -> pd.DataFrame:
    """Given a selection, return for each report with a predecessor last year's 结转下年度 and this year's 上年结转:
    breaks and undecided pairs first, at most ``limit``."""
    return _selected(
        """
        SELECT report_id, prev_report_id, year, agency, province, city, county,
               prev_carried_forward AS carried_forward_last_year, carried_over,
               prev_carried_forward = carried_over AS ok
        FROM selected WHERE prev_report_id IS NOT NULL
        ORDER BY ok NULLS FIRST, year DESC, agency, report_id
        LIMIT $limit
        """,
        sel, limit=limit,
    )


JUMP_FACTOR = 5
"""A figure this many times last year's, or this fraction of it, is marked for a look."""

JUMP_FIGURES: tuple[str, ...] = tuple(f for f in YEAR_FIGURES if f != "carried_forward")
"""Figures that ``jumps`` compares with the same body's of the year before."""


@_cached
def jumps(sel: Selection, limit: int = LISTING_LIMIT) -> pd.DataFrame:
    """Given a selection, return figures ``JUMP_FACTOR`` times last year's or more, or 1/``JUMP_FACTOR`` or less."""
    def jumped(this: str, last: str) -> str:
        return f"({last} > 0 AND {this} > 0 AND ({this} >= $factor * {last} OR {this} * $factor <= {last}))"

    return _selected(
        f"""
        , compared AS (
            SELECT report_id, year, agency, province, city, county, unnest($figures) AS figure,
                   unnest([{", ".join(f"prev_{f}::DOUBLE" for f in JUMP_FIGURES)}]) AS last_year,
                   unnest([{", ".join(f"{f}::DOUBLE" for f in JUMP_FIGURES)}]) AS this_year
            FROM selected
            -- Only reports with a jump are taken apart figure by figure.
            WHERE {" OR ".join(jumped(f, f"prev_{f}") for f in JUMP_FIGURES)}
        )
        SELECT *, this_year / last_year AS ratio FROM compared
        WHERE {jumped("this_year", "last_year")}
        ORDER BY year DESC, agency, report_id, figure
        LIMIT $limit
        """,
        sel, factor=JUMP_FACTOR, limit=limit, figures=list(JUMP_FIGURES),
    )


LABELS = """
, peers AS (
    -- Reports of the same year and agency as one listed: those need the id in their label.
    SELECT year, agency, count(*) AS n FROM report_figures
    WHERE year IN (SELECT year FROM listed) AND agency IN (SELECT agency FROM listed)
    GROUP BY year, agency
)
SELECT listed.report_id, listed.year,
       listed.year || '年 · ' || coalesce(listed.agency, '(机关未识别)')
       || CASE WHEN peers.n > 1 THEN ' · ' || left(listed.report_id, 8) ELSE '' END AS label
FROM listed LEFT JOIN peers ON peers.year = listed.year AND peers.agency = listed.agency
"""
"""Given a CTE ``listed`` of reports (``report_id``, ``year``, ``agency``), their labels (年度 · 机关), made unique
over all reports, so that the one a URL carries (``?report=``) names the same report whatever the selection."""


@_cached
def report_labels(report_ids: tuple[str, ...]) -> dict[str, str]:
    """Given report ids, return each one's label (年度 · 机关, unique over all reports)."""
    labels = _query(
        "WITH listed AS (SELECT report_id, year, agency FROM report_figures WHERE report_id IN (SELECT unnest($ids)))"
        + LABELS, ids=list(report_ids))
    return dict(zip(labels["report_id"], labels["label"]))


@_cached
def report_choices(sel: Selection, limit: int = CHOICE_LIMIT) -> dict[str, str]:
    """Given a selection, return the labels of its reports mapped to their ids, newest first; none when it
    covers more than ``limit`` reports."""
    labels = _selected(
        ", listed AS (SELECT report_id, year, agency FROM selected WHERE (SELECT count(*) FROM selected) <= $limit)"
        + LABELS + " ORDER BY listed.year DESC, label",
        sel, limit=limit)
    return dict(zip(labels["label"], labels["report_id"]))


@_cached
def report_with_label(label: str) -> str | None:
    """Given a report's label, return its id, or None when no report has that label."""
    found = _query(
        """
        WITH listed AS (
            SELECT report_id, year, agency FROM report_figures
            WHERE year = TRY_CAST(regexp_extract($label, '^(\\d+)年 · ', 1) AS INTEGER)
              AND starts_with($label, year || '年 · ' || coalesce(agency, '(机关未识别)'))
        )
        """ + LABELS, label=label)
    ids = found.loc[found["label"] == label, "report_id"]
    return ids.iloc[0] if len(ids) else None


@_cached
def report(report_id: str) -> pd.DataFrame:
    """Given a report id, return its row of ``reports`` (level as derived); empty when there is none."""
    return _query(
        """
        SELECT r.* REPLACE (f.level AS level)
        FROM reports r JOIN report_figures f USING (report_id) WHERE r.report_id = $id
        """,
        id=report_id,
    )


def _seq(report_id: str) -> int | None:
    found = _query("SELECT seq FROM report_figures WHERE report_id = $id", id=report_id)["seq"]
    return int(found.iloc[0]) if len(found) else None


@_cached
def report_cells(report_id: str) -> pd.DataFrame:
    """Given a report id, return all its cells (``table`` 二/三/四, ``row``, ``col``, ``value``, ``raw``)."""
    # By seq, not report_id: the cell tables are stored in seq order, so this reads one block of each.
    return _query(
        """
        SELECT '二' AS "table", item AS "row", metric AS col, value, raw FROM active_cells WHERE seq = $seq
        UNION ALL
        SELECT '三', item, applicant, value, raw FROM request_cells WHERE seq = $seq
        UNION ALL
        SELECT '四', block, metric, value, raw FROM appeal_cells WHERE seq = $seq
        """,
        seq=_seq(report_id),
    )


@_cached
def report_checks(report_id: str) -> pd.DataFrame:
    """Given a report id, return its checks (``rule``, ``ok``, ``detail``)."""
    return _query("SELECT rule, ok, detail FROM checks WHERE seq = $seq ORDER BY rule", seq=_seq(report_id))
