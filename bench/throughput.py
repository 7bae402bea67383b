"""Time the ingest of report files into a new database, and profile where a single worker spends its time."""

import cProfile
import io
import pstats
import resource
import time
from pathlib import Path

from parsing.ingest import ingest


def time_ingest(paths: list[Path], db: Path, workers: int) -> tuple[float, int]:
    """Given files, a new database path and a worker count, return the seconds ``ingest`` took and the files it loaded."""
    start = time.perf_counter()
    results = ingest(paths, db, workers=workers)
    elapsed = time.perf_counter() - start
    failed = [r.line() for r in results if r.status != "loaded"]
    if failed:
        raise RuntimeError(f"{len(failed)} generated reports did not load, e.g. {failed[:3]}")
    return elapsed, len(results)


def peak_memory_mb() -> tuple[float, float]:
    """Return the peak resident memory (MB) of this process and of its largest finished child (Linux reports KB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return own / 1024, children / 1024


def profile_ingest(paths: list[Path], db: Path, top: int = 25) -> str:
    """Given files and a new database path, return the cProfile table of a one-worker ingest, by cumulative time."""
    # One file first, so that imports and the division and OpenCC tables load outside the profile.
    ingest(paths[:1], db.with_name("warm-" + db.name), workers=1)
    profiler = cProfile.Profile()
    profiler.enable()
    ingest(paths, db, workers=1)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(r"parsing|duckdb|opencc|bs4|docx|pdfplumber|pandas", top)
    out.write("\n--- by own time ---\n")
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()
