"""The official results report: a Vietnamese administrative document, ready to sign.

:func:`build` turns a :class:`~ggov_plan.books.report.Report` into an
:class:`Official`: the parts of a *Báo cáo* laid out as Nghị định
30/2020/NĐ-CP (Phụ lục I, thể thức và kỹ thuật trình bày văn bản hành chính;
Phụ lục III, Mẫu 1.4, văn bản có tên loại) places them. Every figure and name
comes from the plan: the issuing body is the plan's lead agency under its
parent, the title cites the plan by its kind, number, date and issuer, and the
place is the plan's own. What the plan cannot know (the document's number,
its date, the signer's name) is left as dots for the officer to fill in, so
the same plan and as-of date always give the same document.

:func:`render_md` and :func:`render_html` write it here, with every piece of
plan text escaped as in the other reports (control characters made visible by
:func:`~ggov_plan.text.visible_controls`); :mod:`ggov_plan.render.official.word`
writes the Word file. docs/official-report.md says which rules are applied.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from html import escape
from typing import Literal

from ggov_plan.books.derive import ProgressRow, Status
from ggov_plan.books.report import Report
from ggov_plan.i18n import numbers
from ggov_plan.i18n.money import amount_in_words, group_digits
from ggov_plan.plan.model import Agency, Header
from ggov_plan.render.report.markdown import cell
from ggov_plan.render.report.tables import done_text
from ggov_plan.text import fold, visible_controls

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
KIND = "BÁO CÁO"
KIND_ABBREVIATION = "BC"  # Nghị định 30/2020/NĐ-CP, Phụ lục III, bảng chữ viết tắt
DOTS = "……"
FILL_LINE = "…" * 40
SIGNATURE_HINT = "(Ký, ghi rõ họ tên, đóng dấu)"
#: Phụ lục III's own placeholder, for an agency whose head's title is not known here.
TITLE_PLACEHOLDER = "QUYỀN HẠN, CHỨC VỤ CỦA NGƯỜI KÝ"

#: The head of an agency, from the first words of its name (folded).
_HEADS = (
    ("tong cuc ", "TỔNG CỤC TRƯỞNG"),
    ("chi cuc ", "CHI CỤC TRƯỞNG"),
    ("cuc ", "CỤC TRƯỞNG"),
    ("bo ", "BỘ TRƯỞNG"),
    ("vu ", "VỤ TRƯỞNG"),
    ("so ", "GIÁM ĐỐC"),
    ("trung tam ", "GIÁM ĐỐC"),
    ("dai ", "GIÁM ĐỐC"),
    ("ban ", "TRƯỞNG BAN"),
    ("phong ", "TRƯỞNG PHÒNG"),
)
_STATES = {
    Status.DONE: "hoàn thành",
    Status.IN_PROGRESS: "đang thực hiện",
    Status.PLANNED: "chưa triển khai",
    Status.OVERDUE: "chậm tiến độ",
    Status.CANCELLED: "đã hủy",
}

BlockKind = Literal["heading", "subheading", "paragraph", "item", "fill", "table"]


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int]
    #: The last row is a total (bold).
    total: bool = False


@dataclass(frozen=True, slots=True)
class Block:
    """One piece of the body: a heading, a paragraph, a "- " item, a line to fill, a table."""

    kind: BlockKind
    text: str = ""
    table: Table | None = None


@dataclass(frozen=True, slots=True)
class Official:
    """The parts of the document, as plain (unescaped) text, in reading order."""

    parent: str | None  # tên cơ quan chủ quản trực tiếp, upper case
    agency: str  # tên cơ quan ban hành, upper case
    number: str  # "Số: ……/BC-STTTT"
    place_date: str  # "Tiền Giang, ngày …… tháng …… năm ……"
    kind: str  # "BÁO CÁO"
    title: str  # trích yếu
    addressee: str | None  # "Kính gửi: …"
    body: tuple[Block, ...]
    recipients: tuple[str, ...]  # the lines under "Nơi nhận:"
    authority: str | None  # "TM. …" line above the title, if any
    signer_title: str
    signature_hint: str = SIGNATURE_HINT
    signer_name: str = "…" * 14
    #: For the file's metadata: the document's name and who wrote it.
    subject: str = ""
    author: str = ""
    nation: str = NATION
    motto: str = MOTTO


# --------------------------------------------------------------------------- words and figures


def vi_date(day: dt.date) -> str:
    """A date as documents cite it: 18/8/2017, 05/3/2020, 01/02/2021.

    Nghị định 30/2020/NĐ-CP (Phụ lục I, II.4.b): a day below 10 and the months
    1 and 2 take a leading zero; other months do not.
    """
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


def vnd(amount: int) -> str:
    """``213.000.000 đồng (Hai trăm mười ba triệu đồng)``."""
    return f"{group_digits(amount, '.')} đồng ({amount_in_words(amount)})"


#: What the report says for an amount the plan does not state.
NOT_STATED = "không nêu số tiền"


def _digits(amount: int | None) -> str:
    """An amount in a table cell; "-" for one the plan does not state, never 0."""
    return group_digits(amount, ".") if amount is not None else "-"


def percent(ratio: float) -> str:
    # The document is Vietnamese whatever --lang says: a decimal comma.
    return numbers.percent(ratio, lang="vi")


def lower_first(text: str) -> str:
    """``Tuyên truyền …`` → ``tuyên truyền …``; an acronym or a one-letter word stays."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        return text[0].lower() + text[1:]
    return text


