"""Row and column vocabularies of the national report forms, declared once.

Every key here is a JSON key of the record (``../shared/spec/report-json.md``), a value in the
database's cell tables and, through its label, a name the dashboard shows. The ``*_PATTERNS``
dicts hold the regular expressions the parser uses to find a row label in a report's text; they
are matched against normalised text (NFKC, simplified script, see ``parsing.text``).
"""

APPLICANTS: dict[str, str] = {
    "natural_person": "自然人",
    "commercial_enterprise": "商业企业",
    "research_institution": "科研机构",
    "social_welfare_org": "社会公益组织",
    "legal_service_org": "法律服务机构",
    "other_org": "其他组织",
    "total": "总计",
}
"""Applicant columns of table 三 (申请人情况), left to right as the form prints them."""

ORGANISATIONS: tuple[str, ...] = (
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
)
"""The five kinds of 法人或其他组织."""

REQUEST_ROWS: dict[str, str] = {
    "new_received": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "granted": "(一)予以公开",
    "partially_granted": "(二)部分公开",
    "denied_state_secret": "(三)不予公开·属于国家秘密",
    "denied_prohibited_by_law": "(三)不予公开·其他法律行政法规禁止公开",
    "denied_endangers_security_stability": "(三)不予公开·危及“三安全一稳定”",
    "denied_third_party_rights": "(三)不予公开·保护第三方合法权益",
    "denied_internal_affairs": "(三)不予公开·属于三类内部事务信息",
    "denied_process_information": "(三)不予公开·属于四类过程性信息",
    "denied_law_enforcement_files": "(三)不予公开·属于行政执法案卷",
    "denied_administrative_query": "(三)不予公开·属于行政查询事项",
    "unavailable_not_held": "(四)无法提供·本机关不掌握相关政府信息",
    "unavailable_needs_creation": "(四)无法提供·没有现成信息需要另行制作",
    "unavailable_unclear_after_correction": "(四)无法提供·补正后申请内容仍不明确",
    "not_processed_complaint": "(五)不予处理·信访举报投诉类申请",
    "not_processed_duplicate": "(五)不予处理·重复申请",
    "not_processed_publication": "(五)不予处理·要求提供公开出版物",
    "not_processed_excessive": "(五)不予处理·无正当理由大量反复申请",
    "not_processed_confirmation": "(五)不予处理·要求行政机关确认或重新出具已获取信息",
    "other_no_correction": "(六)其他处理·申请人逾期不补正",
    "other_fee_unpaid": "(六)其他处理·申请人逾期未缴纳信息处理费",
    "other_other": "(六)其他处理·其他",
    "other": "(六)其他处理",
    "processed_total": "(七)总计",
    "carried_forward": "四、结转下年度继续办理",
}
"""Every row of table 三 in either form, in printed order, with a short Chinese label."""

REQUEST_OUTCOME_GROUPS: dict[str, tuple[str, ...]] = {
    "granted": ("granted",),
    "partially_granted": ("partially_granted",),
    "denied": tuple(k for k in REQUEST_ROWS if k.startswith("denied_")),
    "unavailable": tuple(k for k in REQUEST_ROWS if k.startswith("unavailable_")),
    "not_processed": tuple(k for k in REQUEST_ROWS if k.startswith("not_processed_")),
    "other": ("other_no_correction", "other_fee_unpaid", "other_other", "other"),
}
"""The six outcome groups (一)…(六) and the rows each adds up."""

OUTCOME_GROUP_LABELS: dict[str, str] = {
    "granted": "予以公开",
    "partially_granted": "部分公开",
    "denied": "不予公开",
    "unavailable": "无法提供",
    "not_processed": "不予处理",
    "other": "其他处理",
}
"""Chinese names of the outcome groups."""

FORM_2021_ONLY: tuple[str, ...] = ("other_no_correction", "other_fee_unpaid", "other_other")
"""Rows of table 三 that only the 2021 form has."""

FORM_2019_ONLY: tuple[str, ...] = ("other",)
"""Rows of table 三 that only the 2019 form has."""


def request_rows(form: str) -> list[str]:
    """Given a form (``"2019"`` or ``"2021"``), return the keys of its table 三 rows in order."""
    excluded = FORM_2019_ONLY if form == "2021" else FORM_2021_ONLY
    return [k for k in REQUEST_ROWS if k not in excluded]


def outcome_rows(form: str) -> list[str]:
    """Given a form, return the outcome rows that add up to (七)总计."""
    rows = request_rows(form)
    return rows[rows.index("granted"): rows.index("processed_total")]


