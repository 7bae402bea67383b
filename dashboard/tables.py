"""Query results turned into the tables the pages show and offer as CSV: Chinese headers, vocab labels, form layouts."""

from urllib.parse import quote

import pandas as pd

from dashboard import rates
from dashboard.selection import LEVELS
from parsing.vocab import (
    ACTIVE_METRICS, ACTIVE_ROWS, APPEAL_BLOCKS, APPEAL_METRICS, APPLICANTS, CHECK_RULES, FORMS, METRIC_LABELS,
    MISSING_MARKS, ORGANISATIONS, OUTCOME_GROUP_LABELS, REQUEST_OUTCOME_GROUPS, REQUEST_ROWS, request_rows,
)

LITIGATION = APPEAL_BLOCKS["litigation_direct"].split("·")[0]
"""行政诉讼: both litigation blocks of table 四 together."""

INFO_FEE = "信息处理费(元)"
"""Section 六's fee, which the vocabularies do not name (it is not a table cell)."""

ADMIN_FEES = f"{ACTIVE_ROWS['administrative_fees']}{METRIC_LABELS['amount_10k_yuan']}"
"""行政事业性收费本年收费金额(万元), table 二."""

GROUPING_LABELS: dict[str, str] = {"unit": "地区或机关", "year": "年度", "total": "范围"}
"""Header of the ``label`` column of a grouped query, per grouping."""

UNIT, YEAR = GROUPING_LABELS["unit"], GROUPING_LABELS["year"]
"""The category columns of the jurisdiction charts and of the charts by year."""

COLUMNS: dict[str, str] = {
    "reports": "报告数",
    **{k: REQUEST_ROWS[k] for k in ("new_received", "carried_over", "granted", "partially_granted",
                                    "carried_forward")},
    "processed_total": f"办理结果{REQUEST_ROWS['processed_total']}",
    "review_total": f"{APPEAL_BLOCKS['review']}{APPEAL_METRICS['total']}",
    "review_corrected": f"{APPEAL_BLOCKS['review']}{APPEAL_METRICS['corrected']}",
    "review_pending": f"{APPEAL_BLOCKS['review']}{APPEAL_METRICS['pending']}",
    "litigation_total": f"{LITIGATION}{APPEAL_METRICS['total']}",
    "litigation_corrected": f"{LITIGATION}{APPEAL_METRICS['corrected']}",
    "litigation_pending": f"{LITIGATION}{APPEAL_METRICS['pending']}",
    "fees_10k_yuan": ADMIN_FEES,
    "info_fee_yuan": INFO_FEE,
    "fees_missing": f"未填{ACTIVE_ROWS['administrative_fees']}的报告",
    "info_fee_missing": "未说明信息处理费的报告",
    "agency": "机关",
    "region": "地区",
}
"""Chinese headers of the columns the queries return."""

SHARE = f"占{REQUEST_ROWS['processed_total']}(%)"
"""Header of an outcome's share of (七)总计."""

PROCESSED = f"{REQUEST_ROWS['processed_total']}(件)"
"""Header of the (七)总计 a share is taken of."""

OUTCOME_GROUP_OF: dict[str, str] = {item: group for group, items in REQUEST_OUTCOME_GROUPS.items() for item in items}
"""The outcome group (一)…(六) of every outcome row of table 三."""


def rate_columns(key: str) -> tuple[str, str, str, str]:
    """Given a rate key, return the headers of its percentage, numerator, denominator and small-sample flag."""
    label = rates.RATES[key].label
    return f"{label}(%)", f"{label}分子", f"{label}分母", f"{label}样本不足{rates.SMALL_SAMPLE}件"


def amount(value: float | None, unit: str) -> str:
    """Given a money amount and its unit, return it as text (未填 when the reports give none)."""
    return "未填" if pd.isna(value) else f"{value:,.3f}".rstrip("0").rstrip(".") + f" {unit}"


