"""Parse 政府信息公开工作年度报告 into records, and load them into DuckDB."""

from parsing.errors import FileTooLarge, NotAReport, ParseError, TruncatedReport, UnreadableFile, UnsupportedFormat
from parsing.model import Report
from parsing.report import ParseSettings, parse_report, parse_text

__all__ = [
    "FileTooLarge", "NotAReport", "ParseError", "ParseSettings", "Report", "TruncatedReport",
    "UnreadableFile", "UnsupportedFormat", "parse_report", "parse_text",
]
