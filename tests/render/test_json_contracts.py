"""Every JSON output validates against its published schema (``ggov-plan schema NAME``).

Real outputs of four plans (the shipped one, the tracked example, a five-year
province plan with a period, a city's 2023 plan), and failures: a script that
asked for JSON gets one object on stdout whatever happens.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from ggov_plan.render import data, json_schemas, shapes
from track_helpers import ROOT, cli

SHIPPED = ROOT / "data" / "plan2017.toml"
TRACKED = ROOT / "examples" / "plan2017-tracked.toml"
PROVINCE = ROOT / "tests" / "fixtures" / "province2016_2020.toml"
CITY = ROOT / "tests" / "fixtures" / "city2023.toml"
BROKEN = ROOT / "examples" / "broken.toml"

#: Each plan, "today" for it, and the day or period its figures are asked for.
PLANS: dict[str, tuple[Path, str, tuple[str, ...]]] = {
    "shipped": (SHIPPED, "2017-12-31", ("--as-of", "2017-12-31")),
    "tracked": (TRACKED, "2017-12-31", ("--as-of", "2017-12-31")),
    "province": (PROVINCE, "2020-12-31", ("--period", "2017")),
    "city": (CITY, "2023-12-31", ("--as-of", "2023-12-31")),
}


def validate(name: str, output: Any) -> None:
    jsonschema.Draft202012Validator(json_schemas.schema(name)).validate(output)


def run_json(*args: object, exit_code: int = 0) -> Any:
    result = cli(*args)
    assert result.exit_code == exit_code, (args, result.exit_code, result.stdout, result.stderr)
    return json.loads(result.stdout)


def activity_ids(plan: Path, as_of: tuple[str, ...]) -> list[str]:
    listed = run_json("activity", "list", "--json", "-p", plan, *as_of)
    return [a["id"] for a in listed["activities"]]


@pytest.mark.parametrize("name", json_schemas.NAMES)
def test_every_schema_is_a_valid_draft_2020_12_schema(name: str) -> None:
    schema = json_schemas.schema(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", json_schemas.NAMES)
def test_schema_command_prints_each_output_schema(name: str) -> None:
    result = cli("schema", name)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == json_schemas.schema(name)


def test_schema_alone_is_still_the_plan_files_schema() -> None:
    from ggov_plan.plan.schema import schema_text

    assert cli("schema").stdout == schema_text()


def test_schema_of_an_unknown_output_is_bad_input() -> None:
    result = cli("schema", "stauts")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "stauts" in result.stderr and "activity-list" in result.stderr


def test_one_version_everywhere() -> None:
    assert data.JSON_VERSION == shapes.JSON_VERSION == 3


@pytest.mark.parametrize("plan", PLANS)
def test_real_outputs_validate(plan: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import track_helpers

    path, today, when = PLANS[plan]
    monkeypatch.setitem(track_helpers.ENV, "GGOV_PLAN_TODAY", today)
    as_of = ("--as-of", "2017-12-31") if when[0] == "--period" else when
    outputs: list[tuple[str, Any]] = [
        ("check", run_json("check", "--format", "json", path)),
        ("check", run_json("check", "--format", "json", path, path)),
        ("show", run_json("show", "--json", "-p", path)),
        ("status", run_json("status", "--json", "-p", path, *when)),
        ("activity-list", run_json("activity", "list", "--json", "-p", path, *as_of)),
        ("report", run_json("report", "--format", "json", "-p", path, *when)),
    ]
    for by in ("task", "agency", "channel", "content", "month", "indicator"):
        extra = as_of if by == "indicator" else when
        outputs.append(("progress", run_json("progress", "--json", "--by", by, "-p", path, *extra)))
    for by in ("source", "agency", "channel", "task"):
        outputs.append(("budget", run_json("budget", "--json", "--by", by, "-p", path, *when)))
    for activity in activity_ids(path, as_of)[:3]:
        shown = run_json("activity", "show", activity, "--json", "-p", path, *as_of)
        outputs.append(("activity-show", shown))
    for name, output in outputs:
        items = output if isinstance(output, list) else [output]
        assert all(item["schema_version"] == data.JSON_VERSION for item in items), name
        validate(name, output)


def test_a_source_has_one_shape_in_status_and_report() -> None:
    status = run_json("status", "--json", "-p", TRACKED, "--as-of", "2017-12-31")
    report = run_json("report", "--format", "json", "-p", TRACKED, "--as-of", "2017-12-31")
    assert report["sources"] == status["budget"]["sources"]
    assert list(report["sources"][0]) == [
        "id", "name", "amount", "allocated", "spent", "remaining"
    ]  # fmt: skip


def test_a_problem_has_one_shape_in_check_and_report() -> None:
    keys = ["code", "severity", "message", "hint", "line", "column", "path"]
    checked = run_json("check", "--format", "json", TRACKED)
    report = run_json("report", "--format", "json", "-p", TRACKED, "--as-of", "2017-12-31")
    assert report["problems"], "the tracked example has a warning"
    assert [list(p) for p in report["problems"]] == [keys] * len(report["problems"])
    assert [{k: v for k, v in p.items() if k != "severity"} for p in report["problems"]] == [
        {k: v for k, v in p.items() if k != "severity"} for p in checked["warnings"]
    ]
    assert all(p["severity"] == "warning" for p in checked["warnings"])


def test_check_of_a_broken_plan_validates() -> None:
    output = run_json("check", "--format", "json", BROKEN, exit_code=1)
    validate("check", output)
    assert {p["severity"] for p in output["errors"]} == {"error"}


def test_check_of_an_unreadable_file_validates(tmp_path: Path) -> None:
    output = run_json("check", "--format", "json", tmp_path / "nope.toml", exit_code=2)
    validate("check", output)
    assert output["errors"][0]["code"] == "unreadable"


# --------------------------------------------------------------------------- failures


def failure(*args: object, exit_code: int) -> Any:
    result = cli(*args)
    assert result.exit_code == exit_code, (result.stdout, result.stderr)
    assert result.stderr.strip(), "the human message stays on stderr"
    output = json.loads(result.stdout)
    validate("error", output)
    assert output["error"]["exit_code"] == exit_code
    return output


@pytest.mark.parametrize(
    "command",
    [
        ("status", "--json"),
        ("show", "--json"),
        ("progress", "--json"),
        ("budget", "--json"),
        ("activity", "list", "--json"),
        ("report", "--format", "json"),
    ],
)
def test_an_invalid_plan_gives_an_error_object_with_its_problems(
    command: tuple[str, ...],
) -> None:
    output = failure(*command, "-p", BROKEN, exit_code=1)
    assert output["error"]["code"] == "plan-invalid"
    checked = run_json("check", "--format", "json", BROKEN, exit_code=1)
    assert output["problems"] == checked["errors"]


def test_a_missing_plan_is_not_found(tmp_path: Path) -> None:
    output = failure("status", "--json", "-p", tmp_path / "nope.toml", exit_code=2)
    assert output["error"]["code"] == "not-found"
    assert "problems" not in output


def test_bad_input_is_an_error_object() -> None:
    output = failure("status", "--json", "-p", TRACKED, "--as-of", "31/02/2017", exit_code=2)
    assert output["error"]["code"] == "bad-input"
    assert output["error"]["message"]


def test_an_unknown_activity_is_an_error_object() -> None:
    output = failure("activity", "show", "no-such", "--json", "-p", TRACKED, exit_code=2)
    assert output["error"]["code"] in {"bad-input", "not-found"}


def test_check_json_with_a_bad_today_is_an_error_object(monkeypatch: pytest.MonkeyPatch) -> None:
    import track_helpers

    monkeypatch.setitem(track_helpers.ENV, "GGOV_PLAN_TODAY", "yesterday")
    output = failure("check", "--format", "json", TRACKED, exit_code=2)
    assert output["error"]["code"] == "bad-input"


def test_without_json_a_failure_prints_nothing_on_stdout() -> None:
    result = cli("status", "-p", BROKEN)
    assert result.exit_code == 1
    assert result.stdout == ""


def test_a_bug_under_json_is_an_internal_error_object(monkeypatch: pytest.MonkeyPatch) -> None:
    from ggov_plan.books import derive

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(derive, "overview", broken)
    monkeypatch.delenv("GGOV_PLAN_DEBUG", raising=False)
    output = failure("status", "--json", "-p", TRACKED, exit_code=70)
    assert output["error"]["code"] == "internal"
    assert "boom" in output["error"]["message"]


def test_the_schemas_refuse_a_changed_shape() -> None:
    report = run_json("report", "--format", "json", "-p", TRACKED, "--as-of", "2017-12-31")
    report["sources"][0]["declared"] = report["sources"][0].pop("amount")
    with pytest.raises(jsonschema.ValidationError):
        validate("report", report)
    checked = run_json("check", "--format", "json", TRACKED)
    del checked["schema_version"]
    with pytest.raises(jsonschema.ValidationError):
        validate("check", checked)
