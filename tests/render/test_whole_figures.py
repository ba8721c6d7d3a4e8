"""Tables at a terminal never cut a number or a date, at any width, in both languages.

Every amount a plan declares or records (its budget and sources, the
activities' costs, the completions' spending) and every figure the commands
derive from them must appear whole where it is shown, at 40, 60, 80 and 200
columns. tests/fixtures/huge_amounts.toml is the 2017 plan with amounts up to
999,999,999,999,999 đồng (written with the CLI).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from typer.testing import CliRunner

from ggov_plan.cli import app
from ggov_plan.render.console.terminal import fit_table, make_table, print_table
from track_helpers import ENV, PLAN_2017, ROOT, process_env

HUGE = ROOT / "tests" / "fixtures" / "huge_amounts.toml"
TRACKED = ROOT / "examples" / "plan2017-tracked.toml"
PLANS = {"plan2017": PLAN_2017, "huge": HUGE, "tracked": TRACKED}
WIDTHS = (40, 60, 80, 200)
_runner = CliRunner()


def _run(*args: object, columns: int, lang: str = "en") -> str:
    env = {**ENV, "COLUMNS": str(columns), "GGOV_PLAN_LANG": None}
    result = _runner.invoke(app, [*(str(a) for a in args), "--lang", lang], env=env)
    assert result.exit_code == 0, (args, result.exit_code, result.stdout, result.stderr)
    return result.stdout


def _grouped(amount: int, lang: str) -> str:
    """An amount as the tables write it: 1,234,567 in English, 1.234.567 in Vietnamese."""
    return f"{amount:,}".replace(",", "." if lang == "vi" else ",")


def _plan_amounts(path: Path) -> dict[str, list[int]]:
    """Every amount the plan file states, by where the CLI shows it."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    budget = data.get("budget", {})
    declared = [budget["total"]] if "total" in budget else []
    declared += [s["amount"] for s in budget.get("source", []) if "amount" in s]
    return {
        "budget": declared,
        "costs": [a["cost"] for a in data.get("activity", []) if "cost" in a],
        "spent": [c["spent"] for c in data.get("completion", []) if "spent" in c],
    }


def _json(*args: object) -> Any:
    return json.loads(_run(*args, "--json", columns=200))


def _ints(value: Any) -> list[int]:
    if isinstance(value, bool):
        return []
    if isinstance(value, int):
        return [value]
    if isinstance(value, dict):
        return [n for v in value.values() for n in _ints(v)]
    if isinstance(value, list):
        return [n for v in value for n in _ints(v)]
    return []


def _assert_within(out: str, columns: int) -> None:
    widest = max((cell_len(line.rstrip()) for line in out.splitlines()), default=0)
    assert widest <= columns, out


def test_the_huge_fixture_states_amounts_of_hundreds_of_thousands_of_billions() -> None:
    amounts = _plan_amounts(HUGE)
    assert max(amounts["budget"]) == 999_999_999_999_999
    assert amounts["costs"] and amounts["spent"]


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("plan", sorted(PLANS))
def test_budget_keeps_every_amount_whole(plan: str, columns: int, lang: str) -> None:
    path = PLANS[plan]
    out = _run("budget", "-p", path, columns=columns, lang=lang)
    figures = _json("budget", "-p", path)
    for amount in {*_plan_amounts(path)["budget"], *_ints(figures["total"])}:
        assert _grouped(amount, lang) in out, (amount, out)
    for group in figures["groups"]:
        for amount in _ints(group):
            assert _grouped(amount, lang) in out, (amount, out)
    _assert_within(out, columns)


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("plan", sorted(PLANS))
def test_status_keeps_every_amount_whole(plan: str, columns: int, lang: str) -> None:
    path = PLANS[plan]
    out = _run("status", "-p", path, columns=columns, lang=lang)
    budget = _json("status", "-p", path)["budget"]
    for amount in {*_plan_amounts(path)["budget"], budget["spent"], budget["remaining"]}:
        assert _grouped(amount, lang) in out, (amount, out)
    _assert_within(out, columns)


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("plan", ["huge", "tracked"])
def test_activities_keep_costs_spending_and_dates_whole(plan: str, columns: int, lang: str) -> None:
    path = PLANS[plan]
    listing = _run("activity", "list", "-p", path, columns=columns, lang=lang)
    _assert_within(listing, columns)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    for activity in data["activity"]:
        assert activity["id"] in listing, listing
        assert f"{activity['due']:%d/%m/%Y}" in listing, listing
        shown = _run("activity", "show", activity["id"], "-p", path, columns=columns, lang=lang)
        _assert_within(shown, columns)
        for completion in data.get("completion", []):
            if completion["activity"] == activity["id"]:
                assert f"{completion['date']:%d/%m/%Y}" in shown, shown
                assert _grouped(completion["spent"], lang) in shown, shown
        if "cost" in activity:
            assert _grouped(activity["cost"], lang) in shown, shown


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("by", ["agency", "channel", "task", "month"])
def test_progress_bars_and_figures_stay_on_their_line(by: str, columns: int) -> None:
    out = _run("progress", "--by", by, "-p", TRACKED, columns=columns)
    _assert_within(out, columns)
    for line in out.splitlines():
        # A bar is 20 cells of # and .: never folded onto a second line.
        for run in re.findall(r"[#.]{5,}", line):
            assert len(run) == 20, (run, out)
    assert "15%" in out, out


