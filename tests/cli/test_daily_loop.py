"""The officer's daily loop from the outside: --lang anywhere, choices in
Vietnamese, months as Vietnamese write them, --as-of a month or a year, usage
errors in Vietnamese, and interrupts (exit 130, nothing written)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ggov_plan.cli import _command_name, app
from ggov_plan.cli.inputs import AliasChoice, choice_key, parse_as_of
from ggov_plan.cli.shell import EXIT_INTERRUPTED
from ggov_plan.i18n import language
from ggov_plan.i18n.dates import month
from ggov_plan.plan.model import Status
from ggov_plan.problems import UsageError
from track_helpers import ENV, cli, copy_plan, json_of, ok, record

# --------------------------------------------------------------------------- --lang first


@pytest.mark.parametrize("first", [["--lang", "vi"], ["--lang=vi"]])
def test_lang_before_the_command(first: list[str]) -> None:
    result = ok(*first, "status")
    assert "Kế hoạch" in result.stdout
    assert "Ban hành tại" in result.stdout


def test_lang_after_the_command_wins() -> None:
    assert "Issued" in ok("--lang", "vi", "status", "--lang", "en").stdout


def test_lang_before_a_subcommand_of_a_group() -> None:
    assert "Không có hoạt động" in ok("--lang", "vi", "activity", "list").stdout


def test_lang_first_still_starts_only_the_command() -> None:
    assert _command_name(["--lang", "vi", "status"]) == "status"
    assert _command_name(["--lang=vi", "record", "x"]) == "record"
    assert _command_name(["--lang"]) is None


def test_a_bad_lang_first_is_bad_input() -> None:
    result = cli("--lang", "xx", "status")
    assert result.exit_code == 2
    assert "xx" in result.stderr


# --------------------------------------------------------------------------- choices


@pytest.mark.parametrize("typed", ["quá hạn", "quá-hạn", "qua-han", "Quá Hạn", "overdue"])
def test_status_overdue_in_both_languages(tmp_path: Path, typed: str) -> None:
    plan = copy_plan(tmp_path)
    ok("activity", "add", "--task", "v1-san-xuat-chuong-trinh", "--title", "Late",
       "--due", "2017-11-30", "-p", plan)  # fmt: skip
    rows = json_of("activity", "list", "--status", typed, "-p", plan)
    assert [row["title"] for row in rows["activities"]] == ["Late"]


@pytest.mark.parametrize(
    ("typed", "by"),
    [
        ("tháng", "month"),
        ("thang", "month"),
        ("nhiệm-vụ", "task"),
        ("cơ-quan", "agency"),
        ("hình-thức", "channel"),
        ("nội-dung", "content"),
        ("chỉ-tiêu", "indicator"),
        ("chi tieu", "indicator"),
    ],
)
def test_progress_by_in_vietnamese(typed: str, by: str) -> None:
    assert json_of("progress", "--by", typed)["by"] == by


def test_budget_by_in_vietnamese() -> None:
    assert json_of("budget", "--by", "nguồn") == json_of("budget", "--by", "source")


def test_an_unknown_choice_still_lists_the_english_values() -> None:
    result = cli("progress", "--by", "tuần")
    assert result.exit_code == 2
    assert "'tuần' is not one of 'task', 'agency'" in result.stderr


def test_choices_in_help_are_unchanged() -> None:
    out = ok("progress", "-h").stdout
    assert "task|agency|channel|content|month|indicator" in out
    assert "tháng" not in out


def test_choice_key_folds() -> None:
    assert choice_key(" Quá  Hạn ") == choice_key("qua_han") == "qua-han"
    assert AliasChoice(Status).convert("đã hủy", None, None) is Status.CANCELLED


# --------------------------------------------------------------------------- months


def test_months_read_thang_in_vietnamese(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    activity = ok("activity", "add", "--task", "v1-san-xuat-chuong-trinh", "--title", "A",
                  "--due", "2017-11-30", "-p", plan).stdout.splitlines()[-1]  # fmt: skip
    record(plan, activity, "--date", "2017-10-05")
    vi = ok("progress", "--by", "tháng", "-p", plan, "--lang", "vi").stdout
    assert "tháng 10/2017" in vi
    assert "2017-10" not in vi
    en = ok("progress", "--by", "month", "-p", plan, "--lang", "en").stdout
    assert "2017-10" in en
    # JSON keeps the sortable key in every language.
    data = json_of("progress", "--by", "month", "-p", plan, "--lang", "vi")
    assert data["groups"][0]["key"] == "2017-10"


def test_month_text() -> None:
    assert month("2017-10", "vi") == "tháng 10/2017"
    assert month("2017-02", "vi") == "tháng 2/2017"
    assert month("2017-10", "en") == "2017-10"
    assert month("", "vi") == ""


# --------------------------------------------------------------------------- --as-of


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2017-10", dt.date(2017, 10, 31)),
        ("10/2017", dt.date(2017, 10, 31)),
        ("2017-02", dt.date(2017, 2, 28)),
        ("2016-02", dt.date(2016, 2, 29)),
        ("2017", dt.date(2017, 12, 31)),
        ("2017-10-05", dt.date(2017, 10, 5)),
        ("5/10/2017", dt.date(2017, 10, 5)),
    ],
)
def test_as_of_a_month_or_a_year_is_its_last_day(typed: str, day: dt.date) -> None:
    assert parse_as_of(typed) == day


@pytest.mark.parametrize("typed", ["2017-13", "13/2017", "2017-10-32", "tháng 10"])
def test_a_bad_as_of_is_a_usage_error(typed: str) -> None:
    with pytest.raises(UsageError):
        parse_as_of(typed)


def test_as_of_a_month_on_the_command_line() -> None:
    assert json_of("status", "--as-of", "2017-10")["as_of"] == "2017-10-31"
    assert json_of("status", "--as-of", "2017")["as_of"] == "2017-12-31"
    result = cli("status", "--as-of", "2017-13")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


# --------------------------------------------------------------------------- usage errors


def _vi(*args: str, env: dict[str, str | None] | None = None) -> str:
    result = CliRunner().invoke(app, list(args), env={**ENV, **(env or {})})
    assert result.exit_code == 2, result.output
    return result.stderr


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("--lang", "vi", "status", "--nope"), {}),
        (("status", "--nope", "--lang", "vi"), {}),
        (("status", "--nope"), {"GGOV_PLAN_LANG": "vi"}),
        (("status", "--nope"), {"GGOV_PLAN_LANG": None, "LC_ALL": None, "LANG": "vi_VN.UTF-8"}),
    ],
)
def test_no_such_option_in_vietnamese(args: tuple[str, ...], env: dict[str, str | None]) -> None:
    err = _vi(*args, env=env)
    assert "Lỗi: Không có tùy chọn --nope" in err
    assert "Cách dùng: ggov-plan status" in err
    assert "Xem 'ggov-plan status -h' để biết cách dùng." in err
    assert "No such option" not in err


def test_missing_argument_in_vietnamese() -> None:
    # The argument is named as the Vietnamese --help shows it.
    assert "Lỗi: Thiếu đối số 'MÃ'." in _vi("activity", "cancel", "--lang", "vi")


def test_invalid_choice_in_vietnamese() -> None:
    err = _vi("progress", "--by", "tuần", "--lang", "vi")
    assert "Giá trị không hợp lệ cho '--by': 'tuần' không phải một trong các giá trị" in err


def test_extra_argument_in_vietnamese() -> None:
    assert "Lỗi: Thừa đối số không dùng đến (thừa)" in _vi("status", "thừa", "--lang", "vi")


def test_no_such_command_in_vietnamese() -> None:
    err = _vi("--lang", "vi", "stauts")
    assert "Không có lệnh 'stauts'. Có phải là 'status'?" in err


def test_option_needs_a_value_in_vietnamese() -> None:
    assert "Tùy chọn '--by' cần một giá trị đi kèm." in _vi("--lang", "vi", "progress", "--by")


def test_usage_errors_stay_english_in_english() -> None:
    result = cli("status", "--nope", "--lang", "en")
    assert result.exit_code == 2
    assert "Error: No such option: --nope" in result.stderr
    assert "Usage: ggov-plan status" in result.stderr


def test_no_arguments_still_prints_help() -> None:
    result = cli()
    assert result.exit_code == 2
    assert "Commands" in result.output


# --------------------------------------------------------------------------- interrupts


def test_interrupt_is_130_with_nothing_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = copy_plan(tmp_path)
    before = plan.read_bytes()

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("ggov_plan.write.journal.append", interrupted)
    result = cli("activity", "add", "--task", "v1-san-xuat-chuong-trinh", "--title", "X",
                 "--due", "2017-11-30", "-p", plan, "--lang", "vi")  # fmt: skip
    assert result.exit_code == EXIT_INTERRUPTED == 130
    assert result.stderr.strip() == "Đã dừng; không ghi gì vào kế hoạch."
    assert plan.read_bytes() == before


def test_130_is_documented() -> None:
    from ggov_plan.cli import shell

    assert "130" in (shell.__doc__ or "")
    assert "130" in ok("-h").stdout


def test_interrupt_message_in_both_languages() -> None:
    from ggov_plan.i18n import t

    with language("en"):
        assert t("shell.interrupted") == "Stopped; nothing was written to the plan."
    with language("vi"):
        assert t("shell.interrupted") == "Đã dừng; không ghi gì vào kế hoạch."
