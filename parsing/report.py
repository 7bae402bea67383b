"""The parsing pipeline: a report file in, a ``Report`` out."""

import re
from dataclasses import dataclass
from pathlib import Path

from parsing.checks import run_checks
from parsing.errors import NotAReport, TruncatedReport
from parsing.forms import Problems, decode_active, decode_appeals, decode_requests
from parsing.metadata import (
    agency_from_text, read_fee, read_published, read_quoted_title, read_signature, read_title, read_year,
)
from parsing.model import Check, Region, Report, Rows, Table
from parsing.regions import level_of, resolve
from parsing.sections import FORM_CAPTION, text_to_sections
from parsing.text import normalize

REPORT_WORDS = re.compile(r"政府信息公开")
COMPARISON = re.compile(r"(?=[\s\S]*(?:比对|对比))(?=[\s\S]*重复率)")
"""Another tool's side-by-side comparison of two reports opens with 比对 and 重复率 (corpus: suqian-comparison)."""


PRE_2019 = Check("national_form", False, "2019年以前的地方模板: 表格不属于国家统一格式, 只读取了年度、机关等基本信息")
"""The one check a report in a pre-2019 local template gets: its tables cannot be compared."""


@dataclass(frozen=True)
class ParseSettings:
    """Options of the parser; ``strict`` turns failed checks into a ParseError."""

    strict: bool = False


def parse_report(path: Path, settings: ParseSettings = ParseSettings(), data: bytes | None = None) -> Report:
    """Given an annual report file (and its bytes, if already read), return its parsed ``Report``."""
    from parsing.sources import read_source, source_text

    raw, source_format = read_source(path) if data is None else source_text(data, path)
    return parse_text(raw, path.name, source_format, settings)


def parse_text(raw: str, name: str = "<text>", source_format: str = "text",
               settings: ParseSettings = ParseSettings()) -> Report:
    """Given a report's raw text, return its parsed ``Report`` (``name`` is used in errors)."""
    text, script = normalize(raw)
    if not text.strip():
        raise NotAReport(f"{name}: the file holds no text")
    if not REPORT_WORDS.search(text):
        raise NotAReport(f"{name}: this is not a 政府信息公开工作年度报告 (the words 政府信息公开 never occur)")
    if COMPARISON.match(text[:500]):
        raise NotAReport(f"{name}: this looks like another tool's comparison of two reports (比对报告), not a report itself")
    sections = text_to_sections(text)
    title_agency, title_year = read_title(text)
    quoted_agency, quoted_year = read_quoted_title(text)
    sign_agency, sign_date = read_signature(text)
    published = read_published(text, sign_date)
    year = read_year(text, title_year or quoted_year, published)
    agency = title_agency or sign_agency or quoted_agency or agency_from_text(text)
    region = resolve(agency, text) if agency else Region()
    in_form = bool(sections["requests"] or FORM_CAPTION.search(sections["active"]))
    if not in_form and title_year is None and quoted_year is None:
        raise NotAReport(f"{name}: this is not a 政府信息公开工作年度报告: it has neither a report title nor the sections of the national form")
    problems = Problems()
    if in_form:
        _refuse_truncated(sections, name)
        active = decode_active(sections["active"], problems)
        requests = decode_requests(sections["requests"], year, problems)
        appeals = decode_appeals(sections["appeals"], problems)
        if year is None and agency is None and _all_blank(requests, appeals):
            raise NotAReport(f"{name}: this is the blank form: its tables hold labels but no numbers, and it names no year or agency")
    else:
        # Reports under the 2008 条例 follow free local templates: metadata only (issue 3).
        active, requests, appeals = Table("pre-2019"), Table("pre-2019"), {}
    report = Report(
        year=year,
        agency=agency,
        region=region,
        published=published,
        script=script,
        active=active,
        requests=requests,
        appeals=appeals,
        info_processing_fee_yuan=read_fee(sections["other"], text),
        checks=run_checks(requests, appeals, problems.ambiguous, problems.unplaced) if in_form else (PRE_2019,),
        level=level_of(agency, region),
        ambiguous=problems.ambiguous,
        source_format=source_format,
        text=text,
    )
    if settings.strict:
        failed = [c for c in report.checks if c.ok is False]
        if failed:
            from parsing.errors import ParseError

            raise ParseError(f"{name}: checks failed: " + "; ".join(f"{c.rule}: {c.detail}" for c in failed))
    return report


def _all_blank(requests: Table, appeals: Rows) -> bool:
    cells = [c for cols in requests.rows.values() for c in cols.values()]
    cells += [c for block in appeals.values() for c in block.values()]
    return all(c.value is None for c in cells)


def _refuse_truncated(sections: dict[str, str], name: str) -> None:
    """Raise when the text has the form's headings but stops before its tables end."""
    if not sections["requests"]:
        raise TruncatedReport(f"{name}: the report stops before table 三 (收到和处理政府信息公开申请情况)")
    if not sections["appeals"] and not re.search(r"结转下年度", sections["requests"]):
        raise TruncatedReport(f"{name}: table 三 is cut off: no 四、结转下年度继续办理 row and no section 四 follow")
