"""Validation: a list of pure rules over a built plan.

Each rule takes the plan and a :class:`Context` and yields problems; none of
them reads files or the clock. Syntax and structure (missing keys, wrong
types, unknown keys) are found while the model is built, in
:mod:`ggov_plan.plan.build`; :func:`validate` returns those together with what the
rules find, sorted by position, so one run reports everything.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ggov_plan.books.ledger import EVER, Ledger
from ggov_plan.i18n import CATALOG
from ggov_plan.i18n.message import (
    Day,
    Figure,
    Joined,
    Message,
    Money,
    Number,
    PerLanguage,
    Text,
    msg,
)
from ggov_plan.plan.model import COLLECTIONS, Acceptance, Activity, FieldSpec, Plan, Record
from ggov_plan.plan.parse import Loaded
from ggov_plan.problems import Problem, Severity

#: Where a key stands in the file, by its data path (``budget.source[1].amount``).
Locate = Callable[[str], tuple[int | None, int | None]]


@dataclass(frozen=True, slots=True)
class Context:
    """What rules may know beyond the plan: today's date, given by the caller.

    ``locate`` finds a key's own line, for a rule that finds fault with one
    value rather than with its table; :func:`validate` gives it from the file.
    """

    today: dt.date
    locate: Locate | None = dataclasses.field(default=None, compare=False, repr=False)


Rule = Callable[[Plan, Context], Iterator[Problem]]


def _problem(
    plan: Plan,
    record: Record,
    code: str,
    message: Text,
    hint: Text = "",
    *,
    field: str = "",
    severity: Severity = Severity.ERROR,
) -> Problem:
    # Semantic problems point at the line of the table they concern.
    path = f"{record.path}.{field}" if field else record.path
    return Problem(
        severity, code, message, plan.file, record.line or None, record.column or None, path, hint
    )


def _value_problem(
    plan: Plan,
    record: Record,
    context: Context,
    code: str,
    message: Text,
    hint: Text,
    *,
    field: str,
) -> Problem:
    # A problem with one value points at the value's own line, as the
    # structural problems do (load.py), when the file says where it is.
    path = f"{record.path}.{field}"
    line, column = context.locate(path) if context.locate else (None, None)
    if not line:
        line, column = record.line or None, record.column or None
    return Problem(Severity.ERROR, code, message, plan.file, line, column, path, hint)


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


def _noun(key: str) -> Message | str:
    """What a record is called, by its TOML key: ``task``, nhiệm vụ when worded in Vietnamese."""
    entry = f"record.{key}"
    return msg(entry) if entry in CATALOG else key


def _name(record: Record) -> Message:
    ident = getattr(record, "id", None)
    if ident:
        return msg("record.named", noun=_noun(record.key), id=ident)
    return msg("record.table", key=record.key)


def _vnd(amount: int) -> Money:
    """An amount with its unit, worded in the reader's language."""
    return Money(amount)


def _figure(value: int) -> Figure:
    """A printed figure or a number from the file: as is in English, grouped in Vietnamese."""
    return Figure(value)


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
                    msg(
                        "rule.duplicate_id",
                        record=_noun(record.key),
                        id=ident,
                        line=first[ident].line,
                    ),
                    msg("rule.duplicate_id.hint"),
                    field="id",
                )
            else:
                first[ident] = record


def references_resolve(plan: Plan, context: Context) -> Iterator[Problem]:
    """Every id that names another record names one that is declared."""
    declared = plan.declared_ids
    for record in _records(plan):
        for name, spec in _reference_fields(type(record)):
            value = getattr(record, name)
            targets = value if isinstance(value, tuple) else (value,)
            assert spec.ref is not None
            known = declared.get(spec.ref, frozenset())
            for target in targets:
                if target is None or target in known:
                    continue
                close = difflib.get_close_matches(target, sorted(known), n=1)
                hint = (
                    msg("problem.did_you_mean", name=close[0])
                    if close
                    else (
                        msg(
                            "rule.unknown_reference.hint_declare_or",
                            table=spec.ref,
                            ids=", ".join(sorted(known)[:8]),
                        )
                        if known
                        else msg("rule.unknown_reference.hint_declare", table=spec.ref)
                    )
                )
                yield _problem(
                    plan,
                    record,
                    "unknown-reference",
                    msg(
                        "rule.unknown_reference",
                        name=_name(record),
                        key=name,
                        record=_noun(spec.ref),
                        id=target,
                    ),
                    hint,
                    field=name,
                )


