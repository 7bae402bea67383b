"""Connect to the DuckDB store, create its tables, and save parsed reports into it."""

import hashlib
from datetime import date, datetime, timezone
from pathlib import Path

import duckdb
import pyarrow as pa

from parsing.model import Check, Report, Rows
from parsing.regions import region_level
from parsing.schema import (
    ACTIVE_CELLS, APPEAL_CELLS, CHECKS, COLUMNS_SQL, REPORT_FIGURES, REPORTS, REQUEST_CELLS, STRUCTS, SUMMED_APPLICANT_ROWS,
    TABLES, YEAR_FIGURES, Table, schema_differences,
)
from parsing.vocab import APPEAL_BLOCKS, APPEAL_METRICS, APPLICANTS, REQUEST_ROWS

PARSER_VERSION = "1.0"
"""Stored with every report so that a newer parser can tell which rows it should redo."""


class SchemaOutdated(Exception):
    "The database was built by an earlier version of the schema"


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Given a database path, return a connection with every table created (unless read-only).

    Raises ``SchemaOutdated`` when the file's tables are not the ones ``parsing.schema`` declares."""
    con = duckdb.connect(str(path), read_only=read_only)
    if not read_only:
        if differences := schema_differences(con.execute(COLUMNS_SQL).fetchall()):
            con.close()
            raise SchemaOutdated(
                f"{path}: the database was built by an earlier version of this program ({'; '.join(differences)}). "
                f"Load the reports into a new file, or move this one away first: mv {path} {path}.old")
        create_tables(con)
    return con


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    for table in TABLES:
        con.execute(table.create_sql())


def report_row(report: Report, report_id: str, source_file: str, seq: int, loaded_at: datetime) -> tuple:
    """Given a report, its id, file name, load number and load time, return its ``reports`` row."""
    region = report.region
    return (
        report_id, seq, report.year, report.agency, region.province, region.city, region.county,
        report.level, _date(report.published), report.script, report.active.format, report.requests.format,
        report.info_processing_fee_yuan, source_file, report.source_format, report_id, PARSER_VERSION,
        loaded_at, report.text,
    )


class ChildRows:
    """The rows of a table below ``reports``, column by column, each row with the index of its report in a batch.

    Column by column, not as row tuples: a report has some 200 cells, and Arrow takes columns. The report's
    id and seq are filled in from the index once, in Arrow (``to_table``), not repeated per cell in Python."""

    def __init__(self, table: Table):
        self.table = table
        self.index: list[int] = []
        self.columns: list[list] = [[] for _ in list(table.columns)[2:]]

    def add_cells(self, i: int, rows: Rows) -> None:
        """Given a report's index and a table's cells by row and column, add a row per cell."""
        keys, cols, cells = self.columns[0], self.columns[1], []
        for key, by_col in rows.items():
            n = len(by_col)
            self.index.extend([i] * n)
            keys.extend([key] * n)
            cols.extend(by_col)
            cells.extend(by_col.values())
        self.columns[2].extend([c.value for c in cells])
        self.columns[3].extend([c.raw for c in cells])

    def add_checks(self, i: int, checks: tuple[Check, ...]) -> None:
        self.index.extend([i] * len(checks))
        for column, values in zip(self.columns, zip(*((c.rule, c.ok, c.detail) for c in checks))):
            column.extend(values)

    def to_table(self, report_ids: pa.Array, seqs: pa.Array) -> pa.Table:
        """Given the batch's report ids and seqs in index order, return the rows as Arrow."""
        index = pa.array(self.index, pa.int32())
        names, types = list(self.table.columns), list(self.table.columns.values())
        own = [pa.array(values, arrow_type(t)) for values, t in zip(self.columns, types[2:])]
        return pa.table([report_ids.take(index), seqs.take(index), *own], names=names)


def _date(iso: str | None) -> date | None:
    # A date the text states but the calendar lacks (2023-02-30) is kept in the record, not in a DATE column.
    try:
        return date.fromisoformat(iso) if iso else None
    except ValueError:
        return None


def _sum(values: list) -> float | int | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def level_of(report: Report) -> str | None:
    """Given a report, return its level: as parsed, else the deepest division its region names."""
    return report.level or region_level(report.region)


