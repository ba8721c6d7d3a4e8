"""Indicators wherever a reader looks: status (table and JSON), progress --by
indicator, and the report in md, html, json and csv.

Two plans: a copy of the shipped plan with dvc-muc-do-3 measured (795, parts
318 and 477), and the five-year fixture province2016_2020.toml, whose
measurements give every state but "missed" as of 2017-12-31 (its header says
which); "today" is 2018-12-31 for it, as its journal runs into 2018.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from ggov_plan.cli import app
from track_helpers import ENV, copy_plan, ok

ROOT = Path(__file__).resolve().parents[2]
PROVINCE = ROOT / "tests" / "fixtures" / "province2016_2020.toml"
_runner = CliRunner()


def run(*args: object, columns: int | None = None, today: str = "2018-12-31") -> Result:
    env = {**ENV, "GGOV_PLAN_TODAY": today, "COLUMNS": str(columns) if columns else None}
    result = _runner.invoke(app, [str(a) for a in args], env=env)
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return result


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> Path:
    plan = copy_plan(tmp_path_factory.mktemp("measured"))
    ok(
        "measure", "dvc-muc-do-3", "795", "--date", "2017-12-15", "--part", "cấp sở=318",
        "--part", "huyện=477", "--by", "tester", "-p", plan,
    )  # fmt: skip
    return plan


def province(*args: object, columns: int | None = None) -> Result:
    return run(*args, "-p", PROVINCE, "--as-of", "2017-12-31", columns=columns)


# --------------------------------------------------------------------------- status, progress


def whole_words(out: str) -> set[str]:
    """The words of ``out``, and the two sides of "achieved/target": a figure cut
    across two lines is in neither."""
    words = set(re.split(r"[\s;()|]+", out))
    return words | {side for word in words if word.count("/") == 1 for side in word.split("/")}


@pytest.mark.parametrize("columns", [40, 80, 200])
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_status_shows_every_indicator_and_its_state_without_cutting_a_number(
    columns: int, lang: str
) -> None:
    out = province("status", "--lang", lang, columns=columns).stdout
    assert all(len(line) <= columns for line in out.splitlines())
    words = whole_words(out)
    # Every figure and date whole, as a word of its own.
    decimal = "," if lang == "vi" else "."
    for number in (f"21{decimal}5", f"58{decimal}25", "605", "405", "400", "200"):
        assert number in words, (number, out)
    for day in ("31/12/2017", "27/12/2017", "15/12/2017"):
        assert day in words, (day, out)
    states = (
        ("on track", "behind", "met") if lang == "en" else ("đúng tiến độ", "chậm tiến độ", "đạt")
    )
    flat = " ".join(out.split())
    for state in states:
        assert state in flat
    assert "Tỷ lệ" in out and "Số dịch vụ" in out


@pytest.mark.parametrize("columns", [40, 80, 200])
def test_status_of_the_shipped_plan_shows_the_measured_indicator(
    measured: Path, columns: int
) -> None:
    out = run("status", "-p", measured, columns=columns, today="2017-12-31").stdout
    words = whole_words(out)
    assert {"795", "318", "477", "370", "15/12/2017", "met"} <= words, out
    assert "not measured" in " ".join(out.split())


def test_status_json_lists_the_indicators() -> None:
    data = json.loads(province("status", "--json").stdout)
    items = data["indicators"]
    assert [i["id"] for i in items] == [
        "ty-le-ho-so-truc-tuyen",
        "ty-le-biet-cong-dvc",
        "so-dvc-muc-do-3-4",
    ]
    assert items[0] == {
        "id": "ty-le-ho-so-truc-tuyen",
        "label": "Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến mức độ 3, 4",
        "qualifier": "at-least",
        "target": 50,
        "unit": "%",
        "by": "2020-12-31",
        "achieved": 21.5,
        "measured_on": "2017-12-31",
        "parts": [],
        "state": "on-track",
        "milestone": {"by": "2017-12-31", "value": 20},
    }
    assert [i["state"] for i in items] == ["on-track", "behind", "met"]
    count = items[2]
    assert type(count["achieved"]) is int
    assert count["parts"] == [
        {"id": "cap-tinh", "label": "Cấp tỉnh", "target": 400, "achieved": 405},
        {"id": "cap-huyen-xa", "label": "Cấp huyện và cấp xã", "target": 200, "achieved": 200},
    ]
    assert count["milestone"] is None


def test_status_json_of_an_indicator_not_measured_has_nulls(measured: Path) -> None:
    data = json.loads(run("status", "--json", "-p", measured, today="2017-12-31").stdout)
    first: dict[str, Any] = data["indicators"][0]
    assert first["id"] == "dvc-muc-do-2"
    assert (first["achieved"], first["measured_on"], first["state"]) == (None, None, "not-measured")
    assert first["by"] == "2017-12-31"  # the plan's end: it states no `by`
    second = data["indicators"][1]
    assert [p["achieved"] for p in second["parts"]] == [318, 477]


def test_progress_by_indicator_json_is_the_list_status_gives() -> None:
    progress = json.loads(province("progress", "--by", "indicator", "--json").stdout)
    status = json.loads(province("status", "--json").stdout)
    assert progress["by"] == "indicator"
    assert progress["as_of"] == "2017-12-31"
    assert progress["indicators"] == status["indicators"]


@pytest.mark.parametrize("columns", [40, 80, 200])
def test_progress_by_indicator_is_the_status_table(columns: int) -> None:
    status = province("status", columns=columns).stdout
    progress = province("progress", "--by", "indicator", columns=columns).stdout
    assert progress.strip() in status


def test_an_earlier_day_gives_earlier_states() -> None:
    data = json.loads(run("status", "--json", "-p", PROVINCE, "--as-of", "2016-12-31").stdout)
    assert [i["state"] for i in data["indicators"]] == ["behind", "on-track", "on-track"]


# --------------------------------------------------------------------------- report


def report(*args: object) -> str:
    return province("report", *args).stdout


def test_markdown_report_has_an_indicators_table() -> None:
    out = run("report", "--lang", "vi", "-p", PROVINCE, "--as-of", "2017-12-31").stdout
    assert "## Kết quả thực hiện chỉ tiêu" in out
    assert "| ít nhất 50% | 21,5 | 31/12/2017 |  | đúng tiến độ |" in out
    assert "| Cấp tỉnh 405/400; Cấp huyện và cấp xã 200/200 | đạt |" in out


def test_json_report_lists_the_indicators_as_status_does() -> None:
    data = json.loads(report("--format", "json"))
    status = json.loads(province("status", "--json").stdout)
    assert data["indicators"] == status["indicators"]


def test_html_report_has_the_table_and_one_chart_per_indicator() -> None:
    out = report("--format", "html")
    assert out.count('<h3 class="indicator-chart">') == 3
    assert out.count('class="measured"') == 3
    assert out.count('class="target"') == 3
    assert out.count('class="milestone"') == 5 + 3  # the two percentages' milestones
    assert "Tỷ lệ người dân, doanh nghiệp biết và sử dụng Cổng dịch vụ công của tỉnh" in out
    assert "measured values against milestones and target" in out
    assert "http" not in out.replace("http://www.w3.org/2000/svg", "")  # nothing fetched


def test_csv_indicators_table() -> None:
    out = report("--format", "csv", "--table", "indicators")
    lines = out.splitlines()
    assert lines[0] == (
        "indicator,part,label,qualifier,target,unit,by,achieved,measured_on,state,"
        "milestone_by,milestone_value"
    )
    assert lines[1].endswith(",at-least,50,%,2020-12-31,21.5,2017-12-31,on-track,2017-12-31,20")
    assert lines[4:] == [
        "so-dvc-muc-do-3-4,cap-tinh,Cấp tỉnh,,400,,,405,,,,",
        "so-dvc-muc-do-3-4,cap-huyen-xa,Cấp huyện và cấp xã,,200,,,200,,,,",
    ]


def test_csv_activities_table_is_the_default() -> None:
    assert report("--format", "csv") == report("--format", "csv", "--table", "activities")


def test_table_with_another_format_is_refused() -> None:
    result = _runner.invoke(
        app, ["report", "--format", "md", "--table", "indicators", "-p", str(PROVINCE)], env=ENV
    )
    assert result.exit_code == 2
    assert "--table" in result.stderr
