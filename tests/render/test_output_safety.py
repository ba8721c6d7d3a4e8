"""Hostile plan text in every output, and output fit for pipes, terminals and bare locales.

A copy of data/plan2017.toml gets activities and completions through the CLI
whose titles, units, evidence and notes carry HTML, spreadsheet formulas,
Markdown table pipes, rich markup, terminal escapes, control characters and
HTML entities. Each output must show that text as text: HTML escaped, CSV
formulas neutralised, Markdown cells escaped, terminal output literal with
control characters made visible.
"""

from __future__ import annotations

import concurrent.futures
import csv
import html
import io
import json
import os
import re
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from ggov_plan.text import visible_controls
from report_helpers import TRACKED, Outline, md_sections
from track_helpers import PLAN_2017, cli, ok

TASK = "v1-san-xuat-chuong-trinh"
AS_OF = ("--as-of", "2017-12-31")

#: Activity id -> the text given on the command line (title, unit, evidence, note).
#: Every activity is due 01/10/2017 with target 2 and gets one completion on
#: 10/12/2017, so each is overdue and in the report's "completed since" table.
INJECTED: dict[str, dict[str, str]] = {
    "so-tttt-xss1": {
        "title": "<script>alert(1)</script>",
        "evidence": "<img src=x onerror=alert(1)>",
        "note": "<script>alert(2)</script>",
    },
    "so-tttt-frm1": {
        "title": '=HYPERLINK("http://x")',
        "unit": "+1",
        "evidence": '=HYPERLINK("http://y")',
        "note": "@SUM(A1)",
    },
    "so-tttt-frm2": {"title": "+1", "unit": "-2", "evidence": "-3"},
    "so-tttt-frm3": {"title": "-2", "unit": "@SUM(A1)", "evidence": "+4"},
    "so-tttt-frm4": {"title": "@SUM(A1)", "unit": "=1+1", "evidence": "@x"},
    "so-tttt-pipe": {"title": "a|b", "unit": "c|d", "evidence": "e|f", "note": "g|h"},
    "so-tttt-mark": {
        "title": "[bold]x[/]",
        "evidence": "[link=http://x]y[/link]",
        "note": "[red]z[/red]",
    },
    "so-tttt-ansi": {
        "title": "\x1b[31mred\x1b[0m",
        "evidence": "\x1b]8;;http://x\x1b\\link",  # an OSC 8 hyperlink
        "note": "\x1b[2J",
    },
    "so-tttt-ctrl": {"title": "bell\x07 back\x08 del\x7f csi\x9b31m", "note": "bell\x07"},
    "so-tttt-ent1": {"title": "&lt;b&gt; &amp;", "evidence": "&lt;i&gt;"},
}
IDS = list(INJECTED)