def body_of(report: Report) -> str | None:
    """Given a report, return its agency's name without the names of its region, 人民政府 read as 政府.

    One body across years, however each report words its name: 淮安市洪泽区人民政府 of 2024 is
    洪泽区人民政府 of 2023."""
    if report.agency is None:
        return None
    body = report.agency
    for name in (report.region.province, report.region.city, report.region.county):
        body = body.replace(name or "", "")
    return body.replace("人民政府", "政府")


def body_key(body: str | None, region) -> int | None:
    """Given a body and its region, return a 64-bit key equal for the same body in the same region."""
    if body is None:
        return None
    text = "\x1f".join(part or "\x00" for part in (body, region.province, region.city, region.county))
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little", signed=True)


def report_to_figures(report: Report, report_id: str, seq: int) -> tuple:
    """Given a report, return its ``report_figures`` row, in the order of ``REPORT_FIGURES.columns``."""
    def appeal(block: str, metric: str):
        cell = report.appeals.get(block, {}).get(metric)
        return cell.value if cell else None

    region, requests = report.region, report.requests
    body = body_of(report)
    litigation = ("litigation_direct", "litigation_after_review")
    problems = [{"rule": c.rule, "ok": c.ok, "detail": c.detail} for c in report.checks if c.ok is not True]
    missing = [{"table": table, "row": row, "col": col, "raw": cell.raw}
               for table, rows in (("二", report.active.rows), ("三", requests.rows), ("四", report.appeals))
               for row, cols in rows.items() for col, cell in cols.items() if cell.value is None]
    return (
        report_id, seq, report.year, report.agency, region.province, region.city, region.county,
        level_of(report), body, body_key(body, region),
        None, *(None for _ in YEAR_FIGURES),  # the year before: filled by link_years once saved
        *(requests.value(item, "total") for item in REQUEST_ROWS),
        *(requests.value(item, a) for item in SUMMED_APPLICANT_ROWS for a in APPLICANTS if a != "total"),
        *(appeal(block, metric) for block in APPEAL_BLOCKS for metric in APPEAL_METRICS),
        *(_sum([appeal(b, m) for b in litigation]) for m in ("total", "corrected", "pending")),
        report.active.value("administrative_fees", "amount_10k_yuan"), report.info_processing_fee_yuan,
        sum(1 for c in problems if c["ok"] is False), sum(1 for c in problems if c["ok"] is None), len(missing),
        problems, missing,
    )


def next_seq(con: duckdb.DuckDBPyConnection) -> int:
    """Return the load number the next report saved gets."""
    return con.execute("SELECT coalesce(max(seq), 0) + 1 FROM reports").fetchone()[0]


def save(con: duckdb.DuckDBPyConnection, report: Report, report_id: str, source_file: str) -> None:
    """Replace everything stored for ``report_id`` with ``report``, in one transaction."""
    save_many(con, [(report, report_id, source_file)])


def save_many(con: duckdb.DuckDBPyConnection, items: list[tuple[Report, str, str]]) -> None:
    """Replace everything stored for each (report, report_id, source_file), all in one transaction."""
    first = next_seq(con)
    write(con, rows_to_arrow([(r, rid, name, seq) for seq, (r, rid, name) in enumerate(items, first)]),
          replacing=[rid for _, rid, _ in items])


def rows_to_arrow(items: list[tuple[Report, str, str, int]]) -> dict[str, pa.Table]:
    """Given (report, report_id, source_file, seq) of reports, return every table's rows as Arrow."""
    loaded_at = datetime.now(timezone.utc).replace(tzinfo=None)
    reports, figures = [], []
    active, requests, appeals, checks = (ChildRows(t) for t in (ACTIVE_CELLS, REQUEST_CELLS, APPEAL_CELLS, CHECKS))
    for i, (report, report_id, source_file, seq) in enumerate(items):
        reports.append(report_row(report, report_id, source_file, seq, loaded_at))
        figures.append(report_to_figures(report, report_id, seq))
        active.add_cells(i, report.active.rows)
        requests.add_cells(i, report.requests.rows)
        appeals.add_cells(i, report.appeals)
        checks.add_checks(i, report.checks)
    report_ids = pa.array([item[1] for item in items], pa.string())
    seqs = pa.array([item[3] for item in items], pa.int64())
    return {
        REPORTS.name: to_arrow(REPORTS, reports),
        **{rows.table.name: rows.to_table(report_ids, seqs) for rows in (active, requests, appeals, checks)},
        REPORT_FIGURES.name: to_arrow(REPORT_FIGURES, figures),
    }


