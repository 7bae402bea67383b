"""Load a folder of report files into the database: files hashed, parsed by worker processes into rows, and
saved a batch at a time (file by file when a batch fails, so that each file is all or nothing)."""

import gc
import hashlib
import itertools
import logging
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Set
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
from parsing.sources import read_file
from parsing.writer import announced

BATCH = 2000
"""Reports saved per transaction; a failed batch is retried file by file."""

CHUNK = 100
"""Files a worker parses per task: enough that sending the rows back costs little per report."""

AHEAD = 16
"""Chunks handed to the workers ahead of the one taken back: enough to keep two busy while a batch is saved
(~0.5 s), and a bound on the results waiting in memory when more workers outpace the saving."""

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


def _parse(path: Path, data: bytes) -> tuple[Report | None, str]:
    """Given a file and its bytes, return its report, or None and the reason it could not be parsed."""
    try:
        return parse_report(path, data=data), ""
    except ParseError as e:
        return None, _reason(path, e)
    except Exception as e:  # A parser bug on one file must not stop the folder.
        log.exception("internal error on %s", path)
        return None, f"internal parser error ({type(e).__name__}: {e}); please report this file"


def _reason(path: Path, error: ParseError) -> str:
    # The result line names the file already.
    return str(error).removeprefix(f"{path.name}: ")


def open_for_writing(db_path: Path, wait: float = LOCK_WAIT_SECONDS) -> duckdb.DuckDBPyConnection:
    """Given a database path, return a read-write connection, waiting while another process holds it."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait
    while True:
        try:
            con = storage.connect(db_path)
            # One thread: the parse workers have the cores. One checkpoint at the end rather than one per 16 MB of
            # log (DuckDB's default): into an archive of 10⁶ reports each costs ~1 s, as it rewrites the row groups
            # where link_years updated earlier years (2 500 reports: 6.8 → 5.6 s); into an empty one both cost
            # about the same (0.15–0.19 ms a report).
            con.execute("SET threads = 1")
            con.execute("SET checkpoint_threshold = '1GB'")
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
    """Number the files, have them read and parsed, and save the new reports a batch at a time."""
    known = storage.report_ids(con)
    # Numbered in the order given: a file that fails or is already loaded leaves a gap in seq, which nothing minds.
    numbered = zip(paths, itertools.count(storage.next_seq(con)))
    chunks = iter(lambda: list(itertools.islice(numbered, CHUNK)), [])  # lazily: a folder of any size
    pending: list[Parsed] = []
    for parsed in _parse_all(chunks, workers, known):
        _drop_repeats(parsed, known)
        for path, reason in parsed.failed:
            emit(FileResult(path, "failed", reason))
        for path, report_id in parsed.unchanged:
            emit(FileResult(path, "unchanged", "already in the database", report_id))
        pending.append(parsed)
        if sum(len(p.loaded) for p in pending) >= BATCH:
            _flush(con, pending, emit)
    _flush(con, pending, emit)


def _drop_repeats(parsed: "Parsed", known: set[str]) -> None:
    """Keep the first of files with the same content in one ingest (workers only know what was loaded before):
    the others join the chunk's unchanged files, their rows dropped."""
    repeats = set()
    for path, report_id, seq in parsed.loaded:
        if report_id in known:
            parsed.unchanged.append((path, report_id))
            repeats.add(seq)
        known.add(report_id)
    if repeats:
        parsed.loaded = [item for item in parsed.loaded if item[2] not in repeats]
        kept = pa.array(sorted(repeats), pa.int64())
        parsed.tables = {name: t.filter(pc.invert(pc.is_in(t["seq"], kept))) for name, t in parsed.tables.items()}


@dataclass
class Parsed:
    """A chunk of files as a worker returns it: the rows of the reports it read, the files it could not, and
    those the database held already."""

    loaded: list[tuple[Path, str, int]]
    failed: list[tuple[Path, str]]
    unchanged: list[tuple[Path, str]]
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


_known: Set[str] = frozenset()
"""In a worker, the ids the database held when the ingest began: a file with one of them is not parsed again."""


def parse_chunk(items: list[tuple[Path, int]], known: Set[str] | None = None) -> Parsed:
    """Given files with their load numbers (and the ids already loaded, if not a worker's), read, hash and parse
    each new one; return the rows as Arrow, ready to insert.

    Workers build the rows, so that the parent, which alone may write the database, only inserts them."""
    known = _known if known is None else known
    loaded, reports, failed, unchanged = [], [], [], []
    for path, seq in items:
        try:
            data = read_file(path)
        except ParseError as e:
            failed.append((path, _reason(path, e)))
            continue
        report_id = content_hash(data)
        if report_id in known:
            unchanged.append((path, report_id))
            continue
        report, reason = _parse(path, data)
        if report is None:
            failed.append((path, reason))
        else:
            loaded.append((path, report_id, seq))
            reports.append((report, report_id, path.name, seq))
    return Parsed(loaded, failed, unchanged, storage.rows_to_arrow(reports))


def _parse_all(chunks: Iterator[list[tuple[Path, int]]], workers: int, known: Set[str]) -> Iterator[Parsed]:
    """Given chunks of numbered files and the ids already loaded (only read), yield each chunk parsed, in order."""
    first = list(itertools.islice(chunks, 2))
    if workers <= 1 or len(first) < 2:  # one chunk is parsed sooner than a pool starts
        yield from (parse_chunk(chunk, known) for chunk in itertools.chain(first, chunks))
        return
    chunks = itertools.chain(first, chunks)
    with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(known,)) as pool:
        # Not pool.map: it hands out every chunk at once, and the results of workers faster than the saving
        # would pile up at ~20 KB a report.
        ahead = deque(pool.submit(parse_chunk, chunk) for chunk in itertools.islice(chunks, AHEAD))
        try:
            while ahead:
                parsed = ahead.popleft().result()
                ahead.extend(pool.submit(parse_chunk, chunk) for chunk in itertools.islice(chunks, 1))
                yield parsed
        finally:  # stopped early (a failed save, Ctrl-C): the chunks not begun are dropped, not waited for
            for future in ahead:
                future.cancel()


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


def _start_worker(known: Set[str]) -> None:
    global _known
    _known = known  # with fork, inherited rather than pickled
    # What the worker inherits from the parent (its modules, the ids already loaded) lives as long as it does:
    # left out of the collector's sweeps, which would otherwise walk all of it again and again.
    gc.freeze()
