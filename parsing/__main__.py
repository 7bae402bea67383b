from parsing.cli import cli

cli()
