"""The command line: exact output for the main paths, every bad input, and idempotent ingest."""

import json
import os
import shutil

import duckdb
import pyarrow as pa
import pytest
from click.testing import CliRunner

from conftest import CASES, GOLDEN, REPORTS
from parsing.cli import cli

SEED = GOLDEN / "000_3cd86ea425926f19.txt"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_commands_have_help(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_parse_prints_the_record():
    result = run("parse", SEED)
    assert result.exit_code == 0
    record = json.loads(result.output)
    assert record["requests"]["rows"]["new_received"]["total"] == 72
    assert record["agency"] == "广元市利州区人民政府"


def _bad_inputs(tmp_path):
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "junk.bin").write_bytes(bytes(range(256)) * 64)
    (tmp_path / "novel.txt").write_text("从前有座山，山里有座庙。" * 50, encoding="utf-8")
    truncated = SEED.read_text(encoding="utf-8")
    (tmp_path / "truncated.txt").write_text(truncated[: truncated.index("(一)予以公开")], encoding="utf-8")
    with open(tmp_path / "huge.txt", "wb") as f:
        f.truncate(50 * 1024 * 1024)
    for name in ("jinhu-2023-broken.json", "template-2021-blank.docx", "suqian-comparison-not-a-report.pdf",
                 "huaian-2024-fragment.txt"):
        shutil.copy(CASES / name, tmp_path / name)
    return tmp_path


BAD = [
    pytest.param("empty.txt", "empty", id="empty file"),
    pytest.param("junk.bin", "not text", id="binary junk"),
    pytest.param("novel.txt", "not a 政府信息公开工作年度报告", id="not a report"),
    pytest.param("truncated.txt", "cut off", id="truncated table"),
    pytest.param("huge.txt", "MB", id="50 MB file"),
    pytest.param("jinhu-2023-broken.json", "not even valid JSON", id="broken JSON"),
    pytest.param("template-2021-blank.docx", "blank form", id="blank template"),
    pytest.param("suqian-comparison-not-a-report.pdf", "comparison", id="comparison output"),
    pytest.param("huaian-2024-fragment.txt", "cut off", id="fragment"),
]


@pytest.mark.parametrize("name, words", BAD)
def test_parse_refuses_bad_input_with_a_clear_error(tmp_path, name, words):
    path = _bad_inputs(tmp_path) / name
    result = run("parse", path)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {name}: ")
    assert words in result.output
    assert "Traceback" not in result.output


def test_ingest_loads_good_files_and_names_each_bad_one(tmp_path):
    folder = _bad_inputs(tmp_path / "in")
    shutil.copy(SEED, folder / SEED.name)
    db = tmp_path / "x.duckdb"
    result = run("ingest", folder, "--db", db)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert f"loaded    {SEED.name}" in lines
    failed = [line for line in lines if line.startswith("failed")]
    assert len(failed) == len(BAD)
    assert lines[-1] == f"{len(BAD) + 1} files: 1 loaded, 0 unchanged, {len(BAD)} failed"
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT agency, year FROM reports").fetchall() == [("广元市利州区人民政府", 2023)]


def test_ingest_twice_keeps_one_copy(tmp_path):
    db = tmp_path / "x.duckdb"
    first = run("ingest", REPORTS, "--db", db)
    assert first.exit_code == 0, first.output
    renamed = tmp_path / "again"
    renamed.mkdir()
    shutil.copy(SEED, renamed / "same-report-other-name.txt")
    second = run("ingest", renamed, "--db", db)
    assert second.output.splitlines() == [
        "unchanged same-report-other-name.txt: already in the database",
        "1 files: 0 loaded, 1 unchanged, 0 failed",
    ]
    con = duckdb.connect(str(db), read_only=True)
    n = len(os.listdir(REPORTS))
    assert con.execute("SELECT count(*) FROM reports").fetchone() == (n,)
    assert con.execute("SELECT count(*) FROM request_cells WHERE report_id = "
                       "(SELECT report_id FROM reports WHERE source_file = ?)", [SEED.name]).fetchone() == (175,)