REQUEST_PATTERNS: dict[str, str] = {
    "new_received": r"本年新收",
    "carried_over": r"上年结转",
    "granted": r"予以公开",
    "partially_granted": r"部分公开",
    "denied_state_secret": r"国家秘密",
    "denied_prohibited_by_law": r"其他法律行政",
    "denied_endangers_security_stability": r"三安全一稳定",
    "denied_third_party_rights": r"第三方合法权益",
    "denied_internal_affairs": r"三类内部事务",
    "denied_process_information": r"四类过程性",
    "denied_law_enforcement_files": r"行政执法案卷",
    "denied_administrative_query": r"行政查询事项",
    "unavailable_not_held": r"本机关不掌握",
    "unavailable_needs_creation": r"没有现成信息",
    "unavailable_unclear_after_correction": r"补正后申请内容",
    "not_processed_complaint": r"信访举报投诉",
    "not_processed_duplicate": r"重复申请",
    "not_processed_publication": r"公开出版物",
    "not_processed_excessive": r"大量反复",
    "not_processed_confirmation": r"确认或重新出具",
    "other_no_correction": r"逾期不补正",
    "other_fee_unpaid": r"收费通知|缴纳费用",
    "other_other": r"3\s*[.、]\s*其他",
    "other": r"\(六\)\s*其他处理",
    "processed_total": r"\(七\)\s*总计",
    "carried_forward": r"结转下年度",
}
"""Regular expressions that find each row label of table 三 (matched in printed order)."""

ACTIVE_ROWS: dict[str, str] = {
    "regulations": "规章",
    "normative_documents": "行政规范性文件",
    "administrative_licensing": "行政许可",
    "other_services": "其他对外管理服务事项",
    "administrative_penalty": "行政处罚",
    "administrative_coercion": "行政强制",
    "administrative_fees": "行政事业性收费",
    "centralized_procurement": "政府集中采购",
}
"""Rows of table 二 (主动公开政府信息情况) in either form."""

ACTIVE_METRICS: dict[str, dict[str, tuple[str, ...]]] = {
    "2021": {
        "regulations": ("issued", "repealed", "in_force"),
        "normative_documents": ("issued", "repealed", "in_force"),
        "administrative_licensing": ("decisions",),
        "administrative_penalty": ("decisions",),
        "administrative_coercion": ("decisions",),
        "administrative_fees": ("amount_10k_yuan",),
    },
    "2019": {
        "regulations": ("made", "published", "total_public"),
        "normative_documents": ("made", "published", "total_public"),
        "administrative_licensing": ("previous_items", "change", "decisions"),
        "other_services": ("previous_items", "change", "decisions"),
        "administrative_penalty": ("previous_items", "change", "decisions"),
        "administrative_coercion": ("previous_items", "change", "decisions"),
        "administrative_fees": ("previous_items", "change"),
        "centralized_procurement": ("projects", "amount_yuan"),
    },
}
"""The cells of each table 二 row, per form, left to right."""

METRIC_LABELS: dict[str, str] = {
    "issued": "本年制发件数",
    "repealed": "本年废止件数",
    "in_force": "现行有效件数",
    "decisions": "处理决定数量",
    "amount_10k_yuan": "本年收费金额(万元)",
    "made": "本年新制作数量",
    "published": "本年新公开数量",
    "total_public": "对外公开总数量",
    "previous_items": "上一年项目数量",
    "change": "本年增/减",
    "projects": "采购项目数量",
    "amount_yuan": "采购总金额(元)",
}
"""Chinese column headers of table 二's metrics."""

SIGNED_METRICS: frozenset[str] = frozenset({"change"})
"""Metrics that may be negative (本年增/减)."""

DECIMAL_METRICS: frozenset[str] = frozenset({"amount_10k_yuan", "amount_yuan"})
"""Metrics that hold money and may have decimals."""

ACTIVE_PATTERNS: dict[str, str] = {
    "regulations": r"规章",
    "normative_documents": r"规范性文件|规范性档案",
    "administrative_licensing": r"行政许可",
    "other_services": r"其他对外管理服务事项",
    "administrative_penalty": r"行政处罚",
    "administrative_coercion": r"行政强制",
    "administrative_fees": r"行政事业性收费",
    "centralized_procurement": r"政府集中采购",
}
"""Regular expressions that find each row label of table 二."""

APPEAL_BLOCKS: dict[str, str] = {
    "review": "行政复议",
    "litigation_direct": "行政诉讼·未经复议直接起诉",
    "litigation_after_review": "行政诉讼·复议后起诉",
}
"""The three blocks of table 四, left to right."""

APPEAL_METRICS: dict[str, str] = {
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
    "total": "总计",
}
"""The five cells of each table 四 block, left to right."""

FORMS: dict[str, str] = {
    "2021": "2021年格式(国办公开办函〔2021〕30号)",
    "2019": "2019年格式(国办公开办函〔2019〕60号)",
}
"""The national forms the parser reads."""

CHECK_RULES: dict[str, str] = {
    "balance": "新收 + 上年结转 = 办理总计 + 结转下年度",
    "row_sum": "各类申请人之和 = 总计",
    "outcome_sum": "各办理结果之和 = (七)总计",
    "appeals_sum": "维持 + 纠正 + 其他 + 尚未审结 = 总计",
    "ambiguous_digits": "连写数字可有多种拆分",
    "unplaced_rows": "无法按位置确定的行",
    "national_form": "表格属于国家统一格式(2019/2021)",
}
"""Every check the parser runs, with the rule it states."""

MISSING_MARKS: dict[str, str] = {
    "": "空白",
    "/": "不适用(/)",
    "-": "未填(-)",
    "无": "无",
}
"""How a cell that holds no number was printed, as the dashboard names it."""
