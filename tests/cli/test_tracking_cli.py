"""The tracking commands end to end: activity add/list/show/cancel, record, void,
progress and budget, through typer's CliRunner on a copy of the shipped plan.

"Today" is 2017-12-31 (GGOV_PLAN_TODAY), so 2017 work is never in the future.
"""

from __future__ import annotations

import json
import os
import re
import stat
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from track_helpers import (
    ID_CHARS,
    SO_TTTT_ID,
    add_activity,
    cli,
    copy_plan,
    json_of,
    last_line,
    ok,
    record,
    run_process,
)

TASK = "v1-san-xuat-chuong-trinh"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return copy_plan(tmp_path)


def listed(plan: Path, as_of: str = "2017-12-31") -> dict[str, dict[str, Any]]:
    data = json_of("activity", "list", "--as-of", as_of, "-p", plan)
    return {item["id"]: item for item in data["activities"]}


def groups(data: dict[str, Any]) -> dict[str | None, dict[str, Any]]:
    out = {group["key"]: group for group in data["groups"]}
    assert len(out) == len(data["groups"]), data["groups"]
    return out


# --------------------------------------------------------------------------- round trips


def test_issue_acceptance_done_2_of_4_and_spent_10_million(plan: Path) -> None:
    added = cli(
        "activity", "add", "--task", TASK, "--title", "Phóng sự truyền hình về dịch vụ công",
        "--target", "4", "--cost", "20.000.000", "--source", "ngan-sach-tinh", "-p", plan,
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    ident = last_line(added)
    assert SO_TTTT_ID.fullmatch(ident), ident
    first = record(plan, ident, "--spent", "5000000", "--date", "2017-09-20")
    second = record(plan, ident, "--spent", "5000000", "--date", "2017-09-20")
    completion_id = re.compile(rf"{re.escape(ident)}-{ID_CHARS}{{4}}")
    assert completion_id.fullmatch(first), first
    assert completion_id.fullmatch(second), second
    assert first != second

    assert listed(plan) == {
        ident: {
            "id": ident,
            "title": "Phóng sự truyền hình về dịch vụ công",
            "task": TASK,
            "agency": "so-tttt",
            "channel": None,
            "contents": [],
            "due": None,
            "target": 4,
            "unit": None,
            "done": 2,
            "status": "in_progress",
            "cost": 20_000_000,
            "source": "ngan-sach-tinh",
            "spent": 10_000_000,
        }
    }

    status = json_of("status", "--as-of", "2017-12-31", "-p", plan)
    assert status["as_of"] == "2017-12-31"
    assert status["budget"]["total"] == 213_000_000
    assert status["budget"]["allocated"] == 20_000_000
    assert status["budget"]["spent"] == 10_000_000
    assert status["budget"]["remaining"] == 203_000_000
    sources = {s["id"]: s for s in status["budget"]["sources"]}
    assert sources["ngan-sach-tinh"] == {
        "id": "ngan-sach-tinh",
        "name": "Ngân sách tỉnh",
        "amount": 163_000_000,
        "allocated": 20_000_000,
        "spent": 10_000_000,
        "remaining": 153_000_000,
    }
    assert sources["xa-hoi-hoa"]["allocated"] == 0
    assert sources["xa-hoi-hoa"]["spent"] == 0
    assert status["activities"] == {
        "total": 1,
        "planned": 0,
        "in_progress": 1,
        "done": 0,
        "overdue": 0,
        "cancelled": 0,
        # Per unit, never summed across units (issue 12); this activity names none.
        "quantities": [{"unit": None, "done": 2, "target": 4}],
    }
    # The plan's 10 tasks count: this one is half done, the other 9 not started.
    assert status["progress"] == 0.05
    assert status["tasks"] == {"total": 10, "not_started": 9, "in_progress": 1, "done": 0}

    # Only work dated on or before the as-of day counts.
    assert listed(plan, "2017-09-19")[ident]["done"] == 0
    assert listed(plan, "2017-09-19")[ident]["spent"] == 0
    assert json_of("status", "--as-of", "2017-09-19", "-p", plan)["budget"]["spent"] == 0


def test_activity_show_lists_both_completions(plan: Path) -> None:
    ident = add_activity(plan, "--title", "Chuyên trang", "--target", "4", "--unit", "kỳ")
    first = record(plan, ident, "--spent", "5000000", "--date", "2017-09-20", "--note", "kỳ 1")
    second = record(plan, ident, "--spent", "5.000.000", "--date", "20/10/2017", "--qty", "2")
    shown = json_of("activity", "show", ident, "--as-of", "2017-12-31", "-p", plan)
    assert shown["activity"]["id"] == ident
    assert shown["activity"]["done"] == 3
    assert shown["activity"]["spent"] == 10_000_000
    assert shown["activity"]["unit"] == "kỳ"
    assert shown["activity"]["created"] == "2017-12-31"
    assert shown["cancellation"] is None
    completions = shown["completions"]
    assert [c["id"] for c in completions] == [first, second]
    assert [(c["date"], c["quantity"], c["spent"]) for c in completions] == [
        ("2017-09-20", 1, 5_000_000),
        ("2017-10-20", 2, 5_000_000),
    ]
    assert [c["note"] for c in completions] == ["kỳ 1", None]
    assert all(c["recorded_by"] == "tester" for c in completions)
    assert all(c["void"] is None and c["counted"] is True for c in completions)
    # As of before the second completion, it is listed but not counted.
    early = json_of("activity", "show", ident, "--as-of", "2017-10-01", "-p", plan)
    assert [c["counted"] for c in early["completions"]] == [True, False]
    assert early["activity"]["done"] == 1


def test_cancel_frees_the_allocation(plan: Path) -> None:
    ident = add_activity(
        plan, "--title", "Phóng sự", "--target", "4", "--cost", "20000000",
        "--source", "ngan-sach-tinh",
    )  # fmt: skip
    record(plan, ident, "--spent", "5000000", "--date", "2017-09-20")
    before = json_of("budget", "--as-of", "2017-12-31", "-p", plan)
    assert groups(before)["ngan-sach-tinh"]["allocated"] == 20_000_000
    assert before["total"]["allocated"] == 20_000_000

    cancelled = ok("activity", "cancel", ident, "--reason", "x", "--by", "tester", "-p", plan)
    assert re.fullmatch(re.escape(ident) + r"-cancel-[2-9a-hjkmnp-z]{4}", last_line(cancelled))
    assert listed(plan)[ident]["status"] == "cancelled"
    after = json_of("budget", "--as-of", "2017-12-31", "-p", plan)
    assert after["total"] == {
        "declared": 213_000_000,
        "allocated": 0,
        "spent": 5_000_000,
        "remaining": 208_000_000,
    }
    assert groups(after)["ngan-sach-tinh"] == {
        "key": "ngan-sach-tinh",
        "declared": 163_000_000,
        "allocated": 0,
        "spent": 5_000_000,
        "remaining": 158_000_000,
    }
    shown = json_of("activity", "show", ident, "-p", plan)
    assert shown["cancellation"]["reason"] == "x"
    assert shown["cancellation"]["date"] == "2017-12-31"
    assert shown["cancellation"]["recorded_by"] == "tester"
    status = json_of("status", "--as-of", "2017-12-31", "-p", plan)
    assert status["activities"]["cancelled"] == 1
    assert status["activities"]["quantities"] == []
    # Before the cancellation's date the activity still holds its money.
    early = json_of("budget", "--as-of", "2017-12-30", "-p", plan)
    assert early["total"]["allocated"] == 20_000_000

    again = cli("activity", "cancel", ident, "--reason", "y", "-p", plan)
    assert again.exit_code == 2
    assert "already cancelled" in again.stderr


def test_void_removes_a_completion_from_the_figures(plan: Path) -> None:
    ident = add_activity(plan, "--title", "Phóng sự", "--target", "4")
    first = record(plan, ident, "--spent", "5000000", "--date", "2017-09-20")
    record(plan, ident, "--spent", "5000000", "--date", "2017-09-20")
    voided = ok("record", "--void", first, "--reason", "x", "--by", "tester", "-p", plan)
    assert re.fullmatch(re.escape(first) + r"-void-[2-9a-hjkmnp-z]{4}", last_line(voided))
    item = listed(plan)[ident]
    assert (item["done"], item["spent"]) == (1, 5_000_000)
    assert json_of("status", "--as-of", "2017-12-31", "-p", plan)["budget"]["spent"] == 5_000_000
    shown = json_of("activity", "show", ident, "-p", plan)
    by_id = {c["id"]: c for c in shown["completions"]}
    assert by_id[first]["counted"] is False
    assert by_id[first]["void"]["reason"] == "x"
    assert by_id[first]["void"]["completion"] == first
    assert len(by_id) == 2

    again = cli("record", "--void", first, "--reason", "y", "-p", plan)
    assert again.exit_code == 2
    assert "already void" in again.stderr


# --------------------------------------------------------------------------- groupings

# (task, extra options, target, cost, source) and the records made for each.
ACTIVITIES = {
    "a1": (TASK, ["--channel", "truyen-hinh", "--content", "dich-vu-cong"], 4, 20_000_000,
           "ngan-sach-tinh"),
    "a2": ("v2-chuyen-trang-bao",
           ["--channel", "bao-in", "--content", "dich-vu-cong", "--content", "chinh-quyen-dien-tu"],
           2, 10_000_000, "xa-hoi-hoa"),
    "a3": ("v1-truong-hoc", ["--agency", "so-gddt", "--channel", "truong-hoc"], 3, 5_000_000,
           "ngan-sach-tinh"),
}  # fmt: skip
AGENCIES = {"a1": "so-tttt", "a2": "bao-ap-bac", "a3": "so-gddt"}
CHANNELS = {"a1": "truyen-hinh", "a2": "bao-in", "a3": "truong-hoc"}
CONTENTS = {"a1": ["dich-vu-cong"], "a2": ["dich-vu-cong", "chinh-quyen-dien-tu"], "a3": [""]}
# (activity, date, quantity, spent, source override)
RECORDS: list[tuple[str, str, int, int, str | None]] = [
    ("a1", "2017-09-20", 1, 5_000_000, None),
    ("a1", "2017-10-05", 2, 8_000_000, None),
    ("a2", "2017-10-10", 2, 4_000_000, None),
    ("a2", "2017-11-01", 1, 1_000_000, "ngan-sach-tinh"),  # over target; other source
    ("a3", "2017-11-15", 1, 2_000_000, None),
]


@pytest.fixture(scope="module")
def grouped_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    plan = copy_plan(tmp_path_factory.mktemp("grouped"))
    for name, (task, extra, target, cost, source) in ACTIVITIES.items():
        ident = add_activity(
            plan, "--title", f"Hoạt động {name}", "--target", target, "--cost", cost,
            "--source", source, "--id", f"act-{name}", *extra, task=task,
        )  # fmt: skip
        assert ident == f"act-{name}"
    for name, date, quantity, spent, paid_from in RECORDS:
        options = ["--date", date, "--qty", quantity, "--spent", spent]
        record(plan, f"act-{name}", *options, *(["--source", paid_from] if paid_from else []))
    return plan


def _expected_progress(keys: dict[str, list[str]]) -> dict[str, dict[str, Any]]:
    """Progress groups computed from the records by hand."""
    members: dict[str, list[str]] = {}
    for name, names in keys.items():
        for key in names:
            members.setdefault(key, []).append(name)
    out = {}
    for key, names in members.items():
        done = {n: sum(q for a, _, q, _, _ in RECORDS if a == n) for n in names}
        target = {n: ACTIVITIES[n][2] for n in names}
        ratios = [min(done[n] / target[n], 1.0) for n in names]
        out[key] = {
            "key": key,
            "activities": len(names),
            "done_activities": sum(done[n] >= target[n] for n in names),
            # No activity here names a unit: one item, unit None.
            "quantities": [
                {
                    "unit": None,
                    "done": sum(min(done[n], target[n]) for n in names),
                    "target": sum(target.values()),
                }
            ],
            "spent": sum(s for a, _, _, s, _ in RECORDS if a in names),
            "progress": round(sum(ratios) / len(ratios), 4),
        }
    return out


#: The plan's progress: the mean over its 10 tasks; a1, a2 and a3 each carry
#: out a task of its own, and the 7 other tasks, untouched, count 0.
PLAN_PROGRESS = round((3 / 4 + 1 + 1 / 3) / 10, 4)


@pytest.mark.parametrize(
    ("by", "keys"),
    [
        ("task", {n: [a[0]] for n, a in ACTIVITIES.items()}),
        ("agency", {n: [a] for n, a in AGENCIES.items()}),
        ("channel", {n: [c] for n, c in CHANNELS.items()}),
        ("content", CONTENTS),
    ],
)
def test_progress_groups_are_the_sums_of_the_records(
    grouped_plan: Path, by: str, keys: dict[str, list[str]]
) -> None:
    data = json_of("progress", "--by", by, "--as-of", "2017-12-31", "-p", grouped_plan)
    assert data["by"] == by
    assert data["progress"] == PLAN_PROGRESS
    expected = _expected_progress(keys)
    if by == "task":  # every task of the plan has a row, with its state
        states = {"v1-san-xuat-chuong-trinh": "in_progress", "v2-chuyen-trang-bao": "done"}
        states["v1-truong-hoc"] = "in_progress"
        got = groups(data)
        assert len(got) == 10
        for key, row in got.items():
            assert row.pop("state") == states.get(str(key), "not_started")
            if key not in expected:
                assert row == {
                    "key": key, "activities": 0, "done_activities": 0, "quantities": [],
                    "spent": 0, "progress": 0.0,
                }  # fmt: skip
        assert {k: v for k, v in got.items() if k in expected} == expected
    else:
        assert groups(data) == expected


def test_progress_groups_have_these_exact_figures(grouped_plan: Path) -> None:
    data = json_of("progress", "--by", "content", "--as-of", "2017-12-31", "-p", grouped_plan)
    assert groups(data)["dich-vu-cong"] == {
        "key": "dich-vu-cong",
        "activities": 2,
        "done_activities": 1,
        "quantities": [{"unit": None, "done": 5, "target": 6}],  # a2's 3 capped at its target 2
        "spent": 18_000_000,
        "progress": 0.875,
    }


def test_progress_by_month(grouped_plan: Path) -> None:
    data = json_of("progress", "--by", "month", "--as-of", "2017-12-31", "-p", grouped_plan)
    # Each month: what its completions recorded, per unit, and the plan's
    # progress at its end (the mean over the 10 tasks), never a sum of units.
    assert data["groups"] == [
        {"key": "2017-09", "completions": 1, "activities": 1,
         "quantities": [{"unit": None, "done": 1}], "spent": 5_000_000, "reach": [],
         "progress": round((1 / 4) / 10, 4)},
        {"key": "2017-10", "completions": 2, "activities": 2,
         "quantities": [{"unit": None, "done": 4}], "spent": 12_000_000, "reach": [],
         "progress": round((3 / 4 + 1) / 10, 4)},
        {"key": "2017-11", "completions": 2, "activities": 2,
         "quantities": [{"unit": None, "done": 2}], "spent": 3_000_000, "reach": [],
         "progress": PLAN_PROGRESS},
    ]  # fmt: skip
    monthly = {
        month: sum(s for _, d, _, s, _ in RECORDS if d.startswith(month))
        for month in ("2017-09", "2017-10", "2017-11")
    }
    assert {g["key"]: g["spent"] for g in data["groups"]} == monthly


def test_budget_by_source(grouped_plan: Path) -> None:
    data = json_of("budget", "--by", "source", "--as-of", "2017-12-31", "-p", grouped_plan)
    spent_by_source: dict[str, int] = {}
    for name, _, _, spent, source in RECORDS:
        key = source or ACTIVITIES[name][4]
        spent_by_source[key] = spent_by_source.get(key, 0) + spent
    assert spent_by_source == {"ngan-sach-tinh": 16_000_000, "xa-hoi-hoa": 4_000_000}
    assert data["total"] == {
        "declared": 213_000_000,
        "allocated": 35_000_000,
        "spent": 20_000_000,
        "remaining": 193_000_000,
    }
    assert groups(data) == {
        "ngan-sach-tinh": {
            "key": "ngan-sach-tinh",
            "declared": 163_000_000,
            "allocated": 25_000_000,
            "spent": 16_000_000,
            "remaining": 147_000_000,
        },
        "xa-hoi-hoa": {
            "key": "xa-hoi-hoa",
            "declared": 50_000_000,
            "allocated": 10_000_000,
            "spent": 4_000_000,
            "remaining": 46_000_000,
        },
    }


@pytest.mark.parametrize(
    ("by", "key_of"),
    [
        ("agency", AGENCIES),
        ("channel", CHANNELS),
        ("task", {n: a[0] for n, a in ACTIVITIES.items()}),
    ],
)
def test_budget_groups_are_the_sums_of_the_records(
    grouped_plan: Path, by: str, key_of: dict[str, str]
) -> None:
    data = json_of("budget", "--by", by, "--as-of", "2017-12-31", "-p", grouped_plan)
    expected = {}
    for name, key in key_of.items():
        allocated = ACTIVITIES[name][3]
        spent = sum(s for a, _, _, s, _ in RECORDS if a == name)
        expected[key] = {
            "key": key,
            "declared": None,
            "allocated": allocated,
            "spent": spent,
            "remaining": allocated - spent,
        }
    assert groups(data) == expected
    assert data["total"]["spent"] == sum(r[3] for r in RECORDS) == 20_000_000


def test_activity_list_filters(grouped_plan: Path) -> None:
    def ids(*options: str) -> list[str]:
        data = json_of("activity", "list", *options, "--as-of", "2017-12-31", "-p", grouped_plan)
        return [item["id"] for item in data["activities"]]

    assert ids() == ["act-a1", "act-a2", "act-a3"]
    assert ids("--status", "done") == ["act-a2"]
    assert ids("--status", "in_progress") == ["act-a1", "act-a3"]
    assert ids("--agency", "so-gddt") == ["act-a3"]
    assert ids("--channel", "bao-in") == ["act-a2"]
    assert ids("--search", "hoat dong a1") == ["act-a1"]


# --------------------------------------------------------------------------- dry run


def test_dry_run_prints_the_block_and_writes_nothing(plan: Path) -> None:
    before = plan.read_bytes()
    options = ["--task", TASK, "--title", "Tọa đàm", "--target", "2", "--id", "so-tttt-demo"]
    dry = ok("activity", "add", *options, "--dry-run", "-p", plan)
    assert plan.read_bytes() == before
    lines = dry.stdout.splitlines()
    assert lines[-2:] == ["(dry run: nothing was written)", "so-tttt-demo"]
    assert "[[activity]]  # so-tttt-demo" in lines
    assert 'id = "so-tttt-demo"  # so-tttt-demo' in lines
    assert 'title = "Tọa đàm"  # so-tttt-demo' in lines
    block = dry.stdout[: dry.stdout.rindex("(dry run")]
    # The real write appends exactly the block the dry run printed.
    real = ok("activity", "add", *options, "-p", plan)
    assert last_line(real) == "so-tttt-demo"
    assert plan.read_bytes() == before + block.encode("utf-8")


def test_dry_run_of_record_cancel_and_void_writes_nothing(plan: Path) -> None:
    ident = add_activity(plan, "--title", "Phóng sự", "--target", "2")
    completion = record(plan, ident, "--date", "2017-09-20")
    before = plan.read_bytes()
    for args in (
        ["record", ident, "--date", "2017-10-01", "--dry-run"],
        ["record", "--void", completion, "--reason", "x", "--dry-run"],
        ["activity", "cancel", ident, "--reason", "x", "--dry-run"],
    ):
        result = ok(*args, "-p", plan)
        assert "(dry run: nothing was written)" in result.stdout
        assert plan.read_bytes() == before, args
    assert listed(plan)[ident]["done"] == 1


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("option", "typed", "key", "expected"),
    [
        ("--agency", "dai truyen thanh", "agency", "dai-truyen-thanh-huyen"),
        ("--agency", "SO GIAO DUC", "agency", "so-gddt"),
        ("--source", "xa hoi", "source", "xa-hoi-hoa"),
        ("--channel", "chuong trinh truyen hinh", "channel", "truyen-hinh"),
    ],
)
def test_names_resolve_without_diacritics(
    plan: Path, option: str, typed: str, key: str, expected: str
) -> None:
    ident = add_activity(plan, "--title", "x", option, typed)
    assert listed(plan)[ident][key] == expected


def test_task_resolves_from_a_fragment_of_its_text(plan: Path) -> None:
    ident = add_activity(plan, "--title", "x", task="doanh nghiep vien thong cung cap")
    assert listed(plan)[ident]["task"] == "v1-doanh-nghiep-vien-thong"


@pytest.mark.parametrize("typed", ["bao ap bac", "Báo Ấp Bắc"])
def test_agency_bao_ap_bac_resolves_without_diacritics(plan: Path, typed: str) -> None:
    result = cli("activity", "add", "--task", TASK, "--title", "x", "--agency", typed, "-p", plan)
    assert result.exit_code == 0, result.stderr
    assert listed(plan)[last_line(result)]["agency"] == "bao-ap-bac"


def test_ambiguous_fragment_lists_candidates_and_exits_2(plan: Path) -> None:
    before = plan.read_bytes()
    result = cli("activity", "add", "--task", TASK, "--title", "x", "--agency", "bao", "-p", plan)
    assert result.exit_code == 2
    assert "'bao' matches 3" in result.stderr
    for candidate in ("bao-ap-bac", "co-quan-bao-chi", "dai-ptth-bao-ap-bac"):
        assert candidate in result.stderr
    assert "Traceback" not in result.output
    assert plan.read_bytes() == before


def test_title_is_stored_as_nfc(plan: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Phóng sự Ấp Bắc")
    ident = add_activity(plan, "--title", decomposed)
    assert listed(plan)[ident]["title"] == "Phóng sự Ấp Bắc"
    assert 'title = "Phóng sự Ấp Bắc"'.encode() in plan.read_bytes()
    assert decomposed.encode() not in plan.read_bytes()


# --------------------------------------------------------------------------- preservation


def _writes() -> list[list[object]]:
    """The journal writes, in order; {a} and {c} are filled in as they are made."""
    return [
        ["activity", "add", "--task", TASK, "--title", "Phóng sự", "--target", "4",
         "--cost", "20000000", "--source", "ngan-sach-tinh"],
        ["record", "{a}", "--spent", "5000000", "--date", "2017-09-20"],
        ["record", "{a}", "--spent", "5000000", "--date", "2017-10-20"],
        ["record", "--void", "{c}", "--reason", "ghi nhầm"],
        ["activity", "cancel", "{a}", "--reason", "gộp chuyên mục"],
    ]  # fmt: skip


def _run_writes(plan: Path, after_each: Any) -> None:
    made: dict[str, str] = {}
    for step in _writes():
        args = [str(a).format(**made) for a in step]
        before = plan.read_bytes()
        result = ok(*args, "-p", plan)
        made.setdefault("a", last_line(result))
        if args[0] == "record" and "c" not in made and "--void" not in args:
            made["c"] = last_line(result)
        after_each(before, plan.read_bytes())
    item = listed(plan)[made["a"]]
    assert (item["status"], item["done"], item["spent"]) == ("cancelled", 1, 5_000_000)


def test_every_write_keeps_the_old_bytes_and_comments(plan: Path) -> None:
    top = "# Ghi chú đầu tệp: đừng xoá dòng này\n".encode()
    bottom = "# Ghi chú cuối tệp, viết tay\n".encode()
    plan.write_bytes(top + plan.read_bytes() + bottom)
    original = plan.read_bytes()

    def after_each(before: bytes, after: bytes) -> None:
        assert len(after) > len(before)
        assert after.startswith(before)
        assert after.startswith(original)
        assert after.startswith(top)
        assert after.count(bottom) == 1
        assert after.index(bottom) == len(original) - len(bottom)

    _run_writes(plan, after_each)
    assert ok("check", "-p", plan).exit_code == 0


def test_file_without_final_newline_gets_a_separator(plan: Path) -> None:
    text = plan.read_bytes().rstrip(b"\n")
    plan.write_bytes(text)
    ident = add_activity(plan, "--title", "x")
    after = plan.read_bytes()
    assert after.startswith(text + b"\n\n[[activity]]  # " + ident.encode() + b"\n")
    assert listed(plan)[ident]["title"] == "x"


def test_crlf_file_stays_crlf(plan: Path) -> None:
    crlf = plan.read_bytes().replace(b"\n", b"\r\n")
    plan.write_bytes(crlf)

    def after_each(before: bytes, after: bytes) -> None:
        assert after.startswith(before)
        appended = after[len(before) :]
        assert appended.count(b"\n") > 3
        assert appended.count(b"\n") == appended.count(b"\r\n")
        assert appended.startswith(b"\r\n[[")

    _run_writes(plan, after_each)
    final = plan.read_bytes()
    assert final.startswith(crlf)
    assert final.count(b"\n") == final.count(b"\r\n")


def test_file_mode_is_kept(plan: Path) -> None:
    os.chmod(plan, 0o640)

    def after_each(before: bytes, after: bytes) -> None:
        assert stat.S_IMODE(plan.stat().st_mode) == 0o640

    _run_writes(plan, after_each)


def test_symlinked_plan_stays_a_symlink(tmp_path: Path) -> None:
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    real = copy_plan(real_dir, "plan.toml")
    work = tmp_path / "work"
    work.mkdir()
    link = work / "link.toml"
    link.symlink_to(Path("..") / "real" / "plan.toml")
    original = real.read_bytes()

    def after_each(before: bytes, after: bytes) -> None:
        assert link.is_symlink()
        assert os.readlink(link) == os.path.join("..", "real", "plan.toml")
        assert real.read_bytes() == after
        assert after.startswith(original)

    _run_writes(link, after_each)
    assert sorted(p.name for p in work.iterdir()) == ["link.toml"]
    assert not list(real_dir.glob("*.tmp"))


# --------------------------------------------------------------------------- bad input


@pytest.fixture(scope="module")
def tracked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """A plan with one activity (target 4) and one completion.

    Shared by the bad-input cases: each one checks that it left the file as it was.
    """
    plan = copy_plan(tmp_path_factory.mktemp("tracked"))
    ident = add_activity(plan, "--title", "Phóng sự", "--target", "4")
    completion = record(plan, ident, "--date", "2017-09-20")
    return plan, ident, completion


ADD = ["activity", "add", "--task", TASK, "--title", "x"]


@pytest.mark.parametrize(
    ("args", "mentions"),
    [
        (["activity", "add", "--task", "v9-khong-co", "--title", "x"], ["--task", "'v9-khong-co'"]),
        ([*ADD, "--due", "2017-13-45"], ["--due", "'2017-13-45'", "not a real date"]),
        ([*ADD, "--due", "mai"], ["--due", "'mai'", "not a date"]),
        ([*ADD, "--target", "-1"], ["--target", "'-1'"]),
        ([*ADD, "--target", "0"], ["--target", "'0'"]),
        ([*ADD, "--target", "2.5"], ["--target", "'2.5'"]),
        ([*ADD, "--cost", "1.5"], ["--cost", "'1.5'", "ambiguous"]),
        ([*ADD, "--cost", "abc"], ["--cost", "'abc'"]),
        ([*ADD, "--cost", "-5"], ["--cost", "'-5'", "negative"]),
        ([*ADD, "--source", "ngan-sach-xa"], ["--source", "'ngan-sach-xa'"]),
        ([*ADD, "--channel", "tiktok"], ["--channel", "'tiktok'"]),
        ([*ADD, "--id", "có dấu"], ["--id", "'có dấu'"]),
        ([*ADD, "--id", "{a}"], ["--id", "'{a}'", "already exists"]),
        ([*ADD, "--title", "  "], ["--title is empty"]),
        (["activity", "add", "--title", "x"], ["--task is required"]),
        (["activity", "add", "--task", TASK], ["--title is required"]),
        ([*ADD, "--cost", "200000000", "--source", "ngan-sach-tinh"],
         ["over-allocated", "ngan-sach-tinh", "200,000,000", "163,000,000", "nothing was written"]),
        (["record", "{a}", "--date", "2017-13-45"], ["--date", "'2017-13-45'"]),
        (["record", "{a}", "--date", "2018-01-05"],
         ["future-date", "2018-01-05", "after today (2017-12-31)", "nothing was written"]),
        (["record", "{a}", "--qty", "0"], ["--qty", "'0'"]),
        (["record", "{a}", "--spent", "abc"], ["--spent", "'abc'"]),
        (["record", "{a}", "--spent", "1,5"], ["--spent", "'1,5'"]),
        (["record", "khong-co-hoat-dong"], ["ID", "'khong-co-hoat-dong'"]),
        (["record"], ["ID is required"]),
        (["record", "--void", "khong-co-c1", "--reason", "x"], ["--void", "'khong-co-c1'"]),
        (["record", "--void", "{c}"], ["--reason is required"]),
        (["record", "--void", "{c}", "--reason", " "], ["--reason is required"]),
        (["activity", "cancel", "{a}"], ["--reason is required"]),
        (["activity", "cancel", "khong-co", "--reason", "x"], ["ID", "'khong-co'"]),
        (["activity", "cancel", "{a}", "--reason", "x", "--date", "2018-02-01"],
         ["future-date", "2018-02-01"]),
        (["activity", "show", "khong-co"], ["ID", "'khong-co'"]),
    ],
)  # fmt: skip
def test_bad_input_exits_2_and_writes_nothing(
    tracked: tuple[Path, str, str], args: list[str], mentions: list[str]
) -> None:
    plan, ident, completion = tracked
    args = [a.format(a=ident, c=completion) for a in args]
    mentions = [m.format(a=ident, c=completion) for m in mentions]
    before = plan.read_bytes()
    files_before = sorted(p.name for p in plan.parent.iterdir())
    result = cli(*args, "-p", plan)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert "internal error" not in result.stderr
    for mention in mentions:
        assert mention in result.stderr
    assert result.stderr.startswith(("ggov-plan: error: ", f"{plan}:"))
    assert plan.read_bytes() == before
    assert sorted(p.name for p in plan.parent.iterdir()) == files_before


def test_bad_input_in_a_real_process_has_no_traceback(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    before = plan.read_bytes()
    result = run_process("activity", "add", "--task", TASK, "--title", "x", "--cost", "1.5",
                         "-p", plan)  # fmt: skip
    assert result.returncode == 2
    assert "'1.5'" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stdout == ""
    assert plan.read_bytes() == before


def test_an_invalid_plan_is_refused_before_writing(plan: Path) -> None:
    text = plan.read_text(encoding="utf-8").replace("amount = 50_000_000", "amount = 60_000_000")
    plan.write_text(text, encoding="utf-8")
    before = plan.read_bytes()
    result = cli(*ADD, "-p", plan)
    assert result.exit_code == 1
    assert "budget-sum" in result.stderr
    assert plan.read_bytes() == before


def test_overspending_is_allowed_with_a_warning(plan: Path) -> None:
    # Make the copy free of warnings (the printed indicator breakdown is off by 107),
    # so that `check --strict` fails only because of the overspending.
    text = plan.read_text(encoding="utf-8")
    assert text.count("value = 370") == 1
    plan.write_text(text.replace("value = 370", "value = 477"), encoding="utf-8")
    assert cli("check", "--strict", "-p", plan).exit_code == 0

    ident = add_activity(
        plan, "--title", "x", "--cost", "100.000.000", "--source", "ngan-sach-tinh"
    )
    completion = record(plan, ident, "--spent", "200.000.000", "--date", "2017-10-01")
    assert completion.startswith(f"{ident}-")
    assert listed(plan)[ident]["spent"] == 200_000_000

    assert cli("check", "-p", plan).exit_code == 0
    strict = cli("check", "--strict", "-p", plan)
    assert strict.exit_code == 1
    assert "over-spent" in strict.stdout
    report = json_of_check(plan)
    assert report["valid"] is True
    assert report["errors"] == []
    assert [w["code"] for w in report["warnings"]] == ["over-spent"]
    assert "200,000,000" in report["warnings"][0]["message"]
    budget = json_of("budget", "--as-of", "2017-12-31", "-p", plan)
    assert groups(budget)["ngan-sach-tinh"]["remaining"] == -37_000_000


def json_of_check(plan: Path) -> dict[str, Any]:
    result = cli("check", "--format", "json", "-p", plan)
    assert result.exit_code == 0, result.stdout
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_over_allocation_counts_what_is_already_allocated(plan: Path) -> None:
    add_activity(plan, "--title", "x", "--cost", "150000000", "--source", "ngan-sach-tinh")
    before = plan.read_bytes()
    refused = cli(*ADD, "--cost", "13.000.001", "--source", "ngan-sach-tinh", "-p", plan)
    assert refused.exit_code == 2
    assert "163,000,001" in refused.stderr
    assert plan.read_bytes() == before
    # Exactly what is left is accepted.
    add_activity(plan, "--title", "y", "--cost", "13.000.000", "--source", "ngan-sach-tinh")
    budget = json_of("budget", "--as-of", "2017-12-31", "-p", plan)
    assert groups(budget)["ngan-sach-tinh"]["allocated"] == 163_000_000


# --------------------------------------------------------------------------- found bugs


def test_short_activity_is_appended(plan: Path) -> None:
    result = cli("activity", "add", "--task", "v1-truong-hoc", "--title", "x", "--id", "a1",
                 "-p", plan)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert last_line(result) == "a1"
    assert listed(plan)["a1"]["task"] == "v1-truong-hoc"


def test_status_lists_the_first_overdue_activities_and_says_how_many_more(
    tmp_path: Path,
) -> None:
    import datetime as dt

    from ggov_plan.render.console.terminal import STATUS_OVERDUE_ROWS
    from ggov_plan.write.journal import render_blocks

    plan = copy_plan(tmp_path)
    count = STATUS_OVERDUE_ROWS + 5
    blocks = render_blocks(
        [
            (
                "activity",
                {
                    "id": f"so-tttt-od{n:02d}",
                    "task": "v1-san-xuat-chuong-trinh",
                    "title": f"Buổi tuyên truyền số {n}",
                    "due": dt.date(2017, 10, 1),
                },
            )
            for n in range(count)
        ]
    )
    plan.write_bytes(plan.read_bytes() + b"\n" + blocks.encode("utf-8"))
    shown = cli("status", "-p", plan, "--lang", "en")
    assert shown.exit_code == 0, shown.stderr
    listed = [n for n in range(count) if f"so-tttt-od{n:02d}" in shown.stdout]
    assert listed == list(range(STATUS_OVERDUE_ROWS))
    assert "… and 5 more: ggov-plan activity list --status overdue" in shown.stdout
    everything = cli("activity", "list", "--status", "overdue", "--json", "-p", plan)
    assert len(json.loads(everything.stdout)["activities"]) == count
