"""Parse 政府信息公开工作年度报告 into records, and load them into DuckDB."""

from parsing.errors import FileTooLarge, NotAReport, ParseError, TruncatedReport, UnreadableFile, UnsupportedFormat
from parsing.model import Report

_PIPELINE = ("ParseSettings", "parse_report", "parse_text")


def __getattr__(name: str):
    # The pipeline, with the PDF, Word and HTML readers it imports, loads when first asked for: the dashboard
    # imports the vocabularies, the schema and the writer marker of this package, not the parser.
    if name in _PIPELINE:
        from parsing import report

        return getattr(report, name)
    raise AttributeError(f"module 'parsing' has no attribute {name!r}")


__all__ = [
    "FileTooLarge", "NotAReport", "ParseError", "ParseSettings", "Report", "TruncatedReport",
    "UnreadableFile", "UnsupportedFormat", "parse_report", "parse_text",
]
