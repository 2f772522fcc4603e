"""The `fenggong` script and `python -m fenggong`."""

import gc


def run() -> None:
    """Run the CLI as the one-shot process it is.

    The cyclic garbage collector is switched off first: while Typer, Rich and the plan
    load it would stop the process dozens of times (4-7 ms a run, bench/run.py), and a run
    makes next to no cyclic garbage (peak memory on a 10,000-task plan is the same either
    way), all of it returned at exit.
    """
    gc.disable()
    from fenggong.cli.app import main

    main()


if __name__ == "__main__":
    run()
