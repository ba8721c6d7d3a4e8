"""What each write to the plan means: the records it appends, its defaults, its conflicts.

The tracker changes a plan in these ways: it adds an activity, records work
done for one, cancels one, voids a completion recorded by mistake, records
the value an indicator reached on a day (a measurement), voids a measurement
recorded by mistake, or notes a result, a difficulty or a proposal for the
report. Each
way is a request value holding what was asked, already parsed (dates, whole
numbers, resolved ids), and one pure function of the plan, the request and
the :class:`WriteContext` (today, now, who, the source of randomness) that
returns the records to append, or raises :class:`~ggov_plan.problems.UsageError`
for a request the plan refuses (an activity already cancelled, a completion
already void, an id already taken, a record that is not there).

The functions are meant to run inside :func:`ggov_plan.write.journal.append`'s
``build`` callback, on the plan as read under the lock, so every precondition
and every new id is judged against the file as it is when it is written.
What a request leaves out gets its default here, and only here. Whether the
plan stays valid after the write (over-allocation, future dates, dangling
references) is for the rules, which ``append`` runs on the new text.

Nothing here prompts, prints or words a message: the command line asks for
what is missing and shows what comes back.
"""

from __future__ import annotations

import datetime as dt
import secrets
import unicodedata
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any, TypeAlias

from ggov_plan.i18n.message import msg
from ggov_plan.plan.model import NOTE_KINDS, Measure, Plan
from ggov_plan.problems import UsageError
from ggov_plan.text import fold
from ggov_plan.write.ids import new_id
from ggov_plan.write.journal import NewRecords

#: What an activity aims at when no target is given: one of its unit.
DEFAULT_TARGET = 1
#: What an activity is planned to cost when no cost is given.
DEFAULT_COST = 0
#: How much one completion records when no quantity is given.
DEFAULT_QUANTITY = 1
#: What one completion spent when nothing is given.
DEFAULT_SPENT = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class WriteContext:
    """When and by whom a write is made, and where its random ids come from."""

    today: dt.date
    now: dt.datetime  # recorded_at: to the second, with the local offset
    #: Who is writing, when a request names nobody. A function, called only
    #: then: the login name is read only to name a recorder (docs/security.md).
    user: Callable[[], str]
    choice: Callable[[str], str] = secrets.choice  # tests pass a fixed sequence


@dataclass(frozen=True, slots=True, kw_only=True)
class NewActivity:
    """Add an activity that carries out ``task``; None means "the default"."""

    task: str
    title: str
    agency: str | None = None  # None: the task's lead agency does it
    channel: str | None = None
    contents: tuple[str, ...] = ()
    due: dt.date | None = None
    target: int | None = None  # None: DEFAULT_TARGET
    unit: str | None = None
    cost: int | None = None  # None: DEFAULT_COST
    source: str | None = None
    id: str | None = None  # None: the agency's id plus random characters


@dataclass(frozen=True, slots=True, kw_only=True)
class NewCompletion:
    """Record work done for ``activity``; None means "the default"."""

    activity: str
    date: dt.date | None = None  # None: today
    quantity: int | None = None  # None: DEFAULT_QUANTITY
    spent: int | None = None  # None: DEFAULT_SPENT
    source: str | None = None  # None: the activity's, worked out when read
    evidence: str | None = None
    note: str | None = None
    reach: int | None = None  # how many people it reached; None: not said
    reach_unit: str | None = None  # who they were, as counted ("học sinh")
    by: str | None = None  # None or empty: the context's user


@dataclass(frozen=True, slots=True, kw_only=True)
class CancelActivity:
    """Cancel ``activity`` from ``date`` on; the activity stays in the file."""

    activity: str
    reason: str
    date: dt.date | None = None  # None: today
    by: str | None = None  # None or empty: the context's user


@dataclass(frozen=True, slots=True, kw_only=True)
class VoidCompletion:
    """Void ``completion``, recorded by mistake; the completion stays in the file."""

    completion: str
    reason: str
    by: str | None = None  # None or empty: the context's user


@dataclass(frozen=True, slots=True, kw_only=True)
class NewMeasurement:
    """Record the value ``indicator`` reached on a day; None means "the default".

    The value and the parts' values are already read (a whole number, or at
    most two decimals for a percentage); ``parts`` names each part as a
    measurement does, by its id, else its label.
    """

    indicator: str
    value: Measure
    date: dt.date | None = None  # None: today
    parts: tuple[tuple[str, Measure], ...] = ()
    evidence: str | None = None
    note: str | None = None
    by: str | None = None  # None or empty: the context's user
    id: str | None = None  # None: the lead agency's id, "-m-" and random characters