def cases(value: int | None) -> str:
    """Given a count of requests or cases, return it as text (未填 when the reports do not give it)."""
    return "未填" if pd.isna(value) else f"{value:,} 件"


def share_text(percent: float | None) -> str:
    """Given a share in percent, return it as text (— when there was nothing to share out)."""
    return "—" if pd.isna(percent) else f"{percent:.1f}%"


def _region(df: pd.DataFrame) -> pd.Series:
    parts = df[["province", "city", "county"]].astype("string").fillna("")
    return (parts["province"] + parts["city"] + parts["county"]).replace("", "未识别")


def _percent(fraction: pd.Series) -> pd.Series:
    return (fraction * 100).round(1)


def summary(df: pd.DataFrame, by: str, columns: list[str]) -> pd.DataFrame:
    """Given ``queries.summary`` rows, a grouping and the figure columns wanted, return them under Chinese headers.

    A rate key among ``columns`` brings its percentage and the two counts it is made of."""
    with_rates = rates.add_rates(df)
    out = pd.DataFrame({GROUPING_LABELS[by]: with_rates["label"]})
    for col in columns:
        if col in rates.RATES:
            percent, numerator, denominator, small = rate_columns(col)
            out[percent] = _percent(with_rates[col])
            out[numerator] = with_rates[f"{col}_numerator"]
            out[denominator] = with_rates[f"{col}_denominator"]
            out[small] = with_rates[f"{col}_is_small"].map({True: "是", False: ""})
        else:
            out[COLUMNS[col]] = with_rates[col]
    return out


