"""Writers waiting for the lock, killed writers, and two clones merged by git.

These tests start real processes (``python -m ggov_plan`` or small Python
scripts importing it), because locks and atomic renames only mean something
between processes. Many writers at once, and writers killed at every stage of
a write, are tests/reliability/test_reliability.py's (docs/reliability.md).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import filelock
import pytest

from ggov_plan.write import journal
from track_helpers import (
    PLAN_2017,
    add_activity,
    cli,
    copy_plan,
    json_of,
    process_env,
    run_process,
)

TASK = "v1-san-xuat-chuong-trinh"
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and symlinks: POSIX")


def python(script: str, *args: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script), *(str(a) for a in args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=process_env(),
    )


# --------------------------------------------------------------------------- lock contention


def test_cli_exits_75_when_the_lock_is_held(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The exit code and message, in-process, with the wait shortened to 0.2 s."""
    plan = copy_plan(tmp_path)
    before = plan.read_bytes()
    assert journal.append.__kwdefaults__ is not None
    monkeypatch.setitem(journal.append.__kwdefaults__, "timeout", 0.2)
    holder = filelock.FileLock(journal.lock_path(plan))
    holder.acquire()
    try:
        result = cli("activity", "add", "--task", TASK, "--title", "x", "-p", plan)
    finally:
        holder.release()
    assert result.exit_code == 75
    assert "another ggov-plan is writing to this plan; gave up after 0.2 s" in result.stderr
    assert "try again" in result.stderr
    assert result.stdout == ""
    assert plan.read_bytes() == before


