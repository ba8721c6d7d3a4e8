"""The generated parts of docs/: the key reference and the command reference.

``docs/plan-format.md`` and ``docs/cli.md`` hold blocks between
``<!-- BEGIN GENERATED … -->`` and ``<!-- END GENERATED -->`` markers. This
module renders those blocks from the record specs in :mod:`ggov_plan.model`
and from the commands' ``--help``, and a test fails when the docs differ, so
the docs cannot drift from the code. Regenerate with::

    python -m ggov_plan.reference --write
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ggov_plan.model import CHILDREN, COLLECTIONS, Budget, Header, Record, field_specs

_KIND_NAMES = {
    "id": "id",
    "text": "string",
    "money": "integer (đồng)",
    "quantity": "integer",
    "date": "date",
    "datetime": "date-time",
    "ref": "id of",
    "refs": "list of ids of",
    "table": "table",
    "tables": "array of tables",
}

_BLOCK = re.compile(
    r"(<!-- BEGIN GENERATED (?P<name>[\w-]+) -->\n)(?P<body>.*?)(<!-- END GENERATED -->)",
    re.DOTALL,
)

COMMANDS = ("check", "show", "status")


def _header_for(cls: type[Record]) -> str:
    many = cls is not Header and cls is not Budget and cls.key != "plan.signer"
    return f"[[{cls.key}]]" if many else f"[{cls.key}]"


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
    child = CHILDREN.get(cls)
    for name, spec in field_specs(cls).items():
        key = child[0] if child and name == child[2] else name
        required = "yes" if spec.required else "no"
        lines.append(
            f"| `{key}` | {_type(spec.kind, spec.ref, spec.choices)} | {required} | {spec.doc} |"
        )
    return "\n".join(lines)


def keys_reference() -> str:
    """Markdown tables of every table and key of the plan format."""
    classes: list[type[Record]] = [Header]
    classes.append(CHILDREN[Header][1])
    for _, cls, _ in COLLECTIONS:
        classes.append(cls)
        if cls in CHILDREN:
            classes.append(CHILDREN[cls][1])
    classes.extend([Budget, CHILDREN[Budget][1]])
    return "\n\n".join(_record_table(cls) for cls in classes) + "\n"


def cli_reference() -> str:
    """``--help`` of the program and of each command, as shown at 80 columns."""
    from typer.testing import CliRunner

    from ggov_plan.cli import app

    runner = CliRunner()
    env = {"COLUMNS": "80", "TERM": "dumb", "NO_COLOR": "1"}
    parts = []
    for args in ([], *([c] for c in COMMANDS)):
        result = runner.invoke(app, [*args, "--help"], env=env, prog_name="ggov-plan")
        title = " ".join(["ggov-plan", *args])
        parts.append(f"### `{title}`\n\n```text\n{result.output.rstrip()}\n```")
    return "\n\n".join(parts) + "\n"


GENERATORS = {"keys": keys_reference, "cli": cli_reference}


def render(text: str) -> str:
    """``text`` with every generated block brought up to date."""

    def fill(match: re.Match[str]) -> str:
        body = GENERATORS[match.group("name")]()
        return f"{match.group(1)}{body}{match.group(4)}"

    return _BLOCK.sub(fill, text)


DOCS = (Path("docs") / "plan-format.md", Path("docs") / "cli.md")


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
        print(f"stale: {names} (run python -m ggov_plan.reference --write)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
