"""The status report and the official report as a person prints them.

The HTML status report carries a print stylesheet (A4, the margins of
Nghị định 30/2020, headings kept with what follows, rows never split) and a
chart with a visible title and legend; the official Word file writes its
section titles in real Heading styles, restyled to the decree's look, so that
Word's navigation pane and a table of contents find them. Where chromium and
LibreOffice are installed, both are printed to PDF.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from track_helpers import ROOT, cli

TRACKED = ROOT / "examples" / "plan2017-tracked.toml"
PROVINCE = ROOT / "tests" / "fixtures" / "province2016_2020.toml"


def _ok(*args: object) -> str:
    result = cli(*map(str, args))
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout


@pytest.fixture(scope="module")
def page() -> str:
    return _ok("report", "-f", "html", "-p", TRACKED, "--as-of", "2017-12-31", "--lang", "vi")


def test_html_has_an_a4_page_rule_with_the_decree_margins(page: str) -> None:
    style = page.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "@page { size: A4; margin: 20mm 15mm 20mm 30mm; }" in style
    print_rules = style.split("@media print", 1)[1]
    assert "break-after: avoid" in print_rules and "page-break-after: avoid" in print_rules
    assert "break-inside: avoid" in print_rules and "page-break-inside: avoid" in print_rules


def test_html_chart_has_a_visible_title_and_legend(page: str) -> None:
    figure = re.search(r'<figure class="chart">(.*?)</figure>', page, re.S)
    assert figure is not None
    caption = re.search(r"<figcaption[^>]*>(.*?)</figcaption>", figure.group(1), re.S)
    assert caption is not None and "Tiến độ" in caption.group(1)
    legend = re.search(r'<div class="legend">(.*?)</div>', figure.group(1), re.S)
    assert legend is not None
    assert legend.group(1).count('class="item"') >= 3
    assert "tiến độ" in legend.group(1) and "kế hoạch" in legend.group(1)


def test_html_chart_title_in_english() -> None:
    page = _ok("report", "-f", "html", "-p", TRACKED, "--as-of", "2017-12-31", "--lang", "en")
    assert re.search(r"<figcaption[^>]*>Cumulative progress", page)
    assert ">plan<" in page.split('<div class="legend">', 1)[1].split("</div>", 1)[0]


@pytest.fixture(scope="module")
def official_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("docx") / "bao-cao.docx"
    _ok("report", "--official", "-f", "docx", "-p", TRACKED, "--as-of", "2017-12-31", "-o", target)
    return target


def _section_titles(document: Any) -> list[Any]:
    # Section titles: "I. …", "II. …" and "1. …" paragraphs in bold.
    return [
        p
        for p in document.paragraphs
        if re.match(r"^(?:[IVX]+|\d+)\. ", p.text) and p.runs and all(r.bold for r in p.runs)
    ]


def test_docx_section_titles_use_heading_styles(official_docx: Path) -> None:
    document = docx.Document(str(official_docx))
    titles = _section_titles(document)
    assert len(titles) >= 3
    for paragraph in titles:
        assert paragraph.style.name.startswith("Heading"), paragraph.text
    assert {p.style.name for p in titles if re.match(r"^[IVX]+\. ", p.text)} == {"Heading 1"}
    # Nothing else claims to be a heading: the navigation pane lists sections only.
    title_elements = {id(p._p) for p in titles}
    others = [p for p in document.paragraphs if id(p._p) not in title_elements]
    assert not [
        p.text for p in others if p.style is not None and p.style.name.startswith("Heading")
    ]


def test_docx_heading_styles_keep_the_decree_look(official_docx: Path) -> None:
    document = docx.Document(str(official_docx))
    for name in ("Heading 1", "Heading 2"):
        style = document.styles[name]
        assert style.font.name == "Times New Roman"
        assert 13 <= style.font.size.pt <= 14
        assert style.font.bold and not style.font.italic
        rpr = style.element.rPr
        color = rpr.find(qn("w:color"))
        assert color is not None and color.get(qn("w:val")) == "000000"
        assert color.get(qn("w:themeColor")) is None
        fonts = rpr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:asciiTheme")) is None and fonts.get(qn("w:hAnsiTheme")) is None
        assert style.paragraph_format.keep_with_next


def _pdf_pages(pdf: Path, out: Path) -> list[Path]:
    subprocess.run(["pdftoppm", "-png", "-r", "30", str(pdf), str(out / "page")], check=True)
    return sorted(out.glob("page*.png"))


@pytest.mark.skipif(
    not (shutil.which("chromium") and shutil.which("pdftoppm")), reason="no chromium"
)
def test_html_prints_to_a4_pdf(page: str, tmp_path: Path) -> None:
    source = tmp_path / "report.html"
    source.write_text(page, encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    subprocess.run(
        [str(shutil.which("chromium")), "--headless", "--no-sandbox", "--disable-gpu",
         "--no-pdf-header-footer", f"--print-to-pdf={pdf}", source.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    if info:
        assert "595.2" in info or "595.28" in info or "(A4)" in info, info
    assert _pdf_pages(pdf, tmp_path)