def abbreviation(agency: Agency, header: Header) -> str:
    """The agency's part of the number's symbol (ký hiệu): STTTT, CBC, UBND.

    The plan's issuer takes the abbreviation the plan's own number uses
    (228/KH-UBND → UBND); another agency, the initials of its name without
    "và" (Sở Thông tin và Truyền thông → STTTT). Diacritics are dropped, Đ is kept.
    """
    if agency.id == header.issuer and "-" in header.number:
        own = header.number.rsplit("-", 1)[1].strip()
        if own:
            return own
    letters = []
    for word in agency.name.split():
        if fold(word) == "va" or not word[0].isalpha():
            continue
        letter = word[0].upper()
        if letter != "Đ":
            letter = unicodedata.normalize("NFD", letter)[0]
        letters.append(letter)
    return "".join(letters)


def head_title(agency: Agency) -> tuple[str | None, str]:
    """The signing authority line (or None) and the title of the agency's head."""
    name = fold(agency.name) + " "
    if name.startswith("uy ban nhan dan "):
        return "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"
    for prefix, title in _HEADS:
        if name.startswith(prefix):
            return None, title
    return None, TITLE_PLACEHOLDER


def _label(report: Report, kind: str, key: str) -> str:
    return report.label(kind, key) if key else "Chưa xác định"


def _quantity(done: int, target: int, unit: str | None) -> str:
    return f"{done}/{target}" + (f" {unit}" if unit else "")


def _progress_table(report: Report, kind: str, heading: str, rows: list[ProgressRow]) -> Table:
    return Table(
        header=(
            heading,
            "Số hoạt động",
            "Hoàn thành",
            "Khối lượng (thực hiện / kế hoạch)",
            "Tỷ lệ",
        ),
        rows=tuple(
            (
                _label(report, kind, row.key),
                str(row.activities),
                str(row.done_activities),
                done_text(row.quantities),
                percent(row.progress),
            )
            for row in rows
        ),
        numeric=frozenset({1, 2, 3, 4}),
    )


def _listing(lines: list[str]) -> list[Block]:
    """ "- " items, each ending with ";" and the last with "."."""
    return [
        Block("item", f"- {line}{'.' if n == len(lines) - 1 else ';'}")
        for n, line in enumerate(lines)
    ]


# --------------------------------------------------------------------------- the document


