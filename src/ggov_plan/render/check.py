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
from ggov_plan.render.shapes import JSON_VERSION, problem_item
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
        return [p for p in self.problems if p.is_open_warning]

    @property
    def accepted(self) -> list[Problem]:
        """Warnings and notes a ``[[check.accept]]`` of the plan covers."""
        return [p for p in self.problems if p.accepted]

    @property
    def notes(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.INFO and not p.accepted]


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
    sentence = f"{problem.message}; {problem.hint}" if problem.hint else problem.message
    if problem.accepted:
        sentence += " " + t("check.accepted_because", reason=problem.accepted)
    return sentence


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
    counts = f"{errors} {error_word}, {warnings} {warning_word}"
    if result.accepted:
        counts += ", " + t("check.accepted_count", count=len(result.accepted))
    return f"{name}: {verdict} ({counts})"


def text(results: Iterable[FileResult]) -> str:
    lines: list[str] = []
    for result in results:
        lines.extend(text_line(p) for p in result.problems)
        lines.append(summary(result))
    return "\n".join(lines)


def as_json(result: FileResult) -> dict[str, Any]:
    """One file's result; each problem as everywhere (:func:`problem_item`)."""
    _item = problem_item
    return {
        "schema_version": JSON_VERSION,
        "file": result.file,
        "valid": result.readable and not result.errors,
        "errors": [_item(p) for p in result.errors],
        "warnings": [_item(p) for p in result.warnings],
        "notes": [_item(p) for p in result.notes],
        "accepted": [{**_item(p), "reason": p.accepted} for p in result.accepted],
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


#: GitLab's Code Quality severities, by ours.
_GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def fingerprint(problem: Problem) -> str:
    """A problem's identity across runs: file, code, the data path and the English
    message; not its line, so that an edit above it does not make it new."""
    import hashlib

    parts = (problem.file, problem.code, problem.path, problem.message_in("en"))
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()[:32]


def gitlab(results: Iterable[FileResult]) -> str:
    """A GitLab Code Quality report: a JSON array, one issue per problem."""
    issues = [
        {
            "description": _sentence(problem),
            "check_name": f"ggov-plan/{problem.code}",
            "fingerprint": fingerprint(problem),
            "severity": _GITLAB_SEVERITY[problem.severity],
            "location": {"path": problem.file, "lines": {"begin": problem.line or 1}},
        }
        for result in results
        for problem in result.problems
    ]
    return json_escape_c1(json.dumps(issues, ensure_ascii=False, indent=2))


def junit(results: Iterable[FileResult], *, strict: bool = False) -> str:
    """JUnit XML for Jenkins, Azure DevOps and others: per file a test suite, and
    in it one test case per rule, plus one for the file's syntax and structure.

    An error fails its rule's test case, and so does a warning under --strict;
    other warnings and notes are the test case's output.
    """
    from xml.sax.saxutils import escape, quoteattr

    from ggov_plan.plan.rules import RULES

    names = ["structure", *(rule.__name__ for rule in RULES)]
    suites = []
    total = failed = 0
    for result in results:
        file = _file_name(result.file)  # no control character reaches the XML
        cases = []
        for name in names:
            found = [p for p in result.problems if (p.rule or "structure") == name]
            failing = [p for p in found if p.is_error or (strict and p.is_open_warning)]
            other = [p for p in found if p not in failing]
            body = "".join(
                f"<failure type={quoteattr(p.code)} message={quoteattr(_one_line(p))}>"
                f"{escape(text_line(p))}</failure>"
                for p in failing
            )
            if other:
                body += f"<system-out>{escape(chr(10).join(map(text_line, other)))}</system-out>"
            case = f"<testcase classname={quoteattr(file)} name={quoteattr(name)}"
            cases.append(f"    {case}>{body}</testcase>" if body else f"    {case}/>")
            failed += bool(failing)
        total += len(names)
        failures = sum(1 for case in cases if "<failure" in case)
        suites.append(
            f'  <testsuite name={quoteattr(result.file)} tests="{len(names)}" '
            f'failures="{failures}" errors="0">\n' + "\n".join(cases) + "\n  </testsuite>"
        )
    head = f'<testsuites name="ggov-plan check" tests="{total}" failures="{failed}">'
    xml = '<?xml version="1.0" encoding="UTF-8"?>\n' + head + "\n"
    return xml + "\n".join(suites) + ("\n" if suites else "") + "</testsuites>"


def _one_line(problem: Problem) -> str:
    return visible_controls(_sentence(problem), one_line=True)


def step_summary(results: Iterable[FileResult]) -> str:
    """A Markdown summary for ``$GITHUB_STEP_SUMMARY``: every problem, not only
    the ten of each kind that GitHub shows as annotations."""
    from ggov_plan.render.report.markdown import cell

    lines = ["## ggov-plan check", ""]
    for result in results:
        lines += [f"**{cell(summary(result))}**", ""]
        if result.problems:
            lines += [
                "| "
                + " | ".join(t(f"check.summary.{k}") for k in ("where", "kind", "what"))
                + " |",
                "|---|---|---|",
            ]
            lines += [
                f"| {cell(_where(p))} | {cell(t(f'check.{p.severity.value}'))} `{cell(p.code)}` "
                f"| {cell(_sentence(p))} |"
                for p in result.problems
            ]
            lines.append("")
    return "\n".join(lines) + "\n"


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
            command = (
                "notice"
                if problem.severity is Severity.INFO or problem.accepted
                else problem.severity
            )
            lines.append(f"::{command} {','.join(props)}::{message}")
    return "\n".join(lines)