@pytest.mark.skipif(
    journal.LOCK_TIMEOUT_SECONDS > 10, reason="waits LOCK_TIMEOUT_SECONDS; only when ≤ 10 s"
)
def test_slow_real_process_exits_75_after_the_lock_timeout(tmp_path: Path) -> None:
    """Slow-ish (about LOCK_TIMEOUT_SECONDS): a real writer gives up with exit 75."""
    plan = copy_plan(tmp_path)
    before = plan.read_bytes()
    holder = filelock.FileLock(journal.lock_path(plan))
    holder.acquire()
    try:
        started = time.monotonic()
        writer = subprocess.Popen(
            [sys.executable, "-m", "ggov_plan", "activity", "add", "--task", TASK,
             "--title", "x", "-p", str(plan)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
            env=process_env(),
        )  # fmt: skip
        try:
            out, err = writer.communicate(timeout=journal.LOCK_TIMEOUT_SECONDS + 2)
        finally:
            writer.kill()
        waited = time.monotonic() - started
    finally:
        holder.release()
    assert writer.returncode == 75, err
    assert f"gave up after {journal.LOCK_TIMEOUT_SECONDS:g} s" in err
    assert "Traceback" not in err
    assert out == ""
    assert waited >= journal.LOCK_TIMEOUT_SECONDS
    assert plan.read_bytes() == before


def test_a_waiting_writer_proceeds_when_the_lock_is_released(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    holder = filelock.FileLock(journal.lock_path(plan))
    holder.acquire()
    try:
        writer = python(
            """
            import sys
            from ggov_plan.cli import main
            sys.argv = ["ggov-plan", "activity", "add", "--task", sys.argv[2], "--title",
                        "Đợi khóa", "-p", sys.argv[1]]
            main()
            """,
            plan,
            TASK,
        )
        time.sleep(1.0)
        assert writer.poll() is None  # still waiting
        assert "Đợi khóa" not in plan.read_text(encoding="utf-8")
    finally:
        holder.release()
    out, err = writer.communicate(timeout=30)
    assert writer.returncode == 0, err
    ident = out.splitlines()[-1]
    assert json_of("activity", "show", ident, "-p", plan)["activity"]["title"] == "Đợi khóa"


# --------------------------------------------------------------------------- killed writers


KILLED_IN_BUILD = """
    import datetime as dt, sys, time
    from pathlib import Path
    from ggov_plan.write import journal
    from ggov_plan.plan.rules import Context

    def build(_):
        print("holding the lock", flush=True)
        time.sleep(60)
        return []

    journal.append(Path(sys.argv[1]), build, Context(dt.date(2017, 12, 31)))
"""

KILLED_BEFORE_RENAME = """
    import datetime as dt, os, sys, time
    from pathlib import Path
    from ggov_plan.write import atomic, journal
    from ggov_plan.plan.rules import Context

    def stop(source, target):
        print("temp written:", source, flush=True)
        time.sleep(60)

    os.replace = stop
    atomic.exchange = lambda first, second: stop(first, second)
    record = {"id": "so-tttt-k-kill", "task": "v1-san-xuat-chuong-trinh",
              "title": "Hoạt động không bao giờ được ghi vì tiến trình bị dừng", "target": 1}
    journal.append(Path(sys.argv[1]), lambda _: [("activity", record)],
                   Context(dt.date(2017, 12, 31)))
"""


@POSIX_ONLY
@pytest.mark.parametrize("script", [KILLED_IN_BUILD, KILLED_BEFORE_RENAME], ids=["build", "rename"])
def test_lock_and_temp_of_a_killed_writer_do_not_block_the_next(
    tmp_path: Path, script: str
) -> None:
    plan = copy_plan(tmp_path, "plan.toml")
    before = plan.read_bytes()
    writer = python(script, plan)
    assert writer.stdout is not None
    line = writer.stdout.readline()
    assert line.startswith(("holding the lock", "temp written:")), writer.stderr
    writer.kill()
    writer.communicate(timeout=10)
    assert plan.read_bytes() == before
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp"))
    if script is KILLED_BEFORE_RENAME:
        assert len(leftovers) == 1, leftovers
        assert leftovers[0].startswith(".plan.toml.")
        assert "so-tttt-k-kill" in (tmp_path / leftovers[0]).read_text(encoding="utf-8")
    else:
        assert leftovers == []

    started = time.monotonic()
    ident = add_activity(plan, "--title", "Sau khi tiến trình bị dừng")
    assert time.monotonic() - started < 5
    assert plan.read_bytes().startswith(before)
    assert "so-tttt-k-kill" not in plan.read_text(encoding="utf-8")
    assert json_of("activity", "show", ident, "-p", plan)["activity"]["id"] == ident
    assert sorted(p.name for p in tmp_path.iterdir()) == [".plan.toml.lock", "plan.toml"]


# --------------------------------------------------------------------------- git union merge

GIT = shutil.which("git")


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **process_env(),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_TERMINAL_PROMPT": "0",
    }
    result = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, (args, result.stdout, result.stderr)
    return result


def _collaboration_line() -> str:
    """The .gitattributes line docs/collaboration.md asks for."""
    docs = (PLAN_2017.parents[1] / "docs" / "collaboration.md").read_text(encoding="utf-8")
    match = re.search(r"```gitattributes\n(.+?)\n```", docs)
    return match.group(1) if match else "data/plan2017.toml merge=union"


def _clone(origin: Path, path: Path, name: str) -> Path:
    git(path.parent, "clone", "-q", str(origin), path.name)
    git(path, "config", "user.name", name)
    git(path, "config", "user.email", f"{name}@example.org")
    git(path, "config", "pull.rebase", "false")
    return path


@pytest.fixture(scope="module")
def merged(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    if GIT is None:
        pytest.skip("git is not installed")
    root = tmp_path_factory.mktemp("git")
    seed = root / "seed"
    (seed / "data").mkdir(parents=True)
    shutil.copyfile(PLAN_2017, seed / "data" / "plan2017.toml")
    (seed / ".gitattributes").write_text(_collaboration_line() + "\n", encoding="utf-8")
    (seed / ".gitignore").write_text(".*.lock\n", encoding="utf-8")
    git(seed, "init", "-q")
    git(seed, "config", "user.name", "seed")
    git(seed, "config", "user.email", "seed@example.org")
    git(seed, "add", "-A")
    git(seed, "commit", "-q", "-m", "Kế hoạch 228")
    origin = root / "origin.git"
    git(root, "clone", "-q", "--bare", str(seed), origin.name)

    sides: dict[str, dict[str, str]] = {}
    for name, title, task in (
        ("an", "Phóng sự của chị An", TASK),
        ("binh", "Chuyên trang của anh Bình", "v2-chuyen-trang-bao"),
    ):
        clone = _clone(origin, root / name, name)
        plan = clone / "data" / "plan2017.toml"
        activity = add_activity(plan, "--title", title, "--target", "3", task=task)
        first = cli("record", activity, "--date", "2017-10-02", "--spent", "1000000",
                    "--by", name, "-p", plan)  # fmt: skip
        second = cli("record", activity, "--date", "2017-11-03", "--by", name, "-p", plan)
        assert first.exit_code == 0 and second.exit_code == 0
        git(clone, "commit", "-q", "-a", "-m", f"{name}: ghi nhận")
        sides[name] = {
            "activity": activity,
            "completions": " ".join(r.stdout.splitlines()[-1] for r in (first, second)),
            "clone": str(clone),
        }
    git(root / "an", "push", "-q", "origin", "HEAD")
    pull = subprocess.run(
        ["git", "pull", "--no-edit", "origin"],
        cwd=root / "binh",
        capture_output=True,
        text=True,
        env={**process_env(), "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"},
        check=False,
    )
    return {"sides": sides, "pull": pull, "plan": root / "binh" / "data" / "plan2017.toml"}


def test_union_merge_has_no_conflict_and_keeps_both_sides_lines(merged: dict[str, Any]) -> None:
    pull = merged["pull"]
    assert pull.returncode == 0, pull.stdout + pull.stderr
    text = merged["plan"].read_text(encoding="utf-8")
    assert "<<<<<<<" not in text and ">>>>>>>" not in text
    assert text.startswith(PLAN_2017.read_text(encoding="utf-8"))
    for side in merged["sides"].values():
        assert f'id = "{side["activity"]}"' in text
        for completion in side["completions"].split():
            assert f'id = "{completion}"' in text


def test_union_merged_plan_is_valid_and_holds_both_sides(merged: dict[str, Any]) -> None:
    plan = merged["plan"]
    check = run_process("check", "-p", plan)
    assert check.returncode == 0, check.stdout + check.stderr
    listing = json.loads(run_process("activity", "list", "--json", "--as-of", "2017-12-31",
                                     "-p", plan).stdout)  # fmt: skip
    done = {item["id"]: item["done"] for item in listing["activities"]}
    assert done == {side["activity"]: 2 for side in merged["sides"].values()}
