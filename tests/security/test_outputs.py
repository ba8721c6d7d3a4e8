"""Every ``-o`` refuses to replace a plan, and a file it did not write unless --force.

The judgement is :func:`ggov_plan.write.outputs.check_output`; these tests run
it through each command that has ``-o`` (``report`` in every format, ``schema``)
and directly.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from ggov_plan.cli import app
from ggov_plan.write.outputs import is_own_output, looks_like_plan
from track_helpers import ENV, copy_plan

AS_OF = ("--as-of", "2017-12-31")


def run(*args: object, cwd: Path | None = None, **env: str) -> Result:
    runner = CliRunner()
    where = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        return runner.invoke(app, [str(a) for a in args], env={**ENV, **env})
    finally:
        os.chdir(where)


def refused(result: Result, path: Path, before: bytes) -> None:
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before


def test_schema_o_refuses_the_plan_in_ggov_plan_file(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    before = plan.read_bytes()
    refused(run("schema", "-o", plan, GGOV_PLAN_FILE=str(plan)), plan, before)


def test_schema_o_refuses_the_default_plan(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    plan = copy_plan(tmp_path / "data")
    before = plan.read_bytes()
    refused(run("schema", "-o", "data/plan2017.toml", cwd=tmp_path), plan, before)
    refused(run("schema", "-o", "data/plan2017.toml", "--force", cwd=tmp_path), plan, before)


def test_report_of_another_plan_refuses_the_plan_in_the_environment(tmp_path: Path) -> None:
    other = copy_plan(tmp_path, "other.toml")
    # A hard link under another name: the same file by inode, a different path.
    main = copy_plan(tmp_path, "main.toml")
    link = tmp_path / "alias.md"
    os.link(main, link)
    before = main.read_bytes()
    result = run("report", *AS_OF, "-p", other, "-o", link, "--force", GGOV_PLAN_FILE=str(main))
    refused(result, main, before)


def test_a_symlink_to_the_plan_is_refused(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    link = tmp_path / "report.md"
    link.symlink_to(plan)
    before = plan.read_bytes()
    refused(run("report", *AS_OF, "-p", plan, "-o", link, "--force"), plan, before)


@pytest.mark.parametrize("output_format", ["md", "html", "json", "csv"])
def test_any_plan_file_is_refused_even_with_force(tmp_path: Path, output_format: str) -> None:
    plan = copy_plan(tmp_path)
    unrelated = copy_plan(tmp_path, "another-plan.txt")
    before = unrelated.read_bytes()
    result = run("report", *AS_OF, "-p", plan, "-f", output_format, "-o", unrelated, "--force")
    refused(result, unrelated, before)


@pytest.mark.parametrize("output_format", ["md", "html", "json", "csv"])
def test_a_foreign_file_needs_force(tmp_path: Path, output_format: str) -> None:
    plan = copy_plan(tmp_path)
    target = tmp_path / f"notes.{output_format}"
    target.write_text("my own notes, not a report\n", encoding="utf-8")
    refused(run("report", *AS_OF, "-p", plan, "-f", output_format, "-o", target),
            target, b"my own notes, not a report\n")  # fmt: skip
    result = run("report", *AS_OF, "-p", plan, "-f", output_format, "-o", target, "--force")
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes() != b"my own notes, not a report\n"


@pytest.mark.parametrize(
    "args",
    [
        ("report", "-f", "md"),
        ("report", "-f", "html"),
        ("report", "-f", "json"),
        ("report", "-f", "csv"),
        ("report", "-f", "csv", "--table", "indicators"),
        ("report", "--official", "-f", "md"),
        ("report", "--official", "-f", "html"),
        ("report", "--official", "-f", "docx"),
        ("schema",),
    ],
    ids=lambda args: "-".join(args),
)
def test_the_commands_own_earlier_output_is_rewritten_without_force(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    plan = copy_plan(tmp_path)
    target = tmp_path / "out"
    extra = () if args[0] == "schema" else (*AS_OF, "-p", plan)
    first = run(*args, *extra, "-o", target)
    assert first.exit_code == 0, first.stderr
    again = run(*args, *extra, "-o", target)
    assert again.exit_code == 0, again.stderr


def test_schema_refuses_a_foreign_json_file(tmp_path: Path) -> None:
    target = tmp_path / "package.json"
    target.write_text('{"name": "x"}', encoding="utf-8")
    refused(run("schema", "-o", target), target, b'{"name": "x"}')
    assert run("schema", "-o", target, "--force").exit_code == 0


def test_the_judgement_directly(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    assert looks_like_plan(plan)
    broken = tmp_path / "broken.toml"
    broken.write_text('format = 1\n[plan]\nstart = "soon"\n', encoding="utf-8")
    assert looks_like_plan(broken)  # the rules are not run: a broken plan is a plan
    assert not looks_like_plan(tmp_path / "missing.toml")
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes about 228/KH-UBND\n", encoding="utf-8")
    assert is_own_output(notes, "md", ["228/KH-UBND"])
    assert not is_own_output(notes, "md", ["99/KH-UBND"])
    assert not is_own_output(notes, "docx")
