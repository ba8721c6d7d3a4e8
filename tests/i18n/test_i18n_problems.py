"""Problem and error messages in both languages (catalog_problems).

The catalog is complete and well-formed; ``check`` on broken copies of the
real plan says the same problems in Vietnamese, with Vietnamese figures, under
``vi``, and exactly what it always said under ``en``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import string
import tomllib
import unicodedata
from pathlib import Path
from typing import get_args

import pytest

from conftest import PLAN_2017
from ggov_plan import i18n
from ggov_plan.cli.inputs import parse_amount, parse_date, parse_quantity
from ggov_plan.cli.names import _KINDS, resolve
from ggov_plan.i18n.catalog_problems import ENTRIES
from ggov_plan.i18n.message import text_of
from ggov_plan.plan.files import read_text
from ggov_plan.plan.model import COLLECTIONS, Kind, Record, field_specs
from ggov_plan.plan.parse import _toml_message, parse
from ggov_plan.plan.parse import parse_file as load
from ggov_plan.plan.rules import Context, validate
from ggov_plan.problems import PlanInvalid, PlanNotFound, Problem, Severity, UsageError
from ggov_plan.write import atomic, journal

#: Keys whose English and Vietnamese are the same text, and why. None so far:
#: a message that is only punctuation, ids or TOML does not need the catalog.
# Glue that only joins other worded values: the same in both languages.
SAME_IN_BOTH: dict[str, str] = {
    "record.named": "a record's noun and its id",
    "problem.value_unit": "a figure and its unit",
    "problem.then": "a phrase and what follows it",
    "journal.summary.activity": "an activity's figures; their words are in their parts",
    "journal.summary.indicator": "an indicator's figures; their words are in their parts",
}

TODAY = dt.date(2026, 1, 1)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


# --------------------------------------------------------------------------- the catalog


@pytest.mark.parametrize("key", sorted(ENTRIES))
def test_entry_has_both_languages_with_the_same_fields(key: str) -> None:
    english, vietnamese = ENTRIES[key]
    assert english.strip() and vietnamese.strip()
    assert _fields(english) == _fields(vietnamese)
    assert unicodedata.is_normalized("NFC", vietnamese)
    assert unicodedata.is_normalized("NFC", english)
    if key in SAME_IN_BOTH:
        assert english == vietnamese
    else:
        assert english != vietnamese


def test_allow_list_names_only_catalog_keys() -> None:
    assert set(SAME_IN_BOTH) <= set(ENTRIES)


def test_keys_are_namespaced() -> None:
    namespaces = {
        *("record", "problem", "read", "load", "toml", "rule", "names", "journal", "plan"),
        *("input", "atomic", "period"),
    }
    assert {key.split(".")[0] for key in ENTRIES} <= namespaces


def test_every_record_with_an_id_and_every_reference_target_has_a_name() -> None:
    records: list[type[Record]] = [cls for _, cls, _ in COLLECTIONS]
    keys = {cls.key for cls in records if "id" in field_specs(cls)} | {"budget.source"}
    for cls in records:
        keys |= {spec.ref for spec in field_specs(cls).values() if spec.ref}
    assert {f"record.{key}" for key in keys} <= set(ENTRIES)


def test_every_kind_has_a_word_and_every_names_kind_a_noun() -> None:
    assert {f"load.kind.{kind}" for kind in get_args(Kind)} <= set(ENTRIES)
    assert {f"names.kind.{kind.split('.')[-1]}" for kind in _KINDS} <= set(ENTRIES)


# tomllib's messages: the English entries are tomllib's own words, so English
# output is unchanged; each is translated under vi.
BROKEN_TOML = [
    "a = 1 b",
    "a 1",
    "a = ",
    'a = "x',
    "[t\n",
    "[[t\n",
    "a = [1, 2",
    "a = {b = 1",
    "a = 1\na = 2",
    "[t]\n[t]",
    "a = 1979-13-01",
    "[a = 1",
    'a = "\\x"',
    "a = {b = 1, b = 2}",
    "= 1",
    'a = "\\uD800"',
    'a = "\\uZZZZ"',
    "a = [1]\n[[a]]",
    "a = '''x",
    "a = 'x\x01'",
    'a = "x\x7f"',
    "a = 1979-02-30",
    "a = {.b = 1}",
    "[a.b]\n[a]\nb.c = 1",
]


@pytest.mark.parametrize("text", BROKEN_TOML)
def test_tomllib_messages_are_kept_in_english_and_translated_in_vietnamese(text: str) -> None:
    with pytest.raises(tomllib.TOMLDecodeError) as raised:
        tomllib.loads(text)
    raw = str(raised.value).split(" (at ")[0]
    raw = raw[:1].lower() + raw[1:]
    # The core keeps a message, worded in either language when shown.
    assert text_of(_toml_message(raw), "en") == raw
    translated = text_of(_toml_message(raw), "vi")
    assert translated != raw, f"tomllib message not in the catalog: {raw!r}"


def test_tomllib_keys_are_shown_as_the_file_writes_them_in_vietnamese() -> None:
    message = _toml_message("cannot declare ('a', 'b') twice")
    assert text_of(message, "en") == "cannot declare ('a', 'b') twice"
    assert text_of(message, "vi") == "không được khai báo 'a.b' hai lần"


# --------------------------------------------------------------------------- check, both ways


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = PLAN_2017.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / "plan2017.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def _problem(path: Path, code: str, lang: i18n.Lang) -> Problem:
    """The one problem ``code`` of the plan, worded in ``lang`` as a reader sees it."""
    problems = validate(parse(path.read_text(encoding="utf-8"), str(path)), Context(TODAY))
    found = [p for p in problems if p.code == code]
    assert len(found) == 1, problems
    return dataclasses.replace(found[0], what=found[0].message_in(lang), how=found[0].hint_in(lang))


#: name → (text replaced, replacement, code, English message, English hint,
#: Vietnamese message, Vietnamese hint)
BROKEN_PLANS = {
    "budget-sum": (
        "amount = 50_000_000",
        "amount = 40_000_000",
        "budget-sum",
        "the funding sources add up to 163,000,000 + 40,000,000 = 203,000,000 VND, "
        "but the budget total is 213,000,000 VND",
        "correct the total or the source amounts so that they agree",
        "các nguồn kinh phí cộng lại được 163.000.000 + 40.000.000 = 203.000.000 đ, "
        "nhưng tổng kinh phí là 213.000.000 đ",
        "sửa tổng kinh phí hoặc số tiền của các nguồn cho khớp nhau",
    ),
    "unknown-reference": (
        'partners = ["ban-tuyen-giao"]',
        'partners = ["ban-tuyen-giao-tinh"]',
        "unknown-reference",
        "task 'v1-giao-ban-bao-chi': 'partners' names agency 'ban-tuyen-giao-tinh', "
        "which is not declared",
        "did you mean 'ban-tuyen-giao'?",
        "nhiệm vụ 'v1-giao-ban-bao-chi': 'partners' ghi cơ quan 'ban-tuyen-giao-tinh', "
        "chưa được khai báo",
        "có phải ý bạn là 'ban-tuyen-giao'?",
    ),
    "syntax": (
        "issued = 2017-08-18",
        "issued 2017-08-18",
        "syntax",
        "TOML syntax: expected '=' after a key in a key/value pair",
        "fix the TOML at this position (TOML syntax: https://toml.io/en/v1.0.0)",
        "lỗi cú pháp TOML: thiếu '=' sau tên khóa trong cặp khóa = giá trị",
        "sửa TOML tại vị trí này (cú pháp TOML: https://toml.io/en/v1.0.0)",
    ),
    "missing-key": (
        'section = "V.1"\nagency = "so-tttt"\npartners = ["ban-tuyen-giao"]',
        'section = "V.1"\npartners = ["ban-tuyen-giao"]',
        "missing-key",
        "[[task]] 'v1-giao-ban-bao-chi' has no 'agency' (Lead agency)",
        "add `agency = …` to this table",
        "[[task]] 'v1-giao-ban-bao-chi' thiếu khóa 'agency'",
        "thêm `agency = …` vào bảng này",
    ),
    "wrong-type": (
        "amount = 50_000_000",
        'amount = "50.000.000"',
        "wrong-type",
        "[[budget.source]] 'xa-hoi-hoa': 'amount' must be a whole number of đồng, "
        "not the string '50.000.000'",
        "write whole đồng with no separators or quotes, e.g. 213000000 or 213_000_000",
        "[[budget.source]] 'xa-hoi-hoa': 'amount' phải là một số đồng nguyên, "
        "không phải chuỗi '50.000.000'",
        "ghi số đồng nguyên, không dấu phân cách, không ngoặc kép, "
        "ví dụ 213000000 hoặc 213_000_000",
    ),
    "unknown-key": (
        "amount = 50_000_000",
        "amount = 50_000_000\namout = 1",
        "unknown-key",
        "unknown key 'amout' in [[budget.source]]",
        "did you mean 'amount'?",
        "khóa 'amout' không hợp lệ ở [[budget.source]]",
        "có phải ý bạn là 'amount'?",
    ),
}


@pytest.mark.parametrize("name", sorted(BROKEN_PLANS))
def test_check_speaks_vietnamese(tmp_path: Path, name: str) -> None:
    old, new, code, _, _, message, hint = BROKEN_PLANS[name]
    problem = _problem(_broken(tmp_path, old, new), code, "vi")
    assert (problem.message, problem.hint) == (message, hint)


@pytest.mark.parametrize("name", sorted(BROKEN_PLANS))
def test_check_in_english_is_unchanged(tmp_path: Path, name: str) -> None:
    old, new, code, message, hint, _, _ = BROKEN_PLANS[name]
    problem = _problem(_broken(tmp_path, old, new), code, "en")
    assert (problem.message, problem.hint) == (message, hint)


@pytest.mark.parametrize("name", sorted(BROKEN_PLANS))
def test_one_problem_is_worded_in_either_language_when_shown(tmp_path: Path, name: str) -> None:
    # The core finds a problem once; the words are chosen where it is shown,
    # whatever language was current when it was found (the cache relies on it).
    old, new, code, message, hint, vi_message, vi_hint = BROKEN_PLANS[name]
    path = _broken(tmp_path, old, new)
    with i18n.language("vi"):
        problems = validate(parse(path.read_text(encoding="utf-8"), str(path)), Context(TODAY))
    (problem,) = [p for p in problems if p.code == code]
    assert (problem.message_in("en"), problem.hint_in("en")) == (message, hint)
    assert (problem.message_in("vi"), problem.hint_in("vi")) == (vi_message, vi_hint)
    with i18n.language("vi"):
        assert (problem.message, problem.hint) == (vi_message, vi_hint)


def test_location_code_and_path_do_not_depend_on_the_language(tmp_path: Path) -> None:
    path = _broken(tmp_path, "amount = 50_000_000", "amount = 40_000_000")
    english = _problem(path, "budget-sum", "en")
    vietnamese = _problem(path, "budget-sum", "vi")
    assert (english.code, english.line, english.column, english.path) == (
        vietnamese.code,
        vietnamese.line,
        vietnamese.column,
        vietnamese.path,
    )


def test_money_and_figures_in_rule_messages_are_grouped_the_vietnamese_way(
    tmp_path: Path,
) -> None:
    path = _broken(tmp_path, "amount = 50_000_000", "amount = -50_000_000")
    assert _problem(path, "negative-amount", "en").message == (
        "budget.source 'xa-hoi-hoa': 'amount' is -50000000 đồng; it cannot be negative"
    )
    assert _problem(path, "negative-amount", "vi").message == (
        "nguồn kinh phí 'xa-hoi-hoa': 'amount' là -50.000.000 đồng; giá trị này không được âm"
    )


def test_the_real_plan_is_still_clean_apart_from_its_printed_figures() -> None:
    problems = validate(load(PLAN_2017), Context(TODAY))
    assert [p.code for p in problems] == ["indicator-sum"]
    assert problems[0].message_in("vi") == (
        "chỉ tiêu 'dvc-muc-do-3': các phần cộng lại được 318 + 370 = 688, không phải 795"
    )


# --------------------------------------------------------------------------- errors raised


def test_missing_file_in_vietnamese(tmp_path: Path) -> None:
    missing = tmp_path / "missing.toml"
    with pytest.raises(PlanNotFound) as raised:
        read_text(missing)
    with i18n.language("vi"):
        assert raised.value.message == f"{missing}: không có tệp"
        assert raised.value.hint == "kiểm tra lại đường dẫn, hoặc dùng --plan PATH"


def test_names_and_ids_in_vietnamese() -> None:
    plan = load(PLAN_2017).plan
    assert plan is not None
    with i18n.language("vi"), pytest.raises(UsageError) as raised:
        resolve(plan, "budget.source", "khong-co", "--source")
    assert raised.value.message == "--source: kế hoạch không có nguồn kinh phí 'khong-co'"
    assert raised.value.hint == "các mã hiện có: ngan-sach-tinh, xa-hoi-hoa"
    with pytest.raises(UsageError) as raised:
        journal.check_new_id("mã sai", "--id")
    with i18n.language("vi"):
        assert raised.value.message == "--id: 'mã sai' không phải là mã hợp lệ"


def test_plan_invalid_in_both_languages() -> None:
    problem = Problem(Severity.ERROR, "syntax", "x", "plan.toml")
    assert PlanInvalid("plan.toml", [problem]).message == (
        "plan.toml: 1 error(s); the plan must pass `ggov-plan check` first"
    )
    with i18n.language("vi"):
        message = PlanInvalid("plan.toml", [problem]).message
    assert message == "plan.toml: có 1 lỗi; kế hoạch phải qua được `ggov-plan check` trước đã"


# --------------------------------------------------------------------------- input and writes


def test_dates_in_messages_follow_the_language() -> None:
    assert i18n.date_text(dt.date(2017, 12, 31)) == "2017-12-31"
    with i18n.language("vi"):
        assert i18n.date_text(dt.date(2017, 8, 1)) == "01/08/2017"


def _usage(call: object, *args: str) -> tuple[str, str]:
    with pytest.raises(UsageError) as raised:
        call(*args)  # type: ignore[operator]
    return raised.value.message, raised.value.hint


INPUT_ERRORS = [
    # (parser, text, English message, Vietnamese message, Vietnamese hint)
    (parse_date, "2017-02-29", "date: '2017-02-29' is not a real date (day is out of range "
     "for month)", "ngày: '2017-02-29' không phải là ngày hợp lệ (tháng 2/2017 chỉ có 28 "
     "ngày)", "kiểm tra lại ngày và tháng"),
    (parse_date, "0000-01-01", "date: '0000-01-01' is not a real date (year 0 is out of range)",
     "ngày: '0000-01-01' không phải là ngày hợp lệ (năm phải từ 1 đến 9999)",
     "kiểm tra lại ngày và tháng"),
    (parse_amount, "", "amount: '' is empty", "số tiền: '' đang để trống",
     "ghi số đồng nguyên, ví dụ 20000000, 20.000.000, 20,000,000 hoặc 20 triệu; "
     "số thập phân phải có đơn vị đi kèm: 1,5 triệu, 2.5 tỷ, 500 nghìn"),
    (parse_amount, "-5", "amount: '-5' is negative", "số tiền: '-5' là số âm",
     "số tiền phải từ 0 trở lên"),
    (parse_amount, "1.500 triệu", "amount: '1.500 triệu' is ambiguous: 1500 triệu or "
     "1,5 triệu?", "số tiền: '1.500 triệu' chưa rõ nghĩa: là 1500 triệu hay 1,5 triệu?",
     "ghi 1500 triệu, hoặc 1,5 triệu nếu là số thập phân"),
    (parse_amount, "20 triệu USD", "amount: '20 triệu USD' is not an amount of money",
     "số tiền: '20 triệu USD' không phải là số tiền",
     "ghi số đồng nguyên, ví dụ 20000000, 20.000.000, 20,000,000 hoặc 20 triệu; "
     "số thập phân phải có đơn vị đi kèm: 1,5 triệu, 2.5 tỷ, 500 nghìn"),
    (parse_amount, "1000001 tỷ", "amount: '1000001 tỷ' is more than 1.000.000.000.000.000 đồng",
     "số tiền: '1000001 tỷ' vượt quá 1.000.000.000.000.000 đồng",
     "kiểm tra lại số chữ số 0: chỉ nhận tối đa 1.000.000.000.000.000 đồng (một triệu tỷ)"),
    (parse_quantity, "2,5", "quantity: '2,5' is not a whole number of 1 or more",
     "số lượng: '2,5' không phải là số nguyên từ 1 trở lên", "ví dụ 1, 2 hoặc 10"),
]  # fmt: skip


@pytest.mark.parametrize(("parser", "text", "english", "message", "hint"), INPUT_ERRORS)
def test_input_errors_in_both_languages(
    parser: object, text: str, english: str, message: str, hint: str
) -> None:
    assert _usage(parser, text)[0] == english
    with i18n.language("vi"):
        assert _usage(parser, text) == (message, hint)


def test_write_errors_in_both_languages(tmp_path: Path) -> None:
    denied = OSError(errno.EACCES, "Permission denied")
    error = atomic._cannot_write(tmp_path / "a.md", denied)
    assert (error.message, error.hint) == (
        f"{tmp_path / 'a.md'}: cannot write: permission denied",
        "check the folder's permissions and free space",
    )
    with i18n.language("vi"):
        error = atomic._cannot_write(tmp_path / "a.md", denied)
        assert (error.message, error.hint) == (
            f"{tmp_path / 'a.md'}: không ghi được: không có quyền ghi",
            "kiểm tra quyền ghi vào thư mục và dung lượng trống",
        )
        # An error without Vietnamese words keeps the system's own.
        odd = atomic._cannot_write(tmp_path / "a.md", OSError(errno.EXDEV, "Cross-device link"))
        assert odd.message == f"{tmp_path / 'a.md'}: không ghi được: cross-device link"
        with pytest.raises(UsageError) as raised:
            atomic.write_new(tmp_path / "x" / "a.toml", b"")
        assert raised.value.message == (
            f"{tmp_path / 'x' / 'a.toml'}: không có thư mục {tmp_path / 'x'}; chưa ghi gì vào tệp"
        )
