"""The benchmark's synthetic plans are real plans: they pass `check`."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from generate import plan_text  # noqa: E402

from ggov_plan.derive import overview  # noqa: E402
from ggov_plan.load import parse  # noqa: E402
from ggov_plan.rules import Context, validate  # noqa: E402


def test_generated_plan_passes_check_and_has_the_requested_size() -> None:
    loaded = parse(plan_text(120), "bench.toml")
    problems = validate(loaded, Context(today=dt.date(2026, 1, 1)))
    assert problems == []
    assert loaded.plan is not None
    assert len(loaded.plan.activities) == 120
    assert len(loaded.plan.completions) == 120
    assert len(loaded.plan.agencies) == 13  # 12 + the province
    year_end = overview(loaded.plan, dt.date(2017, 12, 31))
    assert year_end.budget.spent == 120 * 500
    assert year_end.counts["overdue"] == 120  # target 2, one done each, all due by then
    # On 20 January only the January tenth (i % 12 == 0) has a completion.
    january = overview(loaded.plan, dt.date(2017, 1, 20))
    assert january.budget.spent == 10 * 500
    assert january.counts["in_progress"] == 10
    assert january.counts["planned"] == 110
