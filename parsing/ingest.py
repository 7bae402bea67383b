"""Load a folder of report files into the database: each file parsed, hashed and saved on its own."""

import hashlib
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb

from parsing import storage
from parsing.errors import ParseError
from parsing.model import Report
from parsing.report import parse_report

MAX_BYTES = 20 * 1024 * 1024
"""No annual report is larger than this; bigger files are refused before they are read."""

BATCH = 200
"""Reports saved per transaction; a failed batch is retried file by file."""

LOCK_WAIT_SECONDS = 10.0

log = logging.getLogger(__name__)


class IngestLocked(Exception):
    "Another process is writing the database"


@dataclass(frozen=True)
class FileResult:
    """What became of one file: loaded, unchanged (already in the database) or failed, and why."""

    path: Path
    status: str
    reason: str = ""
    report_id: str | None = None

    def line(self) -> str:
        return f"{self.status:9} {self.path.name}" + (f": {self.reason}" if self.reason else "")


def report_files(folder: Path) -> list[Path]:
    """Given a file or folder, return the report files in it, sorted (hidden files left out)."""
    if folder.is_file():
        return [folder]
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def _parse(path: Path) -> tuple[Report | None, str]:
    """Given a file, return its report, or None and the reason it could not be parsed."""
    try:
        return parse_report(path), ""
    except ParseError as e:
        return None, str(e).removeprefix(f"{path.name}: ")
    except Exception as e:  # A parser bug on one file must not stop the folder.
        log.exception("internal error on %s", path)
        return None, f"internal parser error ({type(e).__name__}: {e}); please report this file"


def open_for_writing(db_path: Path, wait: float = LOCK_WAIT_SECONDS) -> duckdb.DuckDBPyConnection:
    """Given a database path, return a read-write connection, waiting while another process holds it."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait
    while True:
        try:
            return storage.connect(db_path)
        except duckdb.IOException as e:
            if "lock" not in str(e).lower() or time.monotonic() > deadline:
                raise IngestLocked(
                    f"{db_path}: the database is in use by another process ({e}). "
                    "Stop the other import, or the dashboard's import page, and run this again."
                ) from None
            time.sleep(0.2)


def ingest(paths: Iterable[Path], db_path: Path, workers: int = 1,
           on_result: Callable[[FileResult], None] = lambda r: None) -> list[FileResult]:
    """Given report files and a database, load each new report; return one result per file.

    The same content twice is one report (its id is the content hash). Each file is all or
    nothing: a file that fails to parse or save leaves the database as it was before it.
    """
    con = open_for_writing(db_path)
    results: list[FileResult] = []

    def emit(result: FileResult) -> None:
        results.append(result)
        on_result(result)

    try:
        known = set(storage.report_ids(con))
        todo: list[tuple[Path, str]] = []
        for path in paths:
            status = _precheck(path, known, todo)
            if status:
                emit(status)
        pending: list[tuple[Report, str, Path]] = []
        for (path, report_id), (report, reason) in zip(todo, _parse_all([p for p, _ in todo], workers)):
            if report is None:
                emit(FileResult(path, "failed", reason))
                continue
            pending.append((report, report_id, path))
            if len(pending) >= BATCH:
                _flush(con, pending, emit)
        _flush(con, pending, emit)
    finally:
        con.close()
    return results


def _precheck(path: Path, known: set[str], todo: list[tuple[Path, str]]) -> FileResult | None:
    """Refuse what cannot be a report before parsing it; queue the rest by content hash."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return FileResult(path, "failed", f"file is {size / 1e6:.1f} MB; an annual report is never above {MAX_BYTES // 2**20} MB")
        report_id = content_hash(path.read_bytes())
    except OSError as e:
        return FileResult(path, "failed", f"cannot read the file ({e.strerror or e})")
    if report_id in known or any(rid == report_id for _, rid in todo):
        return FileResult(path, "unchanged", "already in the database", report_id)
    todo.append((path, report_id))
    return None


def _parse_all(paths: list[Path], workers: int) -> Iterator[tuple[Report | None, str]]:
    if workers <= 1 or len(paths) < 2:
        yield from map(_parse, paths)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_parse, paths, chunksize=32)


def _flush(con: duckdb.DuckDBPyConnection, pending: list[tuple[Report, str, Path]],
           emit: Callable[[FileResult], None]) -> None:
    """Save the pending reports in one transaction, or file by file when that fails."""
    if not pending:
        return
    items = [(r, rid, p.name) for r, rid, p in pending]
    try:
        storage.save_many(con, items)
        for _, rid, path in pending:
            emit(FileResult(path, "loaded", "", rid))
    except duckdb.Error:
        for report, rid, path in pending:
            try:
                storage.save(con, report, rid, path.name)
                emit(FileResult(path, "loaded", "", rid))
            except duckdb.Error as e:
                emit(FileResult(path, "failed", f"could not be saved ({e}); the database is unchanged for this file"))
    pending.clear()
