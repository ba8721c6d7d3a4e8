"""The generated parts of the docs: key and command references, example output.

``docs/plan-format.md`` and ``docs/cli.md`` hold blocks between
``<!-- BEGIN GENERATED … -->`` and ``<!-- END GENERATED -->`` markers, which
this module renders from the record specs in :mod:`ggov_plan.plan.model` and from
the ``--help`` of every command in :mod:`ggov_plan.cli.registry`. Every
```console block (in README.md) is re-run:
each ``$ ggov-plan …`` line is executed and its real output put under it. A
test fails when a doc differs from what this produces, so the docs cannot
drift from the code. Regenerate, from the repository root, with::

    python -m ggov_plan.cli.reference --write
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

from ggov_plan.plan.model import (
    CHILDREN,
    COLLECTIONS,
    Budget,
    CheckSettings,
    Header,
    Record,
    ReportSettings,
    field_specs,
)

_KIND_NAMES = {
    "id": "id",
    "text": "string",
    "money": "integer (đồng)",
    "quantity": "integer",
    "date": "date",
    "datetime": "date-time",
    "ref": "id of",
    "refs": "list of ids of",
    "measure": "number (at most 2 decimals)",
    "values": "inline table of numbers",
    "texts": "list of strings",
    "flag": "true or false",
    "table": "table",
    "tables": "array of tables",
}

_BLOCK = re.compile(
    r"(<!-- BEGIN GENERATED (?P<name>[\w-]+) -->\n)(?P<body>.*?)(<!-- END GENERATED -->)",
    re.DOTALL,
)


def _header_for(cls: type[Record]) -> str:
    from ggov_plan.plan.schema import table_header

    return table_header(cls)


def _type(spec_kind: str, ref: str | None, choices: tuple[str, ...]) -> str:
    name = _KIND_NAMES[spec_kind]
    if ref:
        name += f" `{ref}`"
    if choices:
        name += ": " + ", ".join(f"`{c}`" for c in choices)
    return name


def _record_table(cls: type[Record]) -> str:
    lines = [
        f"### `{_header_for(cls)}`",
        "",
        cls.doc,
        "",
        "| key | type | required | meaning |",
        "|---|---|---|---|",
    ]
    keys = {child.attribute: child.key for child in CHILDREN.get(cls, ())}
    for name, spec in field_specs(cls).items():
        key = keys.get(name, name)
        required = "yes" if spec.required else "no"
        lines.append(
            f"| `{key}` | {_type(spec.kind, spec.ref, spec.choices)} | {required} | {spec.doc} |"
        )
    return "\n".join(lines)


def keys_reference() -> str:
    """Markdown tables of every table and key of the plan format."""
    classes: list[type[Record]] = []
    tops: tuple[type[Record], ...] = (
        Header,
        *(cls for _, cls, _ in COLLECTIONS),
        Budget,
        ReportSettings,
        CheckSettings,
    )
    for cls in tops:
        classes.append(cls)
        classes.extend(child.cls for child in CHILDREN.get(cls, ()))
    return "\n\n".join(_record_table(cls) for cls in classes) + "\n"


def cli_reference() -> str:
    """``--help`` of the program and of each command, as shown at 80 columns."""
    from typer.testing import CliRunner

    from ggov_plan.cli import app
    from ggov_plan.cli.registry import command_paths

    runner = CliRunner()
    env = {"COLUMNS": "80", "TERM": "dumb", "NO_COLOR": "1"}
    parts = []
    # Every command of the registry, in its order: a new command is documented
    # as soon as it is registered.
    for args in ([], *(c.split() for c in command_paths())):
        result = runner.invoke(app, [*args, "--help"], env=env, prog_name="ggov-plan")
        title = " ".join(["ggov-plan", *args])
        parts.append(f"### `{title}`\n\n```text\n{result.output.rstrip()}\n```")
    return "\n\n".join(parts) + "\n"


GENERATORS = {"keys": keys_reference, "cli": cli_reference}

_CONSOLE = re.compile(r"(```console\n)(.*?)(```)", re.DOTALL)
_HEAD = re.compile(r"^(?P<command>.*?) \| head -(?P<lines>\d+)$")


def _run(command: str, previous_code: int, cwd: Path) -> tuple[str, int]:
    """Output and exit code of one ``$ …`` line of a console block, run for real."""
    if command == "echo $?":
        return f"{previous_code}\n", 0
    head = _HEAD.match(command)
    words = shlex.split(head.group("command") if head else command)
    if words[0] != "ggov-plan":
        raise ValueError(f"console blocks may only run ggov-plan: {command!r}")
    env = {"PATH": os.environ.get("PATH", ""), "COLUMNS": "80", "LANG": "C.UTF-8"}
    result = subprocess.run(
        [sys.executable, "-m", "ggov_plan", *words[1:]],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
        check=False,
    )
    output = result.stdout
    if head:
        output = "".join(output.splitlines(keepends=True)[: int(head.group("lines"))])
    return output, result.returncode


def console_blocks(text: str, cwd: Path) -> str:
    """Re-run every ``$ ggov-plan …`` in the ```console blocks and put in its real output."""

    def fill(match: re.Match[str]) -> str:
        out = []
        code = 0
        for chunk in re.split(r"^\$ ", match.group(2), flags=re.MULTILINE)[1:]:
            command = chunk.partition("\n")[0]
            output, code = _run(command, code, cwd)
            out.append(f"$ {command}\n{output}")
        return f"{match.group(1)}{''.join(out)}{match.group(3)}"

    return _CONSOLE.sub(fill, text)


def render(text: str, cwd: Path | None = None) -> str:
    """``text`` with every generated block brought up to date."""

    def fill(match: re.Match[str]) -> str:
        body = GENERATORS[match.group("name")]()
        return f"{match.group(1)}{body}{match.group(4)}"

    return console_blocks(_BLOCK.sub(fill, text), cwd or Path())


#: Run from the repository root: the console blocks name files relative to it.
DOCS = (
    Path("docs") / "plan-format.md",
    Path("docs") / "cli.md",
    Path("docs") / "json.md",
    Path("docs") / "ci.md",
    Path("docs") / "official-report.md",
    Path("README.md"),
)


def main(argv: list[str]) -> int:
    """``--write`` updates the docs; ``--check`` exits 1 if they are stale."""
    stale = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        fresh = render(text)
        if fresh != text:
            stale.append(doc)
            if "--write" in argv:
                doc.write_text(fresh, encoding="utf-8")
    if stale and "--write" not in argv:
        names = ", ".join(map(str, stale))
        print(f"stale: {names} (run python -m ggov_plan.cli.reference --write)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
