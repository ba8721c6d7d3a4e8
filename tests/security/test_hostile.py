"""The hostile corpus: bad plan files and bad command lines (tests/security/hostile/cases.toml).

Every case says what ggov-plan must answer: an exit code, a problem code, and
where. Across the whole corpus the answer must also be well behaved: no
traceback, no internal error, no raw control character from the input on the
output, every message naming its file (and its line where there is one), a
bounded time and output, and a refused command leaves the plan as it was.

Most cases run in-process (fast); the nasty ones (nesting 20,000 deep, 30 MB,
binary data, symlink loops, pipes, devices) run as real processes, each with
a timeout and a memory limit.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tomllib
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from ggov_plan.cli import app

HOSTILE = Path(__file__).resolve().parent / "hostile"
PLAN_2017 = HOSTILE.parents[2] / "data" / "plan2017.toml"
MANIFEST: dict[str, Any] = tomllib.loads((HOSTILE / "cases.toml").read_text("utf-8"))
PLAN_CASES: list[dict[str, Any]] = MANIFEST["plan"]
COMMAND_CASES: list[dict[str, Any]] = MANIFEST["command"]

TODAY = "2017-12-31"
#: Seconds a run may take: generous, a bound on hangs rather than a benchmark.
TIMEOUT = 60.0
#: Address space of a process run: some 60 times what reading a 30 MB plan needs.
MEMORY = 2 * 1024**3
#: Output larger than this means an input was echoed whole (30 MB) or looped.
MAX_OUTPUT = 1_000_000
#: C0 and C1 control characters other than tab and newline: a terminal obeys them.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: The environment of every run; None removes a variable.
ENV: dict[str, str | None] = {
    "GGOV_PLAN_TODAY": TODAY,
    "GGOV_PLAN_LANG": "en",
    "GGOV_PLAN_FILE": None,
    "GGOV_PLAN_DEBUG": None,
    "FORCE_COLOR": None,
}

_runner = CliRunner()
COMMAND = typer.main.get_command(app)


# --------------------------------------------------------------------------- running


@dataclass(frozen=True, slots=True, repr=False)
class Run:
    """One run of ggov-plan; shown in full when an assertion about it fails."""

    args: tuple[str, ...]
    exit_code: int
    stdout: str
    stderr: str

    def __repr__(self) -> str:
        return (
            f"ggov-plan {' '.join(self.args)}\n--- exit {self.exit_code}\n"
            f"--- stdout\n{self.stdout[:3000]}\n--- stderr\n{self.stderr[:3000]}"
        )


class Hang(BaseException):
    """Raised in-process when a run outlives its time (BaseException: no handler eats it)."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def alarm(signum: int, frame: FrameType | None) -> None:
        raise Hang

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run(
    args: list[str],
    *,
    process: bool = False,
    env: Mapping[str, str] | None = None,
    timeout: float = TIMEOUT,
) -> Run:
    """ggov-plan ARGS, in-process or as a real process; fails the test on a hang."""
    environment = {**ENV, **(env or {})}
    if process:
        # The session's cache folder (conftest) and GGOV_PLAN_NO_CACHE pass on.
        full = dict(os.environ, PYTHONIOENCODING="utf-8")
        for key, value in environment.items():
            if value is None:
                full.pop(key, None)
            else:
                full[key] = value
        try:
            done = subprocess.run(
                [sys.executable, "-m", "ggov_plan", *args],
                capture_output=True,
                env=full,
                timeout=timeout,
                check=False,
                preexec_fn=_limit_memory,
            )
        except subprocess.TimeoutExpired:
            done = None
        if done is None:
            pytest.fail(f"ggov-plan {' '.join(args)[:200]} did not finish in {timeout:.0f} s")
        return Run(
            tuple(args),
            done.returncode,
            done.stdout.decode("utf-8", errors="replace"),
            done.stderr.decode("utf-8", errors="replace"),
        )
    # CliRunner.invoke would rebuild the click command for every run (0.1 s);
    # its isolation (streams, environment) is what is needed, with one command.
    # An exception other than SystemExit escapes and fails the test: in a real
    # process it would have been a traceback.
    code: int | str | None = 0
    with _runner.isolation(env=environment) as (stdout, stderr, _):
        try:
            with time_limit(timeout):
                COMMAND.main(args=args, prog_name="ggov-plan")
        except SystemExit as exit_:
            code = exit_.code
        except Hang:
            code = "hang"
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
        out, err = stdout.getvalue(), stderr.getvalue()
    if code == "hang":
        pytest.fail(f"ggov-plan {' '.join(args)[:200]} did not finish in {timeout:.0f} s")
    assert code is None or isinstance(code, int), code
    return Run(
        tuple(args), code or 0, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")
    )