def budget_unknown(plan: Plan, context: Context) -> Iterator[Problem]:
    """One note when the plan states no amount, so the money rules were not judged."""
    budget = plan.budget
    if budget is None:
        return
    unknown = budget.total is None or any(s.amount is None for s in budget.sources)
    if unknown:
        yield _problem(
            plan,
            budget,
            "budget-unknown",
            msg("rule.budget_unknown"),
            msg("rule.budget_unknown.hint"),
            severity=Severity.INFO,
        )


def budget_sums(plan: Plan, context: Context) -> Iterator[Problem]:
    """The funding sources add up to the budget total (when every amount is stated)."""
    budget = plan.budget
    if budget is None or not budget.sources or budget.total is None:
        return
    amounts = [source.amount for source in budget.sources]
    if any(amount is None for amount in amounts):
        return
    total = sum(amount for amount in amounts if amount is not None)
    if total != budget.total:
        parts = Joined(" + ", tuple(Number(s.amount or 0) for s in budget.sources))
        yield _problem(
            plan,
            budget,
            "budget-sum",
            msg("rule.budget_sum", parts=parts, sum=_vnd(total), total=_vnd(budget.total)),
            msg("rule.budget_sum.hint"),
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
            parts = Joined(" + ", tuple(_figure(part.value) for part in indicator.parts))
            yield _problem(
                plan,
                indicator,
                "indicator-sum",
                msg(
                    "rule.indicator_sum",
                    id=indicator.id,
                    parts=parts,
                    sum=_figure(total),
                    value=_figure(indicator.value),
                ),
                msg("rule.indicator_sum.hint"),
                field="value",
                severity=Severity.WARNING,
            )


def _measure_text(value: float | int) -> Figure | PerLanguage:
    """A measured value as printed: a count grouped, a percentage with its decimals."""
    return (
        _figure(value)
        if isinstance(value, int)
        else PerLanguage(en=f"{value:g}", vi=f"{value:g}".replace(".", ","))
    )


def indicator_targets(plan: Plan, context: Context) -> Iterator[Problem]:
    """Milestones come in date order, by the indicator's deadline; decimals only for a %."""
    end = plan.header.end if plan.header else None
    for indicator in plan.indicators:
        deadline = indicator.by or end
        previous = None
        for milestone in indicator.milestones:
            if deadline is not None and milestone.by > deadline:
                yield _problem(
                    plan,
                    milestone,
                    "milestone-after-deadline",
                    msg(
                        "rule.milestone_after_deadline",
                        id=indicator.id,
                        by=Day(milestone.by),
                        deadline=Day(deadline),
                    ),
                    msg("rule.milestone_after_deadline.hint"),
                    field="by",
                )
            if previous is not None and milestone.by <= previous:
                yield _problem(
                    plan,
                    milestone,
                    "milestone-order",
                    msg("rule.milestone_order", id=indicator.id, by=Day(milestone.by)),
                    msg("rule.milestone_order.hint"),
                    field="by",
                )
            previous = milestone.by
            if isinstance(milestone.value, float) and not indicator.is_percentage:
                yield _problem(
                    plan,
                    milestone,
                    "decimal-count",
                    msg(
                        "rule.decimal_count", id=indicator.id, value=_measure_text(milestone.value)
                    ),
                    msg("rule.decimal_count.hint"),
                    field="value",
                )


def measurements_fit(plan: Plan, context: Context) -> Iterator[Problem]:
    """A measurement's parts exist and add up; its decimals are for a percentage only."""
    indicators = plan.by_id("indicators")
    for measurement in plan.measurements:
        indicator = indicators.get(measurement.indicator)
        if indicator is None:
            continue  # references_resolve says so
        if isinstance(measurement.value, float) and not indicator.is_percentage:
            yield _problem(
                plan,
                measurement,
                "decimal-count",
                msg(
                    "rule.decimal_count",
                    id=indicator.id,
                    value=_measure_text(measurement.value),
                ),
                msg("rule.decimal_count.hint"),
                field="value",
            )
        if not measurement.parts:
            continue
        known = {part.key_in_measurements for part in indicator.parts}
        for name, _ in measurement.parts:
            if name not in known:
                yield _problem(
                    plan,
                    measurement,
                    "unknown-part",
                    msg("rule.unknown_part", id=indicator.id, part=repr(name)),
                    msg(
                        "rule.unknown_part.hint",
                        parts=", ".join(sorted(known)) or "-",
                    ),
                    field="parts",
                )
        if {name for name, _ in measurement.parts} == known:
            total = sum(value for _, value in measurement.parts)
            if round(total, 2) != measurement.value:
                yield _problem(
                    plan,
                    measurement,
                    "measurement-part-sum",
                    msg(
                        "rule.measurement_part_sum",
                        id=measurement.id,
                        parts=Joined(" + ", tuple(_measure_text(v) for _, v in measurement.parts)),
                        sum=_measure_text(round(total, 2)),
                        value=_measure_text(measurement.value),
                    ),
                    msg("rule.measurement_part_sum.hint"),
                    field="parts",
                    severity=Severity.WARNING,
                )


def voids_name_one_record(plan: Plan, context: Context) -> Iterator[Problem]:
    """A void names exactly one record: a completion, a measurement or a cancellation."""
    for void in plan.voids:
        named = (void.completion, void.measurement, void.cancellation)
        if sum(target is not None for target in named) != 1:
            yield _problem(
                plan,
                void,
                "void-target",
                msg("rule.void_target"),
                msg("rule.void_target.hint"),
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
            msg(
                "rule.issued_after_start",
                start=Day(header.start),
                issued=Day(header.issued),
            ),
            msg("rule.issued_after_start.hint"),
            field="start",
        )
    if header.start > header.end:
        yield _problem(
            plan,
            header,
            "date-order",
            msg("rule.end_before_start", end=Day(header.end), start=Day(header.start)),
            msg("rule.end_before_start.hint"),
            field="end",
        )
    for basis in plan.legal_bases:
        if basis.date > header.issued:
            yield _problem(
                plan,
                basis,
                "date-order",
                msg(
                    "rule.basis_after_plan",
                    id=basis.id,
                    date=Day(basis.date),
                    issued=Day(header.issued),
                ),
                msg("rule.basis_after_plan.hint"),
                field="date",
                severity=Severity.WARNING,
            )


_REFERENCE_FIELDS: dict[type[Record], tuple[tuple[str, FieldSpec], ...]] = {}


def _reference_fields(cls: type[Record]) -> tuple[tuple[str, FieldSpec], ...]:
    """The fields of a record class that name other records, once per class:
    ``dataclasses.fields`` per record was most of the rules' time."""
    found = _REFERENCE_FIELDS.get(cls)
    if found is None:
        found = tuple(
            (f.name, f.metadata["spec"])
            for f in dataclasses.fields(cls)
            if "spec" in f.metadata and f.metadata["spec"].ref is not None
        )
        _REFERENCE_FIELDS[cls] = found
    return found


_AMOUNT_FIELDS: dict[type[Record], tuple[tuple[str, str], ...]] = {}


def _amount_fields(cls: type[Record]) -> tuple[tuple[str, str], ...]:
    """The money and quantity fields of a record class: (name, kind), in order."""
    found = _AMOUNT_FIELDS.get(cls)
    if found is None:
        found = tuple(
            (f.name, f.metadata["spec"].kind)
            for f in dataclasses.fields(cls)
            if "spec" in f.metadata and f.metadata["spec"].kind in ("money", "quantity")
        )
        _AMOUNT_FIELDS[cls] = found
    return found


def _amounts(plan: Plan) -> Iterator[tuple[Record, str, str, Any]]:
    """Every money and quantity value of the plan: (record, field, kind, value)."""
    for record in _records(plan):
        for name, kind in _amount_fields(type(record)):
            yield record, name, kind, getattr(record, name)


def amounts_non_negative(plan: Plan, context: Context) -> Iterator[Problem]:
    """Money and printed figures are never negative."""
    for record, name, kind, value in _amounts(plan):
        if isinstance(value, int) and value < 0:
            unit = " đồng" if kind == "money" else ""
            yield _problem(
                plan,
                record,
                "negative-amount",
                msg(
                    "rule.negative_amount",
                    name=_name(record),
                    key=name,
                    value=msg("problem.value_unit", value=_figure(value), unit=unit),
                ),
                msg("rule.negative_amount.hint"),
                field=name,
            )


#: TOML 1.0's integers are 64-bit: "if an integer cannot be represented
#: losslessly, an error must be thrown". tomllib reads any size; other readers refuse.
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


def amounts_within_64_bits(plan: Plan, context: Context) -> Iterator[Problem]:
    """Money and figures are TOML's 64-bit integers, which every TOML reader takes.

    Reported as ``wrong-type`` at the value's own line: beyond 64 bits, a
    number is no TOML integer.
    """
    for record, name, kind, value in _amounts(plan):
        if type(value) is int and not INT64_MIN <= value <= INT64_MAX:
            unit = " đồng" if kind == "money" else ""
            yield _value_problem(
                plan,
                record,
                context,
                "wrong-type",
                msg(
                    "rule.beyond_64_bits",
                    name=_name(record),
                    key=name,
                    value=msg("problem.value_unit", value=_figure(value), unit=unit),
                ),
                msg("rule.beyond_64_bits.hint", most=_figure(INT64_MAX)),
                field=name,
            )


def quantities_positive(plan: Plan, context: Context) -> Iterator[Problem]:
    """An activity aims at something, and a completion records something."""
    for activity in plan.activities:
        if activity.target == 0:
            yield _problem(
                plan,
                activity,
                "zero-quantity",
                msg("rule.zero_target", id=activity.id),
                msg("rule.zero_target.hint"),
                field="target",
            )
    for completion in plan.completions:
        if completion.quantity == 0:
            yield _problem(
                plan,
                completion,
                "zero-quantity",
                msg("rule.zero_quantity", id=completion.id),
                msg("rule.zero_quantity.hint"),
                field="quantity",
            )


def plan_timezone(plan: Plan, context: Context) -> Iterator[Problem]:
    """``[plan] timezone``, if declared, is an IANA name the zone database knows."""
    from ggov_plan.plan.timezone import DEFAULT_TIMEZONE, zone

    header = plan.header
    if header is not None and header.timezone is not None and zone(header.timezone) is None:
        yield _value_problem(
            plan,
            header,
            context,
            "bad-value",
            msg("rule.bad_timezone", value=repr(header.timezone)),
            msg("rule.bad_timezone.hint", example=DEFAULT_TIMEZONE),
            field="timezone",
        )


def journal_dates(plan: Plan, context: Context) -> Iterator[Problem]:
    """Nothing is done in the future; work outside the plan period is worth a look."""
    header = plan.header
    # A measurement may come after the plan's end (a result measured later),
    # but never after today: a value cannot be known before its day.
    dated: Iterable[Record] = (*plan.completions, *plan.cancellations, *plan.measurements)
    for record in dated:
        when: dt.date = record.date  # type: ignore[attr-defined]
        if when > context.today:
            yield _problem(
                plan,
                record,
                "future-date",
                msg(
                    "rule.future_date",
                    name=_name(record),
                    date=Day(when),
                    today=Day(context.today),
                ),
                msg("rule.future_date.hint"),
                field="date",
            )
        elif header and not header.start <= when <= header.end and record.key != "measurement":
            yield _problem(
                plan,
                record,
                "outside-period",
                msg(
                    "rule.outside_period",
                    name=_name(record),
                    date=Day(when),
                    start=Day(header.start),
                    end=Day(header.end),
                ),
                msg("rule.outside_period.hint"),
                field="date",
                severity=Severity.WARNING,
            )


def _over_allocation_repair(last: Activity, excess: int) -> Message:
    """The exact command that ends an over-allocation: the last activity's cost
    lowered by the excess, or, if that is more than its cost, its cancellation
    (what a merge of two clones that both allocated needs: docs/collaboration.md)."""
    if last.cost > excess:
        return msg("rule.over_allocated.hint_edit", id=last.id, cost=str(last.cost - excess))
    return msg("rule.over_allocated.hint_cancel", id=last.id)


def allocation_within_budget(plan: Plan, context: Context) -> Iterator[Problem]:
    """Activities allocate no more than a source holds; spending over it is only a warning."""
    if plan.budget is None:
        return
    sources = {source.id: source for source in plan.sources}
    activities = plan.by_id("activities")
    allocated: Counter[str] = Counter()
    spent: Counter[str] = Counter()
    first_activity: dict[str, Record] = {}
    last_activity: dict[str, Activity] = {}
    first_completion: dict[str, Record] = {}
    # The file as a whole, every record whatever its date: a plan that will
    # be over its budget is wrong today.
    ledger = Ledger.of(plan, EVER)
    # A cancelled activity frees its allocation: the journal cannot delete it,
    # so cancelling is how an over-allocation is corrected.
    for activity in ledger.activities:
        if activity.source and not ledger.is_cancelled(activity.id):
            allocated[activity.source] += activity.cost
            first_activity.setdefault(activity.source, activity)
            last_activity[activity.source] = activity
    for completion in ledger.live_completions:
        parent = activities.get(completion.activity)
        source = completion.source or (parent.source if parent else None)
        if source:
            spent[source] += completion.spent
            first_completion.setdefault(source, completion)
    # A source whose amount the plan does not state holds whatever is given it.
    for source_id, amount in allocated.items():
        source = sources.get(source_id)
        if source and source.amount is not None and amount > source.amount:
            yield _problem(
                plan,
                first_activity[source_id],
                "over-allocated",
                msg(
                    "rule.over_allocated",
                    amount=_vnd(amount),
                    source=source_id,
                    holds=_vnd(source.amount),
                ),
                _over_allocation_repair(last_activity[source_id], amount - source.amount),
                field="cost",
            )
    for source_id, amount in spent.items():
        source = sources.get(source_id)
        if source and source.amount is not None and amount > source.amount:
            yield _problem(
                plan,
                first_completion[source_id],
                "over-spent",
                msg(
                    "rule.over_spent",
                    amount=_vnd(amount),
                    source=source_id,
                    holds=_vnd(source.amount),
                ),
                msg("rule.over_spent.hint"),
                field="spent",
                severity=Severity.WARNING,
            )


#: The rules `check` runs, in order. Add a rule by appending a function here.
RULES: tuple[Rule, ...] = (
    unique_ids,
    references_resolve,
    budget_unknown,
    budget_sums,
    indicator_parts_sum,
    indicator_targets,
    measurements_fit,
    voids_name_one_record,
    dates_consistent,
    amounts_non_negative,
    amounts_within_64_bits,
    quantities_positive,
    plan_timezone,
    journal_dates,
    allocation_within_budget,
)


def validate(loaded: Loaded, context: Context, rules: Iterable[Rule] = RULES) -> list[Problem]:
    """Every problem of a loaded file: syntax and structure, then the rules."""
    problems = list(loaded.problems)
    if loaded.plan is not None:
        if context.locate is None:
            context = dataclasses.replace(context, locate=_locator(loaded))
        for rule in rules:
            name = rule.__name__
            problems.extend(dataclasses.replace(p, rule=name) for p in rule(loaded.plan, context))
        if loaded.plan.check is not None and loaded.plan.check.accepts:
            problems = [_accepted(p, loaded.plan.check.accepts) for p in problems]
    problems.sort(key=Problem.sort_key)
    return problems


def _accepted(problem: Problem, accepts: tuple[Acceptance, ...]) -> Problem:
    """The problem marked accepted if a ``[[check.accept]]`` covers it.

    Only warnings and notes can be accepted: an error still stops the plan.
    """
    if problem.is_error:
        return problem
    for accept in accepts:
        where = accept.where or ""
        if accept.code == problem.code and (
            not where
            or problem.path == where
            or problem.path.startswith((where + ".", where + "["))
        ):
            return dataclasses.replace(problem, accepted=accept.reason)
    return problem


_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _locator(loaded: Loaded) -> Locate:
    """Where a key stands, from the file's source map, built only when first asked."""

    def locate(path: str) -> tuple[int | None, int | None]:
        sourcemap = loaded.sourcemap
        if sourcemap is None:
            return None, None
        parts = tuple(int(index) if index else name for name, index in _PATH_PART.findall(path))
        return sourcemap.locate(parts)

    return locate
