"""The ``ggov-plan`` command line, through typer's CliRunner and as a real process.

The terminal layout of ``show`` and ``status`` may change, so their text output
is checked for content (numbers, ids, names), never for columns or borders.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from ggov_plan import __version__
from ggov_plan.cli import app

ROOT = Path(__file__).resolve().parents[2]
PLAN_FILE = ROOT / "data" / "plan2017.toml"
DEFAULT = str(Path("data") / "plan2017.toml")

runner = CliRunner()

ANSI = "\x1b["
NOTE_LINE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning)\[(?P<code>[a-z-]+)\]: "
)


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No plan, date, debug or colour setting leaks in from the developer's shell."""
    for name in (
        "GGOV_PLAN_FILE",
        "GGOV_PLAN_TODAY",
        "GGOV_PLAN_DEBUG",
        "FORCE_COLOR",
        "TTY_COMPATIBLE",
        "TTY_INTERACTIVE",
        "COLUMNS",
    ):
        monkeypatch.delenv(name, raising=False)


def invoke(*args: object) -> Result:
    return runner.invoke(app, [str(a) for a in args])


def plan_text() -> str:
    return PLAN_FILE.read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    """1-based number of the only line that contains ``needle``."""
    hits = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(hits) == 1, (needle, hits)
    return hits[0]


def header_line(text: str, header: str, ident: str) -> int:
    """Line of the ``header`` (e.g. ``[[task]]``) of the table whose id is ``ident``."""
    lines = text.splitlines()
    id_line = line_of(text, f'id = "{ident}"')
    for number in range(id_line, 0, -1):
        if lines[number - 1].strip() == header:
            return number
    raise AssertionError(f"no {header} above id {ident!r}")


def variant(tmp_path: Path, old: str, new: str, name: str = "plan.toml") -> Path:
    """A copy of the shipped plan with one exact edit."""
    text = plan_text()
    assert text.count(old) == 1, old
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.toml"
    shutil.copyfile(PLAN_FILE, path)
    return path


@pytest.fixture
def budget_broken(tmp_path: Path) -> Path:
    return variant(tmp_path, "amount = 50_000_000", "amount = 60_000_000", "budget.toml")


@pytest.fixture
def dangling(tmp_path: Path) -> Path:
    return variant(
        tmp_path,
        'partners = ["so-gddt", "truong-hoc"]',
        'partners = ["so-gd", "truong-hoc"]',
        "dangling.toml",
    )


INDICATOR_LINE = header_line(plan_text(), "[[indicator]]", "dvc-muc-do-3")
BUDGET_LINE = line_of(plan_text(), "[budget]")


def digits_only(output: str) -> str:
    """Output with thousands separators removed: 213,000,000 / 213.000.000 → 213000000."""
    return re.sub(r"(?<=\d)[.,\u00a0 ](?=\d{3}\b)", "", output)


# --------------------------------------------------------------------------- --version


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"ggov-plan {__version__}\n"


def test_no_arguments_prints_usage_and_exits_2() -> None:
    result = invoke()
    assert result.exit_code == 2
    assert "Usage: ggov-plan" in result.output
    assert "check" in result.output and "status" in result.output


# --------------------------------------------------------------------------- check


def test_check_real_plan_is_valid_with_the_indicator_warning() -> None:
    result = invoke("check", PLAN_FILE)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    match = NOTE_LINE.match(lines[0])
    assert match is not None, lines[0]
    assert match["file"] == str(PLAN_FILE)
    assert (int(match["line"]), int(match["col"])) == (INDICATOR_LINE, 1)
    assert (match["sev"], match["code"]) == ("warning", "indicator-sum")
    assert "318 + 370 = 688" in lines[0]
    assert "795" in lines[0]
    assert lines[1] == f"{PLAN_FILE}: valid (0 errors, 1 warning)"


def test_check_strict_fails_on_the_warning() -> None:
    result = invoke("check", "--strict", PLAN_FILE)
    assert result.exit_code == 1
    assert "warning[indicator-sum]" in result.stdout
    assert "688" in result.stdout and "795" in result.stdout


