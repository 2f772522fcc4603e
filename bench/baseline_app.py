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
    """Print a name (or, with --print-rich-table, a Rich table the size of a task table)."""
    if PRINT_TABLE:
        from rich.console import Console
        from rich.table import Table

        table = Table("序号", "大项编号", "任务", "责任领导", "牵头单位", "相关责任单位")
        for n in range(12):
            table.add_row(
                str(n + 1),
                "1.2",
                "抓住RCEP机遇，推动外贸企业参展，力争引进1个投资30亿元以上的重大项目。" * 2,
                "伍树全、梁志莲",
                "县工信商务局、县农业农村局",
                "县委组织部、县发展改革局、县科技局、县人力资源社会保障局",
            )
        Console().print(table)
        return
    print(name)


PRINT_TABLE = "--print-rich-table" in sys.argv
if PRINT_TABLE:
    sys.argv.remove("--print-rich-table")


if __name__ == "__main__":
    if "--with-rich-table" in sys.argv:
        sys.argv.remove("--with-rich-table")
        import rich.table  # noqa: F401 - the import is what is measured

    app()