def well_behaved(result: Run) -> None:
    """What holds for every run of the corpus, whatever the case."""
    both = result.stdout + result.stderr
    assert "Traceback" not in both, str(result)
    assert result.exit_code != 70, result  # internal error: a bug
    assert len(both) < MAX_OUTPUT, f"{len(both)} characters of output\n{result}"
    control = CONTROL.search(both)
    assert control is None, f"raw control character {control.group()!r} in the output\n{result}"


# --------------------------------------------------------------------------- plan files


def _plan_2017() -> str:
    return PLAN_2017.read_text("utf-8")


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times, not once"
    return text.replace(old, new)


def _write(folder: Path, data: bytes) -> Path:
    path = folder / "plan.toml"
    path.write_bytes(data)
    return path


def _bytes_at_place(replacement: bytes) -> Callable[[Path], Path]:
    """plan2017 with the place name replaced by raw bytes."""

    def make(folder: Path) -> Path:
        before, after = _plan_2017().split('place = "Tiền Giang"')
        return _write(folder, before.encode() + b'place = "' + replacement + b'"' + after.encode())

    return make


def _deep(text: str) -> Callable[[Path], Path]:
    return lambda folder: _write(folder, text.encode())


def _directory(folder: Path) -> Path:
    path = folder / "plan.toml"
    path.mkdir()
    return path


def _symlink_loop(folder: Path) -> Path:
    first, second = folder / "loop-a.toml", folder / "loop-b.toml"
    first.symlink_to(second)
    second.symlink_to(first)
    return first


def _dangling_symlink(folder: Path) -> Path:
    link = folder / "plan.toml"
    link.symlink_to(folder / "gone.toml")
    return link


def _fifo(folder: Path) -> Path:
    path = folder / "plan.toml"
    os.mkfifo(path)
    return path


def _dev_zero(folder: Path) -> Path:
    path = Path("/dev/zero")
    if not path.exists():
        pytest.skip("no /dev/zero here")
    return path


DEPTH = 20_000

#: Plan files made at test time: bytes that are not text, what is too big to
#: commit, and what is not a file at all. Each takes a folder, returns the path.
GENERATORS: dict[str, Callable[[Path], Path]] = {
    "empty": lambda folder: _write(folder, b""),
    "binary": lambda folder: _write(folder, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64),
    "invalid-utf8": _bytes_at_place(b"Ti\xffn Giang"),
    "utf16": lambda folder: _write(folder, _plan_2017().encode("utf-16")),
    "bom": lambda folder: _write(folder, b"\xef\xbb\xbf" + _plan_2017().encode()),
    "bom-twice": lambda folder: _write(folder, b"\xef\xbb\xbf" * 2 + _plan_2017().encode()),
    "nul-in-string": _bytes_at_place("Ti\x00ền Giang".encode()),
    "nul-only": lambda folder: _write(folder, b"\x00" * 4096),
    "nfd": lambda folder: _write(folder, unicodedata.normalize("NFD", _plan_2017()).encode()),
    "deep-arrays": _deep("format = 1\nnested = " + "[" * DEPTH + "]" * DEPTH + "\n"),
    "deep-inline-tables": _deep(
        "format = 1\nnested = " + "{ a = " * DEPTH + "1" + " }" * DEPTH + "\n"
    ),
    "deep-dotted-header": _deep("format = 1\n[" + ".".join(["a"] * DEPTH) + "]\nb = 1\n"),
    "deep-dotted-key": _deep("format = 1\n" + ".".join(["a"] * DEPTH) + " = 1\n"),
    "huge-string": lambda folder: _write(
        folder,
        _replace_once(
            _plan_2017(), "total = 213_000_000", 'total = "' + "a" * 30_000_000 + '"'
        ).encode(),
    ),
    "directory": _directory,
    "missing": lambda folder: folder / "missing.toml",
    "symlink-loop": _symlink_loop,
    "dangling-symlink": _dangling_symlink,
    "fifo": _fifo,
    "dev-zero": _dev_zero,
}


