"""A dashboard database of any size, built in DuckDB from a few hundred generated records instead of parsed files."""

import random
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from parsing import storage
from parsing.model import Cell, Check, Region, Report, Table
from parsing.schema import TABLES
from synth import RULES, generate, render
from synth.places import KINDS, agency_name, places

YEARS = range(2019, 2026)
"""Every body reports every year: its reports of consecutive years make the year-over-year pairs."""


def template_records(count: int) -> list[dict]:
    """Given a count, return that many generated records, a tenth with a planted error, half of each form."""
    records = []
    for seed in range(count):
        rng = random.Random(seed)
        records.append(generate(seed, [rng.choice(RULES)] if rng.random() < 0.1 else []))
    return records


def record_to_report(record: dict) -> Report:
    """Given a generated record, return the ``Report`` the parser would make of it (cells read as printed)."""
    def cells(rows: dict) -> dict:
        return {row: {col: Cell(v, "" if v is None else str(v)) for col, v in cols.items()} for row, cols in rows.items()}

    failed = set(record["failed_checks"])
    checks = tuple(Check(rule, rule not in failed, "全部相符" if rule not in failed else "表三 · 不相符")
                   for rule in (*RULES, "ambiguous_digits", "unplaced_rows"))
    return Report(record["year"], record["agency"], Region(**record["region"]), record["published"], record["script"],
                  Table(record["active"]["format"], cells(record["active"]["rows"])),
                  Table(record["requests"]["format"], cells(record["requests"]["rows"])),
                  cells(record["appeals"]), record["info_processing_fee_yuan"], checks,
                  text=render(record, "pipe_lines", 0).decode())


def templates_to_tables(records: list[dict]) -> dict[str, pa.Table]:
    """Given template records, return every table's rows as ``storage`` writes them, with the template number
    as ``seq`` and ``report_id``."""
    tables = storage.rows_to_arrow([(record_to_report(r), str(t), "template.txt", t) for t, r in enumerate(records)])
    return {f"tmpl_{name}": table for name, table in tables.items()}
def bodies(count: int, seed: int = 0) -> pd.DataFrame:
    """Given a count, return that many distinct reporting bodies with real jurisdictions, their level and body key.

    Distinct as real ones are: one 人民政府 per county, never two bodies of one name in one region (drawn
    again when they would be), so that a body's reports of consecutive years pair one to one."""
    rng, pool = random.Random(seed), places()
    rows, seen = [], set()
    while len(rows) < count:
        place = rng.choice(pool)
        kind = rng.choices(list(KINDS), list(KINDS.values()))[0]
        agency = agency_name(place, kind, rng)
        region = Region(place.province, place.city, place.county)
        name = storage.body_of(Report(None, agency, region, None, "", Table(None), Table(None), {}, None))
        key = storage.body_key(name, region)
        if key in seen:
            continue
        seen.add(key)
        rows.append((len(rows), agency, place.province, place.city, place.county,
                     "乡" if kind == "township" else "县", name, key))
    return pd.DataFrame(rows, columns=["body", "agency", "province", "city", "county", "level", "name", "body_key"])


IDS_SQL = """
CREATE TEMP TABLE ids AS
-- Loaded a year at a time, as an archive grows: every body's report of 2019, then of 2020 …
SELECT i, md5(i::VARCHAR) AS report_id, i + 1 AS seq, i % $bodies AS body, 2019 + i // $bodies AS year,
       -- A body keeps its figures from year to year (the template its number picks), but one report in
       -- CHANGED is drawn anew: a body's jumps and carry-over breaks are as rare as in real archives.
       CASE WHEN hash(i, 'changed') % $changed = 0 THEN hash(i) ELSE hash(i % $bodies) END AS draw,
       CASE WHEN 2019 + i // $bodies <= 2020 THEN t19[1 + (draw % len(t19))::BIGINT]
            ELSE t21[1 + (draw % len(t21))::BIGINT] END AS template
FROM range($reports) r(i),
     (SELECT list(seq) FILTER (requests_format = '2019') AS t19, list(seq) FILTER (requests_format = '2021') AS t21
      FROM tmpl_reports)
"""
"""One row per report to build: its id, load number, body, year and the template its cells come from."""

CHANGED = 10
"""One report in this many takes other figures than its body's other years."""

REPLACED = {
    "reports": {"report_id": "ids.report_id", "seq": "ids.seq", "year": "ids.year", "agency": "b.agency",
                "province": "b.province", "city": "b.city", "county": "b.county", "level": "b.level",
                "published": "make_date(ids.year + 1, (1 + hash(ids.i) % 3)::BIGINT, (1 + hash(ids.i + 1) % 28)::BIGINT)",
                "source_file": "'report-' || ids.i || '.txt'", "content_hash": "ids.report_id"},
    "report_figures": {"report_id": "ids.report_id", "seq": "ids.seq", "year": "ids.year", "agency": "b.agency",
                       "province": "b.province", "city": "b.city", "county": "b.county", "level": "b.level",
                       "body": "b.name", "body_key": "b.body_key"},
}
"""Columns a report takes from its id, year and body rather than from its template; the cell tables take
``report_id`` and ``seq``."""


def insert_sql(table) -> str:
    """Given a table of the schema, return the statement that fills it from ``ids``, the bodies and the templates."""
    replaced = REPLACED.get(table.name, {"report_id": "ids.report_id", "seq": "ids.seq"})
    columns = ", ".join(replaced.get(c, f"t.{c}") for c in table.columns)
    return (f"INSERT INTO {table.name} SELECT {columns} FROM ids JOIN bodies b USING (body) "
            f"JOIN tmpl_{table.name} t ON t.seq = ids.template WHERE ids.seq BETWEEN $first AND $last ORDER BY ids.seq")


SLICE = 50_000
"""Reports inserted per statement."""


def build_database(path: Path, reports: int, templates: int = 300) -> None:
    """Given a path and a report count, write a database of that many reports in the project's schema.

    Cells come from ``templates`` generated records; bodies, years and dates vary per report. The
    ``text`` column repeats the templates' texts, so the file is smaller than one of real reports.
    """
    con = duckdb.connect(str(path))
    try:
        con.execute("SET enable_progress_bar = false")
        for table in TABLES:
            con.execute(table.create_sql())
        count = -(-reports // len(YEARS))
        for name, frame in {**templates_to_tables(template_records(templates)), "bodies": bodies(count)}.items():
            con.register(f"{name}_df", frame)
            con.execute(f"CREATE TEMP TABLE {name} AS SELECT * FROM {name}_df")
        con.execute(IDS_SQL, {"reports": reports, "bodies": count, "changed": CHANGED})
        # In slices, as an ingest writes them: rows in seq order, sorted a slice at a time.
        for first in range(1, reports + 1, SLICE):
            for table in TABLES:
                con.execute(insert_sql(table), {"first": first, "last": first + SLICE - 1})
        storage.link_years(con)
        con.execute("CHECKPOINT")
    finally:
        con.close()


def table_counts(path: Path) -> dict[str, int]:
    """Given a database, return the row count of each of its tables."""
    with duckdb.connect(str(path), read_only=True) as con:
        names = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()]
        return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
