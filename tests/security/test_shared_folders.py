"""A plan shared by a group: whoever may write the plan may take its lock.

The lock file takes the plan's group and mode bits, whatever the first
writer's umask (docs/security.md, The lock file). Run as root, which can
create two OS users; skipped otherwise.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from track_helpers import PLAN_2017, add_activity, process_env

GROUP = "ggovshare"
USERS = ("ggova", "ggovb")

pytestmark = pytest.mark.skipif(
    os.name != "posix" or os.geteuid() != 0 or shutil.which("useradd") is None,
    reason="needs root and useradd to create two OS users in one group",
)


def _ensure_users() -> None:
    try:
        grp.getgrnam(GROUP)
    except KeyError:
        subprocess.run(["groupadd", GROUP], check=True)
    for user in USERS:
        try:
            pwd.getpwnam(user)
        except KeyError:
            # Each user's own primary group; the shared group as a supplementary one.
            subprocess.run(["useradd", "-M", "-U", "-G", GROUP, user], check=True)


@pytest.fixture
def shared(tmp_path: Path) -> Iterator[Path]:
    _ensure_users()
    gid = grp.getgrnam(GROUP).gr_gid
    folder = Path("/tmp") / f"ggov-shared-{os.getpid()}-{tmp_path.name}"
    folder.mkdir(mode=0o775)
    os.chown(folder, pwd.getpwnam(USERS[0]).pw_uid, gid)
    os.chmod(folder, 0o775)  # not setgid: new files get their creator's group
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


#: The interpreter lives under /root (mode 700) here: the child imports what
#: it needs as root, then becomes the user, then runs the command.
AS_USER = """
import importlib, os, pkgutil, sys
import ggov_plan
for module in pkgutil.walk_packages(ggov_plan.__path__, "ggov_plan."):
    if ".render." not in module.name and module.name != "ggov_plan.__main__":
        importlib.import_module(module.name)
import filelock, tomli_w, platformdirs, getpass, pickle, tempfile, secrets, hashlib, json, ctypes
uid, gid, groups = int(sys.argv[1]), int(sys.argv[2]), [int(g) for g in sys.argv[3].split(",")]
os.setgroups(groups)
os.setgid(gid)
os.setuid(uid)
os.umask(0o022)
from ggov_plan.cli import main
sys.argv = ["ggov-plan", *sys.argv[4:]]
main()
"""


def _run_as(user: str, folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    entry = pwd.getpwnam(user)
    groups = ",".join(str(g) for g in os.getgrouplist(user, entry.pw_gid))
    env = {**process_env(), "HOME": str(folder), "XDG_CACHE_HOME": str(folder / f".cache-{user}")}
    return subprocess.run(
        [sys.executable, "-c", AS_USER, str(entry.pw_uid), str(entry.pw_gid), groups, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=folder,
        timeout=60,
        check=False,
    )


def test_a_second_user_of_the_group_can_take_the_first_users_lock(shared: Path) -> None:
    plan = shared / "plan.toml"
    shutil.copyfile(PLAN_2017, plan)
    activity = add_activity(plan, "--title", "Phóng sự")  # as root: the setup
    gid = grp.getgrnam(GROUP).gr_gid
    os.chown(plan, pwd.getpwnam(USERS[0]).pw_uid, gid)
    os.chmod(plan, 0o664)
    lock = shared / ".plan.toml.lock"
    lock.unlink(missing_ok=True)
    first = _run_as(USERS[0], shared, "record", activity, "--by", "a", "-p", str(plan))
    assert first.returncode == 0, first.stderr
    info = lock.stat()
    assert info.st_uid == pwd.getpwnam(USERS[0]).pw_uid
    assert info.st_gid == gid  # the plan's group, not the first writer's own
    assert stat.S_IMODE(info.st_mode) == 0o664  # the plan's mode, not 0644 from the umask
    second = _run_as(USERS[1], shared, "record", activity, "--by", "b", "-p", str(plan))
    assert second.returncode == 0, second.stderr
    assert plan.read_text(encoding="utf-8").count("[[completion]]") == 2
