"""journal.append used directly: what it appends, what it refuses, its lock and temp files."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path
from typing import Any

import filelock
import pytest

from ggov_plan.plan import Checked
from ggov_plan.plan.parse import Loaded, parse
from ggov_plan.plan.parse import parse_file as load
from ggov_plan.plan.rules import Context, validate
from ggov_plan.problems import PlanInvalid, PlanNotFound, UsageError
from ggov_plan.write import atomic, journal
from track_helpers import copy_plan

CONTEXT = Context(today=dt.date(2017, 12, 31))
TASK = "v1-san-xuat-chuong-trinh"
RECORDED_AT = dt.datetime(2017, 9, 21, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def activity(ident: str, **extra: Any) -> tuple[str, dict[str, Any]]:
    # A realistic activity; short records are covered by their own test below.
    return (
        "activity",
        {
            "id": ident,
            "task": TASK,
            "title": f"Phóng sự truyền hình về dịch vụ công trực tuyến, số {ident}",
            "target": 4,
            "cost": 0,
            "created": dt.date(2017, 9, 1),
            **extra,
        },
    )


def completion(ident: str, activity_id: str, **extra: Any) -> tuple[str, dict[str, Any]]:
    return (
        "completion",
        {
            "id": ident,
            "activity": activity_id,
            "date": dt.date(2017, 9, 20),
            "quantity": 1,
            "spent": 5_000_000,
            "recorded_by": "nguyenvana",
            "recorded_at": RECORDED_AT,
            **extra,
        },
    )


def records_of(path: Path) -> Loaded:
    loaded = parse(path.read_text(encoding="utf-8"), str(path))
    assert loaded.plan is not None
    assert [p for p in validate(loaded, CONTEXT) if p.is_error] == []
    return loaded


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return copy_plan(tmp_path, "plan.toml")


# --------------------------------------------------------------------------- what is written


def test_append_adds_exactly_the_blocks(plan: Path) -> None:
    before = plan.read_bytes()
    result = journal.append(
        plan, lambda _: [activity("so-tttt-a1"), completion("so-tttt-a1-c1", "so-tttt-a1")], CONTEXT
    )
    after = plan.read_bytes()
    assert result.written is True
    assert result.path == plan
    assert after == before + result.appended.encode("utf-8")
    assert result.appended.startswith("\n[[activity]]  # so-tttt-a1\n")
    assert "\n\n[[completion]]  # so-tttt-a1-c1\n" in result.appended
    loaded = records_of(plan)
    assert loaded.plan is not None
    assert [a.id for a in loaded.plan.activities] == ["so-tttt-a1"]
    (done,) = loaded.plan.completions
    assert (done.id, done.spent, done.recorded_at) == ("so-tttt-a1-c1", 5_000_000, RECORDED_AT)


def test_build_sees_the_fresh_plan_under_the_lock(plan: Path) -> None:
    journal.append(plan, lambda _: [activity("so-tttt-a1")], CONTEXT)
    seen: list[frozenset[str]] = []

    def build(fresh: Checked) -> journal.NewRecords:
        assert fresh.plan is not None
        seen.append(fresh.plan.declared_ids.get("activity", frozenset()))
        return [activity("so-tttt-a2")]

    journal.append(plan, build, CONTEXT)
    assert seen == [frozenset({"so-tttt-a1"})]


def test_dry_run_returns_the_text_and_writes_nothing(plan: Path) -> None:
    before = plan.read_bytes()
    dry = journal.append(plan, lambda _: [activity("so-tttt-a1")], CONTEXT, dry_run=True)
    assert dry.written is False
    assert plan.read_bytes() == before
    real = journal.append(plan, lambda _: [activity("so-tttt-a1")], CONTEXT)
    assert real.appended == dry.appended
    assert plan.read_bytes() == before + dry.appended.encode("utf-8")


def test_none_and_empty_values_are_left_out_and_text_is_nfc(plan: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Tọa đàm ở Mỹ Tho về dịch vụ công trực tuyến")
    result = journal.append(
        plan,
        lambda _: [activity("so-tttt-a1", title=decomposed, unit=None, contents=[])],
        CONTEXT,
    )
    assert "unit" not in result.appended
    assert "contents" not in result.appended
    assert 'title = "Tọa đàm ở Mỹ Tho về dịch vụ công trực tuyến"' in result.appended
    assert decomposed not in plan.read_text(encoding="utf-8")


def test_byte_order_mark_and_crlf_are_kept(plan: Path) -> None:
    original = b"\xef\xbb\xbf" + plan.read_bytes().replace(b"\n", b"\r\n")
    plan.write_bytes(original)
    journal.append(plan, lambda _: [activity("so-tttt-a1")], CONTEXT)
    after = plan.read_bytes()
    assert after.startswith(original)
    appended = after[len(original) :]
    assert appended.startswith(b"\r\n[[activity]]  # ")
    assert appended.count(b"\n") == appended.count(b"\r\n")
    loaded = parse(after.decode("utf-8"), str(plan))
    assert loaded.plan is not None
    assert [a.id for a in loaded.plan.activities] == ["so-tttt-a1"]


def test_render_blocks_crlf() -> None:
    text = journal.render_blocks([activity("a1"), activity("a2")], "\r\n")
    assert text.count("\n") == text.count("\r\n")
    assert text.startswith("[[activity]]  # a1\r\n")
    assert "\r\n\r\n[[activity]]  # a2\r\n" in text


def test_render_blocks_always_uses_array_of_tables_headers() -> None:
    short = ("completion", {"id": "a1-c1", "activity": "a1", "date": dt.date(2017, 9, 20)})
    assert journal.render_blocks([short]).startswith("[[completion]]  # a1-c1\n")


# --------------------------------------------------------------------------- refusals


def test_unknown_key_is_refused_with_its_problem(plan: Path) -> None:
    before = plan.read_bytes()
    with pytest.raises(journal.WriteRefused) as caught:
        journal.append(plan, lambda _: [activity("so-tttt-a1", colour="đỏ")], CONTEXT)
    assert "would make the plan invalid" in caught.value.message
    assert "nothing was written" in caught.value.message
    assert [p.code for p in caught.value.problems] == ["unknown-key"]
    assert "colour" in caught.value.problems[0].message
    assert plan.read_bytes() == before


def test_unknown_reference_is_refused(plan: Path) -> None:
    before = plan.read_bytes()
    with pytest.raises(journal.WriteRefused) as caught:
        journal.append(plan, lambda _: [completion("c1", "khong-co-hoat-dong")], CONTEXT)
    assert [p.code for p in caught.value.problems] == ["unknown-reference"]
    assert "khong-co-hoat-dong" in caught.value.problems[0].message
    assert plan.read_bytes() == before


def test_a_block_that_does_not_parse_is_refused(plan: Path) -> None:
    # [[plan]] cannot follow the [plan] table: the new text would not be TOML.
    before = plan.read_bytes()
    with pytest.raises(journal.WriteRefused) as caught:
        journal.append(plan, lambda _: [("plan", {"kind": "Kế hoạch khác " * 10})], CONTEXT)
    assert "would not parse" in caught.value.message
    assert [p.code for p in caught.value.problems] == ["syntax"]
    assert plan.read_bytes() == before


def test_blocks_absorbed_by_the_last_table_are_refused(
    plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the appended keys landed in the hand-written last table, the data would change."""
    journal.append(plan, lambda _: [activity("so-tttt-a1")], CONTEXT)
    before = plan.read_bytes()
    real_render = journal.render_blocks

    def headerless(records: journal.NewRecords, newline: str = "\n") -> str:
        text = real_render(records, newline)
        return "".join(line for line in text.splitlines(keepends=True) if "[[" not in line)

    monkeypatch.setattr(journal, "render_blocks", headerless)
    with pytest.raises(journal.WriteRefused) as caught:
        journal.append(plan, lambda _: [("void", {"completion": "x", "reason": "y"})], CONTEXT)
    assert "would not read back as written" in caught.value.message
    assert "absorb" in caught.value.hint
    assert plan.read_bytes() == before