#: The plan's own title gets a prefix too (edited into the TOML, as `show`
#: prints only what the document declares).
HEADER_PREFIX = "[bold]x[/] \x1b[31mđỏ\x1b[0m \x9b1m <b>&lt; "
HEADER_PREFIX_TOML = "[bold]x[/] \\u001b[31mđỏ\\u001b[0m \\u009b1m <b>&lt; "
HEADER_TITLE = (
    "Tuyên truyền xây dựng chính quyền điện tử, dịch vụ công trực tuyến trên địa bàn tỉnh "
    "Tiền Giang năm 2017"
)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def visible(text: str) -> str:
    """Control characters as the terminal output shows them: ``\\x1b``."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("injected") / "plan.toml"
    text = PLAN_2017.read_text(encoding="utf-8")
    needle = f'title = "{HEADER_TITLE}"'
    assert text.count(needle) == 1
    path.write_text(
        text.replace(needle, f'title = "{HEADER_PREFIX_TOML}{HEADER_TITLE}"'), encoding="utf-8"
    )
    for ident, given in INJECTED.items():
        options = ["--title", given["title"], "--due", "2017-10-01", "--target", "2"]
        if "unit" in given:
            options += ["--unit", given["unit"]]
        added = ok("activity", "add", "--task", TASK, "--id", ident, *options, "-p", path)
        assert added.stdout.splitlines()[-1] == ident
        options = ["--date", "2017-12-10"]
        for key in ("evidence", "note"):
            if key in given:
                options += [f"--{key}", given[key]]
        ok("record", ident, *options, "--by", "tester", "-p", path)
    return path


@pytest.fixture(scope="module")
def reports(plan: Path) -> dict[str, str]:
    out = {}
    for output_format in ("md", "html", "csv", "json"):
        result = ok("report", "--format", output_format, *AS_OF, "-p", plan)
        assert result.stderr == ""
        out[output_format] = result.stdout
    return out


def test_the_plan_keeps_the_text_as_given(reports: dict[str, str]) -> None:
    # The premise of the other tests: nothing was refused, stripped or changed
    # on the way into the plan (JSON escapes control characters itself).
    data = json.loads(reports["json"])
    assert data["plan"]["title"] == HEADER_PREFIX + HEADER_TITLE
    overdue = {a["id"]: a for a in data["overdue"]}
    assert list(overdue) == IDS
    for ident, given in INJECTED.items():
        assert overdue[ident]["title"] == given["title"]
        assert overdue[ident]["unit"] == given.get("unit")
    completed = {c["activity"]: c for c in data["completed"]}
    assert list(completed) == sorted(IDS)  # same day: in completion id order
    for ident, given in INJECTED.items():
        assert completed[ident]["evidence"] == given.get("evidence")
        assert completed[ident]["note"] == given.get("note")
    assert "\x1b" not in reports["json"]


# --------------------------------------------------------------------------- HTML


def test_html_report_has_no_script_and_shows_the_text(reports: dict[str, str]) -> None:
    page = reports["html"]
    assert "<script" not in page.lower()
    assert "<img" not in page.lower()
    assert "<b>" not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 2  # overdue, completed
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&amp;lt;b&amp;gt; &amp;amp;" in page
    outline = Outline(page)
    for tag in ("script", "img", "b", "iframe", "a"):
        assert outline.count(tag) == 0, tag
    assert not any(name.startswith("on") for _, attrs in outline.starts for name in attrs), (
        "an event handler attribute"
    )
    # Control characters are shown as \x1b-style text, never passed through.
    assert outline.texts("p")[0] == visible_controls(HEADER_PREFIX + HEADER_TITLE)
    overdue = outline.tables["Overdue activities"]
    assert [row[0] for row in overdue[1:]] == IDS
    assert [row[1] for row in overdue[1:]] == [
        visible_controls(g["title"]) for g in INJECTED.values()
    ]
    completed = outline.tables["Completed since 01/11/2017"]
    in_order = [INJECTED[ident] for ident in sorted(IDS)]  # same day: in completion id order
    assert [row[1] for row in completed[1:]] == [visible_controls(g["title"]) for g in in_order]
    assert [row[4] for row in completed[1:]] == [
        visible_controls(g.get("evidence", "")) for g in in_order
    ]


def test_html_quotes_cannot_break_out_of_an_attribute(reports: dict[str, str]) -> None:
    # Titles land in text, but quotes are escaped all the same.
    assert "=HYPERLINK(&quot;http://x&quot;)" in reports["html"]
    assert '=HYPERLINK("http://x")' not in reports["html"]


# --------------------------------------------------------------------------- CSV


def test_csv_neutralises_formulas(reports: dict[str, str]) -> None:
    rows = list(csv.reader(io.StringIO(reports["csv"], newline="")))
    header, body = rows[0], rows[1:]
    assert len(header) == 15  # with `reach` (issue 12)
    assert all(len(row) == 15 for row in body)
    assert [row[0] for row in body] == IDS
    for row in body:
        for cell in row:
            assert not cell.startswith(FORMULA_START), (row[0], cell)
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in body}
    assert by_id["so-tttt-frm1"]["title"] == '\'=HYPERLINK("http://x")'
    assert by_id["so-tttt-frm1"]["unit"] == "'+1"
    assert by_id["so-tttt-frm2"]["title"] == "'+1"
    assert by_id["so-tttt-frm2"]["unit"] == "'-2"
    assert by_id["so-tttt-frm3"]["title"] == "'-2"
    assert by_id["so-tttt-frm3"]["unit"] == "'@SUM(A1)"
    assert by_id["so-tttt-frm4"]["title"] == "'@SUM(A1)"
    assert by_id["so-tttt-frm4"]["unit"] == "'=1+1"
    # Text that is no formula is left as it is.
    assert by_id["so-tttt-xss1"]["title"] == "<script>alert(1)</script>"
    assert by_id["so-tttt-pipe"]["title"] == "a|b"
    assert by_id["so-tttt-pipe"]["unit"] == "c|d"
    assert by_id["so-tttt-mark"]["title"] == "[bold]x[/]"
    assert by_id["so-tttt-ent1"]["title"] == "&lt;b&gt; &amp;"
    # Figures stay numbers.
    assert [by_id[i]["target"] for i in IDS] == ["2"] * len(IDS)
    assert [by_id[i]["done"] for i in IDS] == ["1"] * len(IDS)


# --------------------------------------------------------------------------- Markdown


def _table_lines(markdown: str) -> list[list[str]]:
    """Each table in the Markdown as its lines."""
    tables: list[list[str]] = []
    previous = ""
    for line in markdown.splitlines():
        if line.startswith("|"):
            if not previous.startswith("|"):
                tables.append([])
            tables[-1].append(line)
        previous = line
    return tables


def test_markdown_table_rows_keep_their_columns(reports: dict[str, str]) -> None:
    tables = _table_lines(reports["md"])
    # indicators, results, budget, four breakdowns (every task first), overdue, completed
    assert len(tables) == 9
    for lines in tables:
        pipes = len(re.findall(r"(?<!\\)\|", lines[0]))
        for line in lines:
            assert len(re.findall(r"(?<!\\)\|", line)) == pipes, line
    sections = md_sections(reports["md"])
    assert len(sections["Overdue activities"]) == 2 + len(IDS)
    assert len(sections["Completed since 01/11/2017"]) == 2 + len(IDS)
    assert "| so-tttt-pipe | a\\|b |" in reports["md"]
    assert "e\\|f |" in reports["md"]


def test_markdown_escapes_angle_brackets_and_markup(reports: dict[str, str]) -> None:
    md = reports["md"]
    assert re.search(r"(?<!\\)[<>]", md) is None
    assert "\\<script\\>alert(1)\\</script\\>" in md
    assert "\\[bold\\]x\\[/\\]" in md


def _rendered_cells(markdown: str, heading: str) -> list[list[str]]:
    """A table of the Markdown as a CommonMark (+ tables) viewer shows it."""
    page = MarkdownIt("commonmark").enable("table").render(markdown)
    outline = Outline(page)
    assert outline.count("script") == 0
    assert outline.count("img") == 0
    assert outline.count("b") == 0
    assert outline.count("a") == 0
    return outline.tables[heading]


def test_markdown_viewer_shows_the_text_as_given(reports: dict[str, str]) -> None:
    overdue = _rendered_cells(reports["md"], "Overdue activities")
    assert overdue[0] == ["Id", "Title", "Agency", "Due", "Done"]
    shown = {row[0]: row[1] for row in overdue[1:]}
    for ident in ("so-tttt-xss1", "so-tttt-frm1", "so-tttt-frm2", "so-tttt-frm3",
                  "so-tttt-frm4", "so-tttt-pipe", "so-tttt-mark"):  # fmt: skip
        assert shown[ident] == INJECTED[ident]["title"], ident
    completed = _rendered_cells(reports["md"], "Completed since 01/11/2017")
    evidence = {row[1]: row[4] for row in completed[1:]}
    assert evidence["<script>alert(1)</script>"] == "<img src=x onerror=alert(1)>"
    assert evidence["a|b"] == "e|f"
    assert evidence["[bold]x[/]"] == "[link=http://x]y[/link]"


def test_markdown_viewer_shows_entities_literally(reports: dict[str, str]) -> None:
    overdue = _rendered_cells(reports["md"], "Overdue activities")
    shown = {row[0]: row[1] for row in overdue[1:]}
    assert shown["so-tttt-ent1"] == "&lt;b&gt; &amp;"


def test_markdown_report_has_no_raw_control_characters(reports: dict[str, str]) -> None:
    found = sorted({f"\\x{ord(c):02x}" for c in _CONTROL.findall(reports["md"])})
    assert found == []


# --------------------------------------------------------------------------- terminal output


def _env(**extra: str) -> dict[str, str]:
    """The test process's environment without anything that forces or forbids colour."""
    drop = ("FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "COLUMNS", "LINES")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GGOV_PLAN_") and k not in drop}
    env.update({"GGOV_PLAN_TODAY": "2017-12-31", "PYTHONIOENCODING": "utf-8"})
    env.update(extra)
    return env


