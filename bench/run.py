"""The benchmark of issue #6: whole commands, floors and peers, by plan size.

    python bench/run.py [--sizes shipped,10000,100000] [--runs auto] [--stages]

For each size (``shipped`` = data/plan2017.toml; a number N = a synthetic
plan of N activities and N completions from bench/generate.py, cached in the
work folder), it times whole processes with hyperfine (-N: no shell; one
warm-up run; medians) and takes each run's peak memory from /usr/bin/time
-f %M wrapped around the command in those same runs:

* ggov-plan: check, status, status --json, budget, progress, report --format
  json and html, and the writes activity add and record, each on a fresh
  copy of the plan (hyperfine --prepare, bench/prepare.py);
* cold (GGOV_PLAN_NO_CACHE=1) and warm (XDG_CACHE_HOME in the work folder,
  filled by the warm-up run; for the writes, by a read in --prepare);
* output to a pipe, and, for status, budget and progress on the shipped
  plan, at a terminal (--tty): a real pseudo-terminal of 100x40 from
  bench/ttyrun.c, compiled on first use (else util-linux script(1));
* floors: (a) ``tomllib.load`` of the same file, (b) a typer + rich app that
  prints one table (bench/floor_app.py), and bare ``python -c pass``;
* peers at the same N (bench/peers.py): Taskwarrior, hledger, beancount.

It prints markdown tables (median ms, peak MB, ratios to the floors and the
peers) with a header naming the machine and the command line that reproduces
them, and writes them to bench/results/latest.md, with the raw numbers in
latest.json. A command that fails is reported with its exit code; a missing
tool is skipped with a note. --stages adds the old in-process timings of each
stage of a load (read, TOML, build, rules, derive) by size.

Timings are printed, never asserted: CI does not run this.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import hashlib
import importlib.metadata
import itertools
import json
import os
import platform
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SHIPPED = ROOT / "data" / "plan2017.toml"
sys.path.insert(0, str(BENCH))

#: Environment variables a user's shell does not set but this sandbox may:
#: they would change what is measured (bytecode caching, unbuffered output),
#: or pick another plan.
_DROPPED_ENV = ("PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED", "COLUMNS", "LINES")
_TOMLLIB_FLOOR = "import sys, tomllib; tomllib.load(open(sys.argv[1], 'rb'))"
TTY_COLUMNS, TTY_LINES = 100, 40

# --------------------------------------------------------------------------- pure helpers


def median(values: Sequence[float]) -> float | None:
    """The median, or None for no values."""
    return statistics.median(values) if values else None


def ratio(value: float | None, floor: float | None) -> float | None:
    if value is None or floor is None or floor <= 0:
        return None
    return value / floor


def fmt_ms(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    ms = seconds * 1000
    if ms >= 100:
        return f"{ms:,.0f}"
    return f"{ms:.1f}"


def fmt_mb(kilobytes: float | None) -> str:
    return "—" if kilobytes is None else f"{kilobytes / 1024:.1f}"


def fmt_ratio(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.2f}×" if value < 10 else f"{value:.1f}×"


def fmt_count(n: int) -> str:
    return f"{n:,}"


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[str]], right: set[int]) -> str:
    """A markdown table; columns whose index is in ``right`` are right-aligned."""
    lines = ["| " + " | ".join(header) + " |"]
    lines.append("|" + "|".join("---:" if i in right else "---" for i in range(len(header))) + "|")
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def parse_memory(text: str) -> list[int]:
    """Peak RSS values (KB) from /usr/bin/time -f %M output, one per run.

    Lines such as "Command exited with non-zero status 1" are skipped.
    """
    return [int(line) for line in text.splitlines() if line.strip().isdigit()]


def parse_size(token: str) -> int | str:
    """``shipped`` (or ``plan2017``), a count such as 10000, 10_000 or 10k, or a plan path."""
    token = token.strip()
    if token.lower() in ("shipped", "plan2017"):
        return "shipped"
    match = re.fullmatch(r"(\d[\d_,]*)([kKmM]?)", token)
    if match:
        number = int(re.sub(r"[_,]", "", match.group(1)))
        return number * {"": 1, "k": 1_000, "m": 1_000_000}[match.group(2).lower()]
    if Path(token).is_file():
        return str(Path(token).resolve())
    raise argparse.ArgumentTypeError(f"not a size: {token!r} (shipped, a number, or a plan file)")


def runs_for(n: int | None, runs: str) -> int:
    """--runs: a number, or auto: 5, and 3 from 50,000 records on."""
    if runs != "auto":
        return max(1, int(runs))
    return 3 if n is not None and n >= 50_000 else 5


# --------------------------------------------------------------------------- rows


@dataclass
class Row:
    """One command to time at one size, and what was measured."""

    label: str  # "ggov-plan status", "floor (a): tomllib.load"
    group: str  # "ggov", "floor", "reference" or "peer"
    argv: list[str]
    cache: str = "—"  # "cold", "warm" or "—"
    output: str = "pipe"  # "pipe" or "tty"
    env: dict[str, str] = field(default_factory=dict)
    prepare: list[str] | None = None
    kind: str = ""  # "check", "read", "write", "report"; matches peers' kinds
    peers: tuple[str, ...] = ()  # peer labels to compare with
    # results
    times: list[float] = field(default_factory=list)
    memory_kb: list[int] = field(default_factory=list)
    exit_codes: list[int] = field(default_factory=list)
    error: str = ""  # why no timing: a tool missing, a timeout, a crash of hyperfine
    stderr: str = ""  # the end of stderr of a failing command

    @property
    def key(self) -> str:
        return f"{self.label} / {self.cache} / {self.output}"

    @property
    def failed(self) -> bool:
        return bool(self.error) or any(code != 0 for code in self.exit_codes)

    @property
    def median(self) -> float | None:
        return None if self.error else median(self.times)

    @property
    def peak_kb(self) -> float | None:
        return None if self.error else median(self.memory_kb)

    def status(self) -> str:
        if not (self.times or self.error):
            return "not measured"
        if self.error:
            return f"failed ({self.error})"
        bad = sorted({code for code in self.exit_codes if code != 0})
        if bad:
            return "failed (exit " + ", ".join(map(str, bad)) + ")"
        return ""


@dataclass
class Size:
    name: str  # "shipped", "10000" or a path
    n: int | None
    plan: Path
    write_source: Path  # the plan the writes copy before each run
    heading: str = ""
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    stages: dict[str, float] = field(default_factory=dict)


def table_rows(size: Size) -> list[list[str]]:
    """The cells of a size's table: medians, peaks and ratios."""

    def find(label: str, output: str = "pipe", cache: str = "—") -> Row | None:
        for row in size.rows:
            if row.label == label and row.output == output and row.cache == cache:
                return row
        return None

    floor_a = find(FLOOR_A)
    out = []
    for row in size.rows:
        floor_b = find(FLOOR_B, row.output) or find(FLOOR_B)
        comparisons = []
        for peer in row.peers:
            other = find(peer, cache=row.cache) or find(peer)
            if other is not None and other.median is not None and row.median is not None:
                shown = peer if other.cache == "—" else f"{peer} ({other.cache})"
                comparisons.append(f"{fmt_ratio(ratio(row.median, other.median))} {shown}")
        failed = row.status()
        out.append(
            [
                row.label,
                row.cache,
                row.output,
                failed or fmt_ms(row.median),
                fmt_mb(row.peak_kb),
                fmt_ratio(ratio(row.median, floor_a.median if floor_a else None)),
                fmt_ratio(ratio(row.median, floor_b.median if floor_b else None)),
                fmt_ratio(ratio(row.peak_kb, floor_a.peak_kb if floor_a else None)),
                ", ".join(comparisons),
            ]
        )
    return out


