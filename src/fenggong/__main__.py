"""The `fenggong` script and `python -m fenggong`."""

import gc


def run() -> None:
    """Run the CLI as the one-shot process it is: with the cyclic garbage collector off,
    which would only slow a short run down (docs/design.md)."""
    gc.disable()
    from fenggong.cli.app import main

    main()


if __name__ == "__main__":
    run()
