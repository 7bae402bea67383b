"""Every DuckDB table the project writes, declared once."""

from dataclasses import dataclass

from parsing.vocab import APPEAL_BLOCKS, APPEAL_METRICS, APPLICANTS, REQUEST_ROWS


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
    zstd: tuple[str, ...] = ()
    """Columns of long texts, stored with zstd: DuckDB's default string compression (FSST) took most of an
    ingest's checkpoint on the reports' texts (0.17 ms a report, against 0.03) and kept them twice as large."""
    description: str = ""

    def create_sql(self) -> str:
        cols = [f"{name} {type_}" + (" USING COMPRESSION zstd" if name in self.zstd else "")
                for name, type_ in self.columns.items()]
        if self.primary_key:
            cols.append(f"PRIMARY KEY ({', '.join(self.primary_key)})")
        return f"CREATE TABLE IF NOT EXISTS {self.name} (\n    " + ",\n    ".join(cols) + "\n)"


REPORT_KEYS: dict[str, str] = {
    "report_id": "VARCHAR", "seq": "BIGINT", "year": "INTEGER", "agency": "VARCHAR",
    "province": "VARCHAR", "city": "VARCHAR", "county": "VARCHAR", "level": "VARCHAR",
}
"""The columns that ``reports`` and ``report_figures`` both begin with: which report, and whose."""

