"""Property tests (hypothesis): the journal keeps exact books, and plan text stays text.

Every property works on copies of data/plan2017.toml with "today" forced to
2017-12-31 (track_helpers.ENV). Writes go through the real CLI in-process
(typer's CliRunner); reads go through the core the CLI uses (load, validate,
derive, the renderers), and through ``--json`` commands. Runs are
reproducible: examples are derandomized and no example database is kept. Set
HYPOTHESIS_EXPLORE=1 to draw fresh random examples instead (hypothesis then
prints a blob that reproduces any failure).

What each property promises:

``test_journal_keeps_exact_books`` (a state machine): after any sequence of
``activity add``, ``record``, ``activity cancel``, ``record --void`` and
``--json`` reads,
- a write exits 0, prints a new id of the documented shape (``<agency>-xxxx``,
  ``<activity>-xxxx``, ``<activity>-cancel-xxxx``, ``<completion>-void-xxxx``)
  and leaves the declared part of the file byte for byte;
- a write the format forbids (allocating more than a funding source holds,
  cancelling an activity twice, voiding a completion twice) exits 2 with a
  message, without a traceback, and leaves the file as it was; an activity
  that takes exactly what its source has left is accepted;
- the file loads and validates with no error, and the records read back equal
  the records the test meant to write, field by field;
- the derived figures equal the sums of the records, as derive.py defines
  them, as of several days: only completions not voided and dated on or before
  the day count; an activity is done, overdue, in progress or planned from
  those; a cancellation dated on or before the day makes it cancelled, which
  frees its allocation and leaves it out of progress, while what it spent still
  counts. Checked: each activity's done quantity, money spent and state; per
  funding source and in total, money allocated and spent (a completion's own
  source, else its activity's); counts by state; overall progress; progress by
  task; money by agency; and ``activity list --json`` and ``budget --json``.

``test_cli_stores_text_as_given``: a title, unit, evidence, note or reason
given on the command line is stored as given, without leading and trailing
whitespace (``str.strip``, so Unicode whitespace, U+001C-U+001F, U+0085 and
U+2028 too) and in NFC. Nothing else changes: control characters, ANSI
escapes, rich markup, ``|``, ``<``, ``=`` and any other Unicode are kept
exactly. An optional text that is empty after stripping may be stored as ""
or left out. Any TOML reader, ggov-plan's loader and ``activity show --json``
all give the text back.

``test_blank_required_text_is_refused_cleanly``: a title or reason that is
empty after stripping is refused: exit 2, a message, no traceback, the file
unchanged.

``test_text_that_is_not_unicode_is_refused_cleanly``: text that cannot be
written as UTF-8 (lone surrogates: what Python makes of command-line bytes
that are not UTF-8) is refused like any other bad input: exit 2, no
traceback, the file unchanged.

The rendering properties put any text (``st.text()`` mixed with rich markup,
ANSI escapes, control characters, ``|``, ``<``, ``&``, quotes, formulas, odd
Unicode) into a hand-written journal, as a plan file may hold it, and check
every output; control characters are always shown as ``\\x1b``-style text.
- ``test_plan_text_round_trips_through_json``: json.loads gives back the
  stored text exactly (report JSON, activity detail JSON).
- ``test_plan_text_is_safe_in_csv``: the activity stays one row; a cell that
  starts with ``=``, ``+``, ``-``, ``@``, tab or CR gets a leading apostrophe,
  and no cell starts with one of those; cells otherwise read back as the text.
- ``test_plan_text_is_safe_in_markdown`` (status and official reports): no raw
  control character; every table line has as many unescaped ``|`` as its
  header; a CommonMark viewer (markdown-it with tables) finds no raw HTML and
  exactly the structure the report has with plain text (no text becomes a
  heading, list, link, emphasis, code or break), and shows the text, its
  whitespace collapsed.
- ``test_plan_text_is_safe_in_html`` (status and official reports): exactly the
  tags and attributes the report has with plain text, so no text reaches a tag
  or an attribute value (where quotes would matter), and html.parser gives the
  text back exactly.
- ``test_plan_text_renders_safely_at_the_terminal``: ``status``, ``activity
  list`` and ``activity show`` (rich, as in a pipe) print no control character
  but newline and tab, and show every word of the text literally: ``[bold]``
  and ``[/]`` are not markup.
- ``test_plan_text_survives_the_official_docx``: the official report renders
  as a Word file for any text, reopens with python-docx and shows the text.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime as dt
import io
import json
import os
import re
import shutil
import tempfile
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar
from unittest import mock

import pytest
import tomli_w
import typer.main
import typer.testing
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from markdown_it import MarkdownIt
from markdown_it.token import Token
from typer.testing import CliRunner, Result

from ggov_plan.books.derive import Status, budget_rows, overview, progress_rows
from ggov_plan.books.report import Report, build
from ggov_plan.cli import app
from ggov_plan.i18n import LANGS, Lang, language
from ggov_plan.plan.model import Plan
from ggov_plan.plan.parse import Loaded, parse
from ggov_plan.plan.parse import parse_file as load
from ggov_plan.plan.rules import Context, validate
from ggov_plan.problems import Problem
from ggov_plan.render import data as data_render
from ggov_plan.render.console import terminal, tracking
from ggov_plan.render.official import document as official
from ggov_plan.render.report import csv_table as report_csv
from ggov_plan.render.report import html_page as report_html
from ggov_plan.render.report import markdown as report_md
from track_helpers import ENV, ID_CHARS, PLAN_2017

TODAY = dt.date(2017, 12, 31)  # as track_helpers.TODAY forces it on the CLI
CONTEXT = Context(TODAY)
ORIGINAL = PLAN_2017.read_bytes()
PLAN_TEXT = ORIGINAL.decode("utf-8")

_PLAN = load(PLAN_2017).plan
assert _PLAN is not None
_BASE = _PLAN
assert _BASE is not None and _BASE.header is not None
BASE_PLAN: Plan = _BASE
PERIOD_START = _BASE.header.start
TASK_LEAD = {task.id: task.agency for task in BASE_PLAN.tasks}
AGENCIES = tuple(agency.id for agency in BASE_PLAN.agencies)
CHANNELS = tuple(channel.id for channel in BASE_PLAN.channels)
CONTENTS = tuple(content.id for content in BASE_PLAN.contents)
# The shipped plan states every amount (an unknown one is None in the model).
SOURCES = {source.id: source.amount or 0 for source in BASE_PLAN.sources}
BUDGET_TOTAL = (BASE_PLAN.budget.total or 0) if BASE_PLAN.budget else 0

EXPLORE = bool(os.environ.get("HYPOTHESIS_EXPLORE"))


def _settings(examples: int, **extra: Any) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=not EXPLORE,
        print_blob=EXPLORE,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        # No "explain" phase: it traces every line, which takes minutes here.
        phases=(Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink),
        **extra,
    )


# --------------------------------------------------------------------------- shared helpers

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_BUT_NEWLINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """The documented display policy: control characters (but tab, and line
    breaks where asked) as ``\\x1b``-style text."""
    pattern = _CONTROL_BUT_NEWLINES if keep_newlines else _CONTROL
    return pattern.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def collapsed(text: str) -> str:
    """Text as a Markdown cell or paragraph shows it: whitespace runs as one space."""
    return " ".join(text.split())


def raw_controls(text: str, allowed: str = "\n") -> set[str]:
    return {c for c in text if unicodedata.category(c) == "Cc" and c not in allowed}


_runner = CliRunner()
_command = cache(typer.main.get_command)


def cli(*args: object) -> Result:
    """ggov-plan run in-process, as track_helpers.cli runs it, only faster.

    typer's CliRunner builds the click command from the app again on every call,
    which takes longer than most commands; the command is built once here instead.
    """
    with contextlib.ExitStack() as stack:
        if hasattr(typer.testing, "_get_command"):  # else: slower, but the same
            stack.enter_context(mock.patch.object(typer.testing, "_get_command", _command))
        return _runner.invoke(app, [str(a) for a in args], env=ENV)


def clean_refusal(result: Result) -> str:
    """The refusal's message, after checking it was a clean one."""
    output = result.stdout + result.stderr
    assert result.exit_code == 2, (result.exit_code, output)
    assert "Traceback" not in output
    assert any(line.startswith("ggov-plan: ") for line in result.stderr.splitlines()), output
    return result.stderr


