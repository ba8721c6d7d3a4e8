"""Reading a plan: bytes → TOML → model → rules, behind one front door.

The stage owns finding and reading the file (:mod:`.files`), parsing it
(:mod:`.parse`), what a valid value is (:mod:`.validity`), building the
records and their problems (:mod:`.build`, :mod:`.model`), the rules that
judge a plan (:mod:`.rules`), the parse cache (:mod:`.cache`) and the JSON
Schema of the file (:mod:`.schema`).

Commands go through the front door (:mod:`.front`), re-exported here:
:func:`read` for every problem, :func:`open_valid` for a plan proved valid,
and, for a write under its lock, :func:`reread_for_write`,
:func:`prove_appended` and :func:`remember_written`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ggov_plan.plan.front import (
        Appended,
        Basis,
        Checked,
        Current,
        Reading,
        open_valid,
        prove_appended,
        read,
        remember_written,
        reread_for_write,
    )

__all__ = [
    "Appended",
    "Basis",
    "Checked",
    "Current",
    "Reading",
    "open_valid",
    "prove_appended",
    "read",
    "remember_written",
    "reread_for_write",
]


def __getattr__(name: str) -> Any:
    # Lazily: `--help` needs plan.model (the Status choices) but not the
    # reading machinery that the front door imports (tests/cli/test_imports.py).
    if name in __all__:
        from ggov_plan.plan import front

        return getattr(front, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
