"""check for CI systems beyond GitHub: JUnit XML, GitLab Code Quality, and GitHub's step summary."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from track_helpers import PLAN_2017, cli, copy_plan


def _broken(tmp_path: Path) -> Path:
    plan = copy_plan(tmp_path)
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("amount = 50_000_000", "amount = 40_000_000"), encoding="utf-8")
    return plan


def test_junit_has_a_test_case_per_rule_and_a_failure_per_error(tmp_path: Path) -> None:
    result = cli("check", "-f", "junit", _broken(tmp_path), PLAN_2017)
    assert result.exit_code == 1
    root = ET.fromstring(result.stdout)
    assert root.tag == "testsuites"
    broken, shipped = root.findall("testsuite")
    names = [case.get("name") for case in broken.findall("testcase")]
    assert names[0] == "structure" and "budget_sums" in names and len(set(names)) == len(names)
    (failing,) = [c for c in broken.findall("testcase") if c.find("failure") is not None]
    assert failing.get("name") == "budget_sums"
    assert failing.find("failure").get("type") == "budget-sum"  # type: ignore[union-attr]
    assert broken.get("failures") == "1" and shipped.get("failures") == "0"
    # A warning is output, not a failure, unless --strict.
    (warned,) = [c for c in shipped.findall("testcase") if c.find("system-out") is not None]
    assert warned.get("name") == "indicator_parts_sum"
    strict = ET.fromstring(cli("check", "-f", "junit", "--strict", PLAN_2017).stdout)
    assert strict.get("failures") == "1"


def test_gitlab_code_quality_report(tmp_path: Path) -> None:
    result = cli("check", "-f", "gitlab", _broken(tmp_path))
    assert result.exit_code == 1
    issues = json.loads(result.stdout)
    by_code = {issue["check_name"]: issue for issue in issues}
    assert set(by_code) == {"ggov-plan/budget-sum", "ggov-plan/indicator-sum"}
    error = by_code["ggov-plan/budget-sum"]
    assert error["severity"] == "major"
    assert by_code["ggov-plan/indicator-sum"]["severity"] == "minor"
    assert error["location"]["path"].endswith("plan2017.toml")
    assert isinstance(error["location"]["lines"]["begin"], int)
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)


def test_gitlab_fingerprints_survive_a_line_shift_and_the_language(tmp_path: Path) -> None:
    plan = _broken(tmp_path)
    before = json.loads(cli("check", "-f", "gitlab", plan).stdout)
    plan.write_text("# a comment above everything\n" + plan.read_text(encoding="utf-8"))
    after = json.loads(cli("check", "-f", "gitlab", plan, "--lang", "vi").stdout)
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after]
    assert [i["location"]["lines"]["begin"] for i in after] == [
        i["location"]["lines"]["begin"] + 1 for i in before
    ]


def test_github_format_appends_a_summary_of_every_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    plan = _broken(tmp_path)
    assert cli("check", "-f", "github", plan).exit_code == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## ggov-plan check\n")
    assert "`budget-sum`" in text and "`indicator-sum`" in text


def test_without_the_variable_no_summary_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.chdir(tmp_path)
    assert cli("check", "-f", "github", PLAN_2017).exit_code == 0
    assert list(tmp_path.iterdir()) == []
