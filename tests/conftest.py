"""Shared fixtures and helpers for the core tests.

Helpers are plain functions so that test modules can import them
(``from conftest import check_text``); fixtures wrap what needs pytest.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from ggov_plan.plan.parse import parse
from ggov_plan.plan.rules import Context, validate
from ggov_plan.problems import Problem

#: The repository root, found from this folder rather than the working directory.
REPO_ROOT = Path(__file__).resolve().parent.parent

#: The real plan, Plan 228/KH-UBND (2017).
PLAN_2017 = REPO_ROOT / "data" / "plan2017.toml"

#: The "today" the rule tests use unless they say otherwise.
TODAY = dt.date(2026, 1, 1)

#: A small plan that passes `check` with no problem at all.
MINIMAL_PLAN = """\
format = 1

[plan]
kind = "Kế hoạch"
number = "1/KH-TEST"
title = "Kế hoạch thử nghiệm"
issuer = "ubnd"
place = "Tiền Giang"
issued = 2017-08-18
start = 2017-08-18
end = 2017-12-31
lead_agency = "so-tttt"
reports_to = "ubnd"

[[agency]]
id = "ubnd"
name = "Ủy ban nhân dân tỉnh"

[[agency]]
id = "so-tttt"
name = "Sở Thông tin và Truyền thông"

[[agency]]
id = "dai-ptth"
name = "Đài Phát thanh và Truyền hình"

[[task]]
id = "t1"
agency = "so-tttt"
partners = ["dai-ptth"]
text = "Phối hợp tuyên truyền về dịch vụ công trực tuyến."

[budget]
total = 200_000_000

[[budget.source]]
id = "ngan-sach"
name = "Ngân sách tỉnh"
amount = 150_000_000

[[budget.source]]
id = "xa-hoi-hoa"
name = "Nguồn xã hội hóa"
amount = 50_000_000
"""


def pytest_configure(config: pytest.Config) -> None:
    # The parse cache lives in the user's cache folder (platformdirs follows
    # XDG_CACHE_HOME): tests, and the ggov-plan processes they start, get a
    # folder of their own, never the developer's. `GGOV_PLAN_NO_CACHE=1 pytest`
    # runs the same suite with the cache off.
    folder = tempfile.mkdtemp(prefix="ggov-plan-test-cache-")
    config.stash[_CACHE_FOLDER] = folder
    os.environ["XDG_CACHE_HOME"] = folder


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = config.stash.get(_CACHE_FOLDER, None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


_CACHE_FOLDER = pytest.StashKey[str]()


@pytest.fixture
def minimal_plan_text() -> str:
    return MINIMAL_PLAN


def check_text(text: str, today: dt.date = TODAY) -> list[Problem]:
    """Every problem `check` finds in plan text, as read from "plan.toml"."""
    return validate(parse(text, "plan.toml"), Context(today))


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the ``occurrence``-th line of ``text`` that contains ``needle``."""
    found = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(found) >= occurrence, f"{needle!r} occurs on {len(found)} line(s)"
    return found[occurrence - 1]
