"""Security review (issue #7, section 5); docs/security.md lists what each test proves.

1. Injection cases that tests/render/test_output_safety.py and the others leave out:
   CSV cells broken by a line break, hostile file names in reports, terminal
   output of ``check`` and of error messages, GitHub annotations, JSON escapes,
   ids that could carry rich markup, characters a Word file cannot hold.
2. No eval, exec, shell or unpickling: a walk of the AST of every module
   under src/ggov_plan, with a short, documented list of allowed exceptions.
3. Real runs of every command under a Python audit hook: no process is
   started, no socket is opened, nothing is written outside the target's
   folder, the system temp folder is never touched, and only the documented
   environment variables are read.
4. Temp files and permissions: a plan keeps its mode, a temp file is never
   more open than the plan, a symlinked plan stays a symlink, a read-only
   folder gives a clean error, a symlink planted at the lock path is not
   followed, ``report -o`` cannot replace the plan.
5. What GGOV_PLAN_DEBUG shows, and the dependency floor.
6. The cache of parsed plans: private files, and a planted entry cannot run
   code (its unpickler names only the plan's own types).
"""

from __future__ import annotations

import ast
import concurrent.futures
import csv
import ctypes
import datetime as dt
import hashlib
import html
import io
import json
import os
import pickle
import re
import shutil
import stat
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from markdown_it import MarkdownIt
from typer.testing import CliRunner, Result

from ggov_plan import __version__
from ggov_plan.cli import app
from ggov_plan.plan import cache
from ggov_plan.text import visible_controls
from report_helpers import Outline
from track_helpers import ENV, PLAN_2017, TODAY, cli

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "ggov_plan"
TRACKED = ROOT / "examples" / "plan2017-tracked.toml"
SECURITY_DOC = ROOT / "docs" / "security.md"
AS_OF = ("--as-of", "2017-12-31")
TASK = "v1-san-xuat-chuong-trinh"

#: C0 and C1 control characters and DEL, as the terminal renderers define them
#: (ggov_plan.text): tab and line feed are left out, they lay text out.
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: What a spreadsheet reads as the start of a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_runner = CliRunner()


def invoke(*args: object, env: dict[str, str | None] | None = None) -> Result:
    """ggov-plan in-process, with ``env`` on top of the tests' usual environment."""
    return _runner.invoke(app, [str(a) for a in args], env={**ENV, **(env or {})})


def hostile_copy(
    folder: Path,
    *,
    records: dict[str, list[dict[str, Any]]] | None = None,
    title_prefix: str = "",
    name: str = "plan.toml",
) -> Path:
    """A copy of the tracked example, its title prefixed and ``records`` appended as TOML."""
    text = TRACKED.read_text(encoding="utf-8")
    if title_prefix:
        needle = 'title = "Tuyên truyền xây dựng'
        assert text.count(needle) == 1
        # JSON's escapes of BMP characters are TOML basic-string escapes too.
        prefix = json.dumps(title_prefix, ensure_ascii=True)[1:-1]
        text = text.replace(needle, f'title = "{prefix}Tuyên truyền xây dựng')
    if records:
        text += "\n" + tomli_w.dumps(records)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def activity(ident: str, title: str, **extra: Any) -> dict[str, Any]:
    """An overdue activity of task v1-san-xuat-chuong-trinh (due 01/10/2017, target 2)."""
    base: dict[str, Any] = {"id": ident, "task": TASK, "title": title}
    base.update({"due": _date("2017-10-01"), "target": 2, "cost": 0})
    base.update(created=_date(TODAY), **extra)
    return base


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# =========================================================================== 1. injection

# --------------------------------------------------------------------------- CSV


