"""``report --official``: the results report to sign, as md, html and docx.

The document is built from the plan alone: the tracked 2017 example gives a
Tiền Giang report, the fictional ministry fixture its own header. The docx is
opened with python-docx and checked against Nghị định 30/2020/NĐ-CP, Phụ lục I
(Times New Roman, sizes, A4, margins); docs/official-report.md lists the rules.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import itertools
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm
from markdown_it import MarkdownIt
from typer.testing import CliRunner, Result

from ggov_plan.cli import app
from ggov_plan.render.official.document import abbreviation, head_title, lower_first, vi_date
from track_helpers import ENV, ROOT

TRACKED = ROOT / "examples" / "plan2017-tracked.toml"
SHIPPED = ROOT / "data" / "plan2017.toml"
MINISTRY = ROOT / "tests" / "fixtures" / "ministry2021.toml"
BROKEN = ROOT / "examples" / "broken.toml"
AS_OF = ("--as-of", "2017-12-31")
MINISTRY_ENV = {**ENV, "GGOV_PLAN_TODAY": "2021-12-31"}

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
TITLE = (
    "Kết quả thực hiện Kế hoạch số 228/KH-UBND ngày 18/8/2017 của Ủy ban nhân dân tỉnh "
    "Tiền Giang về tuyên truyền xây dựng chính quyền điện tử, dịch vụ công trực tuyến trên "
    "địa bàn tỉnh Tiền Giang năm 2017 (từ ngày 18/8/2017 đến ngày 31/12/2017)"
)
TOTAL = "213.000.000 đồng (Hai trăm mười ba triệu đồng)"

_runner = CliRunner()


def run(*args: object, env: dict[str, str | None] | None = None) -> Result:
    return _runner.invoke(app, ["report", *map(str, args)], env=env or ENV)


def official(plan: Path, output_format: str = "md", *args: object, **kw: Any) -> str:
    result = run("--official", "-f", output_format, "-p", plan, *args, **kw)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout


def section(text: str, heading: str) -> str:
    """What a Markdown heading holds, up to the next heading of any level."""
    after = text.split(heading + "\n", 1)[1]
    end = min(after.find(m) for m in ("\n## ", "\n### ", "\nTrên đây") if m in after)
    return after[:end].strip()


def text_of_html(page: str) -> str:
    """The page's text, tags dropped and entities read, as a reader sees it."""
    import re

    return html.unescape(re.sub(r"<[^>]+>", " ", page))


@pytest.fixture(scope="module")
def md() -> str:
    return official(TRACKED, "md", *AS_OF)


@pytest.fixture(scope="module")
def page() -> str:
    return official(TRACKED, "html", *AS_OF)


# --------------------------------------------------------------------------- Markdown and HTML


def _document_parts() -> list[str]:
    return [
        NATION,
        MOTTO,
        "ỦY BAN NHÂN DÂN TỈNH TIỀN GIANG",
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "Số: ……/BC-STTTT",
        "Tiền Giang, ngày …… tháng …… năm ……",
        "BÁO CÁO",
        TITLE,
        "Kính gửi: Ủy ban nhân dân tỉnh Tiền Giang.",
        "I. KẾT QUẢ THỰC HIỆN",
        "II. KINH PHÍ",
        "III. KHÓ KHĂN, VƯỚNG MẮC",
        "IV. ĐỀ XUẤT, KIẾN NGHỊ",
        "Tổng kinh phí theo Kế hoạch: " + TOTAL,
        "Ngân sách tỉnh: 163.000.000 đồng (Một trăm sáu mươi ba triệu đồng)",
        "Nguồn xã hội hóa: 50.000.000 đồng (Năm mươi triệu đồng)",
        "Kinh phí đã sử dụng tính đến ngày 31/12/2017: 38.000.000 đồng (Ba mươi tám triệu đồng)",
        "Kinh phí còn lại: 175.000.000 đồng (Một trăm bảy mươi lăm triệu đồng)",
        # The mean over the plan's 10 tasks (issue 12), quantities per unit.
        "Tiến độ chung đạt 15,0% (khối lượng đã thực hiện 2/4 phóng sự; 2/2 chuyên trang; "
        "0/3 buổi)",
        "minh chứng: Phát sóng THTG 20/9/2017",
        "minh chứng: Báo Ấp Bắc số ra ngày 10/11/2017",
        "hạn 31/10/2017, đã thực hiện 2/4 phóng sự",
        "lý do: Gộp vào giao ban tháng 12",
        "Nơi nhận:",
        "- Như trên;",
        "- Lưu: VT, ….",
        "GIÁM ĐỐC",
    ]


