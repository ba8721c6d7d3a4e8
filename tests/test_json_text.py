"""JSON output is the same text whether orjson or the standard library writes it.

``render.data.dumps`` uses orjson for speed and the standard library for what
orjson refuses; scripts must never see the difference. Both are followed by
the same escaping of DEL and the C1 controls (``text.json_escape_c1``), which
neither encoder escapes; the reference applies it too.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ggov_plan.render import data as data_render
from ggov_plan.text import json_escape_c1

_ZONES = st.sampled_from(
    [
        None,
        dt.UTC,
        dt.timezone(dt.timedelta(hours=7)),
        dt.timezone(dt.timedelta(hours=-3, minutes=-30)),
    ]
)
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**64 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
    | st.dates()
    | st.datetimes(timezones=_ZONES)
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=25,
)


def standard(value: Any) -> str:
    return json_escape_c1(json.dumps(data_render._jsonable(value), ensure_ascii=False, indent=2))


@settings(max_examples=300, deadline=None, database=None)
@given(_VALUES)
def test_orjson_and_the_standard_library_write_the_same_text(value: Any) -> None:
    assert data_render.dumps(value) == standard(value)


def test_integers_beyond_64_bits_fall_back_to_the_standard_library() -> None:
    value = {"amount": 10**30, "when": dt.date(2017, 8, 18)}
    assert data_render.dumps(value) == standard(value)
    assert json.loads(data_render.dumps(value))["amount"] == 10**30


def test_del_and_c1_controls_are_escaped_and_read_back_exactly() -> None:
    value = {"title": "csi \x9b31m del \x7f nel \x85 \xa0 end", "\x9bkey": ["\x80"]}
    text = data_render.dumps(value)
    assert "\\u009b31m" in text and "\\u007f" in text and "\\u0085" in text
    assert not any("\x7f" <= char <= "\x9f" for char in text)
    assert "\xa0" in text  # only the controls are escaped
    assert json.loads(text) == value
    assert text == standard(value)
    # The standard library's path (integers beyond 64 bits) escapes them alike.
    huge = {**value, "amount": 10**30}
    assert data_render.dumps(huge) == standard(huge)
    assert not any("\x7f" <= char <= "\x9f" for char in data_render.dumps(huge))