def test_short_record_after_a_table_is_appended_under_its_own_header(plan: Path) -> None:
    """A short record (which tomli_w alone would inline) gets its own [[completion]] block."""
    journal.append(plan, lambda _: [activity("a1")], CONTEXT)
    before = plan.read_bytes()
    short = ("completion", {"id": "a1-c1", "activity": "a1", "date": dt.date(2017, 9, 20)})
    journal.append(plan, lambda _: [short], CONTEXT)
    assert plan.read_bytes().startswith(before)
    loaded = load(plan)
    assert loaded.plan is not None
    assert [c.id for c in loaded.plan.completions] == ["a1-c1"]
    assert [a.id for a in loaded.plan.activities] == ["a1"]


def test_plan_ending_in_an_unfinished_table_header_is_refused(plan: Path) -> None:
    plan.write_bytes(plan.read_bytes() + b'\n[[activity]]\nid = "so-tttt-x"\n[[activ')
    before = plan.read_bytes()
    called: list[int] = []
    with pytest.raises(PlanInvalid) as caught:
        journal.append(plan, _counted(called, [activity("so-tttt-a1")]), CONTEXT)
    assert called == []
    assert caught.value.exit_code == 1
    assert "syntax" in [p.code for p in caught.value.problems]
    assert plan.read_bytes() == before


