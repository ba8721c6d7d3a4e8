"""Floor (c): a minimal typer + rich app that loads a plan with tomllib and prints one table.

    python bench/floor_plan_app.py data/plan2017.toml

The start-up targets of docs/performance.md are ratios to this: ggov-plan
reads a plan, judges it and prints it, so no command of it can start faster
than an app that only parses the TOML and prints a table with typer and rich.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table


def main(plan: Path) -> None:
    with plan.open("rb") as stream:
        data = tomllib.load(stream)
    table = Table("Nguồn kinh phí", "Số tiền (đồng)")
    for source in data.get("budget", {}).get("source", []):
        table.add_row(str(source.get("name", "")), f"{source.get('amount', 0):,}".replace(",", "."))
    Console().print(table)


if __name__ == "__main__":
    typer.run(main)
