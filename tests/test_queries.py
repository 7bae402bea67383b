"""The dashboard's query layer against the bundled reports: exact figures, cross-year checks, locking."""

import itertools
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from urllib.parse import quote

import duckdb
import pytest

from dashboard import queries, rates, tables
from dashboard.selection import Selection
from parsing.schema import TABLES

ROOT = Path(__file__).resolve().parent.parent

LIZHOU = Selection(years=(2023,), province="四川省", city="广元市", county="利州区")
"""利州区 2023, seed 000: the golden figures are 72 new requests, 28 granted, 5 reviews of which 2 corrected."""

ANSHUN = "安顺经济技术开发区管理委员会办公室"
"""Seed 002 (2019), which fails the balance and outcome_sum checks."""


@pytest.fixture(autouse=True)
def db(built_db, monkeypatch):
    monkeypatch.setenv("DISCLOSURE_DB", str(built_db))
    return built_db


@pytest.fixture
def edited_db(built_db, tmp_path, monkeypatch):
    """A copy of the built database in which 平潭 2022 broke its carry-over and its requests jumped."""
    path = tmp_path / "edited.duckdb"
    shutil.copy(built_db, path)
    con = duckdb.connect(str(path))
    con.execute(
        """
        UPDATE request_cells SET value = CASE item WHEN 'carried_over' THEN 7 ELSE 500 END
        WHERE applicant = 'total' AND item IN ('carried_over', 'new_received')
          AND report_id = (SELECT report_id FROM reports WHERE agency = '平潭综合实验区' AND year = 2022)
        """
    )
    # report_figures is derived from the cells when a report is loaded: edit it alike.
    con.execute(
        """
        UPDATE report_figures SET carried_over = 7, new_received = 500
        WHERE report_id = (SELECT report_id FROM reports WHERE agency = '平潭综合实验区' AND year = 2022)
        """
    )
    con.close()
    monkeypatch.setenv("DISCLOSURE_DB", str(path))
    return path


def test_summary_of_lizhou_2023_matches_golden():
    row = queries.summary(LIZHOU, "total").iloc[0]
    assert (row["reports"], row["new_received"], row["granted"], row["partially_granted"]) == (1, 72, 28, 8)
    assert (row["processed_total"], row["review_total"], row["review_corrected"]) == (74, 5, 2)
    assert (row["litigation_total"], row["litigation_corrected"]) == (2, 1)
    assert row["fees_10k_yuan"] == pytest.approx(662.441)
    assert row["info_fee_yuan"] == 0


def test_rates_carry_their_counts_and_mark_small_samples():
    row = rates.add_rates(queries.summary(LIZHOU, "total")).iloc[0]
    assert (row["disclosure_rate_numerator"], row["disclosure_rate_denominator"]) == (36, 74)
    assert row["disclosure_rate"] == pytest.approx(36 / 74)
    assert rates.percent(row, "review_correction_rate") == "40.0%"
    assert rates.counts(row, "review_correction_rate") == "2 / 5 件，样本不足30件，仅供参考"
    assert not row["disclosure_rate_is_small"]


def test_summary_groups_by_the_level_below_the_selection():
    provinces = queries.summary(Selection(), "unit").set_index("label")
    assert provinces.loc["四川省", "key"] == "四川省"
    assert provinces.loc["四川省", "new_received"] == 72
    # 安顺经开区 has no county: at county level it is its city's own (本级) unit, which does not drill.
    counties = queries.summary(Selection(province="贵州省", city="安顺市"), "unit")
    assert counties["label"].tolist() == ["(安顺市本级)"]
    assert counties["key"].isna().all()


def test_summary_by_year_counts_reports():
    by_year = queries.summary(Selection(province="福建省"), "year")
    assert by_year["label"].tolist() == ["2018", "2020", "2021", "2022"]
    assert by_year.set_index("label").loc["2021", "new_received"] == 70


def test_requests_by_applicant():
    cells = queries.requests_by_applicant(LIZHOU).set_index(["item", "applicant"])["requests"]
    assert cells["new_received", "natural_person"] == 69
    assert cells["new_received", "legal_service_org"] == 2
    assert cells["carried_over", "total"] == 2
    assert tables.applicants(queries.requests_by_applicant(LIZHOU))["申请人"].tolist()[0] == "自然人"


