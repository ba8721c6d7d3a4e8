"""The docs are true to the code: generated references are fresh, README output is real."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from ggov_plan import reference

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("doc", reference.DOCS, ids=str)
def test_generated_reference_is_up_to_date(doc: Path) -> None:
    text = (ROOT / doc).read_text(encoding="utf-8")
    assert "<!-- BEGIN GENERATED" in text
    assert reference.render(text) == text, "run: python -m ggov_plan.reference --write"


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


def _readme_console_blocks() -> list[tuple[str, str]]:
    """(command, expected output) for each `$ ggov-plan …` in README console blocks."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    pairs = []
    for block in re.findall(r"```console\n(.*?)```", readme, re.DOTALL):
        chunks = re.split(r"^\$ ", block, flags=re.MULTILINE)
        for chunk in chunks[1:]:
            command, _, output = chunk.partition("\n")
            pairs.append((command, output))
    return pairs


def test_readme_shows_real_output_of_check_on_the_shipped_plan() -> None:
    pairs = dict(_readme_console_blocks())
    expected = pairs["ggov-plan check"]
    result = subprocess.run(
        [sys.executable, "-m", "ggov_plan", "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout == expected


def test_readme_shows_real_output_of_status(tmp_path: Path) -> None:
    pairs = dict(_readme_console_blocks())
    expected = pairs["ggov-plan status --as-of 2017-12-31"]
    result = subprocess.run(
        [sys.executable, "-m", "ggov_plan", "status", "--as-of", "2017-12-31"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "80"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected
