"""One catalog, two languages: every key in both, and a Vietnamese run that is Vietnamese."""

from __future__ import annotations

import json
import re
import string
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ggov_plan import i18n
from ggov_plan.cli import app
from ggov_plan.text import vi_sort_key

ROOT = Path(__file__).resolve().parent.parent
TRACKED = ROOT / "examples" / "plan2017-tracked.toml"
ENV = {"GGOV_PLAN_TODAY": "2017-12-31", "COLUMNS": "200"}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(i18n.CATALOG))
def test_every_key_has_both_languages_with_the_same_fields(key: str) -> None:
    english, vietnamese = i18n.CATALOG[key]
    assert english.strip() and vietnamese.strip()
    assert _fields(english) == _fields(vietnamese)
    assert unicodedata.is_normalized("NFC", vietnamese)


def test_t_follows_the_current_language() -> None:
    assert i18n.t("row.total") == "Total"
    with i18n.language("vi"):
        assert i18n.t("row.total") == "Tổng cộng"
        assert i18n.t("track.progress_title", by="x", as_of="1") == "Tiến độ theo x tính đến ngày 1"
    assert i18n.current() == "en"


@pytest.mark.parametrize(
    ("option", "environ", "expected"),
    [
        ("vi", {"GGOV_PLAN_LANG": "en", "LANG": "en_US.UTF-8"}, "vi"),
        (None, {"GGOV_PLAN_LANG": "vi"}, "vi"),
        (None, {"GGOV_PLAN_LANG": "EN", "LANG": "vi_VN.UTF-8"}, "en"),
        (None, {"LANG": "vi_VN.UTF-8"}, "vi"),
        (None, {"LC_ALL": "vi_VN.UTF-8", "LANG": "en_US.UTF-8"}, "vi"),
        (None, {"LC_ALL": "C", "LANG": "vi_VN.UTF-8"}, "en"),
        (None, {}, "en"),
    ],
)
def test_the_language_comes_from_option_then_environment_then_locale(
    option: str | None, environ: dict[str, str], expected: str
) -> None:
    assert i18n.choose(option, environ) == expected


def test_an_unknown_language_is_refused_with_exit_2() -> None:
    result = CliRunner().invoke(app, ["status", "--lang", "fr", "-p", str(TRACKED)], env=ENV)
    assert result.exit_code == 2
    assert "'fr'" in result.stderr
    assert "Traceback" not in result.output


# Words of the English interface that must not appear in a Vietnamese run.
ENGLISH = re.compile(
    r"\b(Total|Budget|Progress|Activities|Source|Declared|Allocated|Spent|Remaining|"
    r"Overdue|planned|in progress|cancelled|As of|as of|Issued|Lead agency|Signed|"
    r"Agencies|Channels|Objectives|Indicators|Tasks|Due|Title|Completions|Overall|"
    r"valid|invalid|warnings?|errors?)\b"
)


@pytest.mark.parametrize(
    "args",
    [
        ["status", "--as-of", "2017-12-31"],
        ["show"],
        ["budget", "--as-of", "2017-12-31"],
        ["budget", "--by", "agency", "--as-of", "2017-12-31"],
        ["progress", "--as-of", "2017-12-31"],
        ["progress", "--by", "month", "--as-of", "2017-12-31"],
        ["activity", "list", "--as-of", "2017-12-31"],
        ["activity", "show", "so-tttt-tv01", "--as-of", "2017-12-31"],
    ],
    ids=" ".join,
)
def test_a_vietnamese_run_has_no_english_interface_words(args: list[str]) -> None:
    result = CliRunner().invoke(app, [*args, "--lang", "vi", "-p", str(TRACKED)], env=ENV)
    assert result.exit_code == 0, result.output
    found = ENGLISH.findall(result.stdout)
    assert found == [], found


def test_vietnamese_amounts_and_words_in_budget() -> None:
    result = CliRunner().invoke(
        app, ["budget", "--lang", "vi", "-p", str(ROOT / "data" / "plan2017.toml")], env=ENV
    )
    assert result.exit_code == 0, result.output
    assert "213.000.000" in result.stdout
    assert "Hai trăm mười ba triệu đồng" in result.stdout
    english = CliRunner().invoke(
        app, ["budget", "--lang", "en", "-p", str(ROOT / "data" / "plan2017.toml")], env=ENV
    )
    assert "213,000,000" in english.stdout
    assert "Hai trăm" not in english.stdout


def test_environment_variable_selects_vietnamese() -> None:
    result = CliRunner().invoke(
        app, ["status", "-p", str(TRACKED)], env={**ENV, "GGOV_PLAN_LANG": "vi"}
    )
    assert "Tổng cộng" in result.stdout
    assert "Total" not in result.stdout


def test_vietnamese_alphabetical_order() -> None:
    names = ["Sở TT&TT", "Đài PT-TH", "Báo Ấp Bắc", "Dự án", "Ăn", "An", "Âm", "Ưu", "Uông"]
    assert sorted(names, key=vi_sort_key) == [
        "An", "Ăn", "Âm", "Báo Ấp Bắc", "Dự án", "Đài PT-TH", "Sở TT&TT", "Uông", "Ưu",
    ]  # fmt: skip
    # Tones come after letters: ma mà mả mã má mạ.
    tones = ["mạ", "má", "mã", "mả", "mà", "ma"]
    assert sorted(tones, key=vi_sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]


def test_breakdowns_are_in_vietnamese_alphabetical_order() -> None:
    result = CliRunner().invoke(
        app, ["progress", "--by", "agency", "--json", "-p", str(TRACKED)], env=ENV
    )
    keys = [g["key"] for g in json.loads(result.stdout)["groups"]]
    assert keys == ["bao-ap-bac", "so-tttt"]  # Báo Ấp Bắc before Sở TT&TT