def test_check_json(good: Path) -> None:
    result = invoke("check", "--format", "json", good)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert list(data) == [
        "schema_version", "file", "valid", "errors", "warnings", "notes", "accepted"
    ]  # fmt: skip
    assert data["notes"] == [] and data["accepted"] == []
    assert data["file"] == str(good)
    assert data["valid"] is True
    assert data["errors"] == []
    [warning] = data["warnings"]
    assert {"line", "column", "path", "code", "message"} <= set(warning)
    assert warning["line"] == INDICATOR_LINE
    assert warning["column"] == 1
    assert warning["path"] == "indicator[1].value"
    assert warning["code"] == "indicator-sum"
    assert "688" in warning["message"] and "795" in warning["message"]


def test_check_json_strict_exits_1(good: Path) -> None:
    result = invoke("check", "-f", "json", "--strict", good)
    assert result.exit_code == 1
    assert json.loads(result.stdout)["warnings"][0]["code"] == "indicator-sum"


def test_check_github(good: Path) -> None:
    result = invoke("check", "--format", "github", good)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"::warning file={good},line={INDICATOR_LINE},col=1,")
    assert "indicator-sum" in lines[0]
    message = lines[0].split("::", 2)[2]
    assert "688" in message and "795" in message
    assert lines[-1] == f"{good}: valid (0 errors, 1 warning)"


def test_check_github_error(budget_broken: Path) -> None:
    result = invoke("check", "-f", "github", budget_broken)
    assert result.exit_code == 1
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert len(errors) == 1
    assert errors[0].startswith(f"::error file={budget_broken},line={BUDGET_LINE},col=1,")
    assert "budget-sum" in errors[0]


def test_check_bad_format_is_a_usage_error(good: Path) -> None:
    result = invoke("check", "--format", "xml", good)
    assert result.exit_code == 2
    assert "xml" in result.output


def test_check_syntax_error(tmp_path: Path) -> None:
    path = variant(tmp_path, 'place = "Tiền Giang"', 'place = "Tiền Giang')
    expected_line = line_of(plan_text(), 'place = "Tiền Giang"')
    result = invoke("check", path)
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    match = NOTE_LINE.match(first)
    assert match is not None, first
    assert (match["file"], int(match["line"])) == (str(path), expected_line)
    assert (match["sev"], match["code"]) == ("error", "syntax")
    assert result.stdout.splitlines()[-1] == f"{path}: invalid (1 error, 0 warnings)"


def test_check_budget_sum(budget_broken: Path) -> None:
    result = invoke("check", budget_broken)
    assert result.exit_code == 1
    notes = [NOTE_LINE.match(line) for line in result.stdout.splitlines()[:-1]]
    assert all(notes), result.stdout
    found = [(m["sev"], m["code"], int(m["line"])) for m in notes if m]
    assert found == [
        ("warning", "indicator-sum", INDICATOR_LINE),
        ("error", "budget-sum", BUDGET_LINE),
    ]
    assert result.stdout.splitlines()[-1] == f"{budget_broken}: invalid (1 error, 1 warning)"


def test_check_budget_sum_json(budget_broken: Path) -> None:
    result = invoke("check", "-f", "json", budget_broken)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["valid"] is False
    [error] = data["errors"]
    assert (error["code"], error["line"], error["path"]) == (
        "budget-sum",
        BUDGET_LINE,
        "budget.total",
    )


def test_check_dangling_reference_points_at_its_task(dangling: Path) -> None:
    result = invoke("check", dangling)
    assert result.exit_code == 1
    task_line = header_line(plan_text(), "[[task]]", "v1-truong-hoc")
    errors = [line for line in result.stdout.splitlines() if "error[" in line]
    assert len(errors) == 1
    assert errors[0].startswith(f"{dangling}:{task_line}:1: error[unknown-reference]: ")
    assert "'so-gd'" in errors[0]
    assert "did you mean 'so-gddt'?" in errors[0]


