"""write.changes used directly, without the command line: what each write appends.

Each request is made on the tracked example plan (two activities with
completions, one cancelled activity) with a fixed today, now and user, so the
records are compared as exact dicts, key order included: that order is the
order of the lines written to the file.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ggov_plan.i18n.message import Message, msg
from ggov_plan.plan import Checked
from ggov_plan.plan.model import Plan
from ggov_plan.plan.parse import parse
from ggov_plan.plan.parse import parse_file as load
from ggov_plan.plan.rules import Context, validate
from ggov_plan.problems import UsageError
from ggov_plan.write import changes, journal
from ggov_plan.write.changes import (
    CancelActivity,
    NewActivity,
    NewCompletion,
    NewMeasurement,
    VoidCompletion,
    VoidMeasurement,
    WriteContext,
)

ROOT = Path(__file__).resolve().parents[2]
TRACKED = ROOT / "examples" / "plan2017-tracked.toml"
TODAY = dt.date(2017, 12, 31)
NOW = dt.datetime(2017, 12, 31, 9, 30, 5, tzinfo=dt.timezone(dt.timedelta(hours=7)))
TASK = "v1-san-xuat-chuong-trinh"  # lead agency so-tttt
ACTIVITY = "so-tttt-tv01"
COMPLETION = "so-tttt-tv01-kze6"
OTHER = "so-tttt-tv01-9cz2"  # another completion of the same activity
CANCELLED = "so-tttt-gb01"
INDICATOR = "dvc-muc-do-3"  # parts cap-so and cap-huyen-xa
MEASUREMENT = "so-tttt-m-ab12"

# Voids COMPLETION under an id made for OTHER (ids are free-form): a void of
# OTHER drawing "abcd" would collide with it.
VOID_BLOCK = f"""
[[void]]
id = "{OTHER}-void-abcd"
completion = "{COMPLETION}"
reason = "ghi nhầm"
"""


def tracked(extra: str = "") -> Plan:
    loaded = parse(TRACKED.read_text(encoding="utf-8") + extra, str(TRACKED))
    assert loaded.plan is not None
    return loaded.plan


def spelled(text: str) -> Callable[[str], str]:
    """A ``choice`` that picks the characters of ``text`` in turn, for ids known in advance."""
    chars: Iterator[str] = iter(text)
    return lambda alphabet: next(chars)


def at(random: str = "k3m9", user: str = "nguyenvana") -> WriteContext:
    return WriteContext(today=TODAY, now=NOW, user=lambda: user, choice=spelled(random))


def nobody() -> str:
    raise AssertionError("the login name was asked for, though the request names who")


def ordered(change: changes.Change) -> list[tuple[str, list[tuple[str, Any]]]]:
    return [(key, list(values.items())) for key, values in change.records]


def refusal(error: pytest.ExceptionInfo[UsageError]) -> tuple[Message | str, Message | str]:
    return error.value.what, error.value.how


# --------------------------------------------------------------------------- add an activity


def test_a_new_activity_gets_the_defaults_and_an_id_after_the_lead_agency() -> None:
    change = changes.add_activity(tracked(), NewActivity(task=TASK, title="Phóng sự"), at("k3m9"))
    assert change.id == "so-tttt-k3m9"
    assert ordered(change) == [
        (
            "activity",
            [
                ("id", "so-tttt-k3m9"),
                ("task", TASK),
                ("title", "Phóng sự"),
                ("agency", None),
                ("channel", None),
                ("contents", []),
                ("due", None),
                ("target", 1),
                ("unit", None),
                ("cost", 0),
                ("source", None),
                ("created", TODAY),
            ],
        )
    ]


def test_a_new_activity_keeps_what_is_given_and_trims_its_text() -> None:
    request = NewActivity(
        task=TASK,
        title="  Chuyên trang  ",
        agency="bao-ap-bac",
        channel="truyen-hinh",
        contents=("dich-vu-cong", "chinh-quyen-dien-tu"),
        due=dt.date(2017, 11, 30),
        target=4,
        unit=" chuyên trang ",
        cost=20_000_000,
        source="ngan-sach-tinh",
    )
    change = changes.add_activity(tracked(), request, at("x7pq"))
    assert change.id == "bao-ap-bac-x7pq"  # the agency doing it, not the task's lead
    assert ordered(change) == [
        (
            "activity",
            [
                ("id", "bao-ap-bac-x7pq"),
                ("task", TASK),
                ("title", "Chuyên trang"),
                ("agency", "bao-ap-bac"),
                ("channel", "truyen-hinh"),
                # A list, as TOML reads an array back: the journal compares the two.
                ("contents", ["dich-vu-cong", "chinh-quyen-dien-tu"]),
                ("due", dt.date(2017, 11, 30)),
                ("target", 4),
                ("unit", "chuyên trang"),
                ("cost", 20_000_000),
                ("source", "ngan-sach-tinh"),
                ("created", TODAY),
            ],
        )
    ]


def test_a_blank_unit_is_written_empty_as_before() -> None:
    change = changes.add_activity(tracked(), NewActivity(task=TASK, title="x", unit="  "), at())
    assert change.records[0][1]["unit"] == ""


def test_a_given_id_is_used_as_it_is() -> None:
    change = changes.add_activity(tracked(), NewActivity(task=TASK, title="x", id="tv-02"), at())
    assert change.id == "tv-02"
    assert change.records[0][1]["id"] == "tv-02"


def test_a_given_id_already_in_the_plan_is_refused() -> None:
    with pytest.raises(UsageError) as error:
        changes.add_activity(tracked(), NewActivity(task=TASK, title="x", id=ACTIVITY), at())
    assert refusal(error) == (
        msg("journal.id_taken", key="activity", id=ACTIVITY),
        msg("journal.id_taken.hint"),
    )
    assert error.value.message == f"--id: activity '{ACTIVITY}' already exists"


def test_a_new_id_is_never_one_the_plan_has() -> None:
    # The first four characters drawn spell the id of the activity there already.
    change = changes.add_activity(tracked(), NewActivity(task=TASK, title="x"), at("tv012345"))
    assert change.id == "so-tttt-2345"


def test_an_activity_for_a_task_not_in_the_plan_is_refused() -> None:
    with pytest.raises(UsageError) as error:
        changes.add_activity(tracked(), NewActivity(task="v9-khong-co", title="x"), at())
    assert error.value.message == "task 'v9-khong-co' is not in the plan"
    assert error.value.hint.startswith("the file may have changed since it was read")


# --------------------------------------------------------------------------- record work


def test_a_completion_gets_the_defaults() -> None:
    change = changes.record_completion(tracked(), NewCompletion(activity=ACTIVITY), at("x7pq"))
    assert change.id == f"{ACTIVITY}-x7pq"
    assert ordered(change) == [
        (
            "completion",
            [
                ("id", f"{ACTIVITY}-x7pq"),
                ("activity", ACTIVITY),
                ("date", TODAY),
                ("quantity", 1),
                ("spent", 0),
                ("source", None),  # the activity's, worked out when read
                ("evidence", None),
                ("note", None),
                ("reach", None),  # issue 12: left out of the file when not given
                ("reach_unit", None),
                ("recorded_by", "nguyenvana"),
                ("recorded_at", NOW),
            ],
        )
    ]


def test_a_completion_keeps_what_is_given() -> None:
    request = NewCompletion(
        activity=ACTIVITY,
        date=dt.date(2017, 11, 2),
        quantity=2,
        spent=5_000_000,
        source="xa-hoi-hoa",
        evidence=" Phát sóng 2/11 ",
        note=" lần 3 ",
        reach=1200,
        reach_unit=" học sinh, sinh viên ",
        by="tranthib",
    )
    change = changes.record_completion(tracked(), request, at("x7pq", user="ignored"))
    assert ordered(change) == [
        (
            "completion",
            [
                ("id", f"{ACTIVITY}-x7pq"),
                ("activity", ACTIVITY),
                ("date", dt.date(2017, 11, 2)),
                ("quantity", 2),
                ("spent", 5_000_000),
                ("source", "xa-hoi-hoa"),
                ("evidence", "Phát sóng 2/11"),
                ("note", "lần 3"),
                ("reach", 1200),
                ("reach_unit", "học sinh, sinh viên"),
                ("recorded_by", "tranthib"),
                ("recorded_at", NOW),
            ],
        )
    ]


def test_the_login_name_is_asked_for_only_when_nobody_is_named() -> None:
    named = WriteContext(today=TODAY, now=NOW, user=nobody, choice=spelled("x7pq"))
    change = changes.record_completion(tracked(), NewCompletion(activity=ACTIVITY, by="b"), named)
    assert change.records[0][1]["recorded_by"] == "b"
    # An empty --by names nobody, as before.
    empty = changes.record_completion(tracked(), NewCompletion(activity=ACTIVITY, by=""), at())
    assert empty.records[0][1]["recorded_by"] == "nguyenvana"


def test_a_completion_id_is_never_one_the_plan_has() -> None:
    # kze6 is taken (so-tttt-tv01-kze6): the next draw is used.
    change = changes.record_completion(tracked(), NewCompletion(activity=ACTIVITY), at("kze6mnpq"))
    assert change.id == f"{ACTIVITY}-mnpq"


def test_work_for_an_activity_not_in_the_plan_is_refused() -> None:
    with pytest.raises(UsageError) as error:
        changes.record_completion(tracked(), NewCompletion(activity="khong-co"), at())
    assert refusal(error) == (
        msg(
            "journal.not_in_plan",
            record=msg("record.named", noun=msg("record.activity"), id="khong-co"),
        ),
        msg("journal.not_in_plan.hint"),
    )
    assert error.value.message == "activity 'khong-co' is not in the plan"


# --------------------------------------------------------------------------- cancel


def test_a_cancellation_gets_the_defaults() -> None:
    request = CancelActivity(activity=ACTIVITY, reason="  Gộp vào chuyên mục khác ")
    change = changes.cancel_activity(tracked(), request, at("7hq2"))
    assert change.id == f"{ACTIVITY}-cancel-7hq2"
    assert ordered(change) == [
        (
            "cancellation",
            [
                ("id", f"{ACTIVITY}-cancel-7hq2"),
                ("activity", ACTIVITY),
                ("date", TODAY),
                ("reason", "Gộp vào chuyên mục khác"),
                ("recorded_by", "nguyenvana"),
                ("recorded_at", NOW),
            ],
        )
    ]


def test_a_cancellation_keeps_its_date_and_who() -> None:
    request = CancelActivity(activity=ACTIVITY, reason="x", date=dt.date(2017, 12, 1), by="b")
    named = WriteContext(today=TODAY, now=NOW, user=nobody, choice=spelled("7hq2"))
    values = changes.cancel_activity(tracked(), request, named).records[0][1]
    assert (values["date"], values["recorded_by"]) == (dt.date(2017, 12, 1), "b")


def test_an_activity_already_cancelled_is_refused() -> None:
    with pytest.raises(UsageError) as error:
        changes.cancel_activity(tracked(), CancelActivity(activity=CANCELLED, reason="x"), at())
    assert refusal(error) == (msg("journal.already_cancelled", id=CANCELLED), "")
    assert error.value.message == f"activity '{CANCELLED}' is already cancelled"


def test_cancelling_an_activity_not_in_the_plan_is_refused() -> None:
    with pytest.raises(UsageError) as error:
        changes.check_cancellable(tracked(), "khong-co")
    assert error.value.message == "activity 'khong-co' is not in the plan"


# --------------------------------------------------------------------------- void


def test_a_void_gets_the_defaults() -> None:
    request = VoidCompletion(completion=COMPLETION, reason=" ghi nhầm ")
    change = changes.void_completion(tracked(), request, at("m2kd"))
    assert change.id == f"{COMPLETION}-void-m2kd"
    assert ordered(change) == [
        (
            "void",
            [
                ("id", f"{COMPLETION}-void-m2kd"),
                ("completion", COMPLETION),
                ("reason", "ghi nhầm"),
                ("recorded_by", "nguyenvana"),
                ("recorded_at", NOW),
            ],
        )
    ]


def test_a_completion_already_void_is_refused() -> None:
    plan = tracked(VOID_BLOCK)
    with pytest.raises(UsageError) as error:
        changes.void_completion(plan, VoidCompletion(completion=COMPLETION, reason="x"), at())
    assert refusal(error) == (msg("journal.already_void", id=COMPLETION), "")
    assert error.value.message == f"completion '{COMPLETION}' is already void"


def test_a_void_id_is_never_one_the_plan_has() -> None:
    request = VoidCompletion(completion=OTHER, reason="x")
    change = changes.void_completion(tracked(VOID_BLOCK), request, at("abcdefgh"))
    assert change.id == f"{OTHER}-void-efgh"


def test_voiding_a_completion_not_in_the_plan_is_refused() -> None:
    with pytest.raises(UsageError) as error:
        changes.void_completion(tracked(), VoidCompletion(completion="khong-co", reason="x"), at())
    assert error.value.message == "completion 'khong-co' is not in the plan"


# --------------------------------------------------------------------------- dispatch, journal

# Each request, and the function that makes its records.
REQUESTS: list[tuple[changes.Request, Callable[..., changes.Change]]] = [
    (
        NewActivity(task=TASK, title="Phóng sự", contents=("dich-vu-cong",), cost=1_000_000),
        changes.add_activity,
    ),
    (
        NewCompletion(activity=ACTIVITY, spent=1_000_000, evidence="Phát sóng"),
        changes.record_completion,
    ),
    (CancelActivity(activity=ACTIVITY, reason="Gộp"), changes.cancel_activity),
    (VoidCompletion(completion=COMPLETION, reason="Ghi nhầm"), changes.void_completion),
    (
        NewMeasurement(indicator=INDICATOR, value=795, parts=(("cap-so", 318),)),
        changes.record_measurement,
    ),
]
NAMES = [type(request).__name__ for request, _ in REQUESTS]


@pytest.mark.parametrize(("request_", "own"), REQUESTS, ids=NAMES)
def test_change_dispatches_to_the_function_of_the_request(
    request_: changes.Request, own: Callable[..., changes.Change]
) -> None:
    assert changes.change(tracked(), request_, at()) == own(tracked(), request_, at())


@pytest.mark.parametrize("request_", [request for request, _ in REQUESTS], ids=NAMES)
def test_each_change_appends_a_valid_plan_through_the_journal(
    request_: changes.Request, tmp_path: Path
) -> None:
    path = tmp_path / "plan.toml"
    shutil.copyfile(TRACKED, path)
    made: list[changes.Change] = []

    def build(fresh: Checked) -> journal.NewRecords:
        assert fresh.plan is not None
        made.append(changes.change(fresh.plan, request_, at()))
        return made[-1].records

    journal.append(path, build, Context(today=TODAY), use_cache=False)
    after = load(path)
    assert after.plan is not None
    assert [p for p in validate(after, Context(today=TODAY)) if p.is_error] == []
    (change,) = made
    assert change.id in after.plan.declared_ids[change.records[0][0]]


def test_a_conflict_is_judged_on_the_plan_read_under_the_lock(tmp_path: Path) -> None:
    # The command line read the plan before the activity was cancelled; the
    # write, built on the file as it is under the lock, refuses.
    path = tmp_path / "plan.toml"
    shutil.copyfile(TRACKED, path)
    stale = tracked()
    changes.check_cancellable(stale, ACTIVITY)
    cancel = CancelActivity(activity=ACTIVITY, reason="Gộp")

    def build(fresh: Checked) -> journal.NewRecords:
        assert fresh.plan is not None
        return changes.change(fresh.plan, cancel, at()).records

    journal.append(path, build, Context(today=TODAY), use_cache=False)
    before = path.read_bytes()
    with pytest.raises(UsageError) as error:
        journal.append(path, build, Context(today=TODAY), use_cache=False)
    assert error.value.what == msg("journal.already_cancelled", id=ACTIVITY)
    assert path.read_bytes() == before


# --------------------------------------------------------------------------- notes


def test_a_note_is_named_after_the_lead_agency_and_dated_today() -> None:
    request = changes.NewNote(kind="kho-khan", text="  Thiếu kinh phí.  ")
    change = changes.change(tracked(), request, at("7h2k"))
    assert change.id == "so-tttt-n-7h2k"
    assert ordered(change) == [
        (
            "note",
            [
                ("id", "so-tttt-n-7h2k"),
                ("kind", "kho-khan"),
                ("date", TODAY),
                ("text", "Thiếu kinh phí."),
                ("recorded_by", "nguyenvana"),
                ("recorded_at", NOW),
            ],
        )
    ]


def test_a_note_keeps_its_date_author_and_id() -> None:
    request = changes.NewNote(
        kind="de-xuat", text="Đề nghị", date=dt.date(2017, 11, 2), by="Lan", id="de-xuat-1"
    )
    change = changes.add_note(tracked(), request, WriteContext(today=TODAY, now=NOW, user=nobody))
    values = dict(change.records[0][1])
    assert (change.id, values["date"], values["recorded_by"]) == (
        "de-xuat-1", dt.date(2017, 11, 2), "Lan",
    )  # fmt: skip


def test_a_note_id_already_taken_is_refused() -> None:
    plan = tracked('\n[[note]]\nid = "n1"\nkind = "ket-qua"\ndate = 2017-10-01\ntext = "x"\n')
    with pytest.raises(UsageError) as error:
        changes.add_note(plan, changes.NewNote(kind="ket-qua", text="y", id="n1"), at())
    assert refusal(error)[0] == msg("journal.id_taken", key="note", id="n1")


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("ket-qua", "ket-qua"), ("kết-quả", "ket-qua"), ("Kết quả", "ket-qua"),
        ("result", "ket-qua"), ("kho-khan", "kho-khan"), ("khó-khăn", "kho-khan"),
        ("difficulty", "kho-khan"), ("de-xuat", "de-xuat"), ("đề-xuất", "de-xuat"),
        ("PROPOSAL", "de-xuat"), ("ke_hoach", None), ("", None), ("khó", None),
    ],
)  # fmt: skip
def test_note_kinds_in_either_language(typed: str, kind: str | None) -> None:
    assert changes.note_kind(typed) == kind


# --------------------------------------------------------------------------- measurements

MEASURED = f"""
[[measurement]]
id = "{MEASUREMENT}"
indicator = "{INDICATOR}"
date = 2017-12-15
value = 795
"""


def test_a_measurement_gets_the_defaults_and_an_id_after_the_lead_agency() -> None:
    change = changes.record_measurement(
        tracked(), NewMeasurement(indicator=INDICATOR, value=795), at("k3m9")
    )
    assert change.id == "so-tttt-m-k3m9"  # the plan's lead agency is so-tttt
    assert ordered(change) == [
        (
            "measurement",
            [
                ("id", "so-tttt-m-k3m9"),
                ("indicator", INDICATOR),
                ("date", TODAY),
                ("value", 795),
                ("parts", None),
                ("evidence", None),
                ("note", None),
                ("recorded_by", "nguyenvana"),
                ("recorded_at", NOW),
            ],
        )
    ]


def test_a_measurement_keeps_what_is_given() -> None:
    request = NewMeasurement(
        indicator=INDICATOR,
        value=795,
        date=dt.date(2017, 12, 15),
        parts=(("cap-so", 318), ("cap-huyen-xa", 477)),
        evidence=" Cổng DVC ",
        note="số liệu ngày 15/12",
        by="tester",
        id="so-tttt-m-0001",
    )
    change = changes.record_measurement(tracked(), request, WriteContext(
        today=TODAY, now=NOW, user=nobody, choice=spelled("")
    ))  # fmt: skip
    assert change.id == "so-tttt-m-0001"
    (record,) = change.records
    assert record == (
        "measurement",
        {
            "id": "so-tttt-m-0001",
            "indicator": INDICATOR,
            "date": dt.date(2017, 12, 15),
            "value": 795,
            # A dict, written as an inline table: the journal compares it with the table read back.
            "parts": {"cap-so": 318, "cap-huyen-xa": 477},
            "evidence": "Cổng DVC",
            "note": "số liệu ngày 15/12",
            "recorded_by": "tester",
            "recorded_at": NOW,
        },
    )


def test_a_percentage_keeps_its_decimals() -> None:
    change = changes.record_measurement(
        tracked(), NewMeasurement(indicator=INDICATOR, value=80.5), at()
    )
    assert change.records[0][1]["value"] == 80.5


def test_a_measurement_id_is_never_one_the_plan_has() -> None:
    plan = tracked(MEASURED)
    change = changes.record_measurement(
        plan, NewMeasurement(indicator=INDICATOR, value=1), at("ab12cd34")
    )
    assert change.id == "so-tttt-m-cd34"


def test_a_given_measurement_id_already_in_the_plan_is_refused() -> None:
    with pytest.raises(UsageError) as error:
        changes.record_measurement(
            tracked(MEASURED), NewMeasurement(indicator=INDICATOR, value=1, id=MEASUREMENT), at()
        )
    assert refusal(error) == (
        msg("journal.id_taken", key="measurement", id=MEASUREMENT),
        msg("journal.id_taken.hint"),
    )


def test_measuring_an_indicator_not_in_the_plan_is_refused() -> None:
    with pytest.raises(UsageError) as error:
        changes.record_measurement(tracked(), NewMeasurement(indicator="khong-co", value=1), at())
    assert error.value.message == "indicator 'khong-co' is not in the plan"


def test_a_measurement_void_gets_the_defaults() -> None:
    change = changes.void_measurement(
        tracked(MEASURED), VoidMeasurement(measurement=MEASUREMENT, reason=" Ghi nhầm "), at("x7pq")
    )
    assert change.id == f"{MEASUREMENT}-void-x7pq"
    assert ordered(change) == [
        (
            "void",
            [
                ("id", f"{MEASUREMENT}-void-x7pq"),
                ("measurement", MEASUREMENT),
                ("reason", "Ghi nhầm"),
                ("recorded_by", "nguyenvana"),
                ("recorded_at", NOW),
            ],
        )
    ]


def test_a_measurement_already_void_is_refused() -> None:
    plan = tracked(MEASURED + f'\n[[void]]\nmeasurement = "{MEASUREMENT}"\nreason = "x"\n')
    with pytest.raises(UsageError) as error:
        changes.void_measurement(plan, VoidMeasurement(measurement=MEASUREMENT, reason="y"), at())
    assert error.value.what == msg("journal.measurement_already_void", id=MEASUREMENT)


def test_voiding_a_measurement_not_in_the_plan_is_refused() -> None:
    with pytest.raises(UsageError) as error:
        changes.void_measurement(
            tracked(), VoidMeasurement(measurement="khong-co", reason="x"), at()
        )
    assert error.value.message == "measurement 'khong-co' is not in the plan"


def test_change_dispatches_a_measurement_void() -> None:
    request = VoidMeasurement(measurement=MEASUREMENT, reason="x")
    plan = tracked(MEASURED)
    assert changes.change(plan, request, at()) == changes.void_measurement(plan, request, at())


def test_a_measurement_and_its_void_append_through_the_journal(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    shutil.copyfile(TRACKED, path)
    requests: list[changes.Request] = [
        NewMeasurement(
            indicator=INDICATOR, value=795, parts=(("cap-so", 318), ("cap-huyen-xa", 477))
        ),
    ]
    made: list[changes.Change] = []

    def build(fresh: Checked) -> journal.NewRecords:
        assert fresh.plan is not None
        made.append(changes.change(fresh.plan, requests[-1], at()))
        return made[-1].records

    journal.append(path, build, Context(today=TODAY), use_cache=False)
    assert 'parts = { "cap-so" = 318, "cap-huyen-xa" = 477 }' in path.read_text(encoding="utf-8")
    requests.append(VoidMeasurement(measurement=made[-1].id, reason="Ghi nhầm"))
    journal.append(path, build, Context(today=TODAY), use_cache=False)
    after = load(path)
    assert after.plan is not None
    assert [p for p in validate(after, Context(today=TODAY)) if p.is_error] == []
    (measurement,) = after.plan.measurements
    assert measurement.parts == (("cap-so", 318), ("cap-huyen-xa", 477))
    assert [v.measurement for v in after.plan.voids] == [made[0].id]
