"""``--help`` in the user's language: Vietnamese under vi, meaningful metavars in both.

The words come from :mod:`ggov_plan.i18n.catalog_help`, put on the click
command tree by :mod:`ggov_plan.cli.helptext` before click parses (``--help``
is eager); the catalog's completeness is checked in
``tests/i18n/test_catalog_help.py``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from typing import Annotated, Any

import pytest
import typer
from typer.testing import CliRunner

from ggov_plan.cli import registry, whole_app
from track_helpers import ENV, ROOT

#: English that must not appear in a Vietnamese help: click's own words, and
#: words of the commands' English help.
ENGLISH = (
    "Record",
    "Default:",
    "default:",
    "Show this message",
    "Usage:",
    "Options:",
    "Arguments:",
    "Commands:",
    "[OPTIONS]",
    "COMMAND [ARGS]",
    "<str>",
    "Exit codes",
    "required]",
    " the ",
    " of ",
    " or ",
    " and ",
)

_runner = CliRunner()


def _help(*args: str, env: dict[str, str | None] | None = None) -> str:
    result = _runner.invoke(
        whole_app(),
        list(args),
        env={**ENV, "GGOV_PLAN_LANG": None, "LANG": "C.UTF-8", "LC_ALL": None, **(env or {})},
        prog_name="ggov-plan",
    )
    assert result.exit_code == 0, (args, result.output)
    return result.stdout


def _english_in(text: str) -> list[str]:
    return [word for word in ENGLISH if word in text]


VI_WAYS: dict[str, tuple[tuple[str, ...], dict[str, str | None]]] = {
    "after": (("record", "--help", "--lang", "vi"), {}),
    "before": (("--lang", "vi", "record", "--help"), {}),
    "--lang=vi": (("record", "--lang=vi", "-h"), {}),
    "GGOV_PLAN_LANG": (("record", "--help"), {"GGOV_PLAN_LANG": "vi"}),
    "LANG": (("record", "--help"), {"LANG": "vi_VN.UTF-8"}),
}


@pytest.mark.parametrize("way", list(VI_WAYS))
def test_record_help_is_vietnamese_however_vi_is_chosen(way: str) -> None:
    args, env = VI_WAYS[way]
    text = _help(*args, env=env)
    assert _english_in(text) == []
    assert text.startswith("Cách dùng: ggov-plan record [TÙY-CHỌN] [MÃ]\n")
    assert "Ghi nhận" in text
    assert "Tùy chọn:" in text
    assert "--date NGÀY" in text
    assert "--spent SỐ-TIỀN" in text
    assert "Hiện trợ giúp này rồi thoát." in text


def test_the_program_help_is_vietnamese_under_a_vietnamese_locale() -> None:
    text = _help("--help", env={"LANG": "vi_VN.UTF-8"})
    assert _english_in(text) == []
    assert "Lệnh:" in text
    assert "Mã thoát:" in text
    assert "Cách dùng: ggov-plan [TÙY-CHỌN] LỆNH [THAM-SỐ]..." in text


@pytest.mark.parametrize("path", ["", *registry.command_paths(), "activity"])
def test_every_help_is_vietnamese_under_vi(path: str) -> None:
    # (the group `activity` takes no --lang of its own: it goes before it)
    text = _help("--lang", "vi", *path.split(), "--help")
    assert _english_in(text) == [], path


@pytest.mark.parametrize("args", [["--lang", "vi"], ["--lang", "vi", "activity"]])
def test_help_shown_for_no_arguments_is_vietnamese_too(args: list[str]) -> None:
    result = _runner.invoke(whole_app(), args, env=ENV, prog_name="ggov-plan")
    # click shows a group's help when it is given no command, and exits 2.
    assert result.exit_code == 2
    assert "Cách dùng:" in result.output
    assert _english_in(result.output) == []


def test_english_by_default_with_meaningful_metavars() -> None:
    text = _help("record", "--help")
    assert text.startswith("Usage: ggov-plan record [OPTIONS] [ID]\n")
    assert "Record work done for an activity" in text
    assert "<str>" not in text
    for shown in ("--date DATE", "--spent AMOUNT", "--qty NUMBER", "--source SOURCE"):
        assert shown in text
    assert "Show this message and exit." in text


def test_no_help_shows_a_type_name_as_metavar() -> None:
    for path in ("", *registry.command_paths()):
        text = _help(*path.split(), "--help")
        assert not re.search(r"<(str|path|text|integer|int)>", text), path


def test_a_report_default_is_worded_in_vietnamese() -> None:
    text = _help("report", "--help", "--lang", "vi")
    assert "[mặc định: md]" in text
    assert "<md|html|json|csv|docx|xlsx>" in text  # literal values stay


def test_vietnamese_help_does_not_change_the_language_of_the_caller() -> None:
    from ggov_plan.i18n import current

    _help("record", "--help", "--lang", "vi")
    assert current() == "en"
    assert "Usage:" in _help("record", "--help")


def test_ggov_plan_record_help_under_a_vietnamese_locale() -> None:
    """The console script, as an officer's terminal starts it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GGOV_PLAN_", "LC_"))}
    env.update({"LANG": "vi_VN.UTF-8", "COLUMNS": "80"})
    result = subprocess.run(
        [sys.executable, "-m", "ggov_plan", "record", "--help"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("Cách dùng: ggov-plan record [TÙY-CHỌN] [MÃ]")
    assert _english_in(result.stdout) == []


# --------------------------------------------------------------------------- the core


def _small_tree() -> Any:
    """A click tree with what the real app lacks: no help, an unknown option."""
    app = typer.Typer(rich_markup_mode=None, add_completion=False)

    @app.command("one")
    def one(
        colour: Annotated[str | None, typer.Option("--colour")] = None,
        date: Annotated[str | None, typer.Option("--date", help="A day.")] = None,
    ) -> None: ...

    @app.command("two")
    def two() -> None: ...

    return typer.main.get_command(app)


def test_an_option_missing_from_the_metavar_table_is_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ggov_plan.cli import helptext

    tree = _small_tree()
    assert helptext.options_without_metavar(tree) == ["one --colour"]
    assert helptext.english_texts(tree) == {"one --date": "A day."}
    # A command's own word for an option comes before the option's usual one.
    monkeypatch.setitem(helptext.METAVARS, "one --date", "DAY")
    tree = _small_tree()
    assert helptext.metavar_keys_used(tree) == {"one --date"}
    helptext.localize(tree, "en")
    assert tree.commands["one"].params[1].metavar == "DAY"


def test_click_notes_are_worded_in_vietnamese() -> None:
    from ggov_plan.cli.helptext import _worded

    assert _worded("A file.  [default: x.toml; required]") == (
        "A file.  [mặc định: x.toml; bắt buộc]"
    )
    assert _worded("Brackets [default] of its own.") == "Brackets [default] of its own."


@pytest.mark.parametrize(
    ("argv", "shown"),
    [
        (["record", "--", "--help"], False),
        (["record", "x"], False),
        (["--lang", "vi"], True),
        (["--lang=vi", "activity"], True),
        (["activity", "add"], False),
    ],
)
def test_which_runs_show_help(argv: list[str], shown: bool) -> None:
    from ggov_plan.cli.shell import _shows_help

    assert _shows_help(typer.main.get_command(whole_app()), argv) is shown  # type: ignore[arg-type]


def test_a_usage_error_under_vi_shows_the_usage_line_as_help_does() -> None:
    result = _runner.invoke(whole_app(), ["note", "--lang", "vi"], env=ENV, prog_name="ggov-plan")
    assert result.exit_code == 2
    assert result.stderr.startswith("Cách dùng: ggov-plan note [TÙY-CHỌN] {VĂN-BẢN}\n")
    assert "Thiếu đối số 'VĂN-BẢN'." in result.stderr
    english = _runner.invoke(whole_app(), ["note"], env=ENV, prog_name="ggov-plan")
    assert english.stderr.startswith("Usage: ggov-plan note [OPTIONS] {TEXT}\n")
