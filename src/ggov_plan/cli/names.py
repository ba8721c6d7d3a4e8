"""Finding a record from what someone typed: its id, or a fragment of its name.

An exact id always wins. Otherwise the text is matched, ignoring case and
diacritics, against the record's names (``--agency "bao ap bac"`` finds Báo
Ấp Bắc); one match is taken, several are listed so the user can choose.
"""

from __future__ import annotations

from typing import Any

from ggov_plan.i18n import t
from ggov_plan.plan.model import Indicator, Plan
from ggov_plan.problems import UsageError
from ggov_plan.text import fold

#: kind → (how to get the records, the fields that name a record)
_KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "task": ("tasks", ("text",)),
    "agency": ("agencies", ("name", "short")),
    "channel": ("channels", ("name",)),
    "content": ("contents", ("name", "text")),
    "budget.source": ("sources", ("name",)),
    "activity": ("activities", ("title",)),
    "completion": ("completions", ()),
    "indicator": ("indicators", ("label",)),
    "measurement": ("measurements", ()),
}


def _label(record: Any, fields: tuple[str, ...]) -> str:
    for field in fields:
        value = getattr(record, field, None)
        if value:
            shown: str = value if len(value) <= 70 else value[:69] + "…"
            return shown
    return ""


def resolve(plan: Plan, kind: str, typed: str, option: str) -> str:
    """The id of the one ``kind`` record that ``typed`` names; UsageError otherwise."""
    attribute, fields = _KINDS[kind]
    records = getattr(plan, attribute)
    ids = [r.id for r in records]
    if typed in ids:
        return typed
    wanted = fold(typed)
    if wanted:
        matches = [
            r
            for r in records
            if wanted in fold(r.id)
            or any(wanted in fold(getattr(r, f, None) or "") for f in fields)
        ]
        # A whole name typed without its diacritics beats names that merely
        # contain it: "bao ap bac" is Báo Ấp Bắc, not "Đài …, Báo Ấp Bắc".
        whole = [
            r for r in matches if any(wanted == fold(getattr(r, f, None) or "") for f in fields)
        ]
        if len(whole) == 1:
            matches = whole
        if len(matches) == 1:
            ident: str = matches[0].id
            return ident
        if matches:
            listing = "; ".join(f"{r.id} ({_label(r, fields)})" for r in matches[:10])
            raise UsageError(
                t(
                    "names.ambiguous",
                    option=option,
                    typed=repr(typed),
                    count=len(matches),
                    listing=listing,
                ),
                hint=t("names.ambiguous.hint"),
            )
    known = ", ".join(ids[:12]) + (", …" if len(ids) > 12 else "")
    noun = t(f"names.kind.{kind.split('.')[-1]}")
    raise UsageError(
        t("names.not_found", option=option, kind=noun, typed=repr(typed)),
        hint=(
            t("names.not_found.hint_ids", ids=known)
            if ids
            else t("names.not_found.hint_none", kind=noun)
        ),
    )


def resolve_part(indicator: Indicator, typed: str, option: str) -> str:
    """How a measurement names the part of ``indicator`` that ``typed`` names.

    That is the part's id, else its label (:attr:`IndicatorPart.key_in_measurements`);
    ``typed`` is matched as :func:`resolve` matches a record, against the
    part's id and label. UsageError, listing the parts, for no or several matches.
    """
    keys = [part.key_in_measurements for part in indicator.parts]
    if typed in keys:
        return typed
    wanted = fold(typed)
    names = {part.key_in_measurements: (part.id or "", part.label) for part in indicator.parts}
    matches = [k for k, pair in names.items() if wanted and any(wanted in fold(n) for n in pair)]
    whole = [k for k in matches if any(wanted == fold(n) for n in names[k])]
    if len(whole) == 1:
        matches = whole
    if len(matches) == 1:
        return matches[0]
    listing = {
        part.key_in_measurements: f"{part.id} ({part.label})" if part.id else repr(part.label)
        for part in indicator.parts
    }
    if matches:
        raise UsageError(
            t(
                "names.ambiguous",
                option=option,
                typed=repr(typed),
                count=len(matches),
                listing="; ".join(listing[k] for k in matches),
            ),
            hint=t("names.ambiguous.hint"),
        )
    raise UsageError(
        t("names.part_not_found", option=option, typed=repr(typed), indicator=indicator.id),
        hint=(
            t("names.part_not_found.hint", parts="; ".join(listing.values()))
            if indicator.parts
            else t("names.part_not_found.hint_none", indicator=indicator.id)
        ),
    )
