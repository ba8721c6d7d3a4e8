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

from ggov_plan.i18n import CATALOG, current, date_text, t
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


def _noun(key: str) -> str:
    """What a record is called in the current language, by its TOML key: ``task``, nhiệm vụ."""
    entry = f"record.{key}"
    return t(entry) if entry in CATALOG else key


def _name(record: Record) -> str:
    ident = getattr(record, "id", None)
    return f"{_noun(record.key)} '{ident}'" if ident else t("record.table", key=record.key)


def _vnd(amount: int) -> str:
    """An amount with its unit, as the current language writes it."""
    return format_vnd(amount, current())


def _figure(value: int) -> str:
    """A printed figure or a number from the file: as is in English, grouped in Vietnamese."""
    return format_number(value, "vi") if current() == "vi" else str(value)


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
                    t(
                        "rule.duplicate_id",
                        record=_noun(record.key),
                        id=ident,
                        line=first[ident].line,
                    ),
                    t("rule.duplicate_id.hint"),
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
                    t("problem.did_you_mean", name=close[0])
                    if close
                    else (
                        t(
                            "rule.unknown_reference.hint_declare_or",
                            table=spec.ref,
                            ids=", ".join(sorted(known)[:8]),
                        )
                        if known
                        else t("rule.unknown_reference.hint_declare", table=spec.ref)
                    )
                )
                yield _problem(
                    plan,
                    record,
                    "unknown-reference",
                    t(
                        "rule.unknown_reference",
                        name=_name(record),
                        key=f.name,
                        record=_noun(spec.ref),
                        id=target,
                    ),
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
        parts = " + ".join(format_number(s.amount, current()) for s in budget.sources)
        yield _problem(
            plan,
            budget,
            "budget-sum",
            t("rule.budget_sum", parts=parts, sum=_vnd(total), total=_vnd(budget.total)),
            t("rule.budget_sum.hint"),
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
            parts = " + ".join(_figure(part.value) for part in indicator.parts)
            yield _problem(
                plan,
                indicator,
                "indicator-sum",
                t(
                    "rule.indicator_sum",
                    id=indicator.id,
                    parts=parts,
                    sum=_figure(total),
                    value=_figure(indicator.value),
                ),
                t("rule.indicator_sum.hint"),
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
            t(
                "rule.issued_after_start",
                start=date_text(header.start),
                issued=date_text(header.issued),
            ),
            t("rule.issued_after_start.hint"),
            field="start",
        )
    if header.start > header.end:
        yield _problem(
            plan,
            header,
            "date-order",
            t("rule.end_before_start", end=date_text(header.end), start=date_text(header.start)),
            t("rule.end_before_start.hint"),
            field="end",
        )
    for basis in plan.legal_bases:
        if basis.date > header.issued:
            yield _problem(
                plan,
                basis,
                "date-order",
                t(
                    "rule.basis_after_plan",
                    id=basis.id,
                    date=date_text(basis.date),
                    issued=date_text(header.issued),
                ),
                t("rule.basis_after_plan.hint"),
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
                    t(
                        "rule.negative_amount",
                        name=_name(record),
                        key=f.name,
                        value=_figure(value) + unit,
                    ),
                    t("rule.negative_amount.hint"),
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
                t("rule.zero_target", id=activity.id),
                t("rule.zero_target.hint"),
                field="target",
            )
    for completion in plan.completions:
        if completion.quantity == 0:
            yield _problem(
                plan,
                completion,
                "zero-quantity",
                t("rule.zero_quantity", id=completion.id),
                t("rule.zero_quantity.hint"),
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
                t(
                    "rule.future_date",
                    name=_name(record),
                    date=date_text(when),
                    today=date_text(context.today),
                ),
                t("rule.future_date.hint"),
                field="date",
            )
        elif header and not header.start <= when <= header.end:
            yield _problem(
                plan,
                record,
                "outside-period",
                t(
                    "rule.outside_period",
                    name=_name(record),
                    date=date_text(when),
                    start=date_text(header.start),
                    end=date_text(header.end),
                ),
                t("rule.outside_period.hint"),
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
                t(
                    "rule.over_allocated",
                    amount=_vnd(amount),
                    source=source_id,
                    holds=_vnd(source.amount),
                ),
                t("rule.over_allocated.hint"),
                field="cost",
            )
    for source_id, amount in spent.items():
        source = sources.get(source_id)
        if source and amount > source.amount:
            yield _problem(
                plan,
                first_completion[source_id],
                "over-spent",
                t(
                    "rule.over_spent",
                    amount=_vnd(amount),
                    source=source_id,
                    holds=_vnd(source.amount),
                ),
                t("rule.over_spent.hint"),
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
