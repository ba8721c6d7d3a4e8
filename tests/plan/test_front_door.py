"""The front door for reading a plan (ggov_plan.plan): read, open_valid, and a write's re-read.

A valid plan opens as a Checked whose plan is never None; an invalid one is
refused with every problem, which read() still reports. The cache changes
nothing a caller sees. A write proves its re-read under the lock against the
Checked it read before, so with the cache on or off it parses its plan once,
and it writes nothing to the cache folder before the plan. The cache keeps no
state in the process between calls.
"""

from __future__ import annotations

import ast
import datetime as dt
import shutil
import types
from collections.abc import Callable, MutableMapping, MutableSequence, MutableSet
from pathlib import Path
from typing import Any

import pytest
from plan_facts import plan_facts

from ggov_plan import plan as front
from ggov_plan.plan import cache, validity
from ggov_plan.plan import front as front_module
from ggov_plan.plan.model import Plan
from ggov_plan.plan.parse import parse, toml_reader
from ggov_plan.plan.rules import Context
from ggov_plan.problems import PlanInvalid
from ggov_plan.write import journal
from track_helpers import PLAN_2017, ROOT, copy_plan

TODAY = dt.date(2017, 12, 31)
BROKEN = ROOT / "examples" / "broken.toml"
TASK = "v1-san-xuat-chuong-trinh"


@pytest.fixture(autouse=True)
def _own_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # journal.append uses the user's cache folder: one per test, so that what a
    # test finds there is what it did.
    folder = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    monkeypatch.delenv("GGOV_PLAN_NO_CACHE", raising=False)
    return folder / "ggov-plan"


def new_activity(ident: str) -> Callable[[Any], journal.NewRecords]:
    return lambda _: [("activity", {"id": ident, "task": TASK, "title": "Phóng sự"})]


# --------------------------------------------------------------------------- read and open_valid


@pytest.mark.parametrize("use_cache", [False, True])
def test_a_valid_plan_opens_as_checked_with_its_plan(tmp_path: Path, use_cache: bool) -> None:
    plan = copy_plan(tmp_path)
    checked = front.open_valid(plan, today=TODAY, cache=use_cache)
    assert isinstance(checked, front.Checked)
    assert isinstance(checked.plan, Plan) and checked.plan.tasks
    assert checked.file == str(plan)
    assert [p.code for p in checked.warnings] == ["indicator-sum"]  # the document's own
    assert checked.reading.valid and checked.reading.problems == checked.warnings


@pytest.mark.parametrize("use_cache", [False, True])
def test_an_invalid_plan_is_refused_with_every_problem(tmp_path: Path, use_cache: bool) -> None:
    plan = tmp_path / "broken.toml"
    shutil.copyfile(BROKEN, plan)
    reading = front.read(plan, today=TODAY, cache=use_cache)
    assert not reading.valid
    codes = sorted(p.code for p in reading.problems)
    assert codes == ["budget-sum", "indicator-sum", "unknown-reference"]
    with pytest.raises(PlanInvalid) as refused:
        front.open_valid(plan, today=TODAY, cache=use_cache)
    assert refused.value.problems == list(reading.problems)
    with pytest.raises(PlanInvalid):
        reading.checked()


