"""Conventions the layers keep: pages read through the query layer only; the parser knows no UI."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_pages_never_touch_the_database_directly():
    for page in list((ROOT / "pages").glob("*.py")) + [ROOT / "app.py"]:
        text = page.read_text(encoding="utf-8")
        assert "import duckdb" not in text, page
        assert ".execute(" not in text, page


def test_parsing_never_imports_streamlit():
    for module in (ROOT / "parsing").glob("*.py"):
        assert "streamlit" not in module.read_text(encoding="utf-8"), module


def test_dashboard_uses_only_vocab_and_schema_from_parsing():
    allowed = {"parsing.vocab", "parsing.schema", "parsing.ingest", "parsing.errors", "parsing.writer"}
    for module in (ROOT / "dashboard").glob("*.py"):
        for line in module.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line.startswith(("from parsing", "import parsing")):
                name = line.split()[1]
                assert name in allowed, f"{module.name}: {line}"
