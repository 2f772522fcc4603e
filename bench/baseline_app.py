"""The floor: a minimal Typer app with one command (optionally importing Rich's table too)."""

import sys

import typer

app = typer.Typer()


@app.command()
def hello(name: str = "fenggong") -> None:
    """Print a name."""
    print(name)


if __name__ == "__main__":
    if "--with-rich-table" in sys.argv:
        sys.argv.remove("--with-rich-table")
        import rich.table  # noqa: F401 - the import is what is measured

    app()
