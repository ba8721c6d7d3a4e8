"""The signed report keeps every amount whole at the decree's type size.

A table whose figures do not fit a portrait page beside the names (amounts of
hundreds of thousands of billions of đồng) goes on a landscape page; one too
wide even for that is split into tables of a few figure columns each. The
type never drops below 10 pt: the tables stay at SIZE_TABLE (13 pt).
"""

from __future__ import annotations

import datetime as dt
import io
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.shared import Pt
from typer.testing import CliRunner

from ggov_plan.cli import app
from ggov_plan.render.official import word
from ggov_plan.render.official.document import Block, Official, Table
from track_helpers import ENV, PLAN_2017, ROOT

HUGE = ROOT / "tests" / "fixtures" / "huge_amounts.toml"
TRACKED = ROOT / "examples" / "plan2017-tracked.toml"
_runner = CliRunner()


def _docx(plan: Path, tmp_path: Path) -> Any:
    target = tmp_path / "report.docx"
    args = ["report", "-p", str(plan), "--official", "--format", "docx", "-o", str(target)]
    result = _runner.invoke(app, [*args, "--as-of", "2017-12-31"], env=ENV)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return docx.Document(io.BytesIO(target.read_bytes()))


def _cells(document: Any) -> list[str]:
    return [cell.text for table in document.tables for row in table.rows for cell in row.cells]


def _amounts(plan: Path) -> set[int]:
    data = tomllib.loads(plan.read_text(encoding="utf-8"))
    budget = data.get("budget", {})
    # The budget table lists the total and every source.
    return {budget["total"], *(s["amount"] for s in budget.get("source", []))}


def _sizes(document: Any) -> list[float]:
    sizes = []
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    sizes += [run.font.size.pt for run in paragraph.runs if run.font.size]
    for paragraph in document.paragraphs:
        sizes += [run.font.size.pt for run in paragraph.runs if run.font.size and run.text]
    return sizes


@pytest.mark.parametrize("plan", [HUGE, TRACKED, PLAN_2017], ids=["huge", "tracked", "plan2017"])
def test_every_amount_is_whole_in_a_cell_at_10_pt_or_more(plan: Path, tmp_path: Path) -> None:
    document = _docx(plan, tmp_path)
    cells = _cells(document)
    for amount in _amounts(plan):
        text = f"{amount:,}".replace(",", ".")
        assert text in cells, (text, cells)
    sizes = _sizes(document)
    assert sizes and min(sizes) >= 10, sorted(set(sizes))
    for table in document.tables[1:-1]:  # the data tables: after the header, before the signature
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        assert run.font.size == Pt(word.SIZE_TABLE)


def test_a_landscape_table_takes_what_introduces_it_and_then_turns_back() -> None:
    official = _official_with(
        Block("paragraph", text="Chi tiết:"),
        Block("table", table=_wide(4)),
        Block("paragraph", text="Còn lại."),
    )
    document = docx.Document(io.BytesIO(word.render(official, dt.date(2017, 12, 31))))
    sections = [s.orientation for s in document.sections]
    assert sections == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]


def test_the_huge_budget_table_goes_on_a_landscape_page(tmp_path: Path) -> None:
    document = _docx(HUGE, tmp_path)
    orientations = [section.orientation for section in document.sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    landscape = document.sections[1]
    assert landscape.page_width > landscape.page_height
    # Numbered like every page after the first.
    assert not landscape.different_first_page_header_footer


def test_a_report_that_fits_stays_on_portrait_pages(tmp_path: Path) -> None:
    document = _docx(TRACKED, tmp_path)
    assert [s.orientation for s in document.sections] == [WD_ORIENT.PORTRAIT]


def _wide(columns: int) -> Table:
    amount = "999.999.999.999.999"
    return Table(
        header=("Nguồn kinh phí", *(f"Cột {n}" for n in range(1, columns + 1))),
        rows=(("Ngân sách tỉnh", *(amount,) * columns), ("Tổng cộng", *(amount,) * columns)),
        numeric=frozenset(range(1, columns + 1)),
        total=True,
    )


def test_layouts_by_width() -> None:
    assert word._layout(_wide(2)) == "portrait"
    assert word._layout(_wide(4)) == "landscape"
    assert word._layout(_wide(7)) == "split"


def test_a_table_too_wide_for_landscape_is_split_into_portrait_parts() -> None:
    parts = word._column_parts(_wide(7))
    assert len(parts) > 1
    assert all(part.header[0] == "Nguồn kinh phí" for part in parts)
    assert [h for part in parts for h in part.header[1:]] == [f"Cột {n}" for n in range(1, 8)]
    assert all(word._data_widths(part) is not None for part in parts)
    assert all(
        part.total and part.numeric == frozenset(range(1, len(part.header))) for part in parts
    )


def test_a_split_table_renders_every_figure_whole() -> None:
    official = _official_with(Block("table", table=_wide(7)))
    document = docx.Document(io.BytesIO(word.render(official, dt.date(2017, 12, 31))))
    cells = _cells(document)
    assert cells.count("999.999.999.999.999") == 14
    assert [s.orientation for s in document.sections] == [WD_ORIENT.PORTRAIT]
    assert min(_sizes(document)) >= 10


def _official_with(*blocks: Block) -> Official:
    return replace(_SAMPLE, body=(Block("heading", text="II. KINH PHÍ"), *blocks))


_SAMPLE = Official(
    parent="UBND TỈNH TIỀN GIANG",
    agency="SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
    number="Số: ……/BC-STTTT",
    place_date="Tiền Giang, ngày …… tháng …… năm ……",
    kind="BÁO CÁO",
    title="Kết quả thực hiện",
    addressee="Kính gửi: UBND tỉnh",
    body=(),
    recipients=("- Như trên;",),
    authority=None,
    signer_title="GIÁM ĐỐC",
    signature_hint="(Ký, ghi rõ họ tên, đóng dấu)",
    signer_name="……",
    subject="Báo cáo",
    author="Sở TT&TT",
)


def test_a_figure_wider_than_a_portrait_page_still_stands_whole() -> None:
    huge = "9" * 120  # wider than a landscape page even
    table = Table(header=("Nguồn", "Dự toán"), rows=(("Tỉnh", huge),), numeric=frozenset({1}))
    assert word._layout(table) == "split"
    document = docx.Document(
        io.BytesIO(word.render(_official_with(Block("table", table=table)), dt.date(2017, 12, 31)))
    )
    assert huge in _cells(document)


def test_two_wide_tables_share_one_landscape_section() -> None:
    official = _official_with(
        Block("table", table=_wide(4)),
        Block("subheading", text="2. Chi tiết"),
        Block("table", table=_wide(4)),
    )
    document = docx.Document(io.BytesIO(word.render(official, dt.date(2017, 12, 31))))
    sections = [s.orientation for s in document.sections]
    assert sections == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
