"""A dashboard database of any size, built in DuckDB from a few hundred generated records instead of parsed files."""

import random
from pathlib import Path

import duckdb
import pandas as pd

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


def templates_to_frames(records: list[dict]) -> dict[str, pd.DataFrame]:
    """Given template records, return their cells and checks as DataFrames keyed by template number."""
    requests, active, appeals, checks, texts = [], [], [], [], []
    for t, record in enumerate(records):
        requests += [(t, item, col, v, str(v)) for item, cols in record["requests"]["rows"].items() for col, v in cols.items()]
        active += [(t, item, m, v, "" if v is None else str(v))
                   for item, metrics in record["active"]["rows"].items() for m, v in metrics.items()]
        appeals += [(t, block, m, v, str(v)) for block, metrics in record["appeals"].items() for m, v in metrics.items()]
        failed = set(record["failed_checks"])
        checks += [(t, rule, rule not in failed, "全部相符" if rule not in failed else "表三 · 不相符")
                   for rule in (*RULES, "ambiguous_digits", "unplaced_rows")]
        texts.append((t, record["requests"]["format"], record["info_processing_fee_yuan"],
                      render(record, "pipe_lines", t).decode()))
    return {
        "tmpl_requests": pd.DataFrame(requests, columns=["template", "item", "applicant", "value", "raw"]),
        "tmpl_active": pd.DataFrame(active, columns=["template", "item", "metric", "value", "raw"]).astype({"value": "Float64"}),
        "tmpl_appeals": pd.DataFrame(appeals, columns=["template", "block", "metric", "value", "raw"]),
        "tmpl_checks": pd.DataFrame(checks, columns=["template", "rule", "ok", "detail"]),
        "tmpl_reports": pd.DataFrame(texts, columns=["template", "form", "fee", "text"]).astype({"fee": "Float64"}),
    }


def bodies(count: int, seed: int = 0) -> pd.DataFrame:
    """Given a count, return that many reporting bodies with real jurisdictions and their level."""
    rng, pool = random.Random(seed), places()
    rows = []
    for body in range(count):
        place = rng.choice(pool)
        kind = rng.choices(list(KINDS), list(KINDS.values()))[0]
        rows.append((body, agency_name(place, kind, rng), place.province, place.city, place.county,
                     "乡" if kind == "township" else "县"))
    return pd.DataFrame(rows, columns=["body", "agency", "province", "city", "county", "level"])


IDS_SQL = """
CREATE TEMP TABLE ids AS
SELECT i, md5(i::VARCHAR) AS report_id, i // $years AS body, 2019 + i % $years AS year,
       CASE WHEN 2019 + i % $years <= 2020 THEN t19[1 + (hash(i) % len(t19))::BIGINT] ELSE t21[1 + (hash(i) % len(t21))::BIGINT] END AS template
FROM range($reports) r(i),
     (SELECT list(template) FILTER (form = '2019') AS t19, list(template) FILTER (form = '2021') AS t21 FROM tmpl_reports)
"""
"""One row per report to build: its id, body, year and the template its cells come from."""

INSERTS: tuple[str, ...] = (
    """
INSERT INTO reports
SELECT ids.report_id, ids.year, b.agency, b.province, b.city, b.county, b.level,
       make_date(ids.year + 1, (1 + hash(ids.i) % 3)::BIGINT, (1 + hash(ids.i + 1) % 28)::BIGINT), 'simplified', t.form, t.form, t.fee,
       'report-' || ids.i || '.txt', 'text', ids.report_id, '1.0', now()::TIMESTAMP, t.text
FROM ids JOIN bodies b USING (body) JOIN tmpl_reports t USING (template)""",
    "INSERT INTO request_cells SELECT ids.report_id, t.item, t.applicant, t.value, t.raw FROM ids JOIN tmpl_requests t USING (template)",
    "INSERT INTO active_cells SELECT ids.report_id, t.item, t.metric, t.value, t.raw FROM ids JOIN tmpl_active t USING (template)",
    "INSERT INTO appeal_cells SELECT ids.report_id, t.block, t.metric, t.value, t.raw FROM ids JOIN tmpl_appeals t USING (template)",
    "INSERT INTO checks SELECT ids.report_id, t.rule, t.ok, t.detail FROM ids JOIN tmpl_checks t USING (template)",
    # The figures storage.report_to_figures writes at load time, taken here from the template's cells.
    """
INSERT INTO report_figures
SELECT ids.report_id, f.* EXCLUDE (template) FROM ids JOIN (
    SELECT template,
        any_value(r.value) FILTER (r.item = 'new_received'), any_value(r.value) FILTER (r.item = 'carried_over'),
        any_value(r.value) FILTER (r.item = 'granted'), any_value(r.value) FILTER (r.item = 'partially_granted'),
        any_value(r.value) FILTER (r.item = 'processed_total'), any_value(r.value) FILTER (r.item = 'carried_forward'),
        (SELECT any_value(value) FILTER (block = 'review' AND metric = 'total') FROM tmpl_appeals a WHERE a.template = r.template),
        (SELECT any_value(value) FILTER (block = 'review' AND metric = 'corrected') FROM tmpl_appeals a WHERE a.template = r.template),
        (SELECT any_value(value) FILTER (block = 'review' AND metric = 'pending') FROM tmpl_appeals a WHERE a.template = r.template),
        (SELECT sum(value) FILTER (block <> 'review' AND metric = 'total') FROM tmpl_appeals a WHERE a.template = r.template),
        (SELECT sum(value) FILTER (block <> 'review' AND metric = 'corrected') FROM tmpl_appeals a WHERE a.template = r.template),
        (SELECT sum(value) FILTER (block <> 'review' AND metric = 'pending') FROM tmpl_appeals a WHERE a.template = r.template),
        (SELECT any_value(value) FROM tmpl_active v WHERE v.template = r.template
            AND v.item = 'administrative_fees' AND v.metric = 'amount_10k_yuan')
    FROM tmpl_requests r WHERE r.applicant = 'total' GROUP BY template
) f USING (template)""",
)
"""Every table of the schema filled from ``ids`` and the templates."""


def build_database(path: Path, reports: int, templates: int = 300, keys: bool = True) -> None:
    """Given a path and a report count, write a database of that many reports in the project's schema.

    Cells come from ``templates`` generated records; bodies, years and dates vary per report. The
    ``text`` column repeats the templates' texts, so the file is smaller than one of real reports.
    ``keys=False`` leaves out the primary keys (of ``reports`` and ``report_figures``; the cell tables have none).
    """
    con = duckdb.connect(str(path))
    try:
        con.execute("SET enable_progress_bar = false")
        for table in TABLES:
            columns = ", ".join(f"{name} {type_}" for name, type_ in table.columns.items())
            con.execute(table.create_sql() if keys else f"CREATE TABLE {table.name} ({columns})")
        for name, frame in {**templates_to_frames(template_records(templates)),
                            "bodies": bodies(-(-reports // len(YEARS)))}.items():
            con.register(f"{name}_df", frame)
            con.execute(f"CREATE TEMP TABLE {name} AS SELECT * FROM {name}_df")
        con.execute(IDS_SQL, {"reports": reports, "years": len(YEARS)})
        for statement in INSERTS:
            con.execute(statement)
        con.execute("CHECKPOINT")
    finally:
        con.close()


def table_counts(path: Path) -> dict[str, int]:
    """Given a database, return the row count of each of its tables."""
    with duckdb.connect(str(path), read_only=True) as con:
        names = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()]
        return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