def test_plan_ending_in_an_empty_table_header_is_refused(plan: Path) -> None:
    # The header would take the appended keys if it were left open; the plan is refused first.
    plan.write_bytes(plan.read_bytes() + b"\n[[activity]]")
    before = plan.read_bytes()
    with pytest.raises(PlanInvalid) as caught:
        journal.append(plan, lambda _: [activity("so-tttt-a1")], CONTEXT)
    assert "missing-key" in [p.code for p in caught.value.problems]
    assert plan.read_bytes() == before


def test_verify_refuses_text_that_drops_old_bytes(plan: Path) -> None:
    text = plan.read_text(encoding="utf-8")
    old = parse(text, str(plan))
    records = [activity("so-tttt-a1")]
    good = text + "\n" + journal.render_blocks(records)
    assert journal.verify(old, text, good, records, CONTEXT)[0].plan is not None
    with pytest.raises(journal.WriteRefused) as caught:
        journal.verify(old, text, good.replace("# IV.", "# 4.", 1), records, CONTEXT)
    assert "does not keep the old text" in caught.value.message
    with pytest.raises(journal.WriteRefused) as caught:
        journal.verify(old, text, good, [*records, activity("so-tttt-a2")], CONTEXT)
    assert "would not read back as written" in caught.value.message


def test_an_error_in_build_writes_nothing_and_releases_the_lock(plan: Path) -> None:
    before = plan.read_bytes()

    def build(_: Checked) -> journal.NewRecords:
        raise UsageError("no")

    with pytest.raises(UsageError):
        journal.append(plan, build, CONTEXT)
    assert plan.read_bytes() == before
    journal.append(plan, lambda _: [activity("so-tttt-a1")], CONTEXT, timeout=0.2)
    assert [a.id for a in records_of(plan).plan.activities] == ["so-tttt-a1"]  # type: ignore[union-attr]


def test_missing_plan_fails_before_any_lock_file(tmp_path: Path) -> None:
    with pytest.raises(PlanNotFound):
        journal.append(tmp_path / "none.toml", lambda _: [activity("a")], CONTEXT)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("ident", "valid"),
    [("so-tttt-tv1", True), ("A_1.b", True), ("-a", False), ("có", False), ("a b", False)],
)
def test_check_new_id(ident: str, valid: bool) -> None:
    if valid:
        journal.check_new_id(ident, "--id")
    else:
        with pytest.raises(UsageError, match="is not a valid id"):
            journal.check_new_id(ident, "--id")


