"""Before each timed run of a write: a fresh copy of its data, and a warm cache.

    python bench/prepare.py SRC DST [-- COMMAND ...]

Copies the file or folder SRC to DST (replacing DST), so that every run of a
write (`activity add`, `record`, `task add`) starts from the same data; then,
if a COMMAND follows ``--``, runs it with its output discarded, e.g. a
`ggov-plan status` that leaves the parse cache warm for the fresh copy.
bench/run.py passes this to hyperfine's --prepare; it is never timed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    command: list[str] = []
    if "--" in argv:
        at = argv.index("--")
        argv, command = argv[:at], argv[at + 1 :]
    if len(argv) != 2:
        print("usage: python bench/prepare.py SRC DST [-- COMMAND ...]", file=sys.stderr)
        return 2
    source, target = Path(argv[0]), Path(argv[1])
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
    if source.is_dir():
        shutil.copytree(source, target)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    if command:
        done = subprocess.run(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
        )
        if done.returncode != 0:
            sys.stderr.write(done.stderr.decode("utf-8", "replace"))
            return done.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
