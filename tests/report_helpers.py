"""What several report tests share: the tracked example's expected figures and
parsers that turn Markdown, HTML and CSV reports back into data."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from typer.testing import Result

from track_helpers import ROOT, cli

TRACKED = ROOT / "examples" / "plan2017-tracked.toml"
SHIPPED = ROOT / "data" / "plan2017.toml"
MINISTRY = ROOT / "tests" / "fixtures" / "ministry2021.toml"
AS_OF = ("--as-of", "2017-12-31")
FORMATS = ("md", "html", "json", "csv")

# --------------------------------------------------------------------------- expected figures

TV01_TITLE = "Phóng sự truyền hình về dịch vụ công trực tuyến mức độ 3"
CM01_TITLE = "Chuyên trang Chính quyền điện tử trên báo in Ấp Bắc"
SCHOOLS = "Tuyên truyền tại các trường đại học, cao đẳng và một số trường PTTH trên địa bàn tỉnh"
PROBLEM = "indicator 'dvc-muc-do-3': its parts add up to 318 + 370 = 688, not 795"

BUDGET_HEADER = ["Source", "Declared", "Allocated", "Spent", "Remaining"]
BUDGET_ROWS = [
    ["Ngân sách tỉnh", "163,000,000", "29,000,000", "10,000,000", "153,000,000"],
    ["Nguồn xã hội hóa", "50,000,000", "30,000,000", "28,000,000", "22,000,000"],
]
SHIPPED_BUDGET_ROWS = [
    ["Ngân sách tỉnh", "163,000,000", "0", "0", "163,000,000"],
    ["Nguồn xã hội hóa", "50,000,000", "0", "0", "50,000,000"],
]
BREAKDOWN_HEADER = ["Activities", "Done", "Quantity", "Spent (VND)", "Progress"]
# Agencies, channels and content topics come in Vietnamese alphabetical order.
BREAKDOWN_ROWS = {
    "agency": [
        ["Báo Ấp Bắc", "1", "1", "2/2 chuyên trang", "28,000,000", "100.0%"],
        ["Sở TT&TT", "2", "0", "2/4 phóng sự; 0/3 buổi", "10,000,000", "25.0%"],
    ],
    "channel": [
        ["Báo in Ấp Bắc", "1", "1", "2/2 chuyên trang", "28,000,000", "100.0%"],
        ["Chương trình truyền hình", "1", "0", "2/4 phóng sự", "10,000,000", "50.0%"],
        [SCHOOLS, "1", "0", "0/3 buổi", "0", "0.0%"],
    ],
    "content": [
        ["Dịch vụ công trực tuyến", "2", "0", "2/4 phóng sự; 0/3 buổi", "10,000,000", "25.0%"],
        ["Xây dựng chính quyền điện tử", "1", "1", "2/2 chuyên trang", "28,000,000", "100.0%"],
    ],
}
# Every task of the plan, in file order, those with no activity included (issue 12).
TASK_HEADER = ["Task", "State", *BREAKDOWN_HEADER]
_UNTOUCHED = ["not started", "0", "0", "–", "0", "0.0%"]
TASK_ROWS = [
    ["v1-giao-ban-bao-chi", *_UNTOUCHED],  # its one activity is cancelled
    ["v1-san-xuat-chuong-trinh", "in progress", "1", "0", "2/4 phóng sự", "10,000,000", "50.0%"],
    ["v1-doanh-nghiep-vien-thong", *_UNTOUCHED],
    ["v1-truong-hoc", "not started", "1", "0", "0/3 buổi", "0", "0.0%"],
    ["v2-danh-thoi-luong", *_UNTOUCHED],
    ["v2-chuyen-muc-dai-tinh", *_UNTOUCHED],
    ["v2-chuyen-trang-bao", "done", "1", "1", "2/2 chuyên trang", "28,000,000", "100.0%"],
    ["v3-phoi-hop", *_UNTOUCHED],
    ["v3-dang-tai", *_UNTOUCHED],
    ["v3-cap-huyen", *_UNTOUCHED],
]
RESULTS_HEADER = ["Figure", "Since the plan's start"]
RESULTS_ROWS = [
    ["Completions recorded", "3"],
    ["Activities with work recorded", "2"],
    ["Done (phóng sự)", "2/4"],
    ["Done (chuyên trang)", "2/2"],
    ["Done (buổi)", "0/3"],
    ["Spent (VND)", "38,000,000"],
]
OVERDUE_HEADER = ["Id", "Title", "Agency", "Due", "Done"]
OVERDUE_ROWS = [["so-tttt-tv01", TV01_TITLE, "Sở TT&TT", "31/10/2017", "2/4"]]
COMPLETED_HEADER = ["Date", "Activity", "Quantity", "Spent (VND)", "Evidence"]
COMPLETED_ROWS = [["10/11/2017", CM01_TITLE, "2", "28,000,000", "Báo Ấp Bắc số ra ngày 10/11/2017"]]
ALL_COMPLETED_ROWS = [
    ["20/09/2017", TV01_TITLE, "1", "5,000,000", "Phát sóng THTG 20/9/2017"],
    ["18/10/2017", TV01_TITLE, "1", "5,000,000", "Phát sóng THTG 18/10/2017"],
    *COMPLETED_ROWS,
]
# The mean over the plan's 10 tasks: 50% and 100% for the two with work, 0 for
# the 8 others; quantities per unit, never 4/9 of mixed units (issue 12).
OVERALL_LINES = [
    "- Progress: **15.0%** (mean of 10 tasks: 1 done, 1 in progress, 8 not started)",
    "- Done against targets: 2/4 phóng sự; 2/2 chuyên trang; 0/3 buổi",
    "- Activities: 4 in all; 1 planned, 0 in progress, 1 done, 1 overdue, 1 cancelled",
    "- Budget: 213,000,000 VND declared, 59,000,000 allocated, 38,000,000 spent, "
    "175,000,000 remaining",
]
MD_HEADINGS = [
    "Overall",
    "Indicators",
    "Results",
    "Budget by funding source (VND)",
    "Progress by task",
    "Progress by agency",
    "Progress by channel",
    "Progress by content",
    "Overdue activities",
    "Completed since 01/11/2017",
    "Problems reported by `ggov-plan check`",
]
INDICATORS_HEADER = ["Indicator", "Target", "Achieved", "Measured on", "Parts", "State"]
#: The shipped plan's indicators, none measured.
INDICATORS_ROWS = [
    [
        "Dịch vụ công trực tuyến đạt mức độ 2", "more than 1,500 dịch vụ", "–", "", "",
        "not measured",
    ],
    [
        "Dịch vụ công trực tuyến mức độ 3", "795 dịch vụ", "–", "",
        "Thủ tục cấp sở –/318; Thủ tục cấp huyện và cấp xã –/370", "not measured",
    ],
    ["Dịch vụ công trực tuyến mức độ 4", "113 dịch vụ", "–", "", "", "not measured"],
]  # fmt: skip
CSV_HEADER = (
    "id,title,task,agency,channel,contents,due,target,unit,done,status,cost,source,spent,reach"
)
CSV_ROWS = [
    [
        "so-tttt-tv01", TV01_TITLE, "v1-san-xuat-chuong-trinh", "so-tttt", "truyen-hinh",
        "dich-vu-cong", "2017-10-31", "4", "phóng sự", "2", "overdue", "20000000",
        "ngan-sach-tinh", "10000000", "",
    ],
    [
        "bao-ap-bac-cm01", CM01_TITLE, "v2-chuyen-trang-bao", "bao-ap-bac", "bao-in",
        "chinh-quyen-dien-tu", "2017-12-15", "2", "chuyên trang", "2", "done", "30000000",
        "xa-hoi-hoa", "28000000", "",
    ],
    [
        "so-tttt-th01", "Buổi tuyên truyền dịch vụ công tại trường THPT", "v1-truong-hoc",
        "so-tttt", "truong-hoc", "dich-vu-cong", "2018-03-31", "3", "buổi", "0", "planned",
        "9000000", "ngan-sach-tinh", "0", "",
    ],
    [
        "so-tttt-gb01", "Giao ban báo chí quý IV", "v1-giao-ban-bao-chi", "so-tttt",
        "giao-ban-bao-chi", "", "2017-12-20", "1", "", "0", "cancelled", "0", "", "0", "",
    ],
]  # fmt: skip
JSON_KEYS = [
    "schema_version", "plan", "as_of", "since", "period", "overall", "results", "sources",
    "breakdowns",
    "overdue", "completed", "problems", "chart", "indicators",
]  # fmt: skip
# The plan's progress, the mean over its 10 tasks (issue 12): the TV task at
# 1/4 then 2/4, the newspaper task at 100% from 10/11.
CHART = [
    {"date": "2017-09-20", "progress": 0.025, "spent": 5_000_000},
    {"date": "2017-10-18", "progress": 0.05, "spent": 10_000_000},
    {"date": "2017-11-10", "progress": 0.15, "spent": 38_000_000},
    # so-tttt-gb01 is cancelled: its task had nothing done, and still counts 0.
    {"date": "2017-12-01", "progress": 0.15, "spent": 38_000_000},
]


# --------------------------------------------------------------------------- helpers


def run(plan: Path, *args: object) -> Result:
    return cli("report", *args, "-p", plan)


def report_text(plan: Path, *args: object) -> str:
    result = run(plan, *args)
    assert result.exit_code == 0, (result.exit_code, result.stdout, result.stderr)
    # A cron job mails whatever lands on stderr: a good report says nothing there.
    assert result.stderr == ""
    return result.stdout


def report_json(plan: Path, *args: object) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(report_text(plan, "--format", "json", *args))
    return data


_PIPE = re.compile(r"(?<!\\)\|")


def md_sections(text: str) -> dict[str, list[str]]:
    """Non-empty lines under each ``## `` heading ("" holds the lines before the first)."""
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for line in text.splitlines():
        if line.startswith("## "):
            current = line[3:]
            assert current not in sections, f"heading {current!r} twice"
            sections[current] = []
        elif line:
            sections[current].append(line)
    return sections


