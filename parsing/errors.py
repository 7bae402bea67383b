"""The errors the parser raises; each names the file and what is wrong with it."""


class ParseError(Exception):
    "The file could not be read as a government information disclosure annual report"


class UnreadableFile(ParseError):
    "The file's bytes could not be turned into text (empty, binary, unknown encoding, no text layer)"


class UnsupportedFormat(ParseError):
    "The file type is not one the parser reads, or needs a tool that is not installed"


class NotAReport(ParseError):
    "The text is not a 政府信息公开工作年度报告 (a template, another tool's output, a different document)"


class FileTooLarge(ParseError):
    "The file is larger than any annual report could be"


class TruncatedReport(ParseError):
    "The report stops before its tables are complete"