def _process(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "ggov_plan", *args],
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )


def _all(runs: dict[Any, tuple[list[str], dict[str, str]]]) -> dict[Any, Any]:
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        futures = {name: pool.submit(_process, *spec) for name, spec in runs.items()}
        return {name: future.result() for name, future in futures.items()}


TERMINAL_COMMANDS = {
    "activity list": ["activity", "list", *AS_OF],
    "activity show mark": ["activity", "show", "so-tttt-mark", *AS_OF],
    "activity show ansi": ["activity", "show", "so-tttt-ansi", *AS_OF],
    "activity show ctrl": ["activity", "show", "so-tttt-ctrl", *AS_OF],
    "activity show xss1": ["activity", "show", "so-tttt-xss1", *AS_OF],
    "status": ["status", *AS_OF],
    "show": ["show"],
}


@pytest.fixture(scope="module")
def terminal_runs(plan: Path) -> dict[str, Any]:
    # Wide enough that no title wraps; TERM says colours would be welcome.
    env = _env(COLUMNS="400", TERM="xterm-256color", COLORTERM="truecolor")
    return _all({name: ([*args, "-p", str(plan)], env) for name, args in TERMINAL_COMMANDS.items()})


@pytest.fixture(scope="module")
def terminal_outputs(terminal_runs: dict[str, Any]) -> dict[str, str]:
    return {name: result.stdout.decode("utf-8") for name, result in terminal_runs.items()}


