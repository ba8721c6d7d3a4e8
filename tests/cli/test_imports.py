"""Start-up discipline: what each run imports, checked in a fresh interpreter.

Start-up is most of a command's time on a real plan (docs/performance.md).
So ``--version`` imports next to nothing, ``--help`` none of the plan's
machinery, a run only its own command module, and nothing meant for a
script (``check``, ``report`` to a file format, every ``--json``) imports
rich. Each case runs ``ggov_plan.cli.main`` in a new process, as the console
script does, and reads ``sys.modules`` as the process exits.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ggov_plan import __version__
from ggov_plan.cli import registry

ROOT = Path(__file__).resolve().parents[2]
PLAN = "data/plan2017.toml"

#: Runs ggov_plan.cli.main with the rest of argv, and writes the names of the
#: modules imported by then to the file named first.
_WRAPPER = """
import atexit, json, sys
out = sys.argv.pop(1)
sys.argv[0] = "ggov-plan"
def dump():
    with open(out, "w", encoding="utf-8") as f:
        json.dump(sorted(sys.modules), f)
atexit.register(dump)
from ggov_plan.cli import main
main()
"""

#: Modules of the plan's machinery: reading, deriving, writing, rendering.
MACHINERY = ("ggov_plan.plan.", "ggov_plan.books", "ggov_plan.write", "ggov_plan.render")
#: What every command may import of ggov_plan.cli besides its own module.
INFRASTRUCTURE = frozenset(
    {
        "ggov_plan.cli",
        "ggov_plan.cli.registry",
        "ggov_plan.cli.shell",
        "ggov_plan.cli.inputs",  # parsing dates and amounts typed on the command line
        "ggov_plan.cli.names",  # resolving an id or a name typed on the command line
        "ggov_plan.cli.writing",  # prompts and the journal write, shared by writing commands
        "ggov_plan.cli.helptext",  # --help's metavars and language
    }
)


def imported(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """Run ``ggov-plan *args`` from the repository root; its result and its modules."""
    out = tmp_path / "modules.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("GGOV_PLAN_")}
    env.update({"XDG_CACHE_HOME": str(tmp_path / "cache"), "GGOV_PLAN_TODAY": "2017-12-31"})
    result = subprocess.run(
        [sys.executable, "-c", _WRAPPER, str(out), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
        check=False,
    )
    return result, json.loads(out.read_text(encoding="utf-8"))


def _rich(modules: list[str]) -> list[str]:
    return [m for m in modules if m == "rich" or m.startswith("rich.")]


def _command_modules(modules: list[str]) -> set[str]:
    return {m for m in modules if m.startswith("ggov_plan.cli")} - INFRASTRUCTURE


def test_version_imports_only_the_version(tmp_path: Path) -> None:
    result, modules = imported(tmp_path, "--version")
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        f"ggov-plan {__version__}\n",
        "",
    )
    assert [m for m in modules if m.startswith("ggov_plan")] == ["ggov_plan", "ggov_plan.cli"]
    assert not [m for m in modules if m.split(".")[0] in ("typer", "rich")]


def test_help_imports_no_plan_machinery(tmp_path: Path) -> None:
    result, modules = imported(tmp_path, "--help")
    assert result.returncode == 0, result.stderr
    # The one exception: `activity list --status` offers the activity states,
    # whose enum is the plan model's (records only, no reading or rules).
    allowed = {"ggov_plan.plan.model"}
    assert [m for m in modules if m.startswith(MACHINERY) and m not in allowed] == []
    assert _rich(modules) == []


SCRIPT_RUNS = {
    **{
        f"report {fmt}": ["report", "--format", fmt, "-p", PLAN, "--as-of", "2017-12-31"]
        for fmt in ("md", "html", "json", "csv")
    },
    "check": ["check"],
    "status --json": ["status", "--json"],
    "show --json": ["show", "--json"],
    "progress --json": ["progress", "--json"],
    "budget --json": ["budget", "--json"],
    "activity list --json": ["activity", "list", "--json"],
}


@pytest.mark.parametrize("name", list(SCRIPT_RUNS))
def test_output_for_scripts_imports_no_rich(tmp_path: Path, name: str) -> None:
    args = SCRIPT_RUNS[name]
    result, modules = imported(tmp_path, *args)
    assert result.returncode == 0, result.stderr
    assert result.stdout
    assert _rich(modules) == []
    own = registry.entry_named(args[0])
    assert own is not None
    assert _command_modules(modules) == {f"ggov_plan.cli.{own.module}"}


@pytest.mark.parametrize("entry", registry.ENTRIES, ids=lambda e: e.name)
def test_a_command_imports_only_its_own_module(tmp_path: Path, entry: registry.Entry) -> None:
    args = [entry.name, *entry.subcommands[:1], "--help"]
    result, modules = imported(tmp_path, *args)
    assert result.returncode == 0, result.stderr
    assert _command_modules(modules) == {f"ggov_plan.cli.{entry.module}"}


def test_the_vietnamese_help_is_imported_only_to_show_help_in_vietnamese(tmp_path: Path) -> None:
    catalog = "ggov_plan.i18n.catalog_help"
    result, vi = imported(tmp_path, "record", "--help", "--lang", "vi")
    assert result.returncode == 0, result.stderr
    assert catalog in vi
    result, en = imported(tmp_path, "record", "--help")
    assert result.returncode == 0, result.stderr
    assert catalog not in en
    result, run = imported(tmp_path, "status", "--json", "--lang", "vi")
    assert result.returncode == 0, result.stderr
    assert catalog not in run
    assert "ggov_plan.cli.helptext" not in run


def test_a_terminal_table_still_imports_rich(tmp_path: Path) -> None:
    """The check above is not vacuous: the same command without --json uses rich."""
    result, modules = imported(tmp_path, "status")
    assert result.returncode == 0, result.stderr
    assert _rich(modules)