def test_check_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.toml"
    result = invoke("check", missing)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stdout.splitlines() == [
        f"{missing}: error[unreadable]: no such file; check the path, or pass --plan PATH",
        f"{missing}: invalid (1 error, 0 warnings)",
    ]


def test_check_missing_file_json(tmp_path: Path) -> None:
    missing = tmp_path / "missing.toml"
    result = invoke("check", "-f", "json", missing)
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["valid"] is False
    [error] = data["errors"]
    assert (error["code"], error["line"]) == ("unreadable", None)


def test_check_directory(tmp_path: Path) -> None:
    result = invoke("check", tmp_path)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert f"{tmp_path}: error[unreadable]: is a folder" in result.stdout


def test_check_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(plan_text().encode().replace("Tiền".encode(), b"Ti\xe0n", 1))
    result = invoke("check", path)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "not valid UTF-8 (byte 0xe0)" in result.stdout
    assert f"{path}:1:" in result.stdout  # the position of the bad byte is given
    assert result.stdout.splitlines()[-1] == f"{path}: invalid (1 error, 0 warnings)"


def test_check_several_files_text(good: Path, dangling: Path) -> None:
    result = invoke("check", good, dangling)
    assert result.exit_code == 1
    summaries = [line for line in result.stdout.splitlines() if not NOTE_LINE.match(line)]
    assert summaries == [
        f"{good}: valid (0 errors, 1 warning)",
        f"{dangling}: invalid (1 error, 1 warning)",
    ]


def test_check_several_files_json_is_a_list_in_order(good: Path, dangling: Path) -> None:
    result = invoke("check", "-f", "json", dangling, good)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    assert [(d["file"], d["valid"]) for d in data] == [(str(dangling), False), (str(good), True)]
    assert [e["code"] for e in data[0]["errors"]] == ["unknown-reference"]


@pytest.mark.parametrize("order", ["missing-first", "missing-last"])
def test_check_unreadable_among_several_exits_2(order: str, tmp_path: Path, dangling: Path) -> None:
    missing = tmp_path / "missing.toml"
    paths = [missing, dangling] if order == "missing-first" else [dangling, missing]
    result = invoke("check", "-f", "json", *paths)
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert [d["file"] for d in data] == [str(p) for p in paths]
    assert [d["valid"] for d in data] == [False, False]


# --------------------------------------------------------------------------- which plan


def test_plan_option_long_and_short(good: Path) -> None:
    for option in ("--plan", "-p"):
        result = invoke("check", option, good)
        assert result.exit_code == 0, result.output
        assert result.stdout.splitlines()[-1] == f"{good}: valid (0 errors, 1 warning)"
        shown = invoke("show", "--json", option, good)
        assert shown.exit_code == 0
        assert json.loads(shown.stdout)["plan"]["file"] == str(good)


