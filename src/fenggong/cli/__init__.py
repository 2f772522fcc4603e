"""The command line: the Typer app, its options and its commands (glue only)."""
