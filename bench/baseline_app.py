"""The floor: a minimal Typer app with one command (optionally importing Rich's table too).

`--gc-off` first switches the cyclic garbage collector off, as fenggong's entry point does,
for a like-for-like comparison (`bench/run.py --like-for-like`).
"""

import sys

if "--gc-off" in sys.argv:
    sys.argv.remove("--gc-off")
    import gc

    gc.disable()

import typer  # after the collector is switched off, as in fenggong

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
