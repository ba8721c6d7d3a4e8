"""The HTML report in a real browser: headless Chromium loads it, runs it, draws it.

The report is examples/plan2017-tracked.toml as of 31/12/2017 plus one
overdue activity whose title is a script that would change the page's title
if it ever ran. Chromium dumps the DOM after loading (scripts included) and
takes a screenshot.

Without Chromium the module is skipped, unless $CI is set: CI installs it, so
there a missing browser fails.
"""

from __future__ import annotations

import concurrent.futures
import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from report_helpers import (
    BUDGET_HEADER,
    BUDGET_ROWS,
    OVERDUE_HEADER,
    OVERDUE_ROWS,
    TRACKED,
    Outline,
)
from track_helpers import ok

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HAVE_CHROMIUM = os.access(CHROMIUM, os.X_OK)

if not HAVE_CHROMIUM and not os.environ.get("CI"):
    pytest.skip(f"{CHROMIUM} is not installed", allow_module_level=True)

SCRIPT_TITLE = "<script>document.title='PWNED'</script>"
IMG_EVIDENCE = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("browser")
    plan = folder / "plan.toml"
    shutil.copyfile(TRACKED, plan)
    # Cost 0 and no source: the budget table stays that of the tracked example.
    ok(
        "activity", "add", "--task", "v1-san-xuat-chuong-trinh", "--id", "so-tttt-xss1",
        "--title", SCRIPT_TITLE, "--due", "2017-11-30", "--target", "2", "-p", plan,
    )  # fmt: skip
    ok(
        "record", "so-tttt-xss1", "--date", "2017-12-05", "--evidence", IMG_EVIDENCE,
        "--by", "tester", "-p", plan,
    )  # fmt: skip
    page = folder / "report.html"
    ok("report", "--format", "html", "--as-of", "2017-12-31", "-o", page, "-p", plan)
    return page


def chromium(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run Chromium with a fresh profile in ``folder``."""
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={folder / 'profile'}", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=60,
        check=False,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def browser_runs(
    report: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[subprocess.CompletedProcess[str], subprocess.CompletedProcess[str], Path]:
    """Dump the DOM and take the screenshot, both at once."""
    if not HAVE_CHROMIUM:
        pytest.fail(f"{CHROMIUM} is missing and $CI is set: CI must install chromium")
    dom_folder = tmp_path_factory.mktemp("dom")
    shot_folder = tmp_path_factory.mktemp("shot")
    png = shot_folder / "r.png"
    url = report.as_uri()
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        dom = pool.submit(chromium, dom_folder, "--dump-dom", url)
        shot = pool.submit(
            chromium, shot_folder, f"--screenshot={png}", "--window-size=1200,2000", url
        )
        return dom.result(), shot.result(), png


@pytest.fixture(scope="module")
def dom(
    browser_runs: tuple[subprocess.CompletedProcess[str], subprocess.CompletedProcess[str], Path],
) -> str:
    done = browser_runs[0]
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.lstrip().startswith("<!DOCTYPE html>") or "<html" in done.stdout[:200]
    return done.stdout


def test_report_file_is_what_the_browser_loads(report: Path) -> None:
    source = report.read_text(encoding="utf-8")
    assert source.count("&lt;script&gt;document.title=&#x27;PWNED&#x27;&lt;/script&gt;") == 2


def test_dom_has_the_chart(dom: str, report: Path) -> None:
    outline = Outline(dom)
    assert "<svg" in dom
    assert outline.count("svg") == 1
    polylines = {attrs.get("class"): attrs for tag, attrs in outline.starts if tag == "polyline"}
    assert sorted(polylines, key=str) == ["progress", "spending"]
    # The browser parsed the points the report wrote.
    source = {
        a.get("class"): a for t, a in Outline(report.read_text("utf-8")).starts if t == "polyline"
    }
    for kind in ("progress", "spending"):
        points = polylines[kind]["points"]
        assert points == source[kind]["points"]
        assert points is not None and len(points.split()) >= 4
        assert points.split()[0] == "44.0,220.0"


def test_dom_has_the_tables(dom: str) -> None:
    tables = Outline(dom).tables
    assert tables["Budget by funding source (VND)"] == [BUDGET_HEADER, *BUDGET_ROWS]
    assert tables["Overdue activities"] == [
        OVERDUE_HEADER,
        *OVERDUE_ROWS,
        ["so-tttt-xss1", SCRIPT_TITLE, "Sở TT&TT", "30/11/2017", "1/2"],
    ]
    completed = tables["Completed since 01/11/2017"]
    assert completed[0] == ["Date", "Activity", "Quantity", "Spent (VND)", "Evidence"]
    assert completed[1:] == [
        [
            "10/11/2017",
            "Chuyên trang Chính quyền điện tử trên báo in Ấp Bắc",
            "2",
            "28,000,000",
            "Báo Ấp Bắc số ra ngày 10/11/2017",
        ],
        ["05/12/2017", SCRIPT_TITLE, "1", "0", IMG_EVIDENCE],
    ]


def test_script_title_is_text_not_a_script(dom: str) -> None:
    outline = Outline(dom)
    assert outline.count("script") == 0
    assert outline.count("img") == 0
    assert "<script" not in dom.lower()
    # Had the script run, the page title would be PWNED; had the image loaded,
    # the body would carry data-pwned.
    assert outline.texts("title")[0] == "228/KH-UBND: status report, 31/12/2017"
    assert "PWNED" not in outline.texts("title")[0]
    body = next(attrs for tag, attrs in outline.starts if tag == "body")
    assert "data-pwned" not in body
    overdue = [a for tag, a in outline.starts if tag == "table" and a.get("class") == "overdue"]
    assert len(overdue) == 1  # the overdue table, its titles plain text in its cells
    assert dom.count("&lt;script&gt;document.title='PWNED'&lt;/script&gt;") == 2


def test_screenshot(
    browser_runs: tuple[subprocess.CompletedProcess[str], subprocess.CompletedProcess[str], Path],
) -> None:
    _, done, png = browser_runs
    assert done.returncode == 0, done.stderr[-2000:]
    assert png.is_file()
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])  # IHDR
    assert (width, height) == (1200, 2000)
    assert len(data) > 8 * 1024  # a drawn page, not a blank one
