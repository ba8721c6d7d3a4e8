"""The JSON shapes every output shares: the version, a problem, a failure.

Kept apart from :mod:`ggov_plan.render.data`, which loads the books: ``check
--format json`` and the error edge (:mod:`ggov_plan.cli.shell`) use these
without loading them. docs/json.md describes each shape; their JSON Schemas
are in :mod:`ggov_plan.render.json_schemas`.
"""

from __future__ import annotations

from typing import Any

from ggov_plan.problems import Problem

#: The version of every JSON output (:data:`ggov_plan.render.data.JSON_VERSION`).
#: Bumped when a key is removed or changes meaning; adding keys does not bump it.
#: 2: quantities are given per unit (``quantities``), never summed across
#: units (``quantity_done``, ``quantity_target``, a group's ``done`` and
#: ``target`` are gone); progress is the mean over tasks (docs/progress.md).
#: 3: every output carries it (``check --format json`` too); a source is
#: ``{id, name, amount, ...}`` everywhere (``report``'s ``declared`` became
#: ``amount``, and it gained ``name``); a problem is ``{code, severity,
#: message, hint, line, column, path}`` everywhere (check's gained
#: ``severity``, report's ``hint``); a failure prints ``{schema_version, error}``.
JSON_VERSION = 3


def problem_item(problem: Problem) -> dict[str, Any]:
    """One problem, the same in ``check``, ``report`` and a failure's ``problems``."""
    return {
        "code": problem.code,
        "severity": problem.severity.value,
        "message": problem.message,
        "hint": problem.hint,
        "line": problem.line,
        "column": problem.column,
        "path": problem.path,
    }


def error_object(
    code: str, message: str, hint: str, exit_code: int, problems: list[Problem] | None = None
) -> dict[str, Any]:
    """What a ``--json`` command prints on stdout when it fails.

    ``code`` is a stable word (:data:`ERROR_CODES`); ``problems`` is given only
    for a plan that is not valid: its errors, each as :func:`problem_item`.
    """
    error: dict[str, Any] = {
        "code": code,
        "message": message,
        "hint": hint,
        "exit_code": exit_code,
    }
    data: dict[str, Any] = {"schema_version": JSON_VERSION, "error": error}
    if problems is not None:
        data["problems"] = [problem_item(p) for p in problems]
    return data


#: The stable words of a failure's ``error.code``.
ERROR_CODES = ("plan-invalid", "bad-input", "not-found", "write-refused", "busy", "internal")
