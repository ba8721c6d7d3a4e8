"""Floor (b) of issue #6: the smallest typer + rich app that prints one table.

    python bench/floor_app.py

ggov-plan is a typer + rich app; no command of it can start faster than this
without leaving typer or rich out of its imports.
"""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table


def main() -> None:
    table = Table("Nguồn kinh phí", "Số tiền (đồng)")
    table.add_row("Ngân sách tỉnh", "163.000.000")
    Console().print(table)


if __name__ == "__main__":
    typer.run(main)