@pytest.fixture(scope="module")
def broken_lines(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Titles, units and evidence with tabs and line breaks before or inside a formula."""
    records = {
        "activity": [
            activity("so-tttt-tab1", '\t=HYPERLINK("http://x")', unit="\r@SUM(A1)"),
            activity("so-tttt-cr01", 'ok\r=HYPERLINK("http://x")', unit="u\r+1"),
            activity("so-tttt-lf01", "a\n| so-tttt-fake | forged | row |\n=1+1"),
            activity("so-tttt-crlf", "b\r\n-2"),
        ],
        "completion": [
            {
                "id": "so-tttt-lf01-c001",
                "activity": "so-tttt-lf01",
                "date": _date("2017-12-10"),
                "evidence": "e\r\n| forged | row |",
                "note": "n\r=1+1",
            },
        ],
    }
    return hostile_copy(tmp_path_factory.mktemp("broken-lines"), records=records)


def _csv(plan: Path) -> list[list[str]]:
    result = cli("report", "--format", "csv", *AS_OF, "-p", plan)
    assert result.exit_code == 0, result.stderr
    return list(csv.reader(io.StringIO(result.stdout, newline="")))


def test_csv_neutralises_a_formula_after_a_leading_tab_or_carriage_return(
    broken_lines: Path,
) -> None:
    # Read as text, to see the bytes: the cell "\r@SUM(A1)" gets a ' before
    # it (it starts with a carriage return) and one after the line break (a
    # reader that splits lines first sees "@SUM(A1)" start a line), and is
    # quoted, as every cell holding a line break is (report_csv._cell).
    result = cli("report", "--format", "csv", *AS_OF, "-p", broken_lines)
    assert result.exit_code == 0, result.stderr
    line = next(line for line in result.stdout.split("\n") if line.startswith("so-tttt-tab1,"))
    assert line.startswith('so-tttt-tab1,"\'\t=HYPERLINK(""http://x"")",')
    assert ",\"'\r'@SUM(A1)\"," in line


def test_csv_line_breaks_inside_a_cell_cannot_start_a_row(broken_lines: Path) -> None:
    # Finding 1 (docs/security.md), fixed: csv.writer quoted a cell holding
    # "\n" (its line terminator) but not one holding a lone "\r", where every
    # CSV reader ends the row; the rest of the cell started a new row whose
    # first cell was an un-neutralised formula ("@SUM(A1)", "+1").
    rows = _csv(broken_lines)
    assert all(len(row) == 15 for row in rows), [row for row in rows if len(row) != 15]
    ids = [row[0] for row in rows[1:]]
    assert ids == [
        "so-tttt-tv01",
        "bao-ap-bac-cm01",
        "so-tttt-th01",
        "so-tttt-gb01",
        "so-tttt-tab1",
        "so-tttt-cr01",
        "so-tttt-lf01",
        "so-tttt-crlf",
    ]
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_START) or cell.startswith("'"), (row[0], cell)
        for cell in row[1:]:
            assert not re.search(r"[\r\n][=+\-@]", cell) or "'" in cell, (row[0], cell)


# --------------------------------------------------------------------------- Markdown


def test_markdown_line_breaks_cannot_start_a_table_row(broken_lines: Path) -> None:
    result = cli("report", *AS_OF, "-p", broken_lines)
    assert result.exit_code == 0, result.stderr
    page = MarkdownIt("commonmark").enable("table").render(result.stdout)
    overdue = Outline(page).tables["Overdue activities"]
    assert [row[0] for row in overdue[1:]] == [
        "so-tttt-tv01",
        "so-tttt-tab1",
        "so-tttt-cr01",
        "so-tttt-lf01",
        "so-tttt-crlf",
    ]
    assert all(len(row) == 5 for row in overdue)
    assert overdue[4][1] == "a | so-tttt-fake | forged | row | =1+1"
    completed = Outline(page).tables["Completed since 01/11/2017"]
    assert [row[4] for row in completed[1:] if row[1].startswith("a | so-tttt-fake")] == [
        "e\\x0d | forged | row |"  # the carriage return is shown, the line feed is a space
    ]
    assert "\r" not in result.stdout


# --------------------------------------------------------------------------- file names

HOSTILE_NAME = "<img src=x onerror=alert(1)> *em* `code` [red]x |pipe| \x1b[31m.toml"


@pytest.fixture(scope="module")
def hostile_name(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile_copy(tmp_path_factory.mktemp("hostile-name"), name=HOSTILE_NAME)


def test_html_report_shows_a_hostile_file_name_as_text(hostile_name: Path) -> None:
    result = cli("report", "--format", "html", *AS_OF, "-p", hostile_name)
    assert result.exit_code == 0, result.stderr
    page = result.stdout
    assert Outline(page).count("img") == 0
    assert RAW_CONTROL.search(page) is None
    assert f"<code>{html.escape(visible_controls(str(hostile_name)))}</code>" in page


def test_markdown_report_shows_a_hostile_file_name_as_text(hostile_name: Path) -> None:
    result = cli("report", *AS_OF, "-p", hostile_name)
    assert result.exit_code == 0, result.stderr
    assert RAW_CONTROL.search(result.stdout) is None
    page = MarkdownIt("commonmark").enable("table").render(result.stdout)
    outline = Outline(page)
    for tag in ("img", "em", "a"):
        assert outline.count(tag) == 0, tag
    # Backticks, stars and brackets are still there: no code span, emphasis or link.
    assert any(visible_controls(str(hostile_name)) in text for text in outline.texts("p"))


def test_json_report_gives_a_hostile_file_name_exactly(hostile_name: Path) -> None:
    result = cli("report", "--format", "json", *AS_OF, "-p", hostile_name)
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert json.loads(result.stdout)["plan"]["file"] == str(hostile_name)


# --------------------------------------------------------------------------- check, errors

#: Text in a plan or a file name that a terminal would act on.
ESCAPES = "\x1b[31m\x1b]0;title\x07\x9b1m"


@pytest.fixture(scope="module")
def invalid_with_escapes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A plan whose problems quote hostile text: an unknown reference, key and bad id."""
    text = TRACKED.read_text(encoding="utf-8")
    escaped = json.dumps(ESCAPES)[1:-1]
    text = text.replace("partners = [", f'partners = ["{escaped}evil", ', 1)
    text = text.replace("[plan]\n", f'[plan]\n"{escaped}key" = 1\n', 1)
    text += f'\n[[activity]]\nid = "so-tttt-{escaped}"\ntask = "{TASK}"\ntitle = "x"\n'
    text += "target = 1\ncost = 0\n"
    path = tmp_path_factory.mktemp("escapes") / "plan.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _problem_count(plan: Path) -> int:
    data = json.loads(invoke("check", "--format", "json", plan).stdout)
    return len(data["errors"]) + len(data["warnings"])


@pytest.mark.parametrize("output_format", ["text", "github"])
def test_check_output_shows_control_characters_harmlessly(
    invalid_with_escapes: Path, output_format: str
) -> None:
    # Finding 2, fixed: check printed the unknown key, the unknown reference
    # and its "did you mean" list, and the bad id as they were, ESC and BEL included.
    result = invoke("check", "--format", output_format, invalid_with_escapes)
    assert result.exit_code == 1
    assert RAW_CONTROL.search(result.stdout) is None, repr(result.stdout)
    assert "\\x1b[31m" in result.stdout
    # One line per problem, then the summary.
    assert len(result.stdout.splitlines()) == _problem_count(invalid_with_escapes) + 1


def test_problems_on_stderr_show_control_characters_harmlessly(
    invalid_with_escapes: Path,
) -> None:
    # Finding 2, fixed: the same lines, printed when status, report, ... refuse the plan.
    for command in (["status"], ["report"], ["activity", "list"]):
        result = invoke(*command, "-p", invalid_with_escapes)
        assert result.exit_code == 1, command
        assert result.stdout == ""
        assert RAW_CONTROL.search(result.stderr) is None, (command, result.stderr)


NAMED_IN_MESSAGES: dict[str, Callable[[Path], list[str]]] = {
    "check, a valid file": lambda d: ["check", str(d / f"plan{ESCAPES}.toml")],
    "check, a missing file": lambda d: ["check", str(d / f"missing{ESCAPES}.toml")],
    "status, a missing file": lambda d: ["status", "-p", str(d / f"missing{ESCAPES}.toml")],
    "report -o, a missing folder": lambda d: [
        "report",
        "-p",
        str(d / f"plan{ESCAPES}.toml"),
        *AS_OF,
        "-o",
        str(d / f"missing{ESCAPES}" / "report.md"),
    ],
    "init": lambda d: ["init", str(d / f"new{ESCAPES}.toml"), "--blank"],
}


@pytest.mark.parametrize("case", list(NAMED_IN_MESSAGES))
def test_file_names_in_messages_show_control_characters_harmlessly(
    tmp_path: Path, case: str
) -> None:
    # Finding 2, fixed: file names were printed as they were in check's lines,
    # in error messages and in init's summary; a name made by someone else (a
    # glob in CI: `ggov-plan check plans/*.toml`) could drive the terminal.
    shutil.copyfile(TRACKED, tmp_path / f"plan{ESCAPES}.toml")
    result = invoke(*NAMED_IN_MESSAGES[case](tmp_path))
    assert "Traceback" not in result.output
    assert RAW_CONTROL.search(result.stdout + result.stderr) is None, result.stdout + result.stderr
    assert "\\x1b[31m" in result.stdout + result.stderr


def test_plan_file_from_the_environment_is_named_harmlessly(tmp_path: Path) -> None:
    # Finding 2, fixed: same as above, for a missing $GGOV_PLAN_FILE.
    result = invoke("status", env={"GGOV_PLAN_FILE": str(tmp_path / f"x{ESCAPES}.toml")})
    assert result.exit_code == 2
    assert RAW_CONTROL.search(result.stderr) is None, result.stderr


# --------------------------------------------------------------------------- GitHub annotations


def test_github_annotations_cannot_be_forged_by_plan_text(tmp_path: Path) -> None:
    # A line break in a value would start a new workflow command; it is %0A.
    text = TRACKED.read_text(encoding="utf-8")
    text = text.replace(
        "partners = [", 'partners = ["a\\n::error file=x.toml::forged\\r\\n::add-mask::x", ', 1
    )
    plan = tmp_path / "plan.toml"
    plan.write_text(text, encoding="utf-8")
    result = invoke("check", "--format", "github", plan)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == _problem_count(plan) + 1
    assert all(line.startswith(("::error file=", "::warning file=")) for line in lines[:-1])
    assert "%0A::error file=x.toml::forged%0D%0A::add-mask::x" in result.stdout
    assert not lines[-1].startswith("::")


def test_github_annotations_cannot_be_forged_by_a_file_name(tmp_path: Path) -> None:
    # Finding 2, fixed: the summary line after the annotations printed the file
    # name as it was, so a name holding a line break started a workflow command.
    plan = tmp_path / "a\n::warning file=x.toml::forged.toml"
    shutil.copyfile(TRACKED, plan)
    result = invoke("check", "--format", "github", plan)
    assert result.exit_code == 0, result.stdout
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert len(annotations) == _problem_count(plan), annotations
    for line in annotations:
        assert line.startswith("::warning file=")
        assert "/a%0A%3A%3Awarning file=x.toml%3A%3Aforged.toml,line=" in line


# --------------------------------------------------------------------------- JSON

#: Every kind of control character, as the JSON outputs must carry it.
CONTROLS = "c0 \x1b[2J \x07 \x00 \x08 \t \r\n c1 \x9b31m \x85 \x90 del \x7f end"


@pytest.fixture(scope="module")
def controls_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    records = {
        "activity": [activity("so-tttt-ctl1", CONTROLS, unit=CONTROLS)],
        "completion": [
            {
                "id": "so-tttt-ctl1-c001",
                "activity": "so-tttt-ctl1",
                "date": _date("2017-12-10"),
                "evidence": CONTROLS,
                "note": CONTROLS,
            },
        ],
    }
    return hostile_copy(tmp_path_factory.mktemp("controls"), records=records, title_prefix=CONTROLS)


JSON_COMMANDS = {
    "report": ["report", "--format", "json", *AS_OF],
    "status": ["status", "--json", *AS_OF],
    "show": ["show", "--json"],
    "activity list": ["activity", "list", "--json", *AS_OF],
    "activity show": ["activity", "show", "so-tttt-ctl1", "--json", *AS_OF],
}


def _json_output(plan: Path, name: str) -> str:
    result = invoke(*JSON_COMMANDS[name], "-p", plan)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@pytest.mark.parametrize("name", list(JSON_COMMANDS))
def test_json_escapes_c0_controls_and_gives_the_text_exactly(
    controls_plan: Path, name: str
) -> None:
    text = _json_output(controls_plan, name)
    assert re.search(r"[\x00-\x08\x0b-\x1f]", text) is None
    strings = list(_strings(json.loads(text)))
    assert any(CONTROLS in s for s in strings)  # read back, the text is as given


@pytest.mark.parametrize("name", list(JSON_COMMANDS))
def test_json_escapes_c1_controls_and_del(controls_plan: Path, name: str) -> None:
    # Finding 3, fixed: orjson, like json.dumps(ensure_ascii=False), escapes
    # only U+0000-U+001F; DEL and the C1 controls (U+009B is CSI) were written
    # raw. They are now escaped as \u009b, which gives the same data back.
    text = _json_output(controls_plan, name)
    assert re.search(r"[\x7f-\x9f]", text) is None, sorted(set(re.findall(r"[\x7f-\x9f]", text)))


def test_check_json_escapes_every_control_character(invalid_with_escapes: Path) -> None:
    result = invoke("check", "--format", "json", invalid_with_escapes)
    assert result.exit_code == 1
    assert re.search(r"[\x00-\x08\x0b-\x1f]", result.stdout) is None
    assert re.search(r"[\x7f-\x9f]", result.stdout) is None  # finding 3, fixed
    messages = [p["message"] for p in json.loads(result.stdout)["errors"]]
    assert any(ESCAPES in m for m in messages)


# --------------------------------------------------------------------------- ids, Word


def test_ids_cannot_carry_rich_markup_to_a_table(tmp_path: Path) -> None:
    # Ids are printed into rich tables as plain strings (markup would apply);
    # the id rule (ASCII letters, digits, - _ .) keeps "[" out, and commands
    # refuse a plan that breaks it.
    plan = hostile_copy(tmp_path, records={"activity": [activity("so-tttt-[bold]x", "t")]})
    result = invoke("activity", "list", *AS_OF, "-p", plan)
    assert result.exit_code == 1
    assert "error[bad-id]" in result.stderr
    clean = tmp_path / "clean.toml"
    shutil.copyfile(TRACKED, clean)
    added = invoke("activity", "add", "--task", TASK, "--title", "t", "--id", "a[b]c", "-p", clean)
    assert added.exit_code == 2
    assert "--id" in added.stderr
    assert clean.read_bytes() == TRACKED.read_bytes()


def test_word_report_takes_characters_xml_cannot_hold(tmp_path: Path) -> None:
    # Finding 4, fixed: U+FFFE and U+FFFF are valid in TOML and pass check,
    # but lxml refuses them: `report --official -f docx` exited 70 ("internal
    # error"). They are now shown as \ufffe and \uffff (official_docx._clean).
    plan = hostile_copy(tmp_path, title_prefix="\ufffe\uffff ")
    assert invoke("check", plan).exit_code == 0
    target = tmp_path / "bao-cao.docx"
    result = invoke("report", "--official", "-f", "docx", *AS_OF, "-p", plan, "-o", target)
    assert "internal error" not in result.stderr
    assert result.exit_code == 0, result.stderr
    assert target.stat().st_size > 0


# =========================================================================== 2. the source

#: Names whose use the source may not contain, with why. Names are canonical:
#: ``subprocess.run`` however it was imported (``from subprocess import run as r``).
FORBIDDEN: dict[str, str] = {
    "builtins.eval": "runs text as Python",
    "builtins.exec": "runs text as Python",
    "builtins.compile": "turns text into code",
    "builtins.breakpoint": "$PYTHONBREAKPOINT can name any callable to run",
    "builtins.__import__": "imports a module named by data (a fixed name is fine)",
    "importlib.import_module": "imports a module named by data (a fixed name is fine)",
    "importlib.__import__": "imports a module named by data (a fixed name is fine)",
    "importlib.util.spec_from_file_location": "imports a file named by data",
    "importlib.machinery.SourceFileLoader": "imports a file named by data",
    "runpy.run_path": "runs a file named by data",
    "runpy.run_module": "runs a module named by data",
    "code.interact": "runs typed text",
    "code.InteractiveConsole": "runs typed text",
    "code.InteractiveInterpreter": "runs typed text",
    "os.system": "runs a shell",
    "os.popen": "runs a shell",
    "os.fork": "starts a process",
    "os.forkpty": "starts a process",
    "os.startfile": "starts a program",
    "pty.spawn": "starts a process",
    "asyncio.create_subprocess_shell": "runs a shell",
    "asyncio.create_subprocess_exec": "starts a process",
    "pickle.load": "unpickling runs code named by the data",
    "pickle.loads": "unpickling runs code named by the data",
    "pickle.Unpickler": "unpickling runs code named by the data",
    "pickle._Unpickler": "unpickling runs code named by the data",
    "_pickle.load": "unpickling runs code named by the data",
    "_pickle.loads": "unpickling runs code named by the data",
    "_pickle.Unpickler": "unpickling runs code named by the data",
    "marshal.load": "loads code objects",
    "marshal.loads": "loads code objects",
    "shelve.open": "unpickles",
    "yaml.load": "can build any Python object",
    "yaml.load_all": "can build any Python object",
    "yaml.full_load": "can build many Python objects",
    "yaml.full_load_all": "can build many Python objects",
    "yaml.unsafe_load": "can build any Python object",
    "yaml.unsafe_load_all": "can build any Python object",
    "yaml.Loader": "can build any Python object",
    "yaml.FullLoader": "can build many Python objects",
    "yaml.UnsafeLoader": "can build any Python object",
    "tempfile.mktemp": "a temp name another process can take first",
    "tempfile.gettempdir": "the system temp folder, not the target's folder",
    "tempfile.mkstemp": "without dir=, a temp file in the system temp folder",
    "tempfile.mkdtemp": "without dir=, a temp folder in the system temp folder",
    "tempfile.NamedTemporaryFile": "without dir=, a temp file in the system temp folder",
    "tempfile.TemporaryFile": "without dir=, a temp file in the system temp folder",
    "tempfile.SpooledTemporaryFile": "may spill to the system temp folder",
    "tempfile.TemporaryDirectory": "without dir=, a temp folder in the system temp folder",
}
#: Prefixes of canonical names that are all forbidden.
FORBIDDEN_PREFIXES: dict[str, str] = {
    "subprocess.": "starts a process",
    "os.exec": "replaces the process with a program",
    "os.spawn": "starts a process",
    "os.posix_spawn": "starts a process",
    "dill.": "unpickles",
    "cloudpickle.": "unpickles",
    "jsonpickle.": "unpickles",
}
#: Allowed when every argument is a literal module name: no user data.
LITERAL_IMPORTS = frozenset(
    {"builtins.__import__", "importlib.import_module", "importlib.__import__"}
)
#: Allowed when given ``dir=``: the temp file goes where the caller says.
TEMP_WITH_DIR = frozenset(
    {
        "tempfile.mkstemp",
        "tempfile.mkdtemp",
        "tempfile.NamedTemporaryFile",
        "tempfile.TemporaryFile",
        "tempfile.TemporaryDirectory",
    }
)

#: The documented exceptions: (module, canonical name) → why it is safe. Each
#: must be used (no stale entry) and named in docs/security.md. A call with
#: shell=True can never be allowed.
#:
#: An entry names exactly one (module, name) pair; the "Cache" section of
#: docs/security.md is where the cache's entry is reviewed.
ALLOWED: dict[tuple[str, str], str] = {
    ("ggov_plan.cli.reference", "subprocess.run"): (
        "the docs generator (python -m ggov_plan.cli.reference, for developers) re-runs "
        "README examples; an argument list, no shell; no command imports it"
    ),
    ("ggov_plan.cli.collab", "subprocess.run"): (
        "git-setup and merge-driver exist to work with git: they run git with an argument "
        "list, no shell (rev-parse, config, check-attr, merge-file); no other command imports "
        "the module"
    ),
    ("ggov_plan.cli.pager", "subprocess.run"): (
        "show's pager at a terminal, as git's: $GGOV_PLAN_PAGER, $PAGER or less, split with "
        "shlex into an argument list, no shell; never in a pipe or under cron"
    ),
    ("ggov_plan.plan.cache", "pickle.Unpickler"): (
        "the base of the cache's restricted unpickler, whose find_class refuses every "
        "class not on its own list; it reads only the user's own cache folder "
        "(docs/security.md, Cache)"
    ),
    ("ggov_plan.cli", "importlib.import_module"): (
        "main() imports only the module of the command named on the command line, "
        "f'ggov_plan.cli.{module}' with module from the fixed table ENTRIES in "
        "cli/registry.py (argv[0] is only looked up as a name), never from user data"
    ),
}

_BUILTIN_NAMES = frozenset({"eval", "exec", "compile", "__import__", "breakpoint"})


@dataclass(frozen=True)
class Finding:
    module: str
    name: str
    line: int
    reason: str


def verdict(name: str) -> str | None:
    """Why the canonical ``name`` may not be used, or None."""
    if name in FORBIDDEN:
        return FORBIDDEN[name]
    return next(
        (why for prefix, why in FORBIDDEN_PREFIXES.items() if name.startswith(prefix)), None
    )


def _aliases(tree: ast.AST, module: str, is_package: bool) -> dict[str, str]:
    """Local name → canonical dotted name, from every import in the module."""
    package = module if is_package else module.rpartition(".")[0]
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    aliases[alias.asname] = alias.name
                else:
                    top = alias.name.partition(".")[0]
                    aliases[top] = top
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join([*parts[: len(parts) - node.level + 1], node.module or ""])
            else:
                base = node.module or ""
            for alias in node.names:
                aliases[alias.asname or alias.name] = f"{base.rstrip('.')}.{alias.name}"
    return aliases


class Scanner(ast.NodeVisitor):
    """Every use of a forbidden name in one module, however it was imported or aliased."""

    def __init__(self, source: str, module: str, *, is_package: bool = False) -> None:
        self.module = module
        tree = ast.parse(source)
        self.aliases = _aliases(tree, module, is_package)
        self.findings: list[Finding] = []
        self._judged: set[int] = set()  # nodes already judged at their call
        self.visit(tree)

    def resolve(self, node: ast.expr) -> str | None:
        if isinstance(node, ast.Name):
            if node.id in self.aliases:
                return self.aliases[node.id]
            if node.id in _BUILTIN_NAMES:
                return f"builtins.{node.id}"
            return "builtins" if node.id == "__builtins__" else None
        if isinstance(node, ast.Attribute):
            base = self.resolve(node.value)
            return f"{base}.{node.attr}" if base else None
        return None

    def _add(self, node: ast.AST, name: str, reason: str) -> None:
        self.findings.append(Finding(self.module, name, getattr(node, "lineno", 0), reason))

    def _judge(self, node: ast.expr) -> bool:
        name = self.resolve(node)
        if name is None or id(node) in self._judged:
            return False
        reason = verdict(name)
        if reason:
            self._add(node, name, reason)
        return reason is not None

    def visit_Call(self, node: ast.Call) -> None:
        name = self.resolve(node.func)
        shell = [k for k in node.keywords if k.arg == "shell"]
        if any(not (isinstance(k.value, ast.Constant) and k.value.value is False) for k in shell):
            self._add(node, f"{name}(shell=True)", "runs a shell: never allowed")
        literal = bool(node.args) and all(
            isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args
        )
        if (name in LITERAL_IMPORTS and literal and not node.keywords) or (
            name in TEMP_WITH_DIR and any(k.arg == "dir" for k in node.keywords)
        ):
            self._judged.add(id(node.func))
        # getattr(builtins, "eval"), getattr(os, "system"), ...
        if (
            isinstance(node.func, ast.Name)
            and node.func.id == "getattr"
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
        ):
            base = self.resolve(node.args[0])
            reason = verdict(f"{base}.{node.args[1].value}") if base else None
            if reason:
                self._add(node, f"{base}.{node.args[1].value}", reason)
        self.generic_visit(node)

    def visit_Name(self, node: ast.Name) -> None:
        self._judge(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if not self._judge(node):
            self.generic_visit(node)


def scan_package() -> tuple[list[Finding], list[str]]:
    """Findings in every module under src/ggov_plan, and the modules scanned."""
    findings: list[Finding] = []
    modules: list[str] = []
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        is_package = parts[-1] == "__init__"
        module = ".".join(parts[:-1] if is_package else parts)
        modules.append(module)
        findings += Scanner(
            path.read_text(encoding="utf-8"), module, is_package=is_package
        ).findings
    return findings, modules


SCANNER_CASES: dict[str, tuple[str, list[str]]] = {
    "eval": ("eval(text)", ["builtins.eval"]),
    "exec": ("exec(text)", ["builtins.exec"]),
    "compile": ("compile(text, 'f', 'exec')", ["builtins.compile"]),
    "eval aliased": ("run = eval\nrun(text)", ["builtins.eval"]),
    "getattr builtins": ("import builtins\ngetattr(builtins, 'exec')(t)", ["builtins.exec"]),
    "os.system": ("import os\nos.system(text)", ["os.system"]),
    "popen imported": ("from os import popen as p\np(text)", ["os.popen"]),
    "os.exec*": ("import os\nos.execvp('a', ['a'])", ["os.execvp"]),
    "subprocess": ("import subprocess\nsubprocess.run(['ls'])", ["subprocess.run"]),
    "shell=True": (
        "import subprocess as sp\nsp.call(text, shell=True)",
        ["subprocess.call(shell=True)", "subprocess.call"],
    ),
    "pickle.loads": ("import pickle\npickle.loads(data)", ["pickle.loads"]),
    "Unpickler subclass": ("import pickle\nclass U(pickle.Unpickler): ...", ["pickle.Unpickler"]),
    "marshal": ("from marshal import loads\nloads(data)", ["marshal.loads"]),
    "yaml.load": ("import yaml\nyaml.load(text)", ["yaml.load"]),
    "__import__ of data": ("__import__(name)", ["builtins.__import__"]),
    "import_module of data": (
        "import importlib\nimportlib.import_module(name)",
        ["importlib.import_module"],
    ),
    "mkstemp without dir": ("import tempfile\ntempfile.mkstemp()", ["tempfile.mkstemp"]),
    "mktemp even with dir": ("import tempfile\ntempfile.mktemp(dir=d)", ["tempfile.mktemp"]),
    "breakpoint": ("breakpoint()", ["builtins.breakpoint"]),
    # Fine:
    "literal_eval": ("import ast\nast.literal_eval(text)", []),
    "re.compile": ("import re\nre.compile(text)", []),
    "yaml.safe_load": ("import yaml\nyaml.safe_load(text)", []),
    "import_module of a literal": ("import importlib\nimportlib.import_module('json')", []),
    "__import__ of a literal": ("__import__('json')", []),
    "mkstemp with dir": ("import tempfile\ntempfile.mkstemp(dir=folder)", []),
    "pickle.dumps": ("import pickle\npickle.dumps(data)", []),
    "shell=False": ("f(shell=False)", []),
}


@pytest.mark.parametrize("case", list(SCANNER_CASES))
def test_the_scanner_finds_what_it_should(case: str) -> None:
    source, expected = SCANNER_CASES[case]
    found = [f.name for f in Scanner(source, "example").findings]
    assert sorted(found) == sorted(expected)


def test_no_eval_exec_shell_or_unpickling_in_the_source() -> None:
    findings, modules = scan_package()
    assert len(modules) >= 35 and "ggov_plan.render.report.html_page" in modules
    unexpected = [f for f in findings if (f.module, f.name) not in ALLOWED]
    assert unexpected == []
    assert not [key for key in ALLOWED if key[1].endswith("(shell=True)")]
    stale = set(ALLOWED) - {(f.module, f.name) for f in findings}
    assert stale == set(), "an allowed exception is no longer used: remove it"


def test_every_allowed_exception_is_documented() -> None:
    doc = SECURITY_DOC.read_text(encoding="utf-8")
    for module, name in ALLOWED:
        assert f"`{module}`" in doc and f"`{name}`" in doc, (module, name)


# =========================================================================== 3. audited runs

#: The audit events that put a new file at a name: a plain rename, and the
#: journal's atomic swap (renameat2 through ctypes, which names itself).
RENAMES = ("os.rename", "ggov_plan.exchange")

#: Runs ggov-plan's console entry point under an audit hook (sys.addaudithook)
#: and writes what it saw as JSON: file-system changes, processes, sockets,
#: imports, and environment variables read (os.environ is wrapped).
AUDIT_DRIVER = r"""
import json, os, stat, sys

log_path = sys.argv[1]
sys.argv = ["ggov-plan", *sys.argv[2:]]
if os.environ.get("GGOV_TEST_UMASK"):
    os.umask(int(os.environ.pop("GGOV_TEST_UMASK"), 8))

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
ONE_PATH = {"os.chmod", "os.remove", "os.rmdir", "os.mkdir", "os.truncate", "os.chown",
            "os.utime", "os.mkfifo", "os.mknod", "shutil.rmtree", "shutil.chown"}
TWO_PATHS = {"os.rename", "ggov_plan.exchange", "os.link", "os.symlink", "shutil.copyfile",
             "shutil.copymode", "shutil.copystat", "shutil.copytree", "shutil.move"}
PROCESSES = {"subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn",
             "os.fork", "os.forkpty", "os.startfile", "pty.spawn", "webbrowser.open"}
NETWORK = ("socket.", "urllib.", "http.client.", "ftplib.", "smtplib.", "imaplib.")
log = {"writes": [], "created": {}, "processes": [], "network": [], "imports": [],
       "environ": [], "exit": None}
on = [True]


def _path(value):
    if isinstance(value, int):
        return None  # a descriptor: where it was opened is logged already
    try:
        return os.path.abspath(os.fsdecode(value))
    except TypeError:
        return repr(value)


def _observe():
    # Each file the run created, as it changes: [mode, size] while it exists.
    for path, seen in log["created"].items():
        try:
            info = os.lstat(path)
        except OSError:
            continue
        now = [stat.S_IMODE(info.st_mode), info.st_size]
        if not seen or seen[-1] != now:
            seen.append(now)


def hook(event, args):
    if not on[0]:
        return
    _observe()
    if event == "open":
        path, mode, flags = args
        writing = (isinstance(flags, int) and flags & WRITE_FLAGS) or (
            isinstance(mode, str) and any(c in mode for c in "wax+"))
        if writing and not isinstance(path, int):
            log["writes"].append([event, _path(path)])
            if isinstance(flags, int) and flags & os.O_CREAT:
                log["created"].setdefault(_path(path), [])
    elif event == "tempfile.mkstemp":  # raised once the file exists
        log["writes"].append([event, _path(args[0])])
        log["created"].setdefault(_path(args[0]), [])
        _observe()
    elif event in TWO_PATHS:
        log["writes"].append([event, _path(args[0]), _path(args[1])])
    elif event in ONE_PATH:
        log["writes"].append([event, _path(args[0])])
    elif event in PROCESSES:
        log["processes"].append([event, repr(args)[:300]])
    elif event.startswith(NETWORK):
        log["network"].append([event, repr(args)[:300]])
    elif event == "import":
        log["imports"].append(args[0])


class Environ(dict):
    def _seen(self, key):
        if on[0]:
            frame = sys._getframe(2)
            while frame is not None and frame.f_globals.get("__name__") in ("os", __name__):
                frame = frame.f_back
            caller = frame.f_globals.get("__name__", "?") if frame is not None else "?"
            log["environ"].append([caller, key])

    def __getitem__(self, key):
        self._seen(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self._seen(key)
        return super().get(key, default)

    def __contains__(self, key):
        self._seen(key)
        return super().__contains__(key)


os.environ = Environ(os.environ)
sys.addaudithook(hook)
try:
    from ggov_plan.cli import main

    main()
    log["exit"] = 0
except SystemExit as done:
    log["exit"] = done.code if isinstance(done.code, int) else int(done.code is not None)
finally:
    on[0] = False
    with open(log_path, "w", encoding="utf-8") as handle:
        json.dump(log, handle)
"""


@dataclass(frozen=True)
class Job:
    """One audited run. ``{plan}`` and ``{out}`` in ``args`` name the run's files."""

    args: tuple[str, ...]
    writes_to: str | None = None  # the folder ("plan", "out", "real") a write may touch
    umask: int = 0o022
    plan_mode: int = 0o644
    output_mode: int | None = None  # {out}/report.md exists beforehand, with this mode
    symlinked: bool = False  # {plan} is a symlink to real/plan.toml
    env: tuple[tuple[str, str], ...] = ()


@dataclass
class Audited:
    job: Job
    stdout: str
    stderr: str
    log: dict[str, Any]
    folders: dict[str, Path] = field(default_factory=dict)

    @property
    def plan(self) -> Path:
        return self.folders["plan"] / "plan.toml"

    def _cache(self, path: str) -> bool:
        return any(Path(path).is_relative_to(self.folders[f]) for f in ("cache", "home"))

    @property
    def writes(self) -> list[list[str]]:
        """What the run changed on disk, the cache's own folder left out."""
        return [w for w in self.log["writes"] if not all(self._cache(p) for p in w[1:] if p)]

    def created_then_renamed(self, target: Path) -> list[tuple[str, list[list[int]]]]:
        """The files this run created and renamed onto ``target``, with their observed modes."""
        renamed = {w[1] for w in self.log["writes"] if w[0] in RENAMES and w[2] == str(target)}
        return [(p, seen) for p, seen in self.log["created"].items() if p in renamed]


P, OUT = "{plan}", "{out}"
READS: dict[str, Job] = {
    "check": Job(("check", P)),
    "check --format github": Job(("check", "--format", "github", P)),
    "show": Job(("show", "-p", P)),
    "show --json": Job(("show", "--json", "-p", P)),
    "status": Job(("status", *AS_OF, "-p", P)),
    "status, plan from $GGOV_PLAN_FILE": Job(("status", *AS_OF), env=(("GGOV_PLAN_FILE", P),)),
    "activity list": Job(("activity", "list", *AS_OF, "-p", P)),
    "activity show": Job(("activity", "show", "so-tttt-tv01", *AS_OF, "-p", P)),
    "progress": Job(("progress", "--by", "agency", *AS_OF, "-p", P)),
    "budget --json": Job(("budget", "--json", *AS_OF, "-p", P)),
    "report md": Job(("report", *AS_OF, "-p", P)),
    "report html": Job(("report", "-f", "html", *AS_OF, "-p", P)),
    "report json": Job(("report", "-f", "json", *AS_OF, "-p", P)),
    "report csv": Job(("report", "-f", "csv", *AS_OF, "-p", P)),
    "report --official html": Job(("report", "--official", "-f", "html", *AS_OF, "-p", P)),
    "schema": Job(("schema",)),
    "--version": Job(("--version",)),
}
#: A dry run writes no record, but takes the lock to read the plan as a writer would.
DRY_RUNS: dict[str, Job] = {
    "activity add --dry-run": Job(
        ("activity", "add", "--task", TASK, "--title", "x", "--dry-run", "-p", P)
    ),
}
WRITES: dict[str, Job] = {
    "activity add": Job(("activity", "add", "--task", TASK, "--title", "x", "-p", P), "plan"),
    "activity cancel": Job(
        ("activity", "cancel", "so-tttt-th01", "--reason", "r", "-p", P), "plan"
    ),
    "record (recorder from the login name)": Job(
        ("record", "so-tttt-tv01", "--date", "2017-12-01", "-p", P), "plan"
    ),
    "record --void": Job(
        ("record", "--void", "so-tttt-tv01-kze6", "--reason", "r", "--by", "t", "-p", P), "plan"
    ),
    "activity add, symlinked plan": Job(
        ("activity", "add", "--task", TASK, "--title", "x", "-p", P), "real", symlinked=True
    ),
    "report -o": Job(("report", "-f", "html", *AS_OF, "-p", P, "-o", f"{OUT}/report.html"), "out"),
    "report --official -f docx -o": Job(
        ("report", "--official", "-f", "docx", *AS_OF, "-p", P, "-o", f"{OUT}/bao-cao.docx"), "out"
    ),
    "schema -o": Job(("schema", "-o", f"{OUT}/schema.json"), "out"),
    "init --blank": Job(("init", f"{OUT}/new.toml", "--blank"), "out"),
    "init --from": Job(("init", f"{OUT}/next.toml", "--from", P), "out"),
}
MODES = (0o600, 0o640, 0o664)
#: The umask does not matter to a replaced file (chmod ignores it); one case checks that.
PLAN_MODES: dict[str, Job] = {
    f"plan {mode:o}, umask {umask:03o}": Job(
        ("record", "so-tttt-tv01", "--date", "2017-12-01", "--by", "t", "-p", P),
        "plan",
        umask=umask,
        plan_mode=mode,
    )
    for mode, umask in ((0o600, 0o022), (0o640, 0o077), (0o664, 0o077), (0o664, 0o022))
}
OUTPUT_MODES: dict[str, Job] = {
    f"report -o over a {mode:o} file": Job(
        # The file there is not a report: replacing it takes --force (write/outputs.py).
        ("report", *AS_OF, "-p", P, "-o", f"{OUT}/report.md", "--force"),
        "out",
        umask=0o077,
        output_mode=mode,
    )
    for mode in MODES
}
NEW_FILES: dict[str, Job] = {
    "new report, umask 077": Job(
        ("report", *AS_OF, "-p", P, "-o", f"{OUT}/report.md"), "out", umask=0o077
    ),
    "new plan, umask 077": Job(("init", f"{OUT}/new.toml", "--blank"), "out", umask=0o077),
}
JOBS: dict[str, Job] = {**READS, **DRY_RUNS, **WRITES, **PLAN_MODES, **OUTPUT_MODES, **NEW_FILES}


def _audit(root: Path, job: Job) -> Audited:
    folders = {name: root / name for name in ("plan", "real", "out", "tmp", "cache", "home")}
    for folder in folders.values():
        folder.mkdir(parents=True)
    plan = folders["plan"] / "plan.toml"
    if job.symlinked:
        shutil.copyfile(TRACKED, folders["real"] / "plan.toml")
        plan.symlink_to(Path("..") / "real" / "plan.toml")
    else:
        shutil.copyfile(TRACKED, plan)
    os.chmod(os.path.realpath(plan), job.plan_mode)
    if job.output_mode is not None:
        (folders["out"] / "report.md").write_text("old report\n", encoding="utf-8")
        os.chmod(folders["out"] / "report.md", job.output_mode)
    args = [a.replace(P, str(plan)).replace(OUT, str(folders["out"])) for a in job.args]
    env = {k: v for k, v in os.environ.items() if not k.startswith("GGOV_PLAN_")}
    env.update(
        GGOV_PLAN_TODAY=TODAY,
        PYTHONIOENCODING="utf-8",
        PYTHONDONTWRITEBYTECODE="1",
        TMPDIR=str(folders["tmp"]),
        TEMP=str(folders["tmp"]),
        TMP=str(folders["tmp"]),
        # The plan cache (ggov_plan.plan.cache) writes in the user's cache folder:
        # one per run, so its writes are told apart (docs/security.md, Cache).
        XDG_CACHE_HOME=str(folders["cache"]),
        HOME=str(folders["home"]),
        GGOV_TEST_UMASK=f"{job.umask:o}",
    )
    env.update({k: v.replace(P, str(plan)) for k, v in job.env})
    log_path = root / "audit.json"
    result = subprocess.run(
        [sys.executable, "-B", "-c", AUDIT_DRIVER, str(log_path), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=root,
        timeout=120,
        check=False,
    )
    assert log_path.exists(), result.stderr
    log = json.loads(log_path.read_text(encoding="utf-8"))
    log_path.unlink()
    return Audited(job, result.stdout, result.stderr, log, folders)


@pytest.fixture(scope="module")
def audited(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Audited]:
    base = tmp_path_factory.mktemp("audited")
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        futures = {
            name: pool.submit(_audit, base / f"run{number}", job)
            for number, (name, job) in enumerate(JOBS.items())
        }
        return {name: future.result() for name, future in futures.items()}


@pytest.mark.parametrize("name", list(JOBS))
def test_no_command_starts_a_process_or_opens_a_socket(
    audited: dict[str, Audited], name: str
) -> None:
    run = audited[name]
    assert run.log["exit"] == 0, run.stderr
    assert run.log["processes"] == []
    assert run.log["network"] == []
    # The docs generator, the one module that may start a process, is never loaded.
    assert "ggov_plan.cli.reference" not in run.log["imports"]


@pytest.mark.parametrize("name", list(JOBS))
def test_the_system_temp_folder_is_never_used(audited: dict[str, Audited], name: str) -> None:
    run = audited[name]
    tmp = run.folders["tmp"]
    assert list(tmp.iterdir()) == []
    assert not [w for w in run.log["writes"] if any(str(tmp) in str(p) for p in w[1:])]
    readers = {(who, key) for who, key in run.log["environ"] if key in ("TMPDIR", "TEMP", "TMP")}
    assert readers == set(), "something looked for the system temp folder"


@pytest.mark.parametrize("name", list(READS))
def test_a_read_changes_nothing_on_disk(audited: dict[str, Audited], name: str) -> None:
    run = audited[name]
    assert run.writes == []
    assert sorted(p.name for p in run.folders["plan"].iterdir()) == ["plan.toml"]
    assert run.plan.read_bytes() == TRACKED.read_bytes()
    assert list(run.folders["out"].iterdir()) == []


@pytest.mark.parametrize("name", list(DRY_RUNS))
def test_a_dry_run_changes_nothing_but_the_lock_file(
    audited: dict[str, Audited], name: str
) -> None:
    run = audited[name]
    assert run.plan.read_bytes() == TRACKED.read_bytes()
    lock = run.folders["plan"] / ".plan.toml.lock"
    assert sorted(p.name for p in run.folders["plan"].iterdir()) == [lock.name, "plan.toml"]
    assert lock.stat().st_size == 0
    touched = {p for w in run.writes for p in w[1:] if p is not None}
    assert touched <= {str(lock), str(run.folders["plan"])}
    assert not [w for w in run.writes if w[0] in (*RENAMES, "tempfile.mkstemp")]


@pytest.mark.parametrize("name", [n for n, job in JOBS.items() if job.writes_to])
def test_a_write_touches_only_the_target_folder(audited: dict[str, Audited], name: str) -> None:
    run = audited[name]
    assert run.job.writes_to is not None
    target = run.folders[run.job.writes_to].resolve()
    touched = {Path(p) for w in run.writes for p in w[1:] if p is not None}
    assert touched, "the audit saw no write"
    outside = {p for p in touched if p.resolve() != target and p.parent.resolve() != target}
    assert outside == set()
    # The new bytes arrive by a rename (or a hard link, for init) inside the folder.
    arrivals = [w for w in run.writes if w[0] in (*RENAMES, "os.link")]
    assert arrivals and all(Path(w[1]).parent == Path(w[2]).parent for w in arrivals)
    # Nothing is left behind but the result (and, for a journal write, the lock file).
    left = sorted(p.name for p in target.iterdir())
    assert not [n for n in left if n.endswith(".tmp")], left
    for folder in ("plan", "real", "out"):
        if run.folders[folder].resolve() != target:
            listing = sorted(p.name for p in run.folders[folder].iterdir())
            assert listing in ([], ["plan.toml"]), (folder, listing)


def test_a_symlinked_plan_stays_a_symlink_and_its_target_is_written(
    audited: dict[str, Audited],
) -> None:
    run = audited["activity add, symlinked plan"]
    assert run.plan.is_symlink()
    assert os.readlink(run.plan) == os.path.join("..", "real", "plan.toml")
    real = run.folders["real"] / "plan.toml"
    assert real.read_bytes().startswith(TRACKED.read_bytes())
    assert len(real.read_bytes()) > len(TRACKED.read_bytes())
    assert sorted(p.name for p in run.folders["real"].iterdir()) == [".plan.toml.lock", "plan.toml"]


def _too_open(seen: list[list[int]], allowed: int) -> list[str]:
    """Observed modes with a group or other bit that ``allowed`` does not have."""
    return [f"{mode:o} ({size} bytes)" for mode, size in seen if mode & 0o077 & ~allowed]


@pytest.mark.parametrize("name", list(PLAN_MODES))
def test_a_plan_keeps_its_mode_and_its_temp_file_is_never_more_open(
    audited: dict[str, Audited], name: str
) -> None:
    run = audited[name]
    mode = run.job.plan_mode
    assert stat.S_IMODE(run.plan.stat().st_mode) == mode
    temps = run.created_then_renamed(run.plan)
    assert len(temps) == 1, run.log["writes"]
    path, seen = temps[0]
    assert Path(path).parent == run.plan.parent
    assert seen[0][1] == 0, "the first look at the temp file should find it empty"
    assert _too_open(seen, mode) == [], f"temp {path} was more open than the plan ({mode:o})"
    assert seen[-1][0] == mode  # the mode is given before the rename


@pytest.mark.parametrize("name", list(OUTPUT_MODES))
def test_a_replaced_output_keeps_its_mode(audited: dict[str, Audited], name: str) -> None:
    run = audited[name]
    target = run.folders["out"] / "report.md"
    mode = run.job.output_mode
    assert mode is not None
    assert stat.S_IMODE(target.stat().st_mode) == mode
    temps = run.created_then_renamed(target)
    assert len(temps) == 1
    assert _too_open(temps[0][1], mode) == []


@pytest.mark.parametrize("name", list(NEW_FILES))
def test_a_new_file_follows_the_umask_from_the_start(
    audited: dict[str, Audited], name: str
) -> None:
    run = audited[name]
    written = [p for p in run.folders["out"].iterdir() if not p.name.startswith(".")]
    assert len(written) == 1
    assert stat.S_IMODE(written[0].stat().st_mode) == 0o600  # 0o666 & ~0o077
    for path, seen in run.log["created"].items():
        assert _too_open(seen, 0o000) == [], path


#: Environment variables ggov-plan's own code reads; docs/security.md lists each.
CORE_ENVIRONMENT = frozenset(
    {"GGOV_PLAN_FILE", "GGOV_PLAN_TODAY", "GGOV_PLAN_LANG", "GGOV_PLAN_DEBUG", "LC_ALL", "LANG"}
)
#: Read by the plan cache (docs/security.md, Cache).
CACHE_ENVIRONMENT = frozenset({"GGOV_PLAN_NO_CACHE"})
#: Read by `check --format github` only, to append the job summary (docs/ci.md).
CI_ENVIRONMENT = frozenset({"GITHUB_STEP_SUMMARY"})
#: Set by the shell's completion script (README, Shell completion); read on every run.
COMPLETION_ENVIRONMENT = frozenset({"_GGOV_PLAN_COMPLETE"})
DOCUMENTED_ENVIRONMENT = (
    CORE_ENVIRONMENT | CACHE_ENVIRONMENT | CI_ENVIRONMENT | COMPLETION_ENVIRONMENT
)


def test_only_documented_environment_variables_are_read(audited: dict[str, Audited]) -> None:
    read = {
        (who, key)
        for run in audited.values()
        for who, key in run.log["environ"]
        if who.startswith("ggov_plan")
    }
    assert {key for _, key in read} <= DOCUMENTED_ENVIRONMENT, sorted(read)
    # The ones these runs reach (GGOV_PLAN_DEBUG is read only on an internal error).
    assert {key for _, key in read} >= CORE_ENVIRONMENT - {"GGOV_PLAN_DEBUG"}
    doc = SECURITY_DOC.read_text(encoding="utf-8")
    for key in DOCUMENTED_ENVIRONMENT:
        assert f"`{key}`" in doc, key


def test_the_login_name_is_read_only_to_name_the_recorder(audited: dict[str, Audited]) -> None:
    # record and activity cancel write who did it: --by, else the OS user.
    login = ("LOGNAME", "USER", "LNAME", "USERNAME")
    asked = {
        name for name, run in audited.items() if any(key in login for _, key in run.log["environ"])
    }
    assert asked == {"record (recorder from the login name)", "activity cancel"}
    assert all("--by" not in audited[name].job.args for name in asked)


# =========================================================================== 4. folders, locks


def _root_ignores_permissions() -> bool:
    return sys.platform == "linux" and hasattr(os, "geteuid") and os.geteuid() == 0


def _without_dac_override() -> Callable[[], None] | None:
    """For root: a preexec_fn that drops CAP_DAC_OVERRIDE, so permissions apply to it."""
    if not _root_ignores_permissions():
        return None
    libc = ctypes.CDLL(None, use_errno=True)

    def drop() -> None:
        for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
            if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")

    return drop


def _run_as_user(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GGOV_PLAN_")}
    env.update(GGOV_PLAN_TODAY=TODAY, PYTHONIOENCODING="utf-8", PYTHONDONTWRITEBYTECODE="1")
    env.update(GGOV_PLAN_NO_CACHE="1")  # the cache's folder is not what these tests look at
    return subprocess.run(
        [sys.executable, "-B", *(str(a) for a in args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
        preexec_fn=_without_dac_override(),
        timeout=120,
        check=False,
    )


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    """A folder holding plan.toml that the test's processes cannot write."""
    if sys.platform == "win32":
        pytest.skip("POSIX permissions")
    folder = tmp_path / "read-only"
    folder.mkdir()
    shutil.copyfile(TRACKED, folder / "plan.toml")
    folder.chmod(0o555)
    try:
        try:
            probe = _run_as_user("-c", "open('probe', 'w')", cwd=folder)
        except subprocess.SubprocessError:  # prctl refused: no CAP_SETPCAP here
            pytest.skip("cannot drop root's permission override here")
        if probe.returncode == 0:
            pytest.skip("this user can write a read-only folder")
        yield folder
    finally:
        folder.chmod(0o755)


READ_ONLY_WRITES: dict[str, list[str]] = {
    "activity add": ["activity", "add", "--task", TASK, "--title", "x", "-p", "plan.toml"],
    "record": ["record", "so-tttt-tv01", "--date", "2017-12-01", "--by", "t", "-p", "plan.toml"],
    "report -o": ["report", *AS_OF, "-p", "plan.toml", "-o", "report.md"],
    "schema -o": ["schema", "-o", "schema.json"],
    "init": ["init", "new.toml", "--blank"],
}


@pytest.mark.parametrize("name", list(READ_ONLY_WRITES))
def test_a_read_only_folder_gives_a_clean_error_and_writes_nothing(
    read_only: Path, name: str
) -> None:
    # Finding 5, fixed for activity add and record: the lock file cannot be
    # created, and filelock's PermissionError was reported as exit 70
    # "internal error"; journal.append now makes it exit 2 (journal.cannot_lock).
    before = TRACKED.read_bytes()
    result = _run_as_user("-m", "ggov_plan", *READ_ONLY_WRITES[name], cwd=read_only)
    assert sorted(p.name for p in read_only.iterdir()) == ["plan.toml"]
    assert (read_only / "plan.toml").read_bytes() == before
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr, result.stderr
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("ggov-plan: error: ")


@pytest.fixture
def planted_lock(tmp_path: Path) -> tuple[Path, Path]:
    """A plan whose lock path is a symlink, planted by someone else, to a victim file."""
    plan = tmp_path / "plan.toml"
    shutil.copyfile(TRACKED, plan)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    (tmp_path / ".plan.toml.lock").symlink_to("victim.txt")
    return plan, victim


def test_a_symlink_planted_at_the_lock_path_is_not_followed(
    planted_lock: tuple[Path, Path],
) -> None:
    plan, victim = planted_lock
    result = invoke("activity", "add", "--task", TASK, "--title", "x", "-p", plan)
    assert result.exit_code != 0
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert plan.read_bytes() == TRACKED.read_bytes()
    assert (plan.parent / ".plan.toml.lock").is_symlink()


def test_a_symlink_planted_at_the_lock_path_gives_a_clean_error(
    planted_lock: tuple[Path, Path],
) -> None:
    # Finding 5, fixed: filelock refuses the symlink (ELOOP, O_NOFOLLOW), and
    # the OSError was reported as exit 70 "internal error"; now exit 2.
    plan, _ = planted_lock
    result = invoke("activity", "add", "--task", TASK, "--title", "x", "-p", plan)
    assert "internal error" not in result.stderr, result.stderr
    assert result.exit_code == 2
    assert "cannot take the lock .plan.toml.lock" in result.stderr


def test_a_read_only_plan_file_in_a_writable_folder_is_still_replaced(tmp_path: Path) -> None:
    # A known limit (docs/security.md): the rename needs the folder's write
    # permission, not the file's; the file keeps its mode.
    plan = tmp_path / "plan.toml"
    shutil.copyfile(TRACKED, plan)
    plan.chmod(0o444)
    result = invoke("activity", "add", "--task", TASK, "--title", "x", "-p", plan)
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(plan.stat().st_mode) == 0o444
    assert len(plan.read_bytes()) > len(TRACKED.read_bytes())


def test_output_through_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    # A known limit (docs/security.md): -o follows symlinks, dangling ones too,
    # so a link planted in a shared folder decides where a report goes.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = tmp_path / "report.md"
    link.symlink_to(elsewhere / "chosen-by-the-link.md")
    result = cli("report", *AS_OF, "-p", TRACKED, "-o", link)
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink()
    assert (elsewhere / "chosen-by-the-link.md").read_text(encoding="utf-8").startswith("# ")


#: Ways to name the plan itself as report -o's target: each must be refused.
SAME_FILE_AS_PLAN: dict[str, Callable[[Path], Path]] = {
    "the same path": lambda plan: plan,
    "another spelling": lambda plan: plan.parent / "sub" / ".." / plan.name,
    "a symlink": lambda plan: _link(plan, "link.toml", hard=False),
    "a hard link": lambda plan: _link(plan, "hard.toml", hard=True),
}


def _link(plan: Path, name: str, *, hard: bool) -> Path:
    path = plan.parent / name
    if hard:
        path.hardlink_to(plan)
    else:
        path.symlink_to(plan.name)
    return path


@pytest.mark.parametrize("how", list(SAME_FILE_AS_PLAN))
def test_report_output_naming_the_plan_is_refused(tmp_path: Path, how: str) -> None:
    plan = tmp_path / "plan.toml"
    shutil.copyfile(TRACKED, plan)
    (tmp_path / "sub").mkdir()
    output = SAME_FILE_AS_PLAN[how](plan)
    result = cli("report", *AS_OF, "-p", plan, "-o", output)
    assert result.exit_code == 2, result.stderr
    assert f"-o {output} is a plan file" in result.stderr
    assert plan.read_bytes() == TRACKED.read_bytes()
    assert not list(tmp_path.glob(".*.tmp"))


# =========================================================================== 5. debug, deps

#: Runs `ggov-plan show` with rich's Console.print made to fail: an internal error.
FAILING_DRIVER = r"""
import sys
import rich.console

def fail(self, *args, **kwargs):
    raise RuntimeError("simulated failure")

rich.console.Console.print = fail
sys.argv = ["ggov-plan", *sys.argv[1:]]
from ggov_plan.cli import main
main()
"""


def _failing_show(plan: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("GGOV_PLAN_")}
    environment.update(
        GGOV_PLAN_TODAY=TODAY, PYTHONIOENCODING="utf-8", SECRET_TOKEN="s3cr3t-t0ken", **env
    )
    return subprocess.run(
        [sys.executable, "-B", "-c", FAILING_DRIVER, "show", "-p", str(plan)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        timeout=120,
        check=False,
    )


def test_an_internal_error_says_one_line_and_no_traceback() -> None:
    result = _failing_show(PLAN_2017)
    assert result.returncode == 70
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "ggov-plan: internal error: RuntimeError: simulated failure",
        f"  hint: this is a bug in ggov-plan {__version__}; rerun with GGOV_PLAN_DEBUG=1 "
        "for the traceback and report it",
    ]


def test_debug_shows_a_plain_traceback_without_local_values_or_environment() -> None:
    result = _failing_show(PLAN_2017, GGOV_PLAN_DEBUG="1")
    assert result.returncode == 1
    assert result.stderr.startswith("Traceback (most recent call last):")
    assert result.stderr.rstrip().endswith("RuntimeError: simulated failure")
    # Source lines and file paths only: no local variables (the plan's text),
    # no environment.
    assert "Trần Thanh Đức" not in result.stderr
    assert "s3cr3t-t0ken" not in result.stderr
    assert "╭" not in result.stderr  # not rich's pretty traceback, which shows locals


RUNTIME_DEPENDENCIES = frozenset(
    {
        "typer",
        "rich",
        "tomli",
        "tomli-w",
        "platformdirs",
        "orjson",
        "filelock",
        "python-docx",
        "tzdata",
        "openpyxl",
    }
)


def _requirements() -> dict[str, str]:
    """Runtime dependency → its version specifier in pyproject.toml (``>=3.12``)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    found = {}
    for requirement in project["dependencies"]:
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)\s*(.*)", requirement)
        assert match is not None, requirement
        found[match[1].lower()] = match[2].replace(" ", "")
    return found


def test_runtime_dependencies_are_the_documented_ones() -> None:
    requirements = _requirements()
    assert set(requirements) == RUNTIME_DEPENDENCIES
    doc = SECURITY_DOC.read_text(encoding="utf-8")
    for name, specifier in requirements.items():
        assert f"| `{name}` | `{specifier}` |" in doc, (name, specifier)


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


def test_the_installed_filelock_refuses_a_symlinked_lock_file() -> None:
    from importlib.metadata import version

    assert _version(version("filelock")) >= (3, 20, 1)  # CVE-2025-68146 fixed


def test_the_filelock_floor_excludes_versions_that_follow_a_planted_symlink() -> None:
    # Finding 6, fixed: pyproject.toml asked for filelock>=3.12; before 3.20.1
    # (CVE-2025-68146) the lock file was opened with O_TRUNC and without
    # O_NOFOLLOW, so a symlink planted at .<plan>.lock let a local user
    # truncate any file the writer can write.
    floor = re.search(r">=([0-9.]+)", _requirements()["filelock"])
    assert floor is not None
    assert _version(floor[1]) >= (3, 20, 1)


# =========================================================================== the cache

#: A pickle that runs a shell command when unpickled without an allow-list.
CODE_PICKLE = b"cos\nsystem\n(S'touch PWNED'\ntR."


def _cached(tmp_path: Path, *args: object) -> Result:
    """A run with the cache on, in a cache folder of its own under ``tmp_path``."""
    return invoke(*args, env={"XDG_CACHE_HOME": str(tmp_path / "xdg"), "GGOV_PLAN_NO_CACHE": None})


def _cached_plan(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the tracked plan, checked once through the cache; and its entry."""
    plan = tmp_path / "plan.toml"
    shutil.copyfile(TRACKED, plan)
    result = _cached(tmp_path, "check", plan)
    assert result.exit_code == 0, result.stdout
    return plan, cache.entry_path(plan, tmp_path / "xdg" / "ggov-plan")


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_cache_folder_and_its_files_are_private(tmp_path: Path) -> None:
    plan, entry = _cached_plan(tmp_path)
    assert entry.stem == hashlib.sha256(os.fsencode(os.path.realpath(plan))).hexdigest()[:32]
    assert stat.S_IMODE(entry.parent.stat().st_mode) == 0o700
    assert sorted(p.name for p in entry.parent.iterdir()) == [
        f"{entry.stem}.checked",
        f"{entry.stem}.pickle",
    ]
    for path in entry.parent.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
        assert path.read_bytes().startswith(cache.FORMAT_TAG.encode() + b"\n")


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX owners")
def test_a_cache_entry_owned_by_another_user_is_not_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, entry = _cached_plan(tmp_path)
    assert cache.read_entry(entry) is not None
    uid = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: uid + 1)  # the entry is now someone else's
    assert cache.read_entry(entry) is None


@pytest.mark.parametrize("kind", [".pickle", ".checked"])
def test_a_planted_cache_file_cannot_run_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    monkeypatch.chdir(tmp_path)
    plan, entry = _cached_plan(tmp_path)
    expected = _cached(tmp_path, "check", plan).stdout
    # Private, with the right tag: only the unpickler's allow-list stands in the way.
    entry.with_suffix(kind).write_bytes(cache.FORMAT_TAG.encode() + b"\n" + CODE_PICKLE)
    result = _cached(tmp_path, "check", plan)
    assert (result.exit_code, result.stdout) == (0, expected)
    assert not (tmp_path / "PWNED").exists()


@pytest.mark.parametrize(
    "name",
    [
        "os.system",
        "builtins.eval",
        "builtins.getattr",
        "builtins.__import__",
        "subprocess.Popen",
        "pickle.loads",
        "ggov_plan.plan.cache.write_entry",
        "ggov_plan.plan.model.dataclasses",
        "datetime.sys",
    ],
)
def test_the_cache_unpickler_names_nothing_but_the_plans_own_types(name: str) -> None:
    module, _, attribute = name.rpartition(".")
    # The name by GLOBAL (protocol 0), and by STACK_GLOBAL (protocol 4 and up).
    short = (module.encode(), attribute.encode())
    by_global = b"c" + short[0] + b"\n" + short[1] + b"\n."
    by_stack_global = b"\x80\x04" + b"".join(b"\x8c" + bytes([len(s)]) + s for s in short)
    for data in (by_global, by_stack_global + b"\x93."):
        with pytest.raises(pickle.UnpicklingError, match="not allowed in a cache entry"):
            cache._load_payload(io.BytesIO(data))


def test_the_cache_unpickler_reads_what_the_cache_writes(tmp_path: Path) -> None:
    _, entry = _cached_plan(tmp_path)
    snapshot = cache.read_entry(entry)
    assert snapshot is not None and snapshot.plan.activities
    with entry.open("rb") as stream:
        stream.readline()
        assert cache._load_payload(stream) == cache._to_payload(snapshot)


# =========================================================================== the document


def test_every_test_named_in_the_security_doc_exists() -> None:
    doc = SECURITY_DOC.read_text(encoding="utf-8")
    named = set(re.findall(r"tests/([\w/]+\.py)::(\w+)", doc))
    assert len(named) >= 30
    for file, test in sorted(named):
        tree = ast.parse((ROOT / "tests" / file).read_text(encoding="utf-8"))
        defined = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
        assert test in defined, f"tests/{file}::{test}"
