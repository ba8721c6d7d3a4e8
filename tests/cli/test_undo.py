"""``ggov-plan undo``: void the last record one appended, and only that.

The command line from outside (CliRunner), and the core's rules
(ggov_plan.write.changes: last_record, check_undoable, check_still_last).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ggov_plan.cli import track, writing
from ggov_plan.plan import open_valid
from ggov_plan.problems import UsageError
from ggov_plan.write import changes
from track_helpers import add_activity, cli, copy_plan, ok, record

TODAY = dt.date(2017, 12, 31)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return copy_plan(tmp_path)


@pytest.fixture
def activity(plan: Path) -> str:
    return add_activity(plan, "--title", "Tờ rơi", "--target", "2", "--cost", "5 triệu")


def _refused(*args: object) -> str:
    result = cli(*args)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    return result.stderr


def test_undo_voids_my_last_completion(plan: Path, activity: str) -> None:
    done = record(plan, activity, "--spent", "1 triệu")  # by "tester"
    result = ok("undo", "--by", "tester", "--yes", "--reason", "ghi nhầm", "-p", plan)
    void = result.stdout.strip()
    assert void.startswith(f"{done}-void-")
    text = plan.read_text(encoding="utf-8")
    assert f'completion = "{done}"' in text.split("[[void]]")[-1]
    assert f"[[completion]]  # {done}" in text  # the completion stays
    status = ok("activity", "show", activity, "--json", "-p", plan).stdout
    assert '"done": 0' in status


def test_undo_voids_a_measurement_and_a_cancellation(plan: Path, activity: str) -> None:
    ok("measure", "dvc-muc-do-3", "795", "--by", "tester", "-p", plan)
    ok("undo", "--by", "tester", "--yes", "--reason", "x", "-p", plan)
    assert "measurement = " in plan.read_text(encoding="utf-8").split("[[void]]")[-1]
    ok("activity", "cancel", activity, "--reason", "x", "--by", "tester", "-p", plan)
    ok("undo", "--by", "tester", "--yes", "--reason", "hủy nhầm", "-p", plan)
    assert "cancellation = " in plan.read_text(encoding="utf-8").split("[[void]]")[-1]
    # Open again: work can be recorded for it.
    record(plan, activity)


def test_undo_refuses_someone_elses_last_record(plan: Path, activity: str) -> None:
    before_done = record(plan, activity)
    before = plan.read_bytes()
    stderr = _refused("undo", "--by", "other", "--yes", "--reason", "x", "-p", plan, "--lang", "vi")
    assert f"bản ghi cuối cùng, kết quả thực hiện '{before_done}', do tester ghi" in stderr
    assert "không phải other" in stderr
    assert plan.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        ((), "activity cancel"),
        (("activity", "edit", "{a}", "--due", "2017-12-01", "--reason", "x"), "activity edit"),
        (("note", "--kind", "ket-qua", "Đã xong."), "add a note"),
        (("record", "--void", "{c}", "--reason", "x"), "a void is not undone"),
    ],
)
def test_undo_refuses_what_a_void_cannot_name(
    plan: Path, activity: str, args: tuple[str, ...], hint: str
) -> None:
    done = record(plan, activity)
    if args:
        ok(*(a.format(a=activity, c=done) for a in args), "--by", "tester", "-p", plan)
    else:  # an activity added last
        add_activity(plan, "--title", "Khác")
    stderr = _refused("undo", "--by", "tester", "--yes", "--reason", "x", "-p", plan)
    assert "cannot be voided" in stderr and hint in stderr


def test_undo_of_nothing(plan: Path) -> None:
    assert "nothing to undo" in _refused("undo", "--yes", "--reason", "x", "-p", plan)


def test_undo_in_a_script_needs_yes(plan: Path, activity: str) -> None:
    record(plan, activity)
    stderr = _refused("undo", "--by", "tester", "--reason", "x", "-p", plan)
    assert "--yes" in stderr


def test_undo_dry_run_needs_no_yes(plan: Path, activity: str) -> None:
    record(plan, activity)
    before = plan.read_bytes()
    result = ok("undo", "--by", "tester", "--reason", "x", "--dry-run", "-p", plan)
    assert "[[void]]" in result.stdout
    assert plan.read_bytes() == before


def test_undo_asks_at_a_terminal(
    plan: Path, activity: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from ggov_plan.cli import app
    from track_helpers import ENV

    done = record(plan, activity)
    monkeypatch.setattr(track, "_interactive", lambda: True)
    monkeypatch.setattr(writing, "interactive", lambda: True)
    before = plan.read_bytes()
    args = ["undo", "--by", "tester", "-p", str(plan), "--lang", "vi"]
    result = CliRunner().invoke(app, args, input="k\n", env=ENV)
    assert result.exit_code == 0, result.output
    assert f"Hủy bỏ: kết quả thực hiện '{done}'" in result.stdout
    assert plan.read_bytes() == before
    result = CliRunner().invoke(app, args, input="\nghi nhầm\n", env=ENV)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith(f"{done}-void-")


# --------------------------------------------------------------------------- the core


def _read(plan: Path) -> tuple[object, object]:
    checked = open_valid(plan, today=TODAY, cache=False)
    return checked.plan, track._line_of(checked)


def test_the_last_record_is_the_last_in_the_file(plan: Path, activity: str) -> None:
    done = record(plan, activity)
    ok("note", "--kind", "ket-qua", "Đã xong.", "--by", "tester", "--id", "so-n1", "-p", plan)
    current, line_of = _read(plan)
    last = changes.last_record(current, line_of)  # type: ignore[arg-type]
    assert last == changes.Last("note", "so-n1", "tester")
    record(plan, activity, "--qty", "1")
    current, line_of = _read(plan)
    last = changes.last_record(current, line_of)  # type: ignore[arg-type]
    assert last is not None and last.key == "completion" and last.id != done


def test_a_record_appended_since_refuses_the_undo(plan: Path, activity: str) -> None:
    record(plan, activity)
    current, line_of = _read(plan)
    shown = changes.last_record(current, line_of)  # type: ignore[arg-type]
    assert shown is not None
    changes.check_still_last(current, line_of, shown)  # type: ignore[arg-type]
    later = record(plan, activity)
    current, line_of = _read(plan)
    with pytest.raises(UsageError) as refused:
        changes.check_still_last(current, line_of, shown)  # type: ignore[arg-type]
    assert later in refused.value.message


def test_hand_written_records_without_a_recorder_are_nobodys() -> None:
    last = changes.Last("completion", "c1", None)
    with pytest.raises(UsageError, match="recorded by"):
        changes.check_undoable(last, "tester")
    with pytest.raises(UsageError, match="cannot be voided") as refused:
        changes.check_undoable(changes.Last("amendment", None, "t"), "t")
    assert "activity edit" in refused.value.hint


def test_every_journal_record_undo_cannot_void_has_a_hint() -> None:
    from ggov_plan.i18n import CATALOG

    for key, _ in changes.JOURNAL:
        if key not in changes.VOIDABLE:
            assert f"journal.undo.hint.{key}" in CATALOG


def test_a_cancellation_voided_already_is_refused(plan: Path, activity: str) -> None:
    ok("activity", "cancel", activity, "--reason", "x", "--by", "t", "-p", plan)
    ok("activity", "reopen", activity, "--reason", "x", "--by", "t", "-p", plan)
    current, _ = _read(plan)
    (cancellation,) = current.cancellations  # type: ignore[attr-defined]
    request = changes.VoidCancellation(cancellation=cancellation.id, reason="x")
    context = changes.WriteContext(
        today=TODAY, now=dt.datetime(2017, 12, 31, 9, tzinfo=dt.UTC), user=lambda: "t"
    )
    with pytest.raises(UsageError, match="already void"):
        changes.change(current, request, context)  # type: ignore[arg-type]


def test_undo_says_what_it_did_at_a_terminal(
    plan: Path, activity: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writing, "telling", lambda: True)
    ok("activity", "cancel", activity, "--reason", "x", "--by", "tester", "-p", plan)
    result = ok("undo", "--by", "tester", "--yes", "--reason", "hủy nhầm", "-p", plan)
    # Open again: no longer "— cancelled".
    assert result.stderr == f"{activity} Tờ rơi: 0/2, spent 0 / 5,000,000 VND\n"
