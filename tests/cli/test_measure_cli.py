"""``ggov-plan measure`` end to end: append a measurement, dry-run, void, refusals.

On a copy of the shipped plan (data/plan2017.toml), "today" 2017-12-31:
the indicator dvc-muc-do-3 ("795 dịch vụ công mức độ 3") has two parts,
cap-so (Thủ tục cấp sở) and cap-huyen-xa (Thủ tục cấp huyện và cấp xã).
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ggov_plan.cli import app
from track_helpers import ENV, ID_CHARS, cli, copy_plan, json_of, last_line, ok, run_process

INDICATOR = "dvc-muc-do-3"
MEASUREMENT_ID = re.compile(rf"so-tttt-m-{ID_CHARS}{{4}}")
MEASURE = [
    "measure", INDICATOR, "795", "--date", "2017-12-15",
    "--part", "cấp sở=318", "--part", "huyện=477", "--by", "tester",
]  # fmt: skip


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return copy_plan(tmp_path)


def measurements(plan: Path) -> list[dict[str, Any]]:
    data = tomllib.loads(plan.read_text(encoding="utf-8"))
    found: list[dict[str, Any]] = data.get("measurement", [])
    return found


def voids(plan: Path) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = tomllib.loads(plan.read_text(encoding="utf-8")).get("void", [])
    return found


def test_measure_appends_a_measurement_with_its_parts(plan: Path) -> None:
    before = plan.read_bytes()
    result = ok(*MEASURE, "--evidence", "Cổng DVC, 15/12/2017", "-p", plan)
    ident = result.stdout.splitlines()[0]
    assert MEASUREMENT_ID.fullmatch(ident), result.stdout
    assert last_line(result) == ident
    assert plan.read_bytes().startswith(before)  # appended, nothing rewritten
    (measurement,) = measurements(plan)
    assert {k: v for k, v in measurement.items() if k != "recorded_at"} == {
        "id": ident,
        "indicator": INDICATOR,
        "date": dt.date(2017, 12, 15),
        "value": 795,
        "parts": {"cap-so": 318, "cap-huyen-xa": 477},
        "evidence": "Cổng DVC, 15/12/2017",
        "recorded_by": "tester",
    }
    assert ok("check", "-p", plan).exit_code == 0


def test_the_indicator_resolves_from_a_fragment_of_its_label(plan: Path) -> None:
    ok("measure", "truc tuyen muc do 4", "100", "-p", plan)
    assert [m["indicator"] for m in measurements(plan)] == ["dvc-muc-do-4"]


def test_the_date_defaults_to_today_and_a_given_id_is_used(plan: Path) -> None:
    result = ok("measure", INDICATOR, "700", "--id", "so-tttt-m-0001", "-p", plan)
    assert last_line(result) == "so-tttt-m-0001"
    (measurement,) = measurements(plan)
    assert measurement["id"] == "so-tttt-m-0001"
    assert str(measurement["date"]) == "2017-12-31"


def test_dry_run_prints_the_block_and_writes_nothing(plan: Path) -> None:
    before = plan.read_bytes()
    result = ok(*MEASURE, "--dry-run", "-p", plan)
    assert plan.read_bytes() == before
    assert "[[measurement]]" in result.stdout
    assert 'parts = { "cap-so" = 318, "cap-huyen-xa" = 477 }' in result.stdout
    assert "dry run" in result.stdout
    assert MEASUREMENT_ID.fullmatch(last_line(result))


def test_void_appends_a_void_naming_the_measurement(plan: Path) -> None:
    ident = last_line(ok(*MEASURE, "-p", plan))
    void = last_line(
        ok("measure", "--void", ident, "--reason", "Ghi nhầm", "--by", "t", "-p", plan)
    )
    assert void.startswith(f"{ident}-void-")
    (record,) = voids(plan)
    assert record["measurement"] == ident
    assert record["reason"] == "Ghi nhầm"
    assert "completion" not in record
    data = json_of("status", "-p", plan)
    (item,) = [i for i in data["indicators"] if i["id"] == INDICATOR]
    assert item["achieved"] is None
    assert item["state"] == "not-measured"


@pytest.mark.parametrize(
    ("args", "mentions"),
    [
        (["measure", INDICATOR, "abc"], ["VALUE", "'abc'"]),
        (["measure", INDICATOR, "-5"], ["-5"]),  # an option to the parser
        (["measure", INDICATOR, "−5"], ["'−5'", "negative"]),  # a minus sign
        (["measure", INDICATOR, "795,5"], ["'795,5'", "decimals"]),
        (["measure", INDICATOR, "795", "--part", "khong-co=1"], ["--part", "'khong-co'", "cap-so"]),
        (["measure", INDICATOR, "795", "--part", "cap-so"], ["--part", "PART=VALUE"]),
        (["measure", INDICATOR, "795", "--part", "cap-so=x"], ["--part cap-so", "'x'"]),
        (["measure", INDICATOR, "795", "--part", "cap-so=1", "--part", "so=2"], ["twice"]),
        (["measure", "dvc-muc-do-4", "1", "--part", "x=1"], ["no part", "leave --part out"]),
        (["measure", "khong-co", "1"], ["INDICATOR", "'khong-co'"]),
        (["measure", "dvc", "1"], ["INDICATOR", "matches 3"]),
        (["measure"], ["INDICATOR is required"]),
        (["measure", INDICATOR], ["VALUE is required"]),
        (["measure", INDICATOR, "1", "--date", "31/02/2017"], ["--date"]),
        (["measure", INDICATOR, "1", "--id", "bad id"], ["--id", "'bad id'"]),
        (["measure", "--void", "khong-co", "--reason", "x"], ["--void", "'khong-co'"]),
        (["measure", INDICATOR, "1", "--void", "x"], ["--void", "INDICATOR, VALUE"]),
    ],
)  # fmt: skip
def test_bad_input_exits_2_and_writes_nothing(
    plan: Path, args: list[str], mentions: list[str]
) -> None:
    before = plan.read_bytes()
    files_before = sorted(p.name for p in plan.parent.iterdir())
    result = cli(*args, "-p", plan)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.output
    for mention in mentions:
        assert mention in result.stderr
    assert result.stdout == ""
    assert plan.read_bytes() == before
    assert sorted(p.name for p in plan.parent.iterdir()) == files_before


def test_voiding_twice_is_refused(plan: Path) -> None:
    ident = last_line(ok(*MEASURE, "-p", plan))
    ok("measure", "--void", ident, "--reason", "x", "-p", plan)
    before = plan.read_bytes()
    result = cli("measure", "--void", ident, "--reason", "x", "-p", plan)
    assert result.exit_code == 2
    assert "already void" in result.stderr
    assert plan.read_bytes() == before


def test_void_without_a_reason_is_a_usage_error_without_a_terminal(plan: Path) -> None:
    ident = last_line(ok(*MEASURE, "-p", plan))
    before = plan.read_bytes()
    result = cli("measure", "--void", ident, "-p", plan)
    assert result.exit_code == 2
    assert "--reason is required" in result.stderr
    assert plan.read_bytes() == before


def test_a_taken_id_is_refused(plan: Path) -> None:
    ok("measure", INDICATOR, "1", "--id", "so-tttt-m-0001", "-p", plan)
    before = plan.read_bytes()
    result = cli("measure", INDICATOR, "2", "--id", "so-tttt-m-0001", "-p", plan)
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert plan.read_bytes() == before


def test_a_percentage_is_written_with_its_decimals(tmp_path: Path) -> None:
    plan = tmp_path / "province.toml"
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "province2016_2020.toml"
    plan.write_bytes(fixture.read_bytes())
    # Its journal runs into 2018.
    env = {**ENV, "GGOV_PLAN_TODAY": "2018-12-31"}
    runner = CliRunner()
    args = ["measure", "ty-le-ho-so-truc-tuyen", "25,5", "--date", "2018-06-30", "-p", str(plan)]
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 0, result.stderr
    assert measurements(plan)[-1]["value"] == 25.5
    args = ["measure", "ty-le-ho-so-truc-tuyen", "25,555", "-p", str(plan)]
    refused = runner.invoke(app, args, env=env)
    assert refused.exit_code == 2
    assert "two decimals" in refused.stderr


def test_measure_in_a_real_process(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    result = run_process(*MEASURE, "-p", plan)
    assert result.returncode == 0, result.stderr
    assert MEASUREMENT_ID.fullmatch(result.stdout.strip())
    before = plan.read_bytes()
    bad = run_process("measure", INDICATOR, "abc", "-p", plan)
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr
    assert plan.read_bytes() == before


def test_a_measurement_dated_after_today_is_refused(plan: Path) -> None:
    # today is 31/12/2017 (track_helpers): a value cannot be known before its day.
    before = plan.read_bytes()
    result = cli("measure", "dvc-muc-do-3", "700", "--date", "2018-01-05", "-p", plan)
    assert result.exit_code == 2, result.stderr
    assert "future-date" in result.stderr
    assert plan.read_bytes() == before


def test_a_measurement_after_the_plan_s_end_but_before_today_is_fine(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    env = {**ENV, "GGOV_PLAN_TODAY": "2018-03-31"}
    runner = CliRunner()
    args = ["measure", "dvc-muc-do-3", "700", "--date", "2018-01-05", "-p", str(plan)]
    assert runner.invoke(app, args, env=env).exit_code == 0
    checked = runner.invoke(app, ["check", str(plan)], env=env)
    assert checked.exit_code == 0, checked.stdout
    assert "outside-period" not in checked.stdout
