"""The front door for reading a plan: bytes → TOML → model → rules, in one call.

Every command reads its plan here, and nowhere else:

- :func:`read` gives a :class:`Reading`: the file as read and every problem
  (what ``check`` reports, valid or not);
- :func:`open_valid` gives a :class:`Checked`, or raises
  :class:`~ggov_plan.problems.PlanInvalid`: its ``plan`` is never None, so
  the type itself says the plan is valid;
- a write, under its lock, asks :func:`reread_for_write` for the plan as it
  is now, proved against the :class:`Checked` it read before taking the
  lock; and :func:`prove_appended` for the plan with its new blocks, proved
  from the blocks alone when the old text allows it.

Whether the parse cache (:mod:`ggov_plan.plan.cache`) is used is the
caller's ``cache`` flag; what it serves is the same as a parse, so callers
never see it. Nothing is remembered between calls in the process: what one
read proves about the bytes it saw travels in its result (:class:`Basis`),
and a later call is handed that result.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ggov_plan.plan import cache as parse_cache
from ggov_plan.plan import rules
from ggov_plan.plan.files import Stamp, read_bytes, read_stable
from ggov_plan.plan.model import Header, Plan
from ggov_plan.plan.parse import Loaded
from ggov_plan.problems import PlanInvalid, Problem


@dataclass(frozen=True, slots=True)
class Basis:
    """What a reading proves about the bytes it was made from.

    A later read of the same file that finds those bytes again, or those
    bytes with journal blocks appended, reuses the model instead of parsing
    (a write reads its plan before its lock and again under it). Only a
    reading without any problem has one.
    """

    snapshot: parse_cache.Snapshot
    entry: Path | None  # the cache entry, when the cache is on
    on_disk: parse_cache.Snapshot | None  # what that entry holds


@dataclass(frozen=True, slots=True)
class Reading:
    """A plan file as read, and every problem in it (errors and warnings)."""

    loaded: Loaded
    problems: tuple[Problem, ...]
    today: dt.date  # the day the rules judged it on
    how: str  # "cache", "appended", "parsed": for tests and the benchmarks
    basis: Basis | None

    @property
    def file(self) -> str:
        return self.loaded.file

    @property
    def valid(self) -> bool:
        return self.loaded.plan is not None and not any(p.is_error for p in self.problems)

    def checked(self) -> Checked:
        """This reading as a valid plan; :class:`PlanInvalid` if it has errors."""
        plan = self.loaded.plan
        if plan is None or not self.valid:
            raise PlanInvalid(self.file, list(self.problems))
        warnings = tuple(p for p in self.problems if not p.is_error)
        return Checked(plan, self.loaded, warnings, self)

    def for_write(self) -> Checked:
        """This reading as a plan a write may start from.

        A valid plan; or one whose errors were all found by the rules (an
        over-allocated source, an id used twice: what a merge of two clones
        can make) on a model that was built, so that a write may repair it.
        Such a write must then remove some of those errors and add none
        (:attr:`Checked.errors`; :mod:`ggov_plan.write.journal`). A plan
        that does not build, or breaks the file's format, raises
        :class:`PlanInvalid`: only an editor can fix it.
        """
        plan = self.loaded.plan
        errors = tuple(p for p in self.problems if p.is_error)
        if plan is None or any(not p.rule for p in errors):
            raise PlanInvalid(self.file, list(self.problems))
        warnings = tuple(p for p in self.problems if not p.is_error)
        return Checked(plan, self.loaded, warnings, self, errors)


@dataclass(frozen=True, slots=True)
class Checked:
    """A plan proved valid: its model, its warnings, and the reading it came from.

    A write passes it to :func:`ggov_plan.write.journal.append`, which proves
    its re-read under the lock against it instead of parsing again.
    """

    plan: Plan
    loaded: Loaded
    warnings: tuple[Problem, ...]
    reading: Reading
    #: The rules' errors of a plan read for a write that may repair it
    #: (:meth:`Reading.for_write`); empty for a valid plan.
    errors: tuple[Problem, ...] = ()

    @property
    def file(self) -> str:
        return self.loaded.file

    @property
    def header(self) -> Header:
        """The ``[plan]`` table: a plan without one has a missing-key error, so is never valid."""
        assert self.plan.header is not None
        return self.plan.header


@dataclass(frozen=True, slots=True)
class Current:
    """The plan under a write's lock: its bytes, the valid plan they make, and
    the file's stamp when they were read (the write checks it again before
    it replaces the file)."""

    raw: bytes
    checked: Checked
    stamp: Stamp


@dataclass(frozen=True, slots=True)
class Appended:
    """A plan with blocks appended, proved from the blocks alone.

    ``blocks`` is the TOML data of the appended text only: the writer
    compares it with the records it meant to append. ``reading`` is the whole
    new plan and its problems, as a full parse would give them.
    """

    reading: Reading
    blocks: dict[str, Any]


# --------------------------------------------------------------------------- reading


def read(path: Path, *, today: dt.date, cache: bool, folder: Path | None = None) -> Reading:
    """Read, build and judge a plan file, through the cache if ``cache``.

    ``folder`` is the cache folder (default: the user's). Raises only if the
    file has no readable text (:mod:`ggov_plan.plan.files`).
    """
    raw = read_bytes(path)
    file = str(path)
    if cache:
        entry = parse_cache.entry_path(path, folder or parse_cache.cache_folder())
        result = parse_cache.load_entry(raw, file, entry)
    else:
        result = parse_cache.load_raw(raw, file, None)
    return _judged(result, today, remember=True)


def open_valid(path: Path, *, today: dt.date, cache: bool, folder: Path | None = None) -> Checked:
    """:func:`read`, refused with :class:`PlanInvalid` if the plan has errors."""
    return read(path, today=today, cache=cache, folder=folder).checked()


# --------------------------------------------------------------------------- writing


def reread_for_write(
    path: Path,
    *,
    file: str,
    before: Checked | None,
    today: dt.date,
    cache: bool,
    folder: Path | None = None,
) -> Current:
    """The plan at ``path`` as it is now, for a writer holding its lock.

    ``file`` is the name the plan goes by in problems (as the user gave it).
    If ``before`` (the plan the writer read before its lock) proves the bytes
    — unchanged, or with blocks appended by another writer since — they are
    not parsed again, with the cache on or off. Nothing is written to the
    cache folder: that waits until the plan itself is written
    (:func:`remember_written`). Raises :class:`PlanInvalid` if the plan now
    has errors a write cannot repair (:meth:`Reading.for_write`).
    """
    raw, stamp = read_stable(path)
    if before is not None and before.file == file and before.reading.basis is not None:
        basis = before.reading.basis
        if not cache:  # read with the cache on, written with it off: leave it alone
            basis = Basis(basis.snapshot, None, None)
        result = parse_cache.proved(raw, file, basis.snapshot)
        if result is not None:
            if result.snapshot is basis.snapshot and before.reading.today == today:
                # The same bytes, name and day: the rules, pure, would say the same.
                reading = dataclasses.replace(
                    before.reading, loaded=result.loaded, how="cache", basis=basis
                )
                return Current(raw, reading.for_write(), stamp)
            # Another writer appended blocks since: only those are parsed.
            result = dataclasses.replace(result, entry=basis.entry, on_disk=basis.on_disk)
            return Current(raw, _judged(result, today, remember=False).for_write(), stamp)
    if cache:
        entry = parse_cache.entry_path(path, folder or parse_cache.cache_folder())
        result = parse_cache.load_entry(raw, file, entry, write=False)
    else:
        result = parse_cache.load_raw(raw, file, None)
    return Current(raw, _judged(result, today, remember=False).for_write(), stamp)


def prove_appended(current: Current, new_raw: bytes) -> Appended | None:
    """The plan of ``new_raw`` — ``current``'s bytes plus appended blocks —
    read from the blocks alone, with its problems; None if the old text's
    structure does not prove that enough (the writer then checks the whole
    new text)."""
    reading = current.checked.reading
    basis = reading.basis
    if basis is None:
        return None
    extended = parse_cache.extend(basis.snapshot, new_raw, reading.file)
    if extended is None:
        return None
    snapshot, blocks = extended
    result = parse_cache.CachedLoad(
        parse_cache.loaded_from(snapshot, new_raw, reading.file),
        snapshot,
        "appended",
        basis.entry,
        basis.on_disk,
    )
    return Appended(_judged(result, reading.today, remember=False), blocks)


def remember_written(appended: Appended) -> None:
    """Once the plan is written: keep its model and problems in the cache (if
    on), so that the next command starts warm."""
    reading = appended.reading
    basis = reading.basis
    if basis is None or basis.entry is None:
        return
    parse_cache.store(basis.entry, basis.on_disk, basis.snapshot)
    parse_cache.remember_problems(
        basis.entry,
        _checked_key(basis.snapshot, reading.file, reading.today),
        list(reading.problems),
    )


# --------------------------------------------------------------------------- judging


def _judged(result: parse_cache.CachedLoad, today: dt.date, *, remember: bool) -> Reading:
    """The reading of a load, with the rules' problems on ``today``.

    For a plan in the cache, the rules' result is kept beside its entry and
    reused (``remember=False`` only reads it): the rules are pure functions
    of the plan, its file name and the day, and their problems hold
    messages, worded only when shown.
    """
    snapshot, entry = result.snapshot, result.entry
    basis = Basis(snapshot, entry, result.on_disk) if snapshot is not None else None
    context = rules.Context(today=today)
    if snapshot is None or entry is None:
        problems = rules.validate(result.loaded, context)
    else:
        key = _checked_key(snapshot, result.loaded.file, today)
        recalled = parse_cache.recall_problems(entry, key)
        if recalled is not None:
            problems = recalled
        else:
            problems = rules.validate(result.loaded, context)
            if remember:
                parse_cache.remember_problems(entry, key, problems)
    return Reading(result.loaded, tuple(problems), today, result.how, basis)


def _checked_key(
    snapshot: parse_cache.Snapshot, file: str, today: dt.date
) -> parse_cache.CheckedKey:
    # No language: problems hold messages, worded only when shown.
    return (snapshot.digest, file, today)