def md_table(lines: list[str]) -> list[list[str]]:
    """A Markdown table's rows (header first, alignment row dropped), cells unescaped."""
    assert all(line.startswith("| ") and line.endswith(" |") for line in lines[:1]), lines
    rows = []
    for number, line in enumerate(lines):
        assert line.startswith("|") and line.endswith("|"), line
        cells = _PIPE.split(line)[1:-1]
        if number == 1:
            assert all(re.fullmatch(r"-{3}:?", c) for c in cells), line
            continue
        rows.append([re.sub(r"\\(.)", r"\1", c.strip()) for c in cells])
    return rows


class Outline(HTMLParser):
    """An HTML page as data: start tags, text blocks, and tables under their heading."""

    BLOCKS = ("h1", "h2", "p", "li", "title")

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.starts: list[tuple[str, dict[str, str | None]]] = []
        self.blocks: list[tuple[str, str, dict[str, str | None]]] = []
        self.tables: dict[str, list[list[str]]] = {}
        self._heading = ""
        self._block: tuple[str, dict[str, str | None]] | None = None
        self._text: list[str] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.starts.append((tag, dict(attrs)))
        if tag in self.BLOCKS:
            self._block, self._text = (tag, dict(attrs)), []
        elif tag == "table":
            assert self._heading not in self.tables, f"two tables under {self._heading!r}"
            self.tables[self._heading] = []
        elif tag == "tr":
            self._row = []
            self.tables[self._heading].append(self._row)
        elif tag in ("td", "th"):
            self._cell = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.starts.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            assert self._row is not None
            self._row.append("".join(self._cell))
            self._cell = None
        elif self._block is not None and tag == self._block[0]:
            text = "".join(self._text)
            self.blocks.append((tag, text, self._block[1]))
            if tag == "h2":
                self._heading = text
            self._block = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._block is not None:
            self._text.append(data)

    def texts(self, tag: str) -> list[str]:
        return [text for t, text, _ in self.blocks if t == tag]

    def count(self, tag: str) -> int:
        return sum(t == tag for t, _ in self.starts)


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))
