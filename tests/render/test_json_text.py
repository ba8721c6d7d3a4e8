"""JSON output is the same text whether orjson or the standard library writes it.

``render.data.dumps`` uses orjson for speed and the standard library for what
orjson refuses; scripts must never see the difference. Both are followed by
the same escaping of DEL and the C1 controls (``text.json_escape_c1``), which
neither encoder escapes; the reference applies it too.

The one known difference is a float below 1e-4: orjson writes ``0.00001`` and
``5.96e-8`` where the standard library writes ``1e-05`` and ``5.96e-08``.
ggov-plan's JSON never holds one: its only floats are progress ratios, which
``render/data.py`` rounds to 4 places (``round(progress, 4)``), so they are
0.0 or at least 0.0001; every other number is an integer (amounts,
quantities, counts, lines). The values tried here are floats of that kind,
and the last test checks the real outputs.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ggov_plan.render import data as data_render
from ggov_plan.text import json_escape_c1
from track_helpers import ROOT, cli

TRACKED = ROOT / "examples" / "plan2017-tracked.toml"

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
    # Floats as ggov-plan writes them, rounded to 4 places (see the docstring:
    # the encoders differ below 1e-4, which rounding never leaves). Negative
    # ones too, and well beyond the [0, 1] of a progress ratio.
    | st.floats(-(10**6), 10**6).map(lambda x: round(x, 4))
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


#: Every JSON output that holds a float (a progress ratio), and one that holds none.
FLOAT_OUTPUTS = {
    "status": ["status", "--json"],
    "report": ["report", "--format", "json"],
    "progress by task": ["progress", "--json"],
    "progress by month": ["progress", "--json", "--by", "month"],
    "activity list": ["activity", "list", "--json"],
}
#: A float as the rounding to 4 places writes it: no exponent, at most 4 decimals.
FOUR_PLACES = re.compile(r"-?[0-9]+\.[0-9]{1,4}")


def _float_literals(text: str) -> list[str]:
    found: list[str] = []

    def note(literal: str) -> float:
        found.append(literal)
        return float(literal)

    json.loads(text, parse_float=note)
    return found


@pytest.mark.parametrize("as_of", ["2017-11-15", "2017-12-31"])
@pytest.mark.parametrize("name", list(FLOAT_OUTPUTS))
def test_every_float_in_the_json_outputs_has_at_most_4_decimals(name: str, as_of: str) -> None:
    # So the encoders' one difference (floats below 1e-4) cannot reach a script.
    result = cli(*FLOAT_OUTPUTS[name], "--as-of", as_of, "-p", TRACKED)
    assert result.exit_code == 0, result.stderr
    floats = _float_literals(result.stdout)
    assert all(FOUR_PLACES.fullmatch(literal) for literal in floats), floats
    if name != "activity list":
        assert floats  # the output does hold progress ratios
    # And the standard library writes the very same text for it.
    assert standard(json.loads(result.stdout)) == result.stdout.rstrip("\n")