@pytest.mark.parametrize("name", list(TERMINAL_COMMANDS))
def test_terminal_output_has_no_control_characters(
    terminal_runs: dict[str, Any], name: str
) -> None:
    result = terminal_runs[name]
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert result.stderr == b""
    raw: bytes = result.stdout
    for byte in (b"\x1b", b"\x07", b"\x08", b"\x7f", "\x9b".encode()):
        assert byte not in raw, byte
    text = raw.decode("utf-8")
    assert _CONTROL.search(text) is None
    assert text.strip()


def test_activity_show_prints_markup_literally(terminal_outputs: dict[str, str]) -> None:
    lines = [line.rstrip() for line in terminal_outputs["activity show mark"].splitlines()]
    assert lines[0] == "so-tttt-mark  [bold]x[/]"
    completion = next(line for line in lines if line.lstrip().startswith("so-tttt-mark-"))
    assert "[link=http://x]y[/link]" in completion
    assert completion.endswith("| [red]z[/red]")


def test_activity_show_makes_escapes_visible(terminal_outputs: dict[str, str]) -> None:
    lines = [line.rstrip() for line in terminal_outputs["activity show ansi"].splitlines()]
    assert lines[0] == "so-tttt-ansi  \\x1b[31mred\\x1b[0m"
    completion = next(line for line in lines if line.lstrip().startswith("so-tttt-ansi-"))
    assert "\\x1b]8;;http://x\\x1b\\link" in completion
    assert "\\x1b[2J" in completion
    lines = [line.rstrip() for line in terminal_outputs["activity show ctrl"].splitlines()]
    assert lines[0] == "so-tttt-ctrl  " + visible(INJECTED["so-tttt-ctrl"]["title"])
    assert lines[0] == "so-tttt-ctrl  bell\\x07 back\\x08 del\\x7f csi\\x9b31m"
    lines = [line.rstrip() for line in terminal_outputs["activity show xss1"].splitlines()]
    assert lines[0] == "so-tttt-xss1  <script>alert(1)</script>"


