"""Load a folder of report files into the database: files hashed, parsed by worker processes into rows, and
saved a batch at a time (file by file when a batch fails, so that each file is all or nothing)."""

import gc
import hashlib
import itertools
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from parsing import storage
from parsing.errors import ParseError
from parsing.model import Report
from parsing.report import parse_report
from parsing.writer import announced

MAX_BYTES = 20 * 1024 * 1024
"""No annual report is larger than this; bigger files are refused before they are read."""

BATCH = 2000
"""Reports saved per transaction; a failed batch is retried file by file."""

CHUNK = 100
"""Files a worker parses per task: enough that sending the rows back costs little per report."""

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
            con = storage.connect(db_path)
            # One thread: the parse workers have the cores. DuckDB's checkpoint after every 16 MB of log stays: with
            # the texts in zstd it costs no more than one at the end, and leaves less to do once the parse is over.
            con.execute("SET threads = 1")
            return con
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
    results: list[FileResult] = []

    def emit(result: FileResult) -> None:
        results.append(result)
        on_result(result)

    with announced(db_path):
        con = open_for_writing(db_path)
        try:
            _load(con, paths, workers, emit)
        finally:
            con.close()
    return results


def _load(con: duckdb.DuckDBPyConnection, paths: Iterable[Path], workers: int,
          emit: Callable[[FileResult], None]) -> None:
    """Refuse or queue each file, parse the queued ones, and save them a batch at a time."""
    known = set(storage.report_ids(con))
    # Numbered in the order given: a file that fails leaves a gap in seq, which nothing minds.
    seqs = itertools.count(storage.next_seq(con))

    def queued() -> Iterator[list[tuple[Path, str, int]]]:
        # Lazily, so that the workers parse the first chunks while the later files are read and hashed.
        chunk = []
        for path in paths:
            refused = _refusal(path, known)
            if isinstance(refused, FileResult):
                emit(refused)
                continue
            chunk.append((path, refused, next(seqs)))
            if len(chunk) == CHUNK:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    pending: list[Parsed] = []
    for parsed in _parse_all(queued(), workers):
        for path, reason in parsed.failed:
            emit(FileResult(path, "failed", reason))
        pending.append(parsed)
        if sum(len(p.loaded) for p in pending) >= BATCH:
            _flush(con, pending, emit)
    _flush(con, pending, emit)


def _refusal(path: Path, known: set[str]) -> FileResult | str:
    """Refuse what cannot be a report, or is one already loaded, before parsing it; else return its id."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return FileResult(path, "failed", f"file is {size / 1e6:.1f} MB; an annual report is never above {MAX_BYTES // 2**20} MB")
        report_id = content_hash(path.read_bytes())
    except OSError as e:
        return FileResult(path, "failed", f"cannot read the file ({e.strerror or e})")
    if report_id in known:
        return FileResult(path, "unchanged", "already in the database", report_id)
    known.add(report_id)
    return report_id


@dataclass
class Parsed:
    """A chunk of files as a worker returns it: the rows of the reports it read and the files it could not."""

    loaded: list[tuple[Path, str, int]]
    failed: list[tuple[Path, str]]
    tables: dict[str, pa.Table]

    # From worker to parent each table travels as one Arrow IPC stream: pickling a table goes column by
    # column and cost five times as much (0.1 ms a report, on both sides).
    def __getstate__(self) -> dict:
        return {**self.__dict__, "tables": {name: _to_ipc(table) for name, table in self.tables.items()}}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, tables={name: pa.ipc.open_stream(data).read_all() for name, data in state["tables"].items()})


def _to_ipc(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def parse_chunk(items: list[tuple[Path, str, int]]) -> Parsed:
    """Given files with their ids and load numbers, parse each and return their rows as Arrow, ready to insert.

    Workers build the rows, so that the parent, which alone may write the database, only inserts them."""
    loaded, reports, failed = [], [], []
    for path, report_id, seq in items:
        report, reason = _parse(path)
        if report is None:
            failed.append((path, reason))
        else:
            loaded.append((path, report_id, seq))
            reports.append((report, report_id, path.name, seq))
    return Parsed(loaded, failed, storage.rows_to_arrow(reports))


def _parse_all(chunks: Iterator[list[tuple[Path, str, int]]], workers: int) -> Iterator[Parsed]:
    first = list(itertools.islice(chunks, 2))
    if workers <= 1 or len(first) < 2:  # one chunk is parsed sooner than a pool starts
        yield from map(parse_chunk, itertools.chain(first, chunks))
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker) as pool:
        yield from pool.map(parse_chunk, itertools.chain(first, chunks))


def _flush(con: duckdb.DuckDBPyConnection, pending: list[Parsed], emit: Callable[[FileResult], None]) -> None:
    """Save the pending chunks' reports in one transaction, or report by report when that fails."""
    loaded = [item for parsed in pending for item in parsed.loaded]
    if not loaded:
        pending.clear()
        return
    tables = {name: pa.concat_tables(p.tables[name] for p in pending) for name in pending[0].tables}
    pending.clear()
    try:
        storage.write(con, tables)
        for path, rid, _ in loaded:
            emit(FileResult(path, "loaded", "", rid))
    except duckdb.Error:
        for path, rid, seq in loaded:
            try:
                storage.write(con, {name: t.filter(pc.equal(t["seq"], seq)) for name, t in tables.items()})
                emit(FileResult(path, "loaded", "", rid))
            except duckdb.Error as e:
                emit(FileResult(path, "failed", f"could not be saved ({e}); the database is unchanged for this file"))


def _start_worker() -> None:
    # What the worker inherits from the parent (its modules, the ids already loaded) lives as long as it does:
    # left out of the collector's sweeps, which would otherwise walk all of it again and again.
    gc.freeze()
