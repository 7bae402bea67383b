"""The command line: ``python -m parsing parse FILE`` and ``python -m parsing ingest DIR --db FILE``."""

import json
import logging
import os
import sys
from pathlib import Path

import click

from parsing.errors import ParseError
from parsing.report import ParseSettings, parse_report


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log what the parser does.")
def cli(verbose: bool) -> None:
    """Read 政府信息公开工作年度报告 and load them into the dashboard's database."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Fail when an arithmetic check fails.")
def parse(file: Path, strict: bool) -> None:
    """Print one report as the JSON record of the spec.

    Example:

        python -m parsing parse data/reports/000_3cd86ea425926f19.txt
    """
    try:
        report = parse_report(file, ParseSettings(strict=strict))
    except ParseError as e:
        raise click.ClickException(str(e)) from None
    except OSError as e:
        raise click.ClickException(f"{file.name}: {e.strerror or e}") from None
    click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--db", "db_path", type=click.Path(path_type=Path), default=Path("data/disclosure.duckdb"),
              show_default=True, help="DuckDB file to load into (created if missing).")
@click.option("--workers", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default="the machine's cores",
              help="Processes that parse in parallel (100 files or fewer are parsed in this one).")
@click.option("--replace-outdated", is_flag=True,
              help="If the database was built by an earlier version, rename it to DB.outdated and build a new one.")
def ingest(folder: Path, db_path: Path, workers: int, replace_outdated: bool) -> None:
    """Load every report in FOLDER (or one FILE) into the database.

    One line per file (loaded, unchanged or failed with the reason), then a summary. Exit status
    is 1 when any file failed; every good file is loaded all the same.

    Example:

        python -m parsing ingest data/reports --db data/disclosure.duckdb
    """
    from parsing.ingest import IngestLocked, ingest as run, report_files
    from parsing.storage import SchemaOutdated

    if not folder.exists():
        raise click.ClickException(f"{folder}: no such file or folder")
    try:
        try:
            results = run(report_files(folder), db_path, workers=workers, on_result=lambda r: click.echo(r.line()))
        except SchemaOutdated as e:
            if not replace_outdated:
                raise
            old = db_path.with_name(db_path.name + ".outdated")
            for suffix in ("", ".wal"):
                if (source := Path(f"{db_path}{suffix}")).exists():
                    source.replace(f"{old}{suffix}")
            click.echo(f"{e}\nMoved it to {old}; building a new one.")
            results = run(report_files(folder), db_path, workers=workers, on_result=lambda r: click.echo(r.line()))
    except (IngestLocked, SchemaOutdated) as e:
        raise click.ClickException(str(e)) from None
    counts = {status: sum(r.status == status for r in results) for status in ("loaded", "unchanged", "failed")}
    click.echo(f"{len(results)} files: {counts['loaded']} loaded, {counts['unchanged']} unchanged, {counts['failed']} failed")
    sys.exit(1 if counts["failed"] else 0)