@dataclass(frozen=True, slots=True, kw_only=True)
class VoidMeasurement:
    """Void ``measurement``, recorded by mistake; the measurement stays in the file."""

    measurement: str
    reason: str
    by: str | None = None  # None or empty: the context's user


# A string: requests defined further down (NewNote) are named before they exist.
Request: TypeAlias = (
    "NewActivity | NewCompletion | CancelActivity | VoidCompletion | NewMeasurement"
    " | VoidMeasurement | NewNote | AmendActivity | ReopenActivity | VoidCancellation"
)


@dataclass(frozen=True, slots=True)
class Change:
    """The records a request appends, and the id of the record it is about."""

    id: str
    records: NewRecords


def change(plan: Plan, request: Request, context: WriteContext) -> Change:
    """The records that ``request`` appends to ``plan``; UsageError if the plan refuses it."""
    if isinstance(request, NewActivity):
        return add_activity(plan, request, context)
    if isinstance(request, NewCompletion):
        return record_completion(plan, request, context)
    if isinstance(request, CancelActivity):
        return cancel_activity(plan, request, context)
    if isinstance(request, NewMeasurement):
        return record_measurement(plan, request, context)
    if isinstance(request, VoidMeasurement):
        return void_measurement(plan, request, context)
    if isinstance(request, NewNote):
        return add_note(plan, request, context)
    if isinstance(request, AmendActivity):
        return amend_activity(plan, request, context)
    if isinstance(request, ReopenActivity):
        return reopen_activity(plan, request, context)
    if isinstance(request, VoidCancellation):
        return void_cancellation(plan, request, context)
    return void_completion(plan, request, context)


def _recorded(plan: Plan, by: str | None, context: WriteContext) -> dict[str, Any]:
    """Who wrote a record (``--by``, else the OS user) and when, in the plan's
    time zone, not the machine's.

    A server on UTC recording for an office in Vietnam writes +07:00, so the
    journal reads the same whoever wrote it (docs/reliability.md).
    """
    from ggov_plan.plan.timezone import plan_zone

    return {
        "recorded_by": by or context.user(),
        "recorded_at": context.now.astimezone(plan_zone(plan.header)),
    }


def add_activity(plan: Plan, request: NewActivity, context: WriteContext) -> Change:
    tasks = plan.by_id("tasks")
    _require(request.task in tasks, "task", request.task)
    taken = plan.declared_ids.get("activity", frozenset())
    # Named after who does it, so that ids read as whose work they are.
    prefix = request.agency or tasks[request.task].agency
    ident = request.id or new_id(prefix, taken, context.choice)
    values: dict[str, Any] = {
        "id": ident,
        "task": request.task,
        "title": request.title.strip(),
        "agency": request.agency,
        "channel": request.channel,
        "contents": list(request.contents),  # a list: the journal compares with TOML arrays
        "due": request.due,
        "target": _or(request.target, DEFAULT_TARGET),
        "unit": _text(request.unit),
        "cost": _or(request.cost, DEFAULT_COST),
        "source": request.source,
        "created": context.today,
    }
    if request.id is not None and request.id in taken:
        # Idempotent under --id: the same request again (a script retrying
        # after it lost the output) is a no-op; other values are refused.
        existing = plan.by_id("activities").get(request.id)
        if existing is not None and _same_record(existing, values, ignore={"created"}):
            return Change(ident, [])
        raise UsageError(
            msg("journal.id_taken", key="activity", id=request.id),
            hint=msg("journal.id_taken.hint"),
        )
    return Change(ident, [("activity", values)])


def _same_record(existing: object, values: dict[str, Any], *, ignore: set[str]) -> bool:
    """Whether ``existing`` holds ``values`` (as the journal writes them: NFC, None left out)."""
    for name, value in values.items():
        if name in ignore:
            continue
        want = unicodedata.normalize("NFC", value) if isinstance(value, str) else value
        if isinstance(want, list):
            want = tuple(unicodedata.normalize("NFC", v) if isinstance(v, str) else v for v in want)
        if getattr(existing, name, None) != want:
            return False
    return True


def record_completion(plan: Plan, request: NewCompletion, context: WriteContext) -> Change:
    _require(request.activity in plan.by_id("activities"), "activity", request.activity)
    if request.activity in _cancelled(plan):
        raise UsageError(
            msg("journal.record_on_cancelled", id=request.activity),
            hint=msg("journal.record_on_cancelled.hint", id=request.activity),
        )
    ident = _fresh(plan, "completion", request.activity, context)
    values: dict[str, Any] = {
        "id": ident,
        "activity": request.activity,
        "date": request.date if request.date is not None else context.today,
        "quantity": _or(request.quantity, DEFAULT_QUANTITY),
        "spent": _or(request.spent, DEFAULT_SPENT),
        "source": request.source,
        "evidence": _text(request.evidence),
        "note": _text(request.note),
        "reach": request.reach,
        "reach_unit": _text(request.reach_unit),
        **_recorded(plan, request.by, context),
    }
    return Change(ident, [("completion", values)])


def cancel_activity(plan: Plan, request: CancelActivity, context: WriteContext) -> Change:
    check_cancellable(plan, request.activity)
    ident = _fresh(plan, "cancellation", f"{request.activity}-cancel", context)
    values: dict[str, Any] = {
        "id": ident,
        "activity": request.activity,
        "date": request.date if request.date is not None else context.today,
        "reason": request.reason.strip(),
        **_recorded(plan, request.by, context),
    }
    return Change(ident, [("cancellation", values)])


def void_completion(plan: Plan, request: VoidCompletion, context: WriteContext) -> Change:
    check_voidable(plan, request.completion)
    return _void(plan, "completion", request.completion, request.reason, request.by, context)


def _void(
    plan: Plan, key: str, target: str, reason: str, by: str | None, context: WriteContext
) -> Change:
    """A ``[[void]]`` naming ``target`` under ``key`` (completion, measurement, cancellation)."""
    ident = _fresh(plan, "void", f"{target}-void", context)
    values: dict[str, Any] = {
        "id": ident,
        key: target,
        "reason": reason.strip(),
        **_recorded(plan, by, context),
    }
    return Change(ident, [("void", values)])


def record_measurement(plan: Plan, request: NewMeasurement, context: WriteContext) -> Change:
    _require(request.indicator in plan.by_id("indicators"), "indicator", request.indicator)
    taken = plan.declared_ids.get("measurement", frozenset())
    if request.id is not None and request.id in taken:
        raise UsageError(
            msg("journal.id_taken", key="measurement", id=request.id),
            hint=msg("journal.id_taken.hint"),
        )
    # Named after the agency that tracks the plan: it is the one that reports results.
    lead = plan.header.lead_agency if plan.header else "plan"
    ident = request.id or new_id(f"{lead}-m", taken, context.choice)
    values: dict[str, Any] = {
        "id": ident,
        "indicator": request.indicator,
        "date": request.date if request.date is not None else context.today,
        "value": request.value,
        # A dict: written as an inline table, compared with the TOML table read back.
        "parts": dict(request.parts) or None,
        "evidence": _text(request.evidence),
        "note": _text(request.note),
        **_recorded(plan, request.by, context),
    }
    return Change(ident, [("measurement", values)])


def void_measurement(plan: Plan, request: VoidMeasurement, context: WriteContext) -> Change:
    check_measurement_voidable(plan, request.measurement)
    return _void(plan, "measurement", request.measurement, request.reason, request.by, context)


def check_cancellable(plan: Plan, activity: str) -> None:
    """UsageError unless ``activity`` is in the plan and not cancelled yet.

    :func:`cancel_activity` checks it under the lock; the command line also
    checks it first, so as not to ask for a reason the write would refuse.
    """
    _require(activity in plan.by_id("activities"), "activity", activity)
    if activity in _cancelled(plan):
        raise UsageError(msg("journal.already_cancelled", id=activity))


def _cancelled(plan: Plan) -> dict[str, str]:
    """Activity id → the id of the cancellation in force (not reopened), whatever its date."""
    reopened = {v.cancellation for v in plan.voids if v.cancellation is not None}
    return {
        c.activity: c.id or ""
        for c in reversed(plan.cancellations)
        if c.id is None or c.id not in reopened
    }


# --------------------------------------------------------------------------- corrections


@dataclass(frozen=True, slots=True, kw_only=True)
class AmendActivity:
    """Correct ``activity``'s declared values from ``date`` on; None leaves a value as it is."""

    activity: str
    reason: str
    date: dt.date | None = None  # None: today
    title: str | None = None
    agency: str | None = None
    due: dt.date | None = None
    target: int | None = None
    unit: str | None = None
    cost: int | None = None
    source: str | None = None
    by: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ReopenActivity:
    """Undo ``activity``'s cancellation: a void of the cancellation in force."""

    activity: str
    reason: str
    by: str | None = None