def test_a_failed_save_leaves_the_database_as_it_was(tmp_path, monkeypatch):
    db = tmp_path / "x.duckdb"
    assert run("ingest", SEED, "--db", db).exit_code == 0
    other = GOLDEN / "004_c7e8a190f12de047.txt"

    from parsing import storage

    real = storage.rows_to_arrow

    def broken(items):
        tables = real(items)
        # A duplicate key fails the last insert.
        tables["report_figures"] = pa.concat_tables([tables["report_figures"]] * 2)
        return tables

    monkeypatch.setattr(storage, "rows_to_arrow", broken)
    result = run("ingest", other, "--db", db)
    assert result.exit_code == 1
    assert "could not be saved" in result.output
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM reports").fetchone() == (1,)
    assert con.execute("SELECT count(DISTINCT report_id) FROM request_cells").fetchone() == (1,)


def test_ingest_of_a_missing_folder_says_so(tmp_path):
    result = run("ingest", tmp_path / "nope", "--db", tmp_path / "x.duckdb")
    assert result.exit_code == 1
    assert result.output == f"Error: {tmp_path / 'nope'}: no such file or folder\n"


def test_ingest_into_a_database_of_an_earlier_schema(tmp_path):
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE report_figures (report_id VARCHAR, new_received BIGINT)")
    con.close()
    refused = run("ingest", SEED, "--db", db)
    assert refused.exit_code == 1
    assert f"Error: {db}: the database was built by an earlier version" in refused.output
    assert f"mv {db} {db}.old" in refused.output
    rebuilt = run("ingest", SEED, "--db", db, "--replace-outdated")
    assert rebuilt.exit_code == 0, rebuilt.output
    assert (tmp_path / "old.duckdb.outdated").exists()
    assert duckdb.connect(str(db), read_only=True).execute("SELECT count(*) FROM reports").fetchone() == (1,)


def test_ingest_with_workers_saves_what_one_process_saves(tmp_path, monkeypatch):
    """Two workers, small chunks handed out a few at a time and small batches: the same rows as one process."""
    from parsing import ingest
    from synth import generate, render

    folder = tmp_path / "in"
    folder.mkdir()
    records = {f"r{seed:02d}.txt": generate(seed) for seed in range(23)}
    for name, record in records.items():
        (folder / name).write_bytes(render(record, "pipe_lines", int(name[1:3])))
    (folder / "s07-copy.txt").write_bytes((folder / "r07.txt").read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    monkeypatch.setattr(ingest, "CHUNK", 3)
    monkeypatch.setattr(ingest, "AHEAD", 2)
    monkeypatch.setattr(ingest, "BATCH", 7)

    def load(db, workers):
        results = ingest.ingest(ingest.report_files(folder), db, workers=workers)
        con = duckdb.connect(str(db), read_only=True)
        rows = {table: con.execute(f"SELECT * EXCLUDE (loaded_at) FROM {table} ORDER BY ALL" if table == "reports"
                                   else f"SELECT * FROM {table} ORDER BY ALL").fetchall()
                for table in ("reports", "request_cells", "checks", "report_figures")}
        con.close()
        return sorted((r.path.name, r.status) for r in results), rows

    statuses, rows = load(tmp_path / "two.duckdb", 2)
    assert statuses == sorted([(name, "loaded") for name in records]
                              + [("s07-copy.txt", "unchanged"), ("empty.txt", "failed")])
    con = duckdb.connect(str(tmp_path / "two.duckdb"), read_only=True)
    totals = dict(con.execute("SELECT r.source_file, c.value FROM request_cells c JOIN reports r USING (report_id) "
                              "WHERE c.item = 'new_received' AND c.applicant = 'total'").fetchall())
    con.close()
    assert totals == {name: record["requests"]["rows"]["new_received"]["total"] for name, record in records.items()}
    assert (statuses, rows) == load(tmp_path / "one.duckdb", 1)
    again = ingest.ingest(ingest.report_files(folder), tmp_path / "two.duckdb", workers=2)
    assert sorted((r.path.name, r.status) for r in again) == sorted(
        [(name, "unchanged") for name in [*records, "s07-copy.txt"]] + [("empty.txt", "failed")])