def test_a_plan_that_does_not_parse_is_read_with_its_problem(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text("format = 1\n[plan\n", encoding="utf-8")
    reading = front.read(plan, today=TODAY, cache=True)
    assert reading.loaded.plan is None and reading.basis is None
    assert [p.code for p in reading.problems] == ["syntax"]
    with pytest.raises(PlanInvalid):
        reading.checked()


@pytest.mark.parametrize("source", [PLAN_2017, BROKEN])
def test_the_cache_on_or_off_gives_the_same_reading(tmp_path: Path, source: Path) -> None:
    plan = tmp_path / "plan.toml"
    shutil.copyfile(source, plan)
    folder = tmp_path / "cache"
    cold = front.read(plan, today=TODAY, cache=False)
    first = front.read(plan, today=TODAY, cache=True, folder=folder)
    warm = front.read(plan, today=TODAY, cache=True, folder=folder)
    # Rules' problems do not keep a plan out of the cache; load problems would.
    assert (first.how, warm.how) == ("parsed", "cache")
    for reading in (first, warm):
        assert reading.problems == cold.problems
        assert reading.loaded.plan is not None and cold.loaded.plan is not None
        assert plan_facts(reading.loaded.plan) == plan_facts(cold.loaded.plan)
        assert reading.loaded.data == cold.loaded.data


# --------------------------------------------------------------------------- a write's re-read


def count_full_parses(monkeypatch: pytest.MonkeyPatch, plan: Path) -> list[int]:
    """Every TOML parse of at least the plan's whole text, by its length.

    Appended blocks are parsed alone; they are far shorter than the plan.
    """
    whole = len(plan.read_text(encoding="utf-8"))
    seen: list[int] = []
    real = toml_reader.loads

    def loads(text: str, **options: Any) -> dict[str, Any]:
        if len(text) >= whole:
            seen.append(len(text))
        return real(text, **options)

    monkeypatch.setattr(toml_reader, "loads", loads)
    return seen


@pytest.mark.parametrize("use_cache", [False, True])
def test_a_write_proves_its_reread_against_what_it_read_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, use_cache: bool
) -> None:
    plan = copy_plan(tmp_path)
    parses = count_full_parses(monkeypatch, plan)
    entry_reads: list[Path] = []
    read_entry = cache.read_entry

    def counted_read(path: Path) -> cache.Snapshot | None:
        entry_reads.append(path)
        return read_entry(path)

    monkeypatch.setattr(cache, "read_entry", counted_read)
    before = front.open_valid(plan, today=TODAY, cache=use_cache)
    assert len(parses) == 1  # the cache folder is empty: a first parse either way
    assert len(entry_reads) == (1 if use_cache else 0)
    journal.append(
        plan, new_activity("so-tttt-2a2a"), Context(TODAY), use_cache=use_cache, before=before
    )
    # Under the lock: no second parse, no second read of the cache entry; the
    # new blocks were verified alone.
    assert len(parses) == 1
    assert len(entry_reads) == (1 if use_cache else 0)
    written = parse(plan.read_text(encoding="utf-8"), str(plan))
    assert written.plan is not None and "so-tttt-2a2a" in written.plan.declared_ids["activity"]