# --------------------------------------------------------------------------- temp and lock files


def test_stale_temp_files_are_removed_by_the_next_write(plan: Path) -> None:
    stale = [plan.parent / ".plan.toml.k3m9x7.tmp", plan.parent / ".plan.toml.abc.tmp"]
    others = [plan.parent / ".other.toml.k3m9x7.tmp", plan.parent / "plan.toml.tmp"]
    for path in stale + others:
        path.write_text("half a plan", encoding="utf-8")
    journal.append(plan, lambda _: [activity("so-tttt-a1")], CONTEXT, dry_run=True)
    assert all(path.exists() for path in stale)  # a dry run touches nothing
    journal.append(plan, lambda _: [activity("so-tttt-a1")], CONTEXT)
    assert [path for path in stale if path.exists()] == []
    assert all(path.read_text(encoding="utf-8") == "half a plan" for path in others)
    assert sorted(p.name for p in plan.parent.glob(".plan.toml.*")) == [".plan.toml.lock"]


def _held(lock: Path) -> bool:
    probe = filelock.FileLock(lock, timeout=0)
    try:
        probe.acquire()
    except filelock.Timeout:
        return True
    probe.release()
    return False


def test_lock_file_is_beside_the_plan_and_held_while_building(plan: Path) -> None:
    lock = plan.parent / ".plan.toml.lock"
    assert journal.lock_path(plan) == lock
    states: list[tuple[bool, bool]] = []

    def build(_: Checked) -> journal.NewRecords:
        states.append((lock.exists(), _held(lock)))
        return [activity("so-tttt-a1")]

    journal.append(plan, build, CONTEXT)
    assert states == [(True, True)]
    assert not _held(lock)


def test_lock_of_a_symlinked_plan_is_beside_the_real_file(tmp_path: Path) -> None:
    real_dir = tmp_path / "kho"
    real_dir.mkdir()
    real = copy_plan(real_dir, "plan.toml")
    link_dir = tmp_path / "lam-viec"
    link_dir.mkdir()
    link = link_dir / "ke-hoach.toml"
    link.symlink_to(real)
    lock = real_dir / ".plan.toml.lock"
    held: list[bool] = []

    def build(_: Checked) -> journal.NewRecords:
        held.append(_held(lock))
        return [activity("so-tttt-a1")]

    result = journal.append(link, build, CONTEXT)
    assert held == [True]
    assert result.path == link
    assert link.is_symlink()
    assert link.resolve() == real
    assert sorted(p.name for p in link_dir.iterdir()) == ["ke-hoach.toml"]
    assert sorted(p.name for p in real_dir.iterdir()) == [".plan.toml.lock", "plan.toml"]
    assert [a.id for a in records_of(real).plan.activities] == ["so-tttt-a1"]  # type: ignore[union-attr]


def test_plan_busy_when_the_lock_is_held(plan: Path) -> None:
    before = plan.read_bytes()
    holder = filelock.FileLock(journal.lock_path(plan))
    holder.acquire()
    try:
        with pytest.raises(journal.PlanBusy) as caught:
            journal.append(plan, lambda _: [activity("so-tttt-a1")], CONTEXT, timeout=0.2)
    finally:
        holder.release()
    assert "gave up after 0.2 s" in caught.value.message
    assert plan.read_bytes() == before
    journal.append(plan, lambda _: [activity("so-tttt-a1")], CONTEXT, timeout=0.2)
    assert plan.read_bytes() != before


def test_default_lock_timeout_is_documented() -> None:
    # docs/collaboration.md: "A second writer waits up to 10 seconds, then gives up with exit 75."
    assert journal.LOCK_TIMEOUT_SECONDS == 10.0
    assert journal.append.__kwdefaults__ is not None
    assert journal.append.__kwdefaults__["timeout"] == 10.0