def test_activity_list_shows_every_title_literally(terminal_outputs: dict[str, str]) -> None:
    text = terminal_outputs["activity list"]
    rows = {
        line.split("|")[0].strip(): line for line in text.splitlines() if line.startswith(" so-")
    }
    assert list(rows) == IDS
    for ident, given in INJECTED.items():
        if ident == "so-tttt-pipe":
            continue  # the table's own separator; checked below
        cells = [cell.strip() for cell in rows[ident].split("|")]
        # At 400 columns the agency has a column of its own.
        assert cells[1:3] == [visible(given["title"]), "Sở TT&TT"], ident
        assert cells[3:6] == ["01/10/2017", "1/2", "overdue"], ident
    assert re.search(r" a\|b +\| Sở TT&TT ", rows["so-tttt-pipe"])


def test_status_and_show_print_the_title_literally(terminal_outputs: dict[str, str]) -> None:
    expected = f"Kế hoạch 228/KH-UBND — {visible(HEADER_PREFIX)}{HEADER_TITLE}"
    assert expected.startswith("Kế hoạch 228/KH-UBND — [bold]x[/] \\x1b[31mđỏ\\x1b[0m \\x9b1m ")
    for name in ("status", "show"):
        assert terminal_outputs[name].splitlines()[0].rstrip() == expected, name
    status = terminal_outputs["status"]
    overdue = [
        line.split("|")[0].strip() for line in status.splitlines() if line.startswith(" so-")
    ]
    assert overdue == IDS
    assert " [bold]x[/] " in status
    assert " \\x1b[31mred\\x1b[0m " in status


# --------------------------------------------------------------------------- no ANSI in a pipe

PIPE_COMMANDS = {
    "status": ["status", *AS_OF],
    "budget": ["budget", *AS_OF],
    "progress": ["progress", *AS_OF],
    "activity list": ["activity", "list", *AS_OF],
    "activity show": ["activity", "show", "so-tttt-tv01", *AS_OF],
    "show": ["show"],
    "report": ["report", *AS_OF],
    "report --fail-on overdue": ["report", *AS_OF, "--fail-on", "overdue"],
}


@pytest.fixture(scope="module")
def piped() -> dict[str, Any]:
    env = _env(TERM="xterm-256color", COLORTERM="truecolor", CLICOLOR="1")
    return _all({name: ([*args, "-p", str(TRACKED)], env) for name, args in PIPE_COMMANDS.items()})


@pytest.mark.parametrize("name", list(PIPE_COMMANDS))
def test_no_ansi_into_a_pipe(piped: dict[str, Any], name: str) -> None:
    result = piped[name]
    assert result.returncode == (3 if "fail-on" in name else 0), result.stderr
    assert b"\x1b" not in result.stdout
    assert b"\x1b" not in result.stderr
    assert result.stderr == b""  # warnings are mentioned at a terminal only
    text = result.stdout.decode("utf-8")
    assert text.strip()
    # Plain ASCII tables in a pipe: rich drew for a file, not for a terminal.
    assert not set("╭╮╰╯│─━█░") & set(text), name


def test_progress_bars_are_ascii_in_a_pipe(piped: dict[str, Any]) -> None:
    text = piped["progress"].stdout.decode("utf-8")
    # The mean over the plan's 10 tasks (issue 12): 50% and 100% for two, 0 for 8.
    assert text.splitlines()[-1].rstrip() == (
        "Overall ###................. 15% (mean of 10 tasks; 8 not started)"
    )


