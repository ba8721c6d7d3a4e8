"""One time zone for the plan: "today" and recorded_at are the office's, not the server's.

The plan's ``[plan] timezone`` (default Asia/Ho_Chi_Minh) decides what date it
is; the machine's ``TZ`` does not. $GGOV_PLAN_TODAY still forces the date.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from ggov_plan.plan.timezone import DEFAULT_TIMEZONE, today_in
from track_helpers import ROOT, add_activity, cli, copy_plan

KIRITIMATI = "Pacific/Kiritimati"  # UTC+14
BAKER = "Etc/GMT+12"  # UTC-12 (the sign of Etc/ names is POSIX's, reversed)


def _with_record(tmp_path: Path, day: dt.date, zone: str | None) -> Path:
    """The 2017 plan, moved to ``day``'s year, with a completion dated ``day``."""
    text = (ROOT / "data" / "plan2017.toml").read_text(encoding="utf-8")
    text = text.replace("start = 2017-08-18", f"start = {day.year - 1}-01-01", 1)
    text = text.replace("end = 2017-12-31", f"end = {day.year + 1}-12-31", 1)
    if zone is not None:
        text = text.replace('place = "Tiền Giang"', f'place = "Tiền Giang"\ntimezone = "{zone}"', 1)
    path = tmp_path / "plan.toml"
    path.write_text(text, encoding="utf-8")
    activity = add_activity(path, "--title", "Phóng sự", "--target", "4")
    with path.open("a", encoding="utf-8") as file:
        file.write(
            f'\n[[completion]]\nid = "ht-tz"\nactivity = "{activity}"\ndate = {day}\nquantity = 1\n'
            'recorded_by = "tester"\nrecorded_at = 2017-12-01T00:00:00+07:00\n'
        )
    return path


def _env(tz: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GGOV_PLAN")}
    return {**env, "TZ": tz, "PYTHONIOENCODING": "utf-8"}


def _codes(path: Path, tz: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-m", "ggov_plan", "check", "--format", "json", str(path)],
        capture_output=True, text=True, env=_env(tz), check=False,
    )  # fmt: skip
    data = json.loads(result.stdout)
    return {problem["code"] for problem in data["errors"] + data["warnings"]}


def test_a_record_made_at_utc_plus_14_is_not_future_on_a_utc_minus_12_server(
    tmp_path: Path,
) -> None:
    day = dt.datetime.now(ZoneInfo(KIRITIMATI)).date()  # already tomorrow (or later) at UTC-12
    path = _with_record(tmp_path, day, KIRITIMATI)
    codes = _codes(path, BAKER)
    assert "future-date" not in codes, codes
    # A day later than the plan's today is still in the future, wherever the server is.
    later = _with_record(tmp_path, day + dt.timedelta(days=1), KIRITIMATI)
    assert "future-date" in _codes(later, BAKER)


def test_by_default_a_record_made_in_vietnam_is_not_future_on_a_utc_server(
    tmp_path: Path,
) -> None:
    day = dt.datetime.now(ZoneInfo(DEFAULT_TIMEZONE)).date()
    assert "future-date" not in _codes(_with_record(tmp_path, day, None), BAKER)


def test_today_is_the_plan_zones_date_at_a_given_instant() -> None:
    # 06:00 in Vietnam on 2 January is 23:00 UTC on 1 January.
    instant = dt.datetime(2018, 1, 1, 23, 0, tzinfo=dt.UTC)
    assert today_in(None, instant) == dt.date(2018, 1, 2)
    assert today_in(BAKER, instant) == dt.date(2018, 1, 1)
    assert today_in("Not/AZone", instant) == dt.date(2018, 1, 2)  # falls back to the default


@pytest.mark.parametrize("value", ["Not/AZone", "/etc/passwd", "../zoneinfo/UTC", ""])
def test_an_unknown_timezone_is_a_bad_value(tmp_path: Path, value: str) -> None:
    plan = copy_plan(tmp_path)
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        text.replace('place = "Tiền Giang"', f'place = "Tiền Giang"\ntimezone = "{value}"', 1),
        encoding="utf-8",
    )
    result = cli("check", "--format", "json", plan)
    assert result.exit_code == 1, result.stdout
    problems = json.loads(result.stdout)["errors"]
    assert [p["code"] for p in problems if "timezone" in p["path"]] == ["bad-value"]


def test_a_declared_valid_zone_checks_clean(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        text.replace('place = "Tiền Giang"', 'place = "Tiền Giang"\ntimezone = "Asia/Bangkok"', 1),
        encoding="utf-8",
    )
    assert cli("check", plan).exit_code == 0


def test_recorded_at_is_written_in_the_plans_zone(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    activity = add_activity(plan, "--title", "Phóng sự", "--target", "4")
    env = {**_env("UTC"), "GGOV_PLAN_TODAY": "2017-12-31"}
    result = subprocess.run(
        [sys.executable, "-m", "ggov_plan", "record", activity, "--date", "2017-12-30",
         "--by", "tester", "-p", str(plan)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "+07:00" in plan.read_text(encoding="utf-8").rsplit("recorded_at", 1)[1].splitlines()[0]


def test_a_write_dates_its_record_by_the_plans_zone_not_vietnams(tmp_path: Path) -> None:
    # A zone whose date differs from Vietnam's right now: at every hour one of
    # these two does (UTC+14, UTC-12 against UTC+7).
    vietnam = dt.datetime.now(ZoneInfo(DEFAULT_TIMEZONE)).date()
    zone = next(z for z in (KIRITIMATI, BAKER) if dt.datetime.now(ZoneInfo(z)).date() != vietnam)
    text = (ROOT / "data" / "plan2017.toml").read_text(encoding="utf-8")
    text = text.replace("start = 2017-08-18", f"start = {vietnam.year - 1}-01-01", 1)
    text = text.replace("end = 2017-12-31", f"end = {vietnam.year + 1}-12-31", 1)
    text = text.replace('place = "Tiền Giang"', f'place = "Tiền Giang"\ntimezone = "{zone}"', 1)
    path = tmp_path / "plan.toml"
    path.write_text(text, encoding="utf-8")

    def run(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "ggov_plan", *args, "-p", str(path)],
            capture_output=True, text=True, encoding="utf-8", env=_env("UTC"), check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return done.stdout.splitlines()[0]

    activity = run("activity", "add", "--task", "v1-truong-hoc", "--title", "Tọa đàm")
    run("record", activity, "--by", "t")
    expected = dt.datetime.now(ZoneInfo(zone)).date()
    written = path.read_text(encoding="utf-8")
    assert f"created = {expected}" in written[written.rindex("[[activity]]") :]
    assert f"date = {expected}" in written[written.rindex("[[completion]]") :], (zone, expected)
