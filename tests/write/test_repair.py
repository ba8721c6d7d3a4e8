"""Repairing through the CLI a plan that a merge left with errors.

A merge of two clones can make a plan whose records are each fine but which
together break a rule: two activities that each take 100 of a source's 163
million đồng. Every command refuses such a plan, except a write that removes
errors and adds none (docs/collaboration.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ggov_plan.write.journal import render_blocks
from track_helpers import cli, copy_plan

TASK = "v1-san-xuat-chuong-trinh"


def _activity(ident: str) -> tuple[str, dict[str, object]]:
    record: dict[str, object] = {
        "id": ident,
        "task": TASK,
        "title": f"Phóng sự {ident}",
        "cost": 100_000_000,
        "source": "ngan-sach-tinh",
    }
    return ("activity", record)


@pytest.fixture
def merged(tmp_path: Path) -> Path:
    """The shipped plan with two activities that together over-allocate a source."""
    plan = copy_plan(tmp_path, "plan.toml")
    blocks = render_blocks([_activity("so-tttt-aaaa"), _activity("so-tttt-bbbb")])
    with open(plan, "a", encoding="utf-8") as handle:
        handle.write("\n" + blocks)
    assert cli("check", plan).exit_code == 1
    return plan


def test_a_write_that_removes_the_error_is_allowed(merged: Path) -> None:
    result = cli("activity", "cancel", "so-tttt-bbbb", "--reason", "trùng", "-p", merged)
    assert result.exit_code == 0, result.stderr
    assert cli("check", merged).exit_code == 0


def test_an_edit_that_lowers_the_cost_enough_is_allowed(merged: Path) -> None:
    result = cli(
        "activity", "edit", "so-tttt-bbbb", "--cost", "60000000", "--reason", "gộp", "-p", merged
    )
    assert result.exit_code == 0, result.stderr
    assert cli("check", merged).exit_code == 0


def test_a_write_that_leaves_the_errors_is_refused_and_changes_nothing(merged: Path) -> None:
    before = merged.read_bytes()
    result = cli("record", "so-tttt-aaaa", "--by", "t", "--lang", "en", "-p", merged)
    assert result.exit_code == 1, result.stderr  # the plan has problems, as before
    assert "a write is allowed on it only when it removes some and adds none" in result.stderr
    assert "over-allocated" in result.stderr
    assert "ggov-plan check -p" in result.stderr
    assert "Traceback" not in result.stderr
    assert merged.read_bytes() == before


def test_a_write_that_swaps_one_error_for_another_is_refused(merged: Path) -> None:
    before = merged.read_bytes()
    result = cli(
        "activity", "edit", "so-tttt-bbbb", "--cost", "90000000", "--reason", "x", "-p", merged
    )
    assert result.exit_code == 1
    assert merged.read_bytes() == before


def test_reading_commands_still_refuse_the_plan(merged: Path) -> None:
    assert cli("status", "-p", merged).exit_code == 1


def test_a_plan_that_does_not_build_cannot_be_written_to(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path, "plan.toml")
    with open(plan, "a", encoding="utf-8") as handle:
        handle.write('\n[[activity]]\nid = "so-tttt-cccc"\ntask = "v1-san-xuat-chuong-trinh"\n')
        handle.write('title = "x"\ntitle = "y"\n')  # a key twice: the file does not parse
    before = plan.read_bytes()
    result = cli("activity", "cancel", "so-tttt-cccc", "--reason", "x", "-p", plan)
    assert result.exit_code == 1
    assert plan.read_bytes() == before


def test_check_names_the_exact_command_that_repairs_it(merged: Path) -> None:
    result = cli("check", "--lang", "en", merged)
    command = 'ggov-plan activity edit so-tttt-bbbb --cost 63000000 --reason "over the source"'
    assert command in result.stdout + result.stderr
    repaired = cli(
        "activity", "edit", "so-tttt-bbbb", "--cost", "63000000", "--reason", "x", "-p", merged
    )
    assert repaired.exit_code == 0, repaired.stderr
    assert cli("check", merged).exit_code == 0


def test_when_lowering_cannot_suffice_check_names_a_cancel(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path, "plan.toml")
    small = ("activity", {**_activity("so-tttt-cccc")[1], "cost": 10_000_000})
    big = ("activity", {**_activity("so-tttt-dddd")[1], "cost": 160_000_000})
    with open(plan, "a", encoding="utf-8") as handle:
        handle.write("\n" + render_blocks([big, small]))  # 170 of 163 million; 7 over
    result = cli("check", "--lang", "vi", plan)
    assert "ggov-plan activity edit so-tttt-cccc --cost 3000000" in result.stdout + result.stderr
    with open(plan, "a", encoding="utf-8") as handle:
        handle.write("\n" + render_blocks([("activity", {**small[1], "id": "so-tttt-eeee"})]))
    result = cli("check", "--lang", "vi", plan)  # 180 of 163: 17 over, more than the last's 10
    assert 'ggov-plan activity cancel so-tttt-eeee --reason "vượt nguồn kinh phí"' in (
        result.stdout + result.stderr
    )