def _results(report: Report, plan_ref: str) -> list[Block]:
    figures = report.overview
    as_of = vi_date(report.as_of)
    out = [Block("heading", "I. KẾT QUẢ THỰC HIỆN")]
    activities = figures.activities
    if activities:
        counts = figures.counts
        states = ", ".join(
            f"{counts[s]} {_STATES[s]}"
            for s in (Status.DONE, Status.IN_PROGRESS, Status.PLANNED, Status.OVERDUE)
        )
        cancelled = counts[Status.CANCELLED]
        out.append(
            Block(
                "paragraph",
                f"Tính đến ngày {as_of}, {len(activities)} hoạt động đã được đăng ký để thực "
                f"hiện {plan_ref}, trong đó: {states}"
                + (f"; {cancelled} hoạt động đã hủy" if cancelled else "")
                + f". Tiến độ chung đạt {percent(figures.progress)} (khối lượng đã thực hiện "
                f"{done_text(figures.quantities)}).",
            )
        )
    else:
        out.append(
            Block("paragraph", f"Tính đến ngày {as_of}, chưa có hoạt động nào được ghi nhận.")
        )
    number = 0
    for kind, heading, column in (
        ("content", "Kết quả theo nội dung tuyên truyền", "Nội dung tuyên truyền"),
        ("channel", "Kết quả theo hình thức tuyên truyền", "Hình thức tuyên truyền"),
    ):
        number += 1
        out.append(Block("subheading", f"{number}. {heading}"))
        rows = report.breakdowns[kind]
        if rows:
            out.append(Block("table", table=_progress_table(report, kind, column, rows)))
        else:
            out.append(Block("paragraph", "Chưa có hoạt động."))

    number += 1
    out.append(Block("subheading", f"{number}. Kết quả đã thực hiện và minh chứng"))
    if report.completed:
        out.append(
            Block(
                "paragraph",
                f"Từ ngày {vi_date(report.since)} đến ngày {as_of}, các kết quả sau đã được ghi "
                "nhận:",
            )
        )
        lines = []
        for done in report.completed:
            c, activity = done.completion, done.activity.activity
            line = (
                f"Ngày {vi_date(c.date)}: {activity.title} "
                f"({_label(report, 'agency', done.activity.agency)}), "
                f"thực hiện {c.quantity}" + (f" {activity.unit}" if activity.unit else "")
            )
            if c.spent:
                line += f", kinh phí {group_digits(c.spent, '.')} đồng"
            line += f"; minh chứng: {c.evidence}" if c.evidence else "; chưa có minh chứng"
            lines.append(line)
        out += _listing(lines)
    else:
        out.append(
            Block(
                "paragraph",
                f"Từ ngày {vi_date(report.since)} đến ngày {as_of}, chưa có kết quả nào được "
                "ghi nhận.",
            )
        )

    if report.overdue:
        number += 1
        out.append(Block("subheading", f"{number}. Hoạt động chậm tiến độ"))
        out += _listing(
            [
                f"{a.activity.title} ({_label(report, 'agency', a.agency)}): hạn "
                f"{vi_date(a.activity.due) if a.activity.due else '…'}, đã thực hiện "
                f"{_quantity(a.done, a.activity.target, a.activity.unit)}"
                for a in report.overdue
            ]
        )
    titles = {a.activity.id: a.activity.title for a in figures.activities}
    cancellations = [
        c
        for c in sorted(report.ledger.cancellations, key=lambda c: (c.date, c.activity))
        if c.activity in titles
    ]
    if cancellations:
        number += 1
        out.append(Block("subheading", f"{number}. Hoạt động không thực hiện"))
        out += _listing(
            [
                f"{titles[c.activity]}: hủy từ ngày {vi_date(c.date)}; lý do: {c.reason}"
                for c in cancellations
            ]
        )
    return out


