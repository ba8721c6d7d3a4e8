"""Writing a file so that readers see the old bytes or the new, never half.

The data goes to a temp file in the same folder (so the rename cannot cross
file systems), is flushed and fsynced, gets its permissions, and is renamed
over the target; then the folder is fsynced so the rename survives a crash.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from ggov_plan.problems import UsageError


def _default_mode() -> int:
    # What open() would give a new file: 0o666 less the umask.
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomically(target: Path, data: bytes) -> None:
    """Replace (or create) ``target`` with ``data``; keep an existing file's mode."""
    folder = target.parent
    if not folder.is_dir():
        raise UsageError(
            f"{target}: the folder {folder} does not exist",
            hint="create the folder first, or write somewhere else",
        )
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = _default_mode()
    fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    if hasattr(os, "O_DIRECTORY"):
        dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