def succeeded(result: Result) -> str:
    """The id a successful write prints last."""
    assert result.exit_code == 0, (result.exit_code, result.stdout, result.stderr)
    # Nothing on stderr but the warnings a write may draw (a date outside the
    # period, money beyond a cost): the write went ahead.
    for line in result.stderr.splitlines():
        assert line.startswith("ggov-plan: warning: ") or ": warning[" in line, line
    return result.stdout.splitlines()[-1]


def fresh_copy(base: Path) -> Path:
    folder = Path(tempfile.mkdtemp(dir=base))
    path = folder / "plan2017.toml"
    shutil.copyfile(PLAN_2017, path)
    return path


# --------------------------------------------------------------------------- the journal


@dataclasses.dataclass
class MActivity:
    id: str
    task: str
    title: str
    agency: str | None
    channel: str | None
    contents: tuple[str, ...]
    due: dt.date | None
    target: int
    unit: str | None
    cost: int
    source: str | None
    created: dt.date = TODAY

    @property
    def doer(self) -> str:
        return self.agency or TASK_LEAD[self.task]


@dataclasses.dataclass
class MCompletion:
    id: str
    activity: str
    date: dt.date
    quantity: int
    spent: int
    source: str | None
    evidence: str | None
    note: str | None
    recorded_by: str


@dataclasses.dataclass
class MCancellation:
    id: str
    activity: str
    date: dt.date
    reason: str
    recorded_by: str


@dataclasses.dataclass
class MVoid:
    id: str
    completion: str
    reason: str
    recorded_by: str


@dataclasses.dataclass
class Books:
    """What the test has written, in order: the model the file must agree with."""

    activities: dict[str, MActivity] = dataclasses.field(default_factory=dict)
    completions: dict[str, MCompletion] = dataclasses.field(default_factory=dict)
    cancellations: list[MCancellation] = dataclasses.field(default_factory=list)
    voids: list[MVoid] = dataclasses.field(default_factory=list)

    def allocated_for_check(self, source: str) -> int:
        """What `check` counts against a source: cancelled activities free theirs, whenever."""
        cancelled = {c.activity for c in self.cancellations}
        return sum(
            a.cost for a in self.activities.values() if a.source == source and a.id not in cancelled
        )


@dataclasses.dataclass(frozen=True)
class Figures:
    """The oracle: derived figures worked out from the records, as derive.py defines them."""

    #: Per activity: agency, source, done, spent, state.
    activities: dict[str, tuple[str, str | None, int, int, str]]
    sources: dict[str, tuple[int, int]]  # allocated, spent
    allocated: int
    spent: int
    unassigned: tuple[int, int]
    counts: dict[str, int]
    progress: float
    by_task: dict[str, tuple[int, int, int, int, int]]  # activities, done ones, target, done, spent
    by_agency: dict[str, tuple[int, int]]  # allocated, spent


