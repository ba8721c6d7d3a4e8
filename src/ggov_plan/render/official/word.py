"""The official report as a Word file, laid out after Nghị định 30/2020/NĐ-CP, Phụ lục I.

A4 paper with margins inside the decree's ranges, Times New Roman everywhere
(named for every script, so Vietnamese never falls back to another font), the
sizes and styles the appendix gives for each part, the two-column header and
the signature block as tables without borders, and page numbers from page 2
on. docs/official-report.md lists each rule and its source.

python-docx is imported here, inside :func:`render`, so that commands other
than ``report --official --format docx`` never pay for loading it. The bytes
are reproducible: the core properties carry the as-of date, not the clock,
and the zip is rewritten with fixed timestamps.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import unicodedata
import zipfile
from typing import TYPE_CHECKING, Any

from ggov_plan.render.official.document import Block, Official, Table
from ggov_plan.text import visible_controls

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph

FONT = "Times New Roman"

# The page (Phụ lục I, I.1 and I.3): A4; margins top and bottom 20–25 mm,
# left 30–35 mm, right 15–20 mm.
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]  # 165
# The header's columns, without cell margins: the motto needs about 88 mm at
# 12 pt; a long agency name wraps, as Phụ lục I, II.2.b allows.
HEAD_COLUMNS_MM = (72, TEXT_WIDTH_MM - 72)
SIGN_COLUMNS_MM = (80, TEXT_WIDTH_MM - 80)

# Sizes in points, as the appendix's own example column (Phụ lục I, V) gives them.
SIZE_NATION = 12  # Quốc hiệu: 12–13, in hoa, đứng, đậm
SIZE_MOTTO = 13  # Tiêu ngữ: 13–14, in thường, đứng, đậm
SIZE_AGENCY = 12  # Tên cơ quan (and its parent): 12–13, in hoa
SIZE_NUMBER = 13  # Số, ký hiệu: 13
SIZE_PLACE_DATE = 13  # Địa danh, ngày tháng: 13–14, nghiêng
SIZE_TITLE = 14  # Tên loại, trích yếu: 13–14, đứng, đậm
SIZE_BODY = 14  # Nội dung: 13–14
SIZE_TABLE = 13  # tables in the body: still 13–14
SIZE_SIGNATURE = 14  # Quyền hạn, chức vụ, họ tên người ký: 13–14, đậm
SIZE_RECIPIENTS_HEADING = 12  # "Nơi nhận:": 12, nghiêng, đậm
SIZE_RECIPIENTS = 11  # the recipients: 11, đứng
SIZE_PAGE_NUMBER = 13  # Số trang: 13–14, từ trang 2

FIRST_LINE_INDENT_CM = 1.27  # "lùi vào 1 cm hoặc 1,27 cm"
PARAGRAPH_AFTER_PT = 6  # "khoảng cách giữa các đoạn văn tối thiểu là 6pt"
LINE_SPACING = 1.15  # "tối thiểu là dòng đơn, tối đa là 1,5 lines"

# Advance widths of Times bold, per 1000 em (the standard Times-Bold metrics,
# which Times New Roman follows closely), to draw rules as long as a line of text.
_BOLD_WIDTHS = dict(
    zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz -",
        (
            722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611,
            778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 500, 556, 444, 556, 444, 333,
            500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500,
            722, 500, 500, 444, 250, 333,
        ),
        strict=True,
    )
)  # fmt: skip


def text_width_pt(text: str, size: float) -> float:
    """The width of ``text`` in bold Times at ``size`` points, diacritics ignored."""
    total = 0
    for char in text:
        base = unicodedata.normalize("NFD", char.replace("Đ", "D").replace("đ", "d"))[:1]
        total += _BOLD_WIDTHS.get(base, 556)
    return total * size / 1000


def balanced_lines(text: str, size: float, column_mm: float) -> tuple[str, ...]:
    """``text`` as one line if it fits the column, else two lines of about equal width.

    A long agency name wraps (Phụ lục I, II.2.b allows it); broken in the
    middle, "ỦY BAN NHÂN DÂN / TỈNH TIỀN GIANG" reads better than a last word alone.
    """
    words = text.split()
    column_pt = column_mm * 72 / 25.4
    if len(words) < 2 or 1.1 * text_width_pt(text, size) <= column_pt:
        return (text,)

    def widest(k: int) -> float:
        return max(
            text_width_pt(" ".join(words[:k]), size), text_width_pt(" ".join(words[k:]), size)
        )

    k = min(range(1, len(words)), key=widest)
    return (" ".join(words[:k]), " ".join(words[k:]))


#: What XML 1.0 cannot hold beyond the controls: surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile(r"[\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    """Text that lxml takes: every character XML 1.0 forbids shown as text.

    Control characters are shown as ``\\x1b``, as the other reports do;
    surrogates, U+FFFE and U+FFFF (valid in a TOML string, refused by lxml)
    as ``\\ufffe``.
    """
    text = visible_controls(text)
    if _NOT_XML.search(text):
        text = _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text


class _Writer:
    """The python-docx calls, kept in one place."""

    def __init__(self) -> None:
        import docx
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Cm, Mm, Pt, Twips

        self.Cm, self.Mm, self.Pt, self.Twips = Cm, Mm, Pt, Twips
        self.qn, self.element = qn, OxmlElement
        self.align = WD_ALIGN_PARAGRAPH
        self.table_align = WD_TABLE_ALIGNMENT
        self.tab_align, self.tab_leader = WD_TAB_ALIGNMENT, WD_TAB_LEADER
        self.document: DocumentObject = docx.Document()

    # ---------------------------------------------------------------- fonts and styles

    def fonts(self, rpr: Any) -> None:
        """Times New Roman for every script: ascii, hAnsi, eastAsia and cs, no theme fonts."""
        qn = self.qn
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = self.element("w:rFonts")
            rpr.insert(0, fonts)
        for name in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(name), None)
        for name in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(name), FONT)

    def defaults(self) -> None:
        """The document's defaults and Normal style: Times New Roman 14, Vietnamese."""
        qn = self.qn
        styles = self.document.styles
        defaults = styles.element.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        self.fonts(rpr)
        for tag in ("w:sz", "w:szCs"):
            rpr.find(qn(tag)).set(qn("w:val"), str(2 * SIZE_BODY))
        lang = rpr.find(qn("w:lang"))
        lang.set(qn("w:val"), "vi-VN")
        spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), "240")
        normal = styles["Normal"]
        normal.font.name = FONT
        normal.font.size = self.Pt(SIZE_BODY)
        self.fonts(normal.element.get_or_add_rPr())

    def headings(self) -> None:
        """ "Heading 1" and "Heading 2" restyled to the decree's look.

        Section titles are written in these styles so that Word's navigation
        pane and a table of contents find them; the template's blue theme
        colour and theme fonts are removed, so a heading still looks like the
        body's bold Times New Roman 14 in black.
        """
        qn = self.qn
        for name in ("Heading 1", "Heading 2"):
            style = self.document.styles[name]
            style.font.name = FONT
            style.font.size = self.Pt(SIZE_BODY)
            style.font.bold = True
            style.font.italic = False
            rpr = style.element.get_or_add_rPr()
            self.fonts(rpr)
            color = rpr.find(qn("w:color"))
            if color is None:
                color = self.element("w:color")
                rpr.append(color)
            for attribute in ("w:themeColor", "w:themeShade", "w:themeTint"):
                color.attrib.pop(qn(attribute), None)
            color.set(qn("w:val"), "000000")
            fmt = style.paragraph_format
            fmt.keep_with_next = True
            fmt.space_before = self.Pt(0)
            fmt.space_after = self.Pt(PARAGRAPH_AFTER_PT)

    def page(self) -> None:
        section = self.document.sections[0]
        section.page_width, section.page_height = self.Mm(PAGE_MM[0]), self.Mm(PAGE_MM[1])
        # Word stores twips (1/1440 inch): round up, so that 15 mm stays at least 15 mm.
        for side, mm in MARGINS_MM.items():
            setattr(section, f"{side}_margin", self.Twips(math.ceil(mm * 1440 / 25.4)))
        section.header_distance = self.Mm(10)
        section.footer_distance = self.Mm(10)
        # Page numbers centred in the top margin, not on the first page.
        section.different_first_page_header_footer = True
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = self.align.CENTER
        field = self.element("w:fldSimple")
        field.set(self.qn("w:instr"), "PAGE")
        paragraph._p.append(field)
        run = self.run_in(paragraph, "1", SIZE_PAGE_NUMBER)
        field.append(run._r)

    def section(self, *, landscape: bool) -> None:
        """A new section from a new page, landscape or portrait, with the same
        margins and page numbers (numbered on its first page too)."""
        from docx.enum.section import WD_ORIENT, WD_SECTION

        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        width, height = (PAGE_MM[1], PAGE_MM[0]) if landscape else PAGE_MM
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = self.Mm(width), self.Mm(height)
        section.different_first_page_header_footer = False

    # ---------------------------------------------------------------- paragraphs and runs

    def run_in(
        self,
        paragraph: Paragraph,
        text: str,
        size: float,
        *,
        bold: bool = False,
        italic: bool = False,
    ) -> Any:
        run = paragraph.add_run(_clean(text))
        run.font.size = self.Pt(size)
        run.font.name = FONT
        if bold:
            run.font.bold = True
        if italic:
            run.font.italic = True
        rpr = run._r.get_or_add_rPr()
        self.fonts(rpr)
        if bold:
            rpr.get_or_add_bCs()
        if italic:
            rpr.get_or_add_iCs()
        size_cs = self.element("w:szCs")
        size_cs.set(self.qn("w:val"), str(int(2 * size)))
        rpr.find(self.qn("w:sz")).addnext(size_cs)
        return run

    def paragraph(
        self,
        container: Any,
        text: str | tuple[str, ...] = "",
        size: float = SIZE_BODY,
        *,
        bold: bool = False,
        italic: bool = False,
        align: str = "center",
        indent: bool = False,
        before: float = 0,
        after: float = 0,
        line: float = 1.0,
        first: bool = False,
        style: str | None = None,
    ) -> Paragraph:
        """A paragraph in the document or a cell (``first``: reuse the cell's empty one).

        ``text`` as a tuple: lines, with a line break between them.
        """
        paragraph: Paragraph = container.paragraphs[0] if first else container.add_paragraph()
        if style is not None:
            paragraph.style = self.document.styles[style]
        fmt = paragraph.paragraph_format
        fmt.alignment = {
            "center": self.align.CENTER,
            "left": self.align.LEFT,
            "right": self.align.RIGHT,
            "justify": self.align.JUSTIFY,
        }[align]
        fmt.space_before = self.Pt(before)
        fmt.space_after = self.Pt(after)
        fmt.line_spacing = line
        if indent:
            fmt.first_line_indent = self.Cm(FIRST_LINE_INDENT_CM)
        lines = (text,) if isinstance(text, str) else text
        for n, piece in enumerate(lines):
            if piece:
                run = self.run_in(paragraph, piece, size, bold=bold, italic=italic)
                if n < len(lines) - 1:
                    run.add_break()
        return paragraph

    def rule(self, cell: _Cell, column_mm: float, line_pt: float, ratio: float) -> None:
        """A solid line, ``ratio`` of a text line ``line_pt`` wide, centred in the cell.

        A line of text is at most the cell's width (a longer name wraps).
        """
        qn = self.qn
        column_pt = column_mm * 72 / 25.4  # layout tables have no cell margins
        length = ratio * min(line_pt, column_pt)
        side = max((column_pt - length) / 2, 0)
        paragraph = self.paragraph(cell, size=2, before=4)
        fmt = paragraph.paragraph_format
        fmt.left_indent = self.Pt(side)
        fmt.right_indent = self.Pt(side)
        self.border_top(paragraph)
        ppr = paragraph._p.get_or_add_pPr()
        # The empty paragraph's own mark decides its height: make it tiny.
        mark = self.element("w:rPr")
        size = self.element("w:sz")
        size.set(qn("w:val"), "4")
        mark.append(size)
        ppr.append(mark)

    def border_top(self, paragraph: Paragraph) -> None:
        """A thin solid line along the top of the paragraph, between its indents."""
        qn = self.qn
        borders = self.element("w:pBdr")
        top = self.element("w:top")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1")):
            top.set(qn(key), value)
        top.set(qn("w:color"), "000000")
        borders.append(top)
        paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_PBDR)

    def fill(self, container: Any, size: float = SIZE_BODY) -> None:
        """A dotted line to the right margin, for the officer to write on."""
        paragraph = self.paragraph(
            container, align="left", after=PARAGRAPH_AFTER_PT, line=LINE_SPACING
        )
        paragraph.paragraph_format.tab_stops.add_tab_stop(
            self.Mm(TEXT_WIDTH_MM), self.tab_align.RIGHT, self.tab_leader.DOTS
        )
        self.run_in(paragraph, "\t", size)

    # ---------------------------------------------------------------- tables

    def layout_table(self, rows: int, columns_mm: tuple[int, ...]) -> Any:
        """A table without borders, for parts laid side by side."""
        table = self.document.add_table(rows=rows, cols=len(columns_mm))
        table.alignment = self.table_align.CENTER
        table.autofit = False
        qn = self.qn
        tblpr = table._tbl.tblPr
        borders = self.element("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            edge = self.element(f"w:{side}")
            edge.set(qn("w:val"), "nil")
            borders.append(edge)
        tblpr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
        margins = self.element("w:tblCellMar")
        for side in ("left", "right"):
            edge = self.element(f"w:{side}")
            edge.set(qn("w:w"), "0")
            edge.set(qn("w:type"), "dxa")
            margins.append(edge)
        tblpr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")
        self.widths(table, columns_mm)
        return table

    def widths(self, table: Any, columns_mm: tuple[float, ...]) -> None:
        """Fixed column widths (``autofit = False`` has made the layout fixed)."""
        for n, width in enumerate(columns_mm):
            table.columns[n].width = self.Mm(width)
            for cell in table.columns[n].cells:
                cell.width = self.Mm(width)

    def data_table(self, table: Table, text_width_mm: float = TEXT_WIDTH_MM) -> None:
        widths = _data_widths(table, text_width_mm)
        if widths is None:  # a column of a figure wider than a portrait page
            widths = (NAME_COLUMN_MM, *_figure_widths(table))
        grid = self.document.add_table(rows=1 + len(table.rows), cols=len(table.header))
        grid.style = self.document.styles["Table Grid"]
        grid.alignment = self.table_align.CENTER
        grid.autofit = False
        self.widths(grid, widths)
        for n, heading in enumerate(table.header):
            self.paragraph(grid.rows[0].cells[n], heading, SIZE_TABLE, bold=True, first=True)
        header_row = grid.rows[0]._tr.get_or_add_trPr()
        header_row.append(self.element("w:tblHeader"))
        for n in range(len(table.header)):
            grid.rows[0].cells[n].paragraphs[0].paragraph_format.keep_with_next = True
        for r, row in enumerate(table.rows, start=1):
            bold = table.total and r == len(table.rows)
            for n, value in enumerate(row):
                paragraph = self.paragraph(
                    grid.rows[r].cells[n],
                    value,
                    SIZE_TABLE,
                    bold=bold,
                    align="right" if n in table.numeric else "left",
                    first=True,
                )
                # Keep a table on one page where it fits (a longer one still breaks).
                paragraph.paragraph_format.keep_with_next = r < len(table.rows)
        self.paragraph(self.document, size=6, after=PARAGRAPH_AFTER_PT)


#: What may follow w:pBdr in a w:pPr (the schema's order).
_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


#: The names column is never narrower than this (a few words a line).
NAME_COLUMN_MM = 25.0
#: A figure column is never narrower than this.
FIGURE_COLUMN_MM = 18.0
#: The text width of a landscape page, the same margins kept (Phụ lục I, I.3).
LANDSCAPE_TEXT_WIDTH_MM = PAGE_MM[1] - MARGINS_MM["left"] - MARGINS_MM["right"]  # 252


def _figure_widths(table: Table) -> list[float]:
    """Each figure column as wide as its widest figure or heading word, at SIZE_TABLE."""
    margins_mm = 2 * 1.9 + 1  # the cells' default margins, and some air
    widths = []
    for n in range(1, len(table.header)):
        heading = table.header[n]
        widest = max(
            *(text_width_pt(value, SIZE_TABLE) for value in (row[n] for row in table.rows)),
            *(text_width_pt(word, SIZE_TABLE) for word in heading.split()),
            text_width_pt(heading, SIZE_TABLE) / 3,  # a heading may take three lines
        )
        widths.append(max(widest * 25.4 / 72 + margins_mm, FIGURE_COLUMN_MM))
    return widths


def _data_widths(table: Table, text_width_mm: float = TEXT_WIDTH_MM) -> tuple[float, ...] | None:
    """Figure columns as wide as their figures; names get the rest, or None
    when the figures leave the names less than NAME_COLUMN_MM."""
    widths = _figure_widths(table)
    names = text_width_mm - sum(widths)
    return (names, *widths) if names >= NAME_COLUMN_MM else None


def _column_parts(table: Table) -> list[Table]:
    """A table too wide even for a landscape page, as tables of a few figure
    columns each beside the names, each fitting a portrait page: figures stay
    whole and at the decree's size, never cut or shrunk."""
    widths = _figure_widths(table)
    parts: list[list[int]] = [[]]
    used = NAME_COLUMN_MM
    for n, width in enumerate(widths, start=1):
        if parts[-1] and used + width > TEXT_WIDTH_MM:
            parts.append([])
            used = NAME_COLUMN_MM
        parts[-1].append(n)
        used += width
    return [
        Table(
            header=(table.header[0], *(table.header[n] for n in part)),
            rows=tuple((row[0], *(row[n] for n in part)) for row in table.rows),
            numeric=frozenset(k for k, n in enumerate(part, start=1) if n in table.numeric),
            total=table.total,
        )
        for part in parts
    ]


def _layout(table: Table) -> str:
    """How a table goes on the page: "portrait", "landscape" or "split"."""
    if _data_widths(table) is not None:
        return "portrait"
    if _data_widths(table, LANDSCAPE_TEXT_WIDTH_MM) is not None:
        return "landscape"
    return "split"


def _head(w: _Writer, o: Official) -> None:
    left, right = HEAD_COLUMNS_MM
    table = w.layout_table(2, HEAD_COLUMNS_MM)
    agency_cell, nation_cell = table.rows[0].cells
    first = True
    if o.parent:
        w.paragraph(
            agency_cell, balanced_lines(o.parent, SIZE_AGENCY, left), SIZE_AGENCY, first=True
        )
        first = False
    name = balanced_lines(o.agency, SIZE_AGENCY, left)
    w.paragraph(agency_cell, name, SIZE_AGENCY, bold=True, first=first)
    # The agency's rule: 1/3 to 1/2 of its line (here 0.4, at most the column).
    w.rule(agency_cell, left, max(text_width_pt(line, SIZE_AGENCY) for line in name), 0.4)
    w.paragraph(nation_cell, o.nation, SIZE_NATION, bold=True, first=True)
    w.paragraph(nation_cell, o.motto, SIZE_MOTTO, bold=True)
    # The motto's rule: as long as its line.
    w.rule(nation_cell, right, text_width_pt(o.motto, SIZE_MOTTO), 1.0)
    number_cell, date_cell = table.rows[1].cells
    w.paragraph(number_cell, o.number, SIZE_NUMBER, first=True, before=6)
    w.paragraph(date_cell, o.place_date, SIZE_PLACE_DATE, italic=True, first=True, before=6)


def _title(w: _Writer, o: Official) -> None:
    doc = w.document
    w.paragraph(doc, o.kind, SIZE_TITLE, bold=True, before=18)
    title = w.paragraph(doc, o.title, SIZE_TITLE, bold=True)
    title.paragraph_format.keep_with_next = True
    rule = w.paragraph(doc, size=2, before=8, after=6)
    # 1/3 to 1/2 of the title's line: a third of the text width, centred.
    side = TEXT_WIDTH_MM / 3
    rule.paragraph_format.left_indent = w.Mm(side)
    rule.paragraph_format.right_indent = w.Mm(side)
    w.border_top(rule)
    if o.addressee:
        w.paragraph(doc, o.addressee, SIZE_BODY, before=6, after=12)


def _leads(blocks: tuple[Block, ...], n: int) -> int:
    """Where the headings and lead-in that introduce block ``n`` start: they
    go on the table's page with it."""
    while n > 0 and (
        blocks[n - 1].kind in ("heading", "subheading")
        or (blocks[n - 1].kind == "paragraph" and blocks[n - 1].text.endswith(":"))
    ):
        n -= 1
    return n


def _body(w: _Writer, blocks: tuple[Block, ...]) -> None:
    doc = w.document
    # A table whose figures do not fit a portrait page beside the names goes
    # on landscape pages, with what introduces it: the type stays at
    # SIZE_TABLE and no figure breaks (docs/official-report.md).
    wide = {
        n
        for n, block in enumerate(blocks)
        if block.table is not None and _layout(block.table) == "landscape"
    }
    turns = {_leads(blocks, n) for n in wide}
    landscape = False
    for n, block in enumerate(blocks):
        if n in turns and not landscape:
            w.section(landscape=True)
            landscape = True
        elif landscape and n not in turns and not any(_leads(blocks, k) <= n <= k for k in wide):
            w.section(landscape=False)
            landscape = False
        if block.kind == "heading":
            p = w.paragraph(
                doc, block.text, SIZE_BODY, bold=True, align="justify", indent=True,
                before=6, after=PARAGRAPH_AFTER_PT, line=LINE_SPACING, style="Heading 1",
            )  # fmt: skip
            p.paragraph_format.keep_with_next = True
        elif block.kind == "subheading":
            p = w.paragraph(
                doc, block.text, SIZE_BODY, bold=True, align="justify", indent=True,
                after=PARAGRAPH_AFTER_PT, line=LINE_SPACING, style="Heading 2",
            )  # fmt: skip
            p.paragraph_format.keep_with_next = True
        elif block.kind == "table" and block.table is not None:
            layout = _layout(block.table)
            if layout == "split":
                for part in _column_parts(block.table):
                    w.data_table(part)
            else:
                width = LANDSCAPE_TEXT_WIDTH_MM if layout == "landscape" else TEXT_WIDTH_MM
                w.data_table(block.table, width)
        elif block.kind == "fill":
            w.fill(doc)
        else:
            p = w.paragraph(
                doc, block.text, SIZE_BODY, align="justify", indent=True,
                after=PARAGRAPH_AFTER_PT, line=LINE_SPACING,
            )  # fmt: skip
            if block.text.endswith(":"):  # a lead-in stays with what it introduces
                p.paragraph_format.keep_with_next = True
    if landscape:
        w.section(landscape=False)


def _signature(w: _Writer, o: Official) -> None:
    # The closing sentence does not leave the signature alone on a page.
    w.document.paragraphs[-1].paragraph_format.keep_with_next = True
    spacer = w.paragraph(w.document, size=SIZE_BODY)
    spacer.paragraph_format.keep_with_next = True
    table = w.layout_table(1, SIGN_COLUMNS_MM)
    row = table.rows[0]
    row._tr.get_or_add_trPr().append(w.element("w:cantSplit"))
    left, right = row.cells
    w.paragraph(
        left, "Nơi nhận:", SIZE_RECIPIENTS_HEADING, bold=True, italic=True, align="left", first=True
    )
    for line in o.recipients:
        w.paragraph(left, line, SIZE_RECIPIENTS, align="left")
    first = True
    if o.authority:
        w.paragraph(right, o.authority, SIZE_SIGNATURE, bold=True, first=True)
        first = False
    w.paragraph(right, o.signer_title, SIZE_SIGNATURE, bold=True, first=first)
    w.paragraph(right, o.signature_hint, SIZE_BODY - 1, italic=True)
    for _ in range(4):
        w.paragraph(right, size=SIZE_SIGNATURE)
    w.paragraph(right, o.signer_name, SIZE_SIGNATURE, bold=True)


def _properties(w: _Writer, o: Official, as_of: dt.date) -> None:
    when = dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=dt.UTC)
    props = w.document.core_properties
    props.title = _property(o.subject)
    props.subject = _property(o.title)
    props.author = _property(o.author)
    props.last_modified_by = "ggov-plan"
    props.comments = ""
    props.language = "vi-VN"
    props.revision = 1
    props.created = when
    props.modified = when
    if as_of.year < 1000:
        # python-docx writes the year with strftime, "1" for year 1; W3CDTF
        # needs four digits.
        stamp = f"{as_of.isoformat()}T00:00:00Z"
        for element in (props._element.created, props._element.modified):
            if element is not None:
                element.text = stamp
    # The template's thumbnail shows another document: drop it.
    package = w.document.part.package
    for key, relationship in list(package.rels.items()):
        if relationship.reltype.endswith("/metadata/thumbnail"):
            del package.rels[key]


#: python-docx refuses a core property longer than this.
PROPERTY_LIMIT = 255


def _property(text: str) -> str:
    """A core property's text, shortened with "…" to what python-docx accepts."""
    text = _clean(text)
    return text if len(text) <= PROPERTY_LIMIT else text[: PROPERTY_LIMIT - 1] + "…"


def _stable_zip(data: bytes, as_of: dt.date) -> bytes:
    """The same archive with fixed entry times, so that the bytes depend on the content only."""
    # A zip entry's date holds the years 1980 to 2107 only.
    if as_of.year > 2107:
        stamp = (2107, 12, 31, 0, 0, 0)
    else:
        stamp = (max(as_of.year, 1980), as_of.month, as_of.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def render(official: Official, as_of: dt.date) -> bytes:
    """The .docx bytes of the official report."""
    w = _Writer()
    w.defaults()
    w.headings()
    w.page()
    _head(w, official)
    _title(w, official)
    _body(w, official.body)
    _signature(w, official)
    _properties(w, official, as_of)
    buffer = io.BytesIO()
    w.document.save(buffer)
    return _stable_zip(buffer.getvalue(), as_of)