def test_outcomes_give_every_row_and_shares_of_the_total():
    shares = tables.outcomes(queries.outcomes(LIZHOU, "total"), "total").set_index("细项")
    assert shares.loc["(四)无法提供·本机关不掌握相关政府信息", "件数"] == 29
    assert shares.loc["(四)无法提供·本机关不掌握相关政府信息", tables.SHARE] == 39.2
    groups = tables.outcome_groups(queries.outcomes(LIZHOU, "total"), "total").set_index("办理结果")
    assert groups.loc["不予公开", "件数"] == 8
    assert groups["件数"].sum() == 74


def test_appeals_cells():
    cells = queries.appeals(LIZHOU, "total").set_index(["block", "metric"])["cases"]
    assert (cells["review", "total"], cells["review", "corrected"], cells["review", "upheld"]) == (5, 2, 1)
    assert cells["litigation_direct", "corrected"] == 1


def test_most_corrected_names_the_agency():
    top = queries.most_corrected(Selection(years=(2023,))).set_index("agency")
    assert top.loc["广元市利州区人民政府", "review_corrected"] == 2


def test_failed_checks_name_table_row_and_column():
    failed = queries.failed_checks(Selection(agency=ANSHUN))
    assert sorted(failed["rule"]) == ["balance", "outcome_sum"]
    assert failed["ok"].eq(False).all()
    assert failed["detail"].str.startswith("表三").all()


def test_missing_cells_say_how_they_were_printed():
    missing = tables.missing(queries.missing_cells(Selection(agency=ANSHUN)))
    assert "表二 · 行政强制 · 处理决定数量" in missing["单元格"].tolist()
    assert set(missing["填写情况"]) == {"空白"}


def test_quality_by_report():
    quality = queries.quality_by_report(Selection(agency=ANSHUN)).iloc[0]
    assert (quality["failed"], quality["missing"]) == (2, 5)
    listed = queries.quality_by_report(Selection(agency=ANSHUN))
    glance = tables.quality(listed, queries.report_labels(tuple(listed["report_id"])))
    assert glance["状态"][0] == "校验未通过"
    assert glance["报告详情"][0] == "report?report=" + quote(f"2019年 · {ANSHUN}")


def test_not_reported_lists_bodies_missing_in_the_selected_year():
    absent = queries.not_reported(Selection(years=(2019,)))
    assert absent["agency"].tolist() == ["平潭综合实验区"]
    assert absent["last_year"][0] == 2018


def test_carryover_pairs_years_of_one_body():
    pairs = queries.carryover(Selection(province="福建省")).set_index("year")
    assert sorted(pairs.index) == [2021, 2022]
    assert (pairs.loc[2022, "carried_forward_last_year"], pairs.loc[2022, "carried_over"]) == (1, 1)
    assert pairs["ok"].all()


def test_carryover_follows_a_body_whose_name_changed():
    # 洪泽区人民政府 (2023) signs as 淮安市洪泽区人民政府 in 2024.
    pairs = queries.carryover(Selection(county="洪泽区", province="江苏省", city="淮安市"))
    assert pairs["year"].tolist() == [2024]


def test_carryover_break_and_jump_are_flagged(edited_db):
    pairs = queries.carryover(Selection(province="福建省")).set_index("year")
    assert not pairs.loc[2022, "ok"]
    assert pairs.loc[2022, "carried_over"] == 7
    jumps = queries.jumps(Selection(province="福建省"))
    assert jumps[["year", "figure", "last_year", "this_year"]].values.tolist() == [[2022, "new_received", 70, 500]]


def test_level_chooses_reports():
    assert list(queries.report_choices(Selection(level="县", q="利州"))) == ["2023年 · 广元市利州区人民政府"]
    assert queries.report_choices(Selection(level="市", q="利州")) == {}


def test_search_text_is_a_parameter_not_sql():
    assert queries.summary(Selection(q="'; DROP TABLE reports; --"), "total").empty
    assert queries.summary(Selection(q="%"), "total").empty  # no LIKE wildcards either
    assert queries.summary(Selection(q="小店镇"), "total")["reports"][0] == 1


