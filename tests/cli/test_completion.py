"""Shell completion: the scripts, the ids from the plan, and Tab in a real bash.

The shells run ``ggov-plan`` with ``_GGOV_PLAN_COMPLETE`` and the words typed
so far in the environment (COMP_WORDS for bash, _TYPER_COMPLETE_ARGS for zsh
and fish); these tests do the same, then press Tab in bash at a pty.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ggov_plan.cli import completion
from track_helpers import add_activity, cli, copy_plan, process_env


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = copy_plan(tmp_path, "plan.toml")
    add_activity(path, "--title", "Phóng sự truyền hình về dịch vụ công", "--id", "so-tttt-pstv")
    add_activity(path, "--title", "Tọa đàm", "--id", "so-tttt-tdam")
    return path


def _complete(shell: str, words: str, **extra: str) -> subprocess.CompletedProcess[str]:
    env = process_env()
    env[completion.COMPLETE_VAR] = f"complete_{shell}"
    if shell == "bash":
        parts = words.split(" ")
        env.update(COMP_WORDS=words, COMP_CWORD=str(len(parts) - 1))
    else:
        env["_TYPER_COMPLETE_ARGS"] = words
        env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"  # what the fish script asks first
    env.update(extra)
    return subprocess.run(
        [sys.executable, "-m", "ggov_plan"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
        check=False,
    )


def test_bash_completes_activity_ids_from_the_plan(plan: Path) -> None:
    done = _complete("bash", f"ggov-plan record -p {plan} so-tttt-p")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["so-tttt-pstv"]


def test_zsh_shows_each_id_with_its_title(plan: Path) -> None:
    done = _complete("zsh", f"ggov-plan activity show -p {plan} ")
    assert '"so-tttt-pstv":"Phóng sự truyền hình về dịch vụ công"' in done.stdout
    assert '"so-tttt-tdam":"Tọa đàm"' in done.stdout


def test_fish_completes_tasks_agencies_and_sources(plan: Path) -> None:
    done = _complete("fish", f"ggov-plan activity add -p {plan} --task v1-t")
    assert done.stdout.startswith("v1-truong-hoc\t"), done.stdout
    done = _complete("fish", f"ggov-plan activity add -p {plan} --source ")
    assert [line.split("\t")[0] for line in done.stdout.splitlines()] == [
        "ngan-sach-tinh",
        "xa-hoi-hoa",
    ]
    done = _complete("fish", f"ggov-plan activity list -p {plan} --agency so-")
    assert "so-tttt\tSở Thông tin và Truyền thông" in done.stdout.splitlines()


def test_commands_and_options_complete_too(plan: Path) -> None:
    assert "record" in _complete("bash", "ggov-plan rec").stdout.split()
    assert "--reason" in _complete("bash", f"ggov-plan record -p {plan} --rea").stdout.split()


def test_the_plan_comes_from_the_environment_when_not_typed(plan: Path) -> None:
    done = _complete("bash", "ggov-plan activity cancel so-tttt-t", GGOV_PLAN_FILE=str(plan))
    assert done.stdout.split() == ["so-tttt-tdam"]


def test_a_broken_plan_completes_nothing_and_says_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[plan\n", encoding="utf-8")
    done = _complete("bash", f"ggov-plan record -p {broken} so")
    assert done.returncode == 0
    assert done.stdout.strip() == "" and done.stderr == ""


def test_every_id_parameter_has_a_completer() -> None:
    from typer.main import get_command

    from ggov_plan.cli import whole_app

    root = get_command(whole_app())
    completion.attach(root)
    named = {
        " ".join((*path, param.name))
        for path, command in _commands(root, ())
        for param in command.params
        if param._custom_shell_complete is not None
    }
    for expected in (
        "record activity",
        "record source",
        "record void",
        "measure indicator",
        "measure void",
        "activity add task",
        "activity add agency",
        "activity add channel",
        "activity add content",
        "activity add source",
        "activity edit activity",
        "activity edit source",
        "activity show activity",
        "activity cancel activity",
        "activity reopen activity",
        "activity list agency",
        "activity list task",
    ):
        assert expected in named, expected
    assert "init source" not in named  # init's --from is a file, not a funding source


def _commands(command: Any, path: tuple[str, ...]) -> list[tuple[tuple[str, ...], Any]]:
    found: list[tuple[tuple[str, ...], Any]] = [(path, command)]
    for name, sub in (getattr(command, "commands", None) or {}).items():
        found.extend(_commands(sub, (*path, name)))
    return found


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_completion_command_prints_the_shells_script(shell: str) -> None:
    result = cli("completion", shell)
    assert result.exit_code == 0, result.stderr
    assert f"_GGOV_PLAN_COMPLETE=complete_{shell}" in result.stdout
    assert "ggov-plan" in result.stdout


def test_an_unknown_shell_is_refused_clearly() -> None:
    result = cli("completion", "tcsh", "--lang", "en")
    assert result.exit_code == 2
    assert "no completion for the shell 'tcsh'" in result.stderr
    assert "bash, zsh or fish" in result.stderr


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_tab_in_a_real_bash_completes_an_activity_id(plan: Path, tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    env = process_env()
    # The ggov-plan of this interpreter's environment, first on PATH.
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["PS1"] = "$ "
    env["HOME"] = str(tmp_path)
    if shutil.which("ggov-plan", path=env["PATH"]) is None:
        pytest.skip("the ggov-plan script is not installed beside this interpreter")
    child = pexpect.spawn("bash", ["--norc", "--noprofile"], env=env, encoding="utf-8", timeout=30)
    child.expect_exact("$ ")
    child.sendline('eval "$(ggov-plan completion bash)"')
    child.expect_exact("$ ")
    child.send(f"ggov-plan activity show -p {plan} so-tttt-ps\t")
    child.expect_exact("so-tttt-pstv")  # Tab finished the id on the line
    child.sendline("")  # and the command runs with it
    child.expect_exact("Phóng sự truyền hình về dịch vụ công")
    child.expect_exact("$ ")
    child.sendline("exit")
    child.expect(pexpect.EOF)


# --------------------------------------------------------------------------- in-process


def _in_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], words: str
) -> list[str]:
    from ggov_plan.cli import whole_app

    monkeypatch.setenv(completion.COMPLETE_VAR, "complete_fish")
    monkeypatch.setenv("_TYPER_COMPLETE_ARGS", words)
    monkeypatch.setenv("_TYPER_COMPLETE_FISH_ACTION", "get-args")
    with pytest.raises(SystemExit) as ended:
        completion.complete(whole_app())
    assert ended.value.code == 0
    return [line.split("\t")[0] for line in capsys.readouterr().out.splitlines() if line]


def test_every_kind_of_id_completes_in_process(
    plan: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    recorded = cli("record", "so-tttt-pstv", "--by", "t", "--date", "2017-10-02", "-p", plan)
    assert recorded.exit_code == 0, recorded.stderr
    measured = cli("measure", "dvc-muc-do-3", "700", "--date", "2017-12-01", "-p", plan)
    assert measured.exit_code == 0, measured.stderr
    cases = {
        "record -p {p} so-tttt-": ["so-tttt-pstv", "so-tttt-tdam"],
        "record -p {p} --void so-tttt-pstv-": [recorded.stdout.split()[0]],
        "measure -p {p} --void ": [measured.stdout.split()[0]],
        "measure -p {p} dvc-muc": ["dvc-muc-do-3", "dvc-muc-do-4"],
        "activity add -p {p} --channel truyen": ["truyen-hinh"],
        "activity add -p {p} --content dich": ["dich-vu-cong"],
        "activity edit -p {p} so-tttt-pstv --source xa": ["xa-hoi-hoa"],
    }
    for words, expected in cases.items():
        got = _in_process(monkeypatch, capsys, "ggov-plan " + words.format(p=plan))
        assert set(expected) <= set(got), (words, got)


def test_a_plan_that_cannot_be_found_completes_nothing_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.toml"
    assert _in_process(monkeypatch, capsys, f"ggov-plan record -p {missing} so") == []


def test_long_titles_are_shortened_for_the_shell() -> None:
    assert completion._short("a  b\nc") == "a b c"
    long = "x" * 100
    assert completion._short(long) == "x" * 59 + "…"
