"""Problems found in a plan file, and the one exception family of the core.

A :class:`Problem` is a value, not an exception: validators return them, and
the CLI decides how to print them and which exit code they mean. Exceptions
are kept for what stops the pipeline (a file that cannot be read at all).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ggov_plan.i18n import t


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a plan file, located as precisely as is known."""

    severity: Severity
    code: str
    message: str
    file: str
    line: int | None = None
    column: int | None = None
    path: str = ""
    hint: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line or 0, self.column or 0, self.code)


class GgovPlanError(Exception):
    """Base of every error the core raises; the CLI maps each to an exit code."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class PlanNotFound(GgovPlanError):
    """No plan file where one was asked for or looked for."""


class PlanUnreadable(GgovPlanError):
    """The path exists but cannot be read as text: a folder, bad UTF-8, no permission."""

    def __init__(
        self,
        file: str,
        reason: str,
        *,
        hint: str = "",
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        where = file + (f":{line}:{column}" if line else "")
        super().__init__(f"{where}: {reason}", hint=hint)
        self.file = file
        self.reason = reason
        self.line = line
        self.column = column


class PlanInvalid(GgovPlanError):
    """The file was read but has errors; a command that needs a valid plan stops."""

    exit_code = 1

    def __init__(self, file: str, problems: list[Problem]) -> None:
        errors = sum(p.is_error for p in problems)
        super().__init__(t("plan.invalid", file=file, count=errors))
        self.problems = problems


class UsageError(GgovPlanError):
    """The command line asks for something that cannot be done."""