def _budget(report: Report) -> list[Block]:
    budget = report.overview.budget
    as_of = vi_date(report.as_of)
    out = [Block("heading", "II. KINH PHÍ")]
    sources = list(budget.sources)
    funded = report.budget_text
    if budget.total is None:
        # An unknown amount is never written as 0 đồng: the plan's own words say
        # how it is funded ("trong dự toán được giao").
        out.append(Block("paragraph", funded or "Kế hoạch không nêu tổng kinh phí."))
    else:
        out.append(
            Block(
                "paragraph",
                f"Tổng kinh phí theo Kế hoạch: {vnd(budget.total)}"
                + (", trong đó:" if sources else "."),
            )
        )
    known = [s for s in sources if s.amount is not None]
    if budget.total is not None or known:
        out += _listing(
            [f"{s.name}: {vnd(s.amount) if s.amount is not None else NOT_STATED}" for s in sources]
        )
    out.append(
        Block("paragraph", f"Kinh phí đã bố trí cho các hoạt động: {vnd(budget.allocated)}.")
    )
    spent_sources = [s for s in sources if s.spent]
    out.append(
        Block(
            "paragraph",
            f"Kinh phí đã sử dụng tính đến ngày {as_of}: {vnd(budget.spent)}"
            + (", trong đó:" if spent_sources else "."),
        )
    )
    lines = [f"{s.name}: {vnd(s.spent)}" for s in spent_sources]
    if spent_sources and budget.unassigned_spent:
        lines.append(f"Chưa xác định nguồn: {vnd(budget.unassigned_spent)}")
    out += _listing(lines)
    if budget.remaining is not None:
        out.append(Block("paragraph", f"Kinh phí còn lại: {vnd(budget.remaining)}."))
    rows = [
        (
            _label(report, "source", row.key),
            _digits(row.declared),
            group_digits(row.allocated, "."),
            group_digits(row.spent, "."),
            _digits(row.remaining),
        )
        for row in report.sources
    ]
    rows.append(
        (
            "Tổng cộng",
            _digits(budget.total),
            group_digits(budget.allocated, "."),
            group_digits(budget.spent, "."),
            _digits(budget.remaining),
        )
    )
    out.append(Block("paragraph", "Chi tiết theo nguồn kinh phí (đơn vị tính: đồng):"))
    out.append(
        Block(
            "table",
            table=Table(
                header=("Nguồn kinh phí", "Dự toán", "Đã bố trí", "Đã sử dụng", "Còn lại"),
                rows=tuple(rows),
                numeric=frozenset({1, 2, 3, 4}),
                total=True,
            ),
        )
    )
    return out


def _difficulties(report: Report) -> list[Block]:
    out = [
        Block("heading", "III. KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ"),
        Block("subheading", "1. Khó khăn, vướng mắc"),
    ]
    notes = [
        (c.date, c.id, a.activity.title, c.note)
        for a in report.overview.activities
        for c in a.completions
        if c.note and c.note.strip()
    ]
    if notes:
        out += _listing(
            [
                f"{title} (ngày {vi_date(day)}): {note.strip()}"
                for day, _, title, note in sorted(notes)
            ]
        )
    else:
        out += [Block("fill", FILL_LINE)] * 3
    out.append(Block("subheading", "2. Đề xuất, kiến nghị"))
    out += [Block("fill", FILL_LINE)] * 3
    return out


def build(report: Report) -> Official:
    """The official report's parts, from the plan and the figures as of the report's date."""
    plan = report.plan
    header = plan.header
    assert header is not None
    agencies: dict[str, Agency] = plan.by_id("agencies")
    lead = agencies[header.lead_agency]
    parent = agencies.get(lead.parent) if lead.parent else None
    issuer = agencies.get(header.issuer)
    reports_to = agencies.get(header.reports_to)
    issuer_name = issuer.name if issuer else header.issuer

    plan_ref = f"{header.kind} số {header.number}"
    cited = f"{plan_ref} ngày {vi_date(header.issued)} của {issuer_name}"
    subject = lower_first(header.title.strip())
    about = "" if fold(subject).startswith("ve ") else "về "
    title = f"Kết quả thực hiện {cited} {about}{subject}"

    addressee = None
    recipients = []
    if reports_to is not None and reports_to.id != lead.id:
        addressee = f"Kính gửi: {reports_to.name}."
        recipients.append("- Như trên;")
    if issuer is not None and issuer.id not in (lead.id, header.reports_to):
        recipients.append(f"- {issuer.name};")
    recipients.append("- Lưu: VT, ….")

    authority, signer_title = head_title(lead)
    body: list[Block] = [
        Block(
            "paragraph",
            f"Thực hiện {cited}, {lead.name} báo cáo kết quả thực hiện từ ngày "
            f"{vi_date(report.since)} đến ngày {vi_date(report.as_of)} như sau:",
        ),
        *_results(report, plan_ref),
        *_budget(report),
        *_difficulties(report),
    ]
    closing = f"Trên đây là báo cáo kết quả thực hiện {plan_ref} của {lead.name}"
    if reports_to is not None and reports_to.id != lead.id:
        closing += f", kính báo cáo {reports_to.name} xem xét, chỉ đạo"
    body.append(Block("paragraph", closing + "./."))
    return Official(
        parent=parent.name.upper() if parent else None,
        agency=lead.name.upper(),
        number=f"Số: {DOTS}/{KIND_ABBREVIATION}-{abbreviation(lead, header)}",
        place_date=f"{header.place}, ngày {DOTS} tháng {DOTS} năm {DOTS}",
        kind=KIND,
        title=title,
        addressee=addressee,
        body=tuple(body),
        recipients=tuple(recipients),
        authority=authority,
        signer_title=signer_title,
        subject=f"Báo cáo kết quả thực hiện {plan_ref}",
        author=lead.name,
    )