def make_plan(case: dict[str, Any], folder: Path) -> Path:
    if "base" in case:
        assert case["base"] == "plan2017", case["base"]
        text = _plan_2017()
        for old, new in case["replace"]:
            text = _replace_once(text, old, new)
        return _write(folder, text.encode())
    if "file" in case:
        # A copy, so that nothing a run might leave behind lands in the corpus.
        path = folder / Path(case["file"]).name
        shutil.copyfile(HOSTILE / case["file"], path)
        return path
    return GENERATORS[case["make"]](folder)


def expected_line(case: dict[str, Any], path: Path) -> int | None:
    """The line the case's problem must point at: `line`, or the one line holding `at`."""
    if "line" in case:
        return int(case["line"])
    if "at" not in case:
        return None
    lines = path.read_bytes().decode("utf-8", errors="replace").split("\n")
    found = [number for number, line in enumerate(lines, start=1) if case["at"] in line]
    assert len(found) == 1, f"{case['at']!r} is on lines {found}, not on exactly one"
    return found[0]


def _codes(case: dict[str, Any]) -> tuple[str, ...]:
    code = case.get("code", ())
    return (code,) if isinstance(code, str) else tuple(code)


def run_case(case: dict[str, Any], args: list[str]) -> Run:
    """A run for a plan case: as a process if the case says so, within its time."""
    result = run(args, process=case.get("process", False), timeout=case.get("timeout", TIMEOUT))
    well_behaved(result)
    return result


def check_json(case: dict[str, Any], path: Path, line: int | None) -> None:
    file = str(path)
    result = run_case(case, ["check", "--format", "json", file])
    assert result.exit_code == case["exit"], str(result)
    data = json.loads(result.stdout)
    assert data["file"] == file, str(result)
    assert data["valid"] is (case["exit"] == 0), str(result)
    problems = data["errors"] + data["warnings"]
    codes = _codes(case)
    if codes:
        matching = [p for p in problems if p["code"] in codes]
        assert matching, f"no problem {codes} in\n{result}"
        if line is not None:
            lines = [p["line"] for p in matching]
            assert line in lines, f"{codes} at lines {lines}, not at line {line}\n{result}"


def check_text(case: dict[str, Any], path: Path, line: int | None) -> None:
    file = str(path)
    result = run_case(case, ["check", "--lang", "vi", file])
    assert result.exit_code == case["exit"], str(result)
    lines = result.stdout.splitlines()
    assert lines, str(result)
    for text in lines:
        assert text.startswith(file + ":"), f"a line that does not name the file\n{result}"
    codes = _codes(case)
    if codes:
        pattern = re.compile(
            rf"{re.escape(file)}(?::(\d+)(?::\d+)?)?: \w+\[(?:{'|'.join(map(re.escape, codes))})\]"
        )
        found = [pattern.match(text) for text in lines]
        places = [m.group(1) for m in found if m]
        assert places, f"no problem {codes} in\n{result}"
        if line is not None:
            assert str(line) in places, f"{codes} at lines {places}, not at {line}\n{result}"


