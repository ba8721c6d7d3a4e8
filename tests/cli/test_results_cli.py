"""Results (issue 12) from the outside: --period/--from/--to, every task
visible, quantities per unit, reach, and budgets whose amount is not stated.

Runs on copies of data/plan2017.toml and of the two fixtures
tests/fixtures/province2016_2020.toml and city2023.toml ("today" is forced to
a day after each plan's journal).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from ggov_plan.cli import app
from track_helpers import ENV, ROOT, add_activity, cli, copy_plan, json_of, ok, record

FIXTURES = ROOT / "tests" / "fixtures"
PROVINCE = FIXTURES / "province2016_2020.toml"
CITY = FIXTURES / "city2023.toml"
_runner = CliRunner()


def at(today: str, *args: object) -> Result:
    """ggov-plan in-process with "today" forced to ``today``."""
    return _runner.invoke(app, [str(a) for a in args], env={**ENV, "GGOV_PLAN_TODAY": today})


def data_at(today: str, *args: object) -> Any:
    result = at(today, *args)
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return json.loads(result.stdout)


# --------------------------------------------------------------------------- options


@pytest.mark.parametrize("command", ["status", "progress", "budget", "report"])
@pytest.mark.parametrize(
    ("options", "says"),
    [
        (["--period", "2017", "--from", "2017-01-01"], "--period"),
        (["--from", "2017-01-01"], "--to"),
        (["--to", "2017-06-30"], "--from"),
        (["--period", "2017-H1", "--as-of", "2017-06-30"], "--as-of"),
        (["--period", "2017-Q5"], "2017-Q5"),
        (["--period", "2018"], "2018"),  # not begun on 2017-12-31
        (["--from", "2017-06-30", "--to", "2017-01-01"], "before it starts"),
        (["--from", "30/02/2017", "--to", "2017-06-30"], "--from"),
    ],
)
def test_bad_periods_are_usage_errors(
    tmp_path: Path, command: str, options: list[str], says: str
) -> None:
    plan = copy_plan(tmp_path)
    before = plan.read_bytes()
    result = cli(command, *options, "-p", plan)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert says in result.stderr
    assert "Traceback" not in result.stderr
    assert plan.read_bytes() == before


def test_the_period_options_are_documented_once_per_command() -> None:
    for command in ("status", "progress", "budget", "report"):
        text = cli(command, "--help").stdout
        for option in ("--period", "--from", "--to"):
            assert text.count(option) >= 1, (command, option)


# --------------------------------------------------------------------------- periods


def test_status_for_a_period_gives_it_beside_the_cumulative_figures() -> None:
    data = data_at("2018-12-31", "status", "--period", "2017", "--json", "-p", PROVINCE)
    assert data["period"] == {"start": "2017-01-01", "end": "2017-12-31", "name": "2017"}
    assert data["as_of"] == "2017-12-31"  # the period's last day
    period, cumulative = data["results"]["period"], data["results"]["cumulative"]
    assert period["completions"] == 5
    assert period["spent"] == 69_500_000
    assert period["quantities"] == [  # units in the order of the activities
        {"unit": "tin, bài", "done": 57},
        {"unit": "tờ rơi", "done": 20000},
        {"unit": "buổi", "done": 4},
    ]
    assert period["reach"] == [{"unit": "lượt người", "reach": 520}]
    assert cumulative["completions"] == 9
    assert cumulative["spent"] == 144_500_000
    assert data["budget"]["spent"] == 144_500_000
    assert data["budget"]["spent_in_period"] == 69_500_000
    # The same days as a span give the same figures, named as a span.
    spanned = data_at(
        "2018-12-31", "status", "--from", "2017-01-01", "--to", "31/12/2017", "--json",
        "-p", PROVINCE,
    )  # fmt: skip
    assert spanned["results"] == data["results"]
    assert spanned["period"]["name"] == "2017-01-01 to 2017-12-31"


def test_a_period_that_runs_ends_today(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    ident = add_activity(plan, "--title", "Phóng sự", "--target", "4")
    record(plan, ident, "--date", "2017-10-02")
    record(plan, ident, "--date", "2017-11-10")
    # Today is 2017-12-31 in track_helpers: Q4 has just ended.
    assert json_of("status", "--period", "2017-Q4", "-p", plan)["as_of"] == "2017-12-31"
    # On 20/11/2017 the quarter still runs: figures to today, nothing is overdue yet.
    data = data_at("2017-11-20", "status", "--period", "2017-Q4", "--json", "-p", plan)
    assert data["as_of"] == "2017-11-20"
    assert data["period"]["end"] == "2017-12-31"
    assert data["results"]["period"]["completions"] == 2


def test_records_count_in_the_period_by_their_own_date(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    ident = add_activity(plan, "--title", "Phóng sự", "--target", "4", "--unit", "phóng sự")
    record(plan, ident, "--date", "2017-09-20", "--spent", "5000000")
    record(plan, ident, "--date", "2017-10-18", "--spent", "7000000")
    # Both were recorded today (2017-12-31); only the October one is in Q4.
    data = json_of("status", "--period", "2017-Q4", "-p", plan)
    assert data["results"]["period"]["completions"] == 1
    assert data["results"]["period"]["spent"] == 7_000_000
    assert data["results"]["cumulative"]["spent"] == 12_000_000
    text = ok("status", "--period", "2017-Q4", "--lang", "vi", "-p", plan).stdout
    assert "Kỳ báo cáo quý IV năm 2017 (01/10/2017 – 31/12/2017)" in text
    assert re.search(r"Đã thực hiện \(phóng sự\) +\| +1 \| +2/4", text), text
    progress = json_of("progress", "--by", "month", "--period", "2017-Q4", "-p", plan)
    assert [g["key"] for g in progress["groups"]] == ["2017-10"]
    budget = json_of("budget", "--period", "2017-Q4", "-p", plan)
    assert budget["total"]["spent_in_period"] == 7_000_000


def test_report_for_a_period(tmp_path: Path) -> None:
    result = at("2018-12-31", "report", "--period", "2017-H1", "-p", PROVINCE, "--lang", "vi")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "Kỳ báo cáo: 6 tháng đầu năm 2017 (01/01/2017 – 30/06/2017)" in text
    assert "## Đã thực hiện từ ngày 01/01/2017" in text
    data = data_at("2018-12-31", "report", "--period", "2017-H1", "-f", "json", "-p", PROVINCE)
    assert data["since"] == "2017-01-01"
    assert data["as_of"] == "2017-06-30"
    assert data["period"]["name"] == "the first half of 2017"
    assert data["results"]["period"]["completions"] == 3
    csv_text = at("2018-12-31", "report", "--period", "2017-H1", "-f", "csv", "-p", PROVINCE)
    rows = list(csv.DictReader(io.StringIO(csv_text.stdout)))
    by_id = {row["id"]: row for row in rows}
    assert by_id["so-tttt-832a"]["done_in_period"] == "20000"
    assert by_id["so-tttt-7ekx"]["done_in_period"] == "0"
    # --since still moves the start of the list; the official report takes the period.
    moved = data_at(
        "2018-12-31", "report", "--period", "2017-H1", "--since", "2017-05-01", "-f", "json",
        "-p", PROVINCE,
    )  # fmt: skip
    assert [c["date"] for c in moved["completed"]] == ["2017-05-16", "2017-06-30"]
    official = at("2018-12-31", "report", "--official", "--period", "2017-H1", "-p", PROVINCE)
    assert official.exit_code == 0, official.stderr
    assert "6 tháng đầu năm 2017" in official.stdout


# --------------------------------------------------------------------------- every task


def test_every_task_is_listed_and_counted(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    ident = add_activity(plan, "--title", "Phóng sự", "--target", "2")
    record(plan, ident, "--date", "2017-09-20")
    status = json_of("status", "-p", plan)
    assert status["tasks"] == {"total": 10, "not_started": 9, "in_progress": 1, "done": 0}
    # One task half done, nine untouched: 5%, not the 50% of the one activity.
    assert status["progress"] == 0.05
    assert len(status["task_progress"]) == 10
    groups = json_of("progress", "-p", plan)["groups"]
    assert len(groups) == 10
    assert [g["state"] for g in groups].count("not_started") == 9
    text = ok("status", "--lang", "vi", "-p", plan).stdout
    assert "Tiến độ 5,0% (trung bình của 10 nhiệm vụ; 9 chưa triển khai)" in " ".join(text.split())
    assert text.count("chưa triển khai") >= 9
    record(plan, ident, "--date", "2017-09-21")
    assert json_of("status", "-p", plan)["tasks"]["done"] == 1


# --------------------------------------------------------------------------- units, reach


def test_units_are_never_added(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    sessions = add_activity(plan, "--title", "Buổi", "--target", "6", "--unit", "buổi")
    services = add_activity(
        plan, "--title", "Dịch vụ", "--target", "795", "--unit", "dịch vụ",
        task="v3-dang-tai",
    )  # fmt: skip
    record(plan, sessions, "--date", "2017-09-20", "--qty", "6")
    record(plan, services, "--date", "2017-09-20", "--qty", "795")
    status = json_of("status", "-p", plan)
    assert status["activities"]["quantities"] == [
        {"unit": "buổi", "done": 6, "target": 6},
        {"unit": "dịch vụ", "done": 795, "target": 795},
    ]
    for command in (
        ["status"],
        ["progress", "--by", "agency"],
        ["report"],
        ["report", "-f", "html"],
    ):
        text = ok(*command, "--lang", "vi", "-p", plan).stdout
        assert "801" not in text, command
    report = ok("report", "-p", plan, "--lang", "vi").stdout
    assert "6/6 buổi; 795/795 dịch vụ" in report
    assert "801" not in json.dumps(json_of("progress", "--by", "agency", "-p", plan))


def test_record_reach_and_its_sums_per_unit(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    ident = add_activity(plan, "--title", "Buổi tuyên truyền", "--target", "3", "--unit", "buổi")
    record(plan, ident, "--date", "2017-10-02", "--reach", "1200", "--reach-unit", "học sinh")
    record(plan, ident, "--date", "2017-10-09", "--reach", "300", "--reach-unit", "học sinh")
    record(plan, ident, "--date", "2017-10-16", "--reach", "40", "--reach-unit", "giáo viên")
    text = plan.read_text(encoding="utf-8")
    assert "reach = 1200" in text and 'reach_unit = "học sinh"' in text
    data = json_of("status", "-p", plan)
    assert data["results"]["cumulative"]["reach"] == [
        {"unit": "học sinh", "reach": 1500},
        {"unit": "giáo viên", "reach": 40},
    ]
    assert "Số người được tiếp cận (học sinh)" in ok("status", "--lang", "vi", "-p", plan).stdout
    report = ok("report", "-p", plan).stdout
    assert re.search(r"\| People reached \(học sinh\) \| 1,500 \|", report), report
    rows = list(csv.DictReader(io.StringIO(ok("report", "-f", "csv", "-p", plan).stdout)))
    assert {row["id"]: row["reach"] for row in rows} == {ident: "1500 học sinh; 40 giáo viên"}
    assert "People reached (giáo viên)" in ok("report", "-f", "html", "-p", plan).stdout


@pytest.mark.parametrize(
    ("options", "says"),
    [
        (["--reach", "0"], "--reach"),
        (["--reach", "nhiều"], "--reach"),
        (["--reach", "-5"], "--reach"),
    ],
)
def test_bad_reach_is_refused(tmp_path: Path, options: list[str], says: str) -> None:
    plan = copy_plan(tmp_path)
    ident = add_activity(plan, "--title", "Buổi", "--target", "3")
    before = plan.read_bytes()
    result = cli("record", ident, *options, "-p", plan)
    assert result.exit_code == 2, result.stdout
    assert says in result.stderr
    assert plan.read_bytes() == before


def test_void_takes_no_reach(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    ident = add_activity(plan, "--title", "Buổi", "--target", "3")
    completion = record(plan, ident, "--date", "2017-10-02")
    result = cli("record", "--void", completion, "--reason", "x", "--reach", "5", "-p", plan)
    assert result.exit_code == 2
    assert "--reach" in result.stderr


# --------------------------------------------------------------------------- unknown budgets


def _outputs(today: str, plan: Path) -> dict[str, str]:
    runs = {
        "status": ["status"],
        "status-period": ["status", "--period", today[:4]],
        "budget": ["budget"],
        "budget-agency": ["budget", "--by", "agency"],
        "md": ["report"],
        "html": ["report", "-f", "html"],
        "csv": ["report", "-f", "csv"],
    }
    out = {}
    for name, args in runs.items():
        for lang in ("vi", "en"):
            result = at(today, *args, "--lang", lang, "-p", plan)
            assert result.exit_code == 0, (name, result.stderr)
            out[f"{name}-{lang}"] = result.stdout
    return out


@pytest.mark.parametrize(("plan", "today"), [(CITY, "2023-12-31"), (PROVINCE, "2018-12-31")])
def test_an_unknown_budget_never_reads_0_nor_a_negative_remainder(plan: Path, today: str) -> None:
    for name, text in _outputs(today, plan).items():
        assert not re.search(r"-\d", re.sub(r"\d{4}-\d{2}(-\d{2})?|\d+-\d+|[a-z]-\d", "", text)), (
            name
        )
        # The plan's own words where the total would be (csv: one row per activity).
        assert "Kinh phí thực hiện" in text or name.startswith("csv"), name
        assert "of 0 VND" not in text and "trên 0 đ" not in text, name
        assert "0 VND declared" not in text and "dự toán 0 đồng" not in text, name
    status = data_at(today, "status", "--json", "-p", plan)
    assert status["budget"]["total"] is None
    assert status["budget"]["remaining"] is None
    assert status["budget"]["text"].startswith("Kinh phí thực hiện")
    report = data_at(today, "report", "-f", "json", "-p", plan)
    assert report["overall"]["budget"]["remaining"] is None
    assert report["overall"]["budget"]["text"] == status["budget"]["text"]
    assert all(s["remaining"] is None for s in report["sources"] if s["amount"] is None and s["id"])
    md = at(today, "report", "--lang", "vi", "-p", plan).stdout
    assert "Kinh phí: Kinh phí thực hiện" in md  # the plan's text where the total would be
    # No budget stated, no share of it: the chart draws no spending line at 0%.
    html = at(today, "report", "-f", "html", "-p", plan).stdout
    assert 'class="progress"' in html
    assert 'class="spending"' not in html


def test_spending_against_a_source_with_no_amount_is_accepted(tmp_path: Path) -> None:
    plan = tmp_path / "province.toml"
    shutil.copyfile(PROVINCE, plan)
    added = at(
        "2018-12-31", "activity", "add", "--task", "v2-kinh-phi", "--title", "Hội nghị",
        "--cost", "12 triệu", "--source", "ngan-sach-du-toan", "--id", "so-tttt-hn01", "-p", plan,
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    recorded = at(
        "2018-12-31", "record", "so-tttt-hn01", "--date", "2018-12-20", "--spent", "11.500.000",
        "--by", "tester", "-p", plan,
    )  # fmt: skip
    assert recorded.exit_code == 0, recorded.stderr
    data = data_at("2018-12-31", "status", "--json", "--period", "2018-Q4", "-p", plan)
    (source,) = data["budget"]["sources"]
    assert source["amount"] is None and source["remaining"] is None
    # 144.5M to the end of 2017, 20M and 5M in spring 2018, then this one.
    assert source["spent"] == 144_500_000 + 25_000_000 + 11_500_000
    assert source["spent_in_period"] == 11_500_000
    assert source["allocated"] >= 12_000_000
