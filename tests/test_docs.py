"""The docs are true to the code: references are generated, example output is real.

`reference.render` re-runs every `$ ggov-plan …` of the docs' console blocks,
so comparing each doc with its rendering checks every example output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ggov_plan.cli import reference

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("doc", reference.DOCS, ids=str)
def test_generated_reference_is_up_to_date(doc: Path) -> None:
    text = (ROOT / doc).read_text(encoding="utf-8")
    assert "<!-- BEGIN GENERATED" in text or "```console" in text
    assert reference.render(text, ROOT) == text, "run: python -m ggov_plan.cli.reference --write"


def test_every_key_of_every_record_is_documented() -> None:
    text = (ROOT / "docs" / "plan-format.md").read_text(encoding="utf-8")
    for key in (
        "number",
        "lead_agency",
        "reports_to",
        "members",
        "directs",
        "qualifier",
        "total_in_words",
        "recorded_at",
        "implements",
    ):
        assert f"| `{key}` |" in text