def test_plan_from_environment(good: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("GGOV_PLAN_FILE", str(good))
    result = invoke("status", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["plan"]["file"] == str(good)
    assert invoke("check").stdout.splitlines()[-1] == f"{good}: valid (0 errors, 1 warning)"


def test_plan_default_is_relative_to_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "data").mkdir()
    shutil.copyfile(PLAN_FILE, tmp_path / DEFAULT)
    monkeypatch.chdir(tmp_path)
    result = invoke("show", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["plan"]["file"] == DEFAULT
    check = invoke("check")
    assert check.exit_code == 0
    assert check.stdout.splitlines()[-1] == f"{DEFAULT}: valid (0 errors, 1 warning)"


def test_plan_option_beats_environment_beats_default(
    good: Path, dangling: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "data").mkdir()
    shutil.copyfile(PLAN_FILE, tmp_path / DEFAULT)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GGOV_PLAN_FILE", str(dangling))
    from_env = invoke("check")
    assert from_env.exit_code == 1
    assert from_env.stdout.splitlines()[-1].startswith(f"{dangling}: invalid")
    explicit = invoke("check", "--plan", good)
    assert explicit.exit_code == 0
    assert explicit.stdout.splitlines()[-1].startswith(f"{good}: valid")


@pytest.mark.parametrize("command", [["check"], ["show"], ["status"], ["show", "--json"]])
def test_no_plan_found_names_every_place_looked(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(*command)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert f"looked in: {DEFAULT}" in result.stderr
    assert "GGOV_PLAN_FILE" in result.stderr  # the hint names the variable
    if "--json" in command:  # one error object for a script (docs/json.md#failures)
        assert json.loads(result.stdout)["error"]["code"] == "not-found"
    else:
        assert result.stdout == ""

    monkeypatch.setenv("GGOV_PLAN_FILE", "nowhere.toml")
    result = invoke(*command)
    assert result.exit_code == 2
    assert "looked in: $GGOV_PLAN_FILE = nowhere.toml\n" in result.stderr


def test_show_missing_and_folder_plan(tmp_path: Path) -> None:
    missing = invoke("show", "-p", tmp_path / "missing.toml")
    assert missing.exit_code == 2
    assert f"{tmp_path / 'missing.toml'}: no such file" in missing.stderr
    folder = invoke("status", "-p", tmp_path)
    assert folder.exit_code == 2
    assert "is a folder" in folder.stderr
    for result in (missing, folder):
        assert "Traceback" not in result.output
        assert "hint:" in result.stderr


# --------------------------------------------------------------------------- show


def test_show_json(good: Path) -> None:
    result = invoke("show", "--json", "-p", good)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)  # the warning note goes to stderr only
    assert {"plan", "objectives", "contents", "channels", "agencies", "tasks", "budget"} <= set(
        data
    )
    plan = data["plan"]
    assert plan["number"] == "228/KH-UBND"
    assert plan["issued"] == "2017-08-18"
    assert (plan["start"], plan["end"]) == ("2017-08-18", "2017-12-31")
    assert plan["signer"]["name"] == "Trần Thanh Đức"
    assert len(data["objectives"]) == 4
    assert len(data["contents"]) == 4
    assert len(data["channels"]) == 9
    assert len(data["agencies"]) == 18
    assert all({"id", "name"} <= set(a) for a in data["agencies"])
    agency_ids = {a["id"] for a in data["agencies"]}
    assert len(data["tasks"]) == 10
    assert all({"id", "agency"} <= set(t) for t in data["tasks"])
    assert {t["agency"] for t in data["tasks"]} <= agency_ids
    budget = data["budget"]
    assert budget["total"] == 213_000_000
    assert [(s["id"], s["name"], s["amount"]) for s in budget["sources"]] == [
        ("ngan-sach-tinh", "Ngân sách tỉnh", 163_000_000),
        ("xa-hoi-hoa", "Nguồn xã hội hóa", 50_000_000),
    ]
    assert result.stderr == ""  # not at a terminal: no note about the warning


def test_show_text_content(good: Path) -> None:
    result = invoke("show", "-p", good)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "228/KH-UBND" in out
    assert "Tiền Giang" in out
    assert "Trần Thanh Đức" in out
    assert "Hai trăm mười ba triệu đồng" in out
    for amount in ("213000000", "163000000", "50000000"):
        assert amount in digits_only(out), amount
    agency_ids = [
        a["id"] for a in json.loads(invoke("show", "--json", "-p", good).stdout)["agencies"]
    ]
    assert len(agency_ids) == 18
    for ident in agency_ids:
        assert re.search(rf"(?<![\w-]){re.escape(ident)}(?![\w-])", out), ident
    assert ANSI not in out


MARKUP = "[bold]x[/bold] [red]đỏ[/] [link=http://example.com]y[/link] :smile:"


def test_show_keeps_rich_markup_literal(tmp_path: Path) -> None:
    path = variant(tmp_path, 'text = "Đăng tải nội dung', f'text = "{MARKUP} Đăng tải nội dung')
    result = invoke("show", "-p", path)
    assert result.exit_code == 0, result.output
    shown = " ".join(result.stdout.split())  # wherever the lines are wrapped
    assert f"{MARKUP} Đăng tải" in shown


def test_status_keeps_rich_markup_literal(tmp_path: Path) -> None:
    path = variant(tmp_path, 'name = "Ngân sách tỉnh"', 'name = "[b]N[/b] :smile:"')
    result = invoke("status", "-p", path, "--as-of", "2017-12-31")
    assert result.exit_code == 0, result.output
    assert "[b]N[/b]" in result.stdout
    assert ":smile:" in result.stdout


def test_show_makes_control_characters_visible(tmp_path: Path) -> None:
    path = variant(tmp_path, 'name = "Báo in Ấp Bắc"', 'name = "Báo in \\u001b[31mẤp Bắc"')
    result = invoke("show", "-p", path)
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout
    assert "\\x1b[31mẤp" in result.stdout


@pytest.mark.parametrize(
    "command", [["show"], ["show", "--json"], ["status"], ["status", "--json"]]
)
def test_invalid_plan_is_refused_with_located_errors(
    command: list[str], budget_broken: Path
) -> None:
    result = invoke(*command, "-p", budget_broken)
    assert result.exit_code == 1
    if "--json" in command:  # one error object for a script (docs/json.md#failures)
        assert [p["code"] for p in json.loads(result.stdout)["problems"]] == ["budget-sum"]
    else:
        assert result.stdout == ""
    assert f"{budget_broken}:{BUDGET_LINE}:1: error[budget-sum]: " in result.stderr
    assert "warning[" not in result.stderr  # only errors are listed
    assert f"ggov-plan: {budget_broken}: 1 error(s)" in result.stderr


def test_syntax_error_refused_by_status(tmp_path: Path) -> None:
    path = variant(tmp_path, "format = 1", "format = = 1")
    result = invoke("status", "-p", path)
    assert result.exit_code == 1
    assert f"{path}:{line_of(plan_text(), 'format = 1')}:" in result.stderr
    assert "error[syntax]" in result.stderr


# --------------------------------------------------------------------------- status


def status_json(*args: object) -> dict[str, Any]:
    result = invoke("status", "--json", "-p", PLAN_FILE, *args)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_status_json() -> None:
    data = status_json("--as-of", "2017-12-31")
    assert {"plan", "as_of", "budget", "activities", "progress"} <= set(data)
    assert data["plan"]["number"] == "228/KH-UBND"
    assert data["as_of"] == "2017-12-31"
    budget = data["budget"]
    assert (budget["total"], budget["allocated"], budget["spent"]) == (213_000_000, 0, 0)
    assert [(s["id"], s["amount"], s["allocated"], s["spent"]) for s in budget["sources"]] == [
        ("ngan-sach-tinh", 163_000_000, 0, 0),
        ("xa-hoi-hoa", 50_000_000, 0, 0),
    ]
    activities = data["activities"]
    assert {k: activities[k] for k in ("total", "planned", "in_progress", "done", "overdue")} == {
        "total": 0,
        "planned": 0,
        "in_progress": 0,
        "done": 0,
        "overdue": 0,
    }
    assert data["progress"] == 0
    assert 0 <= data["progress"] <= 1


@pytest.mark.parametrize("day", ["2017-12-31", "31/12/2017"])
def test_status_as_of_formats(day: str) -> None:
    assert status_json("--as-of", day)["as_of"] == "2017-12-31"


def test_status_default_day_is_today_or_forced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GGOV_PLAN_TODAY", "2017-09-01")
    assert status_json()["as_of"] == "2017-09-01"


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("tomorrow", "is not a date"),
        ("2017/12/31", "is not a date"),
        ("2017-02-30", "is not a real date"),
        ("31/13/2017", "is not a real date"),
    ],
)
def test_status_bad_as_of(day: str, message: str) -> None:
    result = invoke("status", "-p", PLAN_FILE, "--as-of", day)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"--as-of: {day!r} {message}" in result.stderr
    assert "hint:" in result.stderr
    assert "Traceback" not in result.output


