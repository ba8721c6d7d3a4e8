"""[[check.accept]]: a known warning is acknowledged once, in the plan, and stops nagging."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from track_helpers import cli, copy_plan

ACCEPT = """
[[check.accept]]
code = "indicator-sum"
where = "indicator[1]"
reason = "văn bản in đúng như vậy"
"""


def _copy(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return copy_plan(folder)


def _accepting(tmp_path: Path, block: str = ACCEPT) -> Path:
    plan = _copy(tmp_path)
    text = plan.read_text(encoding="utf-8")
    # Before the journal, with the plan's other declarations.
    marker = "# Theo dõi thực hiện"
    plan.write_text(text.replace(marker, block.lstrip() + "\n" + marker, 1), encoding="utf-8")
    return plan


def test_check_lists_an_accepted_warning_as_accepted(tmp_path: Path) -> None:
    result = cli("check", _accepting(tmp_path))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "warning[indicator-sum]" in lines[0]
    assert lines[0].endswith("(accepted: văn bản in đúng như vậy)")
    assert lines[-1].endswith("valid (0 errors, 0 warnings, 1 accepted)")


def test_strict_passes_once_the_warning_is_accepted(tmp_path: Path) -> None:
    plan = _copy(tmp_path / "plain")
    assert cli("check", "--strict", plan).exit_code == 1
    assert cli("check", "--strict", _accepting(tmp_path)).exit_code == 0


def test_json_moves_it_to_accepted_with_its_reason(tmp_path: Path) -> None:
    data = json.loads(cli("check", "-f", "json", _accepting(tmp_path)).stdout)
    assert data["warnings"] == []
    (accepted,) = data["accepted"]
    assert (accepted["code"], accepted["reason"]) == ("indicator-sum", "văn bản in đúng như vậy")


def test_an_acceptance_covers_only_its_code_and_place(tmp_path: Path) -> None:
    elsewhere = ACCEPT.replace('where = "indicator[1]"', 'where = "indicator[2]"')
    data = json.loads(cli("check", "-f", "json", _accepting(tmp_path, elsewhere)).stdout)
    assert [w["code"] for w in data["warnings"]] == ["indicator-sum"]
    other_code = ACCEPT.replace('code = "indicator-sum"', 'code = "budget-sum"')
    data = json.loads(cli("check", "-f", "json", _accepting(tmp_path / "b", other_code)).stdout)
    assert [w["code"] for w in data["warnings"]] == ["indicator-sum"]
    anywhere = ACCEPT.replace('where = "indicator[1]"\n', "")
    data = json.loads(cli("check", "-f", "json", _accepting(tmp_path / "c", anywhere)).stdout)
    assert data["warnings"] == [] and len(data["accepted"]) == 1


def test_an_error_cannot_be_accepted(tmp_path: Path) -> None:
    block = ACCEPT.replace('code = "indicator-sum"', 'code = "budget-sum"').replace(
        'where = "indicator[1]"\n', ""
    )
    plan = _accepting(tmp_path, block)
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("amount = 50_000_000", "amount = 40_000_000"), encoding="utf-8")
    result = cli("check", "-f", "json", plan)
    assert result.exit_code == 1
    assert [e["code"] for e in json.loads(result.stdout)["errors"]] == ["budget-sum"]


def test_other_commands_stop_mentioning_an_accepted_warning(tmp_path: Path) -> None:
    from ggov_plan.cli import shell
    from ggov_plan.plan import open_valid

    plan = _accepting(tmp_path)
    today = dt.date(2017, 12, 31)
    checked = open_valid(plan, today=today, cache=False)
    said: list[str] = []
    real_stderr, real_isatty = shell.stderr, shell.sys.stderr.isatty
    try:
        shell.stderr = said.append  # type: ignore[assignment]
        shell.sys.stderr.isatty = lambda: True  # type: ignore[method-assign]
        shell.mention_warnings(list(checked.warnings), str(plan))
        shell.mention_warnings(list(open_valid(_copy(tmp_path / "x"), today=today,
                                               cache=False).warnings), "x")  # fmt: skip
    finally:
        shell.stderr = real_stderr
        shell.sys.stderr.isatty = real_isatty  # type: ignore[method-assign]
    assert len(said) == 1 and "x" in said[0]