def expected_figures(books: Books, as_of: dt.date) -> Figures:
    voided = {v.completion for v in books.voids}
    counted = [c for c in books.completions.values() if c.id not in voided and c.date <= as_of]
    cancelled = {c.activity for c in books.cancellations if c.date <= as_of}
    per: dict[str, tuple[str, str | None, int, int, str]] = {}
    # The plan's progress is the mean over all its tasks of each task's mean
    # share over its live activities, 0 for a task with none (docs/progress.md).
    ratios: dict[str, list[float]] = {task.id: [] for task in _BASE.tasks}
    allocated: Counter[str | None] = Counter()
    spent: Counter[str | None] = Counter()
    by_task: dict[str, tuple[int, int, int, int, int]] = {}
    by_agency: dict[str, tuple[int, int]] = {}
    for a in books.activities.values():
        mine = [c for c in counted if c.activity == a.id]
        done = sum(c.quantity for c in mine)
        money = sum(c.spent for c in mine)
        if a.id in cancelled:
            state = Status.CANCELLED
        elif done >= a.target:
            state = Status.DONE
        elif a.due is not None and a.due < as_of:
            state = Status.OVERDUE
        elif done > 0:
            state = Status.IN_PROGRESS
        else:
            state = Status.PLANNED
        per[a.id] = (a.doer, a.source, done, money, state.value)
        for c in mine:
            spent[c.source or a.source] += c.spent
        agency_allocated, agency_spent = by_agency.get(a.doer, (0, 0))
        if state is not Status.CANCELLED:
            allocated[a.source] += a.cost
            ratios.setdefault(a.task, []).append(min(done / a.target, 1.0))
            n, n_done, target, quantity, task_spent = by_task.get(a.task, (0, 0, 0, 0, 0))
            by_task[a.task] = (
                n + 1,
                n_done + (state is Status.DONE),
                target + a.target,
                quantity + min(done, a.target),
                task_spent + money,
            )
            agency_allocated += a.cost
        by_agency[a.doer] = (agency_allocated, agency_spent + money)
    counts = Counter(state for *_, state in per.values())
    return Figures(
        activities=per,
        sources={s: (allocated[s], spent[s]) for s in SOURCES},
        allocated=sum(allocated.values()),
        spent=sum(spent.values()),
        unassigned=(
            sum(v for k, v in allocated.items() if k not in SOURCES),
            sum(v for k, v in spent.items() if k not in SOURCES),
        ),
        counts={s.value: counts[s.value] for s in Status},
        progress=(
            sum(sum(r) / len(r) if r else 0.0 for r in ratios.values()) / len(ratios)
            if ratios
            else 0.0
        ),
        by_task=by_task,
        by_agency=by_agency,
    )


def derived_figures(plan: Plan, as_of: dt.date) -> Figures:
    figures = overview(plan, as_of)
    budget = figures.budget
    return Figures(
        activities={
            f.activity.id: (f.agency, f.source, f.done, f.spent, f.status.value)
            for f in figures.activities
        },
        sources={s.id: (s.allocated, s.spent) for s in budget.sources},
        allocated=budget.allocated,
        spent=budget.spent,
        unassigned=(budget.unassigned_allocated, budget.unassigned_spent),
        counts={s.value: n for s, n in figures.counts.items()},
        progress=figures.progress,
        by_task={
            # The oracle adds quantities up per task; derive keeps them per unit.
            r.key: (
                r.activities,
                r.done_activities,
                sum(q.target for q in r.quantities),
                sum(q.done for q in r.quantities),
                r.spent,
            )
            for r in progress_rows(figures.activities, "task")
        },
        by_agency={r.key: (r.allocated, r.spent) for r in budget_rows(plan, figures, "agency")},
    )


def assert_same_figures(derived: Figures, expected: Figures, as_of: dt.date) -> None:
    assert derived.progress == pytest.approx(expected.progress, abs=1e-9), as_of
    assert dataclasses.replace(derived, progress=0.0) == dataclasses.replace(
        expected, progress=0.0
    ), as_of


def fields_of(record: object, names: Iterable[str]) -> dict[str, Any]:
    return {name: getattr(record, name) for name in names}


def optional_text(value: str | None) -> str | None:
    """An optional text compared as the promise goes: empty and absent are alike."""
    return value or None


AS_OF_DAYS = (dt.date(2017, 7, 1), dt.date(2017, 9, 30), dt.date(2017, 11, 15), TODAY)
COSTS = (0, 500_000, 2_000_000, 10_000_000, 25_000_000, 60_000_000)
SPENDS = (0, 300_000, 5_000_000, 60_000_000)

plain_text = st.text(
    st.characters(categories=("L", "M", "N", "P", "S", "Zs")), min_size=1, max_size=12
)
required_text = plain_text.filter(lambda s: bool(s.strip()))
journal_dates = st.dates(dt.date(2017, 6, 1), TODAY)


def stored(given: str) -> str:
    """What the CLI stores for a text given on the command line."""
    return nfc(given.strip())


def amount_text(amount: int, style: int) -> str:
    """An amount as an officer may type it: 20000000, 20.000.000, 20,000,000 or 20 triệu."""
    if style == 1:
        return f"{amount:,}".replace(",", ".")
    if style == 2:
        return f"{amount:,}"
    if style == 3 and amount and amount % 1_000_000 == 0:
        return f"{amount // 1_000_000} triệu"
    return str(amount)


def date_text(day: dt.date, style: bool) -> str:
    return f"{day:%d/%m/%Y}" if style else day.isoformat()


