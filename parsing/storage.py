"""Connect to the DuckDB store, create its tables, and save parsed reports into it."""

from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd

from parsing.model import Report
from parsing.schema import TABLES, Table

PARSER_VERSION = "1.0"
"""Stored with every report so that a newer parser can tell which rows it should redo."""


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Given a database path, return a connection with every table created (unless read-only)."""
    con = duckdb.connect(str(path), read_only=read_only)
    if not read_only:
        create_tables(con)
    return con


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    for table in TABLES:
        con.execute(table.create_sql())


def report_to_rows(report: Report, report_id: str, source_file: str) -> dict[str, list[tuple]]:
    """Given a report and its id, return the rows of every table keyed by table name."""
    region = report.region
    reports = [(
        report_id, report.year, report.agency, region.province, region.city, region.county,
        report.level, report.published, report.script, report.active.format, report.requests.format,
        report.info_processing_fee_yuan, source_file, report.source_format, report_id, PARSER_VERSION,
        datetime.now(timezone.utc).replace(tzinfo=None), report.text,
    )]
    active = [(report_id, item, metric, cell.value, cell.raw)
              for item, metrics in report.active.rows.items() for metric, cell in metrics.items()]
    requests = [(report_id, item, applicant, cell.value, cell.raw)
                for item, cols in report.requests.rows.items() for applicant, cell in cols.items()]
    appeals = [(report_id, block, metric, cell.value, cell.raw)
               for block, metrics in report.appeals.items() for metric, cell in metrics.items()]
    checks = [(report_id, c.rule, c.ok, c.detail) for c in report.checks]
    return {"reports": reports, "active_cells": active, "request_cells": requests,
            "appeal_cells": appeals, "checks": checks, "report_figures": [report_to_figures(report, report_id)]}


def _sum(values: list) -> float | int | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def report_to_figures(report: Report, report_id: str) -> tuple:
    """Given a report, return its ``report_figures`` row: 总计-column counts, table 四 sums, fees."""
    def appeal(block: str, metric: str):
        cell = report.appeals.get(block, {}).get(metric)
        return cell.value if cell else None

    litigation = ("litigation_direct", "litigation_after_review")
    return (
        report_id,
        *(report.requests.value(row, "total") for row in
          ("new_received", "carried_over", "granted", "partially_granted", "processed_total", "carried_forward")),
        appeal("review", "total"), appeal("review", "corrected"), appeal("review", "pending"),
        *(_sum([appeal(b, m) for b in litigation]) for m in ("total", "corrected", "pending")),
        report.active.value("administrative_fees", "amount_10k_yuan"),
    )


def has_report(con: duckdb.DuckDBPyConnection, report_id: str) -> bool:
    return con.execute("SELECT count(*) FROM reports WHERE report_id = ?", [report_id]).fetchone()[0] > 0


def save(con: duckdb.DuckDBPyConnection, report: Report, report_id: str, source_file: str) -> None:
    """Replace everything stored for ``report_id`` with ``report``, in one transaction."""
    save_many(con, [(report, report_id, source_file)])


def save_many(con: duckdb.DuckDBPyConnection, items: list[tuple[Report, str, str]]) -> None:
    """Replace everything stored for each (report, report_id, source_file), all in one transaction.

    Rows go in as one DataFrame per table: row-by-row inserts would cap ingest at tens of
    reports a second.
    """
    frames: dict[str, list[tuple]] = {t.name: [] for t in TABLES}
    for report, report_id, source_file in items:
        for name, rows in report_to_rows(report, report_id, source_file).items():
            frames[name].extend(rows)
    ids = pd.DataFrame({"report_id": [rid for _, rid, _ in items]})
    con.begin()
    try:
        con.register("ids_to_replace", ids)
        for table in reversed(TABLES):
            con.execute(f"DELETE FROM {table.name} WHERE report_id IN (SELECT report_id FROM ids_to_replace)")
        for table in TABLES:
            if frames[table.name]:
                df = _frame(table, frames[table.name])
                con.register("rows_to_insert", df)
                con.execute(f"INSERT INTO {table.name} SELECT * FROM rows_to_insert")
                con.unregister("rows_to_insert")
        con.unregister("ids_to_replace")
        con.commit()
    except BaseException:
        con.rollback()
        raise


PANDAS_TYPES = {"INTEGER": "Int64", "BIGINT": "Int64", "DOUBLE": "Float64", "BOOLEAN": "boolean",
                "DATE": "datetime64[ns]", "TIMESTAMP": "datetime64[ns]", "VARCHAR": "string"}
"""How each SQL type of the schema travels in a DataFrame, keeping NULLs as NULLs."""


def _frame(table: Table, rows: list[tuple]) -> pd.DataFrame:
    columns = list(zip(*rows))
    return pd.DataFrame({
        name: pd.Series(list(values), dtype=PANDAS_TYPES[type_])
        for (name, type_), values in zip(table.columns.items(), columns)
    })


def report_ids(con: duckdb.DuckDBPyConnection) -> Iterator[str]:
    for (rid,) in con.execute("SELECT report_id FROM reports ORDER BY report_id").fetchall():
        yield rid
