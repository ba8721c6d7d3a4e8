"""The plans shipped inside the package, for ``ggov-plan init --from sample:NAME``.

A wheel or ``pipx`` install has no clone, so no ``data/`` folder: these copies
give it a complete plan to start from and to read as an example. Each sample
is a byte-for-byte copy of a file in the repository's ``data/`` folder, which
stays the one to edit; ``tests/test_wheel.py`` fails when a copy differs, and
``cp data/plan2017.toml src/ggov_plan/samples/`` brings it back in line.
(A symlink would not survive every checkout, and setuptools packages only
files inside the package's folder.)

This module imports nothing but the standard library's resource reader, so
``--help`` and ``init`` pay almost nothing for it.
"""

from __future__ import annotations

from importlib.resources import files

#: Each sample's name, as typed after ``sample:``, and its file in this package.
SAMPLES: dict[str, str] = {
    "plan2017": "plan2017.toml",  # Kế hoạch 228/KH-UBND, Tiền Giang, 2017
}

#: How ``--from`` names a sample rather than a file.
PREFIX = "sample:"


def names() -> tuple[str, ...]:
    """The samples' names, in the order ``--list-samples`` prints them."""
    return tuple(SAMPLES)


def text(name: str) -> str | None:
    """The sample's text, or None when no sample has that name."""
    file = SAMPLES.get(name)
    if file is None:
        return None
    return files(__name__).joinpath(file).read_bytes().decode("utf-8")