class JournalMachine(RuleBasedStateMachine):
    #: Where each run's copy of the plan goes (set by the test).
    folder: ClassVar[Path]

    def __init__(self) -> None:
        super().__init__()
        self.path = fresh_copy(self.folder)
        self.books = Books()

    def teardown(self) -> None:
        shutil.rmtree(self.path.parent, ignore_errors=True)

    # ----------------------------------------------------------------- writes

    def _refused(self, result: Result, before: bytes) -> None:
        clean_refusal(result)
        assert self.path.read_bytes() == before, "a refused write changed the file"

    def _add(self, data: st.DataObject, cost: int | None, source: str | None) -> None:
        task = data.draw(st.sampled_from(sorted(TASK_LEAD)), "task")
        title = data.draw(required_text, "title")
        agency = data.draw(st.none() | st.sampled_from(AGENCIES), "agency")
        channel = data.draw(st.none() | st.sampled_from(CHANNELS), "channel")
        contents = data.draw(st.lists(st.sampled_from(CONTENTS), max_size=2, unique=True))
        due = data.draw(st.none() | st.dates(PERIOD_START, dt.date(2018, 3, 31)), "due")
        target = data.draw(st.none() | st.integers(1, 4), "target")
        unit = data.draw(st.none() | plain_text, "unit")
        args: list[object] = ["activity", "add", "--task", task, "--title", title]
        if agency:
            args += ["--agency", agency]
        if channel:
            args += ["--channel", channel]
        for content in contents:
            args += ["--content", content]
        if due:
            args += ["--due", date_text(due, data.draw(st.booleans()))]
        if target is not None:
            args += ["--target", target]
        if unit is not None:
            args += ["--unit", unit]
        if cost is not None:
            args += ["--cost", amount_text(cost, data.draw(st.integers(0, 3)))]
        if source:
            args += ["--source", source]
        before = self.path.read_bytes()
        result = cli(*args, "-p", self.path)
        if source and cost and self.books.allocated_for_check(source) + cost > SOURCES[source]:
            self._refused(result, before)
            return
        ident = succeeded(result)
        prefix = agency or TASK_LEAD[task]
        assert re.fullmatch(rf"{re.escape(prefix)}-{ID_CHARS}{{4}}", ident), ident
        assert ident not in self.books.activities
        self.books.activities[ident] = MActivity(
            id=ident,
            task=task,
            title=stored(title),
            agency=agency,
            channel=channel,
            contents=tuple(contents),
            due=due,
            target=target or 1,
            unit=optional_text(stored(unit)) if unit is not None else None,
            cost=cost or 0,
            source=source,
        )

    @initialize(data=st.data())
    def first_activity(self, data: st.DataObject) -> None:
        self.add_activity(data)

    @rule(data=st.data())
    def add_activity(self, data: st.DataObject) -> None:
        cost = data.draw(st.none() | st.sampled_from(COSTS), "cost")
        source = data.draw(st.none() | st.sampled_from(sorted(SOURCES)), "source")
        self._add(data, cost, source)

    @rule(data=st.data(), source=st.sampled_from(sorted(SOURCES)), over=st.sampled_from((-1, 0, 1)))
    def add_activity_at_the_limit(self, data: st.DataObject, source: str, over: int) -> None:
        """An activity that takes what its source has left, one đồng less, or one more."""
        room = SOURCES[source] - self.books.allocated_for_check(source)
        self._add(data, max(room + over, 0), source)

    @precondition(lambda self: self.books.activities)
    @rule(data=st.data())
    def record(self, data: st.DataObject) -> None:
        activity = data.draw(st.sampled_from(list(self.books.activities)), "activity")
        day = data.draw(st.none() | journal_dates, "date")
        quantity = data.draw(st.none() | st.integers(1, 4), "quantity")
        spent = data.draw(st.none() | st.sampled_from(SPENDS), "spent")
        source = data.draw(st.none() | st.sampled_from(sorted(SOURCES)), "source")
        evidence = data.draw(st.none() | plain_text, "evidence")
        note_ = data.draw(st.none() | plain_text, "note")
        by = data.draw(st.sampled_from(["tester", "Nguyễn Văn A"]), "by")
        args: list[object] = ["record", activity, "--by", by]
        if day:
            args += ["--date", date_text(day, data.draw(st.booleans()))]
        if quantity is not None:
            args += ["--qty", quantity]
        if spent is not None:
            args += ["--spent", amount_text(spent, data.draw(st.integers(0, 3)))]
        if source:
            args += ["--source", source]
        if evidence is not None:
            args += ["--evidence", evidence]
        if note_ is not None:
            args += ["--note", note_]
        if activity in {c.activity for c in self.books.cancellations}:
            # No work is recorded on a cancelled activity (reopen it first).
            before = self.path.read_bytes()
            self._refused(cli(*args, "-p", self.path), before)
            return
        ident = succeeded(cli(*args, "-p", self.path))
        assert re.fullmatch(rf"{re.escape(activity)}-{ID_CHARS}{{4}}", ident), ident
        assert ident not in self.books.completions
        self.books.completions[ident] = MCompletion(
            id=ident,
            activity=activity,
            date=day or TODAY,
            quantity=quantity or 1,
            spent=spent or 0,
            source=source,
            evidence=optional_text(stored(evidence)) if evidence is not None else None,
            note=optional_text(stored(note_)) if note_ is not None else None,
            recorded_by=stored(by),
        )

    @precondition(lambda self: self.books.activities)
    @rule(data=st.data())
    def cancel(self, data: st.DataObject) -> None:
        activity = data.draw(st.sampled_from(list(self.books.activities)), "activity")
        day = data.draw(st.none() | journal_dates, "date")
        reason = data.draw(required_text, "reason")
        args: list[object] = ["activity", "cancel", activity, "--reason", reason, "--by", "tester"]
        if day:
            args += ["--date", date_text(day, data.draw(st.booleans()))]
        before = self.path.read_bytes()
        result = cli(*args, "-p", self.path)
        if activity in {c.activity for c in self.books.cancellations}:
            self._refused(result, before)
            return
        ident = succeeded(result)
        assert re.fullmatch(rf"{re.escape(activity)}-cancel-{ID_CHARS}{{4}}", ident), ident
        self.books.cancellations.append(
            MCancellation(ident, activity, day or TODAY, stored(reason), "tester")
        )

    @precondition(lambda self: self.books.completions)
    @rule(data=st.data())
    def void(self, data: st.DataObject) -> None:
        completion = data.draw(st.sampled_from(list(self.books.completions)), "completion")
        reason = data.draw(required_text, "reason")
        before = self.path.read_bytes()
        result = cli(
            "record", "--void", completion, "--reason", reason, "--by", "tester", "-p", self.path
        )
        if completion in {v.completion for v in self.books.voids}:
            self._refused(result, before)
            return
        ident = succeeded(result)
        assert re.fullmatch(rf"{re.escape(completion)}-void-{ID_CHARS}{{4}}", ident), ident
        self.books.voids.append(MVoid(ident, completion, stored(reason), "tester"))

    # ----------------------------------------------------------------- reads

    @rule(as_of=st.sampled_from(AS_OF_DAYS))
    def read_json_through_the_cli(self, as_of: dt.date) -> None:
        """``activity list --json`` and ``budget --json`` say what the records add up to."""
        expected = expected_figures(self.books, as_of)
        day = as_of.isoformat()
        listed = json.loads(
            succeeded_output(cli("activity", "list", "--json", "--as-of", day, "-p", self.path))
        )
        assert {
            a["id"]: (a["agency"], a["source"], a["done"], a["spent"], a["status"])
            for a in listed["activities"]
        } == expected.activities
        money = json.loads(
            succeeded_output(cli("budget", "--json", "--as-of", day, "-p", self.path))
        )
        assert money["total"] == {
            "declared": BUDGET_TOTAL,
            "allocated": expected.allocated,
            "spent": expected.spent,
            "remaining": BUDGET_TOTAL - expected.spent,
        }
        groups = {g["key"]: (g["allocated"], g["spent"]) for g in money["groups"]}
        wanted: dict[str | None, tuple[int, int]] = {k: v for k, v in expected.sources.items()}
        if any(expected.unassigned):
            wanted[None] = expected.unassigned
        assert groups == wanted

    # ----------------------------------------------------------------- after every step

    @invariant()
    def the_file_is_valid_and_reads_back(self) -> None:
        raw = self.path.read_bytes()
        assert raw.startswith(ORIGINAL), "the declared part of the plan changed"
        loaded = load(self.path)
        errors = [p for p in validate(loaded, CONTEXT) if p.is_error]
        assert errors == [], errors
        plan = loaded.plan
        assert plan is not None
        books = self.books

        expected_activities = [dataclasses.asdict(a) for a in books.activities.values()]
        names = list(expected_activities[0]) if expected_activities else []
        got = [fields_of(a, names) for a in plan.activities]
        for record in got:
            record["unit"] = optional_text(record["unit"])
        assert got == expected_activities

        expected_completions = [dataclasses.asdict(c) for c in books.completions.values()]
        names = list(expected_completions[0]) if expected_completions else []
        got = [fields_of(c, names) for c in plan.completions]
        for record in got:
            record["evidence"] = optional_text(record["evidence"])
            record["note"] = optional_text(record["note"])
        assert got == expected_completions

        assert [
            fields_of(c, ["id", "activity", "date", "reason", "recorded_by"])
            for c in plan.cancellations
        ] == [dataclasses.asdict(c) for c in books.cancellations]
        assert [
            fields_of(v, ["id", "completion", "reason", "recorded_by"]) for v in plan.voids
        ] == [dataclasses.asdict(v) for v in books.voids]
        stamps = [
            record.recorded_at
            for records in (plan.completions, plan.cancellations, plan.voids)
            for record in records
        ]
        assert all(isinstance(s, dt.datetime) and s.tzinfo is not None for s in stamps), stamps

        for as_of in AS_OF_DAYS:
            assert_same_figures(derived_figures(plan, as_of), expected_figures(books, as_of), as_of)


