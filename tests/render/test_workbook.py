"""``report --format xlsx``: the status report as a workbook Excel and LibreOffice read."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import time
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from ggov_plan.cli import app
from ggov_plan.render.report.workbook import SHEET_NAME_MAX, sheet_name
from track_helpers import ENV, ROOT, cli

TRACKED = ROOT / "examples" / "plan2017-tracked.toml"
PROVINCE = ROOT / "tests" / "fixtures" / "province2016_2020.toml"
BAD = set("[]:*?/\\")


def _write(
    tmp_path: Path, *args: object, lang: str = "vi", name: str = "r.xlsx", today: str = ""
) -> Path:
    target = tmp_path / name
    argv = ["report", "-f", "xlsx", *map(str, args), "-o", str(target), "--lang", lang]
    env = {**ENV, "GGOV_PLAN_TODAY": today} if today else ENV
    result = CliRunner().invoke(app, argv, env=env)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert result.stdout == ""
    return target


@pytest.fixture(scope="module")
def book_vi(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    path = _write(tmp_path_factory.mktemp("x"), "-p", TRACKED, "--as-of", "2017-12-31")
    return openpyxl.load_workbook(path)


def test_sheet_names_in_vietnamese_and_english(book_vi: openpyxl.Workbook, tmp_path: Path) -> None:
    assert book_vi.sheetnames == [
        "Tổng quan", "Chỉ tiêu", "Kết quả thực hiện", "Kinh phí theo nguồn",
        "Tiến độ theo nhiệm vụ", "Tiến độ theo cơ quan", "Tiến độ theo hình thức",
        "Tiến độ theo nội dung", "Quá hạn", "Đã thực hiện", "Hoạt động",
    ]  # fmt: skip
    english = openpyxl.load_workbook(
        _write(tmp_path, "-p", TRACKED, "--as-of", "2017-12-31", lang="en")
    )
    assert english.sheetnames[0] == "Overall" and english.sheetnames[-1] == "Activities"
    assert english["Activities"]["A1"].value == "Id"
    assert book_vi["Hoạt động"]["B1"].value == "Tên hoạt động"
    for name in book_vi.sheetnames + english.sheetnames:
        assert len(name) <= SHEET_NAME_MAX and not BAD & set(name)


def test_every_sheet_has_a_frozen_header_and_an_autofilter(book_vi: openpyxl.Workbook) -> None:
    for sheet in book_vi.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A1:")
        assert all(cell.font.bold for cell in sheet[1]), sheet.title


def test_amounts_are_numbers_in_dong_and_days_are_dates(book_vi: openpyxl.Workbook) -> None:
    sheet = book_vi["Hoạt động"]
    header = [c.value for c in sheet[1]]
    cost, due, spent, done = (
        header.index(h) for h in ("Kinh phí (đồng)", "Hạn", "Đã chi (đồng)", "Đã làm")
    )
    rows = list(sheet.iter_rows(min_row=2))
    assert rows
    for row in rows:
        assert isinstance(row[cost].value, int) and row[cost].number_format == "#,##0"
        assert isinstance(row[spent].value, int) and row[spent].number_format == "#,##0"
        assert isinstance(row[done].value, int)
        if row[due].value is not None:
            assert isinstance(row[due].value, dt.datetime)
            assert row[due].number_format == "DD/MM/YYYY"
    assert sum(row[spent].value for row in rows) == 38_000_000
    sources = book_vi["Kinh phí theo nguồn"]
    assert [c.value for c in sources[1]][:2] == ["Nguồn", "Dự toán"]
    declared = [row[1].value for row in sources.iter_rows(min_row=2)]
    assert 163_000_000 in declared and all(isinstance(v, int) for v in declared)
    progress = book_vi["Tiến độ theo nhiệm vụ"]
    last = progress.cell(row=2, column=progress.max_column)
    assert isinstance(last.value, int | float) and last.number_format == "0.0%"
    completed = book_vi["Đã thực hiện"]
    assert isinstance(completed["A2"].value, dt.datetime)


def test_unstated_amounts_are_never_zero(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(
        _write(tmp_path, "-p", PROVINCE, "--period", "2017", today="2020-12-31")
    )
    assert book.sheetnames[0] == "Tổng quan"
    overall = {row[0].value: row[1].value for row in book["Tổng quan"].iter_rows(min_row=2)}
    assert overall["Kỳ báo cáo"] == "Năm 2017" or "2017" in str(overall["Kỳ báo cáo"])
    sources = book["Kinh phí theo nguồn"]
    for row in sources.iter_rows(min_row=2):
        values = [c.value for c in row]
        if values[1] == "không nêu":
            assert values[-1] == "không nêu"
        for value in values[1:]:
            assert not (isinstance(value, int) and value < 0)
    activities = book["Hoạt động"]
    assert "Đã làm trong kỳ" in [c.value for c in activities[1]]


def test_plan_text_is_text_never_a_formula(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    text = TRACKED.read_text(encoding="utf-8")
    first_title = text.split('title = "', 2)[2].split('"', 1)[0]
    plan.write_text(text.replace(first_title, "=1+2", 1), encoding="utf-8")
    result = cli("check", str(plan))
    if result.exit_code != 0:
        pytest.skip("the edit broke the plan")
    book = openpyxl.load_workbook(_write(tmp_path, "-p", plan, "--as-of", "2017-12-31"))
    cells = [c for s in book.worksheets for row in s.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]


def test_xlsx_needs_an_output_file() -> None:
    result = cli("report", "-f", "xlsx", "-p", str(TRACKED), "--as-of", "2017-12-31")
    assert result.exit_code == 2
    assert "-o" in result.stderr and "xlsx" in result.stderr
    assert result.stdout == ""


def test_xlsx_bytes_are_deterministic(tmp_path: Path) -> None:
    one = _write(tmp_path, "-p", TRACKED, "--as-of", "2017-12-31", name="a.xlsx")
    time.sleep(1.1)  # openpyxl stamps the clock, to the second, into docProps/core.xml
    two = _write(tmp_path, "-p", TRACKED, "--as-of", "2017-12-31", name="b.xlsx")
    assert one.read_bytes() == two.read_bytes()


def test_sheet_name_is_cleaned_and_unique() -> None:
    taken: set[str] = set()
    assert sheet_name("a/b:c*d?e[f]g\\h", taken) == "a b c d e f g h"
    long = "x" * 40
    assert sheet_name(long, taken) == "x" * 31
    assert sheet_name(long, taken) == "x" * 29 + " 2"


def test_csv_bom_for_excel() -> None:
    plain = cli("report", "-f", "csv", "-p", str(TRACKED), "--as-of", "2017-12-31")
    marked = cli("report", "-f", "csv", "--bom", "-p", str(TRACKED), "--as-of", "2017-12-31")
    assert marked.exit_code == 0
    assert marked.stdout == "\ufeff" + plain.stdout
    wrong = cli("report", "-f", "md", "--bom", "-p", str(TRACKED))
    assert wrong.exit_code == 2 and "--bom" in wrong.stderr


@pytest.mark.skipif(
    not (shutil.which("libreoffice") or shutil.which("soffice")), reason="no LibreOffice"
)
def test_libreoffice_converts_the_workbook_to_pdf(tmp_path: Path) -> None:
    source = _write(tmp_path, "-p", TRACKED, "--as-of", "2017-12-31")
    office = shutil.which("libreoffice") or shutil.which("soffice")
    assert office is not None
    subprocess.run(
        [office, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / "r.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