def test_status_text_content() -> None:
    result = invoke("status", "-p", PLAN_FILE, "--as-of", "31/12/2017")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "228/KH-UBND" in out
    assert "31/12/2017" in out
    for amount in ("213000000", "163000000", "50000000"):
        assert amount in digits_only(out), amount
    for name in ("Ngân sách tỉnh", "Nguồn xã hội hóa"):
        assert all(word in out for word in name.split())
    assert ANSI not in out


# --------------------------------------------------------------------------- real processes


def run(
    *args: object, env: dict[str, str] | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "ggov_plan", *map(str, args)],
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=60,
        check=False,
    )


def _bare_env(**extra: str) -> dict[str, str]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    env.update(extra)
    return env


ENVIRONMENTS = {
    "lang-c": _bare_env(LANG="C", LC_ALL="C"),
    "empty": _bare_env(),
    "c-no-coercion": _bare_env(LC_ALL="C", PYTHONCOERCECLOCALE="0", PYTHONUTF8="0"),
    "ascii-io": _bare_env(PYTHONIOENCODING="ascii"),
}


@pytest.mark.parametrize(
    ("env_name", "command"),
    [
        ("lang-c", "status"),
        ("lang-c", "show"),
        ("empty", "status"),
        ("empty", "show"),
        ("c-no-coercion", "show"),
        ("ascii-io", "show"),
    ],
)
def test_process_writes_utf8_whatever_the_locale(env_name: str, command: str) -> None:
    done = run(command, env=ENVIRONMENTS[env_name])
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    out = done.stdout.decode("utf-8")  # strict: must be valid UTF-8
    assert "Tiền Giang" in out
    assert "228/KH-UBND" in out
    assert "?" not in out.split("\n", 1)[0]  # nothing replaced in the title line
    done.stderr.decode("utf-8")


