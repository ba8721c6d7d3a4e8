"""The three outputs of ``ggov-plan check``: text lines, JSON, GitHub annotations."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ggov_plan.i18n import t
from ggov_plan.problems import Problem, Severity


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


def _where(problem: Problem) -> str:
    where = problem.file
    if problem.line:
        where += f":{problem.line}"
        if problem.column:
            where += f":{problem.column}"
    return where


def _sentence(problem: Problem) -> str:
    return f"{problem.message}; {problem.hint}" if problem.hint else problem.message


def text_line(problem: Problem) -> str:
    """``PATH:LINE:COL: error[CODE]: message; how to fix``, one line per problem."""
    return f"{_where(problem)}: {problem.severity}[{problem.code}]: {_sentence(problem)}"


def summary(result: FileResult) -> str:
    """``PATH: valid (0 errors, 1 warning)``: the last line for each file."""
    errors, warnings = len(result.errors), len(result.warnings)
    verdict = t("check.valid") if result.readable and not errors else t("check.invalid")
    error_word = t("check.error" if errors == 1 else "check.errors")
    warning_word = t("check.warning" if warnings == 1 else "check.warnings")
    return f"{result.file}: {verdict} ({errors} {error_word}, {warnings} {warning_word})"


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
    }


def json_text(results: list[FileResult]) -> str:
    """One file: its object. Several: a list of objects, in the order given."""
    data: Any = [as_json(r) for r in results]
    if len(results) == 1:
        data = data[0]
    return json.dumps(data, ensure_ascii=False, indent=2)


def _escape_data(value: str) -> str:
    # GitHub's workflow-command escaping: message data, then property values.
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
            lines.append(f"::{problem.severity} {','.join(props)}::{message}")
    return "\n".join(lines)
