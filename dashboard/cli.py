"""The command line of the dashboard: ``python -m dashboard brief`` writes one-page briefings for a list of jurisdictions."""

import logging
import os
import sys
from pathlib import Path

import click

from dashboard.selection import Selection


@click.group()
def cli() -> None:
    """Exports of 年报看板 that need no browser session."""


@cli.command(context_settings={"ignore_unknown_options": True})
@click.option("--port", type=int, default=8501, show_default=True, help="Port to serve the dashboard on.")
@click.argument("streamlit_args", nargs=-1, type=click.UNPROCESSED)
def serve(port: int, streamlit_args: tuple[str, ...]) -> None:
    """Serve the dashboard (``streamlit run app.py``) so that a link to any page works from the first visit.

    Streamlit takes a ``pages/`` folder beside app.py for its older multipage mode until app.py has
    called ``st.navigation`` once in the process; until then a link to a sub-page would run that
    page alone, without the shared filters. Saying up front that navigation is app.py's avoids it.

    Example:

        python -m dashboard serve --port 8501
    """
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli as streamlit_cli

    PagesManager.uses_pages_directory = False
    app = Path(__file__).resolve().parent.parent / "app.py"
    sys.argv = ["streamlit", "run", str(app), "--server.headless", "true", "--server.port", str(port),
                "--browser.gatherUsageStats", "false", *streamlit_args]
    streamlit_cli.main()


@cli.command()
@click.option("--province", "provinces", multiple=True, help="A province; repeat for several (one briefing each).")
@click.option("--city", "cities", multiple=True, help="A city (with --province); repeat for several.")
@click.option("--year", "years", type=int, multiple=True, help="Statistics year; repeat for several (one briefing covers them all).")
@click.option("--out", type=click.Path(path_type=Path), default=Path("briefings"), show_default=True,
              help="Folder to write the PNG and PDF files into.")
@click.option("--db", "db_path", type=click.Path(path_type=Path), default=None,
              help="Database file (default: $DISCLOSURE_DB or data/disclosure.duckdb).")
def brief(provinces: tuple[str, ...], cities: tuple[str, ...], years: tuple[int, ...], out: Path,
          db_path: Path | None) -> None:
    """Write the one-page briefing of each jurisdiction as PNG and PDF.

    Without --province the briefing covers every report of the years given.

    Example:

        python -m dashboard brief --province 四川省 --province 江苏省 --year 2023 --out briefings
    """
    if db_path is not None:
        os.environ["DISCLOSURE_DB"] = str(db_path)
    # Outside a browser session Streamlit's cache warns, for every cached query, that it has no runtime.
    logging.getLogger("streamlit.runtime.caching.cache_data_api").disabled = True
    from dashboard import briefing, export, queries

    if cities and len(provinces) != 1:
        raise click.ClickException("--city needs exactly one --province (the city's own)")
    selections = ([Selection(years=years, province=provinces[0], city=c) for c in cities] if cities else
                  [Selection(years=years, province=p) for p in provinces] or [Selection(years=years)])
    try:
        queries.check_database()
    except queries.DatabaseMissing as e:
        raise click.ClickException(str(e)) from None
    out.mkdir(parents=True, exist_ok=True)
    failed = 0
    for sel in selections:
        try:
            page = briefing.build(sel)
            name = page.file_name()
            (out / f"{name}.png").write_bytes(page.png())
            (out / f"{name}.pdf").write_bytes(page.pdf())
            click.echo(f"written   {out / name}.png, .pdf ({page.reports} 份报告)")
        except ValueError as e:
            failed += 1
            click.echo(f"skipped   {sel.describe()}: {e}")
        except export.ExportUnavailable as e:
            raise click.ClickException(str(e)) from None
    if failed == len(selections):
        raise click.ClickException("没有生成任何简报：所选范围内没有报告")