def amend_activity(plan: Plan, request: AmendActivity, context: WriteContext) -> Change:
    _require(request.activity in plan.by_id("activities"), "activity", request.activity)
    new = {
        "title": _text(request.title),
        "agency": request.agency,
        "due": request.due,
        "target": request.target,
        "unit": _text(request.unit),
        "cost": request.cost,
        "source": request.source,
    }
    if all(value is None for value in new.values()):
        raise UsageError(
            msg("journal.nothing_to_amend", id=request.activity),
            hint=msg("journal.nothing_to_amend.hint"),
        )
    ident = _fresh(plan, "amendment", f"{request.activity}-edit", context)
    values: dict[str, Any] = {
        "id": ident,
        "activity": request.activity,
        "date": request.date if request.date is not None else context.today,
        "reason": request.reason.strip(),
        **new,
        **_recorded(plan, request.by, context),
    }
    return Change(ident, [("amendment", values)])


def reopen_activity(plan: Plan, request: ReopenActivity, context: WriteContext) -> Change:
    _require(request.activity in plan.by_id("activities"), "activity", request.activity)
    cancellation = _cancelled(plan).get(request.activity)
    if not cancellation:  # not cancelled, or by a record without an id to name
        raise UsageError(msg("journal.not_cancelled", id=request.activity))
    return _void(plan, "cancellation", cancellation, request.reason, request.by, context)


def check_voidable(plan: Plan, completion: str) -> None:
    """UsageError unless ``completion`` is in the plan and not void yet (as above)."""
    _require(completion in plan.by_id("completions"), "completion", completion)
    if completion in {v.completion for v in plan.voids}:
        raise UsageError(msg("journal.already_void", id=completion))


def check_measurement_voidable(plan: Plan, measurement: str) -> None:
    """UsageError unless ``measurement`` is in the plan and not void yet (as above)."""
    _require(measurement in plan.by_id("measurements"), "measurement", measurement)
    if measurement in {v.measurement for v in plan.voids}:
        raise UsageError(msg("journal.measurement_already_void", id=measurement))


def _require(present: bool, key: str, ident: str) -> None:
    # The command line resolved the id on the plan it read first; the file
    # may have changed before the lock was taken.
    if not present:
        raise UsageError(
            msg(
                "journal.not_in_plan",
                record=msg("record.named", noun=msg(f"record.{key}"), id=ident),
            ),
            hint=msg("journal.not_in_plan.hint"),
        )


def _fresh(plan: Plan, key: str, prefix: str, context: WriteContext) -> str:
    taken: Collection[str] = plan.declared_ids.get(key, frozenset())
    return new_id(prefix, taken, context.choice)


def _or(value: int | None, default: int) -> int:
    return default if value is None else value


def _text(value: str | None) -> str | None:
    # Stripped; left out when not given or empty (a blank stays, as "").
    return value.strip() if value else None


# --------------------------------------------------------------------------- notes
# (results, difficulties and proposals for the official report: ``ggov-plan note``)

#: Every way a kind may be typed, folded (lower case, no diacritics), to the kind stored.
NOTE_KIND_NAMES: dict[str, str] = {
    "ket-qua": "ket-qua",
    "result": "ket-qua",
    "kho-khan": "kho-khan",
    "difficulty": "kho-khan",
    "de-xuat": "de-xuat",
    "proposal": "de-xuat",
}


def note_kind(typed: str) -> str | None:
    """The stored kind for ``ket-qua``, ``kết quả``, ``Result``…; None for an unknown one."""
    folded = "-".join(fold(typed).replace("_", " ").replace("-", " ").split())
    return NOTE_KIND_NAMES.get(folded)


@dataclass(frozen=True, slots=True, kw_only=True)
class NewNote:
    """Note a result, a difficulty or a proposal (``kind`` as stored: ket-qua…)."""

    kind: str
    text: str
    date: dt.date | None = None  # None: today
    by: str | None = None  # None or empty: the context's user
    id: str | None = None  # None: the lead agency's id, "-n", random characters


