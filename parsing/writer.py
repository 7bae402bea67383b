"""Who may write the database: the marker an ingest holds while it waits for or holds DuckDB's write lock.

A module of its own, light to import, because the dashboard's readers check the marker before every query."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def writer_marker(db_path: Path) -> Path:
    """Given a database, return the file an ingest holds while it waits for or holds the write lock."""
    return db_path.with_name(db_path.name + ".ingest")


def writer_waiting(db_path: Path) -> bool:
    """Given a database, say whether a live ingest has asked for its write lock (readers then let go of it)."""
    try:
        pid = int(writer_marker(db_path).read_text())
        os.kill(pid, 0)
    except (OSError, ValueError):  # no marker, or one left by an ingest that was killed
        return False
    return True


@contextmanager
def announced(db_path: Path) -> Iterator[None]:
    """Hold the writer marker of a database: the dashboard, which keeps the file open between queries,
    closes it when it sees the marker and reads again after it is gone."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    marker = writer_marker(db_path)
    marker.write_text(str(os.getpid()))
    try:
        yield
    finally:
        marker.unlink(missing_ok=True)