def test_at_80_columns_the_vietnamese_budget_stays_a_table() -> None:
    out = _run("budget", "-p", TRACKED, "--as-of", "2017-12-31", columns=80, lang="vi")
    assert "• " not in out, out
    assert "| 163.000.000 |" in out, out


def test_at_60_columns_a_table_wraps_its_text_and_headings_before_giving_up() -> None:
    out = _run("budget", "-p", PLAN_2017, columns=60, lang="vi")
    assert "| 163.000.000 |" in out, out
    assert "Ngân sách" in out and "• " not in out, out


def test_at_40_columns_the_rows_become_label_value_blocks() -> None:
    out = _run("budget", "-p", HUGE, columns=40, lang="en")
    assert "• Ngân sách tỉnh" in out, out
    assert "  Declared: 900,000,000,000,000" in out, out


def test_activity_list_gives_the_agency_a_column_when_there_is_room() -> None:
    wide = _run("activity", "list", "-p", TRACKED, columns=200)
    assert re.search(r"\| Agency +\|", wide), wide
    assert "— Sở TT&TT" not in wide, wide
    narrow = _run("activity", "list", "-p", TRACKED, columns=80)
    assert "Agency" not in narrow, narrow
    assert "Sở" in narrow and "TT&TT" in narrow, narrow


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("columns", WIDTHS)
def test_a_real_pipe_keeps_every_amount_whole(columns: int, lang: str) -> None:
    env = {**process_env(), "COLUMNS": str(columns), "GGOV_PLAN_LANG": lang}
    done = subprocess.run(
        [sys.executable, "-m", "ggov_plan", "budget", "-p", str(HUGE)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    for amount in _plan_amounts(HUGE)["budget"]:
        assert _grouped(amount, lang) in done.stdout, done.stdout
    _assert_within(done.stdout, columns)


def test_a_terminal_of_60_columns_keeps_every_amount_whole() -> None:
    pexpect = pytest.importorskip("pexpect")
    if sys.platform == "win32":  # pragma: no cover
        pytest.skip("needs a pseudo-terminal")
    env = {**process_env(), "COLUMNS": "60", "GGOV_PLAN_LANG": "vi"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "ggov_plan", "budget", "-p", str(HUGE)],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 60),
    )
    child.expect(pexpect.EOF)
    child.close()
    out = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", child.before).replace("\r", "")
    # The warning about the fixture's indicator goes to stderr, the same pty.
    out = "\n".join(line for line in out.splitlines() if not line.startswith("ggov-plan:"))
    assert child.exitstatus == 0, out
    for amount in _plan_amounts(HUGE)["budget"]:
        assert _grouped(amount, "vi") in out, out
    _assert_within(out, 60)


# The core, directly.


def _table(console: Console) -> Table:
    table = make_table(console, "Title", "source", "declared", "remaining")
    table.add_row("Ngân sách tỉnh", "900,000,000,000,000", "776,543,210,987,655")
    return table


@pytest.mark.parametrize(("width", "fits"), [(30, False), (60, True), (120, True)])
def test_fit_table_says_whether_figures_can_stay_whole(width: int, fits: bool) -> None:
    console = Console(width=width, file=None, force_terminal=False)
    assert fit_table(console, _table(console)) is fits


def test_fit_table_leaves_a_table_that_fits_as_rich_draws_it() -> None:
    console = Console(width=120, force_terminal=False)
    table = _table(console)
    assert fit_table(console, table)
    assert [c.width for c in table.columns] == [None, None, None]


def test_fit_table_narrows_text_to_its_longest_word_and_no_further() -> None:
    console = Console(width=52, force_terminal=False)
    table = _table(console)
    assert fit_table(console, table)
    assert table.columns[0].width == 6  # "Source": the heading's words count too
    with console.capture() as capture:
        print_table(console, table)
    assert "776,543,210,987,655" in capture.get()


def test_a_long_word_in_text_may_fold_but_a_figure_in_text_may_not() -> None:
    console = Console(width=60, force_terminal=False)
    table = make_table(console, "T", "title", "amount_vnd")
    table.add_row("https://dichvucong.tiengiang.gov.vn/very/long/address", "1,000")
    assert fit_table(console, table)
    table = make_table(console, "T", "title", "amount_vnd")
    table.add_row("Chi " + "1234567890" * 6, "1,000")
    assert not fit_table(console, table)


def test_shares_narrow_the_widest_first_and_give_back_what_is_spare() -> None:
    from ggov_plan.render.console.terminal import _shares

    assert _shares([5, 5], [10, 10], 9) is None  # not even the words fit
    assert _shares([5, 5], [10, 10], 30) == [10, 10]  # everything fits
    assert _shares([5, 5], [30, 8], 21) == [13, 8]  # the widest gives way
    assert _shares([5, 5, 5], [30, 30, 30], 31) == [11, 10, 10]  # the spare cell too


def test_a_table_without_a_title_still_stacks() -> None:
    console = Console(width=30, force_terminal=False)
    table = make_table(console, "", "source", "declared", "remaining")
    table.title = None
    table.add_row("Ngân sách tỉnh", "900,000,000,000,000", "776,543,210,987,655")
    with console.capture() as capture:
        print_table(console, table)
    assert capture.get().splitlines()[0] == "• Ngân sách tỉnh"
