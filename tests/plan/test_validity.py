"""One judgement per value: the fast path and the careful builder cannot disagree.

Each field's rule (ggov_plan.plan.validity) accepts a value exactly when it
finds no fault in it; and a plan built with the fast path turned off —
every record the careful way — has the same records, positions and problems
as with it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_front_door import BROKEN, plan_facts

from conftest import MINIMAL_PLAN
from ggov_plan.plan.model import CHILDREN, COLLECTIONS
from ggov_plan.plan.parse import parse
from ggov_plan.plan.rules import Context, validate
from ggov_plan.plan.validity import REFUSED, RULES, Fault, RecordRule
from track_helpers import PLAN_2017

_SCALARS = (
    st.text(max_size=8)
    | st.sampled_from(["", "  ", "so-tttt", "Sở TT&TT", "a b", "-x", "planned", "done"])
    | st.integers(-(10**15), 10**15)
    | st.booleans()
    | st.floats(allow_nan=False)
    | st.dates()
    | st.datetimes()
    | st.times()
)
VALUES = (
    _SCALARS
    | st.lists(_SCALARS, max_size=3)
    | st.dictionaries(st.text(max_size=3), _SCALARS, max_size=2)
)

FIELDS = sorted(
    (
        (cls.__name__, name, field)
        for cls, rule in RULES.items()
        for name, field in rule.fields.items()
    ),
    key=lambda item: (item[0], item[1]),
)


def test_every_record_class_has_a_rule() -> None:
    children = {child.cls for of_parent in CHILDREN.values() for child in of_parent}
    classes = {cls for _, cls, _ in COLLECTIONS} | children
    assert classes <= RULES.keys()


@settings(max_examples=300, deadline=None)
@given(value=VALUES, index=st.integers(0, len(FIELDS) - 1))
def test_a_value_is_accepted_exactly_when_it_has_no_fault(value: Any, index: int) -> None:
    _, _, field = FIELDS[index]
    accepted = field.accept(value)
    fault = field.fault(value)
    assert (accepted is REFUSED) == (fault is not None), (field.spec, value, fault)
    if fault is None:
        # Lists and inline tables are held as tuples, so records stay immutable.
        if field.spec.kind == "values":
            assert accepted == tuple(value.items())
        elif field.spec.kind in ("refs", "texts"):
            assert accepted == tuple(value)
        else:
            assert accepted == value


@pytest.mark.parametrize(
    ("kind", "value", "fault"),
    [
        ("id", "bad id", Fault.BAD_ID),
        ("id", 5, Fault.WRONG_TYPE),
        ("money", True, Fault.WRONG_TYPE),
        ("date", dt.datetime(2017, 1, 1), Fault.WRONG_TYPE),
        ("refs", ["a", 1], Fault.WRONG_TYPE),
    ],
)
def test_faults_name_the_condition_that_failed(kind: str, value: Any, fault: Fault) -> None:
    field = next(f for _, _, f in FIELDS if f.spec.kind == kind)
    assert field.fault(value) is fault


@pytest.mark.parametrize("source", ["minimal", "shipped", "broken", "wrong-values"])
def test_the_careful_builder_builds_what_the_fast_path_builds(
    monkeypatch: pytest.MonkeyPatch, source: str
) -> None:
    texts = {
        "minimal": MINIMAL_PLAN,
        "shipped": PLAN_2017.read_text(encoding="utf-8"),
        "broken": BROKEN.read_text(encoding="utf-8"),
        # Sound records among refused ones: the fast path takes the first.
        "wrong-values": MINIMAL_PLAN
        + '\n[[activity]]\nid = "bad id"\ntask = "t1"\ntitle = " "\ncost = true\n'
        + '\n[[activity]]\nid = "so-tttt-ok"\ntask = "t1"\ntitle = "Được"\n',
    }
    text = texts[source]
    context = Context(dt.date(2017, 12, 31))
    fast = parse(text, "plan.toml")
    with monkeypatch.context() as patch:
        patch.setattr(RecordRule, "sound_record", lambda *_: None)
        careful = parse(text, "plan.toml")
    assert fast.plan is not None and careful.plan is not None
    assert plan_facts(fast.plan) == plan_facts(careful.plan)
    assert fast.problems == careful.problems
    assert validate(fast, context) == validate(careful, context)