def succeeded_output(result: Result) -> str:
    assert result.exit_code == 0, (result.exit_code, result.stdout, result.stderr)
    return result.stdout


def test_journal_keeps_exact_books(tmp_path_factory: pytest.TempPathFactory) -> None:
    class Machine(JournalMachine):
        folder = tmp_path_factory.mktemp("journal")

    run_state_machine_as_test(Machine, settings=_settings(40, stateful_step_count=12))


# --------------------------------------------------------------------------- hostile text

#: Pieces that have broken, or could break, some output: rich markup, terminal
#: escapes, control characters, Markdown and HTML syntax, spreadsheet formulas,
#: odd Unicode (bidi override, zero width, BOM, NBSP, combining and decomposed
#: letters, noncharacters), and strings a command line could mistake for options.
NASTY = (
    "[bold]", "[/]", "[/bold]", "[link=http://x]y[/link]", "[red]z[/red]", ":smile:",
    "\x1b[31m", "\x1b[0m", "\x1b]8;;http://x\x1b\\", "\x1b[2J", "\x9b31m", "\x07", "\x08",
    "\x7f", "\x00", "\x85", "\r", "\n", "\r\n", "\t", "\x0b", "\x0c", "\x1c",
    "|", "\\|", "\\", "<", ">", "&", "&amp;", "&lt;b&gt;", '"', "'", "`", "*", "_", "~~",
    "# ", "1. ", "- ", "[x](http://x)", "<script>alert(1)</script>", "<!--", "]]>",
    "<b onmouseover=\"alert(1)\">", "=", "+", "-", "@", '=HYPERLINK("http://x")', "=1+1",
    "@SUM(A1)", "\u202e", "\u200b", "\ufeff", "\xa0", "\u2028", "\u3000", "\u0301",
    unicodedata.normalize("NFD", "Ấp Bắc"), "Tiền Giang", "Đ", "\U0001f600", "\ufffe",
    "\uffff", "{title}", "%s", "--help", "-p",
)  # fmt: skip
hostile_text = st.lists(st.text(max_size=12) | st.sampled_from(NASTY), max_size=6).map("".join)
#: A text with something other than whitespace in it, as a required text must be.
hostile_required = st.tuples(
    hostile_text,
    st.sampled_from([piece for piece in NASTY if piece.strip()])
    | st.characters(exclude_categories=["Cs"]).filter(lambda c: not c.isspace()),
    hostile_text,
).map("".join)
FIELDS = ("title", "unit", "evidence", "note", "void_reason", "cancel_reason")
REQUIRED = frozenset({"title", "void_reason", "cancel_reason"})
texts_strategy = st.fixed_dictionaries(
    {field: hostile_required if field in REQUIRED else hostile_text for field in FIELDS}
)

TASK = "v1-san-xuat-chuong-trinh"
ACTIVITY = "so-tttt-text"
DUE = dt.date(2017, 10, 1)
DONE_ON = dt.date(2017, 12, 10)
VOIDED_ON = dt.date(2017, 12, 11)
CANCELLED_ON = dt.date(2017, 12, 20)
#: Overdue (1 of 2 done), its completion in the report's window, not yet cancelled.
OVERDUE_DAY, OVERDUE_SINCE = dt.date(2017, 12, 15), dt.date(2017, 12, 1)


# --------------------------------------------------------------------------- text through the CLI


@given(texts=texts_strategy)
@_settings(40)
def test_cli_stores_text_as_given(
    tmp_path_factory: pytest.TempPathFactory, texts: dict[str, str]
) -> None:
    path = fresh_copy(tmp_path_factory.getbasetemp())
    try:
        _write_and_read_back(path, texts)
    finally:
        shutil.rmtree(path.parent)


