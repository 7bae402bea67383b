"""Uploaded report files loaded into the database by the parser's own ``ingest`` command, in its own process.

A separate process because DuckDB lets one process write or many read: the dashboard's process only ever
opens the file read-only, and closes it a moment after its last query (``queries.release`` closes it at once,
before an upload), so the ingest can take the write lock between two pages. The command waits for that lock,
and each file is saved all or nothing (``parsing.ingest``).
"""

import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from dashboard import queries

ROOT = Path(__file__).resolve().parent.parent
"""The project folder, from which ``python -m parsing`` runs."""

ACCEPTED_TYPES: tuple[str, ...] = ("txt", "md", "html", "htm", "pdf", "docx", "doc")
"""File extensions the parser reads."""

MAX_FILE_MB = 20
"""The parser refuses larger files; the upload widget refuses them before they are sent."""

INGEST_TIMEOUT_SECONDS = 600
"""How long a batch may take to parse and save before it is given up."""

STATUSES: dict[str, str] = {"loaded": "已导入", "unchanged": "已存在", "failed": "失败"}
"""The parser's per-file outcomes, as the page names them."""

RESULT_LINE = re.compile(r"^(loaded|unchanged|failed)\s+(.+?)(?::\s(.*))?$")
"""One line of ``python -m parsing ingest`` output: status, file name, and the reason if any."""

UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
"""Characters an uploaded name may not bring into a path (or into the command's ``name: reason`` lines)."""


REASONS: tuple[tuple[re.Pattern, str], ...] = tuple((re.compile(p), text) for p, text in (
    (r"empty file|holds no text", "文件是空的"),
    (r"not text in a known encoding|binary", "不是可识别编码的文本，可能是损坏或二进制文件"),
    (r"no text layer", "PDF 没有文字层（扫描件），请先做文字识别（OCR）再导入"),
    (r"blank form", "这是空白的年报格式模板，没有填写数字"),
    (r"comparison", "这是其他工具生成的两份年报比对结果，不是年报原文"),
    (r"JSON", "这是 JSON 数据文件，不是年报原文，请导入报告本身"),
    (r"cut off|stops before", "报告不完整：表格在中途被截断"),
    (r"legacy Word|LibreOffice", "旧版 Word（.doc）文件：请安装 LibreOffice，或另存为 .docx 后导入"),
    (r"MB", "文件过大，不像一份年度报告"),
    (r"not a 政府信息公开工作年度报告", "不是政府信息公开工作年度报告"),
    (r"internal parser error", "解析程序内部错误，请把此文件报告给维护人员"),
))
"""The parser's reasons (in English, for the command line) told in Chinese; the original follows in brackets."""


@dataclass(frozen=True)
class LoadResult:
    """What became of one uploaded file, in Chinese: its name, 已导入/已存在/失败, and why."""

    name: str
    status: str
    reason: str = ""


def safe_name(name: str) -> str:
    """Given an uploaded file's name, return a plain file name for it (no folders, no leading dot)."""
    return UNSAFE_NAME.sub("_", Path(name.replace("\\", "/")).name).lstrip(".") or "upload"


def refusal(name: str, size: int, seen: set[str]) -> str | None:
    """Given an upload's name, size and the names already accepted in its batch, return why it is refused, or None."""
    if Path(name).suffix.lower().lstrip(".") not in ACCEPTED_TYPES:
        return f"不支持的文件类型，只接受 {'、'.join(ACCEPTED_TYPES)}"
    if size > MAX_FILE_MB * 2**20:
        return f"文件大小 {size / 2**20:.1f} MB，超过 {MAX_FILE_MB} MB 上限"
    if size == 0:
        return "文件是空的"
    if name in seen:
        return "同一批中已有同名文件，请改名后另行导入"
    return None


def load(files: list[tuple[str, bytes]], db_path: Path) -> list[LoadResult]:
    """Given uploaded files (name, content) and the database, load each one; return one result per file, in order."""
    plan: list[tuple[str, str, str | None]] = []
    accepted: dict[str, bytes] = {}
    for original, content in files:
        name = safe_name(original)
        reason = refusal(name, len(content), set(accepted))
        if not reason:
            accepted[name] = content
        plan.append((original, name, reason))
    ingested = _ingest(accepted, db_path) if accepted else {}
    return [LoadResult(original, STATUSES["failed"], reason) if reason else replace(ingested[name], name=original)
            for original, name, reason in plan]


def _ingest(files: dict[str, bytes], db_path: Path) -> dict[str, LoadResult]:
    with tempfile.TemporaryDirectory(prefix="upload-") as folder:
        for name, content in files.items():
            (Path(folder) / name).write_bytes(content)
        queries.release()
        try:
            done = subprocess.run(
                [sys.executable, "-m", "parsing", "ingest", folder, "--db", str(db_path.resolve())],
                cwd=ROOT, capture_output=True, text=True, timeout=INGEST_TIMEOUT_SECONDS,
            )
        except subprocess.TimeoutExpired:
            return {n: LoadResult(n, STATUSES["failed"], f"解析超过 {INGEST_TIMEOUT_SECONDS} 秒仍未完成，已放弃")
                    for n in files}
    results = {}
    for line in done.stdout.splitlines():
        if match := RESULT_LINE.match(line):
            status, name, reason = match.groups()
            results[name] = LoadResult(name, STATUSES[status], _reason(status, reason or ""))
    # A run that stopped before any file (the database held by another writer, say) names no file.
    whole_run = _run_failure(done.stderr)
    return {n: results.get(n, LoadResult(n, STATUSES["failed"], whole_run)) for n in files}


def _reason(status: str, reason: str) -> str:
    if status == "unchanged":
        return "数据库中已有内容完全相同的报告，未重复导入"
    if status == "failed":
        gist = next((text for pattern, text in REASONS if pattern.search(reason)), "无法解析")
        return f"未写入数据库：{gist}。（解析程序原文：{reason}）"
    return ""


def _run_failure(stderr: str) -> str:
    if "in use by another process" in stderr:
        return "数据库正被另一个导入程序占用，请稍后再试；本文件未写入"
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    return "导入程序出错，本文件未写入" + (f"：{lines[-1]}" if lines else "")