def write(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table], replacing: list[str] = ()) -> None:
    """Given Arrow tables of rows in the schema's columns, insert them in one transaction, after deleting the
    rows of the reports in ``replacing``.

    Rows go in as one Arrow table per table: row-by-row inserts would cap ingest at tens of reports a second.
    An ingest replaces nothing (it saves only ids the database lacks): deleting scans every table."""
    con.begin()
    try:
        if replacing:
            con.register("ids_to_replace", pa.table({"report_id": pa.array(list(replacing), pa.string())}))
            for table in reversed(TABLES):
                con.execute(f"DELETE FROM {table.name} WHERE report_id IN (SELECT report_id FROM ids_to_replace)")
            con.unregister("ids_to_replace")
        for table in TABLES:
            if tables[table.name].num_rows:
                con.register("rows_to_insert", tables[table.name])
                con.execute(f"INSERT INTO {table.name} SELECT * FROM rows_to_insert")
                con.unregister("rows_to_insert")
        con.register("saved_figures", tables["report_figures"])
        link_years(con, "SELECT body_key FROM saved_figures")
        con.unregister("saved_figures")
        con.commit()
    except BaseException:
        con.rollback()
        raise


def link_years(con: duckdb.DuckDBPyConnection, bodies: str = "SELECT body_key FROM report_figures") -> None:
    """Given a query for body keys, set the ``prev_*`` columns of those bodies' reports from their reports of
    the year before (the last loaded, if a body has two for a year), and clear them where there is none.

    Run after every save with the saved reports' bodies: a report can arrive before or after its
    predecessor, and either way the pair is linked once both are in."""
    figures = ", ".join(f"prev_{f} = prev.{f}" for f in YEAR_FIGURES)
    con.execute(f"""
        UPDATE report_figures AS cur
        SET prev_report_id = prev.report_id, {figures}
        FROM (
            SELECT cur.report_id AS cur_id, p.*
            FROM report_figures cur LEFT JOIN (
                SELECT * FROM report_figures WHERE body_key IN ({bodies})
                QUALIFY row_number() OVER (PARTITION BY body_key, year ORDER BY seq DESC) = 1
            ) p ON p.body_key = cur.body_key AND p.year = cur.year - 1
            WHERE cur.body_key IN ({bodies})
        ) AS prev
        WHERE cur.report_id = prev.cur_id
    """)


ARROW_TYPES = {"INTEGER": pa.int32(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(),
               "DATE": pa.date32(), "TIMESTAMP": pa.timestamp("us"), "VARCHAR": pa.string()}
"""How each SQL type of the schema travels in Arrow, NULLs kept as NULLs."""


def arrow_type(sql: str) -> pa.DataType:
    """Given a SQL type of the schema, return its Arrow type."""
    if sql.endswith("[]"):
        return pa.list_(arrow_type(sql[:-2]))
    if sql in STRUCTS:
        return pa.struct([(name, arrow_type(type_)) for name, type_ in STRUCTS[sql].items()])
    return ARROW_TYPES[sql]


def to_arrow(table: Table, rows: list[tuple]) -> pa.Table:
    """Given rows of a table as tuples in its column order, return them as Arrow with the schema's names and types."""
    columns = zip(*rows) if rows else [()] * len(table.columns)  # transposed in C
    return pa.table([pa.array(values, arrow_type(type_)) for values, type_ in zip(columns, table.columns.values(), strict=True)],
                    names=list(table.columns))


def report_ids(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Return the ids of the reports in the database (through numpy: a third of the time of fetchall at 10⁶)."""
    return set(con.execute("SELECT report_id FROM reports").fetchnumpy()["report_id"].tolist())
