"""Commands about results: ``measure`` records the value an indicator reached.

A measurement is appended like a completion, through
:func:`ggov_plan.write.journal.append` (locked, verified, atomic), and voided
like one (``measure --void MEASUREMENT_ID --reason …``). What the records
say is :mod:`ggov_plan.write.changes`'s; here the command line is read: the
indicator and its parts by id or a fragment of their name, the value as
people type it (``795``, ``80,5``). At a terminal a missing indicator or value
is asked for; elsewhere it is a usage error (exit 2) naming it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from ggov_plan.cli import writing
from ggov_plan.cli.registry import Commands
from ggov_plan.cli.shell import PLAN, PlanSource
from ggov_plan.i18n import t
from ggov_plan.problems import UsageError

if TYPE_CHECKING:
    from ggov_plan.plan import Checked
    from ggov_plan.plan.model import Indicator, Measure, Plan

commands = Commands("results")


@commands.command("measure", PLAN)
def measure(
    indicator: Annotated[
        str | None,
        typer.Argument(
            help="Indicator measured (id or a fragment of its label).", metavar="INDICATOR"
        ),
    ] = None,
    value: Annotated[
        str | None,
        typer.Argument(
            help="The value reached: a whole number, or up to two decimals for a % "
            "indicator (80,5 or 80.5).",
            metavar="VALUE",
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", help="The day the value was true. Default: today."),
    ] = None,
    part: Annotated[
        list[str] | None,
        typer.Option(
            "--part",
            help="A part's value, PART=VALUE (part id or a fragment of its label); "
            "repeat for several.",
            metavar="PART=VALUE",
        ),
    ] = None,
    evidence: Annotated[
        str | None, typer.Option("--evidence", help="Where the value comes from.")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="Free note.")] = None,
    by: writing.ByOption = None,
    ident: Annotated[
        str | None,
        typer.Option(
            "--id", help="Id to use. Default: the lead agency's id, -m- and 4 random characters."
        ),
    ] = None,
    void: Annotated[
        str | None,
        typer.Option(
            "--void",
            help="Void this measurement (recorded by mistake) instead.",
            metavar="MEASUREMENT_ID",
        ),
    ] = None,
    reason: Annotated[str | None, typer.Option("--reason", help="Why, with --void.")] = None,
    dry_run: writing.DryRunOption = False,
    strict: writing.StrictOption = False,
    *,
    plan: PlanSource,
) -> None:
    """Record the value an indicator reached on a day, with its parts and evidence.

    With --void MEASUREMENT_ID --reason …, void a measurement recorded by
    mistake instead; the measurement stays in the file. Prints the record's id last.
    """
    from ggov_plan.cli.inputs import parse_date
    from ggov_plan.write import changes, journal

    checked = writing.current(plan)
    current = checked.plan
    if void is not None:
        given = {"INDICATOR": indicator, "VALUE": value, "--date": date, "--part": part}
        given |= {"--evidence": evidence, "--note": note, "--id": ident}
        conflicting = [name for name, typed in given.items() if typed is not None]
        if conflicting:
            raise UsageError(
                t("cli.void_conflict", options=", ".join(conflicting)),
                hint=t("cli.measure_void_conflict.hint"),
            )
        _void(checked, void, reason, by, dry_run, plan, strict)
        return
    measured = _indicator(current, indicator)
    request = changes.NewMeasurement(
        indicator=measured.id,
        value=_value(measured, value),
        date=parse_date(date, what="--date") if date is not None else None,
        parts=parts(measured, part or []),
        evidence=evidence,
        note=note,
        by=by,
        id=ident,
    )
    if ident is not None:
        journal.check_new_id(ident, "--id")
    writing.write(plan, request, dry_run, checked, strict=strict)


def _indicator(current: Plan, typed: str | None) -> Indicator:
    """The indicator INDICATOR names or, at a terminal, the one chosen from a list."""
    from ggov_plan.cli.names import resolve

    if typed is None:
        if not writing.interactive() or not current.indicators:
            example = current.indicators[0].id if current.indicators else "INDICATOR"
            raise writing.missing("INDICATOR", example)
        typed = writing.choose(
            t("cli.prompt.indicator"), [(i.id, i.label) for i in current.indicators]
        )
    indicators: dict[str, Indicator] = current.by_id("indicators")
    return indicators[resolve(current, "indicator", typed, "INDICATOR")]


def _value(indicator: Indicator, typed: str | None) -> Measure:
    from ggov_plan.cli.inputs import parse_measure

    if typed is None:
        if not writing.interactive():
            raise writing.missing("VALUE", "80,5" if indicator.is_percentage else "795")
        unit = indicator.unit
        typed = writing.ask(
            t("cli.prompt.value", unit=unit) if unit else t("cli.prompt.value_bare")
        )
    return parse_measure(typed, percentage=indicator.is_percentage, what="VALUE")


def parts(indicator: Indicator, typed: list[str]) -> tuple[tuple[str, Measure], ...]:
    """``--part PART=VALUE`` options as (part key, value) pairs, in the indicator's order."""
    from ggov_plan.cli.inputs import parse_measure
    from ggov_plan.cli.names import resolve_part

    given: dict[str, Measure] = {}
    for option in typed:
        # The last "=": a label may hold one, a value never does.
        name, equals, text = option.rpartition("=")
        if not equals or not name.strip():
            raise UsageError(
                t("cli.part_syntax", text=repr(option)),
                hint=t("cli.part_syntax.hint"),
            )
        key = resolve_part(indicator, name.strip(), "--part")
        if key in given:
            raise UsageError(t("cli.part_twice", part=repr(key)), hint=t("cli.part_twice.hint"))
        given[key] = parse_measure(
            text, percentage=indicator.is_percentage, what=f"--part {name.strip()}"
        )
    order = [p.key_in_measurements for p in indicator.parts]
    return tuple((key, given[key]) for key in order if key in given)


def _void(
    checked: Checked,
    measurement: str,
    reason: str | None,
    by: str | None,
    dry_run: bool,
    plan: PlanSource,
    strict: bool = False,
) -> None:
    from ggov_plan.cli.names import resolve
    from ggov_plan.write import changes

    measurement_id = resolve(checked.plan, "measurement", measurement, "--void")
    # Checked under the lock too; here first, so as not to ask for a reason in vain.
    changes.check_measurement_voidable(checked.plan, measurement_id)
    request = changes.VoidMeasurement(
        measurement=measurement_id, reason=writing.reason(reason), by=by
    )
    writing.write(plan, request, dry_run, checked, strict=strict)
