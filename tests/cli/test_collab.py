"""Two real clones of one plan, merged through git (docs/collaboration.md).

Each test makes a bare "origin", two clones that each ran ``git-setup``
(or not), writes in each clone with real ``ggov-plan`` processes, and pulls
one into the other with real git.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from track_helpers import PLAN_2017, process_env

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

PLAN = "data/plan.toml"
TASK = "v1-san-xuat-chuong-trinh"


def _env() -> dict[str, str]:
    env = process_env()
    env.update(
        GIT_AUTHOR_NAME="Cán bộ",
        GIT_AUTHOR_EMAIL="can-bo@example.vn",
        GIT_COMMITTER_NAME="Cán bộ",
        GIT_COMMITTER_EMAIL="can-bo@example.vn",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GGOV_PLAN_LANG="en",
    )
    # git runs the driver through the shell: it must find this ggov-plan.
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return env


def git(folder: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        ["git", "-C", str(folder), *args],
        capture_output=True,
        text=True,
        env=_env(),
        check=False,
        timeout=60,
    )
    if check:
        assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done


def ggov(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ggov_plan", *args, "-p", str(folder / PLAN)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(),
        check=False,
        timeout=60,
    )


def _ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, (done.args, done.stdout, done.stderr)
    return done.stdout


@pytest.fixture
def clones(tmp_path: Path) -> tuple[Path, Path]:
    """Officer A's and officer B's clones of one plan, nothing set up yet."""
    origin, seed = tmp_path / "origin.git", tmp_path / "seed"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    git(tmp_path, "clone", "-q", str(origin), str(seed))
    (seed / "data").mkdir()
    shutil.copyfile(PLAN_2017, seed / PLAN)
    git(seed, "add", ".")
    git(seed, "commit", "-q", "-m", "the plan")
    git(seed, "push", "-q", "origin", "main")
    first, second = tmp_path / "a", tmp_path / "b"
    for clone in (first, second):
        git(tmp_path, "clone", "-q", str(origin), str(clone))
        git(clone, "config", "pull.rebase", "false")
    return first, second


def _set_up(first: Path, second: Path) -> None:
    out = _ok(ggov(first, "git-setup"))
    assert "merge driver set" in out and "added to" in out
    git(first, "commit", "-q", "-am", "merge the plan with ggov-plan", check=False)
    git(first, "add", ".gitattributes")
    git(first, "commit", "-q", "-m", "merge the plan with ggov-plan")
    git(first, "push", "-q", "origin", "main")
    git(second, "pull", "-q", "origin", "main")
    out = _ok(ggov(second, "git-setup"))
    assert "already says" in out  # the committed line came with the pull


def _add(clone: Path, *args: str) -> str:
    out = _ok(ggov(clone, "activity", "add", "--task", TASK, *args))
    return out.splitlines()[0]


def _commit_and_push(clone: Path, message: str) -> None:
    git(clone, "commit", "-q", "-am", message)
    git(clone, "push", "-q", "origin", "main")


def test_appends_in_two_clones_merge_without_conflict_and_without_loss(
    clones: tuple[Path, Path],
) -> None:
    first, second = clones
    _set_up(first, second)
    one = _add(first, "--title", "Phóng sự A")
    _ok(ggov(first, "record", one, "--by", "a", "--date", "2017-10-02"))
    _commit_and_push(first, "A's work")
    two = _add(second, "--title", "Phóng sự B")
    _ok(ggov(second, "record", two, "--by", "b", "--date", "2017-10-03"))
    ours_before = (second / PLAN).read_bytes()
    git(second, "commit", "-q", "-am", "B's work")
    pulled = git(second, "pull", "-q", "--no-edit", "origin", "main")
    assert "CONFLICT" not in pulled.stdout + pulled.stderr
    merged = (second / PLAN).read_bytes()
    assert merged.startswith(ours_before)  # B's file byte for byte, A's blocks after it
    text = merged.decode("utf-8")
    assert text.count(f'id = "{one}"') == 1 and text.count(f'id = "{two}"') == 1
    assert text.count("[[completion]]") == 2
    _ok(ggov(second, "check"))


def test_a_record_written_in_both_clones_under_one_id_is_kept_once(
    clones: tuple[Path, Path],
) -> None:
    first, second = clones
    _set_up(first, second)
    for clone in (first, second):
        _add(clone, "--title", "Phóng sự chung", "--id", "so-tttt-chung")
    _commit_and_push(first, "A")
    git(second, "commit", "-q", "-am", "B")
    git(second, "pull", "-q", "--no-edit", "origin", "main")
    text = (second / PLAN).read_text(encoding="utf-8")
    assert text.count('id = "so-tttt-chung"') == 1
    _ok(ggov(second, "check"))


def test_two_edits_of_one_declared_line_stop_the_merge(clones: tuple[Path, Path]) -> None:
    first, second = clones
    _set_up(first, second)
    for clone, name in ((first, "Ngân sách cấp tỉnh"), (second, "Ngân sách tỉnh năm 2017")):
        plan = clone / PLAN
        plan.write_text(
            plan.read_text(encoding="utf-8").replace(
                'name = "Ngân sách tỉnh"', f'name = "{name}"', 1
            ),
            encoding="utf-8",
        )
        _add(clone, "--title", f"Phóng sự {name}")  # and both appended too
    _commit_and_push(first, "A: cấp tỉnh")
    git(second, "commit", "-q", "-am", "B: năm 2017")
    pulled = git(second, "pull", "--no-edit", "origin", "main", check=False)
    assert pulled.returncode != 0
    assert "CONFLICT" in pulled.stdout
    text = (second / PLAN).read_text(encoding="utf-8")
    assert '<<<<<<< ours\nname = "Ngân sách tỉnh năm 2017"' in text
    assert '=======\nname = "Ngân sách cấp tỉnh"\n>>>>>>> theirs' in text
    # The journal merged as records: both activities, outside the markers.
    assert text.count("[[activity]]") == 2
    assert text.rindex(">>>>>>> theirs") < text.index("[[activity]]")


def test_without_the_driver_git_stops_and_loses_nothing(clones: tuple[Path, Path]) -> None:
    first, second = clones
    one = _add(first, "--title", "Phóng sự A")
    _commit_and_push(first, "A")
    two = _add(second, "--title", "Phóng sự B")
    git(second, "commit", "-q", "-am", "B")
    pulled = git(second, "pull", "--no-edit", "origin", "main", check=False)
    assert pulled.returncode != 0 and "CONFLICT" in pulled.stdout
    text = (second / PLAN).read_text(encoding="utf-8")
    assert one in text and two in text  # both sides, between conflict markers


def test_a_merge_that_over_allocates_a_source_stops_and_names_the_repair(
    clones: tuple[Path, Path],
) -> None:
    first, second = clones
    _set_up(first, second)
    costly = ("--cost", "100000000", "--source", "ngan-sach-tinh")
    one = _add(first, "--title", "Phóng sự A", *costly)
    _commit_and_push(first, "A")
    _add(second, "--title", "Phóng sự B", *costly)
    git(second, "commit", "-q", "-am", "B")
    pulled = git(second, "pull", "--no-edit", "origin", "main", check=False)
    assert pulled.returncode != 0
    assert "the merged plan has 1 error(s) that neither side had" in pulled.stderr
    assert PLAN in pulled.stderr
    # Both sides' records are in the file, without markers: the plan reads.
    checked = ggov(second, "check")
    assert checked.returncode == 1
    # Cancelling one of the two activities repairs it, through the CLI.
    cancel = ggov(second, "activity", "cancel", one, "--reason", "trùng sau khi gộp")
    assert cancel.returncode == 0, cancel.stderr
    _ok(ggov(second, "check"))
    git(second, "add", PLAN)
    git(second, "commit", "-q", "--no-edit")


def test_git_setup_outside_a_repository_is_refused(tmp_path: Path) -> None:
    shutil.copyfile(PLAN_2017, tmp_path / "plan.toml")
    done = subprocess.run(
        [sys.executable, "-m", "ggov_plan", "git-setup", "-p", str(tmp_path / "plan.toml")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**_env(), "GIT_CEILING_DIRECTORIES": str(tmp_path.parent)},
        check=False,
    )
    assert done.returncode == 2
    assert "is not in a git repository" in done.stderr
    assert "Traceback" not in done.stderr


# --------------------------------------------------------------------------- in-process


def _versions(tmp_path: Path) -> tuple[Path, Path, Path]:
    base, ours, theirs = (tmp_path / name for name in ("base.toml", "ours.toml", "theirs.toml"))
    for path in (base, ours, theirs):
        shutil.copyfile(PLAN_2017, path)
    return base, ours, theirs


def _append(path: Path, ident: str, cost: int = 0) -> None:
    from ggov_plan.write.journal import render_blocks

    record: dict[str, object] = {"id": ident, "task": TASK, "title": f"Phóng sự {ident}"}
    if cost:
        record.update(cost=cost, source="ngan-sach-tinh")
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("\n" + render_blocks([("activity", record)]))


def test_the_driver_merges_two_appends_in_place(tmp_path: Path) -> None:
    from track_helpers import cli

    base, ours, theirs = _versions(tmp_path)
    _append(ours, "so-tttt-aaaa")
    _append(theirs, "so-tttt-bbbb")
    mine = ours.read_bytes()
    result = cli("merge-driver", base, ours, theirs, "data/plan.toml")
    assert result.exit_code == 0, result.stderr
    assert ours.read_bytes().startswith(mine)
    assert b'id = "so-tttt-bbbb"' in ours.read_bytes()


def test_the_driver_leaves_markers_for_two_edits_of_one_line(tmp_path: Path) -> None:
    from track_helpers import cli

    base, ours, theirs = _versions(tmp_path)
    for path, word in ((ours, "cấp tỉnh"), (theirs, "tỉnh 2017")):
        text = path.read_text(encoding="utf-8").replace(
            'name = "Ngân sách tỉnh"', f'name = "Ngân sách {word}"', 1
        )
        path.write_text(text, encoding="utf-8")
    result = cli("merge-driver", base, ours, theirs, "--lang", "en")
    assert result.exit_code == 1
    assert "1 conflict(s) left between <<<<<<< and >>>>>>> markers" in result.stderr
    text = ours.read_text(encoding="utf-8")
    assert '<<<<<<< ours\nname = "Ngân sách cấp tỉnh"\n=======\n' in text
    assert list(tmp_path.glob(".ggov-plan-merge-*")) == []  # its temp folder is gone


def test_the_driver_stops_on_a_merge_with_new_errors(tmp_path: Path) -> None:
    from track_helpers import cli

    base, ours, theirs = _versions(tmp_path)
    _append(ours, "so-tttt-aaaa", cost=100_000_000)
    _append(theirs, "so-tttt-bbbb", cost=100_000_000)
    result = cli("merge-driver", base, ours, theirs, "data/plan.toml", "--lang", "vi")
    assert result.exit_code == 1
    assert "có 1 lỗi mà không bên nào có trước đó" in result.stderr
    assert "data/plan.toml:" in result.stderr  # named as in the repository
    assert "ggov-plan activity edit so-tttt-bbbb --cost 63000000" in result.stderr
    assert b"<<<<<<<" not in ours.read_bytes()


def test_the_driver_refuses_a_version_that_is_not_text(tmp_path: Path) -> None:
    from track_helpers import cli

    base, ours, theirs = _versions(tmp_path)
    theirs.write_bytes(b"\xff\xfe not utf-8")
    before = ours.read_bytes()
    result = cli("merge-driver", base, ours, theirs)
    assert result.exit_code == 2
    assert "cannot read" in result.stderr or "không đọc được" in result.stderr
    assert ours.read_bytes() == before


def test_git_setup_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from track_helpers import cli

    for name, value in _env().items():
        if name.startswith("GIT_"):
            monkeypatch.setenv(name, value)
    git(tmp_path, "init", "-q")
    folder = tmp_path / "kế hoạch"
    folder.mkdir()
    plan = folder / "plan [1].toml"
    shutil.copyfile(PLAN_2017, plan)
    result = cli("git-setup", "-p", plan, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    line = '"/kế hoạch/plan \\\\[1].toml" merge=ggov-plan'
    assert (tmp_path / ".gitattributes").read_text(encoding="utf-8") == line + "\n"
    checked = git(tmp_path, "check-attr", "merge", "--", "kế hoạch/plan [1].toml")
    assert checked.stdout.strip().endswith("merge: ggov-plan")
    assert "merge-driver %O %A %B %P" in git(tmp_path, "config", "merge.ggov-plan.driver").stdout
    again = cli("git-setup", "-p", plan, "--lang", "en")
    assert "already says" in again.stdout
    assert (tmp_path / ".gitattributes").read_text(encoding="utf-8") == line + "\n"


def test_git_setup_without_git_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from track_helpers import cli

    shutil.copyfile(PLAN_2017, tmp_path / "plan.toml")
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = cli("git-setup", "-p", tmp_path / "plan.toml", "--lang", "en")
    assert result.exit_code == 2
    assert "git is not installed" in result.stderr