def add_note(plan: Plan, request: NewNote, context: WriteContext) -> Change:
    if request.kind not in NOTE_KINDS:
        raise ValueError(f"not a note kind: {request.kind!r}")  # the command line maps kinds
    taken = plan.declared_ids.get("note", frozenset())
    if request.id is not None and request.id in taken:
        raise UsageError(
            msg("journal.id_taken", key="note", id=request.id),
            hint=msg("journal.id_taken.hint"),
        )
    # Named after the agency that reports, as measurements are: so-tttt-n-7h2k.
    lead = plan.header.lead_agency if plan.header else "note"
    ident = request.id or new_id(f"{lead}-n", taken, context.choice)
    values: dict[str, Any] = {
        "id": ident,
        "kind": request.kind,
        "date": request.date if request.date is not None else context.today,
        "text": request.text.strip(),
        **_recorded(plan, request.by, context),
    }
    return Change(ident, [("note", values)])


# --------------------------------------------------------------------------- undo
# (``ggov-plan undo``: void the last record one appended, if a void can name it)

#: The journal's collections, in no particular order: (key, Plan attribute).
JOURNAL: tuple[tuple[str, str], ...] = (
    ("activity", "activities"),
    ("completion", "completions"),
    ("cancellation", "cancellations"),
    ("void", "voids"),
    ("measurement", "measurements"),
    ("note", "notes"),
    ("amendment", "amendments"),
)
#: What a void can name, hence what ``undo`` can void.
VOIDABLE = ("completion", "measurement", "cancellation")


@dataclass(frozen=True, slots=True)
class Last:
    """The record last in the file, among the journal's."""

    key: str  # collection key: completion, measurement, void, activity…
    id: str | None
    recorded_by: str | None  # None: a hand-written record, or an activity


def last_record(plan: Plan, line_of: Callable[[str, int], int | None]) -> Last | None:
    """The journal record that stands last in the file; None for a plan without any.

    ``line_of(key, index)`` is the line of the ``index``-th ``[[key]]`` table
    (the plan's source map): records of different collections are told
    apart only by where they stand, as they were appended.
    """
    found: tuple[int, str, Any] | None = None
    for key, attribute in JOURNAL:
        records = getattr(plan, attribute)
        if not records:
            continue
        line = line_of(key, len(records) - 1)
        if line is not None and (found is None or line > found[0]):
            found = (line, key, records[-1])
    if found is None:
        return None
    _, key, record = found
    return Last(key, getattr(record, "id", None), getattr(record, "recorded_by", None))


def check_undoable(last: Last | None, user: str) -> Last:
    """``last`` if ``user`` may void it with ``undo``; UsageError saying why not."""
    if last is None:
        raise UsageError(msg("journal.undo.empty"))
    named = msg("record.named", noun=msg(f"record.{last.key}"), id=last.id or "?")
    if last.key not in VOIDABLE or last.id is None:
        raise UsageError(
            msg("journal.undo.not_voidable", record=named),
            # Every journal key a void cannot name has its own way to correct it.
            hint=msg(f"journal.undo.hint.{last.key}"),
        )
    if last.recorded_by != user:
        raise UsageError(
            msg(
                "journal.undo.not_yours",
                record=named,
                who=last.recorded_by or "?",
                user=user,
            ),
            hint=msg("journal.undo.not_yours.hint"),
        )
    return last


def check_still_last(plan: Plan, line_of: Callable[[str, int], int | None], last: Last) -> None:
    """Under the lock: UsageError if another record was appended since ``last`` was shown."""
    now = last_record(plan, line_of)
    if now != last:
        named = msg("record.named", noun=msg(f"record.{now.key}"), id=now.id or "?") if now else ""
        raise UsageError(
            msg("journal.undo.moved", record=named), hint=msg("journal.undo.moved.hint")
        )


def undo_request(last: Last, reason: str, by: str | None) -> Request:
    """The void that undoes ``last`` (one :func:`check_undoable` let through)."""
    assert last.id is not None and last.key in VOIDABLE
    if last.key == "completion":
        return VoidCompletion(completion=last.id, reason=reason, by=by)
    if last.key == "measurement":
        return VoidMeasurement(measurement=last.id, reason=reason, by=by)
    return VoidCancellation(cancellation=last.id, reason=reason, by=by)


@dataclass(frozen=True, slots=True, kw_only=True)
class VoidCancellation:
    """Void ``cancellation`` (``undo``; ``activity reopen`` names the activity instead)."""

    cancellation: str
    reason: str
    by: str | None = None


def void_cancellation(plan: Plan, request: VoidCancellation, context: WriteContext) -> Change:
    _require(
        request.cancellation in plan.by_id("cancellations"), "cancellation", request.cancellation
    )
    if request.cancellation in {v.cancellation for v in plan.voids}:
        raise UsageError(msg("journal.undo.already_void", id=request.cancellation))
    return _void(plan, "cancellation", request.cancellation, request.reason, request.by, context)
