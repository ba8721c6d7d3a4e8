"""Validation: a list of pure rules over a built plan.

Each rule takes the plan and a :class:`Context` and yields problems; none of
them reads files or the clock. Syntax and structure (missing keys, wrong
types, unknown keys) are found while the model is built, in
:mod:`ggov_plan.load`; :func:`validate` returns those together with what the
rules find, sorted by position, so one run reports everything.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ggov_plan.load import Loaded
from ggov_plan.model import COLLECTIONS, Plan, Record
from ggov_plan.money import format_number, format_vnd
from ggov_plan.problems import Problem, Severity


@dataclass(frozen=True, slots=True)
class Context:
    """What rules may know beyond the plan: only today's date, given by the caller."""

    today: dt.date


Rule = Callable[[Plan, Context], Iterator[Problem]]


def _problem(
    plan: Plan,
    record: Record,
    code: str,
    message: str,
    hint: str = "",
    *,
    field: str = "",
    severity: Severity = Severity.ERROR,
) -> Problem:
    # Semantic problems point at the line of the table they concern.
    path = f"{record.path}.{field}" if field else record.path
    return Problem(
        severity, code, message, plan.file, record.line or None, record.column or None, path, hint
    )


def _records(plan: Plan) -> Iterator[Record]:
    """Every record of the plan, children included, in file order per collection."""
    for single in (plan.header, plan.budget):
        if single is not None:
            yield single
    for _, _, attribute in COLLECTIONS:
        yield from getattr(plan, attribute)
    if plan.header and plan.header.signer:
        yield plan.header.signer
    for indicator in plan.indicators:
        yield from indicator.parts
    yield from plan.sources


def _name(record: Record) -> str:
    ident = getattr(record, "id", None)
    return f"{record.key} '{ident}'" if ident else f"[{record.key}]"


# --------------------------------------------------------------------------- rules


def unique_ids(plan: Plan, context: Context) -> Iterator[Problem]:
    """Ids are unique within their collection."""
    groups: list[tuple[Record, ...]] = [getattr(plan, a) for _, _, a in COLLECTIONS]
    groups.append(plan.sources)
    for records in groups:
        first: dict[str, Record] = {}
        for record in records:
            ident = getattr(record, "id", None)
            if ident is None:
                continue
            if ident in first:
                yield _problem(
                    plan,
                    record,
                    "duplicate-id",
                    f"{record.key} id '{ident}' is used twice; first at line {first[ident].line}",
                    "give this one a different id",
                    field="id",
                )
            else:
                first[ident] = record


def references_resolve(plan: Plan, context: Context) -> Iterator[Problem]:
    """Every id that names another record names one that is declared."""
    for record in _records(plan):
        for f in dataclasses.fields(record):
            spec = f.metadata.get("spec")
            if spec is None or spec.ref is None:
                continue
            value = getattr(record, f.name)
            targets = value if isinstance(value, tuple) else (value,)
            known = plan.declared_ids.get(spec.ref, frozenset())
            for target in targets:
                if target is None or target in known:
                    continue
                close = difflib.get_close_matches(target, sorted(known), n=1)
                hint = (
                    f"did you mean '{close[0]}'?"
                    if close
                    else (
                        f"declare it in a [[{spec.ref}]] table, or use one of: "
                        + ", ".join(sorted(known)[:8])
                        if known
                        else f"declare it in a [[{spec.ref}]] table"
                    )
                )
                yield _problem(
                    plan,
                    record,
                    "unknown-reference",
                    f"{_name(record)}: '{f.name}' names {spec.ref} '{target}', "
                    "which is not declared",
                    hint,
                    field=f.name,
                )


def budget_sums(plan: Plan, context: Context) -> Iterator[Problem]:
    """The funding sources add up to the budget total."""
    budget = plan.budget
    if budget is None or not budget.sources:
        return
    total = sum(source.amount for source in budget.sources)
    if total != budget.total:
        parts = " + ".join(format_number(s.amount) for s in budget.sources)
        yield _problem(
            plan,
            budget,
            "budget-sum",
            f"the funding sources add up to {parts} = {format_vnd(total)}, "
            f"but the budget total is {format_vnd(budget.total)}",
            "correct the total or the source amounts so that they agree",
            field="total",
        )


def indicator_parts_sum(plan: Plan, context: Context) -> Iterator[Problem]:
    """An indicator's breakdown adds up to its value.

    Only a warning: a document prints what it prints, and the data keeps it.
    """
    for indicator in plan.indicators:
        if not indicator.parts:
            continue
        total = sum(part.value for part in indicator.parts)
        if total != indicator.value:
            parts = " + ".join(str(part.value) for part in indicator.parts)
            yield _problem(
                plan,
                indicator,
                "indicator-sum",
                f"indicator '{indicator.id}': its parts add up to {parts} = {total}, "
                f"not {indicator.value}",
                "if the document prints these figures, keep them; otherwise correct them",
                field="value",
                severity=Severity.WARNING,
            )