def test_without_the_earlier_read_a_cold_write_parses_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The counter above counts what it claims: without ``before``, the plan is parsed again."""
    plan = copy_plan(tmp_path)
    parses = count_full_parses(monkeypatch, plan)
    front.open_valid(plan, today=TODAY, cache=False)
    journal.append(plan, new_activity("so-tttt-2a2a"), Context(TODAY), use_cache=False)
    assert len(parses) == 2


@pytest.mark.parametrize("use_cache", [False, True])
def test_the_reread_sees_what_another_writer_appended_since(
    tmp_path: Path, use_cache: bool
) -> None:
    plan = copy_plan(tmp_path)
    before = front.open_valid(plan, today=TODAY, cache=use_cache)
    journal.append(plan, new_activity("so-tttt-3b3b"), Context(TODAY), use_cache=use_cache)
    seen: list[frozenset[str]] = []

    def build(fresh: Any) -> journal.NewRecords:
        seen.append(fresh.plan.declared_ids["activity"])
        return new_activity("so-tttt-4c4c")(fresh)

    journal.append(plan, build, Context(TODAY), use_cache=use_cache, before=before)
    assert "so-tttt-3b3b" in seen[0]
    written = parse(plan.read_text(encoding="utf-8"), str(plan))
    assert written.plan is not None
    assert {"so-tttt-3b3b", "so-tttt-4c4c"} <= written.plan.declared_ids["activity"]


@pytest.mark.parametrize("use_cache", [False, True])
def test_the_reread_sees_a_hand_edit_made_since(tmp_path: Path, use_cache: bool) -> None:
    plan = copy_plan(tmp_path)
    before = front.open_valid(plan, today=TODAY, cache=use_cache)
    raw = plan.read_bytes()
    plan.write_bytes(raw.replace(b"Ti\xe1\xbb\x81n Giang", b"Ti\xe1\xbb\x81n GIANG"))
    titles: list[str] = []

    def build(fresh: Any) -> journal.NewRecords:
        titles.append(fresh.plan.header.title)
        return new_activity("so-tttt-2a2a")(fresh)

    journal.append(plan, build, Context(TODAY), use_cache=use_cache, before=before)
    assert "GIANG" in titles[0]


def test_the_reread_refuses_a_plan_made_invalid_since(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    before = front.open_valid(plan, today=TODAY, cache=False)
    shutil.copyfile(BROKEN, plan)
    # Its errors are the rules': a write may start from it, but only to repair it.
    with pytest.raises(journal.PlanStillInvalid):
        journal.append(
            plan, new_activity("so-tttt-2a2a"), Context(TODAY), use_cache=False, before=before
        )
    assert plan.read_bytes() == BROKEN.read_bytes()


def test_a_write_touches_the_cache_folder_only_after_the_plan(
    tmp_path: Path, _own_cache_folder: Path
) -> None:
    plan = copy_plan(tmp_path)
    before = front.open_valid(plan, today=TODAY, cache=True)

    def state() -> dict[str, tuple[int, int]]:
        return {
            p.name: (p.stat().st_size, p.stat().st_mtime_ns)
            for p in (_own_cache_folder / "plans").iterdir()
        }

    known = state()
    assert sorted(Path(name).suffix for name in known) == [".checked", ".pickle"]
    journal.append(plan, new_activity("so-tttt-2a2a"), Context(TODAY), before=before, dry_run=True)
    assert state() == known
    journal.append(plan, new_activity("so-tttt-2a2a"), Context(TODAY), before=before)
    assert state() != known  # the rules' result of the new plan, at least
    after = front.read(plan, today=TODAY, cache=True)
    assert after.how in ("cache", "appended") and after.valid


def test_a_checked_plan_of_another_file_is_not_used(tmp_path: Path) -> None:
    first = copy_plan(tmp_path, "a.toml")
    second = copy_plan(tmp_path, "b.toml")
    before = front.open_valid(first, today=TODAY, cache=False)
    current = front.reread_for_write(
        second, file=str(second), before=before, today=TODAY, cache=False
    )
    assert current.checked.reading.how == "parsed"
    assert current.checked.file == str(second)


# --------------------------------------------------------------------------- no hidden state


MUTABLE = (dict, list, set, bytearray, MutableMapping, MutableSequence, MutableSet)


def defined_at_module_level(module: types.ModuleType) -> set[str]:
    """The names a module assigns at its top level (not those it imports)."""
    tree = ast.parse(Path(str(module.__file__)).read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign):
            targets = [node.target]
        names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


@pytest.mark.parametrize("module", [cache, front_module, validity], ids=lambda m: m.__name__)
def test_no_module_level_mutable_state(module: types.ModuleType) -> None:
    """What one read proves reaches the next as a value, never through a module's memory."""
    names = defined_at_module_level(module)
    assert "FORMAT_TAG" in names or module is not cache  # the walk finds assignments
    mutable = {
        name: type(value).__name__
        for name, value in vars(module).items()
        if name in names and isinstance(value, MUTABLE)
    }
    assert mutable == {}


def test_reading_twice_leaves_one_entry_and_its_rules_result(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    folder = tmp_path / "cache"
    for _ in range(2):
        front.read(plan, today=TODAY, cache=True, folder=folder)
    entry = cache.entry_path(plan, folder)
    assert sorted(p.name for p in entry.parent.iterdir()) == sorted(
        [entry.name, entry.with_suffix(".checked").name]
    )


def test_a_write_with_the_cache_off_leaves_it_alone_whatever_it_read_before(
    tmp_path: Path, _own_cache_folder: Path
) -> None:
    plan = copy_plan(tmp_path)
    before = front.open_valid(plan, today=TODAY, cache=True)
    entries = _own_cache_folder / "plans"
    known = {p.name: p.read_bytes() for p in entries.iterdir()}
    journal.append(
        plan, new_activity("so-tttt-2a2a"), Context(TODAY), use_cache=False, before=before
    )
    journal.append(
        plan, new_activity("so-tttt-3b3b"), Context(TODAY), use_cache=False, before=before
    )
    assert {p.name: p.read_bytes() for p in entries.iterdir()} == known
