"""Writing files so that readers see the old bytes or the new, never half.

The data goes to a temp file in the same folder (so the rename cannot cross
file systems), is flushed and fsynced and gets its permissions, and then
takes the target's name in one step; the folder is fsynced so that the new
name survives a crash.

- :func:`write_replacing` renames over what is there (the plan's journal,
  ``report -o``, ``schema -o``). A symlink stays a symlink, and a device or
  pipe (``-o /dev/stdout``) is written into, never replaced. Given a check
  of the file it replaces (the journal's compare-and-swap), it swaps the two
  names in one step where the system can (:func:`exchange`), so that the
  check judges the very file it displaced, and undoes the swap if it fails.
- :func:`write_new` hard-links the temp file to the new name, which fails if
  the name was taken meanwhile, so it never overwrites (``init``).

Temp files are named ``.<name>.<random>.tmp``; for a name too long for that
to fit in NAME_MAX bytes, ``.<hash of the name>.ggov.<random>.tmp``
(:func:`temp_prefix`). A temp file of a file is recognised by its exact
name (:func:`is_temp_of`), never by a glob pattern, so a name holding ``[``,
``*`` or ``?`` matches only its own temp files.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import os
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from ggov_plan.i18n.message import PerLanguage, msg
from ggov_plan.problems import UsageError

#: Why a write failed, in Vietnamese, by errno (English keeps the system's words).
_REASONS: dict[int, str] = {
    getattr(errno, name): key
    for name, key in (
        ("EACCES", "atomic.reason.permission"),
        ("EPERM", "atomic.reason.permission"),
        ("ENOSPC", "atomic.reason.no_space"),
        ("EDQUOT", "atomic.reason.quota"),  # not on every platform
        ("EROFS", "atomic.reason.read_only"),
        ("ENAMETOOLONG", "atomic.reason.name_too_long"),
        ("ELOOP", "atomic.reason.symlink_loop"),
        ("ENOTDIR", "atomic.reason.not_a_folder"),
        ("EIO", "atomic.reason.io"),
    )
    if hasattr(errno, name)
}


#: The longest file name most file systems take, in bytes (ext4, xfs, btrfs, tmpfs).
NAME_MAX = 255
#: The characters of the random part of a name from :func:`tempfile.mkstemp`.
_RANDOM_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
_RANDOM_LENGTH = 8  # tempfile's


def _name_max(folder: Path) -> int:
    try:
        return min(NAME_MAX, os.pathconf(folder, "PC_NAME_MAX"))
    except (OSError, ValueError, AttributeError):  # no pathconf on Windows
        return NAME_MAX


def short_name(name: str, suffix: str, folder: Path) -> str:
    """``.<name><suffix>``, or ``.<hash of name>.ggov<suffix>`` if that would
    not fit in the folder's longest file name."""
    if len(os.fsencode(f".{name}{suffix}")) <= _name_max(folder):
        return f".{name}{suffix}"
    digest = hashlib.sha256(os.fsencode(name)).hexdigest()[:32]
    return f".{digest}.ggov{suffix}"


def temp_prefix(path: Path) -> str:
    """The start of the name of ``path``'s temp files; they end in ``<random>.tmp``."""
    return short_name(path.name, "." + "x" * _RANDOM_LENGTH + ".tmp", path.parent)[
        : -(_RANDOM_LENGTH + len(".tmp"))
    ]


def is_temp_of(path: Path, candidate: str, prefix: str | None = None) -> bool:
    """Whether the file named ``candidate``, beside ``path``, is one of its temp files."""
    prefix = prefix or temp_prefix(path)
    if not (candidate.startswith(prefix) and candidate.endswith(".tmp")):
        return False
    middle = candidate[len(prefix) : -len(".tmp")]
    # Only a random part: ".plan.toml.x.abcd1234.tmp" belongs to plan.toml.x.
    return bool(middle) and set(middle) <= _RANDOM_CHARS


def remove_stale_temps(path: Path) -> None:
    """Remove the temp files ``path``'s killed writers left, matched exactly.

    Call it only while no other writer of ``path`` can be writing one (under
    the plan's lock), or where removing a live one only fails its writer
    harmlessly (the parse cache).
    """
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    prefix = temp_prefix(path)
    for name in names:
        if is_temp_of(path, name, prefix):
            with contextlib.suppress(OSError):
                (path.parent / name).unlink()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_folder(folder: Path) -> None:
    # A rename or link is durable only once the folder itself is on disk
    # (POSIX). The file is in place by now; a file system that cannot sync a
    # folder does not make the write fail.
    if hasattr(os, "O_DIRECTORY"):
        with contextlib.suppress(OSError):
            dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)


def _cannot_write(path: Path, error: OSError) -> UsageError:
    system = error.strerror or str(error)
    system = system[:1].lower() + system[1:]
    reason = PerLanguage(
        en=system, vi=msg(_REASONS[error.errno]) if error.errno in _REASONS else system
    )
    return UsageError(
        msg("atomic.cannot_write", path=path, reason=reason), hint=msg("atomic.cannot_write.hint")
    )


def _check_folder(path: Path) -> None:
    folder = path.parent
    if not folder.exists():
        raise UsageError(
            msg("atomic.no_folder", path=path, folder=folder),
            hint=msg("atomic.no_folder.hint", folder=folder),
        )
    if not folder.is_dir():
        raise UsageError(msg("atomic.not_a_folder", path=path, folder=folder))


def _temp_file(path: Path, data: bytes, mode: int) -> Path:
    """``data`` in a synced temp file beside ``path``, with ``mode``."""
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=temp_prefix(path), suffix=".tmp")
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return temp


