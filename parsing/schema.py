"""Every DuckDB table the project writes, declared once."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Table:
    """A DuckDB table: ordered columns with their SQL types, and a primary key."""

    name: str
    columns: dict[str, str]
    primary_key: tuple[str, ...]
    """The enforced (indexed) key; empty for the cell tables."""
    unique: tuple[str, ...] = ()
    """Columns that identify a row without an index. DuckDB's key indexes would be most of a national
    database (bench: 222 MB with them, 35 MB without, at 10⁴ reports); ``storage.save`` replaces a
    report's rows whole, and ``tests/test_schema.py`` checks that no row repeats."""
    description: str = ""

    def create_sql(self) -> str:
        cols = [f"{name} {type_}" for name, type_ in self.columns.items()]
        if self.primary_key:
            cols.append(f"PRIMARY KEY ({', '.join(self.primary_key)})")
        return f"CREATE TABLE IF NOT EXISTS {self.name} (\n    " + ",\n    ".join(cols) + "\n)"

    def insert_sql(self) -> str:
        return f"INSERT INTO {self.name} VALUES ({', '.join('?' for _ in self.columns)})"


REPORTS = Table(
    "reports",
    {
        "report_id": "VARCHAR",
        "year": "INTEGER",
        "agency": "VARCHAR",
        "province": "VARCHAR",
        "city": "VARCHAR",
        "county": "VARCHAR",
        "level": "VARCHAR",
        "published": "DATE",
        "script": "VARCHAR",
        "active_format": "VARCHAR",
        "requests_format": "VARCHAR",
        "info_processing_fee_yuan": "DOUBLE",
        "source_file": "VARCHAR",
        "source_format": "VARCHAR",
        "content_hash": "VARCHAR",
        "parser_version": "VARCHAR",
        "loaded_at": "TIMESTAMP",
        "text": "VARCHAR",
    },
    primary_key=("report_id",),
    description="One row per annual report; report_id is the content hash of the source file.",
)
ACTIVE_CELLS = Table(
    "active_cells",
    {"report_id": "VARCHAR", "item": "VARCHAR", "metric": "VARCHAR", "value": "DOUBLE", "raw": "VARCHAR"},
    primary_key=(),
    unique=("report_id", "item", "metric"),
    description="Section 二: one row per (item, metric) cell, with the text it was read from.",
)
REQUEST_CELLS = Table(
    "request_cells",
    {"report_id": "VARCHAR", "item": "VARCHAR", "applicant": "VARCHAR", "value": "BIGINT", "raw": "VARCHAR"},
    primary_key=(),
    unique=("report_id", "item", "applicant"),
    description="Section 三: one row per (item, applicant) cell, with the text it was read from.",
)
APPEAL_CELLS = Table(
    "appeal_cells",
    {"report_id": "VARCHAR", "block": "VARCHAR", "metric": "VARCHAR", "value": "BIGINT", "raw": "VARCHAR"},
    primary_key=(),
    unique=("report_id", "block", "metric"),
    description="Section 四: one row per (block, metric) cell, with the text it was read from.",
)
CHECKS = Table(
    "checks",
    {"report_id": "VARCHAR", "rule": "VARCHAR", "ok": "BOOLEAN", "detail": "VARCHAR"},
    primary_key=(),
    unique=("report_id", "rule"),
    description="Every arithmetic check of a report; ok is NULL when the cells cannot decide it.",
)
REPORT_FIGURES = Table(
    "report_figures",
    {
        "report_id": "VARCHAR",
        "new_received": "BIGINT",
        "carried_over": "BIGINT",
        "granted": "BIGINT",
        "partially_granted": "BIGINT",
        "processed_total": "BIGINT",
        "carried_forward": "BIGINT",
        "review_total": "BIGINT",
        "review_corrected": "BIGINT",
        "review_pending": "BIGINT",
        "litigation_total": "BIGINT",
        "litigation_corrected": "BIGINT",
        "litigation_pending": "BIGINT",
        "fees_10k_yuan": "DOUBLE",
    },
    primary_key=("report_id",),
    description="One row per report with the headline figures every dashboard summary adds up, taken from the "
                "cells at load time so that summaries over 10⁶ reports need not pivot the cell tables.",
)
TABLES: tuple[Table, ...] = (REPORTS, ACTIVE_CELLS, REQUEST_CELLS, APPEAL_CELLS, CHECKS, REPORT_FIGURES)
"""Creation order; child tables follow ``reports``."""
