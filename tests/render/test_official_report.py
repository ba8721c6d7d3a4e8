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
import os
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
    "địa bàn tỉnh Tiền Giang năm 2017"
)
TOTAL = "213.000.000 đồng (Hai trăm mười ba triệu đồng)"

_runner = CliRunner()


def run(*args: object, env: dict[str, str | None] | None = None) -> Result:
    return _runner.invoke(app, ["report", *map(str, args)], env=env or ENV)


def official(plan: Path, output_format: str = "md", *args: object, **kw: Any) -> str:
    result = run("--official", "-f", output_format, "-p", plan, *args, **kw)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout


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
        "III. KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ",
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
    assert headings[:4] == [
        "BÁO CÁO",
        "I. KẾT QUẢ THỰC HIỆN",
        "1. Kết quả theo nội dung tuyên truyền",
        "2. Kết quả theo hình thức tuyên truyền",
    ]
    assert "II. KINH PHÍ" in headings


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


def test_a_plan_without_records_leaves_lines_to_fill() -> None:
    text = official(SHIPPED, "md", *AS_OF)
    assert "chưa có hoạt động nào được ghi nhận" in text
    section = text.split("III. KHÓ KHĂN")[1]
    assert section.count("……………………") >= 6  # difficulties and proposals
    assert TOTAL in text


def test_completion_notes_become_the_difficulties(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    shutil.copyfile(TRACKED, plan)
    with plan.open("a", encoding="utf-8") as handle:
        handle.write(
            "\n[[completion]]\n"
            'id = "so-tttt-tv01-note"\n'
            'activity = "so-tttt-tv01"\n'
            "date = 2017-12-05\n"
            'note = "Đài chưa bố trí được giờ phát sóng"\n'
        )
    text = official(plan, "md", *AS_OF)
    section = text.split("### 1. Khó khăn, vướng mắc")[1].split("### 2.")[0]
    assert (
        "- Phóng sự truyền hình về dịch vụ công trực tuyến mức độ 3 (ngày 05/12/2017): "
        "Đài chưa bố trí được giờ phát sóng." in section
    )
    assert "……" not in section


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
