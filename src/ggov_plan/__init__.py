"""ggov-plan: track a publicity plan for e-government declared in TOML.

The package is a pure core (load → validate → derive → render) with a thin
typer shell in :mod:`ggov_plan.cli`.
"""

__version__ = "0.1.0"
