"""Every problem `check` reports, each from a plan broken in exactly one place.

Each test starts from the minimal plan of conftest.py, breaks one thing by
string replacement or by appending records, and asserts the code, the
severity, the line (computed from the text) and the values named.
"""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import MINIMAL_PLAN, PLAN_2017, check_text, line_of
from ggov_plan.plan.parse import parse
from ggov_plan.plan.parse import parse_file as load
from ggov_plan.plan.rules import Context, budget_sums, validate
from ggov_plan.problems import Problem, Severity

ERROR = Severity.ERROR
WARNING = Severity.WARNING

ACTIVITY = """
[[activity]]
id = "a1"
task = "t1"
title = "Phóng sự truyền hình"
target = 2
cost = 40_000_000
source = "ngan-sach"
"""

COMPLETION = """
[[completion]]
id = "c1"
activity = "a1"
date = 2017-09-20
spent = 20_000_000
"""


def replace(old: str, new: str, text: str = MINIMAL_PLAN) -> str:
    """``text`` with the one occurrence of ``old`` replaced: fails if there is not exactly one."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, problems
    return problems[0]


# --------------------------------------------------------------------------- baseline


def test_minimal_plan_has_no_problem(minimal_plan_text: str) -> None:
    assert check_text(minimal_plan_text) == []


def test_minimal_plan_with_a_journal_has_no_problem() -> None:
    assert check_text(MINIMAL_PLAN + ACTIVITY + COMPLETION) == []


# --------------------------------------------------------------------------- structure


def test_missing_key_in_a_table_is_reported_at_the_table() -> None:
    text = replace('place = "Tiền Giang"\n', "")
    problem = only(check_text(text))
    assert (problem.code, problem.severity) == ("missing-key", ERROR)
    assert (problem.line, problem.column) == (line_of(text, "[plan]"), 1)
    assert problem.path == "plan"
    assert problem.message == "[plan] has no 'place' (Place name of the place-date line)"
    assert problem.hint == "add `place = …` to this table"


def test_missing_key_in_an_array_element_names_its_id() -> None:
    text = replace('text = "Phối hợp tuyên truyền về dịch vụ công trực tuyến."\n', "")
    problem = only(check_text(text))
    assert (problem.code, problem.severity) == ("missing-key", ERROR)
    assert problem.line == line_of(text, "[[task]]")
    assert problem.path == "task[0]"
    assert problem.message == "[[task]] 't1' has no 'text' (The bullet, verbatim)"


def test_missing_format_key() -> None:
    text = replace("format = 1\n", "")
    problem = only(check_text(text))
    assert (problem.code, problem.severity) == ("missing-key", ERROR)
    assert problem.message == "missing key 'format' at the top of the file"
    assert problem.hint == "add `format = 1` before the first table"


def test_missing_budget_table() -> None:
    text = MINIMAL_PLAN[: MINIMAL_PLAN.index("[budget]")]
    problem = only(check_text(text))
    assert (problem.code, problem.severity) == ("missing-key", ERROR)
    assert problem.message == "missing table [budget]"


def test_wrong_type_float_money() -> None:
    text = replace("total = 200_000_000", "total = 200000000.0")
    problem = only(check_text(text))
    assert (problem.code, problem.severity) == ("wrong-type", ERROR)
    assert (problem.line, problem.column) == (line_of(text, "total = 200000000.0"), 1)
    assert problem.path == "budget.total"
    assert problem.message == (
        "[budget]: 'total' must be a whole number of đồng, not the decimal number 200000000.0"
    )
    assert "213_000_000" in problem.hint


def test_wrong_type_quoted_date() -> None:
    text = replace("issued = 2017-08-18", 'issued = "18/08/2017"')
    problem = only(check_text(text))
    assert (problem.code, problem.severity) == ("wrong-type", ERROR)
    assert problem.line == line_of(text, "issued =")
    assert problem.path == "plan.issued"
    assert problem.message == "[plan]: 'issued' must be a date, not the string '18/08/2017'"
    assert problem.hint == (
        "write a TOML date with no quotes, in year-month-day order, e.g. 2017-08-18"
    )


def test_wrong_type_string_where_a_list_is_expected() -> None:
    text = replace('partners = ["dai-ptth"]', 'partners = "dai-ptth"')
    problem = only(check_text(text))
    assert (problem.code, problem.severity) == ("wrong-type", ERROR)
    assert problem.line == line_of(text, "partners =")
    assert problem.path == "task[0].partners"
    assert problem.message == (
        "[[task]] 't1': 'partners' must be a list of ids, not the string 'dai-ptth'"
    )


def test_wrong_type_table_where_an_array_of_tables_is_expected() -> None:
    text = replace("[[task]]", "[task]")
    problem = only(check_text(text))
    assert (problem.code, problem.severity) == ("wrong-type", ERROR)
    assert problem.line == line_of(text, "[task]")
    assert problem.message == "'task' must be an array of tables, written [[task]]"


def test_unknown_key_with_did_you_mean() -> None:
    text = replace('id = "t1"\n', 'id = "t1"\nsectoin = "V.1"\n')
    problem = only(check_text(text))
    assert (problem.code, problem.severity) == ("unknown-key", ERROR)
    assert (problem.line, problem.column) == (line_of(text, "sectoin ="), 1)
    assert problem.path == "task[0].sectoin"
    assert problem.message == "unknown key 'sectoin' in [[task]]"
    assert problem.hint == "did you mean 'section'?"


def test_unknown_key_without_a_close_match_lists_the_allowed_keys() -> None:
    text = replace("total = 200_000_000\n", "total = 200_000_000\nzzz = 1\n")
    problem = only(check_text(text))
    assert problem.code == "unknown-key"
    assert problem.line == line_of(text, "zzz =")
    assert problem.message == "unknown key 'zzz' in [budget]"
    assert problem.hint == "allowed keys: total, total_in_words, text, source"


def test_unknown_top_level_table() -> None:
    text = MINIMAL_PLAN + '\n[tasks]\nid = "t2"\n'
    problem = only(check_text(text))
    assert (problem.code, problem.severity) == ("unknown-key", ERROR)
    assert problem.line == line_of(text, "[tasks]")
    assert problem.message == "unknown key 'tasks' in the top level"
    assert problem.hint == "did you mean 'task'?"


def test_unknown_top_level_array_of_tables_has_a_line() -> None:
    text = MINIMAL_PLAN + '\n[[tasks]]\nid = "t2"\n'
    problem = only(check_text(text))
    assert problem.code == "unknown-key"
    assert problem.message == "unknown key 'tasks' in the top level"
    assert problem.line == line_of(text, "[[tasks]]")


def test_bad_id() -> None:
    text = replace('id = "t1"', 'id = "Nhiệm vụ 1"')
    problem = only(check_text(text))
    assert (problem.code, problem.severity) == ("bad-id", ERROR)
    assert problem.line == line_of(text, 'id = "Nhiệm vụ 1"')
    assert problem.path == "task[0].id"
    assert problem.message == (
        "[[task]] 'Nhiệm vụ 1': id 'Nhiệm vụ 1' may hold only ASCII letters, digits, "
        "'-', '_' and '.'"
    )
    assert problem.hint == "write it without spaces or diacritics, e.g. 'nhiem-vu-1'"


def test_empty_value() -> None:
    text = replace('text = "Phối hợp tuyên truyền về dịch vụ công trực tuyến."', 'text = "   "')
    problem = only(check_text(text))
    assert (problem.code, problem.severity) == ("empty-value", ERROR)
    assert problem.line == line_of(text, 'text = "   "')
    assert problem.path == "task[0].text"
    assert problem.message == "[[task]] 't1': 'text' is empty"


def test_bad_value_indicator_qualifier() -> None:
    text = MINIMAL_PLAN + (
        '\n[[indicator]]\nid = "i1"\nlabel = "Dịch vụ công mức độ 2"\nvalue = 1500\n'
        'qualifier = "more than"\n'
    )
    problem = only(check_text(text))
    assert (problem.code, problem.severity) == ("bad-value", ERROR)
    assert problem.line == line_of(text, "qualifier =")
    assert problem.path == "indicator[0].qualifier"
    assert problem.message == (
        "[[indicator]] 'i1': 'qualifier' is 'more than', not one of "
        "'exactly', 'more-than', 'at-least', 'at-most', 'less-than'"
    )
    assert problem.hint == "did you mean 'more-than'?"


@pytest.mark.parametrize(("written", "shown"), [("2", "2"), ("true", "True"), ('"1"', "'1'")])
def test_format_version(written: str, shown: str) -> None:
    text = replace("format = 1", f"format = {written}")
    problem = only(check_text(text))
    assert (problem.code, problem.severity) == ("format-version", ERROR)
    assert (problem.line, problem.column) == (1, 1)
    assert problem.path == "format"
    assert problem.message == f"format {shown} is not one this version of ggov-plan reads"


def test_format_version_decimal_is_refused() -> None:
    text = replace("format = 1", "format = 1.0")
    problem = only(check_text(text))
    assert problem.code in ("format-version", "wrong-type")
    assert problem.line == 1


# --------------------------------------------------------------------------- rules


def test_duplicate_id() -> None:
    text = MINIMAL_PLAN + '\n[[agency]]\nid = "so-tttt"\nname = "Sở khác"\n'
    problem = only(check_text(text))
    assert (problem.code, problem.severity) == ("duplicate-id", ERROR)
    assert problem.line == line_of(text, "[[agency]]", 4)
    assert problem.path == "agency[3].id"
    first = line_of(text, "[[agency]]", 2)
    assert problem.message == f"agency id 'so-tttt' is used twice; first at line {first}"


def test_duplicate_funding_source_id() -> None:
    text = replace('id = "xa-hoi-hoa"', 'id = "ngan-sach"')
    problems = check_text(text)
    assert [(p.code, p.line) for p in problems] == [
        ("duplicate-id", line_of(text, "[[budget.source]]", 2))
    ]
    first = line_of(text, "[[budget.source]]", 1)
    assert problems[0].message == (
        f"budget.source id 'ngan-sach' is used twice; first at line {first}"
    )


def test_unknown_reference_is_reported_at_its_table() -> None:
    text = replace('\nagency = "so-tttt"', '\nagency = "so-ttt"')
    problem = only(check_text(text))
    assert (problem.code, problem.severity) == ("unknown-reference", ERROR)
    assert (problem.line, problem.column) == (line_of(text, "[[task]]"), 1)
    assert problem.path == "task[0].agency"
    assert problem.message == ("task 't1': 'agency' names agency 'so-ttt', which is not declared")
    assert problem.hint == "did you mean 'so-tttt'?"


def test_unknown_reference_in_a_list_and_in_the_header() -> None:
    text = replace('partners = ["dai-ptth"]', 'partners = ["dai-ptth", "zz"]')
    text = replace('reports_to = "ubnd"', 'reports_to = "quoc-hoi"', text)
    problems = check_text(text)
    assert [(p.code, p.line, p.path) for p in problems] == [
        ("unknown-reference", line_of(text, "[plan]"), "plan.reports_to"),
        ("unknown-reference", line_of(text, "[[task]]"), "task[0].partners"),
    ]
    assert problems[0].message == (
        "[plan]: 'reports_to' names agency 'quoc-hoi', which is not declared"
    )
    assert problems[0].hint == (
        "declare it in a [[agency]] table, or use one of: dai-ptth, so-tttt, ubnd"
    )
    assert problems[1].message == ("task 't1': 'partners' names agency 'zz', which is not declared")


def test_budget_sum_names_both_numbers() -> None:
    text = replace("total = 200_000_000", "total = 210_000_000")
    problem = only(check_text(text))
    assert (problem.code, problem.severity) == ("budget-sum", ERROR)
    assert problem.line == line_of(text, "[budget]")
    assert problem.path == "budget.total"
    assert problem.message == (
        "the funding sources add up to 150,000,000 + 50,000,000 = 200,000,000 VND, "
        "but the budget total is 210,000,000 VND"
    )


def test_indicator_sum_is_a_warning_naming_both_numbers() -> None:
    text = MINIMAL_PLAN + (
        '\n[[indicator]]\nid = "i1"\nlabel = "Dịch vụ công mức độ 3"\nvalue = 10\n'
        '\n[[indicator.part]]\nlabel = "Cấp sở"\nvalue = 3\n'
        '\n[[indicator.part]]\nlabel = "Cấp huyện"\nvalue = 4\n'
    )
    problem = only(check_text(text))
    assert (problem.code, problem.severity) == ("indicator-sum", WARNING)
    assert problem.line == line_of(text, "[[indicator]]")
    assert problem.path == "indicator[0].value"
    assert problem.message == "indicator 'i1': its parts add up to 3 + 4 = 7, not 10"


def test_indicator_parts_that_add_up_are_fine() -> None:
    text = MINIMAL_PLAN + (
        '\n[[indicator]]\nid = "i1"\nlabel = "x"\nvalue = 7\n'
        '\n[[indicator.part]]\nlabel = "a"\nvalue = 3\n'
        '\n[[indicator.part]]\nlabel = "b"\nvalue = 4\n'
    )
    assert check_text(text) == []


def test_date_order_issued_after_start() -> None:
    text = replace("issued = 2017-08-18", "issued = 2017-09-01")
    problem = only(check_text(text))
    assert (problem.code, problem.severity) == ("date-order", ERROR)
    assert problem.line == line_of(text, "[plan]")
    assert problem.path == "plan.start"
    assert problem.message == ("the plan starts on 2017-08-18 but is issued on 2017-09-01, later")


def test_date_order_start_after_end() -> None:
    text = replace("end = 2017-12-31", "end = 2017-08-01")
    problem = only(check_text(text))
    assert (problem.code, problem.severity) == ("date-order", ERROR)
    assert problem.line == line_of(text, "[plan]")
    assert problem.path == "plan.end"
    assert problem.message == "the plan ends on 2017-08-01, before it starts on 2017-08-18"


def test_date_order_legal_basis_after_the_plan_is_a_warning() -> None:
    text = MINIMAL_PLAN + (
        '\n[[legal_basis]]\nid = "qd-1"\nkind = "Quyết định"\nnumber = "1/QĐ"\n'
        'date = 2017-09-01\nissuer = "ubnd"\nsubject = "về việc thử"\n'
    )
    problem = only(check_text(text))
    assert (problem.code, problem.severity) == ("date-order", WARNING)
    assert problem.line == line_of(text, "[[legal_basis]]")
    assert problem.path == "legal_basis[0].date"
    assert problem.message == (
        "legal basis 'qd-1' is dated 2017-09-01, after the plan itself (2017-08-18)"
    )


def test_legal_basis_on_the_day_of_issue_is_fine() -> None:
    text = MINIMAL_PLAN + (
        '\n[[legal_basis]]\nid = "qd-1"\nkind = "Quyết định"\nnumber = "1/QĐ"\n'
        'date = 2017-08-18\nissuer = "ubnd"\nsubject = "về việc thử"\n'
    )
    assert check_text(text) == []


def test_negative_amount_money() -> None:
    text = MINIMAL_PLAN + replace("cost = 40_000_000", "cost = -5_000_000", ACTIVITY)
    problem = only(check_text(text))
    assert (problem.code, problem.severity) == ("negative-amount", ERROR)
    assert problem.line == line_of(text, "[[activity]]")
    assert problem.path == "activity[0].cost"
    assert problem.message == "activity 'a1': 'cost' is -5000000 đồng; it cannot be negative"


def test_negative_amount_quantity() -> None:
    text = MINIMAL_PLAN + ACTIVITY + replace("spent = 20_000_000", "quantity = -1", COMPLETION)
    problem = only(check_text(text))
    assert (problem.code, problem.severity) == ("negative-amount", ERROR)
    assert problem.line == line_of(text, "[[completion]]")
    assert problem.path == "completion[0].quantity"
    assert problem.message == "completion 'c1': 'quantity' is -1; it cannot be negative"


def test_zero_quantity_activity_target() -> None:
    text = MINIMAL_PLAN + replace("target = 2", "target = 0", ACTIVITY)
    problem = only(check_text(text))
    assert (problem.code, problem.severity) == ("zero-quantity", ERROR)
    assert problem.line == line_of(text, "[[activity]]")
    assert problem.path == "activity[0].target"
    assert problem.message == "activity 'a1': target is 0"


def test_zero_quantity_completion() -> None:
    text = MINIMAL_PLAN + ACTIVITY + replace("spent = 20_000_000", "quantity = 0", COMPLETION)
    problem = only(check_text(text))
    assert (problem.code, problem.severity) == ("zero-quantity", ERROR)
    assert problem.line == line_of(text, "[[completion]]")
    assert problem.path == "completion[0].quantity"
    assert problem.message == "completion 'c1': quantity is 0"


def test_future_date_completion() -> None:
    text = MINIMAL_PLAN + ACTIVITY + COMPLETION
    problem = only(check_text(text, today=dt.date(2017, 9, 19)))
    assert (problem.code, problem.severity) == ("future-date", ERROR)
    assert problem.line == line_of(text, "[[completion]]")
    assert problem.path == "completion[0].date"
    assert problem.message == "completion 'c1' is dated 2017-09-20, after today (2017-09-19)"


def test_completion_dated_today_is_not_in_the_future() -> None:
    assert check_text(MINIMAL_PLAN + ACTIVITY + COMPLETION, today=dt.date(2017, 9, 20)) == []


def test_future_date_cancellation() -> None:
    text = (
        MINIMAL_PLAN
        + ACTIVITY
        + ('\n[[cancellation]]\nactivity = "a1"\ndate = 2017-10-02\nreason = "Gộp"\n')
    )
    problem = only(check_text(text, today=dt.date(2017, 10, 1)))
    assert (problem.code, problem.severity) == ("future-date", ERROR)
    assert problem.line == line_of(text, "[[cancellation]]")
    assert problem.message == "[cancellation] is dated 2017-10-02, after today (2017-10-01)"


@pytest.mark.parametrize("date", ["2017-08-17", "2018-01-01"])
def test_outside_period_is_a_warning(date: str) -> None:
    text = MINIMAL_PLAN + ACTIVITY + replace("date = 2017-09-20", f"date = {date}", COMPLETION)
    problem = only(check_text(text))
    assert (problem.code, problem.severity) == ("outside-period", WARNING)
    assert problem.line == line_of(text, "[[completion]]")
    assert problem.path == "completion[0].date"
    assert problem.message == (
        f"completion 'c1' is dated {date}, outside the plan period 2017-08-18 – 2017-12-31"
    )


@pytest.mark.parametrize("date", ["2017-08-18", "2017-12-31"])
def test_plan_period_bounds_are_inside(date: str) -> None:
    text = MINIMAL_PLAN + ACTIVITY + replace("date = 2017-09-20", f"date = {date}", COMPLETION)
    assert check_text(text) == []


SECOND_ACTIVITY = """
[[activity]]
id = "a2"
task = "t1"
title = "Chuyên trang báo"
cost = 120_000_000
source = "ngan-sach"
"""


def test_over_allocated_is_an_error_at_the_first_activity() -> None:
    text = MINIMAL_PLAN + ACTIVITY + SECOND_ACTIVITY
    problem = only(check_text(text))
    assert (problem.code, problem.severity) == ("over-allocated", ERROR)
    assert problem.line == line_of(text, "[[activity]]", 1)
    assert problem.path == "activity[0].cost"
    assert "160,000,000" in problem.message  # 40,000,000 + 120,000,000
    assert "150,000,000" in problem.message
    assert "'ngan-sach'" in problem.message


def test_allocating_exactly_the_source_is_fine() -> None:
    text = (
        MINIMAL_PLAN
        + ACTIVITY
        + replace("cost = 120_000_000", "cost = 110_000_000", SECOND_ACTIVITY)
    )
    assert check_text(text) == []


def test_over_spent_is_a_warning_at_the_completion() -> None:
    # The completion names its own source, which the activity does not use.
    text = (
        MINIMAL_PLAN
        + ACTIVITY
        + replace("spent = 20_000_000", 'spent = 60_000_000\nsource = "xa-hoi-hoa"', COMPLETION)
    )
    problem = only(check_text(text))
    assert (problem.code, problem.severity) == ("over-spent", WARNING)
    assert problem.line == line_of(text, "[[completion]]")
    assert problem.path == "completion[0].spent"
    assert "60,000,000" in problem.message
    assert "50,000,000" in problem.message
    assert "'xa-hoi-hoa'" in problem.message


def test_over_spent_falls_back_to_the_activitys_source() -> None:
    text = (
        MINIMAL_PLAN + ACTIVITY + replace("spent = 20_000_000", "spent = 151_000_000", COMPLETION)
    )
    problem = only(check_text(text))
    assert problem.code == "over-spent"
    assert "'ngan-sach'" in problem.message
    assert "151,000,000" in problem.message


def test_voided_spending_is_not_over_spent() -> None:
    text = (
        MINIMAL_PLAN
        + ACTIVITY
        + replace("spent = 20_000_000", "spent = 151_000_000", COMPLETION)
        + '\n[[void]]\ncompletion = "c1"\nreason = "Ghi nhầm"\n'
    )
    assert check_text(text) == []


@pytest.mark.parametrize("code", ["over-allocated", "over-spent"])
def test_over_budget_messages_name_the_unit_once(code: str) -> None:
    if code == "over-allocated":
        text = MINIMAL_PLAN + ACTIVITY + SECOND_ACTIVITY
    else:
        text = (
            MINIMAL_PLAN
            + ACTIVITY
            + replace("spent = 20_000_000", "spent = 151_000_000", COMPLETION)
        )
    problem = only(check_text(text))
    assert problem.code == code
    assert "VND đồng" not in problem.message


def test_over_spent_is_located_at_the_first_completion() -> None:
    second = replace('id = "c1"', 'id = "c2"', COMPLETION)
    text = (
        MINIMAL_PLAN
        + ACTIVITY
        + replace("spent = 20_000_000", "spent = 140_000_000", COMPLETION)
        + second
    )
    problem = only(check_text(text))
    assert problem.code == "over-spent"
    assert problem.line == line_of(text, "[[completion]]", 1)


def test_cancelled_activity_is_not_allocated() -> None:
    text = (
        MINIMAL_PLAN
        + ACTIVITY
        + SECOND_ACTIVITY
        + ('\n[[cancellation]]\nactivity = "a2"\ndate = 2017-09-01\nreason = "Thay bằng a1"\n')
    )
    assert check_text(text) == []


# --------------------------------------------------------------------------- all at once


def test_every_problem_in_a_file_is_reported_in_line_order() -> None:
    text = replace('reports_to = "ubnd"', 'reports_to = "quoc-hoi"')
    text = replace('id = "dai-ptth"', 'id = "Đài PT-TH"', text)
    text = replace("[[task]]", '[[task]]\nsectoin = "V.1"', text)
    text = replace("total = 200_000_000", "total = 210_000_000", text)
    text += (
        '\n[[indicator]]\nid = "i1"\nlabel = "x"\nvalue = 10\n'
        '\n[[indicator.part]]\nlabel = "a"\nvalue = 3\n'
    )
    text += ACTIVITY + replace("date = 2017-09-20", "date = 2026-02-01", COMPLETION)

    problems = check_text(text)
    assert [(p.code, p.severity, p.line) for p in problems] == [
        ("unknown-reference", ERROR, line_of(text, "[plan]")),
        ("bad-id", ERROR, line_of(text, 'id = "Đài PT-TH"')),
        # The task's partner is no longer declared as written.
        ("unknown-reference", ERROR, line_of(text, "[[task]]")),
        ("unknown-key", ERROR, line_of(text, "sectoin =")),
        ("budget-sum", ERROR, line_of(text, "[budget]")),
        ("indicator-sum", WARNING, line_of(text, "[[indicator]]")),
        ("future-date", ERROR, line_of(text, "[[completion]]")),
    ]


def test_validate_can_run_a_chosen_set_of_rules() -> None:
    text = replace("total = 200_000_000", "total = 210_000_000")
    loaded = parse(text, "plan.toml")
    assert validate(loaded, Context(dt.date(2026, 1, 1)), rules=()) == []
    problems = validate(loaded, Context(dt.date(2026, 1, 1)), rules=(budget_sums,))
    assert [p.code for p in problems] == ["budget-sum"]


def test_a_broken_record_does_not_cascade_into_unknown_references() -> None:
    # so-tttt has no name, so it is not built; the header and the task still refer to it.
    text = replace('name = "Sở Thông tin và Truyền thông"\n', "")
    # t1 has a structural error too; the activity still refers to it.
    text = replace('partners = ["dai-ptth"]', 'partners = "dai-ptth"', text)
    # And a funding source with a decimal amount, which the activity's source names.
    text = replace("amount = 150_000_000", "amount = 150_000_000.0", text)
    text += ACTIVITY

    problems = check_text(text)
    assert [(p.code, p.line) for p in problems] == [
        ("missing-key", line_of(text, "[[agency]]", 2)),
        ("wrong-type", line_of(text, "partners =")),
        ("wrong-type", line_of(text, "amount = 150_000_000.0")),
    ]


def test_an_undeclared_reference_is_still_reported_next_to_a_broken_record() -> None:
    text = replace('name = "Sở Thông tin và Truyền thông"\n', "")
    text = replace('\nagency = "so-tttt"', '\nagency = "so-ttt"', text)
    problems = check_text(text)
    assert [(p.code, p.line) for p in problems] == [
        ("missing-key", line_of(text, "[[agency]]", 2)),
        ("unknown-reference", line_of(text, "[[task]]")),
    ]


# --------------------------------------------------------------------------- the real plan


def test_plan_2017_has_exactly_the_printed_indicator_warning() -> None:
    loaded = load(PLAN_2017)
    problems = validate(loaded, Context(dt.date(2026, 1, 1)))
    problem = only(problems)
    assert (problem.code, problem.severity) == ("indicator-sum", WARNING)
    assert problem.message == (
        "indicator 'dvc-muc-do-3': its parts add up to 318 + 370 = 688, not 795"
    )
    assert problem.line == line_of(loaded.text, "[[indicator]]", 2)
    assert problem.file == str(PLAN_2017)