def _write_and_read_back(path: Path, texts: dict[str, str]) -> None:
    p = ("-p", path)
    succeeded(
        cli("activity", "add", "--task", TASK, "--id", ACTIVITY, "--title", texts["title"],
            "--unit", texts["unit"], "--due", DUE, "--target", 2, *p)
    )  # fmt: skip
    done = succeeded(
        cli("record", ACTIVITY, "--date", DONE_ON, "--evidence", texts["evidence"],
            "--note", texts["note"], "--by", "tester", *p)
    )  # fmt: skip
    succeeded(cli("record", "--void", done, "--reason", texts["void_reason"], *p))
    succeeded(
        cli("activity", "cancel", ACTIVITY, "--date", CANCELLED_ON,
            "--reason", texts["cancel_reason"], *p)
    )  # fmt: skip

    want = {field: stored(text) for field, text in texts.items()}
    optional = ("unit", "evidence", "note")

    def same(got: dict[str, Any]) -> None:
        for field in optional:
            got[field] = optional_text(got[field])
        assert got == {f: optional_text(v) if f in optional else v for f, v in want.items()}

    # Any TOML reader reads the text back.
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    (activity,) = raw["activity"]
    (completion,) = raw["completion"]
    (void,) = raw["void"]
    (cancellation,) = raw["cancellation"]
    same(
        {
            "title": activity["title"],
            "unit": activity.get("unit"),
            "evidence": completion.get("evidence"),
            "note": completion.get("note"),
            "void_reason": void["reason"],
            "cancel_reason": cancellation["reason"],
        }
    )
    # So does ggov-plan, with no error.
    loaded = load(path)
    assert [p for p in validate(loaded, CONTEXT) if p.is_error] == []
    plan = loaded.plan
    assert plan is not None
    (model_completion,) = plan.completions
    same(
        {
            "title": plan.activities[0].title,
            "unit": plan.activities[0].unit,
            "evidence": model_completion.evidence,
            "note": model_completion.note,
            "void_reason": plan.voids[0].reason,
            "cancel_reason": plan.cancellations[0].reason,
        }
    )
    # And `activity show --json`, through json.loads.
    shown = json.loads(
        succeeded_output(cli("activity", "show", ACTIVITY, "--json", "--as-of", TODAY, *p))
    )
    (json_done,) = shown["completions"]
    same(
        {
            "title": shown["activity"]["title"],
            "unit": shown["activity"]["unit"],
            "evidence": json_done["evidence"],
            "note": json_done["note"],
            "void_reason": json_done["void"]["reason"],
            "cancel_reason": shown["cancellation"]["reason"],
        }
    )


