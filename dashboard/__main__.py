from dashboard.cli import cli

cli()