REPORTS = Table(
    "reports",
    {
        **REPORT_KEYS,
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
    zstd=("text",),
    description="One row per annual report; report_id is the content hash of the source file. seq numbers the "
                "reports in the order they were loaded and is stored beside report_id in every other table: rows "
                "are written in that order, so DuckDB's min/max per row group finds a report's cells by seq "
                "reading one block, where a search by report_id reads the whole table (10⁶ reports: 10 ms "
                "against 0.8 s).",
)
ACTIVE_CELLS = Table(
    "active_cells",
    {"report_id": "VARCHAR", "seq": "BIGINT", "item": "VARCHAR", "metric": "VARCHAR", "value": "DOUBLE", "raw": "VARCHAR"},
    primary_key=(),
    unique=("report_id", "item", "metric"),
    description="Section 二: one row per (item, metric) cell, with the text it was read from.",
)
REQUEST_CELLS = Table(
    "request_cells",
    {"report_id": "VARCHAR", "seq": "BIGINT", "item": "VARCHAR", "applicant": "VARCHAR", "value": "BIGINT", "raw": "VARCHAR"},
    primary_key=(),
    unique=("report_id", "item", "applicant"),
    description="Section 三: one row per (item, applicant) cell, with the text it was read from.",
)
APPEAL_CELLS = Table(
    "appeal_cells",
    {"report_id": "VARCHAR", "seq": "BIGINT", "block": "VARCHAR", "metric": "VARCHAR", "value": "BIGINT", "raw": "VARCHAR"},
    primary_key=(),
    unique=("report_id", "block", "metric"),
    description="Section 四: one row per (block, metric) cell, with the text it was read from.",
)
CHECKS = Table(
    "checks",
    {"report_id": "VARCHAR", "seq": "BIGINT", "rule": "VARCHAR", "ok": "BOOLEAN", "detail": "VARCHAR"},
    primary_key=(),
    unique=("report_id", "rule"),
    description="Every arithmetic check of a report; ok is NULL when the cells cannot decide it.",
)
SUMMED_APPLICANT_ROWS: tuple[str, ...] = ("new_received", "carried_over")
"""Rows of table 三 whose every applicant column ``report_figures`` keeps; of the others it keeps the 总计."""


def applicant_column(item: str, applicant: str) -> str:
    """The ``report_figures`` column of one applicant's cell of a row of ``SUMMED_APPLICANT_ROWS``."""
    return f"{item}_{applicant}"


def appeal_column(block: str, metric: str) -> str:
    """The ``report_figures`` column of one cell of table 四."""
    return f"{block}_{metric}"


KEYWORDS = frozenset({"rule", "table", "row"})
"""Field names DuckDB quotes when it prints a STRUCT type (they are SQL keywords)."""


def struct(fields: dict[str, str]) -> str:
    """Given named SQL types, return their DuckDB STRUCT type, written as ``information_schema`` prints it."""
    return "STRUCT(" + ", ".join(f'"{n}" {t}' if n in KEYWORDS else f"{n} {t}" for n, t in fields.items()) + ")"


STRUCTS: dict[str, dict[str, str]] = {
    struct(fields): fields for fields in (
        {"rule": "VARCHAR", "ok": "BOOLEAN", "detail": "VARCHAR"},
        {"table": "VARCHAR", "row": "VARCHAR", "col": "VARCHAR", "raw": "VARCHAR"},
    )
}
"""The STRUCT types of ``report_figures`` (a check that did not pass; a cell without a number), by SQL type."""
PROBLEM_CHECK, MISSING_CELL = STRUCTS

YEAR_FIGURES: tuple[str, ...] = (
    "carried_forward", "new_received", "processed_total", "granted", "review_total", "fees_10k_yuan")
"""Figures of ``report_figures`` that each report also holds from the same body's report of the year before
(``prev_<figure>``): 结转下年度 to check this year's 上年结转 against, and those whose jumps are marked."""

REPORT_FIGURES = Table(
    "report_figures",
    {
        **REPORT_KEYS,
        "body": "VARCHAR",
        "body_key": "BIGINT",
        "prev_report_id": "VARCHAR",
        **{f"prev_{figure}": "DOUBLE" if figure == "fees_10k_yuan" else "BIGINT" for figure in YEAR_FIGURES},
        **{item: "BIGINT" for item in REQUEST_ROWS},
        **{applicant_column(item, a): "BIGINT" for item in SUMMED_APPLICANT_ROWS for a in APPLICANTS if a != "total"},
        **{appeal_column(block, metric): "BIGINT" for block in APPEAL_BLOCKS for metric in APPEAL_METRICS},
        "litigation_total": "BIGINT",
        "litigation_corrected": "BIGINT",
        "litigation_pending": "BIGINT",
        "fees_10k_yuan": "DOUBLE",
        "info_fee_yuan": "DOUBLE",
        "checks_failed": "INTEGER",
        "checks_undecided": "INTEGER",
        "cells_missing": "INTEGER",
        "problems": f"{PROBLEM_CHECK}[]",
        "missing": f"{MISSING_CELL}[]",
    },
    primary_key=("report_id",),
    description="One row per report with everything the dashboard adds up or lists across reports, written at "
                "load time so that a page over 10⁶ reports reads one table: the selection's columns (level as "
                "derived from the region where the report names none; ``body``, the agency's name without its "
                "region, and ``body_key``, that body's hash with the region); the id and ``YEAR_FIGURES`` of the "
                "same body's report of the year before (kept up to date by ``storage.link_years``); the 总计 "
                "column of every row of table 三 (under the row's key) and every applicant of "
                "``SUMMED_APPLICANT_ROWS``; every cell of table 四 and the two litigation blocks summed; fees; and "
                "the checks that did not pass and the cells without a number.",
)
TABLES: tuple[Table, ...] = (REPORTS, ACTIVE_CELLS, REQUEST_CELLS, APPEAL_CELLS, CHECKS, REPORT_FIGURES)
"""Creation order; child tables follow ``reports``."""


COLUMNS_SQL = """SELECT table_name, column_name, data_type FROM information_schema.columns
WHERE table_schema = 'main' ORDER BY table_name, ordinal_position"""
"""The columns of a database's tables, as ``schema_differences`` takes them."""


def schema_differences(columns: list[tuple[str, str, str]]) -> list[str]:
    """Given (table, column, type) of a database, return how its existing tables differ from the declared ones."""
    found: dict[str, dict[str, str]] = {}
    for table, column, type_ in columns:
        found.setdefault(table, {})[column] = type_
    differences = []
    for table in TABLES:
        have = found.get(table.name)
        if have is None or have == table.columns:
            continue
        lacking = [c for c in table.columns if c not in have]
        unknown = [c for c in have if c not in table.columns]
        said = [f"lacks {', '.join(lacking[:5])}{' …' if len(lacking) > 5 else ''}" if lacking else "",
                f"has no longer used {', '.join(unknown[:5])}{' …' if len(unknown) > 5 else ''}" if unknown else ""]
        differences.append(f"table {table.name} " + ("; ".join(filter(None, said)) or "has other column types or order"))
    return differences