def agencies(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Given rows per agency (``queries.top_agencies``, ``most_corrected``), return 机关, 地区 and the ``columns``."""
    with_rates = rates.add_rates(df)
    out = pd.DataFrame({COLUMNS["agency"]: df["agency"], COLUMNS["region"]: _region(df)})
    for col in columns:
        if col in rates.RATES:
            out[rate_columns(col)[0]] = _percent(with_rates[col])
        else:
            out[COLUMNS[col]] = with_rates[col]
    return out


def applicants(df: pd.DataFrame) -> pd.DataFrame:
    """Given ``queries.requests_by_applicant`` rows, return applicant types as rows and new/carried-over as columns."""
    wide = df.pivot_table(index="applicant", columns="item", values="requests", aggfunc="sum")
    wide = wide.reindex(index=list(APPLICANTS), columns=["new_received", "carried_over"])
    return pd.DataFrame({
        "申请人": [APPLICANTS[a] for a in wide.index],
        COLUMNS["new_received"]: wide["new_received"].to_numpy(),
        COLUMNS["carried_over"]: wide["carried_over"].to_numpy(),
    })


def applicant_groups(applicants_table: pd.DataFrame) -> dict[str, int]:
    """Given ``applicants``' table, return new requests of 自然人 and of 法人或其他组织 (its five kinds together)."""
    new = applicants_table.set_index("申请人")[COLUMNS["new_received"]]
    return {
        APPLICANTS["natural_person"]: new[APPLICANTS["natural_person"]],
        "法人或其他组织": sum(new[APPLICANTS[kind]] for kind in ORGANISATIONS),
    }


def _in_order(shares: pd.DataFrame, by: str) -> pd.DataFrame:
    # Years in time order; units by their (七)总计, largest first, as in the other jurisdiction charts.
    if by == "year":
        return shares.sort_values(["label", "order"])
    return shares.sort_values(["total", "label", "order"], ascending=[False, True, True], na_position="last")


def _ordered_shares(df: pd.DataFrame, by: str, items: list[str]) -> pd.DataFrame:
    """Given outcome counts, return each item's share of (七)总计, items in the order ``items`` gives."""
    shares = rates.add_shares(df, "requests", "processed_total")
    return _in_order(shares.assign(order=shares["item"].map({item: i for i, item in enumerate(items)})), by)


def outcomes(df: pd.DataFrame, by: str) -> pd.DataFrame:
    """Given ``queries.outcomes`` rows, return one row per group and outcome row: group, 办理结果, 细项, 件数, 占比."""
    shares = _ordered_shares(df, by, list(REQUEST_ROWS))
    return pd.DataFrame({
        GROUPING_LABELS[by]: shares["label"],
        "办理结果": shares["item"].map(OUTCOME_GROUP_OF).map(OUTCOME_GROUP_LABELS),
        "细项": shares["item"].map(REQUEST_ROWS),
        "件数": shares["requests"],
        SHARE: _percent(shares["share"]),
        PROCESSED: shares["total"],
    }).reset_index(drop=True)


def outcome_groups(df: pd.DataFrame, by: str) -> pd.DataFrame:
    """Given ``queries.outcomes`` rows, return the six outcome groups per group of the selection, with shares."""
    grouped = df.assign(item=df["item"].map(OUTCOME_GROUP_OF).fillna(df["item"]))
    grouped = grouped.groupby(["label", "item"], as_index=False)["requests"].sum()
    shares = _ordered_shares(grouped, by, list(OUTCOME_GROUP_LABELS))
    return pd.DataFrame({
        GROUPING_LABELS[by]: shares["label"],
        "办理结果": shares["item"].map(OUTCOME_GROUP_LABELS),
        "件数": shares["requests"],
        SHARE: _percent(shares["share"]),
        PROCESSED: shares["total"],
    }).reset_index(drop=True)


def appeals(df: pd.DataFrame, by: str) -> pd.DataFrame:
    """Given ``queries.appeals`` rows, return per group and block the five cells of table 四."""
    wide = df.pivot_table(index=["label", "block"], columns="metric", values="cases", aggfunc="sum").reset_index()
    wide = wide.assign(order=wide["block"].map({b: i for i, b in enumerate(APPEAL_BLOCKS)}))
    wide = wide.sort_values(["label", "order"])
    out = pd.DataFrame({GROUPING_LABELS[by]: wide["label"], "类别": wide["block"].map(APPEAL_BLOCKS)})
    for metric, label in APPEAL_METRICS.items():
        out[label] = wide[metric].to_numpy() if metric in wide else pd.NA
    return out.reset_index(drop=True)


def checks(df: pd.DataFrame) -> pd.DataFrame:
    """Given ``queries.failed_checks`` rows, return 年度, 机关, 地区, the rule as the form states it, and the detail."""
    return pd.DataFrame({
        "年度": df["year"],
        "机关": df["agency"],
        "地区": _region(df),
        "问题": df["detail"],
        "结果": df["ok"].map({False: "未通过"}).fillna("无法判断(缺数)"),
        "校验": df["rule"].map(lambda r: f"{r}：{CHECK_RULES.get(r, r)}"),
        "报告编号": df["report_id"],
    })


def cell_name(table: str, row: str, col: str) -> str:
    """Given a cell's table (二/三/四), row key and column key, return its name as the form prints it."""
    if table == "二":
        return f"表二 · {ACTIVE_ROWS.get(row, row)} · {METRIC_LABELS.get(col, col)}"
    if table == "三":
        return f"表三 · {REQUEST_ROWS.get(row, row)} · {APPLICANTS.get(col, col)}"
    return f"表四 · {APPEAL_BLOCKS.get(row, row)} · {APPEAL_METRICS.get(col, col)}"


def missing_mark(raw: str | None) -> str:
    """Given the text a cell was read from, return how the form was filled in (空白, 不适用(/), …)."""
    raw = raw or ""
    return MISSING_MARKS.get(raw.strip(), f"无法识别：{raw}")


def missing(df: pd.DataFrame) -> pd.DataFrame:
    """Given ``queries.missing_cells`` rows, return 年度, 机关, 地区, the cell's name and how it was filled in."""
    return pd.DataFrame({
        "年度": df["year"],
        "机关": df["agency"],
        "地区": _region(df),
        "单元格": [cell_name(t, r, c) for t, r, c in zip(df["table"], df["row"], df["col"])],
        "填写情况": df["raw"].map(missing_mark),
        "报告编号": df["report_id"],
    })


def quality(df: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Given ``queries.quality_by_report`` rows and their ``queries.report_labels``, return one line per report
    with a verdict.

    The last column links to the report's 报告详情 page."""
    verdict = pd.Series("完整", index=df.index)
    verdict[(df["missing"] > 0) | (df["undecided"] > 0)] = "有缺数"
    verdict[df["failed"] > 0] = "校验未通过"
    return pd.DataFrame({
        "状态": verdict,
        "年度": df["year"],
        "机关": df["agency"],
        "地区": _region(df),
        "未通过校验": df["failed"],
        "无法判断的校验": df["undecided"],
        "缺失单元格": df["missing"],
        "报告详情": [report_link(labels[r]) for r in df["report_id"]],
    })


def quality_by_agency(df: pd.DataFrame) -> pd.DataFrame:
    """Given ``queries.quality_by_agency`` rows, return them under Chinese headers."""
    return pd.DataFrame({
        "机关": df["agency"],
        "地区": _region(df),
        "报告数": df["reports"],
        "校验未通过的报告": df["reports_failed"],
        "未通过校验": df["failed"],
        "无法判断的校验": df["undecided"],
        "缺失单元格": df["missing"],
    })


def not_reported(df: pd.DataFrame) -> pd.DataFrame:
    """Given ``queries.not_reported`` rows, return 机关, 地区, the year missing and the last year reported."""
    return pd.DataFrame({
        "机关": df["agency"],
        "地区": _region(df),
        "未见报告的年度": df["target_year"],
        "最近一次报告年度": df["last_year"],
        "以往报告数": df["reports"],
    })


def carryover(df: pd.DataFrame) -> pd.DataFrame:
    """Given ``queries.carryover`` rows, return last year's 结转下年度 beside this year's 上年结转."""
    return pd.DataFrame({
        "核对": df["ok"].map({True: "一致", False: "不一致"}).fillna("缺数"),
        "年度": df["year"],
        "机关": df["agency"],
        "地区": _region(df),
        f"上一年{REQUEST_ROWS['carried_forward']}": df["carried_forward_last_year"],
        f"本年{REQUEST_ROWS['carried_over']}": df["carried_over"],
        "报告编号": df["report_id"],
    })


def jumps(df: pd.DataFrame) -> pd.DataFrame:
    """Given ``queries.jumps`` rows, return each figure that moved fivefold, with both years' values."""
    return pd.DataFrame({
        "年度": df["year"],
        "机关": df["agency"],
        "地区": _region(df),
        "数据项": df["figure"].map(COLUMNS),
        "上一年": df["last_year"],
        "本年": df["this_year"],
        "倍数": df["ratio"].round(2),
        "报告编号": df["report_id"],
    })


def _value_or_mark(value, raw: str | None) -> str:
    if pd.isna(value):
        return f"〔{missing_mark(raw)}〕"
    return f"{value:.12g}" if isinstance(value, float) else str(value)


def _grid(cells: pd.DataFrame, table: str) -> dict[tuple[str, str], str]:
    part = cells[cells["table"] == table]
    cells_of_part = zip(part["row"], part["col"], part["value"], part["raw"])
    return {(row, col): _value_or_mark(value, raw) for row, col, value, raw in cells_of_part}


def request_form(cells: pd.DataFrame, form: str | None) -> pd.DataFrame:
    """Given ``queries.report_cells`` and the report's table 三 form, return table 三 as the form lays it out."""
    grid = _grid(cells, "三")
    rows = [r for r in request_rows(form or "2021") if any(k[0] == r for k in grid)]
    return pd.DataFrame(
        [[grid.get((r, c), "") for c in APPLICANTS] for r in rows],
        index=pd.Index([REQUEST_ROWS[r] for r in rows], name="申请情况"),
        columns=list(APPLICANTS.values()),
    )


def active_form(cells: pd.DataFrame, form: str | None) -> pd.DataFrame:
    """Given ``queries.report_cells`` and the report's table 二 form, return table 二 (items by metrics)."""
    grid = _grid(cells, "二")
    layout = ACTIVE_METRICS.get(form or "2021", {})
    metrics = list(dict.fromkeys(m for ms in layout.values() for m in ms))
    return pd.DataFrame(
        [[grid.get((item, m), "") for m in metrics] for item in layout],
        index=pd.Index([ACTIVE_ROWS[item] for item in layout], name="信息内容"),
        columns=[METRIC_LABELS[m] for m in metrics],
    )


def appeal_form(cells: pd.DataFrame) -> pd.DataFrame:
    """Given ``queries.report_cells``, return table 四: the three blocks as rows, their five cells as columns."""
    grid = _grid(cells, "四")
    return pd.DataFrame(
        [[grid.get((b, m), "") for m in APPEAL_METRICS] for b in APPEAL_BLOCKS],
        index=pd.Index(list(APPEAL_BLOCKS.values()), name="类别"),
        columns=list(APPEAL_METRICS.values()),
    )


def report_checks(df: pd.DataFrame) -> pd.DataFrame:
    """Given ``queries.report_checks`` rows, return each rule as the form states it with its outcome and detail."""
    return pd.DataFrame({
        "校验": df["rule"].map(lambda r: f"{r}：{CHECK_RULES.get(r, r)}"),
        "结果": df["ok"].map({True: "通过", False: "未通过"}).fillna("无法判断(缺数)"),
        "说明": df["detail"],
    })


def report_missing(cells: pd.DataFrame) -> pd.DataFrame:
    """Given ``queries.report_cells``, return the report's cells without a number and how each was filled in."""
    empty = cells[cells["value"].isna()]
    return pd.DataFrame({
        "单元格": [cell_name(t, r, c) for t, r, c in zip(empty["table"], empty["row"], empty["col"])],
        "填写情况": empty["raw"].map(missing_mark),
    })


def metadata(report: pd.DataFrame) -> pd.DataFrame:
    """Given ``queries.report``, return its metadata as 项目/内容 lines."""
    r = report.iloc[0]
    return pd.DataFrame({"项目": [
        "年度", "机关", "地区", "层级", "发布日期", "原文字体", "表二格式", "表三格式", INFO_FEE, "源文件", "导入时间",
    ], "内容": [
        str(r["year"]), r["agency"], _region(report)[0], LEVELS.get(r["level"], "未识别"),
        "未注明" if pd.isna(r["published"]) else str(r["published"])[:10],
        {"simplified": "简体", "traditional": "繁体"}.get(r["script"], r["script"]),
        FORMS.get(r["active_format"], r["active_format"] or "未识别"),
        FORMS.get(r["requests_format"], r["requests_format"] or "未识别"),
        amount(r["info_processing_fee_yuan"], "元"), r["source_file"],
        "" if pd.isna(r["loaded_at"]) else str(r["loaded_at"])[:19],
    ]})


def load_results(results: list) -> pd.DataFrame:
    """Given ``loading.load`` results, return 文件, 结果, 说明."""
    return pd.DataFrame({"文件": [r.name for r in results], "结果": [r.status for r in results],
                         "说明": [r.reason for r in results]})


def load_summary(results: list) -> str:
    """Given ``loading.load`` results, return one sentence counting them by outcome."""
    counts = pd.Series([r.status for r in results]).value_counts()
    return f"共 {len(results)} 个文件：" + "，".join(f"{status} {n} 个" for status, n in counts.items()) + "。"


def report_link(label: str) -> str:
    """Given a report's label, return the relative URL of its 报告详情 page."""
    return "report?report=" + quote(label)