def test_report_and_its_form_tables():
    (label, report_id), = queries.report_choices(LIZHOU).items()
    assert queries.report_with_label(label) == report_id
    assert queries.report_labels((report_id,)) == {report_id: label}
    meta = queries.report(report_id).iloc[0]
    assert (meta["agency"], meta["level"]) == ("广元市利州区人民政府", "县")
    cells = queries.report_cells(report_id)
    form = tables.request_form(cells, meta["requests_format"])
    assert form.loc["(七)总计", "总计"] == "74"
    assert form.loc["一、本年新收政府信息公开申请数量", "自然人"] == "69"
    assert tables.appeal_form(cells).loc["行政复议", "结果纠正"] == "2"
    assert tables.active_form(cells, meta["active_format"]).loc["行政事业性收费", "本年收费金额(万元)"] == "662.441"


def test_missing_database_names_the_build_command(tmp_path, monkeypatch):
    monkeypatch.setenv("DISCLOSURE_DB", str(tmp_path / "none.duckdb"))
    with pytest.raises(queries.DatabaseMissing, match="python -m parsing ingest data/reports"):
        queries.check_database()


def test_readers_let_go_of_the_file_when_idle_or_released(db):
    writer = f"import duckdb; duckdb.connect({str(db)!r}).close()"
    queries.summary(LIZHOU, "total")
    assert subprocess.run([sys.executable, "-c", writer], capture_output=True).returncode == 1
    time.sleep(queries.IDLE_SECONDS + 0.5)
    assert subprocess.run([sys.executable, "-c", writer], capture_output=True).returncode == 0
    queries.summary(Selection(q="利州"), "total")
    queries.release()
    assert subprocess.run([sys.executable, "-c", writer], capture_output=True).returncode == 0


def test_a_writer_holding_the_lock_gives_a_chinese_message(edited_db, monkeypatch):
    monkeypatch.setattr(queries, "LOCK_WAIT_SECONDS", (0.1, 0.1))
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import duckdb, sys, time
        con = duckdb.connect({str(edited_db)!r})
        print("locked", flush=True)
        time.sleep(20)
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(queries.DatabaseBusy, match="数据库正在导入数据，请稍后刷新"):
            queries.summary(Selection(q="只在这里"), "total")
    finally:
        holder.kill()
        holder.wait()


def test_ingest_while_the_dashboard_reads(built_db, tmp_path, monkeypatch):
    """The command-line ingest and dashboard readers share the file: both work, or readers say they wait."""
    path = tmp_path / "shared.duckdb"
    shutil.copy(built_db, path)
    con = duckdb.connect(str(path))
    gone = con.execute("SELECT report_id FROM reports WHERE agency = '平潭综合实验区'").fetchall()
    for table in reversed(TABLES):
        con.executemany(f"DELETE FROM {table.name} WHERE report_id = ?", gone)
    con.close()
    monkeypatch.setenv("DISCLOSURE_DB", str(path))

    outcomes: list[str] = []
    done = threading.Event()

    def read() -> None:
        for i in itertools.count():
            if done.is_set():
                return
            try:
                queries.summary(Selection(q=f"{threading.get_ident()}-{i}"), "total")  # a cache miss each time
                outcomes.append("read")
            except queries.DatabaseBusy:
                outcomes.append("busy")

    readers = [threading.Thread(target=read) for _ in range(4)]
    for reader in readers:
        reader.start()
    try:
        ingest = subprocess.run([sys.executable, "-m", "parsing", "ingest", "data/reports", "--db", str(path)],
                                cwd=ROOT, capture_output=True, text=True, timeout=300)
    finally:
        done.set()
        for reader in readers:
            reader.join()
    assert ingest.returncode == 0, ingest.stderr
    assert "4 loaded" in ingest.stdout
    assert "read" in outcomes
    assert queries.summary(Selection(province="福建省"), "total")["reports"][0] == 4


def test_problem_listings_stop_at_their_limit():
    assert len(queries.missing_cells(Selection(), limit=3)) == 3
    assert len(queries.failed_checks(Selection(), limit=2)) == 2


def test_a_database_of_an_earlier_schema_says_how_to_rebuild(tmp_path, monkeypatch):
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE reports (report_id VARCHAR)")
    con.close()
    monkeypatch.setenv("DISCLOSURE_DB", str(db))
    with pytest.raises(queries.DatabaseOutdated, match="由旧版本程序建立.*--replace-outdated"):
        queries.check_database()