def test_markdown_is_laid_out_as_the_document(md: str) -> None:
    plain = md.replace("\\&", "&")
    for part in _document_parts():
        assert part in plain, part
    lines = md.splitlines()
    # Header: the issuing body on the left, the motto on the right, same rows.
    assert lines[0] == f"| ỦY BAN NHÂN DÂN TỈNH TIỀN GIANG | **{NATION}** |"
    assert lines[2] == f"| **SỞ THÔNG TIN VÀ TRUYỀN THÔNG** | **{MOTTO}** |"
    assert lines[4] == "| Số: ……/BC-STTTT | *Tiền Giang, ngày …… tháng …… năm ……* |"
    assert "# BÁO CÁO" in lines
    assert f"**{TITLE}**" in lines
    assert "| ***Nơi nhận:*** | **GIÁM ĐỐC** |" in lines
    # The body is in Vietnamese: none of the status report's English headings.
    for english in ("status report", "Overall", "Budget by", "Overdue"):
        assert english not in md


def test_markdown_reads_as_the_document_in_a_viewer(md: str) -> None:
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    headings = [tokens[n + 1].content for n, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == [
        "BÁO CÁO",
        "I. KẾT QUẢ THỰC HIỆN",
        "1. Kết quả thực hiện các chỉ tiêu",
        "2. Các hoạt động đã thực hiện trong kỳ",
        "3. Tiến độ theo nội dung tuyên truyền (lũy kế đến ngày 31/12/2017)",
        "4. Tiến độ theo hình thức tuyên truyền (lũy kế đến ngày 31/12/2017)",
        "5. Hoạt động chậm tiến độ",
        "6. Hoạt động không thực hiện",
        "II. KINH PHÍ",
        "III. KHÓ KHĂN, VƯỚNG MẮC",
        "IV. ĐỀ XUẤT, KIẾN NGHỊ",
    ]


def test_html_is_one_page_laid_out_as_the_document(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="vi">' in page
    assert "<script" not in page and "http" not in page.split("</style>")[0]
    text = " ".join(text_of_html(page).split())
    for part in _document_parts():
        assert " ".join(part.split()) in text, part
    assert "@page { size: A4; margin: 20mm 15mm 20mm 30mm; }" in page
    assert 'font-family: "Times New Roman"' in page


def test_place_date_is_left_to_fill_and_the_output_is_deterministic(md: str, page: str) -> None:
    today = dt.date.today()
    for text in (md, page):
        assert f"/{today.year}" not in text or today.year == 2017
        assert "ngày …… tháng …… năm ……" in text
    assert official(TRACKED, "md", *AS_OF) == md
    assert official(TRACKED, "html", *AS_OF) == page


def test_output_file_holds_the_same_bytes(tmp_path: Path, md: str) -> None:
    target = tmp_path / "bao-cao.md"
    result = run("--official", "-p", TRACKED, *AS_OF, "-o", target)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == md


def test_since_sets_the_period_and_the_evidence_listed() -> None:
    text = official(TRACKED, "md", *AS_OF, "--since", "2017-11-01")
    assert "từ ngày 01/11/2017 đến ngày 31/12/2017" in text
    assert "Phát sóng THTG 20/9/2017" not in text  # before the period
    assert "minh chứng: Báo Ấp Bắc số ra ngày 10/11/2017" in text
    # The figures stay cumulative as of --as-of.
    assert "Tiến độ chung đạt 15,0%" in text


def test_a_plan_without_records_says_there_is_nothing() -> None:
    text = official(SHIPPED, "md", *AS_OF)
    assert "chưa có hoạt động nào được ghi nhận" in text
    assert "chưa có kết quả nào được ghi nhận" in text
    for heading in ("## III. KHÓ KHĂN, VƯỚNG MẮC", "## IV. ĐỀ XUẤT, KIẾN NGHỊ"):
        assert section(text, heading) == "Không có."
    assert "……………" not in text.split("## I.")[1].split("Nơi nhận")[0]
    assert TOTAL in text


def test_completion_notes_are_results_not_difficulties(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    shutil.copyfile(TRACKED, plan)
    with plan.open("a", encoding="utf-8") as handle:
        handle.write(
            "\n[[completion]]\n"
            'id = "so-tttt-tv01-note"\n'
            'activity = "so-tttt-tv01"\n'
            "date = 2017-12-05\n"
            'note = "phát lại vào khung giờ vàng"\n'
        )
    text = official(plan, "md", *AS_OF)
    results = section(text, "### 2. Các hoạt động đã thực hiện trong kỳ")
    assert (
        "- Ngày 05/12/2017: Phóng sự truyền hình về dịch vụ công trực tuyến mức độ 3 "
        "(Sở TT&TT), thực hiện 1 phóng sự (phát lại vào khung giờ vàng); "
        "chưa có minh chứng" in results
    )
    assert section(text, "## III. KHÓ KHĂN, VƯỚNG MẮC") == "Không có."


def test_the_ministry_plan_gets_its_own_header() -> None:
    for output_format in ("md", "html"):
        text = official(MINISTRY, output_format, "--as-of", "2021-12-31", env=MINISTRY_ENV)
        if output_format == "html":
            text = text_of_html(text)
        assert "BỘ THÔNG TIN VÀ TRUYỀN THÔNG" in text
        assert "CỤC BÁO CHÍ" in text
        assert "Hà Nội, ngày …… tháng …… năm ……" in text
        assert "Số: ……/BC-CBC" in text
        assert "Kế hoạch số 99/KH-BTTTT ngày 15/01/2021 của Bộ Thông tin và Truyền thông" in text
        assert "1.500.000.000 đồng (Một tỷ năm trăm triệu đồng)" in text
        assert "CỤC TRƯỞNG" in text
        assert "Tiền Giang" not in text and "UBND" not in text


# --------------------------------------------------------------------------- hostile text


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    plan = tmp_path_factory.mktemp("hostile") / "plan.toml"
    text = TRACKED.read_text(encoding="utf-8")
    text = text.replace(
        'title = "Tuyên truyền xây dựng',
        'title = "<script>alert(1)</script> \\u001b[31m Tuyên truyền xây dựng',
        1,
    )
    text = text.replace('evidence = "Phát sóng THTG 20/9/2017"', 'evidence = "<img src=x>|a"')
    plan.write_text(
        text + "\n[[completion]]\n"
        'id = "so-tttt-tv01-evil"\n'
        'activity = "so-tttt-tv01"\n'
        "date = 2017-12-05\n"
        'note = "# heading\\n1. list <b>bold</b> \\u0007"\n',
        encoding="utf-8",
    )
    return plan


def test_html_escapes_hostile_text(hostile: Path) -> None:
    page = official(hostile, "html", *AS_OF)
    assert "<script>" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x&gt;|a" in page
    assert "\x1b" not in page and "\x07" not in page
    assert "\\x1b[31m" in page and "\\x07" in page


def test_markdown_escapes_hostile_text(hostile: Path) -> None:
    md = official(hostile, "md", *AS_OF)
    assert "\x1b" not in md and "\x07" not in md
    rendered = MarkdownIt("commonmark").enable("table").render(md)
    assert "<script>" not in rendered and "<img" not in rendered and "<b>" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "<h1>heading" not in rendered and "<ol>" not in rendered
    # The pipe stays inside its list item, the note's newline is a space.
    assert "&lt;img src=x&gt;|a" in rendered
    assert "# heading 1. list &lt;b&gt;bold&lt;/b&gt; \\x07" in rendered


def test_docx_escapes_hostile_text(hostile: Path, tmp_path: Path) -> None:
    target = tmp_path / "evil.docx"
    result = run("--official", "-f", "docx", "-p", hostile, *AS_OF, "-o", target)
    assert result.exit_code == 0, result.stderr
    text = docx_text(docx.Document(str(target)))
    assert "<script>alert(1)</script> \\x1b[31m Tuyên truyền" in text
    assert "\x1b" not in text


# --------------------------------------------------------------------------- docx


def docx_text(document: Any) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
    return "\n".join(parts)


@pytest.fixture(scope="module")
def docx_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("docx") / "bao-cao.docx"
    result = run("--official", "-f", "docx", "-p", TRACKED, *AS_OF, "-o", target)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert result.stdout == ""
    return target


@pytest.fixture(scope="module")
def document(docx_file: Path) -> Any:
    return docx.Document(str(docx_file))


def _size(run: Any) -> float:
    return float(run.font.size.pt)


def test_docx_has_the_document_text(document: Any) -> None:
    text = docx_text(document)
    for part in (NATION, MOTTO, "SỞ THÔNG TIN VÀ", "TRUYỀN THÔNG", "BÁO CÁO", TITLE, TOTAL):
        assert part in text, part
    assert "Tiền Giang, ngày …… tháng …… năm ……" in text
    assert "Nơi nhận:" in text and "GIÁM ĐỐC" in text


def test_docx_page_is_a4_with_the_decree_margins(document: Any) -> None:
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1)
    assert abs(section.page_height - Mm(297)) < Mm(0.1)
    assert 20 <= section.top_margin.mm <= 25
    assert 20 <= section.bottom_margin.mm <= 25
    assert 30 <= section.left_margin.mm <= 35
    assert 15 <= section.right_margin.mm <= 20
    # Page numbers from page 2 on, centred at the top.
    assert section.different_first_page_header_footer
    assert 'w:instr="PAGE"' in section.header._element.xml
    assert not section.first_page_header.paragraphs[0].text


def test_docx_is_in_times_new_roman_for_every_script(document: Any) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
    for name in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        assert fonts.get(qn(name)) == "Times New Roman"
    assert fonts.get(qn("w:asciiTheme")) is None
    runs = [r for p in document.paragraphs for r in p.runs]
    for table in document.tables:
        runs += [r for row in table.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    assert len(runs) > 50
    for run_ in runs:
        rfonts = run_._r.rPr.find(qn("w:rFonts"))
        assert {rfonts.get(qn(n)) for n in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")} == {
            "Times New Roman"
        }


def test_docx_sizes_and_styles_follow_the_appendix(document: Any) -> None:
    head = document.tables[0]
    (agency_cell, nation_cell), (number_cell, date_cell) = (r.cells for r in head.rows)
    nation, motto = (p.runs[0] for p in nation_cell.paragraphs[:2])
    assert nation.text == NATION and nation.bold and 12 <= _size(nation) <= 13
    assert motto.text == MOTTO and motto.bold and 13 <= _size(motto) <= 14
    parent, agency = agency_cell.paragraphs[:2]
    assert all(12 <= _size(r) <= 13 and not r.bold for r in parent.runs)
    assert all(12 <= _size(r) <= 13 and r.bold for r in agency.runs)
    assert all(_size(r) == 13 for r in number_cell.paragraphs[0].runs)
    (place,) = date_cell.paragraphs[0].runs
    assert place.italic and 13 <= _size(place) <= 14
    # The two header columns have no borders.
    borders = head._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}
    assert len(head.columns) == 2
    # Title and body: 13–14; the kind and the title bold.
    body = [p for p in document.paragraphs if p.text.strip()]
    kind, title = body[0], body[1]
    assert kind.text == "BÁO CÁO" and all(r.bold and 13 <= _size(r) <= 14 for r in kind.runs)
    assert title.text == TITLE and all(r.bold and 13 <= _size(r) <= 14 for r in title.runs)
    for paragraph in body:
        for run_ in paragraph.runs:
            assert 13 <= _size(run_) <= 14, paragraph.text
    justified = [p for p in body[3:] if p.paragraph_format.first_line_indent]
    assert justified and all(
        abs(p.paragraph_format.first_line_indent.cm - 1.27) < 0.01 for p in justified
    )
    # Nơi nhận: 12 bold italic; the list 11; the signer's title 13–14 bold.
    left, right = document.tables[-1].rows[0].cells
    heading = left.paragraphs[0].runs[0]
    assert heading.text == "Nơi nhận:" and heading.bold and heading.italic
    assert _size(heading) == 12
    assert all(_size(r) == 11 for p in left.paragraphs[1:] for r in p.runs)
    signer = right.paragraphs[0].runs[0]
    assert signer.text == "GIÁM ĐỐC" and signer.bold and 13 <= _size(signer) <= 14


def test_docx_bytes_are_deterministic(docx_file: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.docx"
    result = run("--official", "-f", "docx", "-p", TRACKED, *AS_OF, "-o", again)
    assert result.exit_code == 0, result.stderr
    assert again.read_bytes() == docx_file.read_bytes()
    with zipfile.ZipFile(io.BytesIO(docx_file.read_bytes())) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2017, 12, 31, 0, 0, 0)}
    props = docx.Document(str(docx_file)).core_properties
    assert props.created == props.modified == dt.datetime(2017, 12, 31, tzinfo=dt.UTC)
    assert props.author == "Sở Thông tin và Truyền thông"


def test_docx_for_the_ministry(tmp_path: Path) -> None:
    target = tmp_path / "bao-cao.docx"
    result = run(
        "--official", "-f", "docx", "-p", MINISTRY, "--as-of", "2021-12-31", "-o", target,
        env=MINISTRY_ENV,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    text = " ".join(docx_text(docx.Document(str(target))).split())
    assert "BỘ THÔNG TIN VÀ TRUYỀN THÔNG" in text and "CỤC BÁO CHÍ" in text
    assert "Hà Nội, ngày" in text and "Tiền Giang" not in text


def test_python_docx_is_loaded_only_for_docx() -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from ggov_plan.cli import app\n"
        f"r = CliRunner().invoke(app, ['report', '--official', '-p', {str(TRACKED)!r}, "
        "'--as-of', '2017-12-31'])\n"
        "assert r.exit_code == 0, r.output\n"
        "print('docx' in sys.modules)\n"
    )
    env = {**os.environ, "GGOV_PLAN_TODAY": "2017-12-31"}
    env.pop("GGOV_PLAN_FILE", None)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


# --------------------------------------------------------------------------- exit codes


@pytest.mark.parametrize("output_format", ["json", "csv"])
def test_official_refuses_json_and_csv(output_format: str, tmp_path: Path) -> None:
    target = tmp_path / "out"
    result = run("--official", "-f", output_format, "-p", TRACKED, *AS_OF, "-o", target)
    assert result.exit_code == 2
    assert "--official" in result.stderr and output_format in result.stderr
    assert not target.exists()


def test_docx_needs_official(tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    result = run("-f", "docx", "-p", TRACKED, *AS_OF, "-o", target)
    assert result.exit_code == 2
    assert "docx is for the official report" in result.stderr
    assert not target.exists()


def test_docx_needs_an_output_file() -> None:
    result = run("--official", "-f", "docx", "-p", TRACKED, *AS_OF)
    assert result.exit_code == 2
    assert "-o PATH" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("output_format", ["md", "html", "docx"])
def test_official_refuses_an_invalid_plan(output_format: str, tmp_path: Path) -> None:
    target = tmp_path / f"out.{output_format}"
    result = run("--official", "-f", output_format, "-p", BROKEN, *AS_OF, "-o", target)
    assert result.exit_code == 1
    assert "must pass `ggov-plan check`" in result.stderr
    assert not target.exists()


# --------------------------------------------------------------------------- helpers


def test_dates_follow_the_decree() -> None:
    assert vi_date(dt.date(2017, 8, 18)) == "18/8/2017"
    assert vi_date(dt.date(2020, 3, 5)) == "05/3/2020"
    assert vi_date(dt.date(2021, 2, 1)) == "01/02/2021"
    assert vi_date(dt.date(2017, 12, 31)) == "31/12/2017"


def test_title_first_letter() -> None:
    assert lower_first("Tuyên truyền xây dựng") == "tuyên truyền xây dựng"
    assert lower_first("UBND tỉnh") == "UBND tỉnh"
    assert lower_first("A b") == "A b"


def test_symbol_and_signer_from_the_agency() -> None:
    from ggov_plan.plan.model import Agency, Header

    header = Header(
        kind="Kế hoạch", number="228/KH-UBND", title="t", issuer="ubnd", place="X",
        issued=dt.date(2017, 8, 18), start=dt.date(2017, 8, 18), end=dt.date(2017, 12, 31),
        lead_agency="so", reports_to="ubnd",
    )  # fmt: skip
    so = Agency(id="so", name="Sở Thông tin và Truyền thông")
    ubnd = Agency(id="ubnd", name="Ủy ban nhân dân tỉnh X")
    assert abbreviation(so, header) == "STTTT"
    assert abbreviation(ubnd, header) == "UBND"
    assert abbreviation(Agency(id="d", name="Đài Phát thanh"), header) == "ĐPT"
    assert head_title(so) == (None, "GIÁM ĐỐC")
    assert head_title(ubnd) == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    assert head_title(Agency(id="c", name="Cục Báo chí")) == (None, "CỤC TRƯỞNG")
    assert head_title(Agency(id="h", name="Hội Nhà báo"))[1] == "QUYỀN HẠN, CHỨC VỤ CỦA NGƯỜI KÝ"


# --------------------------------------------------------------------------- results for a period

PROVINCE = ROOT / "tests" / "fixtures" / "province2016_2020.toml"
CITY = ROOT / "tests" / "fixtures" / "city2023.toml"
LATER_ENV = {**ENV, "GGOV_PLAN_TODAY": "2026-12-31"}  # the fixtures record into 2018
YEAR_2017 = ("--since", "2017-01-01", "--as-of", "2017-12-31")
YEAR_2023 = ("--since", "2023-01-01", "--as-of", "2023-12-31")


@pytest.fixture(scope="module")
def province() -> str:
    return official(PROVINCE, "md", *YEAR_2017, env=LATER_ENV)


@pytest.fixture(scope="module")
def city() -> str:
    return official(CITY, "md", *YEAR_2023, env=LATER_ENV)


def test_the_period_is_named_in_the_title_and_the_opening(province: str) -> None:
    assert (
        "**Kết quả thực hiện Kế hoạch số 45/KH-UBND ngày 15/3/2016 của Ủy ban nhân dân tỉnh "
        "Hậu Lộc về thông tin, tuyên truyền cải cách hành chính, chính quyền điện tử giai "
        "đoạn 2016–2020 năm 2017**" in province
    )
    assert "Hậu Lộc báo cáo kết quả thực hiện năm 2017 như sau:" in province
    assert "Kế hoạch số 45/KH-UBND trong năm 2017, kính báo cáo" in province


def test_a_half_year_is_named_as_such() -> None:
    text = official(PROVINCE, "md", "--since", "2017-01-01", "--as-of", "2017-06-30",
                    env=LATER_ENV)  # fmt: skip
    assert "giai đoạn 2016–2020 6 tháng đầu năm 2017**" in text
    assert "Trong 6 tháng đầu năm 2017, các hoạt động sau đã được thực hiện:" in text


def test_a_part_of_the_year_a_title_already_names_goes_in_brackets() -> None:
    text = official(CITY, "md", "--since", "2023-07-01", "--as-of", "2023-12-31", env=LATER_ENV)
    assert "dịch vụ công trực tuyến năm 2023 (6 tháng cuối năm 2023)**" in text


def test_indicators_against_their_targets_at_the_end_of_the_period(province: str) -> None:
    indicators = section(province, "### 1. Kết quả thực hiện các chỉ tiêu")
    assert (
        "- Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến mức độ 3, 4: "
        "chỉ tiêu từ 50% trở lên đến ngày 31/12/2020; kết quả đạt 21,5% (số liệu ngày "
        "31/12/2017); mốc đến ngày 31/12/2017: từ 20% trở lên; đánh giá: đúng tiến độ;"
    ) in indicators
    assert "kết quả đạt 58,25% (số liệu ngày 27/12/2017)" in indicators
    assert "mốc đến ngày 31/12/2017: từ 60% trở lên; đánh giá: chậm tiến độ;" in indicators
    assert (
        "kết quả đạt 605 dịch vụ (số liệu ngày 15/12/2017), trong đó: cấp tỉnh 405 dịch vụ "
        "(chỉ tiêu 400 dịch vụ), cấp huyện và cấp xã 200 dịch vụ (chỉ tiêu 200 dịch vụ); "
        "đánh giá: đạt."
    ) in indicators


def test_an_indicator_not_measured_in_the_period_is_not_given_an_old_figure_as_its_own() -> None:
    text = official(PROVINCE, "md", "--since", "2017-01-01", "--as-of", "2017-06-30",
                    env=LATER_ENV)  # fmt: skip
    indicators = section(text, "### 1. Kết quả thực hiện các chỉ tiêu")
    # No figure from outside the period, not even labelled as older.
    assert "chưa có số liệu trong kỳ;" in indicators or "chưa có số liệu trong kỳ." in indicators
    assert "8,75" not in indicators
    city_h1 = official(CITY, "md", "--since", "2023-01-01", "--as-of", "2023-06-30",
                       env=LATER_ENV)  # fmt: skip
    assert "buổi; chưa có số liệu." in section(city_h1, "### 1. Kết quả thực hiện các chỉ tiêu")


def test_completions_say_how_much_for_how_many_people(province: str, city: str) -> None:
    done = section(province, "### 3. Các hoạt động đã thực hiện trong kỳ")
    assert (
        "- Ngày 16/5/2017: Hội nghị tuyên truyền cải cách hành chính, dịch vụ công trực tuyến "
        "tại các xã, phường, thị trấn (UBND các huyện, thị xã, thành phố), thực hiện 4 buổi "
        "với 520 lượt người tham dự, kinh phí 8.000.000 đồng (Tổng hợp từ báo cáo của 04 "
        "huyện); chưa có minh chứng;"
    ) in done
    assert "thực hiện 20.000 tờ rơi, kinh phí 28.500.000 đồng;" in done
    assert "thực hiện 64 buổi với 4.250 lượt người tham dự" in city


def test_notes_land_in_their_sections(province: str, city: str) -> None:
    assert section(province, "### 2. Kết quả nổi bật").startswith(
        "- Đã cung cấp 605 dịch vụ công trực tuyến mức độ 3, 4"
    )
    difficulties = section(province, "## III. KHÓ KHĂN, VƯỚNG MẮC")
    assert difficulties.startswith("- Tỷ lệ người dân, doanh nghiệp biết và sử dụng Cổng")
    assert "hạ tầng mạng" not in province  # a difficulty of 2016: not in 2017's report
    assert "Buổi thứ tư chưa tổ chức" not in province  # a completion note of 2016
    assert section(province, "## IV. ĐỀ XUẤT, KIẾN NGHỊ").startswith("- Đề nghị UBND tỉnh chỉ")
    results = province.split("## II.")[0]
    assert "tăng chậm" not in results and "Đề nghị" not in results
    assert "Nhiều người cao tuổi" in section(city, "## III. KHÓ KHĂN, VƯỚNG MẮC")


def test_a_noted_difficulty_goes_to_section_three_only(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    shutil.copyfile(TRACKED, plan)
    for kind, words in (("kho-khan", "Thiếu phóng viên"), ("ket-qua", "Đã phủ sóng 11 huyện")):
        result = _runner.invoke(
            app, ["note", "-k", kind, words, "--date", "2017-12-01", "-p", str(plan)], env=ENV
        )
        assert result.exit_code == 0, result.stderr
    text = official(plan, "md", *AS_OF)
    assert section(text, "## III. KHÓ KHĂN, VƯỚNG MẮC") == "- Thiếu phóng viên."
    assert "Thiếu phóng viên" not in text.split("## II.")[0]
    assert section(text, "### 2. Kết quả nổi bật") == "- Đã phủ sóng 11 huyện."
    assert section(text, "## IV. ĐỀ XUẤT, KIẾN NGHỊ") == "Không có."
    # Outside the period (--since after the note): neither.
    later = official(plan, "md", *AS_OF, "--since", "2017-12-02")
    assert "Thiếu phóng viên" not in later and "11 huyện" not in later


def test_the_report_table_sets_number_agencies_signer_and_recipients(province: str) -> None:
    lines = province.splitlines()
    assert lines[0].startswith("| ỦY BAN NHÂN DÂN TỈNH HẬU LỘC |")
    assert lines[2].startswith("| **SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH HẬU LỘC** |")
    assert lines[4].startswith("| Số: ……/BC-STTTT |")
    assert "| ***Nơi nhận:*** | **KT. GIÁM ĐỐC** |" in lines
    signature = "\n".join(lines[lines.index("| ***Nơi nhận:*** | **KT. GIÁM ĐỐC** |") :])
    for part in (
        "| - UBND tỉnh Hậu Lộc (b/c); | **PHÓ GIÁM ĐỐC** |",
        "| - Bộ Thông tin và Truyền thông (b/c); |",
        "| - Lưu: VT, TTBCXB. |",
        "Lê Minh Khoa |",
    ):
        assert part in signature, part
    assert "Như trên" not in signature


def test_a_plan_issued_by_a_decision_is_named_after_it(city: str) -> None:
    assert "Kế hoạch số 7303" not in city
    assert (
        "**Kết quả thực hiện Kế hoạch ban hành kèm theo Quyết định số 7303/QĐ-UBND ngày "
        "10/02/2023 của Ủy ban nhân dân thành phố Mỹ An về tuyên truyền chuyển đổi số, dịch "
        "vụ công trực tuyến năm 2023**"
    ) in city
    assert "| Số: ……/BC-VHTT |" in city
    assert "| ***Nơi nhận:*** | **TRƯỞNG PHÒNG** |" in city


@pytest.mark.parametrize(
    ("plan", "args", "env"),
    [
        (SHIPPED, AS_OF, ENV),
        (MINISTRY, ("--as-of", "2021-12-31"), MINISTRY_ENV),
        (PROVINCE, YEAR_2017, LATER_ENV),
        (CITY, YEAR_2023, LATER_ENV),
    ],
)
def test_the_title_never_says_a_word_twice(
    plan: Path, args: tuple[str, ...], env: dict[str, str | None]
) -> None:
    text = official(plan, "md", *args, env=env)
    title = next(line for line in text.splitlines() if line.startswith("**Kết quả"))
    words = [w.strip("()*").casefold() for w in title.split()]
    assert all(a != b for a, b in itertools.pairwise(words)), title
    assert words.count("về") == 1, title
    assert title.casefold().count("tuyên truyền") <= 1, title
    for year in ("2017", "2021", "2023"):
        assert f"năm {year} năm {year}" not in title


def test_budget_section_of_an_unknown_budget(province: str, city: str) -> None:
    budget = section(city, "## II. KINH PHÍ")
    assert budget == (
        "Kinh phí thực hiện từ nguồn ngân sách trong dự toán được giao năm 2023 của các cơ "
        "quan, đơn vị.\n\nCác hoạt động đã đăng ký không nêu kinh phí riêng.\n\n"
        "Tính đến ngày 31/12/2023, chưa ghi nhận khoản chi nào."
    )
    budget = section(province, "## II. KINH PHÍ")
    assert budget.startswith("Kinh phí thực hiện Kế hoạch được bố trí từ nguồn ngân sách")
    assert "Kinh phí đã sử dụng trong kỳ: 69.500.000 đồng" in budget
    assert "Kinh phí đã sử dụng tính đến ngày 31/12/2017: 144.500.000 đồng" in budget
    assert "Kinh phí còn lại" not in budget


_ZERO_DONG = re.compile(r"(?<![\d.])0 đồng")


@pytest.mark.parametrize(
    ("plan", "args", "outside"),
    [
        (
            PROVINCE,
            YEAR_2017,
            # 2016 and 2018 records: figures, dates and words none of 2017's share.
            ("412", "8,75", "45%", "1.200", "650", "18/11/2016", "14/10/2016", "25/11/2016",
             "28/3/2018", "12/4/2018", "900", "hạ tầng mạng", "Buổi thứ tư", "năm 2018 (",
             "Phóng sự truyền hình về Cổng"),
        ),
        (CITY, ("--since", "2023-07-01", "--as-of", "2023-12-31"),
         # the first half of 2023 (its one measurement is shown only as the latest
         # known figure, "chưa có số liệu trong kỳ": tested above)
         ("3.100", "31/5/2023", "18 tin, bài", "kết quả đạt 42,35", "Nhiều người cao tuổi")),
    ],
)  # fmt: skip
def test_docx_of_the_fixtures_has_no_zero_no_negative_no_outside_figure(
    plan: Path, args: tuple[str, ...], outside: tuple[str, ...], tmp_path: Path
) -> None:
    target = tmp_path / "bao-cao.docx"
    result = run("--official", "-f", "docx", "-p", plan, *args, "-o", target, env=LATER_ENV)
    assert result.exit_code == 0, result.stderr
    text = docx_text(docx.Document(str(target)))
    assert not _ZERO_DONG.search(text), _ZERO_DONG.findall(text)
    assert "Âm" not in text and "âm" not in text.replace("tâm", "")
    for figure in outside:
        assert figure not in text, figure
    assert "Không có." in text or "IV. ĐỀ XUẤT, KIẾN NGHỊ" in text


def test_the_city_docx_of_the_whole_year(tmp_path: Path) -> None:
    target = tmp_path / "bao-cao.docx"
    result = run("--official", "-f", "docx", "-p", CITY, *YEAR_2023, "-o", target, env=LATER_ENV)
    assert result.exit_code == 0, result.stderr
    text = docx_text(docx.Document(str(target)))
    assert not _ZERO_DONG.search(text) and "Âm" not in text
    assert "Kế hoạch ban hành kèm theo Quyết định số 7303/QĐ-UBND" in text
    assert "Trần Quốc Bảo" in text and "TRƯỞNG PHÒNG" in text


# --------------------------------------------------------------------------- helpers (2)


def test_periods_are_recognised() -> None:
    from ggov_plan.render.official.document import known_period, period_name

    def name(start: str, end: str) -> str:
        return period_name(known_period(dt.date.fromisoformat(start), dt.date.fromisoformat(end)))

    assert name("2017-01-01", "2017-12-31") == "năm 2017"
    assert name("2015-01-01", "2015-06-30") == "6 tháng đầu năm 2015"
    assert name("2017-07-01", "2017-12-31") == "6 tháng cuối năm 2017"
    assert name("2017-10-01", "2017-12-31") == "quý IV năm 2017"
    assert name("2017-10-01", "2017-10-31") == "tháng 10/2017"
    assert name("2017-08-18", "2017-12-31") == "từ ngày 18/8/2017 đến ngày 31/12/2017"
    assert name("2016-01-01", "2017-12-31") == "từ ngày 01/01/2016 đến ngày 31/12/2017"


def test_the_subject_after_ve() -> None:
    from ggov_plan.render.official.document import about

    assert about("Tuyên truyền về cải cách") == "về tuyên truyền cải cách"
    assert about("Thông tin, tuyên truyền về cải cách") == "về thông tin, tuyên truyền cải cách"
    assert about("Truyền thông về chuyển đổi số") == "về truyền thông chuyển đổi số"
    assert about("Tuyên truyền xây dựng") == "về tuyên truyền xây dựng"
    assert about("về việc tuyên truyền") == "về việc tuyên truyền"


def test_figures_and_recipients_as_the_document_writes_them() -> None:
    from ggov_plan.render.official.document import measure, recipient_lines

    assert measure(21.5, "%") == "21,5%"
    assert measure(8.75, "%") == "8,75%"
    assert measure(50, "%") == "50%"
    assert measure(50.0, "%") == "50%"
    assert measure(20000, "tờ rơi") == "20.000 tờ rơi"
    assert measure(7, None) == "7"
    assert recipient_lines(["UBND tỉnh (b/c);", "- Lưu: VT."]) == (
        "- UBND tỉnh (b/c);",
        "- Lưu: VT.",
    )