def test_every_line_of_a_block_names_its_record() -> None:
    # Git's union merge keeps equal lines once; tagged lines are never equal
    # across two records, so two clones' blocks survive a merge whole.
    text = journal.render_blocks([activity("a1"), activity("a2")])
    lines = [line for line in text.splitlines() if line]
    assert all(line.endswith(("  # a1", "  # a2")) for line in lines)
    assert len(set(lines)) == len(lines)


# --------------------------------------------------------------------------- odd file names


def _longest_name(tmp_path: Path) -> str:
    name = "ke-hoach-" + "a" * (255 - len("ke-hoach-") - len(".toml")) + ".toml"
    assert len(name.encode()) == 255
    return name


def test_a_plan_with_a_255_byte_name_can_be_written(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path, _longest_name(tmp_path))
    journal.append(plan, lambda _: [activity("so-tttt-a1")], CONTEXT)
    journal.append(plan, lambda _: [activity("so-tttt-a2")], CONTEXT)
    assert [a.id for a in records_of(plan).plan.activities] == ["so-tttt-a1", "so-tttt-a2"]  # type: ignore[union-attr]
    lock = journal.lock_path(plan)
    assert lock.exists() and len(lock.name.encode()) <= 255
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([plan.name, lock.name])


def test_a_255_byte_name_has_its_stale_temp_files_removed(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path, _longest_name(tmp_path))
    prefix = atomic.temp_prefix(plan)
    assert len((prefix + "abcd1234.tmp").encode()) <= 255
    stale = tmp_path / (prefix + "abcd1234.tmp")
    stale.write_text("half a plan", encoding="utf-8")
    journal.append(plan, lambda _: [activity("so-tttt-a1")], CONTEXT)
    assert not stale.exists()


def test_glob_characters_in_a_name_match_only_its_own_temp_files(tmp_path: Path) -> None:
    bracketed = copy_plan(tmp_path, "plan[1].toml")
    plain = copy_plan(tmp_path, "plan1.toml")
    star = copy_plan(tmp_path, "plan*.toml")
    own = [tmp_path / ".plan[1].toml.k3m9x7ab.tmp"]
    others = [
        tmp_path / ".plan1.toml.k3m9x7ab.tmp",  # matched by the glob .plan[1].toml.*.tmp
        tmp_path / ".plan*.toml.k3m9x7ab.tmp",
        tmp_path / ".planX.toml.k3m9x7ab.tmp",  # matched by the glob .plan*.toml.*.tmp
        tmp_path / ".plan[1].toml.x.k3m9x7ab.tmp",  # plan[1].toml.x's
    ]
    for path in own + others:
        path.write_text("half a plan", encoding="utf-8")
    journal.append(bracketed, lambda _: [activity("so-tttt-a1")], CONTEXT)
    assert [p for p in own if p.exists()] == []
    assert all(p.exists() for p in others)
    journal.append(star, lambda _: [activity("so-tttt-a1")], CONTEXT)
    assert not (tmp_path / ".plan*.toml.k3m9x7ab.tmp").exists()
    assert (tmp_path / ".planX.toml.k3m9x7ab.tmp").exists()
    assert (tmp_path / ".plan1.toml.k3m9x7ab.tmp").exists()
    journal.append(plain, lambda _: [activity("so-tttt-a1")], CONTEXT)
    assert not (tmp_path / ".plan1.toml.k3m9x7ab.tmp").exists()
    for plan in (bracketed, plain, star):
        assert [a.id for a in records_of(plan).plan.activities] == ["so-tttt-a1"]  # type: ignore[union-attr]


def _counted(calls: list[int], records: journal.NewRecords) -> Any:
    """A build callback that notes each call and returns ``records``."""

    def build(_: Checked) -> journal.NewRecords:
        calls.append(1)
        return records

    return build
