"""New record ids: short, readable, stable, and safe to make in two clones at once.

An activity id is its agency's id plus four random characters
(``so-tttt-k3m9``); a completion id is its activity's id plus four more
(``so-tttt-k3m9-x7pq``). The random part, drawn from 31 characters that
cannot be misread (no 0/o, 1/l/i), makes two officers appending in separate
clones of the repository very unlikely to pick the same id (1 in 923,521 for
two new records under one agency), and the id is also checked against every
id already in the file, so a collision within one file is impossible.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Collection

ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
RANDOM_LENGTH = 4


def random_part(choice: Callable[[str], str] = secrets.choice) -> str:
    return "".join(choice(ALPHABET) for _ in range(RANDOM_LENGTH))


def new_id(
    prefix: str,
    taken: Collection[str],
    choice: Callable[[str], str] = secrets.choice,
) -> str:
    """``prefix-xxxx``, not among ``taken``."""
    for _ in range(1000):
        candidate = f"{prefix}-{random_part(choice)}"
        if candidate not in taken:
            return candidate
    raise RuntimeError(f"no free id with prefix {prefix!r} after 1000 tries")