# --------------------------------------------------------------------------- a pseudo-terminal

needs_pty = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
_SGR = re.compile(rb"\x1b\[([0-9;]*)m")
_COLOUR_PARAMS = {*range(30, 39), *range(40, 49), *range(90, 98), *range(100, 108)}


def _colour_codes(raw: bytes) -> list[bytes]:
    """The SGR sequences that set a colour (bold, dim and resets are no colour)."""
    return [
        match[0]
        for match in _SGR.finditer(raw)
        if any(p and int(p) in _COLOUR_PARAMS for p in match[1].split(b";"))
    ]


def _at_a_terminal(args: list[str], env: dict[str, str]) -> tuple[int, bytes]:
    """Run with stdin, stdout and stderr a pseudo-terminal; (exit code, all output)."""
    master, slave = os.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "ggov_plan", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            close_fds=True,
        )
    finally:
        os.close(slave)
    chunks = []
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 1)
            if not ready:
                if process.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: no writer left
                break
            if not chunk:
                break
            chunks.append(chunk)
        code = process.wait(timeout=60)
    finally:
        os.close(master)
        if process.poll() is None:
            process.kill()
            process.wait()
    return code, b"".join(chunks)


PTY_COMMANDS = {
    "activity list": ["activity", "list", *AS_OF],
    "progress": ["progress", *AS_OF],
}


@pytest.fixture(scope="module")
def at_a_terminal() -> dict[tuple[str, bool], tuple[int, bytes]]:
    base = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "COLUMNS": "120",
        "LINES": "50",
        "GGOV_PLAN_TODAY": "2017-12-31",
    }
    jobs = {
        (name, no_color): (
            [*args, "-p", str(TRACKED)],
            {**base, "NO_COLOR": "1"} if no_color else base,
        )
        for name, args in PTY_COMMANDS.items()
        for no_color in (False, True)
    }
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        futures = {key: pool.submit(_at_a_terminal, *job) for key, job in jobs.items()}
        return {key: future.result() for key, future in futures.items()}


@needs_pty
@pytest.mark.parametrize("name", list(PTY_COMMANDS))
def test_terminal_gets_colour(at_a_terminal: dict[Any, tuple[int, bytes]], name: str) -> None:
    code, raw = at_a_terminal[(name, False)]
    assert code == 0, raw.decode("utf-8", "replace")
    assert b"Traceback" not in raw
    assert "╭".encode() in raw  # rich saw a terminal
    assert _colour_codes(raw), raw[:500]


@needs_pty
@pytest.mark.parametrize("name", list(PTY_COMMANDS))
def test_no_color_at_a_terminal_gives_no_colour(
    at_a_terminal: dict[Any, tuple[int, bytes]], name: str
) -> None:
    code, raw = at_a_terminal[(name, True)]
    assert code == 0, raw.decode("utf-8", "replace")
    assert "╭".encode() in raw  # still a terminal: boxes, and bold is no colour
    assert _colour_codes(raw) == []
    # The same text as with colour, only without the colour.
    _, coloured = at_a_terminal[(name, False)]
    assert _SGR.sub(b"", raw) == _SGR.sub(b"", coloured)


# --------------------------------------------------------------------------- bare environments

