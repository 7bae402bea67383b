"""Shared fixtures: paths, a fresh in-memory database, and a database built from the bundled reports."""

from pathlib import Path

import duckdb
import pytest

from parsing import storage
from parsing.ingest import ingest, report_files

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
CASES = ROOT / "tests" / "cases"
REPORTS = ROOT / "data" / "reports"


@pytest.fixture
def fresh_db() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:")
    storage.create_tables(con)
    yield con
    con.close()


@pytest.fixture(scope="session")
def built_db(tmp_path_factory) -> Path:
    """The bundled reports (seeds and real reports) ingested into a new database file."""
    path = tmp_path_factory.mktemp("db") / "disclosure.duckdb"
    results = ingest(report_files(REPORTS), path)
    assert [r.line() for r in results if r.status == "failed"] == []
    return path
