"""Finding a plan file and reading its bytes as text.

Reading stops with an exception only when there is no text to work with: no
file, a folder, a pipe, bad UTF-8, or a file that keeps changing while it is
read. What the text says is judged later, in :mod:`ggov_plan.plan.parse`.

A read never takes a file that changed while it was read: the file is
stat'ed before and after (inode, size, modification time in nanoseconds);
if they differ, or the bytes read are not the size the file had, it is read
again, up to :data:`READ_ATTEMPTS` times, then refused with
:class:`PlanChanged` (exit 75, "try again"). Another program rewriting the
plan in place (truncate, then write) is seen this way. What the read proves
travels in a :class:`Stamp`, which a write checks again just before it
replaces the file (:mod:`ggov_plan.write.journal`).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ggov_plan.i18n.message import msg
from ggov_plan.problems import GgovPlanError, PlanNotFound, PlanUnreadable

#: How many times a file that changed while it was read is read again.
READ_ATTEMPTS = 5

#: Where a plan is looked for when no path is given, after $GGOV_PLAN_FILE.
DEFAULT_PLAN = Path("data") / "plan2017.toml"
PLAN_ENV = "GGOV_PLAN_FILE"


def find_plan(
    explicit: str | os.PathLike[str] | None,
    environ: Mapping[str, str],
    cwd: Path,
) -> Path:
    """The plan file to use: ``--plan``, else ``$GGOV_PLAN_FILE``, else the default.

    An explicit path is returned as given, even if missing, so that the reader
    can say precisely what is wrong with it.
    """
    if explicit is not None:
        return Path(explicit)
    looked: list[str] = []
    from_env = environ.get(PLAN_ENV, "")
    if from_env:
        candidate = Path(from_env)
        if candidate.exists():
            return candidate
        # No fall-back to the default: a cron job with a typo in its
        # environment must not quietly read, or write to, another plan.
        raise PlanNotFound(
            msg("read.not_found_env", env=PLAN_ENV, value=from_env),
            hint=msg("read.not_found_env.hint", env=PLAN_ENV, default=DEFAULT_PLAN),
        )
    default = cwd / DEFAULT_PLAN
    if default.exists():
        return default
    looked.append(str(default))
    raise PlanNotFound(
        msg("read.not_found_default", places=", ".join(looked)),
        hint=msg("read.not_found_default.hint", env=PLAN_ENV, default=DEFAULT_PLAN),
    )


# --------------------------------------------------------------------------- reading


class PlanChanged(GgovPlanError):
    """Another program changed the plan while it was read or written; nothing
    was written, and running the command again is safe (exit 75)."""

    exit_code = 75  # EX_TEMPFAIL, as a busy lock: try again (cli/shell.py)


@dataclass(frozen=True, slots=True)
class Stamp:
    """What the file system says about one version of a file."""

    device: int
    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, status: os.stat_result) -> Stamp:
        return cls(status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)


def _read_all(path: Path) -> bytes:
    # A seam for the tests, which rewrite the file while it is read.
    return path.read_bytes()


def read_bytes(path: Path) -> bytes:
    """The file's bytes; a missing or unreadable file is a clear error."""
    return read_stable(path)[0]


def read_stable(path: Path) -> tuple[bytes, Stamp]:
    """The file's bytes, read while the file did not change, and its stamp.

    Only a regular file is read: a named pipe would wait forever for a writer,
    and a device such as /dev/zero never ends. A missing or unreadable file
    is a clear error; a file that changes on every try is :class:`PlanChanged`.
    """
    try:
        for _ in range(READ_ATTEMPTS):
            before = path.stat()  # before opening: opening a pipe already waits
            if not stat.S_ISREG(before.st_mode) and not stat.S_ISDIR(before.st_mode):
                raise PlanUnreadable(
                    str(path), msg("read.not_regular"), hint=msg("read.not_regular.hint")
                )
            raw = _read_all(path)
            stamp = Stamp.of(before)
            if Stamp.of(path.stat()) == stamp and len(raw) == stamp.size:
                return raw, stamp
        raise PlanChanged(
            msg("read.kept_changing", path=path, times=READ_ATTEMPTS),
            hint=msg("read.kept_changing.hint"),
        )
    except FileNotFoundError:
        raise PlanNotFound(
            msg("read.not_found", path=path), hint=msg("read.not_found.hint")
        ) from None
    except IsADirectoryError:
        raise PlanUnreadable(str(path), msg("read.folder"), hint=msg("read.folder.hint")) from None
    except PermissionError:
        raise PlanUnreadable(
            str(path), msg("read.permission"), hint=msg("read.permission.hint")
        ) from None
    except OSError as error:
        reason = (
            msg("read.symlink_loop")
            if error.errno == errno.ELOOP
            else (error.strerror or str(error))
        )
        raise PlanUnreadable(str(path), msg("read.cannot_read", reason=reason)) from None


def decode(raw: bytes, path: Path | str) -> str:
    """Bytes as UTF-8 text; a leading byte-order mark is kept."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        # In characters, as TOML syntax errors count them, not bytes.
        column = len(raw[line_start : error.start].decode("utf-8", errors="replace")) + 1
        raise PlanUnreadable(
            str(path),
            msg("read.not_utf8", byte=f"{raw[error.start]:02x}"),
            hint=msg("read.not_utf8.hint"),
            line=line,
            column=column,
        ) from None


def read_text(path: Path) -> str:
    """The file's text, decoded as UTF-8; a leading byte-order mark is kept."""
    return decode(read_bytes(path), path)