def test_process_version_and_check() -> None:
    version = run("--version")
    assert version.returncode == 0
    assert version.stdout.decode() == f"ggov-plan {__version__}\n"
    check = run("check")  # the default plan, from the repository root
    assert check.returncode == 0
    assert (
        check.stdout.decode("utf-8").splitlines()[-1] == f"{DEFAULT}: valid (0 errors, 1 warning)"
    )


def test_process_missing_file_has_no_traceback(tmp_path: Path) -> None:
    done = run("show", "-p", tmp_path / "missing.toml", env=_bare_env(LC_ALL="C"))
    assert done.returncode == 2
    assert b"Traceback" not in done.stdout + done.stderr
    assert b"no such file" in done.stderr


def test_process_pipe_output_has_no_ansi() -> None:
    colourful = _bare_env(TERM="xterm-256color", COLORTERM="truecolor", LANG="C.UTF-8")
    for args in (["show"], ["status", "--as-of", "2017-12-31"], ["check"]):
        done = run(*args, env=colourful)
        assert done.returncode == 0, args
        assert ANSI.encode() not in done.stdout, args
        assert ANSI.encode() not in done.stderr, args


def run_with_tty_stderr(*args: object, cwd: Path = ROOT) -> tuple[int, str, str]:
    """Run with stdout a pipe and stderr a terminal; (exit code, stdout, stderr)."""
    import pty

    master, slave = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "ggov_plan", *map(str, args)],
            stdout=subprocess.PIPE,
            stderr=slave,
            env=_bare_env(LANG="C.UTF-8", TERM="xterm"),
            cwd=cwd,
            timeout=60,
            check=False,
        )
    finally:
        os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO: the terminal has no writer left
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    err = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    return done.returncode, done.stdout.decode("utf-8"), err


needs_pty = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")


@needs_pty
@pytest.mark.parametrize("command", [["show"], ["status", "--json"]])
def test_warning_note_only_at_a_terminal(command: list[str], good: Path) -> None:
    code, out, err = run_with_tty_stderr(*command, "-p", good)
    assert code == 0
    assert err.startswith(f"ggov-plan: 1 warning in {good}; run `ggov-plan check -p ")
    assert "ggov-plan: 1 warning" not in out
    piped = run(*command, "-p", good)
    assert piped.returncode == 0
    assert piped.stderr == b""


