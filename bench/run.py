"""Time ggov-plan by hand: whole commands on the real plan, and how cost grows.

    python bench/run.py [--runs 7] [--sizes 1000,5000,20000]

1. Whole-process runs of `check`, `show --json` and `status --json` on
   data/plan2017.toml, with a bare `python -c pass` and a typer + rich
   "one table" app as floors. Medians of --runs runs.
2. For synthetic plans of growing size (bench/generate.py): the in-process
   time of each core stage (read, tomllib, build + structure checks, rules,
   derive) and of a whole `check`, with the per-record cost, so that linear
   growth shows as a flat cost per record.

Timings are printed, never asserted: CI does not run this.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from generate import plan_text  # noqa: E402

from ggov_plan.derive import overview  # noqa: E402
from ggov_plan.load import parse, read_text  # noqa: E402
from ggov_plan.rules import Context, validate  # noqa: E402

_TABLE_APP = """
import typer
from rich.console import Console
from rich.table import Table
def main() -> None:
    t = Table("a", "b"); t.add_row("1", "2"); Console().print(t)
typer.run(main)
"""


def _median_seconds(command: list[str], runs: int, cwd: Path) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=False, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def whole_commands(runs: int) -> None:
    py = sys.executable
    plan = "data/plan2017.toml"
    rows = [
        ("python -c pass", [py, "-c", "pass"]),
        ("typer + rich, one table", [py, "-c", _TABLE_APP]),
        ("ggov-plan --version", [py, "-m", "ggov_plan", "--version"]),
        ("ggov-plan check", [py, "-m", "ggov_plan", "check", plan]),
        ("ggov-plan show --json", [py, "-m", "ggov_plan", "show", "--json", "-p", plan]),
        ("ggov-plan status --json", [py, "-m", "ggov_plan", "status", "--json", "-p", plan]),
        ("ggov-plan show (tables)", [py, "-m", "ggov_plan", "show", "-p", plan]),
    ]
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "plan.toml"
        copy.write_bytes((ROOT / plan).read_bytes())
        writes = [
            (
                "ggov-plan activity add (a write)",
                [py, "-m", "ggov_plan", "activity", "add", "--task", "v1-truong-hoc",
                 "--title", "Buổi tuyên truyền", "-p", str(copy)],
            ),
        ]
        print(f"## Whole commands on {plan} (median of {runs})\n")
        print("| command | ms |\n|---|---:|")
        for label, command in rows + writes:
            print(f"| {label} | {1000 * _median_seconds(command, runs, ROOT):.0f} |")
    print()


def _best(function, runs: int) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def scaling(sizes: list[int], runs: int) -> None:
    print(f"## Core stages by plan size (best of {runs}, in-process)\n")
    print(
        "| activities + completions | MB | read ms | tomllib ms | parse+build ms | rules ms "
        "| derive ms | µs per record |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    context = Context(today=dt.date(2026, 1, 1))
    with tempfile.TemporaryDirectory() as folder:
        for n in sizes:
            path = Path(folder) / f"plan-{n}.toml"
            path.write_text(plan_text(n), encoding="utf-8")
            text = read_text(path)
            loaded = parse(text, str(path))
            problems = validate(loaded, context)
            errors = [p for p in problems if p.is_error]
            assert not errors, errors[:3]
            assert loaded.plan is not None
            plan = loaded.plan
            t_read = _best(lambda p=path: read_text(p), runs)
            t_toml = _best(lambda t=text: tomllib.loads(t), runs)
            t_parse = _best(lambda t=text, p=path: parse(t, str(p)), runs)
            t_rules = _best(lambda l=loaded: validate(l, context), runs)
            t_derive = _best(lambda p=plan: overview(p, dt.date(2017, 12, 31)), runs)
            total = t_read + t_parse + t_rules + t_derive
            size_mb = path.stat().st_size / 1e6
            print(
                f"| {2 * n:,} | {size_mb:.1f} | {1000 * t_read:.0f} | {1000 * t_toml:.0f} "
                f"| {1000 * t_parse:.0f} | {1000 * t_rules:.0f} | {1000 * t_derive:.0f} "
                f"| {1e6 * total / (2 * n):.0f} |"
            )
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", default="1000,5000,20000")
    args = parser.parse_args()
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {dt.date.today()}\n"
    )
    whole_commands(args.runs)
    scaling([int(s) for s in args.sizes.split(",")], max(1, args.runs // 2))


if __name__ == "__main__":
    main()
