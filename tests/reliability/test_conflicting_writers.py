"""Two writers asking for the same thing at once: one wins, one is refused.

Every precondition (not cancelled yet, not void yet) is judged under the
lock on the fresh read, so two processes that both saw the activity open
before the lock cannot both cancel it (docs/reliability.md, guarantee 4).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from track_helpers import add_activity, copy_plan, process_env, record

TRIES = 20


def _at_once(*commands: list[str]) -> list[subprocess.CompletedProcess[str]]:
    started = [
        subprocess.Popen(
            [sys.executable, "-m", "ggov_plan", *command],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=process_env(),
        )
        for command in commands
    ]
    results = []
    for process in started:
        out, err = process.communicate(timeout=60)
        results.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    return results


def _one_wins(results: list[subprocess.CompletedProcess[str]], refusal: str) -> None:
    codes = sorted(r.returncode for r in results)
    assert codes == [0, 2], [(r.returncode, r.stderr) for r in results]
    loser = next(r for r in results if r.returncode == 2)
    assert refusal in loser.stderr
    assert "Traceback" not in loser.stderr and "internal error" not in loser.stderr


def test_two_cancels_of_one_activity_at_once(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path, "plan.toml")
    activities = [add_activity(plan, "--title", f"Phóng sự {n}") for n in range(TRIES)]
    for ident in activities:
        cancel = ["activity", "cancel", ident, "--reason", "Gộp", "--by", "t", "-p", str(plan)]
        _one_wins(_at_once(cancel, cancel), "already cancelled")
    assert plan.read_text(encoding="utf-8").count("[[cancellation]]") == TRIES


def test_two_voids_of_one_completion_at_once(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path, "plan.toml")
    activity = add_activity(plan, "--title", "Phóng sự")
    completions = [record(plan, activity) for _ in range(TRIES)]
    for ident in completions:
        void = ["record", "--void", ident, "--reason", "Nhầm", "--by", "t", "-p", str(plan)]
        _one_wins(_at_once(void, void), "already void")
    assert plan.read_text(encoding="utf-8").count("[[void]]") == TRIES
