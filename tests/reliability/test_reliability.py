"""Reliability of writes to the plan file (issue #7): killed writers, many writers.

docs/reliability.md lists the guarantees these tests prove and the figures of
a measured run. The tests start real processes: a lock or an atomic rename
only means something between processes, and SIGKILL gives a process no
chance to clean up.

- Fault injection: writers to a plan of 1,000 activities are killed with
  SIGKILL, both at fixed points of the write (a writer kills itself when it
  reaches a stage) and after random delays spread over the whole write. After
  each kill the file holds the old bytes or the old bytes plus exactly the new
  block, and it loads and validates; the next writer is not blocked by the dead
  one's lock and removes any temp file it left. The same holds for a temp file
  a write makes elsewhere (the cache of parsed plans).
- Concurrency: 8 processes × 25 ``record`` calls land exactly 200 completions.

Set RELIABILITY_SEED to replay the random kill delays of a failed run; the
seed is printed (``pytest -s``, or in the captured output of a failure).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from ggov_plan.plan.parse import Loaded, parse
from ggov_plan.plan.parse import parse_file as load
from ggov_plan.plan.rules import Context, validate
from ggov_plan.write import journal
from track_helpers import ID_CHARS, PLAN_2017, add_activity, process_env

CONTEXT = Context(today=dt.date(2017, 12, 31))
TASK = "v1-san-xuat-chuong-trinh"
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="SIGKILL: POSIX")

#: The fault-injection plan: data/plan2017.toml plus this many activities.
ACTIVITIES = 1_000
#: Plans killed side by side (one per core), and in each: kills at each fixed
#: stage of the write, and kills after a random delay.
LANES = 2
KILLS_PER_STAGE = 1
RANDOM_KILLS = 20
#: Random runs whose writer finished before the signal are not kills; at most
#: this many extra runs (per plan) make up for them.
SPARE_RUNS = 10


def _env(tmp_path: Path) -> dict[str, str]:
    """Child environment: today forced, and any user cache kept inside tmp_path."""
    return {**process_env(), "XDG_CACHE_HOME": str(tmp_path / "cache")}


def _start(tmp_path: Path, script: str, *args: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script), *(str(a) for a in args)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=_env(tmp_path),
    )


def _reap(process: subprocess.Popen[str]) -> None:
    """Kill ``process`` if a failed assertion left it running (it would write on stdin's EOF)."""
    if process.poll() is None:
        process.kill()
        process.communicate()


def _errors(loaded: Loaded) -> list[str]:
    problems = [*loaded.problems, *validate(loaded, CONTEXT)]
    return [f"{p.line}:{p.column}: {p.code}: {p.message}" for p in problems if p.is_error]


def _temps(plan: Path) -> list[str]:
    """Temp files of a write to ``plan`` (atomic.py names them ``.<name>.*.tmp``)."""
    return sorted(p.name for p in plan.parent.glob(f".{plan.name}.*.tmp"))


# =========================================================================== fault injection

#: Points of a write, in order, as the writer below reports them. A writer
#: told to die at one of the STAGES kills itself with SIGKILL on reaching it.
#: "go": told to write; "locked": holds the lock, nothing written yet;
#: "temp-created": empty temp file; "temp-half": half the bytes in it;
#: "temp-written": all bytes written, not fsynced; "temp-synced": fsynced,
#: not renamed; "renamed": renamed over the plan, folder not fsynced;
#: "folder-synced": folder fsynced, lock not released; "done": append returned.
MARKS = (
    "go",
    "locked",
    "temp-created",
    "temp-half",
    "temp-written",
    "temp-synced",
    "renamed",
    "folder-synced",
    "done",
)
STAGES = MARKS[1:-1]
#: Where a writer killed before it said "go" landed: a random delay close to 0
#: can beat the writer to its first mark. It had not begun to write.
BEFORE_GO = "before go"
#: The note of the record a killed writer appends.
NOTE = "Ghi nhận bởi một tiến trình có thể bị dừng bằng SIGKILL"

WRITER = r"""
    import datetime as dt, os, signal, stat, sys, tempfile, time
    from pathlib import Path

    plan = Path(sys.argv[1]).resolve()
    recover, record_id, activity, kill_at, note = sys.argv[2:7]
    folder = plan.parent


    def say(line):
        sys.stdout.flush()
        os.write(1, (line + "\n").encode("utf-8"))


    # 1. The next write after a kill: a real `record` through the CLI, which
    #    must not be blocked by the dead writer's lock.
    if recover != "-":
        from ggov_plan.cli import main

        sys.argv = ["ggov-plan", "record", recover, "--date", "2017-09-20", "--by",
                    "khoi-phuc", "--note", "Ghi sau khi tiến trình trước bị dừng", "-p", str(plan)]
        started = time.monotonic()
        try:
            main()
            code = 0
        except SystemExit as exit:
            code = exit.code
        say(f"@recovered {code} {time.monotonic() - started:.3f}")

    # 2. The write that is killed: a fixed record, so that its bytes are known.
    import filelock
    from ggov_plan.write import journal
    from ggov_plan.plan.rules import Context

    record = {"id": record_id, "activity": activity, "date": dt.date(2017, 9, 20),
              "quantity": 1, "note": note}
    context = Context(today=dt.date(2017, 12, 31))
    say("@ready")
    sys.stdin.readline()


    def reach(mark):
        say(f"@at {mark} {time.monotonic():.6f}")
        if mark == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)


    # Hooks on the operations of a write, for this plan's lock, temp file and
    # folder only (not, say, a cache file written elsewhere).
    temp = {}
    real_acquire, real_mkstemp, real_fdopen = filelock.FileLock.acquire, tempfile.mkstemp, os.fdopen
    real_fsync, real_replace = os.fsync, os.replace


    def acquire(self, *args, **kwargs):
        held = real_acquire(self, *args, **kwargs)
        if Path(self.lock_file).name == f".{plan.name}.lock":
            reach("locked")
        return held


    def mkstemp(*args, **kwargs):
        fd, name = real_mkstemp(*args, **kwargs)
        if Path(name).parent.resolve() == folder and Path(name).name.startswith(f".{plan.name}."):
            temp.update(fd=fd, path=name, stat=os.fstat(fd))
            reach("temp-created")
        return fd, name


    class HalfWay:
        # The temp file's handle: writes in two halves, with a mark between.
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return self.handle.__exit__(*exc)

        def __getattr__(self, name):
            return getattr(self.handle, name)

        def write(self, data):
            half = len(data) // 2
            self.handle.write(data[:half])
            self.handle.flush()
            reach("temp-half")
            return half + self.handle.write(data[half:])


    def fdopen(fd, *args, **kwargs):
        handle = real_fdopen(fd, *args, **kwargs)
        return HalfWay(handle) if fd == temp.get("fd") else handle


    def fsync(fd):
        info = os.fstat(fd)
        if "stat" in temp and stat.S_ISREG(info.st_mode) and os.path.samestat(info, temp["stat"]):
            reach("temp-written")
            real_fsync(fd)
            reach("temp-synced")
            return
        real_fsync(fd)
        if stat.S_ISDIR(info.st_mode) and os.path.samestat(info, os.stat(folder)):
            reach("folder-synced")


    def replace(src, dst, *args, **kwargs):
        real_replace(src, dst, *args, **kwargs)
        if os.fspath(src) == temp.get("path"):
            temp.clear()
            reach("renamed")


    # Where the system swaps names in one step, the new text arrives by that
    # swap, and the old text waits under the temp name until it is removed.
    from ggov_plan.write import atomic
    real_exchange = atomic.exchange


    def exchange(first, second):
        swapped = real_exchange(first, second)
        if swapped and os.fspath(first) == temp.get("path"):
            temp.clear()
            reach("renamed")
        return swapped


    filelock.FileLock.acquire = acquire
    tempfile.mkstemp, os.fdopen, os.fsync, os.replace = mkstemp, fdopen, fsync, replace
    atomic.exchange = exchange
    reach("go")
    journal.append(plan, lambda _: [("completion", record)], context)
    reach("done")
"""


def _big_plan(folder: Path) -> Path:
    """data/plan2017.toml plus ACTIVITIES activities, written as the journal writes them."""
    folder.mkdir()
    plan = folder / "plan.toml"
    activities: journal.NewRecords = [
        (
            "activity",
            {
                "id": f"so-tttt-a{i:04d}",
                "task": TASK,
                "title": f"Phóng sự số {i} về dịch vụ công trực tuyến",
            },
        )
        for i in range(ACTIVITIES)
    ]
    text = PLAN_2017.read_text(encoding="utf-8") + "\n" + journal.render_blocks(activities)
    plan.write_text(text, encoding="utf-8", newline="")
    return plan


def _block(record_id: str, activity: str) -> bytes:
    """The bytes the writer above appends (the plan ends with a newline: one blank line)."""
    record = {
        "id": record_id,
        "activity": activity,
        "date": dt.date(2017, 9, 20),
        "quantity": 1,
        "note": NOTE,
    }
    return b"\n" + journal.render_blocks([("completion", record)]).encode("utf-8")


@dataclass
class Run:
    """One writer: what it was told, what it said, and what it left."""

    name: str
    kill_at: str  # a stage, "random", or "none"
    record_id: str = ""
    delay: float = 0.0
    recovered: tuple[int, float] | None = None
    marks: dict[str, float] = field(default_factory=dict)
    killed: bool = False
    old: bytes = b""
    new: bytes = b""
    after: bytes = b""
    temps: dict[str, bytes] = field(default_factory=dict)

    @property
    def landed(self) -> str:
        """The last point the writer passed before it died."""
        return max(self.marks, key=MARKS.index) if self.marks else BEFORE_GO


def _stage(mark: str) -> int:
    """How far into the write ``mark`` is: -1 before "go"."""
    return -1 if mark == BEFORE_GO else MARKS.index(mark)


@dataclass
class Tally:
    kills: int = 0
    old: int = 0
    new: int = 0
    temp_left: int = 0


def _read_until_ready(writer: subprocess.Popen[str], run: Run) -> None:
    assert writer.stdout is not None
    watchdog = threading.Timer(60, writer.kill)  # a writer stuck on a lock must not hang CI
    watchdog.start()
    try:
        while True:
            line = writer.stdout.readline()
            if not line:
                _, err = writer.communicate(timeout=30)
                raise AssertionError(f"{run.name}: the writer died before it was ready:\n{err}")
            if line.startswith("@recovered "):
                code, seconds = line.split()[1:]
                run.recovered = (int(code), float(seconds))
            elif line == "@ready\n":
                return
    finally:
        watchdog.cancel()


def _kill_and_collect(writer: subprocess.Popen[str], run: Run) -> None:
    assert writer.stdin is not None
    started = time.monotonic()
    writer.stdin.write("go\n")
    writer.stdin.flush()
    if run.kill_at == "random":
        time.sleep(max(0.0, run.delay - (time.monotonic() - started)))
        writer.send_signal(signal.SIGKILL)
    out, err = writer.communicate(timeout=60)
    for line in out.splitlines():
        if line.startswith("@at "):
            _, mark, stamp = line.split()
            run.marks[mark] = float(stamp)
    run.killed = writer.returncode == -signal.SIGKILL
    if run.kill_at not in ("random", "none"):
        assert run.killed, (
            f"{run.name}: the writer was to kill itself at {run.kill_at!r} but ended with "
            f"{writer.returncode}; has the write path changed (the hooks in WRITER)?\n{err}"
        )
        assert run.landed == run.kill_at, (run.name, run.kill_at, run.marks)
    if not run.killed:
        assert writer.returncode == 0, (run.name, err)
        assert err == "", err
        assert "done" in run.marks, (run.name, run.marks)


def _check_after_kill(run: Run) -> None:
    """Old bytes or old plus exactly the new block; which one, by how far the write got."""
    assert run.after in (run.old, run.new), (
        f"{run.name} ({run.kill_at}, landed after {run.landed!r}): the plan is neither the "
        f"old bytes ({len(run.old)}) nor the old plus the new block ({len(run.new)}), but "
        f"{len(run.after)} bytes"
    )
    before_rename = _stage(run.landed) < MARKS.index("temp-synced")
    after_rename = _stage(run.landed) >= MARKS.index("renamed")
    if before_rename:  # died before os.replace was even called
        assert run.after == run.old, (run.name, run.landed)
    if after_rename:  # os.replace had returned
        assert run.after == run.new, (run.name, run.landed)
    for name, data in run.temps.items():
        # A leftover temp only ever holds (the start of) the new text; or,
        # killed between the swap of names and the removal of the displaced
        # file, the old text, which the new text already contains.
        swapped = after_rename and data == run.old
        assert run.new.startswith(data) or swapped, (run.name, name, len(data))


def _snapshot_is_valid(run: Run, plan: Path) -> None:
    loaded = parse(run.after.decode("utf-8"), str(plan))
    assert loaded.data is not None, run.name
    assert _errors(loaded) == [], (run.name, run.landed)


def _random_delay(rng: random.Random, timing: dict[str, float]) -> float:
    """Half over the whole write, half around its short critical window (temp → rename).

    ``timing`` holds when each mark was last seen, in seconds after "go".
    """
    start, end = timing["temp-created"], timing["folder-synced"]
    if rng.random() < 0.5:
        return rng.uniform(0.0, end)
    return rng.uniform(max(0.0, start - 0.03), end + 0.03)


def _seed() -> int:
    given = os.environ.get("RELIABILITY_SEED")
    return int(given) if given else random.SystemRandom().randrange(2**32)


def _kill_lane(lane: int, tmp_path: Path, rng: random.Random) -> list[Run]:
    """Kill writers to one plan, one after another; returns every run."""
    plan = _big_plan(tmp_path / f"lane{lane}")
    before_all = plan.read_bytes()
    # The first run is not killed: it checks that the writer reaches every mark
    # in order, and times them for the first random delay.
    kills = [*(s for s in STAGES for _ in range(KILLS_PER_STAGE)), *["random"] * RANDOM_KILLS]
    schedule = ["none", *rng.sample(kills, len(kills))]
    runs: list[Run] = []
    timing: dict[str, float] = {}  # seconds after "go" each mark was last seen
    spare = SPARE_RUNS
    previous: Run | None = None
    while schedule or previous is not None:
        kill_at = schedule.pop(0) if schedule else "none"  # the last run only recovers
        number = len(runs)
        run = Run(f"lane {lane} run {number}", kill_at)
        activity = f"so-tttt-a{number % ACTIVITIES:04d}"
        run.record_id = f"{activity}-kill{number}"
        recover = "-" if previous is None else f"so-tttt-a{(number + 500) % ACTIVITIES:04d}"
        writer = _start(tmp_path, WRITER, plan, recover, run.record_id, activity, kill_at, NOTE)
        try:
            if previous is not None:
                _snapshot_is_valid(previous, plan)  # while the new writer starts up
            _read_until_ready(writer, run)

            # The next write after a kill went through promptly and left no temp file.
            if previous is not None:
                assert run.recovered is not None, run.name
                code, seconds = run.recovered
                if code != 0:
                    writer.kill()
                    _, err = writer.communicate()
                    raise AssertionError(
                        f"{run.name}: the next write after a kill at {previous.landed!r} "
                        f"({previous.kill_at}) exited {code}:\n{err}"
                    )
                assert seconds < journal.LOCK_TIMEOUT_SECONDS, (run.name, seconds)
            assert _temps(plan) == [], (run.name, previous.landed if previous else None)

            run.old = plan.read_bytes()
            assert run.old.endswith(b"\n")
            run.new = run.old + _block(run.record_id, activity)
            if kill_at == "random":
                run.delay = _random_delay(rng, timing)
            _kill_and_collect(writer, run)
        finally:
            _reap(writer)
        run.after = plan.read_bytes()
        run.temps = {name: (plan.parent / name).read_bytes() for name in _temps(plan)}
        _check_after_kill(run)
        runs.append(run)
        timing.update((m, t - run.marks["go"]) for m, t in run.marks.items())

        if kill_at == "none":
            assert list(run.marks) == list(MARKS), run.marks  # every mark, in order
            assert run.after == run.new and not run.temps
        elif not run.killed:  # a random delay longer than the write: not a kill
            assert run.after == run.new
            if spare > 0:
                spare -= 1
                schedule.append("random")
        previous = run if run.killed else None

    # The end: a valid plan that is the original plus, in order, every write
    # that finished or whose rename happened before its kill, and every next write.
    final = load(plan)
    assert _errors(final) == []
    assert plan.read_bytes().startswith(before_all)
    assert final.data is not None
    ids = [c["id"] for c in final.data.get("completion", [])]
    assert [i for i in ids if "-kill" in i] == [r.record_id for r in runs if r.after == r.new]
    recovered = [i for i in ids if "-kill" not in i]
    assert len(recovered) == sum(1 for r in runs if r.recovered is not None)
    assert all(re.fullmatch(rf"so-tttt-a\d{{4}}-{ID_CHARS}{{4}}", i) for i in recovered)
    assert sorted(p.name for p in plan.parent.iterdir()) == [".plan.toml.lock", "plan.toml"]
    return runs


def _report(runs: list[Run], seed: int, seconds: float) -> None:
    tallies: dict[tuple[str, str], Tally] = {}
    for run in runs:
        if run.killed:
            how = "random" if run.kill_at == "random" else "staged"
            tally = tallies.setdefault((how, run.landed), Tally())
            tally.kills += 1
            tally.old += run.after == run.old
            tally.new += run.after == run.new
            tally.temp_left += bool(run.temps)
    print(f"\nfault injection: {LANES} plans of {ACTIVITIES} activities, seed {seed}")
    print(f"{'kill':<8} {'landed after':<15} {'kills':>5} {'old':>5} {'new':>5} {'temp left':>9}")
    for (how, mark), tally in sorted(tallies.items(), key=lambda kv: _stage(kv[0][1])):
        print(
            f"{how:<8} {mark:<15} {tally.kills:>5} {tally.old:>5} {tally.new:>5}"
            f" {tally.temp_left:>9}"
        )
    recoveries = [r.recovered[1] for r in runs if r.recovered is not None]
    missed = sum(1 for r in runs if r.kill_at == "random" and not r.killed)
    print(
        f"kills {sum(t.kills for t in tallies.values())}; next writes {len(recoveries)}, "
        f"all exit 0, slowest {max(recoveries):.2f} s; random delays that outlived the "
        f"writer: {missed}; {len(runs)} writers in {seconds:.1f} s"
    )


@POSIX_ONLY
def test_writers_killed_at_every_stage_and_at_random_leave_old_or_new_bytes(
    tmp_path: Path,
) -> None:
    started = time.monotonic()
    seed = _seed()
    print(f"RELIABILITY_SEED={seed}")
    # Two plans side by side, one per core; each lane's kills are sequential.
    with ThreadPoolExecutor(LANES) as pool:
        lanes = [
            pool.submit(_kill_lane, lane, tmp_path, random.Random(f"{seed}-{lane}"))
            for lane in range(LANES)
        ]
        runs = [run for lane in lanes for run in lane.result()]

    killed = [r for r in runs if r.killed]
    random_kills = sum(1 for r in killed if r.kill_at == "random")
    assert random_kills == LANES * RANDOM_KILLS, f"{random_kills} random delays hit a live writer"
    assert len(killed) >= 50
    for stage in STAGES:
        assert sum(1 for r in killed if r.kill_at == stage) == LANES * KILLS_PER_STAGE, stage
    _report(runs, seed, time.monotonic() - started)


KILLED_IN_ANOTHER_TEMP = """
    import os, signal, sys, tempfile
    from pathlib import Path
    from ggov_plan.cli import main

    plan = Path(sys.argv[1]).resolve()
    real_mkstemp = tempfile.mkstemp


    def mkstemp(*args, **kwargs):
        fd, name = real_mkstemp(*args, **kwargs)
        if Path(name).parent.resolve() != plan.parent:  # a temp file outside the plan's folder
            print("temp:", name, flush=True)
            os.kill(os.getpid(), signal.SIGKILL)
        return fd, name


    tempfile.mkstemp = mkstemp
    sys.argv = ["ggov-plan", "activity", "add", "--task", "v1-san-xuat-chuong-trinh",
                "--title", "Bị dừng khi ghi tệp tạm khác", "-p", str(plan)]
    main()
"""


@POSIX_ONLY
def test_a_writer_killed_in_a_temp_file_outside_the_plan_folder_leaves_none_behind(
    tmp_path: Path,
) -> None:
    """Any temp file of a write (the parsed-plan cache's too) is gone after the next write."""
    folder = tmp_path / "plan"
    folder.mkdir()
    plan = folder / "plan2017.toml"
    shutil.copyfile(PLAN_2017, plan)
    writer = _start(tmp_path, KILLED_IN_ANOTHER_TEMP, plan)
    out, err = writer.communicate(timeout=60)
    if writer.returncode == 0:
        pytest.skip("this write makes no temp file outside the plan's folder")
    assert writer.returncode == -signal.SIGKILL, err
    (left,) = [Path(line.split(maxsplit=1)[1]) for line in out.splitlines()
               if line.startswith("temp: ")]  # fmt: skip
    assert left.exists()

    for title in ("Lần ghi sau", "Lần ghi sau nữa"):
        after = subprocess.run(
            [sys.executable, "-m", "ggov_plan", "activity", "add", "--task", TASK,
             "--title", title, "-p", str(plan)],
            capture_output=True, text=True, encoding="utf-8", env=_env(tmp_path), timeout=60,
            check=False,
        )  # fmt: skip
        assert after.returncode == 0, after.stderr
    leftovers = sorted(
        str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.name.endswith(".tmp")
    )
    assert leftovers == [], f"temp files the next writes did not remove: {leftovers}"
    loaded = load(plan)
    assert _errors(loaded) == []


# =========================================================================== concurrency

WORKERS = 8
CALLS = 25
#: A call that exits 75 (gave up waiting for the lock) is tried again, as the
#: message says and as a cron script would; at most this many times.
RETRIES = 5

RECORD_LOOP = """
    import sys, time
    from ggov_plan.cli import main

    plan, activity, worker, calls, retries = sys.argv[1:6]
    print("ready", flush=True)
    sys.stdin.readline()  # all start together
    for call in range(int(calls)):
        started, busy = time.monotonic(), 0
        while True:
            sys.argv = [
                "ggov-plan", "record", activity, "--spent", "1000", "--date", "2017-09-20",
                "--by", f"worker-{worker}", "--note", f"worker {worker} call {call}", "-p", plan,
            ]
            try:
                main()
                code = 0
            except SystemExit as done:
                code = done.code
            if code != 75 or busy == int(retries):
                break
            busy += 1
        print("exit", code, busy, f"{time.monotonic() - started:.3f}", flush=True)
"""


def test_eight_processes_record_25_times_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    plan = tmp_path / "plan2017.toml"
    shutil.copyfile(PLAN_2017, plan)
    before = plan.read_bytes()
    activity = add_activity(plan, "--title", "Chuyên mục phát thanh hằng ngày",
                            "--target", str(WORKERS * CALLS))  # fmt: skip
    workers = [
        _start(tmp_path, RECORD_LOOP, plan, activity, n, CALLS, RETRIES) for n in range(WORKERS)
    ]
    try:
        for worker in workers:
            assert worker.stdout is not None
            assert worker.stdout.readline() == "ready\n"
        started = time.monotonic()
        for worker in workers:
            assert worker.stdin is not None
            worker.stdin.write("go\n")
            worker.stdin.flush()
        outputs = [worker.communicate(timeout=600) for worker in workers]
    finally:
        for worker in workers:
            _reap(worker)
    seconds = time.monotonic() - started

    printed: list[str] = []
    busy = 0
    slowest = 0.0
    completion_id = re.compile(rf"{re.escape(activity)}-{ID_CHARS}{{4}}")
    gave_up = f"gave up after {journal.LOCK_TIMEOUT_SECONDS:g} s"
    for n, (worker, (out, err)) in enumerate(zip(workers, outputs, strict=True)):
        assert worker.returncode == 0, (n, err)
        lines = out.splitlines()
        exits = [line.split() for line in lines[1::2]]
        assert [e[:2] for e in exits] == [["exit", "0"]] * CALLS, (n, out, err)
        assert all(completion_id.fullmatch(i) for i in lines[0::2]), (n, out)
        printed.extend(lines[0::2])
        # The only thing on stderr: "gave up" messages, one per exit 75.
        mine = sum(int(e[2]) for e in exits)
        assert err.count(gave_up) == mine, (n, err)
        assert "Traceback" not in err, err
        busy += mine
        slowest = max(slowest, *(float(e[3]) for e in exits))
    assert len(printed) == len(set(printed)) == WORKERS * CALLS

    loaded = load(plan)
    assert _errors(loaded) == []
    assert loaded.data is not None
    completions: list[dict[str, Any]] = loaded.data["completion"]
    assert len(completions) == WORKERS * CALLS
    assert sorted(c["id"] for c in completions) == sorted(printed)
    # Every call landed exactly once: an exit 75 wrote nothing, its retry wrote once.
    notes = Counter(c["note"] for c in completions)
    expected = {f"worker {w} call {c}" for w in range(WORKERS) for c in range(CALLS)}
    assert set(notes) == expected and set(notes.values()) == {1}
    for c in completions:
        assert c["recorded_by"] == "worker-" + c["note"].split()[1]
    # Each worker's calls landed in its own order.
    for w in range(WORKERS):
        mine_in_file = [c["note"] for c in completions if c["recorded_by"] == f"worker-{w}"]
        assert mine_in_file == [f"worker {w} call {c}" for c in range(CALLS)]
    text = plan.read_bytes()
    assert text.startswith(before)
    assert text.count(b"\n[[completion]]  # ") == WORKERS * CALLS
    assert _temps(plan) == []
    print(
        f"\nconcurrency: {WORKERS} processes × {CALLS} record calls, {len(completions)} "
        f"completions, {seconds:.1f} s; exits 75 retried: {busy}; slowest call {slowest:.2f} s"
    )
