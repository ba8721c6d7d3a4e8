"""A write that landed reports success, whatever happens to its output.

A script that retries a failed command must not record twice: with stdout
full, closed or a broken pipe, a write that landed still exits 0, says on
stderr that it was written, and never says "internal error"
(docs/reliability.md, guarantee 12). ``activity add --id`` run twice with the
same values is a no-op success; with other values, a refusal.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from track_helpers import add_activity, cli, copy_plan, process_env

TASK = "v1-san-xuat-chuong-trinh"
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="/dev/full, pipes and SIGPIPE")


def _ggov(*args: object) -> list[str]:
    return [sys.executable, "-m", "ggov_plan", *(str(a) for a in args)]


def _completions(plan: Path) -> int:
    return plan.read_text(encoding="utf-8").count("[[completion]]")


@pytest.fixture
def recorded(tmp_path: Path) -> tuple[Path, str]:
    plan = copy_plan(tmp_path, "plan.toml")
    return plan, add_activity(plan, "--title", "Phóng sự")


def _says_written(stderr: str) -> None:
    assert "was written, but the output could not be" in stderr, stderr
    assert "do not run the command again" in stderr
    assert "internal error" not in stderr
    assert "Traceback" not in stderr


@POSIX_ONLY
def test_record_into_a_full_stdout_exits_0(recorded: tuple[Path, str]) -> None:
    plan, ident = recorded
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            _ggov("record", ident, "--by", "t", "-p", plan),
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=process_env(),
            check=False,
        )
    assert done.returncode == 0, done.stderr
    _says_written(done.stderr)
    assert "No space left on device" in done.stderr
    assert _completions(plan) == 1


CLOSED_STDOUT = """
    import os, sys
    os.close(1)
    from ggov_plan.cli import main
    sys.argv = ["ggov-plan", *sys.argv[1:]]
    main()
"""


@POSIX_ONLY
def test_record_with_stdout_closed_exits_0(recorded: tuple[Path, str]) -> None:
    plan, ident = recorded
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(CLOSED_STDOUT), "record", ident, "--by", "t",
         "-p", str(plan)],
        stderr=subprocess.PIPE, text=True, env=process_env(), check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "internal error" not in done.stderr
    assert "Traceback" not in done.stderr
    assert _completions(plan) == 1
    # Nothing ggov-plan opened took the closed stdout's number.
    assert cli("check", "-p", plan).exit_code == 0


@POSIX_ONLY
def test_record_into_a_broken_pipe_exits_0(recorded: tuple[Path, str]) -> None:
    plan, ident = recorded
    reader, writer = os.pipe()
    os.close(reader)  # the reader is gone before anything is written
    try:
        done = subprocess.run(
            _ggov("record", ident, "--by", "t", "-p", plan),
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            env=process_env(),
            check=False,
        )
    finally:
        os.close(writer)
    assert done.returncode == 0, (done.returncode, done.stderr)
    _says_written(done.stderr)
    assert _completions(plan) == 1


@POSIX_ONLY
def test_a_read_into_a_broken_pipe_still_ends_as_sigpipe(tmp_path: Path) -> None:
    """`show | head` ends quietly, as before: killed by SIGPIPE, nothing on stderr."""
    plan = copy_plan(tmp_path, "plan.toml")
    reader, writer = os.pipe()
    os.close(reader)
    try:
        done = subprocess.run(
            _ggov("show", "-p", plan), stdout=writer, stderr=subprocess.PIPE, text=True,
            env=process_env(), check=False,
        )  # fmt: skip
    finally:
        os.close(writer)
    assert done.returncode == -signal.SIGPIPE
    assert done.stderr == ""


@POSIX_ONLY
def test_a_read_into_a_full_stdout_is_an_output_failure(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path, "plan.toml")
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            _ggov("show", "-p", plan), stdout=full, stderr=subprocess.PIPE, text=True,
            env=process_env(), check=False,
        )  # fmt: skip
    assert done.returncode == 74
    assert "the output could not be written: No space left on device" in done.stderr
    assert "internal error" not in done.stderr


# --------------------------------------------------------------------------- --id


ADD = ("activity", "add", "--task", TASK, "--title", "Phóng sự", "--id", "so-tttt-mot")


def test_the_same_add_with_the_same_id_is_a_no_op_success(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path, "plan.toml")
    first = cli(*ADD, "--target", "3", "-p", plan)
    assert first.exit_code == 0, first.stderr
    after_first = plan.read_bytes()
    again = cli(*ADD, "--target", "3", "-p", plan)
    assert again.exit_code == 0, again.stderr
    assert again.stdout.splitlines()[-1] == "so-tttt-mot"
    assert "already recorded" in again.stderr
    assert plan.read_bytes() == after_first


def test_the_same_id_with_other_values_is_refused(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path, "plan.toml")
    assert cli(*ADD, "--target", "3", "-p", plan).exit_code == 0
    after_first = plan.read_bytes()
    other = cli(*ADD, "--target", "4", "-p", plan)
    assert other.exit_code == 2
    assert "so-tttt-mot" in other.stderr
    assert "already" in other.stderr
    assert plan.read_bytes() == after_first


@POSIX_ONLY
def test_a_script_retrying_an_add_after_a_full_stdout_adds_once(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path, "plan.toml")
    with open("/dev/full", "w") as full:
        first = subprocess.run(
            _ggov(*ADD, "-p", plan), stdout=full, stderr=subprocess.PIPE, text=True,
            env=process_env(), check=False,
        )  # fmt: skip
    assert first.returncode == 0, first.stderr
    again = subprocess.run(
        _ggov(*ADD, "-p", plan), capture_output=True, text=True, env=process_env(), check=False
    )
    assert again.returncode == 0, again.stderr
    assert plan.read_text(encoding="utf-8").count('id = "so-tttt-mot"') == 1
