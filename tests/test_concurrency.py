"""Several writers at once, killed writers, and two clones merged by git.

These tests start real processes (``python -m ggov_plan`` or small Python
scripts importing it), because locks and atomic renames only mean something
between processes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import filelock
import pytest

from ggov_plan import journal
from ggov_plan.rules import Context
from track_helpers import (
    ID_CHARS,
    PLAN_2017,
    add_activity,
    cli,
    copy_plan,
    json_of,
    process_env,
    run_process,
)

CONTEXT = Context(today=dt.date(2017, 12, 31))
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


# --------------------------------------------------------------------------- 4 writers × 10

RECORD_LOOP = """
    import sys
    from ggov_plan.cli import main

    plan, activity, worker = sys.argv[1:4]
    for call in range(10):
        sys.argv = [
            "ggov-plan", "record", activity, "--spent", "1000", "--date", "2017-09-20",
            "--by", "worker-" + worker, "--note", "call " + str(call), "-p", plan,
        ]
        try:
            main()
        except SystemExit as done:
            print("exit", done.code, flush=True)
"""


def test_four_processes_record_ten_times_each(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    activity = add_activity(plan, "--title", "Chuyên mục phát thanh hằng tuần", "--target", "40")
    workers = [python(RECORD_LOOP, plan, activity, n) for n in range(4)]
    outputs = [worker.communicate(timeout=120) for worker in workers]

    ids: list[str] = []
    completion_id = re.compile(rf"{re.escape(activity)}-{ID_CHARS}{{4}}")
    for worker, (out, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, err
        assert err == ""
        lines = out.splitlines()
        assert lines[1::2] == ["exit 0"] * 10, out
        made = lines[0::2]
        assert all(completion_id.fullmatch(i) for i in made), made
        ids.extend(made)
    assert len(ids) == 40
    assert len(set(ids)) == 40

    shown = json_of("activity", "show", activity, "--as-of", "2017-12-31", "-p", plan)
    assert sorted(c["id"] for c in shown["completions"]) == sorted(ids)
    assert shown["activity"]["done"] == 40
    assert shown["activity"]["spent"] == 40_000
    assert shown["activity"]["status"] == "done"
    by_worker: dict[str, list[str]] = {}
    for c in shown["completions"]:
        by_worker.setdefault(c["recorded_by"], []).append(c["note"])
    assert by_worker == {f"worker-{n}": [f"call {i}" for i in range(10)] for n in range(4)}

    text = plan.read_text(encoding="utf-8")
    assert text.startswith(PLAN_2017.read_text(encoding="utf-8"))
    assert text.count("\n[[completion]]  # ") == 40
    check = run_process("check", "-p", plan)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "valid (0 errors" in check.stdout


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


def _activities(count: int) -> journal.NewRecords:
    return [
        (
            "activity",
            {
                "id": f"so-tttt-k{i:03d}",
                "task": TASK,
                "title": f"Hoạt động thử nghiệm số {i} về dịch vụ công trực tuyến",
                "target": 1000,
                "created": dt.date(2017, 9, 1),
            },
        )
        for i in range(count)
    ]


def _completion(prefix: str, n: int, activity: str) -> tuple[str, dict[str, Any]]:
    # Deterministic, so that the bytes of every state of the file can be computed.
    return (
        "completion",
        {
            "id": f"{prefix}-{n}",
            "activity": activity,
            "date": dt.date(2017, 9, 20),
            "quantity": 1,
            "spent": 1000,
            "note": "Ghi nhận bởi một tiến trình thử nghiệm sẽ bị dừng bằng SIGKILL",
        },
    )


WRITE_LOOP = """
    import datetime as dt, sys
    from pathlib import Path
    from ggov_plan import journal
    from ggov_plan.rules import Context

    path, prefix, activity = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    context = Context(dt.date(2017, 12, 31))
    note = "Ghi nhận bởi một tiến trình thử nghiệm sẽ bị dừng bằng SIGKILL"
    print("ready", flush=True)
    n = 0
    while True:
        record = {"id": f"{prefix}-{n}", "activity": activity, "date": dt.date(2017, 9, 20),
                  "quantity": 1, "spent": 1000, "note": note}
        journal.append(path, lambda _: [("completion", record)], context)
        n += 1
        print(n, flush=True)
"""


@POSIX_ONLY
def test_writer_killed_at_random_points_leaves_old_or_new_bytes(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path, "plan.toml")
    journal.append(plan, lambda _: _activities(200), CONTEXT)
    rng = random.Random(20170818)
    runs = 24
    for run in range(runs):
        before = plan.read_bytes()
        activity = f"so-tttt-k{run:03d}"
        prefix = f"{activity}-r"
        writer = python(WRITE_LOOP, plan, prefix, activity)
        assert writer.stdout is not None
        assert writer.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0.0, 0.15))
        writer.send_signal(signal.SIGKILL)
        rest, _ = writer.communicate(timeout=10)
        assert writer.returncode == -signal.SIGKILL
        reported = int(rest.split()[-1]) if rest.split() else 0

        states = [before]
        for n in range(reported + 1):
            block = journal.render_blocks([_completion(prefix, n, activity)])
            states.append(states[-1] + b"\n" + block.encode("utf-8"))
        after = plan.read_bytes()
        # Exactly the writes reported done, or one more that finished its rename
        # before it could say so: never a partial block.
        assert after in (states[reported], states[reported + 1]), (run, reported)
        check = cli("check", "-p", plan)
        assert check.exit_code == 0, check.stdout

        # The killed writer's lock does not block the next one, which also
        # clears any temp file it left.
        next_record = _completion(f"{prefix}-next", 0, activity)
        journal.append(plan, lambda _, r=next_record: [r], CONTEXT, timeout=1.0)
        assert sorted(p.name for p in tmp_path.iterdir()) == [".plan.toml.lock", "plan.toml"]
    status = json_of("status", "--as-of", "2017-12-31", "-p", plan)
    assert status["activities"]["total"] == 200


KILLED_IN_BUILD = """
    import datetime as dt, sys, time
    from pathlib import Path
    from ggov_plan import journal
    from ggov_plan.rules import Context

    def build(_):
        print("holding the lock", flush=True)
        time.sleep(60)
        return []

    journal.append(Path(sys.argv[1]), build, Context(dt.date(2017, 12, 31)))
"""

KILLED_BEFORE_RENAME = """
    import datetime as dt, os, sys, time
    from pathlib import Path
    from ggov_plan import journal
    from ggov_plan.rules import Context

    def stop(source, target):
        print("temp written:", source, flush=True)
        time.sleep(60)

    os.replace = stop
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
