"""Shared helpers for the tracking tests (journal, tracking CLI, concurrency).

Every test works on a copy of data/plan2017.toml in its own tmp_path, with
"today" forced to 2017-12-31 so that 2017 dates are never in the future.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from typer.testing import CliRunner, Result

from ggov_plan.cli import app

ROOT = Path(__file__).resolve().parents[1]
PLAN_2017 = ROOT / "data" / "plan2017.toml"
TODAY = "2017-12-31"

#: CliRunner environment: today forced, nothing leaking from the developer's shell.
ENV: dict[str, str | None] = {
    "GGOV_PLAN_TODAY": TODAY,
    "GGOV_PLAN_FILE": None,
    "GGOV_PLAN_DEBUG": None,
    "FORCE_COLOR": None,
}

ID_CHARS = "[23456789abcdefghjkmnpqrstuvwxyz]"
#: An activity id made for the task v1-san-xuat-chuong-trinh (lead agency so-tttt).
SO_TTTT_ID = re.compile(rf"so-tttt-{ID_CHARS}{{4}}")

_runner = CliRunner()


def copy_plan(tmp_path: Path, name: str = "plan2017.toml") -> Path:
    path = tmp_path / name
    shutil.copyfile(PLAN_2017, path)
    return path


def cli(*args: object) -> Result:
    """Run ggov-plan in-process; stdin and stdout are not terminals."""
    return _runner.invoke(app, [str(a) for a in args], env=ENV)


def ok(*args: object) -> Result:
    result = cli(*args)
    assert result.exit_code == 0, (args, result.exit_code, result.stdout, result.stderr)
    return result


def last_line(result: Result) -> str:
    lines = result.stdout.splitlines()
    assert lines, result.stdout
    return lines[-1]


def json_of(*args: object) -> Any:
    return json.loads(ok(*args, "--json").stdout)


def add_activity(plan: Path, *options: object, task: str = "v1-san-xuat-chuong-trinh") -> str:
    """``activity add``; returns the id it prints last."""
    result = ok("activity", "add", "--task", task, *options, "-p", plan)
    return last_line(result)


def record(plan: Path, activity: str, *options: object) -> str:
    """``record``; returns the completion id it prints last."""
    return last_line(ok("record", activity, *options, "--by", "tester", "-p", plan))


def process_env() -> dict[str, str]:
    # GGOV_PLAN_NO_CACHE passes through, so that `GGOV_PLAN_NO_CACHE=1 pytest`
    # runs the processes without the cache too.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("GGOV_PLAN_") or k == "GGOV_PLAN_NO_CACHE"
    }
    env["GGOV_PLAN_TODAY"] = TODAY
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def run_process(*args: object, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``python -m ggov_plan ARGS`` as a real process."""
    return subprocess.run(
        [sys.executable, "-m", "ggov_plan", *(str(a) for a in args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=process_env(),
        timeout=timeout,
        check=False,
    )
