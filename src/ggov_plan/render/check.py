"""The three outputs of ``ggov-plan check``: text lines, JSON, GitHub annotations.

Plan text and file names are someone else's: every output shows their control
characters harmlessly (:func:`~ggov_plan.text.visible_controls`). A text line
is one line per problem, line feeds included (``\\x0a``); JSON escapes them
all (``\\u001b``, ``\\u009b``) and reads back exactly; a GitHub annotation
escapes line breaks and ``%`` (``%0A``), as workflow commands require, so no
text can start a command of its own.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ggov_plan.i18n import t
from ggov_plan.problems import Problem, Severity
from ggov_plan.text import json_escape_c1, visible_controls


@dataclass(frozen=True, slots=True)
class FileResult:
    """The outcome of checking one file."""

    file: str
    problems: tuple[Problem, ...]
    readable: bool = True

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def notes(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.INFO]


def _file_name(file: str) -> str:
    """A file name to start a line with: one line, controls shown, never ``::``.

    GitHub reads a log line that starts with ``::`` (after spaces) as a
    workflow command; ``./::x.toml`` names the same file as ``::x.toml``.
    """
    name = visible_controls(file, one_line=True)
    return "./" + name if name.lstrip().startswith("::") else name


def _where(problem: Problem) -> str:
    where = _file_name(problem.file)
    if problem.line:
        where += f":{problem.line}"
        if problem.column:
            where += f":{problem.column}"
    return where


def _sentence(problem: Problem) -> str:
    return f"{problem.message}; {problem.hint}" if problem.hint else problem.message


def text_line(problem: Problem) -> str:
    """``PATH:LINE:COL: error[CODE]: message; how to fix``, one line per problem."""
    sentence = visible_controls(_sentence(problem), one_line=True)
    return f"{_where(problem)}: {problem.severity}[{problem.code}]: {sentence}"


def summary(result: FileResult) -> str:
    """``PATH: valid (0 errors, 1 warning)``: the last line for each file."""
    errors, warnings = len(result.errors), len(result.warnings)
    verdict = t("check.valid") if result.readable and not errors else t("check.invalid")
    error_word = t("check.error" if errors == 1 else "check.errors")
    warning_word = t("check.warning" if warnings == 1 else "check.warnings")
    name = _file_name(result.file)
    return f"{name}: {verdict} ({errors} {error_word}, {warnings} {warning_word})"


def text(results: Iterable[FileResult]) -> str:
    lines: list[str] = []
    for result in results:
        lines.extend(text_line(p) for p in result.problems)
        lines.append(summary(result))
    return "\n".join(lines)


def _item(problem: Problem) -> dict[str, Any]:
    return {
        "line": problem.line,
        "column": problem.column,
        "path": problem.path,
        "code": problem.code,
        "message": problem.message,
        "hint": problem.hint,
    }


def as_json(result: FileResult) -> dict[str, Any]:
    return {
        "file": result.file,
        "valid": result.readable and not result.errors,
        "errors": [_item(p) for p in result.errors],
        "warnings": [_item(p) for p in result.warnings],
        "notes": [_item(p) for p in result.notes],
    }


def json_text(results: list[FileResult]) -> str:
    """One file: its object. Several: a list of objects, in the order given.

    Text is given exactly; every control character is a JSON escape.
    """
    data: Any = [as_json(r) for r in results]
    if len(results) == 1:
        data = data[0]
    return json_escape_c1(json.dumps(data, ensure_ascii=False, indent=2))


def _escape_data(value: str) -> str:
    # GitHub's workflow-command escaping: message data, then property values.
    # Other control characters are shown first, as in every output; line
    # breaks are kept for the runner to unescape (%0A).
    value = visible_controls(value, keep_newlines=True)
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(results: Iterable[FileResult]) -> str:
    """``::error file=…,line=…,col=…,title=…::message`` workflow commands."""
    lines = []
    for result in results:
        for problem in result.problems:
            props = [f"file={_escape_property(problem.file)}"]
            if problem.line:
                props.append(f"line={problem.line}")
            if problem.column:
                props.append(f"col={problem.column}")
            props.append(f"title={_escape_property('ggov-plan ' + problem.code)}")
            message = _escape_data(_sentence(problem))
            command = "notice" if problem.severity is Severity.INFO else problem.severity
            lines.append(f"::{command} {','.join(props)}::{message}")
    return "\n".join(lines)
