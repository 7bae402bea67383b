"""The live database matches the schema declared in parsing/schema.py, and the vocabularies match the data."""

import duckdb

from parsing import storage
from parsing.schema import TABLES
from parsing.vocab import ACTIVE_METRICS, APPEAL_BLOCKS, APPEAL_METRICS, APPLICANTS, REQUEST_PATTERNS, REQUEST_ROWS


def test_information_schema_matches_the_declaration(fresh_db):
    for table in TABLES:
        cols = fresh_db.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
            [table.name],
        ).fetchall()
        assert cols == list(table.columns.items())


def test_report_texts_are_stored_with_zstd(built_db):
    con = duckdb.connect(str(built_db), read_only=True)
    kinds = {c for (c,) in con.execute(
        "SELECT DISTINCT compression FROM pragma_storage_info('reports') WHERE column_name = 'text' AND segment_type = 'VARCHAR'").fetchall()}
    assert kinds == {"ZSTD"}
    text = con.execute("SELECT text FROM reports WHERE source_file = '003_a2685a52b6c2b6a4.txt'").fetchone()[0]
    assert "政府信息公开" in text


def test_every_request_row_has_a_pattern_and_a_label():
    assert set(REQUEST_PATTERNS) == set(REQUEST_ROWS)


def test_stored_keys_come_from_the_vocabularies(built_db):
    con = duckdb.connect(str(built_db), read_only=True)
    assert {r for (r,) in con.execute("SELECT DISTINCT item FROM request_cells").fetchall()} <= set(REQUEST_ROWS)
    assert {a for (a,) in con.execute("SELECT DISTINCT applicant FROM request_cells").fetchall()} == set(APPLICANTS)
    assert {b for (b,) in con.execute("SELECT DISTINCT block FROM appeal_cells").fetchall()} == set(APPEAL_BLOCKS)
    assert {m for (m,) in con.execute("SELECT DISTINCT metric FROM appeal_cells").fetchall()} == set(APPEAL_METRICS)
    items = {i for (i,) in con.execute("SELECT DISTINCT item FROM active_cells").fetchall()}
    assert items <= set(ACTIVE_METRICS["2019"]) | set(ACTIVE_METRICS["2021"])


def test_cells_keep_their_printed_text(built_db):
    con = duckdb.connect(str(built_db), read_only=True)
    rows = con.execute(
        """SELECT a.item, a.metric, a.value, a.raw FROM active_cells a JOIN reports r USING (report_id)
           WHERE r.source_file = '003_a2685a52b6c2b6a4.txt' AND a.item = 'administrative_penalty' ORDER BY a.metric"""
    ).fetchall()
    assert rows == [("administrative_penalty", "change", -21.0, "减21"),
                    ("administrative_penalty", "decisions", 13.0, "13"),
                    ("administrative_penalty", "previous_items", 34.0, "34")]
    blank = con.execute(
        """SELECT a.value, a.raw FROM active_cells a JOIN reports r USING (report_id)
           WHERE r.source_file = '002_4b7f8a35ff48d5ae.txt' AND a.item = 'administrative_coercion' AND a.metric = 'decisions'"""
    ).fetchall()
    assert blank == [(None, "")]


def test_save_then_read_back(fresh_db):
    from conftest import GOLDEN
    from parsing import parse_report

    report = parse_report(GOLDEN / "000_3cd86ea425926f19.txt")
    storage.save(fresh_db, report, "r1", "000.txt")
    storage.save(fresh_db, report, "r1", "000.txt")
    back = dict(fresh_db.execute(
        "SELECT item || '.' || applicant, value FROM request_cells WHERE report_id = 'r1'").fetchall())
    expected = {f"{row}.{col}": cell.value for row, cols in report.requests.rows.items() for col, cell in cols.items()}
    assert back == expected
    assert fresh_db.execute("SELECT count(*) FROM reports").fetchone() == (1,)


def test_no_row_repeats_its_identifying_columns(built_db):
    con = duckdb.connect(str(built_db), read_only=True)
    for table in TABLES:
        key = table.primary_key or table.unique
        dupes = con.execute(f"SELECT count(*) FROM (SELECT {', '.join(key)} FROM {table.name} "
                            f"GROUP BY ALL HAVING count(*) > 1)").fetchone()[0]
        assert dupes == 0, table.name


def test_report_figures_match_the_cells(built_db):
    con = duckdb.connect(str(built_db), read_only=True)
    mismatches = con.execute(
        """SELECT count(*) FROM report_figures f JOIN request_cells c USING (report_id)
           WHERE c.applicant = 'total' AND c.item = 'new_received' AND c.value IS DISTINCT FROM f.new_received"""
    ).fetchone()[0]
    assert mismatches == 0
    lizhou = con.execute(
        """SELECT new_received, granted, review_total, review_corrected, litigation_total, fees_10k_yuan
           FROM report_figures JOIN reports USING (report_id) WHERE source_file = '000_3cd86ea425926f19.txt'"""
    ).fetchone()
    assert lizhou == (72, 28, 5, 2, 2, 662.441)


def test_report_figures_derive_level_and_body(fresh_db):
    from dataclasses import replace

    from conftest import GOLDEN
    from parsing import parse_report

    report = replace(parse_report(GOLDEN / "000_3cd86ea425926f19.txt"), level=None)
    storage.save(fresh_db, report, "r1", "000.txt")
    row = fresh_db.execute("SELECT level, body, new_received, review_corrected, checks_failed FROM report_figures").fetchone()
    assert row == ("县", "政府", 72, 2, 0)  # 广元市利州区人民政府: a county's, its region's names taken out


def test_a_report_is_linked_to_its_body_s_year_before_whichever_loads_first(fresh_db):
    from conftest import GOLDEN
    from parsing import parse_report

    for year in (2022, 2020, 2021):  # 2022 before its predecessor, 2021 between two
        storage.save(fresh_db, parse_report(GOLDEN / f"pingtan-{year}.txt"), f"r{year}", f"pingtan-{year}.txt")
    links = fresh_db.execute(
        "SELECT year, prev_report_id, prev_carried_forward, prev_new_received FROM report_figures ORDER BY year"
    ).fetchall()
    figures = {y: (c, n) for y, c, n in fresh_db.execute(
        "SELECT year, carried_forward, new_received FROM report_figures").fetchall()}
    assert links == [(2020, None, None, None), (2021, "r2020", *figures[2020]), (2022, "r2021", *figures[2021])]