def check_status(case: dict[str, Any], path: Path, line: int | None) -> None:
    """A command that needs a valid plan refuses this one, with the same exit code."""
    file = str(path)
    result = run_case(case, ["status", "-p", file])
    assert result.exit_code == case["exit"], str(result)
    if case["exit"] == 0:
        return
    assert file in result.stderr, f"the error does not name the file\n{result}"
    if line is not None:
        assert f"{file}:{line}:" in result.stderr, f"the error does not name line {line}\n{result}"
    codes = _codes(case)
    if case["exit"] == 1 and codes:
        assert any(f"[{code}]" in result.stderr for code in codes), str(result)


RUNS: dict[str, Callable[[dict[str, Any], Path, int | None], None]] = {
    "json": check_json,
    "text": check_text,
    "status": check_status,
}


@pytest.mark.parametrize("case", PLAN_CASES, ids=[case["name"] for case in PLAN_CASES])
def test_plan_file(case: dict[str, Any], tmp_path: Path) -> None:
    path = make_plan(case, tmp_path)
    line = expected_line(case, path)
    for name in case.get("runs", RUNS):
        RUNS[name](case, path, line)
    for extra in case.get("also", ()):
        result = run_case(case, [str(path) if arg == "FILE" else arg for arg in extra["args"]])
        assert result.exit_code == extra["exit"], str(result)


# --------------------------------------------------------------------------- command lines


def _fill(text: str, places: Mapping[str, str]) -> str:
    for key, value in places.items():
        text = text.replace("{" + key + "}", value)
    return text


@pytest.mark.parametrize("case", COMMAND_CASES, ids=[case["name"] for case in COMMAND_CASES])
def test_command_line(case: dict[str, Any], tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text(_plan_2017() + MANIFEST["command_plan"]["journal"], encoding="utf-8")
    (tmp_path / "folder").mkdir()
    places = {
        "plan": str(plan),
        "dir": str(tmp_path / "folder"),
        "missing": str(tmp_path / "no-such-folder"),
        "new": str(tmp_path / "new.toml"),
        "xff": os.fsdecode(b"\xff"),
    }
    before = plan.read_bytes()
    args = [_fill(arg, places) for arg in case["args"]]
    if case.get("nfd"):
        args = [unicodedata.normalize("NFD", arg) for arg in args]
    env = {key: _fill(value, places) for key, value in case.get("env", {}).items()}
    result = run(args, process=case.get("process", False), env=env)
    well_behaved(result)
    assert result.exit_code == case["exit"], str(result)
    if "says" in case:
        says = _fill(case["says"], places)
        assert says in result.stderr, f"the error does not mention {says!r}\n{result}"
    if "prints" in case:
        assert case["prints"] in result.stdout, str(result)
    if "code" in case:
        assert f"[{case['code']}]" in result.stderr, str(result)
    assert plan.read_bytes() == before, f"the plan file was changed\n{result}"
    if case["exit"] != 0:
        assert not (tmp_path / "new.toml").exists(), f"a file was written\n{result}"
        assert not (tmp_path / "no-such-folder").exists(), f"a folder was made\n{result}"


# --------------------------------------------------------------------------- the corpus itself


def test_corpus_is_big_enough_and_consistent() -> None:
    assert len(PLAN_CASES) >= 40
    assert len(COMMAND_CASES) >= 30
    names = [case["name"] for case in PLAN_CASES + COMMAND_CASES]
    assert len(names) == len(set(names)), "case names repeat"
    for case in PLAN_CASES:
        assert sum(key in case for key in ("base", "file", "make")) == 1, case["name"]
        assert case.get("make", "empty") in GENERATORS, case["name"]
        assert set(case.get("runs", ())) <= set(RUNS), case["name"]
        assert case["exit"] in (0, 1, 2), case["name"]
    used = {case["file"] for case in PLAN_CASES if "file" in case}
    # A case may also take a fixture the other tests share (../../fixtures/…).
    shared = {name for name in used if not name.startswith("plans/")}
    assert all((HOSTILE / name).is_file() for name in shared), shared
    used -= shared
    on_disk = {f"plans/{path.name}" for path in (HOSTILE / "plans").iterdir()}
    assert used == on_disk, f"unused: {on_disk - used}; missing: {used - on_disk}"