@needs_pty
def test_warning_note_suggests_a_runnable_command(tmp_path: Path) -> None:
    path = tmp_path / "kế hoạch 2017.toml"
    shutil.copyfile(PLAN_FILE, path)
    code, _, err = run_with_tty_stderr("status", "-p", path)
    assert code == 0
    suggested = re.search(r"`(ggov-plan check[^`]*)`", err)
    assert suggested is not None, err
    assert shlex.split(suggested[1]) == ["ggov-plan", "check", "-p", str(path)]


# --------------------------------------------------------------------------- one command built


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--help"],
        ["activity", "add", "--help"],
        ["report", "--format", "nonsense"],
        ["status", "--no-such-option"],
        ["record"],
    ],
)
def test_a_named_command_behaves_as_in_the_whole_app(argv: list[str]) -> None:
    """main() builds only the named command; its help and errors must not change."""
    from ggov_plan.cli import app_for, whole_app

    only = app_for(list(argv))
    assert only is not whole_app()
    runner = CliRunner()
    alone = runner.invoke(only, argv, prog_name="ggov-plan")
    whole = runner.invoke(whole_app(), argv, prog_name="ggov-plan")
    assert (alone.exit_code, alone.stdout, alone.stderr) == (
        whole.exit_code,
        whole.stdout,
        whole.stderr,
    )


@pytest.mark.parametrize("argv", [[], ["--help"], ["--version"], ["chek"], ["-p", "x", "check"]])
def test_anything_else_gets_the_whole_app(argv: list[str]) -> None:
    from ggov_plan.cli import app_for, whole_app

    assert app_for(argv) is whole_app()


def _click_commands(group: Any) -> list[str]:
    """Every command of a click group as typed, in --help order: ``check``, ``activity add``."""
    paths: list[str] = []
    # typer vendors click: use the group's public interface, not click's classes.
    for name in group.list_commands(None):
        sub = group.commands[name]
        if hasattr(sub, "list_commands"):
            paths.extend(f"{name} {inner}" for inner in _click_commands(sub))
        else:
            paths.append(name)
    return paths


def test_the_registry_the_app_and_the_docs_list_the_same_commands() -> None:
    """One registry: the whole app and the docs reference are built from it."""
    import typer

    from ggov_plan.cli import reference, registry, whole_app

    listed = list(registry.command_paths())
    built = _click_commands(typer.main.get_command(whole_app()))
    # typer lists groups after plain commands; otherwise the registry's order.
    groups = {e.name for e in registry.ENTRIES if e.is_group}
    in_help_order = sorted(listed, key=lambda path: path.split()[0] in groups)
    assert built == in_help_order
    documented = re.findall(r"^### `ggov-plan ?(.*)`$", reference.cli_reference(), re.MULTILINE)
    assert documented == ["", *listed]


def test_each_command_module_defines_what_the_registry_says() -> None:
    from ggov_plan.cli import _commands_of, registry

    for module in registry.modules():
        defined = _commands_of(module).names()
        expected = {e.name: e.subcommands for e in registry.ENTRIES if e.module == module}
        assert defined.keys() == expected.keys(), module
        for name, subcommands in expected.items():
            assert set(defined[name]) == set(subcommands), name


def test_a_command_must_take_the_values_of_the_common_options_it_names() -> None:
    """Naming an option without taking its value (or the reverse) fails at once, not silently."""
    from ggov_plan.cli.shell import JSON, PLAN, command

    def forgets_json(*, plan: object) -> None: ...

    def takes_json_unnamed(*, plan: object, as_json: bool) -> None: ...

    with pytest.raises(TypeError, match="as_json"):
        command(PLAN, JSON)(forgets_json)
    with pytest.raises(TypeError, match="as_json"):
        command(PLAN)(takes_json_unnamed)


def test_lang_is_an_option_of_every_command() -> None:
    from ggov_plan.cli import registry, whole_app

    runner = CliRunner()
    for path in registry.command_paths():
        result = runner.invoke(whole_app(), [*path.split(), "--help"], prog_name="ggov-plan")
        assert "--lang vi|en" in result.stdout, path