TABLE_HEADER = (
    "command",
    "cache",
    "output",
    "median ms",
    "peak MB",
    "÷ floor a",
    "÷ floor b",
    "mem ÷ a",
    "vs peers",
)


def growth_table(small: Size, large: Size) -> str:
    """How each command's median grows from one size to the next."""
    before = {row.key: row for row in small.rows}
    cells = []
    for row in large.rows:
        old = before.get(row.key)
        if old is None or row.group == "reference":
            continue
        cells.append(
            [
                row.label,
                row.cache,
                row.output,
                fmt_ms(old.median),
                fmt_ms(row.median),
                fmt_ratio(ratio(row.median, old.median)),
            ]
        )
    header = ("command", "cache", "output", f"{small.name} ms", f"{large.name} ms", "growth")
    return markdown_table(header, cells, right={3, 4, 5})


# --------------------------------------------------------------------------- measuring


@dataclass
class Tools:
    python: str
    ggov: list[str]
    hyperfine: str | None
    time: str | None
    tty: list[str] | None  # the prefix that runs a command at a terminal
    tty_note: str = ""


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _run(
    argv: list[str], env: dict[str, str], timeout: float, stdout: int | None = subprocess.DEVNULL
) -> tuple[int, bytes, bytes]:
    """Run in a new session, so that a timeout ends the whole process group we started."""
    process = subprocess.Popen(
        argv, env=env, stdout=stdout, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise
    return process.returncode, out or b"", err or b""


def _wrapped(row: Row, tools: Tools, memory_file: Path) -> list[str]:
    argv = row.argv
    if tools.time:
        argv = [tools.time, "-f", "%M", "-a", "-o", str(memory_file), *argv]
    if row.output == "tty" and tools.tty:
        if tools.tty[0].endswith("script"):
            return [*tools.tty, shlex.join(argv), "/dev/null"]
        return [*tools.tty, *argv]
    return argv


def measure(
    row: Row, tools: Tools, env: dict[str, str], runs: int, warmup: int, work: Path, timeout: float
) -> None:
    """Time ``row`` (hyperfine if installed, else a loop here) and read its peak memory."""
    if row.output == "tty" and not tools.tty:
        row.error = "no terminal wrapper"
        return
    slug = re.sub(r"[^A-Za-z0-9]+", "-", row.key).strip("-")[:80]
    memory_file = work / f"{slug}.mem"
    export = work / f"{slug}.json"
    memory_file.unlink(missing_ok=True)
    export.unlink(missing_ok=True)
    command = _wrapped(row, tools, memory_file)
    full_env = {**env, **row.env}
    try:
        if tools.hyperfine:
            hyperfine = [
                tools.hyperfine,
                "-N",
                "--style",
                "none",
                "--warmup",
                str(warmup),
                "--runs",
                str(runs),
                "--ignore-failure",
                "--output",
                "pipe",
                "--export-json",
                str(export),
                "--command-name",
                row.key,
            ]
            if row.prepare:
                hyperfine += ["--prepare", shlex.join(row.prepare)]
            code, _, err = _run([*hyperfine, shlex.join(command)], full_env, timeout)
            if code != 0 or not export.exists():
                message = err.decode("utf-8", "replace").strip().splitlines()
                row.error = f"hyperfine exit {code}: {message[-1] if message else ''}"[:200]
                return
            result = json.loads(export.read_text(encoding="utf-8"))["results"][0]
            row.times = [float(t) for t in result["times"]]
            row.exit_codes = [int(c) for c in result.get("exit_codes", [])]
        else:
            _measure_here(row, command, full_env, runs, warmup, timeout)
    except subprocess.TimeoutExpired:
        row.error = f"timeout after {timeout:.0f} s"
        return
    except (OSError, ValueError, KeyError) as error:
        row.error = f"{type(error).__name__}: {error}"[:200]
        return
    if memory_file.exists():
        peaks = parse_memory(memory_file.read_text(encoding="utf-8", errors="replace"))
        row.memory_kb = peaks[-runs:] if len(peaks) >= runs else peaks
    if row.failed and not row.error:
        row.stderr = _stderr_of(row, full_env, timeout)


def _measure_here(
    row: Row, command: list[str], env: dict[str, str], runs: int, warmup: int, timeout: float
) -> None:
    """Without hyperfine: the same runs, timed around subprocess in this process."""
    for number in range(warmup + runs):
        if row.prepare:
            _run(row.prepare, env, timeout)
        start = time.perf_counter()
        code, _, _ = _run(command, env, timeout, stdout=subprocess.PIPE)
        elapsed = time.perf_counter() - start
        if number >= warmup:
            row.times.append(elapsed)
            row.exit_codes.append(code)


def _stderr_of(row: Row, env: dict[str, str], timeout: float) -> str:
    """What a failing command says: one more run, to a pipe, its stderr kept."""
    try:
        if row.prepare:
            _run(row.prepare, env, timeout)
        _, _, err = _run(row.argv, env, timeout)
    except (OSError, subprocess.TimeoutExpired) as error:
        return str(error)
    lines = err.decode("utf-8", "replace").strip().splitlines()
    return " / ".join(lines[-3:])[:400]


# --------------------------------------------------------------------------- the rows to run

FLOOR_A = "floor (a): tomllib.load"
FLOOR_B = "floor (b): typer + rich, one table"
BARE = "python -c pass"
WRAPPER = "/usr/bin/time true (measuring overhead)"

#: key → (label, arguments after ggov-plan with {plan} and {copy}, kind, peers)
COMMANDS: dict[str, tuple[str, tuple[str, ...], str, tuple[str, ...]]] = {
    "check": ("check", ("check", "{plan}"), "check", ("hledger check", "bean-check")),
    "status": ("status", ("status", "-p", "{plan}"), "read", ("hledger balance", "task summary")),
    "status-json": (
        "status --json",
        ("status", "--json", "-p", "{plan}"),
        "read",
        ("hledger balance", "task summary"),
    ),
    "budget": ("budget", ("budget", "-p", "{plan}"), "read", ("hledger balance", "task summary")),
    "progress": (
        "progress",
        ("progress", "-p", "{plan}"),
        "read",
        ("hledger balance", "task summary"),
    ),
    "report-json": (
        "report --format json", ("report", "--format", "json", "-p", "{plan}"), "report", ()
    ),
    "report-html": (
        "report --format html", ("report", "--format", "html", "-p", "{plan}"), "report", ()
    ),
    "activity-add": (
        "activity add",
        (
            "activity", "add", "--task", "{task}", "--title",
            "Hội nghị tập huấn về dịch vụ công trực tuyến", "--channel", "{channel}",
            "--content", "{content}", "--due", "2017-12-15", "--target", "2",
            "--unit", "hội nghị", "--cost", "1000000", "--source", "{source}", "-p", "{copy}",
        ),
        "write",
        ("task add",),
    ),
    "record": (
        "record",
        (
            "record", "{activity}", "--date", "2017-10-30", "--qty", "1", "--spent", "100000",
            "--evidence", "Biên bản nghiệm thu số 1/BB-BENCH",
            "--note", "Ghi nhận khi đo hiệu năng.", "--by", "bench", "-p", "{copy}",
        ),
        "write",
        ("task add",),
    ),
}  # fmt: skip
TTY_COMMANDS = ("status", "budget", "progress")


def plan_ids(path: Path) -> dict[str, str]:
    """Ids the writes need, from the plan itself: a task and its channel, a source, an activity."""
    with path.open("rb") as file:
        data = tomllib.load(file)
    task = data["task"][0]
    activities = data.get("activity", [])
    return {
        "task": task["id"],
        "channel": (task.get("channels") or [data["channel"][0]["id"]])[0],
        "content": (task.get("contents") or [data["content"][0]["id"]])[0],
        "source": data["budget"]["source"][0]["id"],
        "activity": activities[len(activities) // 2]["id"] if activities else "",
    }


def ggov_rows(
    size: Size, tools: Tools, commands: list[str], caches: list[str], tty: bool, work: Path
) -> list[Row]:
    ids = plan_ids(size.write_source)
    rows = []
    python = tools.python
    prepare_script = str(BENCH / "prepare.py")
    for key in commands:
        label, arguments, kind, peers = COMMANDS[key]
        outputs = ["pipe", "tty"] if tty and key in TTY_COMMANDS else ["pipe"]
        for cache in caches:
            for output in outputs:
                copy = work / "runs" / f"{key}-{cache}" / size.write_source.name
                values = {**ids, "plan": str(size.plan), "copy": str(copy)}
                argv = [*tools.ggov, *(part.format(**values) for part in arguments)]
                prepare = None
                if kind == "write":
                    prepare = [python, prepare_script, str(size.write_source), str(copy)]
                    if cache == "warm":  # the cache is warm for the fresh copy, as after a read
                        prepare += ["--", *tools.ggov, "status", "--json", "-p", str(copy)]
                rows.append(
                    Row(
                        f"ggov-plan {label}",
                        "ggov",
                        argv,
                        cache=cache,
                        output=output,
                        prepare=prepare,
                        kind=kind,
                        peers=peers,
                    )
                )
    return rows


def floor_rows(size: Size, tools: Tools, tty: bool) -> list[Row]:
    rows = [
        Row(BARE, "reference", [tools.python, "-c", "pass"]),
        Row(FLOOR_A, "floor", [tools.python, "-c", _TOMLLIB_FLOOR, str(size.plan)]),
        Row(FLOOR_B, "floor", [tools.python, str(BENCH / "floor_app.py")]),
    ]
    if tty:
        rows.append(
            Row(FLOOR_B, "floor", [tools.python, str(BENCH / "floor_app.py")], output="tty")
        )
    if tools.time:
        rows.insert(0, Row(WRAPPER, "reference", ["true"]))
    return rows


def peer_rows(size: Size, peers: Any) -> list[Row]:
    return [
        Row(
            command.name,
            "peer",
            command.argv,
            cache=command.cache or "—",
            env=command.env,
            prepare=command.prepare,
            kind=command.kind,
        )
        for command in peers.commands
    ]


# --------------------------------------------------------------------------- setting up


def _source_key(*parts: Path | str) -> str:
    """A short hash of files (their bytes) and texts: what a cached artefact was made from."""
    digest = hashlib.sha256()
    for part in parts:
        if isinstance(part, Path):
            with contextlib.suppress(OSError):
                digest.update(part.read_bytes())
        else:
            digest.update(part.encode())
    return digest.hexdigest()[:12]


def _writer_source() -> str:
    """The source of the code that writes the journal and its ids, as far as it exists.

    Only these functions shape a generated plan's bytes, so other edits of
    the journal module do not regenerate the cached plans.
    """
    import inspect

    out = []
    for module_name, names in (
        ("ggov_plan.write.journal", ("render_blocks", "_clean", "_nfc", "_value")),
        ("ggov_plan.write.ids", ("new_id", "random_part", "ALPHABET", "RANDOM_LENGTH")),
    ):
        try:
            module = importlib.import_module(module_name)
        except ImportError as error:
            out.append(f"{module_name}: {error}")
            continue
        for name in names:
            value = getattr(module, name, None)
            try:
                out.append(inspect.getsource(value) if callable(value) else repr(value))
            except (OSError, TypeError):
                out.append(repr(value))
    return "\n".join(out)


def synthetic_plan(n: int, work: Path) -> tuple[Path, float, Any]:
    """The plan of size n, from the cache in the work folder if the generator has not changed.

    Returns (path, seconds spent generating, the Synthetic or None if cached).
    """
    key = _source_key(BENCH / "generate.py", _writer_source())
    folder = work / "plans"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"plan-{n}-{key}.toml"
    if path.exists():
        return path, 0.0, None
    for stale in folder.glob(f"plan-{n}-*.toml"):
        stale.unlink()
    import generate

    start = time.perf_counter()
    partial = path.with_suffix(".part")
    plan = generate.write_plan(n, partial)
    partial.replace(path)
    return path, time.perf_counter() - start, plan


def shipped_write_source(work: Path) -> Path:
    """The shipped plan plus one activity, appended as the tool appends, for `record`."""
    import generate

    text = SHIPPED.read_text(encoding="utf-8")
    ids = plan_ids(SHIPPED)
    block = generate.journal_text(
        [
            (
                "activity",
                {
                    "id": "so-tttt-bnch",
                    "task": ids["task"],
                    "title": "Tuyên truyền tại trường học (đo hiệu năng)",
                    "due": dt.date(2017, 12, 15),
                    "target": 2,
                    "cost": 1_000_000,
                    "source": ids["source"],
                    "created": dt.date(2017, 10, 1),
                },
            )
        ],
        exact=True,
    )
    path = work / "plans" / "plan2017-plus-one-activity.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + ("\n" if text.endswith("\n") else "\n\n") + block, encoding="utf-8")
    return path


def find_tools(work: Path, want_tty: bool) -> Tools:
    python = sys.executable
    beside = Path(python).parent / "ggov-plan"
    ggov = [str(beside)] if beside.exists() else [python, "-m", "ggov_plan"]
    time_ = "/usr/bin/time" if Path("/usr/bin/time").exists() else shutil.which("time")
    tools = Tools(python, ggov, shutil.which("hyperfine"), time_, None)
    if want_tty:
        tools.tty, tools.tty_note = tty_wrapper(work)
    return tools


def tty_wrapper(work: Path) -> tuple[list[str] | None, str]:
    """bench/ttyrun.c compiled into the work folder, else script(1), else nothing."""
    source = BENCH / "ttyrun.c"
    binary = work / "bin" / "ttyrun"
    if binary.exists() and binary.stat().st_mtime >= source.stat().st_mtime:
        return [str(binary)], "bench/ttyrun.c (a pseudo-terminal of 100x40)"
    compiler = shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
    if compiler:
        binary.parent.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            [compiler, "-O2", "-o", str(binary), str(source), "-lutil"],
            capture_output=True,
            check=False,
        )
        if done.returncode == 0:
            return [str(binary)], "bench/ttyrun.c (a pseudo-terminal of 100x40)"
    script = shutil.which("script")
    if script:
        note = (
            "util-linux script(1) (no C compiler for bench/ttyrun.c): its ~20 ms exit delay "
            "is in every terminal row, floor (b)'s included"
        )
        return [script, "-qec"], note
    return None, "no C compiler and no script(1): terminal rows skipped"


def base_env(today: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED_ENV}
    for name in list(env):
        if name.startswith("GGOV_PLAN_"):
            del env[name]
    env.update(
        GGOV_PLAN_TODAY=today,
        GGOV_PLAN_LANG="vi",
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
        TERM="xterm-256color",
        SHELL="/bin/sh",
        BENCH_TTY_COLUMNS=str(TTY_COLUMNS),
        BENCH_TTY_LINES=str(TTY_LINES),
    )
    return env


def cache_env(cache: str, folder: Path) -> dict[str, str]:
    if cache == "cold":
        return {"GGOV_PLAN_NO_CACHE": "1", "XDG_CACHE_HOME": str(folder / "cold")}
    if cache == "warm":
        return {"XDG_CACHE_HOME": str(folder / "warm")}
    return {}


# --------------------------------------------------------------------------- the header


def _first_line(argv: list[str]) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    lines = (done.stdout or done.stderr).strip().splitlines()
    return lines[0].strip() if lines else ""


def machine() -> dict[str, str]:
    info: dict[str, str] = {}
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    info.setdefault("cpu", platform.processor() or platform.machine())
    info["cores"] = str(os.cpu_count())
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                info["ram"] = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    info["os"] = f"{platform.system()} {platform.release()}"
    info["python"] = f"{platform.python_version()} ({sys.executable})"
    versions = []
    for package in (
        "ggov-plan",
        "typer",
        "click",
        "rich",
        "tomli",
        "tomli-w",
        "rtoml",
        "beancount",
    ):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            versions.append(f"{package} {importlib.metadata.version(package)}")
    info["packages"] = ", ".join(versions)
    commit = _first_line(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    dirty = _first_line(["git", "-C", str(ROOT), "status", "--porcelain", "--", "src", "bench"])
    info["commit"] = (commit or "unknown") + (
        " + uncommitted changes in src/ or bench/" if dirty else ""
    )
    return info


def header(args: argparse.Namespace, tools: Tools, info: dict[str, str], load: str) -> str:
    command = shlex.join([Path(sys.executable).name, "bench/run.py", *sys.argv[1:]])
    hyperfine = _first_line([tools.hyperfine, "--version"]) if tools.hyperfine else "not installed"
    lines = [
        "# ggov-plan benchmark (bench/run.py)",
        "",
        f"- **Run:** {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; load average at start {load}",
        f"- **Machine:** {info['cpu']}, {info['cores']} cores, {info.get('ram', '?')} RAM, "
        f"{info['os']}",
        f"- **Python:** {info['python']}; {info['packages']}",
        f"- **ggov-plan:** git {info['commit']}",
        f"- **Timing:** hyperfine ({hyperfine}), -N, {args.warmup} warm-up run, medians; "
        f"peak memory: /usr/bin/time -f %M around each timed run, median",
        f"- **Reproduce** (from the repository root, with ggov-plan installed in that "
        f"Python's environment): `{command}`",
    ]
    busy = os.getloadavg()[0]
    if busy > (os.cpu_count() or 1) - 0.5:
        lines.append(
            f"- **Warning:** the load average ({busy:.1f}) was near or above the number of "
            "cores when the run began: other processes competed for the CPU, so absolute "
            "times are inflated and noisy; compare ratios within this run only."
        )
    lines += [
        "",
        "Method:",
        "",
        "- *cold*: `GGOV_PLAN_NO_CACHE=1` (no parse cache, as in CI); *warm*: `XDG_CACHE_HOME` "
        "in the work folder, filled by the warm-up run (for the writes, by a `status --json` "
        "in hyperfine's --prepare, after copying the plan afresh). A note says when the warm "
        "rows left no cache, i.e. measured the same as the cold ones.",
        f"- Runs per command: {args.runs} (auto: 5, and 3 from N = 50,000), after the warm-up. "
        "The floors are measured at the start and again at the end of each size, their runs "
        "pooled, so that a change of load weighs on both sides of the ratios.",
        "- *pipe*: output through a pipe (hyperfine --output=pipe), as under cron or `| less`. "
        f"*tty*: at a terminal, approximated by {tools.tty_note or 'nothing (no tty rows)'}; "
        "stdin, stdout and stderr are that terminal, its output is read and discarded, so "
        "rich draws boxes and colour as for a person, and the time to paint a real terminal "
        "emulator is not counted.",
        "- Every command runs with GGOV_PLAN_TODAY=2017-10-31 (the synthetic plans' today), "
        "GGOV_PLAN_LANG=vi, LC_ALL=C.UTF-8, and without PYTHONDONTWRITEBYTECODE, "
        "PYTHONUNBUFFERED, COLUMNS or LINES, as from a user's shell.",
        "- Floor (a): `python -c 'import sys, tomllib; tomllib.load(open(sys.argv[1], \"rb\"))' "
        "PLAN` on the same file. Floor (b): `python bench/floor_app.py`. Ratios take floor (b) "
        "at the same output (pipe or tty).",
        "- Peers (bench/peers.py) at the same N: N Taskwarrior tasks (one per activity, each "
        "completion an annotation); N hledger / beancount transactions of 2 postings (one per "
        "completion). `vs peers` = ggov-plan's median ÷ the peer's.",
        "- Times include /usr/bin/time's own start (see its row).",
    ]
    return "\n".join(lines)


def size_heading(size: Size) -> str:
    megabytes = size.plan.stat().st_size / 1e6
    if size.n is None:
        if size.name == "shipped":
            return (
                f"## Shipped plan {_shown(size.plan)} ({megabytes:.2f} MB); the writes on a "
                "copy with one activity appended"
            )
        return f"## Plan {_shown(size.plan)} ({megabytes:.2f} MB); the writes on a copy"
    return (
        f"## N = {fmt_count(size.n)}: {fmt_count(size.n)} activities + "
        f"{fmt_count(size.n)} completions ({megabytes:.1f} MB)"
    )


def _shown(path: Path) -> str:
    with contextlib.suppress(ValueError):
        return str(path.relative_to(ROOT))
    return str(path)


def size_section(size: Size) -> str:
    parts = [size.heading, ""]
    parts.append(markdown_table(TABLE_HEADER, table_rows(size), right={3, 4, 5, 6, 7}))
    failing = [row for row in size.rows if row.failed and (row.stderr or row.error)]
    notes = list(size.notes)
    notes += [f"`{row.key}`: {row.stderr or row.error}" for row in failing]
    if notes:
        parts += ["", *[f"- {note}" for note in notes]]
    if size.stages:
        parts += ["", stages_table(size)]
    return "\n".join(parts)


# --------------------------------------------------------------------------- stages


def stages(path: Path, runs: int, today: dt.date) -> tuple[dict[str, float], list[str]]:
    """In-process seconds per stage of a load, and the stages left out, with why.

    The loader's API may change under this: every stage is imported and run
    guarded, so a stage that no longer exists is a note, not a crash.
    """
    out: dict[str, float] = {}
    missing: list[str] = []

    def timed(name: str, function: Callable[[], Any]) -> Any:
        times = []
        result = None
        try:
            for _ in range(runs):
                start = time.perf_counter()
                result = function()
                times.append(time.perf_counter() - start)
        except Exception as error:
            missing.append(f"stage {name!r} left out: {type(error).__name__}: {error}"[:200])
            return None
        out[name] = statistics.median(times)
        return result

    def imported(module: str, *names: str) -> list[Any] | None:
        try:
            loaded = importlib.import_module(module)
            return [getattr(loaded, name) for name in names]
        except (ImportError, AttributeError) as error:
            missing.append(f"stages from {module} left out: {error}"[:200])
            return None

    parsing = imported("ggov_plan.plan.parse", "parse")
    reading = imported("ggov_plan.plan.files", "read_text")
    if parsing is None or reading is None:
        return out, missing
    (parse,) = parsing
    (read_text,) = reading
    text = timed("read", lambda: read_text(path))
    if text is None:
        return out, missing
    timed("tomllib.loads", lambda: tomllib.loads(text))
    for reader in ("tomli", "rtoml"):  # the candidates of issue #6, section 2, if installed
        with contextlib.suppress(ImportError):
            module = importlib.import_module(reader)
            timed(f"{reader}.loads (reference)", functools.partial(module.loads, text))
    loaded = timed("parse + build", lambda: parse(text, str(path)))
    rules = imported("ggov_plan.plan.rules", "Context", "validate")
    if loaded is not None and rules is not None:
        context_class, validate = rules
        timed("rules", lambda: validate(loaded, context_class(today=today)))
    derive = imported("ggov_plan.books.derive", "overview")
    plan = getattr(loaded, "plan", None)
    if plan is not None and derive is not None:
        (overview,) = derive
        timed("derive", lambda: overview(plan, today))
    return out, missing


def stages_table(size: Size) -> str:
    records = 2 * size.n if size.n else 0
    cells = [
        [name, f"{1000 * seconds:,.1f}", f"{1e6 * seconds / records:.1f}" if records else "—"]
        for name, seconds in size.stages.items()
    ]
    return "In-process stages (median of the runs):\n\n" + markdown_table(
        ("stage", "ms", "µs per record"), cells, right={1, 2}
    )


# --------------------------------------------------------------------------- main


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_size(
    token: int | str,
    args: argparse.Namespace,
    tools: Tools,
    work: Path,
    env: dict[str, str],
    save: Callable[[Size], None] = lambda size: None,
) -> Size:
    import generate

    made: Any = None  # the Synthetic, when this run generated the plan
    if token == "shipped":
        size = Size("shipped", None, SHIPPED, shipped_write_source(work))
    elif isinstance(token, str):
        path = Path(token)
        size = Size(path.name, None, path, path)
    else:
        plan, seconds, made = synthetic_plan(token, work)
        size = Size(fmt_count(token), token, plan, plan)
        if seconds:
            size.notes.append(f"Plan generated in {seconds:.1f} s, then cached in the work folder.")
    size.heading = size_heading(size)
    folder = work / (
        "size-" + (str(size.n) if size.n else re.sub(r"[^A-Za-z0-9]+", "-", size.name))
    )
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    runs = runs_for(size.n, args.runs)
    tty = args.tty == "all" or (args.tty == "shipped" and size.name == "shipped")

    rows = floor_rows(size, tools, tty and tools.tty is not None)
    try:
        rows += ggov_rows(size, tools, args.commands, args.caches, tty, folder)
    except (OSError, KeyError, IndexError, tomllib.TOMLDecodeError) as error:
        size.notes.append(f"ggov-plan rows skipped: cannot read the plan's ids ({error})")
    peers_folder = None
    if size.n is not None and args.peers:
        import peers

        n = size.n
        key = _source_key(BENCH / "generate.py", BENCH / "peers.py", _writer_source())
        peers_folder = work / "peers" / f"{n}-{key}"
        try:
            start = time.perf_counter()
            built = peers.build(
                made or (lambda: generate.synthetic(n)), peers_folder, python=tools.python
            )
            size.notes.append(f"Peers' data ready in {time.perf_counter() - start:.1f} s.")
            size.notes += built.notes
            rows += peer_rows(size, built)
        except Exception as error:  # a peer must never stop the benchmark
            size.notes.append(f"Peers skipped: {type(error).__name__}: {error}")
    if args.only:
        rows = [r for r in rows if r.group != "ggov" or any(o in r.label for o in args.only)]
    size.rows = rows

    def measured(row: Row) -> None:
        row_env = {**env, **cache_env(row.cache, folder)} if row.group == "ggov" else dict(env)
        if row.cache == "warm" and row.group == "ggov":
            Path(row_env["XDG_CACHE_HOME"]).mkdir(parents=True, exist_ok=True)
        _progress(f"[{size.name}] {row.label} · {row.cache} · {row.output} …")
        warmup = max(args.warmup, 1 if row.cache == "warm" else 0)
        measure(row, tools, row_env, runs, warmup, folder, args.timeout)
        _progress(f"    {row.status() or fmt_ms(row.median) + ' ms'}, {fmt_mb(row.peak_kb)} MB")

    for row in rows:
        measured(row)
        save(size)
    # The floors once more at the end, pooled with the first runs, so that a
    # change of load during the run weighs on both sides of the ratios.
    for row in rows:
        if row.group == "floor" and not row.error:
            again = replace(row, times=[], memory_kb=[], exit_codes=[])
            measured(again)
            if not again.error:
                row.times += again.times
                row.memory_kb += again.memory_kb
                row.exit_codes += again.exit_codes
    warm_rows = any(row.group == "ggov" and row.cache == "warm" for row in rows)
    size.notes += cache_notes(folder, peers_folder, warm_rows)
    if args.stages:
        size.stages, left_out = stages(size.plan, max(1, runs), generate.TODAY)
        size.notes += left_out
    return size


def cache_notes(folder: Path, peers_folder: Path | None, warm_rows: bool) -> list[str]:
    """What the caches did: honest labels for the cold and warm rows."""
    notes = []
    cold = folder / "cold"
    if cold.exists() and any(p.is_file() for p in cold.rglob("*")):
        notes.append(
            "Cold rows wrote to their cache folder: GGOV_PLAN_NO_CACHE=1 was not honoured."
        )
    warm = folder / "warm"
    if warm_rows and not (warm.exists() and any(p.is_file() for p in warm.rglob("*"))):
        notes.append("Warm rows left no cache: ggov-plan has no parse cache yet, warm = cold.")
    if peers_folder is not None and (peers_folder / "ledger.beancount").exists():
        pickle = peers_folder / ".ledger.beancount.picklecache"
        if not pickle.exists():
            notes.append(
                "beancount wrote no cache (it does only when a load takes over 1 s): "
                "bean-check warm = cold."
            )
    return notes


def write_results(out: Path, text: str, raw: dict[str, Any]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "latest.md").write_text(text + "\n", encoding="utf-8")
    (out / "latest.json").write_text(
        json.dumps(raw, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8"
    )


def raw_size(size: Size) -> dict[str, Any]:
    return {
        "name": size.name,
        "n": size.n,
        "plan": str(size.plan),
        "bytes": size.plan.stat().st_size,
        "notes": size.notes,
        "stages_seconds": size.stages,
        "rows": [
            {
                **{k: v for k, v in asdict(row).items() if k not in ("env",)},
                "env": row.env,
                "median_seconds": row.median,
                "peak_kb": row.peak_kb,
                "status": row.status() or "ok",
            }
            for row in size.rows
        ],
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=(__doc__ or "").splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--sizes",
        default="shipped,10000,100000",
        help="comma-separated: shipped, N (10000, 10k) or a plan file (default: %(default)s)",
    )
    parser.add_argument(
        "--runs", default="auto", help="timed runs per command (auto: 5, 3 from N=50k)"
    )
    parser.add_argument("--warmup", type=int, default=1, help="warm-up runs (default: %(default)s)")
    parser.add_argument(
        "--commands",
        default=",".join(COMMANDS),
        help="ggov-plan commands to time (default: all: %(default)s)",
    )
    parser.add_argument("--caches", default="cold,warm", help="cold, warm or both (default)")
    parser.add_argument(
        "--tty",
        choices=("shipped", "all", "none"),
        default="shipped",
        help="time status, budget and progress at a terminal too: on the shipped plan "
        "(default), at every size, or never",
    )
    parser.add_argument("--no-peers", dest="peers", action="store_false", help="skip the peers")
    parser.add_argument(
        "--only",
        default="",
        help="only ggov-plan rows whose label contains one of these (comma-separated)",
    )
    parser.add_argument("--stages", action="store_true", help="add in-process stage timings")
    parser.add_argument(
        "--work", type=Path, default=BENCH / ".work", help="work folder (default: bench/.work)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=BENCH / "results",
        help="results folder (default: bench/results)",
    )
    parser.add_argument(
        "--timeout", type=float, default=3600, help="seconds per command's runs (default: 3600)"
    )
    args = parser.parse_args(argv)
    args.sizes = [parse_size(token) for token in args.sizes.split(",") if token.strip()]
    args.commands = [c.strip() for c in args.commands.split(",") if c.strip()]
    unknown = [c for c in args.commands if c not in COMMANDS]
    if unknown:
        parser.error(f"unknown commands {unknown}; known: {', '.join(COMMANDS)}")
    args.caches = [c.strip() for c in args.caches.split(",") if c.strip()]
    if not set(args.caches) <= {"cold", "warm"}:
        parser.error("--caches takes cold, warm or cold,warm")
    args.only = [o.strip() for o in args.only.split(",") if o.strip()]
    if args.runs != "auto" and not args.runs.isdigit():
        parser.error("--runs takes a number or auto")
    return args


def lock_work(work: Path) -> Any:
    """An exclusive lock on the work folder for this run (two runs would wipe each other's
    caches and copies); None if another run holds it. Held until the process ends."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock
        return True
    handle = (work / ".lock").open("w")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return None
    return handle


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    work: Path = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    lock = lock_work(work)
    if lock is None:
        _progress(
            f"Another bench/run.py is using {_shown(work)}; wait for it, or give this run "
            "its own folder with --work."
        )
        return 2
    from generate import TODAY

    want_tty = args.tty != "none" and any(c in TTY_COMMANDS for c in args.commands)
    tools = find_tools(work, want_tty)
    if tools.hyperfine is None:
        _progress("hyperfine: not installed — timing with a loop in Python instead")
    if tools.time is None:
        _progress("/usr/bin/time: not installed — no peak memory")
    env = base_env(TODAY.isoformat())
    info = machine()
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    head = header(args, tools, info, load)
    sections: list[Size] = []
    raw: dict[str, Any] = {"argv": sys.argv, "machine": info, "load_at_start": load, "sizes": []}

    def document(shown: list[Size], final: bool) -> str:
        parts = [head]
        parts += [size_section(size) for size in shown]
        numeric = sorted((s for s in shown if s.n is not None), key=lambda s: s.n or 0)
        for small, large in itertools.pairwise(numeric):
            parts.append(f"## Growth from N = {small.name} to N = {large.name}\n")
            parts[-1] += growth_table(small, large)
        elapsed = time.perf_counter() - started
        loads = " / ".join(f"{x:.2f}" for x in os.getloadavg())
        if final:
            parts.append(f"Whole run: {elapsed / 60:.1f} min; load average at the end {loads}.")
        else:
            parts.append(
                f"**Partial results:** the run was still going, or was stopped, "
                f"{elapsed / 60:.1f} min in (load average then {loads})."
            )
        return "\n\n".join(parts)

    def save(current: Size | None = None, final: bool = False) -> None:
        """Written after every row, so that a stopped run keeps what it measured."""
        shown = [*sections, current] if current is not None else sections
        raw["sizes"] = [raw_size(size) for size in shown]
        raw["seconds"] = time.perf_counter() - started
        write_results(args.out, document(shown, final), raw)

    for token in args.sizes:
        try:
            size = run_size(token, args, tools, work, env, save)
        except Exception as error:  # one size failing must not lose the others
            _progress(f"size {token}: {type(error).__name__}: {error}")
            size = Size(str(token), None, SHIPPED, SHIPPED)
            size.heading = f"## {token}: not measured"
            size.notes.append(f"{type(error).__name__}: {error}")
        sections.append(size)
        save()
    save(final=True)
    print(document(sections, final=True))
    _progress(f"Written: {_shown(args.out / 'latest.md')} and latest.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