# --------------------------------------------------------------------------- Markdown

_MARK_START = re.compile(r"^[#+=-]")
_NUMBER_START = re.compile(r"^(\d+)([.)])")


def _md_text(text: str) -> str:
    """A paragraph or list item's text, escaped, that cannot start a heading or a list."""
    escaped = cell(text)
    if _MARK_START.match(escaped):
        return "\\" + escaped
    return _NUMBER_START.sub(r"\1\\\2", escaped)


def _md_table(table: Table) -> list[str]:
    align = ["---:" if i in table.numeric else "---" for i in range(len(table.header))]
    lines = ["| " + " | ".join(cell(h) for h in table.header) + " |", "|" + "|".join(align) + "|"]
    for n, row in enumerate(table.rows):
        bold = table.total and n == len(table.rows) - 1
        cells = [f"**{cell(c)}**" if bold else cell(c) for c in row]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def render_md(official: Official) -> str:
    """Markdown for mail and git: the two-column parts as tables, the body as text."""
    o = official
    rule = "———"
    left = [f"**{cell(o.agency)}**", rule, cell(o.number)]
    if o.parent:
        left.insert(0, cell(o.parent))
    else:
        left.insert(0, "")
    right = [f"**{cell(o.nation)}**", f"**{cell(o.motto)}**", rule + rule + rule]
    right.append(f"*{cell(o.place_date)}*")
    out = [f"| {left[0]} | {right[0]} |", "|:---:|:---:|"]
    out += [f"| {a} | {b} |" for a, b in zip(left[1:], right[1:], strict=True)]
    out += ["", f"# {cell(o.kind)}", "", f"**{cell(o.title)}**", "", rule, ""]
    if o.addressee:
        out += [cell(o.addressee), ""]
    for block in o.body:
        if block.kind != "item" and out[-1].startswith("- "):
            out.append("")  # a list ends with a blank line
        if block.kind == "heading":
            out += [f"## {cell(block.text)}", ""]
        elif block.kind == "subheading":
            out += [f"### {cell(block.text)}", ""]
        elif block.kind == "item":
            # "- " starts a Markdown list item; the rest is plan text.
            out.append(f"- {_md_text(block.text.removeprefix('- '))}")
        elif block.kind == "table" and block.table is not None:
            out += [*_md_table(block.table), ""]
        else:
            out += [_md_text(block.text), ""]
    if out[-1] != "":
        out.append("")
    signature = [
        f"**{cell(o.signer_title)}**",
        f"*{cell(o.signature_hint)}*",
        "",
        "",
        o.signer_name,
    ]
    if o.authority:
        signature.insert(0, f"**{cell(o.authority)}**")
    recipients = [cell(r) for r in o.recipients]
    height = max(len(signature), len(recipients) + 1)
    first = signature[0]
    signature = signature[1:] + [""] * (height - len(signature))
    recipients += [""] * (height - 1 - len(recipients))
    out += [f"| ***Nơi nhận:*** | {first} |", "|:---|:---:|"]
    out += [f"| {a} | {b} |" for a, b in zip(recipients, signature, strict=True)]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- HTML