def _refuse_existing(path: Path) -> UsageError:
    if path.is_dir():
        return UsageError(
            msg("atomic.is_folder", path=path),
            hint=msg("atomic.is_folder.hint_new", example=path / "plan.toml"),
        )
    return UsageError(msg("atomic.exists", path=path), hint=msg("atomic.exists.hint"))


def check_can_create(path: Path) -> None:
    """Raise UsageError now if :func:`write_new` could not create ``path``."""
    if os.path.lexists(path):
        raise _refuse_existing(path)
    _check_folder(path)


def write_new(path: Path, data: bytes) -> None:
    """Create ``path`` holding ``data``: all or nothing, and never over an existing file."""
    if os.path.lexists(path):
        raise _refuse_existing(path)
    _check_folder(path)
    try:
        temp = _temp_file(path, data, 0o666 & ~_umask())
    except OSError as error:
        raise _cannot_write(path, error) from None
    try:
        try:
            os.link(temp, path)  # fails if the name exists: never overwrites
        except FileExistsError:
            raise _refuse_existing(path) from None
        except OSError as error:
            if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS):
                raise _cannot_write(path, error) from None
            # No hard links here (some network or FAT file systems): claim the
            # name with O_EXCL, then rename the full text over the empty claim.
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            except FileExistsError:
                raise _refuse_existing(path) from None
            except OSError as claim_error:
                raise _cannot_write(path, claim_error) from None
            try:
                os.replace(temp, path)
            except OSError as rename_error:
                with contextlib.suppress(OSError):
                    path.unlink()  # our own empty claim
                raise _cannot_write(path, rename_error) from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    _fsync_folder(path.parent)


def write_replacing(
    path: Path, data: bytes, *, unchanged: Callable[[Path], None] | None = None
) -> None:
    """Write ``path`` atomically, replacing a regular file that is there.

    A symlink stays a symlink: the file it points to is replaced. A device,
    pipe or socket (``-o /dev/stdout``, ``/dev/null``) is written into, never
    replaced by a regular file.

    ``unchanged`` is called with the real path once the temp file is written
    and synced, just before the rename: it raises if the file may no longer
    be replaced (the journal's compare-and-swap), and the temp file is then
    removed and nothing is written.
    """
    try:
        info: os.stat_result | None = os.stat(path)  # follows symlinks
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise _cannot_write(path, error) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise UsageError(msg("atomic.is_folder", path=path), hint=msg("atomic.is_folder.hint"))
    try:
        if info is not None and not stat.S_ISREG(info.st_mode):
            with open(path, "wb") as handle:
                handle.write(data)
            return
        real = Path(os.path.realpath(path))
        _check_folder(real)
        mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()
        temp = _temp_file(real, data, mode)
        try:
            if unchanged is None:
                os.replace(temp, real)
            else:
                _swap_in(temp, real, unchanged)
        except BaseException:
            with contextlib.suppress(OSError):
                temp.unlink()
            raise
        _fsync_folder(real.parent)
    except OSError as error:
        raise _cannot_write(path, error) from None


def _swap_in(temp: Path, real: Path, unchanged: Callable[[Path], None]) -> None:
    """Put ``temp`` at ``real`` only if what it displaces passes ``unchanged``.

    Where the system can swap two names in one step (:func:`exchange`), the
    file that was at ``real`` at the very moment of the swap lands at
    ``temp``'s name and is judged there: nothing saved before the swap can
    be lost, however late. If it fails the judgement, the swap is undone.
    Elsewhere, the file is judged at ``real`` just before a plain rename,
    which leaves the window of a few microseconds that docs/reliability.md
    describes (guarantee 10).
    """
    ours = os.stat(temp)
    if not exchange(temp, real):
        unchanged(real)
        os.replace(temp, real)
        return
    try:
        unchanged(temp)  # the displaced file, under the temp file's name now
    except BaseException:
        _undo_swap(temp, real, ours)
        raise
    # The displaced file is the old plan; the caller removes nothing else.
    with contextlib.suppress(OSError):
        temp.unlink()


def _undo_swap(temp: Path, real: Path, ours: os.stat_result) -> None:
    """Give ``real`` back the file the swap displaced (still at ``temp``)."""
    exchange(temp, real)
    # If another program saved over our file between the two swaps, its save
    # now sits at ``temp``; it is newer than the file we just put back, so it
    # goes back to ``real``, and the older one is dropped with the temp name.
    with contextlib.suppress(OSError):
        if not os.path.samestat(os.stat(temp), ours):
            exchange(temp, real)


_RENAME_EXCHANGE = 2  # <linux/fs.h>
_AT_FDCWD = -100  # <fcntl.h> on Linux


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    """The C library's renameat2, or None where there is none."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # only writes of the plan need it

    try:
        call = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):  # musl before 1.2.5, an old glibc
        return None
    call.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    call.restype = ctypes.c_int
    return call


def exchange(first: Path, second: Path) -> bool:
    """Swap two existing names in one atomic step; False if this system cannot.

    Linux's renameat2(2) with RENAME_EXCHANGE (glibc 2.28, Linux 3.15; ext4,
    xfs, btrfs, tmpfs and others). Where the C library lacks it, or the file
    system refuses the flag (EINVAL), the caller falls back to rename(2).
    Other errors (permission, a full disk) are raised as :class:`OSError`.
    """
    call = _renameat2()
    if call is None:
        return False
    import ctypes

    # The call goes through ctypes, which audit hooks do not see as a
    # rename; this event names it for them (as os.rename's does).
    sys.audit("ggov_plan.exchange", first, second)

    if call(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # this file system (NFS, some FUSE) or kernel cannot swap
    raise OSError(code, os.strerror(code), os.fspath(second))
