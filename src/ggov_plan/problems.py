"""Problems found in a plan file, and the one exception family of the core.

A :class:`Problem` is a value, not an exception: validators return them, and
the CLI decides how to print them and which exit code they mean. Exceptions
are kept for what stops the pipeline (a file that cannot be read at all).

Both carry :class:`~ggov_plan.i18n.message.Message` values, not sentences: a
problem is worded in the reader's language only when it is shown
(``problem.text()``, ``error.message``), so the cache keeps problems once for
every language.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ggov_plan.i18n import Lang
from ggov_plan.i18n.message import Text, msg, text_of


class Severity(StrEnum):
    ERROR = "error"  # the plan cannot be used until it is fixed
    WARNING = "warning"  # worth a look; --strict fails on it
    INFO = "info"  # a note on what check did not judge, such as an unknown budget


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a plan file, located as precisely as is known."""

    severity: Severity
    code: str
    what: Text  # what is wrong, worded when shown (:attr:`message`)
    file: str
    line: int | None = None
    column: int | None = None
    path: str = ""
    how: Text = ""  # how to fix it, worded when shown (:attr:`hint`)
    #: The rule that found it (a function of :mod:`ggov_plan.plan.rules`), or ""
    #: for a problem of the file's syntax or structure.
    rule: str = ""
    #: Why the plan's keepers accept this warning (``[[check.accept]]``), or "".
    accepted: str = ""

    @property
    def message(self) -> str:
        """What is wrong, in the run's language."""
        return text_of(self.what)

    @property
    def hint(self) -> str:
        """How to fix it, in the run's language ("" when there is nothing to add)."""
        return text_of(self.how)

    def message_in(self, lang: Lang) -> str:
        return text_of(self.what, lang)

    def hint_in(self, lang: Lang) -> str:
        return text_of(self.how, lang)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def is_open_warning(self) -> bool:
        """A warning no ``[[check.accept]]`` covers: what --strict fails on."""
        return self.severity is Severity.WARNING and not self.accepted

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line or 0, self.column or 0, self.code)


class GgovPlanError(Exception):
    """Base of every error the core raises; the CLI maps each to an exit code."""

    exit_code = 2

    def __init__(self, message: Text, *, hint: Text = "") -> None:
        super().__init__(message)
        self.what = message
        self.how = hint

    @property
    def message(self) -> str:
        """What went wrong, in the run's language."""
        return text_of(self.what)

    @property
    def hint(self) -> str:
        """How to put it right, in the run's language ("" when there is nothing to add)."""
        return text_of(self.how)

    def __str__(self) -> str:
        return self.message


class PlanNotFound(GgovPlanError):
    """No plan file where one was asked for or looked for."""


class PlanUnreadable(GgovPlanError):
    """The path exists but cannot be read as text: a folder, bad UTF-8, no permission."""

    def __init__(
        self,
        file: str,
        reason: Text,
        *,
        hint: Text = "",
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(reason, hint=hint)
        self.file = file
        self.reason = reason
        self.line = line
        self.column = column

    @property
    def message(self) -> str:
        where = self.file + (f":{self.line}:{self.column}" if self.line else "")
        return f"{where}: {text_of(self.reason)}"


class PlanInvalid(GgovPlanError):
    """The file was read but has errors; a command that needs a valid plan stops."""

    exit_code = 1

    def __init__(self, file: str, problems: list[Problem]) -> None:
        errors = sum(p.is_error for p in problems)
        super().__init__(msg("plan.invalid", file=file, count=errors))
        self.problems = problems


class UsageError(GgovPlanError):
    """The command line asks for something that cannot be done."""