def dates_consistent(plan: Plan, context: Context) -> Iterator[Problem]:
    """issued ≤ start ≤ end; cited documents predate the plan."""
    header = plan.header
    if header is None:
        return
    if header.issued > header.start:
        yield _problem(
            plan,
            header,
            "date-order",
            f"the plan starts on {header.start} but is issued on {header.issued}, later",
            "a plan cannot start before it is issued: check 'issued' and 'start'",
            field="start",
        )
    if header.start > header.end:
        yield _problem(
            plan,
            header,
            "date-order",
            f"the plan ends on {header.end}, before it starts on {header.start}",
            "check 'start' and 'end'",
            field="end",
        )
    for basis in plan.legal_bases:
        if basis.date > header.issued:
            yield _problem(
                plan,
                basis,
                "date-order",
                f"legal basis '{basis.id}' is dated {basis.date}, after the plan "
                f"itself ({header.issued})",
                "check its date",
                field="date",
                severity=Severity.WARNING,
            )


def amounts_non_negative(plan: Plan, context: Context) -> Iterator[Problem]:
    """Money and printed figures are never negative."""
    for record in _records(plan):
        for f in dataclasses.fields(record):
            spec = f.metadata.get("spec")
            if spec is None or spec.kind not in ("money", "quantity"):
                continue
            value: Any = getattr(record, f.name)
            if isinstance(value, int) and value < 0:
                unit = " đồng" if spec.kind == "money" else ""
                yield _problem(
                    plan,
                    record,
                    "negative-amount",
                    f"{_name(record)}: '{f.name}' is {value}{unit}; it cannot be negative",
                    "write a whole number of 0 or more",
                    field=f.name,
                )


def quantities_positive(plan: Plan, context: Context) -> Iterator[Problem]:
    """An activity aims at something, and a completion records something."""
    for activity in plan.activities:
        if activity.target == 0:
            yield _problem(
                plan,
                activity,
                "zero-quantity",
                f"activity '{activity.id}': target is 0",
                "a target is at least 1; cancel the activity instead",
                field="target",
            )
    for completion in plan.completions:
        if completion.quantity == 0:
            yield _problem(
                plan,
                completion,
                "zero-quantity",
                f"completion '{completion.id}': quantity is 0",
                "a completion records at least 1; void it instead",
                field="quantity",
            )


def journal_dates(plan: Plan, context: Context) -> Iterator[Problem]:
    """Nothing is done in the future; work outside the plan period is worth a look."""
    header = plan.header
    dated: Iterable[Record] = (*plan.completions, *plan.cancellations)
    for record in dated:
        when: dt.date = record.date  # type: ignore[attr-defined]
        if when > context.today:
            yield _problem(
                plan,
                record,
                "future-date",
                f"{_name(record)} is dated {when}, after today ({context.today})",
                "record what was done once it is done, with the date it was done",
                field="date",
            )
        elif header and not header.start <= when <= header.end:
            yield _problem(
                plan,
                record,
                "outside-period",
                f"{_name(record)} is dated {when}, outside the plan period "
                f"{header.start} – {header.end}",
                "check the date",
                field="date",
                severity=Severity.WARNING,
            )


def allocation_within_budget(plan: Plan, context: Context) -> Iterator[Problem]:
    """Activities allocate no more than a source holds; spending over it is only a warning."""
    if plan.budget is None:
        return
    sources = {source.id: source for source in plan.sources}
    activities = plan.by_id("activities")
    allocated: Counter[str] = Counter()
    spent: Counter[str] = Counter()
    first_activity: dict[str, Record] = {}
    first_completion: dict[str, Record] = {}
    # A cancelled activity frees its allocation: the journal cannot delete it,
    # so cancelling is how an over-allocation is corrected.
    cancelled = {cancellation.activity for cancellation in plan.cancellations}
    for activity in plan.activities:
        if activity.source and activity.id not in cancelled:
            allocated[activity.source] += activity.cost
            first_activity.setdefault(activity.source, activity)
    voided = {void.completion for void in plan.voids}
    for completion in plan.completions:
        if completion.id in voided:
            continue
        parent = activities.get(completion.activity)
        source = completion.source or (parent.source if parent else None)
        if source:
            spent[source] += completion.spent
            first_completion.setdefault(source, completion)
    for source_id, amount in allocated.items():
        source = sources.get(source_id)
        if source and amount > source.amount:
            yield _problem(
                plan,
                first_activity[source_id],
                "over-allocated",
                f"activities allocate {format_vnd(amount)} from source '{source_id}', "
                f"which holds {format_vnd(source.amount)}",
                "lower the activities' costs or move some to another source",
                field="cost",
            )
    for source_id, amount in spent.items():
        source = sources.get(source_id)
        if source and amount > source.amount:
            yield _problem(
                plan,
                first_completion[source_id],
                "over-spent",
                f"completions spend {format_vnd(amount)} from source '{source_id}', "
                f"which holds {format_vnd(source.amount)}",
                "if this is what was spent, keep it and explain it in a note",
                field="spent",
                severity=Severity.WARNING,
            )


#: The rules `check` runs, in order. Add a rule by appending a function here.
RULES: tuple[Rule, ...] = (
    unique_ids,
    references_resolve,
    budget_sums,
    indicator_parts_sum,
    dates_consistent,
    amounts_non_negative,
    quantities_positive,
    journal_dates,
    allocation_within_budget,
)


def validate(loaded: Loaded, context: Context, rules: Iterable[Rule] = RULES) -> list[Problem]:
    """Every problem of a loaded file: syntax and structure, then the rules."""
    problems = list(loaded.problems)
    if loaded.plan is not None:
        for rule in rules:
            problems.extend(rule(loaded.plan, context))
    problems.sort(key=Problem.sort_key)
    return problems