@pytest.fixture(scope="module")
def one_of_each(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A plan with one activity and one completion, for writes that must be refused."""
    path = fresh_copy(tmp_path_factory.mktemp("refusals"))
    succeeded(cli("activity", "add", "--task", TASK, "--id", ACTIVITY, "--title", "x", "-p", path))
    succeeded(cli("record", ACTIVITY, "--date", DONE_ON, "--by", "tester", "-p", path))
    return path


def _completion_id(path: Path) -> str:
    plan = load(path).plan
    assert plan is not None
    return plan.completions[0].id


BLANKS = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2028\u2029\u202f\u3000"


@given(blank=st.text(st.sampled_from(BLANKS), max_size=5))
@_settings(10)
def test_blank_required_text_is_refused_cleanly(one_of_each: Path, blank: str) -> None:
    before = one_of_each.read_bytes()
    p = ("-p", one_of_each)
    for args in (
        ("activity", "add", "--task", TASK, "--title", blank),
        ("activity", "cancel", ACTIVITY, "--reason", blank),
        ("record", "--void", _completion_id(one_of_each), "--reason", blank),
    ):
        clean_refusal(cli(*args, *p))
        assert one_of_each.read_bytes() == before, args


lone_surrogate = st.characters(categories=["Cs"])
surrogate_text = st.tuples(hostile_text, lone_surrogate, hostile_text).map("".join)


@given(text=surrogate_text)
@_settings(10)
def test_text_that_is_not_unicode_is_refused_cleanly(one_of_each: Path, text: str) -> None:
    before = one_of_each.read_bytes()
    p = ("-p", one_of_each)
    for args in (
        ("activity", "add", "--task", TASK, "--title", "x" + text),
        ("record", ACTIVITY, "--date", DONE_ON, "--note", text),
    ):
        clean_refusal(cli(*args, *p))
        assert one_of_each.read_bytes() == before, args


# --------------------------------------------------------------------------- text in every output


def _toml_block(key: str, record: dict[str, Any]) -> str:
    lines = [f"[[{key}]]"]
    lines += [tomli_w.dumps({name: value}).rstrip("\n") for name, value in record.items()]
    return "\n".join(lines) + "\n"


def _drop_none(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v is not None}


def plan_with(texts: dict[str, str | None]) -> tuple[Plan, list[Problem]]:
    """Plan 228 with a hand-written journal carrying ``texts``: one activity, overdue
    on OVERDUE_DAY, with a completion, a voided completion and, later, a cancellation."""
    journal: list[tuple[str, dict[str, Any]]] = [
        ("activity", {"id": ACTIVITY, "task": TASK, "title": texts["title"], "due": DUE,
                      "target": 2, "unit": texts["unit"]}),
        ("completion", {"id": f"{ACTIVITY}-done", "activity": ACTIVITY, "date": DONE_ON,
                        "quantity": 1, "spent": 1_000_000, "evidence": texts["evidence"],
                        "note": texts["note"]}),
        ("completion", {"id": f"{ACTIVITY}-oops", "activity": ACTIVITY, "date": VOIDED_ON}),
        ("void", {"completion": f"{ACTIVITY}-oops", "reason": texts["void_reason"]}),
        ("cancellation", {"activity": ACTIVITY, "date": CANCELLED_ON,
                          "reason": texts["cancel_reason"]}),
    ]  # fmt: skip
    text = PLAN_TEXT + "\n" + "\n".join(_toml_block(k, _drop_none(r)) for k, r in journal)
    loaded: Loaded = parse(text, "plan.toml")
    problems = validate(loaded, CONTEXT)
    assert [p for p in problems if p.is_error] == []
    assert loaded.plan is not None
    # Hand-written text is read as NFC, and otherwise as written.
    plan = loaded.plan
    (activity,) = plan.activities
    assert activity.title == nfc(str(texts["title"]))
    assert activity.unit == (nfc(texts["unit"]) if texts["unit"] is not None else None)
    assert plan.completions[0].evidence == (
        nfc(texts["evidence"]) if texts["evidence"] is not None else None
    )
    return plan, problems


def _report(plan: Plan, problems: list[Problem], as_of: dt.date, since: dt.date) -> Report:
    return build(plan, as_of, since, problems)


class Page(HTMLParser):
    """An HTML page as data: its markup (tags with attributes) apart from its text."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.markup: list[tuple[str, str, tuple[tuple[str, str | None], ...]]] = []
        self.others: list[str] = []  # comments, processing instructions, declarations
        self.rows: list[list[str]] = []
        self.blocks: list[str] = []  # text of p, li, h1-h3, td, th
        self._cell: list[str] | None = None
        self._block: list[str] | None = None
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.markup.append(("start", tag, tuple(attrs)))
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        if tag in ("p", "li", "h1", "h2", "h3", "td", "th") and self._block is None:
            self._block = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.markup.append(("empty", tag, tuple(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.markup.append(("end", tag, ()))
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None
        if tag in ("p", "li", "h1", "h2", "h3", "td", "th") and self._block is not None:
            self.blocks.append("".join(self._block))
            self._block = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._block is not None:
            self._block.append(data)

    def handle_comment(self, data: str) -> None:
        self.others.append(f"comment {data!r}")

    def handle_decl(self, decl: str) -> None:
        if decl.lower() != "doctype html":
            self.others.append(f"declaration {decl!r}")

    def handle_pi(self, data: str) -> None:
        self.others.append(f"processing instruction {data!r}")

    def unknown_decl(self, data: str) -> None:
        self.others.append(f"unknown declaration {data!r}")

    def row(self, first: str) -> list[str]:
        (found,) = [r for r in self.rows if r and r[0] == first]
        return found


_MARKDOWN = MarkdownIt("commonmark").enable("table")


def _md_shape(tokens: list[Token]) -> list[str]:
    """What a Markdown viewer would build, without the words: block tokens and the
    inline tokens that are not plain text (emphasis, links, code, HTML, breaks)."""
    shape = []
    for token in tokens:
        shape.append(f"{token.type}:{token.tag}")
        for child in token.children or ():
            if child.type not in ("text", "text_special"):
                shape.append(f"  {child.type}:{child.tag}")
    return shape


def _unescaped_pipes(line: str) -> int:
    count, escaped = 0, False
    for char in line:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            count += 1
    return count


def check_markdown(name: str, md: str, baseline: str) -> Page:
    found = raw_controls(md)
    assert not found, f"{name}: raw control characters {found}"
    table: list[str] = []
    for line in [*md.splitlines(), ""]:
        if line.startswith("|"):
            table.append(line)
            continue
        if table:
            pipes = {_unescaped_pipes(row) for row in table}
            assert len(pipes) == 1, f"{name}: a table row with another column count: {table}"
        table = []
    tokens = _MARKDOWN.parse(md)
    html_tokens = [
        t.content
        for token in tokens
        for t in [token, *(token.children or ())]
        if t.type in ("html_inline", "html_block")
    ]
    assert html_tokens == [], f"{name}: raw HTML {html_tokens}"
    assert _md_shape(tokens) == _md_shape(_MARKDOWN.parse(baseline)), f"{name}: structure changed"
    return Page(_MARKDOWN.render(md))


def check_html(name: str, page: str, baseline: str) -> Page:
    parsed = Page(page)
    assert parsed.others == [], f"{name}: {parsed.others}"
    assert parsed.markup == Page(baseline).markup, f"{name}: tags or attributes changed"
    return parsed


#: A line break in a CSV cell: CR LF, a lone CR or a lone LF.
_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")
#: What starts a formula on a line of a cell after a line break.
FORMULA_AFTER_BREAK = ("=", "+", "-", "@", "\t")


def neutral(text: str) -> str:
    """A CSV cell as the policy writes it: formulas defused, controls visible.

    A cell starting a formula gets a leading ``'``; so does each line after a
    line break that starts one, for a reader that splits lines first. Line
    breaks stay in the cell (docs/security.md, CSV).
    """
    if text.startswith(FORMULA_START):
        text = "'" + text
    # split() with a group keeps the breaks: line, break, line, break, line...
    pieces = _LINE_BREAK.split(text)
    for index in range(2, len(pieces), 2):
        if pieces[index].startswith(FORMULA_AFTER_BREAK):
            pieces[index] = "'" + pieces[index]
    return visible("".join(pieces), keep_newlines=True)


def in_word(text: str) -> str:
    """Text as the Word report shows it: controls visible, and U+FFFE/U+FFFF,
    which XML cannot hold, as ``\\ufffe``/``\\uffff`` (official_docx._clean)."""
    return visible(text).replace("\ufffe", "\\ufffe").replace("\uffff", "\\uffff")


@cache
def _baseline(lang: Lang, with_note: bool) -> dict[str, str]:
    plain: dict[str, str | None] = {field: "x" for field in FIELDS}
    if not with_note:
        plain["note"] = None
    return _renders(*plan_with(plain), lang)


def _renders(plan: Plan, problems: list[Problem], lang: Lang) -> dict[str, str]:
    with language(lang):
        overdue = _report(plan, problems, OVERDUE_DAY, OVERDUE_SINCE)
        final = _report(plan, problems, TODAY, PERIOD_START)
        document = official.build(final)
        return {
            "md": report_md.render(overdue),
            "html": report_html.render(overdue),
            "csv": report_csv.render(overdue),
            "json": data_render.dumps(data_render.report(overdue)),
            "official md": official.render_md(document),
            "official html": official.render_html(document),
        }


@dataclasses.dataclass(frozen=True)
class Rendered:
    plan: Plan
    problems: list[Problem]
    shown: dict[str, str]  # the texts as stored; "" for an optional text left out
    out: dict[str, str]  # every report format
    baseline: dict[str, str]  # the same reports with "x" for every text


def rendered(texts: dict[str, str], lang: Lang = "en") -> Rendered:
    """Plan 228 with a hand-written journal carrying ``texts``, and its reports.

    The texts are written in NFC (ggov-plan reads any text as NFC, and warns; the
    warning would add a line to the reports) and an empty optional text is left out.
    """
    written = {f: (nfc(t) if t or f in REQUIRED else None) for f, t in texts.items()}
    plan, problems = plan_with(written)
    shown = {f: t or "" for f, t in written.items()}
    note(f"stored: {shown!r}")
    with_note = bool(shown["note"].strip())  # a blank note leaves lines to fill in instead
    return Rendered(
        plan, problems, shown, _renders(plan, problems, lang), _baseline(lang, with_note)
    )


languages = st.sampled_from(LANGS)


@given(texts=texts_strategy, lang=languages)
@_settings(40)
def test_plan_text_round_trips_through_json(texts: dict[str, str], lang: Lang) -> None:
    r = rendered(texts, lang)
    report = json.loads(r.out["json"])
    (overdue,) = report["overdue"]
    assert (overdue["title"], overdue["unit"] or "") == (r.shown["title"], r.shown["unit"])
    (completed,) = report["completed"]
    assert completed["title"] == r.shown["title"]
    assert (completed["evidence"] or "", completed["note"] or "") == (
        r.shown["evidence"],
        r.shown["note"],
    )
    figures = overview(r.plan, TODAY).activities[0]
    detail = json.loads(data_render.dumps(data_render.activity_detail(r.plan, figures, TODAY)))
    assert detail["cancellation"]["reason"] == r.shown["cancel_reason"]
    voided = [c for c in detail["completions"] if c["void"]]
    assert [c["void"]["reason"] for c in voided] == [r.shown["void_reason"]]


@given(texts=texts_strategy)
@_settings(40)
def test_plan_text_is_safe_in_csv(texts: dict[str, str]) -> None:
    r = rendered(texts)
    text = r.out["csv"]
    assert raw_controls(text, allowed="\t\n\r") == set()
    header, *rows = csv.reader(io.StringIO(text, newline=""))
    for row in rows:
        assert not any(cell.startswith(FORMULA_START) for cell in row), row
        for cell in row:
            lines = _LINE_BREAK.split(cell)[2::2]  # the lines after a line break
            assert not any(line.startswith(FORMULA_AFTER_BREAK) for line in lines), cell
    assert len(rows) == 1, f"the activity's row became {len(rows)} rows: {rows}"
    cells = dict(zip(header, rows[0], strict=True))
    assert cells["title"] == neutral(r.shown["title"])
    assert cells["unit"] == neutral(r.shown["unit"])


@given(texts=texts_strategy, lang=languages)
@_settings(40)
def test_plan_text_is_safe_in_markdown(texts: dict[str, str], lang: Lang) -> None:
    r = rendered(texts, lang)
    shown = {f: collapsed(visible(t)) for f, t in r.shown.items()}
    md = check_markdown("md", r.out["md"], r.baseline["md"])
    assert md.row(ACTIVITY)[1] == shown["title"]
    done_row = md.row(f"{DONE_ON:%d/%m/%Y}")
    assert (done_row[1], done_row[4]) == (shown["title"], shown["evidence"])
    official_md = check_markdown("official md", r.out["official md"], r.baseline["official md"])
    prose = "\n".join(official_md.blocks)
    for field in ("title", "unit", "evidence", "cancel_reason"):
        assert shown[field] in prose, field
    assert collapsed(visible(r.shown["note"].strip())) in prose  # the note is stripped there


@given(texts=texts_strategy, lang=languages)
@_settings(40)
def test_plan_text_is_safe_in_html(texts: dict[str, str], lang: Lang) -> None:
    r = rendered(texts, lang)
    shown = {f: visible(t) for f, t in r.shown.items()}
    html = check_html("html", r.out["html"], r.baseline["html"])
    assert html.row(ACTIVITY)[1] == shown["title"]
    done_row = html.row(f"{DONE_ON:%d/%m/%Y}")
    assert (done_row[1], done_row[4]) == (shown["title"], shown["evidence"])
    page = check_html("official html", r.out["official html"], r.baseline["official html"])
    prose = "\n".join(page.blocks)
    for field in ("title", "unit", "evidence", "cancel_reason"):
        assert shown[field] in prose, field
    assert visible(r.shown["note"].strip()) in prose  # the note is stripped there


@given(texts=texts_strategy)
@_settings(40)
def test_plan_text_renders_safely_at_the_terminal(texts: dict[str, str]) -> None:
    r = rendered(texts)
    outputs = {}
    with language("en"):
        for day in (OVERDUE_DAY, TODAY):
            figures = overview(r.plan, day)
            (activity,) = figures.activities
            buffer = io.StringIO()
            console = terminal.make_console(buffer, width=5000)  # no line is wrapped
            tracking.activity_detail(console, r.plan, activity, day)
            outputs[f"activity show {day}"] = buffer.getvalue()
            buffer = io.StringIO()
            console = terminal.make_console(buffer, width=5000)
            tracking.activity_table(console, r.plan, list(figures.activities), day)
            terminal.status(console, r.plan, figures)
            outputs[f"activity list, status {day}"] = buffer.getvalue()
    problems = []
    for name, output in outputs.items():
        found = raw_controls(output, allowed="\n\t")
        if found:
            problems.append(f"{name}: raw control characters {sorted(found)}")
    # Every word of every text is shown literally: rich markup is not interpreted.
    where = {
        "title": ("activity show", "activity list"),
        "unit": ("activity show",),
        "evidence": ("activity show",),
        "note": ("activity show",),
        "void_reason": ("activity show",),
        "cancel_reason": ("activity show",),
    }
    for field, commands in where.items():
        for name, output in outputs.items():
            missing = [w for w in visible(r.shown[field]).split() if w not in output]
            if name.startswith(commands) and missing:
                problems.append(f"{name}: the {field} is not shown as text; missing {missing}")
    assert problems == []


@given(texts=texts_strategy)
@_settings(15)
def test_plan_text_survives_the_official_docx(texts: dict[str, str]) -> None:
    import docx  # python-docx, as the renderer

    from ggov_plan.render.official import word as official_docx

    r = rendered(texts)
    with language("vi"):
        document = official.build(_report(r.plan, r.problems, TODAY, PERIOD_START))
        data = official_docx.render(document, TODAY)
    word = docx.Document(io.BytesIO(data))
    parts = [p.text for p in word.paragraphs]
    parts += [c.text for table in word.tables for row in table.rows for c in row.cells]
    text = "\n".join(parts)
    assert raw_controls(text, allowed="\t\n") == set()
    assert "\ufffe" not in text and "\uffff" not in text
    for field in ("title", "evidence", "cancel_reason"):
        for piece in in_word(r.shown[field]).split():
            assert piece in text, (field, piece)