READ_COMMANDS: dict[str, tuple[list[str], str]] = {
    # name: (arguments, text the output must contain)
    "check": (["check"], "plan2017-tracked.toml: valid (0 errors, 1 warning)"),
    "show": (["show"], "Signed KT. Chủ tịch / Phó Chủ tịch: Trần Thanh Đức"),
    "status": (["status", *AS_OF], "Ngân sách tỉnh"),
    "activity list": (["activity", "list", *AS_OF], "Phóng sự truyền"),
    "activity show": (
        ["activity", "show", "so-tttt-tv01", *AS_OF],
        "so-tttt-tv01  Phóng sự truyền hình về dịch vụ công trực tuyến mức độ 3",
    ),
    "progress": (["progress", "--by", "agency", *AS_OF], "Báo Ấp Bắc"),
    "budget": (["budget", *AS_OF], "Ngân sách tỉnh"),
    "report md": (["report", *AS_OF], "# Kế hoạch 228/KH-UBND: status report"),
    "report html": (
        ["report", "-f", "html", *AS_OF],
        "<h1>Kế hoạch 228/KH-UBND: status report</h1>",
    ),
    "report json": (["report", "-f", "json", *AS_OF], '"kind": "Kế hoạch"'),
    "report csv": (["report", "-f", "csv", *AS_OF], "Phóng sự truyền hình về dịch vụ công"),
}
BARE_ENVIRONMENTS = {
    "env -i": {},
    "C locale, no coercion": {
        "LANG": "C",
        "LC_ALL": "C",
        "PYTHONCOERCECLOCALE": "0",
        "PYTHONUTF8": "0",
    },
}


@pytest.fixture(scope="module")
def bare_runs() -> dict[tuple[str, str], Any]:
    jobs = {
        (env_name, name): ([*args, "-p", str(TRACKED)], env)
        for env_name, env in BARE_ENVIRONMENTS.items()
        for name, (args, _) in READ_COMMANDS.items()
    }
    return _all(jobs)


@pytest.mark.parametrize("env_name", list(BARE_ENVIRONMENTS))
@pytest.mark.parametrize("name", list(READ_COMMANDS))
def test_read_commands_in_a_bare_environment(
    bare_runs: dict[tuple[str, str], Any], env_name: str, name: str
) -> None:
    result = bare_runs[(env_name, name)]
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 0, stderr
    assert b"Traceback" not in result.stdout + result.stderr
    assert result.stderr == b""
    text = result.stdout.decode("utf-8")  # strict: valid UTF-8
    assert READ_COMMANDS[name][1] in text
    assert "\ufffd" not in text and "?" not in text.split("\n", 1)[0]


@pytest.mark.parametrize("env_name", list(BARE_ENVIRONMENTS))
@pytest.mark.parametrize("output_format", ["md", "html", "json", "csv"])
def test_reports_are_the_same_bytes_in_a_bare_environment(
    bare_runs: dict[tuple[str, str], Any], env_name: str, output_format: str
) -> None:
    expected = cli("report", "-f", output_format, *AS_OF, "-p", TRACKED)
    assert expected.exit_code == 0
    assert bare_runs[(env_name, f"report {output_format}")].stdout == expected.stdout.encode()


def test_vietnamese_file_name_survives_the_c_locale(tmp_path: Path) -> None:
    plan = tmp_path / "kế-hoạch.toml"
    shutil.copyfile(TRACKED, plan)
    env = {**BARE_ENVIRONMENTS["C locale, no coercion"], "GGOV_PLAN_TODAY": "2017-12-31"}
    result = _process(["report", "-f", "json", *AS_OF, "-p", str(plan)], env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.decode("utf-8"))["plan"]["file"] == str(plan)


def test_html_unescape_round_trip_sanity() -> None:
    # The helpers above compare parsed text with the given text: check the parser
    # really decodes what html.escape encodes, so a double escape would show.
    page = f"<table><tr><td>{html.escape('<a>&amp;')}</td></tr></table>"
    assert Outline(page).tables[""] == [["<a>&amp;"]]


@pytest.mark.parametrize("output_format", ["md", "html", "csv"])
def test_no_raw_control_character_reaches_a_report(
    reports: dict[str, str], output_format: str
) -> None:
    # The injected titles hold ESC, BEL and C1 CSI; every format shows them as text.
    text = reports[output_format]
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", text)
    # Markdown escapes the backslash and bracket of the visible form once more.
    assert ("\\\\x1b\\[31m" if output_format == "md" else "\\x1b[31m") in text
