"""The ``report`` command: Markdown, HTML, JSON and CSV status reports.

Most tests read examples/plan2017-tracked.toml as of 31/12/2017 through
typer's CliRunner ("today" is 2017-12-31, GGOV_PLAN_TODAY); the determinism
tests run real processes. The tracked example has four activities: one
overdue (so-tttt-tv01, 2/4), one done (bao-ap-bac-cm01, completed
10/11/2017), one planned and one cancelled.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ggov_plan.books.report import default_since
from ggov_plan.cli import app
from report_helpers import (
    ALL_COMPLETED_ROWS,
    AS_OF,
    BREAKDOWN_HEADER,
    BREAKDOWN_ROWS,
    BUDGET_HEADER,
    BUDGET_ROWS,
    CHART,
    CM01_TITLE,
    COMPLETED_HEADER,
    COMPLETED_ROWS,
    CSV_HEADER,
    CSV_ROWS,
    FORMATS,
    INDICATORS_HEADER,
    INDICATORS_ROWS,
    JSON_KEYS,
    MD_HEADINGS,
    MINISTRY,
    OVERALL_LINES,
    OVERDUE_HEADER,
    OVERDUE_ROWS,
    PROBLEM,
    RESULTS_HEADER,
    RESULTS_ROWS,
    SHIPPED,
    SHIPPED_BUDGET_ROWS,
    TASK_HEADER,
    TASK_ROWS,
    TRACKED,
    Outline,
    csv_rows,
    md_sections,
    md_table,
    report_json,
    report_text,
    run,
)
from track_helpers import ENV, process_env

# --------------------------------------------------------------------------- Markdown


def test_markdown_report_has_every_section_with_its_figures() -> None:
    text = report_text(TRACKED, *AS_OF)
    sections = md_sections(text)
    assert list(sections) == ["", *MD_HEADINGS]
    top = sections[""]
    assert top[0] == "# Kế hoạch 228/KH-UBND: status report"
    assert top[1] == (
        "**Tuyên truyền xây dựng chính quyền điện tử, dịch vụ công trực tuyến trên địa bàn "
        "tỉnh Tiền Giang năm 2017**"
    )
    assert top[2].startswith("As of 31/12/2017. Plan period 18/08/2017 – 31/12/2017. Source: ")
    assert "plan2017-tracked.toml" in top[2]
    assert len(top) == 3
    assert sections["Overall"] == OVERALL_LINES
    assert md_table(sections["Results"]) == [RESULTS_HEADER, *RESULTS_ROWS]
    assert md_table(sections["Budget by funding source (VND)"]) == [BUDGET_HEADER, *BUDGET_ROWS]
    assert md_table(sections["Progress by task"]) == [TASK_HEADER, *TASK_ROWS]
    for by, rows in BREAKDOWN_ROWS.items():
        table = md_table(sections[f"Progress by {by}"])
        assert table == [[by.capitalize(), *BREAKDOWN_HEADER], *rows], by
    assert md_table(sections["Overdue activities"]) == [OVERDUE_HEADER, *OVERDUE_ROWS]
    # The default window starts on the first day of the month before --as-of:
    # 01/11/2017, so the September and October completions are left out.
    assert md_table(sections["Completed since 01/11/2017"]) == [
        COMPLETED_HEADER,
        *COMPLETED_ROWS,
    ]
    assert sections["Problems reported by `ggov-plan check`"] == [
        f"- warning `indicator-sum` at line 124: {PROBLEM}"
    ]
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_markdown_right_aligns_the_figures() -> None:
    lines = md_sections(report_text(TRACKED, *AS_OF))["Budget by funding source (VND)"]
    assert lines[1] == "|---|---:|---:|---:|---:|"


@pytest.mark.parametrize(
    ("since", "heading", "rows"),
    [
        ("2017-09-01", "Completed since 01/09/2017", ALL_COMPLETED_ROWS),
        ("10/11/2017", "Completed since 10/11/2017", COMPLETED_ROWS),  # the day itself counts
        ("2017-10-18", "Completed since 18/10/2017", ALL_COMPLETED_ROWS[1:]),
    ],
)
def test_since_option_chooses_the_completions(
    since: str, heading: str, rows: list[list[str]]
) -> None:
    sections = md_sections(report_text(TRACKED, *AS_OF, "--since", since))
    assert md_table(sections[heading]) == [COMPLETED_HEADER, *rows]


def test_since_after_the_last_completion_lists_nothing() -> None:
    sections = md_sections(report_text(TRACKED, *AS_OF, "--since", "2017-11-11"))
    assert sections["Completed since 11/11/2017"] == ["Nothing recorded in this period."]


def test_as_of_leaves_out_later_work() -> None:
    # As of 09/11/2017 the 10/11 completion has not happened; the window is October.
    data = report_json(TRACKED, "--as-of", "2017-11-09")
    assert data["since"] == "2017-10-01"
    assert [(c["id"], c["date"]) for c in data["completed"]] == [
        ("so-tttt-tv01-9cz2", "2017-10-18")
    ]
    assert data["chart"] == CHART[:2]
    assert data["overall"]["quantities"] == [
        {"unit": "phóng sự", "done": 2, "target": 4},
        {"unit": "chuyên trang", "done": 0, "target": 2},
        {"unit": "buổi", "done": 0, "target": 3},
        {"unit": None, "done": 0, "target": 1},  # so-tttt-gb01, not cancelled yet
    ]
    assert data["overall"]["budget"]["spent"] == 10_000_000


def test_as_of_defaults_to_today() -> None:
    # GGOV_PLAN_TODAY is 2017-12-31.
    assert report_text(TRACKED) == report_text(TRACKED, *AS_OF)


@pytest.mark.parametrize(
    ("as_of", "since"),
    [
        (dt.date(2017, 12, 31), dt.date(2017, 11, 1)),
        (dt.date(2017, 12, 1), dt.date(2017, 11, 1)),
        (dt.date(2018, 1, 15), dt.date(2017, 12, 1)),  # across the year
        (dt.date(2018, 1, 1), dt.date(2017, 12, 1)),
        (dt.date(2017, 3, 31), dt.date(2017, 2, 1)),  # February is short
        (dt.date(2016, 3, 1), dt.date(2016, 2, 1)),
    ],
)
def test_default_since_is_the_first_of_the_previous_month(as_of: dt.date, since: dt.date) -> None:
    assert default_since(as_of) == since


def test_default_since_across_the_new_year_from_the_command_line() -> None:
    data = report_json(TRACKED, "--as-of", "2018-01-15")
    assert data["since"] == "2017-12-01"
    assert data["completed"] == []


def test_bad_since_is_bad_input() -> None:
    result = run(TRACKED, *AS_OF, "--since", "2017-13-01")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--since" in result.stderr
    assert "2017-13-01" in result.stderr


def test_unknown_format_is_bad_input() -> None:
    result = run(TRACKED, *AS_OF, "--format", "pdf")
    assert result.exit_code == 2
    assert result.stdout == ""


# --------------------------------------------------------------------------- HTML


def test_html_report_has_every_section_with_its_figures() -> None:
    page = report_text(TRACKED, *AS_OF, "--format", "html")
    assert page.startswith("<!DOCTYPE html>\n")
    outline = Outline(page)
    assert outline.texts("title")[0] == "228/KH-UBND: status report, 31/12/2017"
    assert outline.texts("h1") == ["Kế hoạch 228/KH-UBND: status report"]
    headings = [h.replace("`", "") for h in MD_HEADINGS]
    assert outline.texts("h2") == headings
    paragraphs = outline.texts("p")
    assert paragraphs[0] == (
        "Tuyên truyền xây dựng chính quyền điện tử, dịch vụ công trực tuyến trên địa bàn "
        "tỉnh Tiền Giang năm 2017"
    )
    assert paragraphs[1].startswith(
        "As of 31/12/2017. Plan period 18/08/2017 – 31/12/2017. Source: "
    )
    assert outline.texts("li") == [
        "Progress: 15.0% (mean of 10 tasks: 1 done, 1 in progress, 8 not started)",
        *(line.removeprefix("- ") for line in OVERALL_LINES[1:]),
        f"warning indicator-sum at line 124: {PROBLEM}",
    ]
    tables = outline.tables
    assert list(tables) == headings[1:10]
    assert tables["Indicators"] == [INDICATORS_HEADER, *INDICATORS_ROWS]
    assert tables["Results"] == [RESULTS_HEADER, *RESULTS_ROWS]
    assert tables["Budget by funding source (VND)"] == [BUDGET_HEADER, *BUDGET_ROWS]
    assert tables["Progress by task"] == [TASK_HEADER, *TASK_ROWS]
    for by, rows in BREAKDOWN_ROWS.items():
        assert tables[f"Progress by {by}"] == [[by.capitalize(), *BREAKDOWN_HEADER], *rows]
    assert tables["Overdue activities"] == [OVERDUE_HEADER, *OVERDUE_ROWS]
    assert tables["Completed since 01/11/2017"] == [COMPLETED_HEADER, *COMPLETED_ROWS]


def test_html_report_is_self_contained_with_an_inline_chart() -> None:
    page = report_text(TRACKED, *AS_OF, "--format", "html")
    outline = Outline(page)
    assert outline.count("svg") == 1
    assert outline.count("script") == 0
    polylines = {str(attrs["class"]): attrs for tag, attrs in outline.starts if tag == "polyline"}
    assert sorted(polylines) == ["progress", "spending"]
    # Both lines start at 0 on the plan's first day and end on the as-of day at the
    # overall figure: progress 15% (y = 16 + 204 * 0.85), spending 38/213 of the budget.
    progress = polylines["progress"]["points"]
    spending = polylines["spending"]["points"]
    assert progress is not None and spending is not None
    assert progress.split()[0] == "44.0,220.0"
    assert progress.split()[-1] == "624.0,189.4"
    assert spending.split()[0] == "44.0,220.0"
    assert spending.split()[-1] == f"624.0,{16 + 204 * (1 - 38 / 213):.1f}"
    # Nothing is fetched: no external stylesheet, script, image or font.
    assert outline.count("link") == 0
    assert outline.count("img") == 0
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page


# --------------------------------------------------------------------------- JSON


def test_json_report_has_a_stable_shape() -> None:
    data = report_json(TRACKED, *AS_OF)
    assert list(data) == JSON_KEYS
    assert data["schema_version"] == 3  # 3: one source and one problem shape everywhere
    assert data["plan"]["number"] == "228/KH-UBND"
    assert data["plan"]["file"] == str(TRACKED)
    assert data["as_of"] == "2017-12-31"
    assert data["since"] == "2017-11-01"
    assert data["period"] is None
    assert data["overall"] == {
        "progress": 0.15,
        "quantities": [
            {"unit": "phóng sự", "done": 2, "target": 4},
            {"unit": "chuyên trang", "done": 2, "target": 2},
            {"unit": "buổi", "done": 0, "target": 3},
        ],
        "activities": {
            "total": 4,
            "planned": 1,
            "in_progress": 0,
            "done": 1,
            "overdue": 1,
            "cancelled": 1,
        },
        "tasks": {"total": 10, "not_started": 8, "in_progress": 1, "done": 1},
        "budget": {
            "total": 213_000_000,
            "allocated": 59_000_000,
            "spent": 38_000_000,
            "remaining": 175_000_000,
        },
    }
    assert list(data["overall"]) == ["progress", "quantities", "activities", "tasks", "budget"]
    assert data["results"] == {
        "period": None,
        "cumulative": {
            "completions": 3,
            "activities": 2,
            "quantities": [
                {"unit": "phóng sự", "done": 2},
                {"unit": "chuyên trang", "done": 2},
            ],
            "spent": 38_000_000,
            "reach": [],
        },
    }
    assert data["sources"] == [
        {
            "id": "ngan-sach-tinh",
            "name": "Ngân sách tỉnh",
            "amount": 163_000_000,
            "allocated": 29_000_000,
            "spent": 10_000_000,
            "remaining": 153_000_000,
        },
        {
            "id": "xa-hoi-hoa",
            "name": "Nguồn xã hội hóa",
            "amount": 50_000_000,
            "allocated": 30_000_000,
            "spent": 28_000_000,
            "remaining": 22_000_000,
        },
    ]
    assert list(data["breakdowns"]) == ["task", "agency", "channel", "content"]
    assert [(g["key"], g["state"], g["progress"]) for g in data["breakdowns"]["task"]] == [
        (row[0], row[1].replace(" ", "_"), float(row[-1].rstrip("%")) / 100) for row in TASK_ROWS
    ]
    assert data["breakdowns"]["agency"] == [
        {
            "key": "bao-ap-bac",
            "name": "Báo Ấp Bắc",
            "activities": 1,
            "done_activities": 1,
            "quantities": [{"unit": "chuyên trang", "done": 2, "target": 2}],
            "spent": 28_000_000,
            "progress": 1.0,
        },
        {
            "key": "so-tttt",
            "name": "Sở TT&TT",
            "activities": 2,
            "done_activities": 0,
            "quantities": [
                {"unit": "phóng sự", "done": 2, "target": 4},
                {"unit": "buổi", "done": 0, "target": 3},
            ],
            "spent": 10_000_000,
            "progress": 0.25,
        },
    ]
    assert [(g["key"], g["progress"]) for g in data["breakdowns"]["channel"]] == [
        ("bao-in", 1.0),
        ("truyen-hinh", 0.5),
        ("truong-hoc", 0.0),
    ]
    assert [(g["key"], g["progress"]) for g in data["breakdowns"]["content"]] == [
        ("dich-vu-cong", 0.25),
        ("chinh-quyen-dien-tu", 1.0),
    ]
    assert [(a["id"], a["status"], a["done"], a["due"]) for a in data["overdue"]] == [
        ("so-tttt-tv01", "overdue", 2, "2017-10-31")
    ]
    # The activity's fields, as the CSV has them before its `reach` column.
    assert list(data["overdue"][0]) == CSV_HEADER.split(",")[:-1]
    completed = data["completed"]
    assert [(c["id"], c["activity"], c["date"], c["quantity"], c["spent"]) for c in completed] == [
        ("bao-ap-bac-cm01-dhv6", "bao-ap-bac-cm01", "2017-11-10", 2, 28_000_000)
    ]
    assert completed[0]["title"] == CM01_TITLE
    assert completed[0]["evidence"] == "Báo Ấp Bắc số ra ngày 10/11/2017"
    assert data["problems"] == [
        {
            "code": "indicator-sum",
            "severity": "warning",
            "message": PROBLEM,
            "hint": "if the document prints these figures, keep them; otherwise correct them",
            "line": 124,
            "column": 1,
            "path": "indicator[1].value",
        }
    ]
    assert data["chart"] == CHART


def test_json_chart_ends_at_the_overall_figures() -> None:
    data = report_json(TRACKED, *AS_OF)
    last = data["chart"][-1]
    assert last["progress"] == data["overall"]["progress"]
    assert last["spent"] == data["overall"]["budget"]["spent"]
    assert [p["date"] for p in data["chart"]] == sorted(p["date"] for p in data["chart"])


def test_json_report_leaves_out_voided_completions() -> None:
    # ministry2021: completion cuc-bao-chi-a2-c1 (05/03/2021, 40,000,000) is void.
    result = CliRunner().invoke(
        app,
        ["report", "--format", "json", "--as-of", "2021-12-31", "--since", "2021-03-01",
         "-p", str(MINISTRY)],
        env={**ENV, "GGOV_PLAN_TODAY": "2021-12-31"},
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [c["id"] for c in data["completed"]] == ["cuc-bao-chi-a1-c1", "cuc-bao-chi-a1-c2"]
    assert data["chart"] == [
        {"date": "2021-03-10", "progress": 0.125, "spent": 90_000_000},
        {"date": "2021-04-12", "progress": 0.375, "spent": 270_000_000},
    ]
    assert data["overall"]["budget"]["spent"] == 270_000_000
    assert [a["id"] for a in data["overdue"]] == ["cuc-bao-chi-a1", "cuc-bao-chi-a2"]
    assert data["problems"] == []


# --------------------------------------------------------------------------- CSV


def test_csv_report_has_one_row_per_activity() -> None:
    text = report_text(TRACKED, *AS_OF, "--format", "csv")
    assert text.splitlines()[0] == CSV_HEADER
    rows = csv_rows(text)
    assert rows[0] == CSV_HEADER.split(",")
    assert rows[1:] == CSV_ROWS


def test_csv_amounts_are_plain_integers() -> None:
    text = report_text(TRACKED, *AS_OF, "--format", "csv")
    lines = text.splitlines()
    assert lines[1].endswith(",20000000,ngan-sach-tinh,10000000,")  # no reach recorded
    assert "20,000,000" not in text
    assert "20.000.000" not in text
    columns = CSV_HEADER.split(",")
    for row in csv_rows(text)[1:]:
        for column in ("target", "done", "cost", "spent"):
            assert re.fullmatch(r"0|[1-9][0-9]*", row[columns.index(column)]), (column, row)
    assert "\r" not in text


# --------------------------------------------------------------------------- every format


@pytest.mark.parametrize("output_format", FORMATS)
def test_output_file_gets_the_same_bytes_as_stdout(tmp_path: Path, output_format: str) -> None:
    printed = report_text(TRACKED, *AS_OF, "--format", output_format)
    target = tmp_path / f"report.{output_format}"
    result = run(TRACKED, *AS_OF, "--format", output_format, "-o", target)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == ""
    assert target.read_bytes() == printed.encode("utf-8")
    # Atomic: the temp file was renamed into place, nothing else is left behind.
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


def test_output_file_is_replaced_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("old report\n", encoding="utf-8")
    target.chmod(0o640)
    result = run(TRACKED, *AS_OF, "-o", target, "--force")  # not a report: needs --force
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8") == report_text(TRACKED, *AS_OF)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


def test_new_output_file_gets_the_usual_mode(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        result = run(TRACKED, *AS_OF, "-o", tmp_path / "report.md")
    finally:
        os.umask(umask)
    assert result.exit_code == 0, result.stderr
    # What `> report.md` would give, not mkstemp's private 0600.
    assert stat.S_IMODE((tmp_path / "report.md").stat().st_mode) == 0o644


def test_relative_output_path_is_written_in_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(TRACKED, *AS_OF, "--format", "csv", "-o", "report.csv")
    assert result.exit_code == 0, result.stderr
    assert csv_rows((tmp_path / "report.csv").read_text(encoding="utf-8"))[1:] == CSV_ROWS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.csv"]


def test_output_in_a_missing_folder_is_bad_input(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "report.md"
    result = run(TRACKED, *AS_OF, "-o", target)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith(
        f"ggov-plan: error: {target}: the folder {target.parent} does not exist"
    )
    assert lines[1].startswith("  hint: create ")
    assert list(tmp_path.iterdir()) == []


def test_output_naming_a_folder_is_bad_input(tmp_path: Path) -> None:
    # Was exit 70 "internal error" (IsADirectoryError from os.replace).
    folder = tmp_path / "reports"
    folder.mkdir()
    result = run(TRACKED, *AS_OF, "-o", folder)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports"]
    assert list(folder.iterdir()) == []
    assert result.stdout == ""
    assert "internal error" not in result.stderr
    assert result.exit_code == 2
    assert result.stderr.startswith(f"ggov-plan: error: {folder}: is a folder")


def test_output_through_a_symlink_writes_where_it_points(tmp_path: Path) -> None:
    # Was replaced by a regular file; as root, `-o /dev/stdout` replaced the
    # system's /dev/stdout link.
    real = tmp_path / "shared" / "report.md"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "latest.md"
    link.symlink_to(real)
    result = run(TRACKED, *AS_OF, "-o", link, "--force")  # "old" is not a report: --force
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == report_text(TRACKED, *AS_OF)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_output_into_a_named_pipe_writes_into_the_pipe(tmp_path: Path) -> None:
    # Was replaced by a regular file; as root, `report -o /dev/null` replaced
    # the system's /dev/null.
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    # A reader that never blocks: the writer can open the pipe, and the report
    # (a few KB) fits in the pipe's buffer.
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        result = run(TRACKED, *AS_OF, "-o", fifo)
        is_fifo = stat.S_ISFIFO(os.lstat(fifo).st_mode)
        chunks = []
        while True:
            try:
                chunk = os.read(reader, 65536)
            except BlockingIOError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(reader)
    assert result.exit_code == 0, result.stderr
    assert is_fifo, "the named pipe was replaced by a regular file"
    assert b"".join(chunks) == report_text(TRACKED, *AS_OF).encode("utf-8")


# --------------------------------------------------------------------------- invalid plans


def _syntax_error(tmp_path: Path) -> Path:
    plan = tmp_path / "syntax.toml"
    plan.write_text(TRACKED.read_text(encoding="utf-8") + "\noops = [\n", encoding="utf-8")
    return plan


def _budget_sum_error(tmp_path: Path) -> Path:
    plan = tmp_path / "budget.toml"
    text = TRACKED.read_text(encoding="utf-8")
    assert text.count("\ntotal = 213_000_000\n") == 1
    plan.write_text(text.replace("\ntotal = 213_000_000\n", "\ntotal = 214_000_000\n"), "utf-8")
    return plan


@pytest.mark.parametrize(
    ("make", "code"), [(_syntax_error, "error[syntax]"), (_budget_sum_error, "error[budget-sum]")]
)
@pytest.mark.parametrize("output_format", FORMATS)
def test_report_refuses_a_plan_that_fails_check(
    tmp_path: Path, make: Any, code: str, output_format: str
) -> None:
    plan = make(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    kept = out / "kept.md"
    kept.write_text("last week's report\n", encoding="utf-8")
    for extra in ((), ("-o", out / "new.md"), ("-o", kept)):
        result = run(plan, *AS_OF, "--format", output_format, "--fail-on", "overdue", *extra)
        assert result.exit_code == 1, (extra, result.stdout, result.stderr)
        if output_format == "json":  # one error object for a script (docs/json.md#failures)
            assert json.loads(result.stdout)["error"]["code"] == "plan-invalid"
        else:
            assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert len(lines) == 2, lines
        assert lines[0].startswith(f"{plan}:") and f": {code}: " in lines[0]
        assert lines[1] == (
            f"ggov-plan: {plan}: 1 error(s); the plan must pass `ggov-plan check` first"
        )
        assert "warning" not in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["kept.md"]
    assert kept.read_text(encoding="utf-8") == "last week's report\n"


def test_missing_plan_is_bad_input(tmp_path: Path) -> None:
    result = run(tmp_path / "nope.toml", *AS_OF, "-o", tmp_path / "r.md")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "nope.toml" in result.stderr
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- --fail-on


@pytest.mark.parametrize("output_format", FORMATS)
def test_fail_on_overdue_exits_3_after_writing_the_report(
    tmp_path: Path, output_format: str
) -> None:
    target = tmp_path / f"report.{output_format}"
    args = (*AS_OF, "--format", output_format, "--fail-on", "overdue")
    result = run(TRACKED, *args, "-o", target)
    assert result.exit_code == 3, result.stderr
    assert result.stdout == ""
    assert target.read_bytes() == report_text(TRACKED, *AS_OF, "--format", output_format).encode()
    printed = run(TRACKED, *args)
    assert printed.exit_code == 3
    assert printed.stdout == target.read_text(encoding="utf-8")


def test_fail_on_overdue_exits_0_without_overdue_work(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    result = run(SHIPPED, *AS_OF, "--fail-on", "overdue", "-o", target)
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith("# Kế hoạch 228/KH-UBND: status report\n")
    # Before its due date the overdue activity was not overdue yet.
    assert run(TRACKED, "--as-of", "2017-10-31", "--fail-on", "overdue").exit_code == 0
    assert run(TRACKED, "--as-of", "2017-11-01", "--fail-on", "overdue").exit_code == 3


# --------------------------------------------------------------------------- the shipped plan


def test_shipped_plan_markdown_report() -> None:
    sections = md_sections(report_text(SHIPPED, *AS_OF))
    assert list(sections) == ["", *MD_HEADINGS]
    assert sections[""][0] == "# Kế hoạch 228/KH-UBND: status report"
    assert sections["Overall"] == [
        "- Progress: **0.0%** (mean of 10 tasks: 0 done, 0 in progress, 10 not started)",
        "- Done against targets: –",
        "- Activities: 0 in all; 0 planned, 0 in progress, 0 done, 0 overdue, 0 cancelled",
        "- Budget: 213,000,000 VND declared, 0 allocated, 0 spent, 213,000,000 remaining",
    ]
    assert md_table(sections["Budget by funding source (VND)"]) == [
        BUDGET_HEADER,
        *SHIPPED_BUDGET_ROWS,
    ]
    # Every task is listed, not started; the other groups have no activity.
    tasks = md_table(sections["Progress by task"])
    assert [row[:2] for row in tasks[1:]] == [[row[0], "not started"] for row in TASK_ROWS]
    for by in ("agency", "channel", "content"):
        assert sections[f"Progress by {by}"] == ["No activities yet."]
    assert sections["Overdue activities"] == ["None."]
    assert sections["Completed since 01/11/2017"] == ["Nothing recorded in this period."]
    assert sections["Problems reported by `ggov-plan check`"] == [
        f"- warning `indicator-sum` at line 119: {PROBLEM}"
    ]


def test_shipped_plan_html_report() -> None:
    outline = Outline(report_text(SHIPPED, *AS_OF, "--format", "html"))
    assert outline.texts("h1") == ["Kế hoạch 228/KH-UBND: status report"]
    tables = outline.tables
    assert list(tables) == [
        "Indicators",
        "Results",
        "Budget by funding source (VND)",
        "Progress by task",
    ]
    assert tables["Indicators"] == [INDICATORS_HEADER, *INDICATORS_ROWS]
    assert tables["Budget by funding source (VND)"] == [BUDGET_HEADER, *SHIPPED_BUDGET_ROWS]
    assert outline.texts("p")[2:] == [
        "No activities yet.",
        "No activities yet.",
        "No activities yet.",
        "None.",
        "Nothing recorded in this period.",
    ]
    polylines = {a["class"]: a["points"] for tag, a in outline.starts if tag == "polyline"}
    assert polylines == {"progress": "44.0,220.0 624.0,220.0", "spending": "44.0,220.0 624.0,220.0"}


def test_shipped_plan_json_report() -> None:
    data = report_json(SHIPPED, *AS_OF)
    assert list(data) == JSON_KEYS
    assert data["overall"]["progress"] == 0.0
    assert data["overall"]["activities"]["total"] == 0
    assert data["overall"]["budget"] == {
        "total": 213_000_000,
        "allocated": 0,
        "spent": 0,
        "remaining": 213_000_000,
    }
    assert [s["id"] for s in data["sources"]] == ["ngan-sach-tinh", "xa-hoi-hoa"]
    assert [g["state"] for g in data["breakdowns"].pop("task")] == ["not_started"] * 10
    assert data["breakdowns"] == {"agency": [], "channel": [], "content": []}
    assert data["overdue"] == []
    assert data["completed"] == []
    assert data["chart"] == []
    assert [p["code"] for p in data["problems"]] == ["indicator-sum"]


def test_shipped_plan_csv_report_is_the_header_only() -> None:
    assert report_text(SHIPPED, *AS_OF, "--format", "csv") == CSV_HEADER + "\n"


# --------------------------------------------------------------------------- determinism


def _processes(plan: Path, output_format: str, seeds: tuple[str, ...]) -> list[bytes]:
    def one(seed: str) -> bytes:
        env = {**process_env(), "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-m", "ggov_plan", "report", "--format", output_format,
             *AS_OF, "-p", str(plan)],
            capture_output=True, env=env, timeout=60, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr.decode()
        assert done.stderr == b""
        return done.stdout

    with concurrent.futures.ThreadPoolExecutor(len(seeds)) as pool:
        return list(pool.map(one, seeds))


@pytest.mark.parametrize("plan", [TRACKED, SHIPPED], ids=["tracked", "shipped"])
def test_two_runs_give_byte_identical_reports(plan: Path) -> None:
    # Each format twice, in separate processes with different hash seeds (so
    # that set or dict order depending on string hashes would show), all at once.
    seeds = ("1", "2")
    with concurrent.futures.ThreadPoolExecutor(len(FORMATS)) as pool:
        outputs = dict(
            zip(FORMATS, pool.map(lambda f: _processes(plan, f, seeds), FORMATS), strict=True)
        )
    for output_format, (first, second) in outputs.items():
        assert first, output_format
        assert first == second, output_format
        # The same bytes as in-process (CliRunner), so the other tests speak for the process.
        assert first == report_text(plan, *AS_OF, "--format", output_format).encode("utf-8")


def test_report_does_not_depend_on_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "plan.toml"
    shutil.copyfile(TRACKED, copy)
    first = report_text(copy, *AS_OF, "--format", "json")
    monkeypatch.chdir(tmp_path)
    assert report_text(copy, *AS_OF, "--format", "json") == first


def test_html_report_declares_the_language_it_is_written_in() -> None:
    # A screen reader and the browser's translation offer follow <html lang>.
    assert '<html lang="en">' in report_text(TRACKED, *AS_OF, "--format", "html", "--lang", "en")
    assert '<html lang="vi">' in report_text(TRACKED, *AS_OF, "--format", "html", "--lang", "vi")
