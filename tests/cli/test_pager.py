"""``show`` at a terminal pages a plan taller than the screen, as git does."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from ggov_plan.cli.pager import pager_command
from track_helpers import PLAN_2017, cli, process_env

pexpect = pytest.importorskip("pexpect")
posix = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")

#: A pager that says it was used, how many lines it got, and what LESS was.
FAKE = """import os, sys
text = sys.stdin.read()
print("PAGED", text.count("\\n"), "LESS=" + os.environ.get("LESS", "-"))
"""


def _show(tmp_path: Path, *args: str, rows: int, pager: str | None = None) -> str:
    env = process_env()
    env["GGOV_PLAN_LANG"] = "en"
    for name in ("COLUMNS", "LINES", "PAGER", "GGOV_PLAN_PAGER"):  # the pty's size rules
        env.pop(name, None)
    if pager is not None:
        env["GGOV_PLAN_PAGER"] = pager
    child = pexpect.spawn(
        sys.executable,
        ["-m", "ggov_plan", "show", "-p", str(PLAN_2017), *args],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(rows, 100),
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    return str(child.before)


@pytest.fixture
def fake(tmp_path: Path) -> str:
    script = tmp_path / "fake_pager.py"
    script.write_text(FAKE, encoding="utf-8")
    return f"{sys.executable} {script}"


@posix
def test_a_plan_taller_than_the_terminal_goes_through_the_pager(tmp_path: Path, fake: str) -> None:
    output = _show(tmp_path, rows=24, pager=fake)
    assert "PAGED" in output
    assert "Plan 228/KH-UBND" not in output.split("PAGED")[0]  # nothing printed around it


@posix
def test_a_plan_that_fits_is_printed(tmp_path: Path, fake: str) -> None:
    output = _show(tmp_path, rows=2000, pager=fake)
    assert "PAGED" not in output and "228/KH-UBND" in output


@posix
def test_no_pager_prints_everything(tmp_path: Path, fake: str) -> None:
    output = _show(tmp_path, "--no-pager", rows=24, pager=fake)
    assert "PAGED" not in output and "228/KH-UBND" in output


@posix
def test_less_gets_git_s_settings(tmp_path: Path) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    less = folder / "less"
    less.write_text(f"#!{sys.executable}\n" + FAKE, encoding="utf-8")
    less.chmod(0o755)
    output = _show(tmp_path, rows=24, pager=str(less))
    assert "LESS=FRX" in output


@posix
def test_a_pager_that_does_not_exist_loses_nothing(tmp_path: Path) -> None:
    output = _show(tmp_path, rows=24, pager="/nonexistent/pager")
    assert "228/KH-UBND" in output


def test_in_a_pipe_nothing_is_paged(fake: str) -> None:
    result = cli("show", "-p", PLAN_2017)  # CliRunner: stdout is no terminal
    assert result.exit_code == 0
    assert "PAGED" not in result.stdout and "228/KH-UBND" in result.stdout


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"GGOV_PLAN_PAGER": "cat"}, None),
        ({"GGOV_PLAN_PAGER": ""}, None),
        ({"GGOV_PLAN_PAGER": "most -s", "PAGER": "less"}, ["most", "-s"]),
        ({"PAGER": "'my pager' -x"}, ["my pager", "-x"]),
    ],
)
def test_which_pager(environ: dict[str, str], expected: list[str] | None) -> None:
    assert pager_command(environ) == expected


def test_without_a_setting_less_is_the_pager(monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    assert pager_command({}) == ["/usr/bin/less"]
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert pager_command({}) is None


# --------------------------------------------------------------------------- in-process


class _Ran:
    def __init__(self) -> None:
        self.calls: list[tuple[list[str], bytes, dict[str, str]]] = []


def _terminal(monkeypatch: pytest.MonkeyPatch, height: int) -> Any:
    """page() as at a terminal ``height`` lines tall, its output captured."""
    import io

    from rich.console import Console

    from ggov_plan.render.console import terminal

    out = io.StringIO()
    monkeypatch.setattr(
        terminal,
        "make_console",
        lambda: Console(file=out, force_terminal=True, height=height, width=80),
    )
    monkeypatch.setattr(sys, "stdout", out)
    return out


def _draw(console: Any) -> None:
    for n in range(30):
        console.print(f"dòng {n}")


def test_page_in_process_hands_a_tall_text_to_the_pager(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import subprocess

    from ggov_plan.cli import pager

    out = _terminal(monkeypatch, height=10)
    ran = _Ran()
    monkeypatch.setenv("GGOV_PLAN_PAGER", "/usr/bin/less -S")
    monkeypatch.delenv("LESS", raising=False)
    monkeypatch.setattr(
        subprocess, "run", lambda args, input, env, check: ran.calls.append((args, input, env))
    )
    pager.page(_draw)
    ((args, text, env),) = ran.calls
    assert args == ["/usr/bin/less", "-S"] and env["LESS"] == "FRX"
    assert text.decode().count("dòng") == 30 and out.getvalue() == ""


def test_page_in_process_prints_what_fits_and_survives_a_missing_pager(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import subprocess

    from ggov_plan.cli import pager

    out = _terminal(monkeypatch, height=100)
    monkeypatch.setenv("GGOV_PLAN_PAGER", "less")
    pager.page(_draw)
    assert out.getvalue().count("dòng") == 30  # fits: printed, no pager

    out = _terminal(monkeypatch, height=10)

    def missing(*args: object, **kwargs: object) -> None:
        raise FileNotFoundError("less")

    monkeypatch.setattr(subprocess, "run", missing)
    pager.page(_draw)
    assert out.getvalue().count("dòng") == 30  # no such pager: printed all the same

    out = _terminal(monkeypatch, height=10)

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(subprocess, "run", interrupted)
    pager.page(_draw)  # Ctrl-C in the pager ends the reading quietly
    assert out.getvalue() == "\n"