_CSS = """
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
html { background: #f0f0f0; }
body { font-family: "Times New Roman", Times, "Liberation Serif", serif; font-size: 14pt;
       color: #000; background: #fff; width: 165mm; margin: 1rem auto; padding: 20mm 15mm 20mm 30mm;
       line-height: 1.2; }
@media print { html { background: none; } body { width: auto; margin: 0; padding: 0; } }
table.layout { width: 100%; border-collapse: collapse; }
table.layout td { border: 0; padding: 0; vertical-align: top; text-align: center; }
table.layout td.left { width: 44%; text-wrap: balance; }
table.layout td.left div { text-wrap: balance; }
.caps { font-size: 12pt; }
.motto { font-size: 13pt; }
.nation { font-size: 12pt; font-weight: bold; white-space: nowrap; }
.bold { font-weight: bold; }
.ruled { display: inline-block; }
.rule { border-top: 1px solid #000; height: 0; margin: 1pt auto 0; }
.rule.third { width: 40%; }
table.layout td.number { font-size: 13pt; padding-top: 6pt; }
table.layout td.place-date { font-size: 13pt; font-style: italic; padding-top: 6pt; }
.kind { text-align: center; font-weight: bold; margin: 18pt 0 0; }
.title { text-align: center; font-weight: bold; margin: 0; }
.addressee { text-align: center; margin: 12pt 0; }
h2, h3 { font-size: 14pt; font-weight: bold; margin: 6pt 0; text-indent: 1.27cm; }
p.body { text-align: justify; text-indent: 1.27cm; margin: 0 0 6pt; }
p.fill { margin: 0 0 6pt; text-indent: 1.27cm; overflow: hidden; white-space: nowrap; }
table.data { border-collapse: collapse; width: 100%; margin: 0 0 6pt; font-size: 13pt; }
table.data th, table.data td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; }
table.data th { text-align: center; }
table.data th:first-child { width: 40%; }
table.data td.num { text-align: right; white-space: nowrap; }
table.data tr.total td { font-weight: bold; }
table.sign { margin-top: 12pt; }
table.sign td.left { width: 50%; text-align: left; font-size: 11pt; }
.recipients-heading { font-size: 12pt; font-weight: bold; font-style: italic; }
.hint { font-style: italic; font-weight: normal; }
.signature { font-weight: bold; }
.space { height: 60pt; }
""".strip()


def _e(value: object) -> str:
    return escape(visible_controls(str(value)), quote=True)


def _html_table(table: Table) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in table.header)
    rows = []
    for n, row in enumerate(table.rows):
        total = table.total and n == len(table.rows) - 1
        cells = "".join(
            f'<td class="num">{_e(c)}</td>' if i in table.numeric else f"<td>{_e(c)}</td>"
            for i, c in enumerate(row)
        )
        rows.append(f'<tr class="total">{cells}</tr>' if total else f"<tr>{cells}</tr>")
    return (
        f'<table class="data"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def render_html(official: Official) -> str:
    """One self-contained HTML page, laid out as the printed document (A4 when printed)."""
    o = official
    parent = f'<div class="caps">{_e(o.parent)}</div>' if o.parent else ""
    # Two rows, so that the number and the place-date line share a line.
    head = (
        '<table class="layout head"><tr>'
        f'<td class="left">{parent}<div class="ruled caps bold">{_e(o.agency)}'
        '<div class="rule third"></div></div></td>'
        f'<td class="right"><div class="nation">{_e(o.nation)}</div>'
        f'<div class="ruled motto bold">{_e(o.motto)}<div class="rule"></div></div></td>'
        f'</tr><tr><td class="left number">{_e(o.number)}</td>'
        f'<td class="right place-date">{_e(o.place_date)}</td>'
        "</tr></table>"
    )
    body = [
        head,
        f'<p class="kind">{_e(o.kind)}</p>',
        f'<div style="text-align:center"><div class="ruled"><p class="title">{_e(o.title)}</p>'
        '<div class="rule third"></div></div></div>',
    ]
    if o.addressee:
        body.append(f'<p class="addressee">{_e(o.addressee)}</p>')
    for block in o.body:
        if block.kind == "heading":
            body.append(f"<h2>{_e(block.text)}</h2>")
        elif block.kind == "subheading":
            body.append(f"<h3>{_e(block.text)}</h3>")
        elif block.kind == "table" and block.table is not None:
            body.append(_html_table(block.table))
        elif block.kind == "fill":
            body.append(f'<p class="fill">{_e(block.text)}</p>')
        else:
            body.append(f'<p class="body">{_e(block.text)}</p>')
    authority = f"<div>{_e(o.authority)}</div>" if o.authority else ""
    recipients = "".join(f"<div>{_e(r)}</div>" for r in o.recipients)
    body.append(
        '<table class="layout sign"><tr>'
        f'<td class="left"><div class="recipients-heading">Nơi nhận:</div>{recipients}</td>'
        f'<td class="right signature">{authority}<div>{_e(o.signer_title)}</div>'
        f'<div class="hint">{_e(o.signature_hint)}</div><div class="space"></div>'
        f"<div>{_e(o.signer_name)}</div></td>"
        "</tr></table>"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(o.subject)}</title>\n<style>\n{_CSS}\n</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
