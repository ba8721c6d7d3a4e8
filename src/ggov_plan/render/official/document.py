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
from ggov_plan.books.indicators import IndicatorFigures, IndicatorState, indicator_figures
from ggov_plan.books.ledger import Ledger
from ggov_plan.books.periods import Period, parse_period
from ggov_plan.books.report import Completed, Report
from ggov_plan.i18n import numbers
from ggov_plan.i18n.money import amount_in_words, group_digits
from ggov_plan.plan.model import Agency, Header, Indicator, Measure, Note, ReportSettings
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


#: Lower-case words that start the place in an agency's name ("… tỉnh Hậu Lộc").
_PLACE_WORDS = frozenset({"tỉnh", "thành", "huyện", "quận", "thị", "xã", "phường"})


def abbreviation(agency: Agency, header: Header) -> str:
    """The agency's part of the number's symbol (ký hiệu): STTTT, CBC, UBND.

    The plan's issuer takes the abbreviation the plan's own number uses
    (228/KH-UBND → UBND); another agency, the initials of its name without
    "và" and without the place that ends it (Sở Thông tin và Truyền thông tỉnh
    Hậu Lộc → STTTT). Diacritics are dropped, Đ is kept. A [report] code
    replaces all this.
    """
    if agency.id == header.issuer and "-" in header.number:
        own = header.number.rsplit("-", 1)[1].strip()
        if own:
            return own
    letters = []
    for n, word in enumerate(agency.name.split()):
        if n and word in _PLACE_WORDS:
            break  # "Sở Thông tin và Truyền thông tỉnh Hậu Lộc": STTTT, not STTTTTHL
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


def _agency(report: Report, key: str) -> str:
    """An agency as the document names it; a group by its own name, as one body."""
    agency = report.plan.by_id("agencies").get(key) if key else None
    if agency is not None and agency.group:
        # "UBND các huyện, thị xã, thành phố": the class of bodies, never its members.
        return str(agency.name)
    return _label(report, "agency", key)


def _quantity(done: int, target: int, unit: str | None) -> str:
    return f"{done}/{target}" + (f" {unit}" if unit else "")


def _count(amount: int, unit: str | None) -> str:
    """``20.000 tờ rơi``: a quantity with its unit, thousands grouped."""
    return group_digits(amount, ".") + (f" {unit}" if unit else "")


def _progress_table(report: Report, kind: str, heading: str, rows: list[ProgressRow]) -> Table:
    # No "quantity done / target" column: a row adds up activities counted in
    # different units (phóng sự, tờ rơi, buổi), whose sum means nothing.
    return Table(
        header=(heading, "Số hoạt động", "Hoàn thành", "Tỷ lệ"),
        rows=tuple(
            (
                _label(report, kind, row.key),
                str(row.activities),
                str(row.done_activities),
                percent(row.progress),
            )
            for row in rows
        ),
        numeric=frozenset({1, 2, 3}),
    )


#: An item that already ends with one of these gets no ";" or "." of its own.
_CLOSED = (".", ";", "!", "?", "…")


def _listing(lines: list[str]) -> list[Block]:
    """ "- " items, each ending with ";" and the last with "."; a note's own stop is kept.

    Plan and journal text is printed as written (tests/properties): an officer's
    note that ends with "." keeps it, and gets no second mark.
    """
    return [
        Block(
            "item",
            f"- {line}" + ("" if line.endswith(_CLOSED) else "." if n == len(lines) - 1 else ";"),
        )
        for n, line in enumerate(lines)
    ]


# --------------------------------------------------------------------------- the period


def known_period(start: dt.date, end: dt.date) -> Period:
    """``start``..``end`` as a year, half, quarter or month when it is one, else a span.

    So that ``--since 2017-01-01 --as-of 2017-12-31`` is reported as "năm 2017".
    """
    if start.year == end.year and start.day == 1:
        year = str(start.year)
        for form in (year, f"{year}-H1", f"{year}-H2", *(f"{year}-Q{q}" for q in range(1, 5))):
            candidate = parse_period(form)
            if (candidate.start, candidate.end) == (start, end):
                return candidate
        candidate = parse_period(f"{year}-{start.month}")
        if (candidate.start, candidate.end) == (start, end):
            return candidate
    return Period(start, end, "span")


def period_of(report: Report) -> Period:
    """The period the official report covers: ``--period`` (or ``--from/--to``),
    else ``--since`` (default: the plan's start) to ``--as-of``."""
    return report.period or known_period(report.since, report.as_of)


def period_name(period: Period) -> str:
    """ "năm 2017", "6 tháng đầu năm 2015", "từ ngày 18/8/2017 đến ngày 31/12/2017"."""
    if period.kind == "span":
        # Dates as the decree writes them (18/8/2017), not as messages do (18/08/2017).
        return f"từ ngày {vi_date(period.start)} đến ngày {vi_date(period.end)}"
    return period.name().text("vi")


def _within(period: Period) -> str:
    """The start of a sentence about the period: "Trong năm 2017", "Từ ngày … đến ngày …"."""
    name = period_name(period)
    return name[0].upper() + name[1:] if period.kind == "span" else f"Trong {name}"


# --------------------------------------------------------------------------- the plan's name


def is_decision(number: str) -> bool:
    """Whether the plan's number is a decision's (7303/QĐ-UBND): the plan was issued with it."""
    return "/qd-" in fold(number)


def plan_reference(header: Header) -> str:
    """ "Kế hoạch số 228/KH-UBND", or "Kế hoạch ban hành kèm theo Quyết định số 7303/QĐ-UBND"."""
    if is_decision(header.number):
        return f"{header.kind} ban hành kèm theo Quyết định số {header.number}"
    return f"{header.kind} số {header.number}"


#: How far into the plan's title a "về" is its own (tuyên truyền về …, truyền thông về …).
_OWN_VE_WITHIN = 5


def about(title: str) -> str:
    """The plan's subject after its citation: "về tuyên truyền cải cách hành chính …".

    The title is cited after "về", so a "về" of the title's own leading phrase
    ("Tuyên truyền về …", "Thông tin, tuyên truyền về …", "Truyền thông về …")
    is dropped: "về tuyên truyền cải cách …", never "về tuyên truyền về cải cách …".
    """
    words = lower_first(" ".join(title.split())).split(" ")
    if words and fold(words[0]) == "ve":
        return " ".join(words)
    for n, word in enumerate(words[1 : _OWN_VE_WITHIN + 1], start=1):
        if fold(word) == "ve":
            words = words[:n] + words[n + 1 :]
            break
    return "về " + " ".join(words)


def report_title(cited: str, subject: str, period: Period) -> str:
    """The trích yếu: what is reported on, for which period; no phrase said twice."""
    title = f"Kết quả thực hiện {cited} {subject}"
    name = period_name(period)
    # "… năm 2017" of a yearly plan reported for 2017: the period is already named.
    folded = fold(title)
    if folded.endswith(fold(name)):
        return title
    if period.kind == "span" or folded.endswith(f"nam {period.year}"):
        # "… năm 2017 (từ ngày 18/8/2017 đến ngày 31/12/2017)", "… năm 2023 (6 tháng
        # cuối năm 2023)": brackets, where the period would run on from the subject.
        return f"{title} ({name})"
    return f"{title} {name}"


# --------------------------------------------------------------------------- I. results


_INDICATOR_STATES = {
    IndicatorState.MET: "đạt",
    IndicatorState.MISSED: "chưa đạt",
    IndicatorState.ON_TRACK: "đúng tiến độ",
    IndicatorState.BEHIND: "chậm tiến độ",
    IndicatorState.NOT_MEASURED: "chưa có số liệu",
}
_QUALIFIERS = {
    "at-least": "từ {} trở lên",
    "more-than": "trên {}",
    "at-most": "không quá {}",
    "less-than": "dưới {}",
    "exactly": "{}",
}


def measure(value: Measure, unit: str | None) -> str:
    """``21,5%``, ``8,75%``, ``605 dịch vụ``, ``1.200``: a figure as the document writes it."""
    if isinstance(value, float) and not value.is_integer():
        number = f"{value:.2f}".rstrip("0").replace(".", ",")
    else:
        number = group_digits(int(value), ".")
    if unit == "%":
        return number + "%"
    return number + (f" {unit}" if unit else "")


def _target(indicator: Indicator, value: Measure) -> str:
    return _QUALIFIERS.get(indicator.qualifier, "{}").format(measure(value, indicator.unit))


def indicator_line(figures: IndicatorFigures, period: Period) -> str:
    """One indicator: its target, what it reached by the period's end, and how that stands."""
    indicator = figures.indicator
    line = f"{indicator.label}: chỉ tiêu {_target(indicator, indicator.value)}"
    if indicator.by is not None:
        line += f" đến ngày {vi_date(indicator.by)}"
    latest = figures.latest
    if latest is None:
        return line + f"; {_INDICATOR_STATES[IndicatorState.NOT_MEASURED]}"
    achieved = measure(latest.value, indicator.unit)
    if latest.date < period.start:
        # The latest figure is older than the period: a report for the period
        # gives no figure from outside it, so it says there is none in the period.
        return line + "; chưa có số liệu trong kỳ"
    line += f"; kết quả đạt {achieved} (số liệu ngày {vi_date(latest.date)})"
    parts = [p for p in figures.parts if p.achieved is not None]
    if parts:
        line += ", trong đó: " + ", ".join(
            f"{lower_first(p.label)} {measure(p.achieved, indicator.unit)}"  # type: ignore[arg-type]
            f" (chỉ tiêu {measure(p.target, indicator.unit)})"
            for p in parts
        )
    if figures.state in (IndicatorState.ON_TRACK, IndicatorState.BEHIND) and figures.milestone:
        milestone = figures.milestone
        line += f"; mốc đến ngày {vi_date(milestone.by)}: {_target(indicator, milestone.value)}"
    return line + f"; đánh giá: {_INDICATOR_STATES[figures.state]}"


def completion_line(report: Report, done: Completed) -> str:
    """A completion: when, what, who, how much, for how many people, money, note, evidence."""
    c, activity = done.completion, done.activity.activity
    line = (
        f"Ngày {vi_date(c.date)}: {activity.title} "
        f"({_agency(report, done.activity.agency)}), thực hiện {_count(c.quantity, activity.unit)}"
    )
    if c.reach:
        # One phrasing for every channel: "với 1.200 học sinh, sinh viên tham dự".
        line += f" với {_count(c.reach, c.reach_unit or 'người')} tham dự"
    if c.spent:
        line += f", kinh phí {group_digits(c.spent, '.')} đồng"
    if c.note and c.note.strip():
        # A completion's note tells more of the result (where, who): said with it.
        line += f" ({c.note.strip()})"
    line += f"; minh chứng: {c.evidence}" if c.evidence else "; chưa có minh chứng"
    return line


def notes_of(report: Report, kind: str, period: Period) -> list[Note]:
    """The notes of one kind dated in the period, by date (file order within a day)."""
    return sorted(
        (n for n in report.plan.notes if n.kind == kind and n.date in period),
        key=lambda n: n.date,
    )


def _results(report: Report, period: Period, plan_ref: str) -> list[Block]:
    figures = report.overview
    end = vi_date(period.end)
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
                f"Tính đến ngày {end}, {len(activities)} hoạt động đã được đăng ký để thực "
                f"hiện {plan_ref}, trong đó: {states}"
                + (f"; {cancelled} hoạt động đã hủy" if cancelled else "")
                + f". Tiến độ chung đạt {percent(figures.progress)} (khối lượng đã thực hiện "
                f"{done_text(figures.quantities, lang='vi')}).",
            )
        )
    else:
        out.append(Block("paragraph", f"Tính đến ngày {end}, chưa có hoạt động nào được ghi nhận."))
    number = 0

    def subheading(text: str) -> None:
        nonlocal number
        number += 1
        out.append(Block("subheading", f"{number}. {text}"))

    plan = report.plan
    if plan.indicators:
        subheading("Kết quả thực hiện các chỉ tiêu")
        ledger = Ledger.of(plan, period.end)
        out.append(Block("paragraph", f"Tính đến ngày {end}:"))
        out += _listing([indicator_line(f, period) for f in indicator_figures(plan, ledger)])

    results = notes_of(report, "ket-qua", period)
    if results:
        subheading("Kết quả nổi bật")
        out += _listing([n.text.strip() for n in results])

    subheading("Các hoạt động đã thực hiện trong kỳ")
    completed = [d for d in report.completed if d.completion.date in period]
    if completed:
        out.append(Block("paragraph", f"{_within(period)}, các hoạt động sau đã được thực hiện:"))
        out += _listing([completion_line(report, d) for d in completed])
    else:
        out.append(Block("paragraph", f"{_within(period)}, chưa có kết quả nào được ghi nhận."))

    for kind, column in (
        ("content", "Nội dung tuyên truyền"),
        ("channel", "Hình thức tuyên truyền"),
    ):
        subheading(f"Tiến độ theo {column.lower()} (lũy kế đến ngày {end})")
        rows = report.breakdowns[kind]
        if rows:
            out.append(Block("table", table=_progress_table(report, kind, column, rows)))
        else:
            out.append(Block("paragraph", "Chưa có hoạt động."))

    if report.overdue:
        subheading("Hoạt động chậm tiến độ")
        out += _listing(
            [
                f"{a.activity.title} ({_agency(report, a.agency)}): hạn "
                f"{vi_date(a.activity.due) if a.activity.due else '…'}, đã thực hiện "
                f"{_quantity(a.done, a.activity.target, a.activity.unit)}"
                for a in report.overdue
            ]
        )
    titles = {a.activity.id: a.activity.title for a in figures.activities}
    cancellations = [
        c
        for c in sorted(report.ledger.cancellations, key=lambda c: (c.date, c.activity))
        if c.activity in titles and c.date in period
    ]
    if cancellations:
        subheading("Hoạt động không thực hiện")
        out += _listing(
            [
                f"{titles[c.activity]}: hủy từ ngày {vi_date(c.date)}; lý do: {c.reason}"
                for c in cancellations
            ]
        )
    return out


# --------------------------------------------------------------------------- II. budget


def _budget(report: Report, period: Period) -> list[Block]:
    budget = report.overview.budget
    end = vi_date(period.end)
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
    if budget.allocated:
        out.append(
            Block("paragraph", f"Kinh phí đã bố trí cho các hoạt động: {vnd(budget.allocated)}.")
        )
    else:
        # Activities without a cost are carried out within the agencies' own budgets.
        out.append(Block("paragraph", "Các hoạt động đã đăng ký không nêu kinh phí riêng."))
    header = report.plan.header
    # The period's own spending, when the period starts after the plan and
    # something was spent at all (else the line below says it once).
    if header is not None and period.start > header.start and budget.spent:
        spent = sum(d.completion.spent for d in report.completed if d.completion.date in period)
        out.append(
            Block(
                "paragraph",
                f"Kinh phí đã sử dụng trong kỳ: {vnd(spent)}."
                if spent
                else "Trong kỳ chưa ghi nhận khoản chi nào.",
            )
        )
    spent_sources = [s for s in sources if s.spent]
    if budget.spent:
        out.append(
            Block(
                "paragraph",
                f"Kinh phí đã sử dụng tính đến ngày {end}: {vnd(budget.spent)}"
                + (", trong đó:" if spent_sources else "."),
            )
        )
        lines = [f"{s.name}: {vnd(s.spent)}" for s in spent_sources]
        if spent_sources and budget.unassigned_spent:
            lines.append(f"Chưa xác định nguồn: {vnd(budget.unassigned_spent)}")
        out += _listing(lines)
    else:
        out.append(Block("paragraph", f"Tính đến ngày {end}, chưa ghi nhận khoản chi nào."))
    remaining = budget.remaining
    if remaining is not None and remaining >= 0:
        out.append(Block("paragraph", f"Kinh phí còn lại: {vnd(remaining)}."))
    elif remaining is not None:
        out.append(
            Block(
                "paragraph",
                f"Kinh phí đã sử dụng vượt tổng kinh phí theo Kế hoạch: {vnd(-remaining)}.",
            )
        )
    if budget.total is None and not budget.allocated and not budget.spent:
        return out  # a table of dashes and zeros would say nothing more
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


# --------------------------------------------------------------------------- III, IV. notes

NONE = "Không có."


def _noted(report: Report, kind: str, heading: str, period: Period) -> list[Block]:
    """A section made of the officer's notes of one kind in the period; "Không có." if none."""
    out = [Block("heading", heading)]
    notes = notes_of(report, kind, period)
    if notes:
        out += _listing([n.text.strip() for n in notes])
    else:
        out.append(Block("paragraph", NONE))
    return out


# --------------------------------------------------------------------------- the document


@dataclass(frozen=True, slots=True)
class Signature:
    authority: str | None
    title: str
    name: str | None


def signature(settings: ReportSettings | None, agency: Agency) -> Signature:
    """Who signs: the [report] table's signer, else the head of the reporting agency."""
    authority, title = head_title(agency)
    if settings is None:
        return Signature(authority, title, None)
    if settings.signer_authority or settings.signer_position:
        # The table says how the report is signed: its lines replace the guess.
        authority = settings.signer_authority.upper() if settings.signer_authority else None
        if settings.signer_position:
            title = settings.signer_position.upper()
    return Signature(authority, title, settings.signer_name)


def recipient_lines(lines: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """ "- UBND tỉnh (b/c);" … "- Lưu: VT.": the decree's marks, whatever the plan wrote."""
    cleaned = [line.strip().removeprefix("-").strip().rstrip(".;").rstrip() for line in lines]
    cleaned = [line for line in cleaned if line]
    return tuple(
        f"- {line}{'.' if n == len(cleaned) - 1 else ';'}" for n, line in enumerate(cleaned)
    )


def build(report: Report, period: Period | None = None) -> Official:
    """The official report's parts, for ``period`` (default: :func:`period_of` the report)."""
    plan = report.plan
    header = plan.header
    assert header is not None
    period = period or period_of(report)
    settings = plan.report
    agencies: dict[str, Agency] = plan.by_id("agencies")
    agency = agencies[(settings.agency if settings else None) or header.lead_agency]
    superior_id = (settings.superior if settings else None) or agency.parent
    parent = agencies.get(superior_id) if superior_id else None
    issuer = agencies.get(header.issuer)
    reports_to = agencies.get(header.reports_to)
    issuer_name = issuer.name if issuer else header.issuer

    plan_ref = plan_reference(header)
    cited = f"{plan_ref} ngày {vi_date(header.issued)} của {issuer_name}"
    title = report_title(cited, about(header.title), period)
    name = period_name(period)

    addressee = None
    recipients: list[str] = []
    if reports_to is not None and reports_to.id != agency.id:
        addressee = f"Kính gửi: {reports_to.name}."
        recipients.append("Như trên")
    if issuer is not None and issuer.id not in (agency.id, header.reports_to):
        recipients.append(issuer.name)
    recipients.append("Lưu: VT, …")
    if settings is not None and settings.recipients:
        recipients = list(settings.recipients)

    signer = signature(settings, agency)
    body: list[Block] = [
        Block(
            "paragraph",
            f"Thực hiện {cited}, {agency.name} báo cáo kết quả thực hiện {name} như sau:",
        ),
        *_results(report, period, plan_ref),
        *_budget(report, period),
        *_noted(report, "kho-khan", "III. KHÓ KHĂN, VƯỚNG MẮC", period),
        *_noted(report, "de-xuat", "IV. ĐỀ XUẤT, KIẾN NGHỊ", period),
    ]
    # The agency first: "… Quyết định số 7303/QĐ-UBND năm 2023 của Phòng …" would
    # read as the decision's author.
    during = name if period.kind == "span" else f"trong {name}"
    closing = f"Trên đây là báo cáo của {agency.name} về kết quả thực hiện {plan_ref} {during}"
    if reports_to is not None and reports_to.id != agency.id:
        closing += f", kính báo cáo {reports_to.name} xem xét, chỉ đạo"
    body.append(Block("paragraph", closing + "./."))
    code = settings.code if settings and settings.code else None
    return Official(
        parent=parent.name.upper() if parent else None,
        agency=agency.name.upper(),
        number=f"Số: {DOTS}/" + (code or f"{KIND_ABBREVIATION}-{abbreviation(agency, header)}"),
        place_date=f"{header.place}, ngày {DOTS} tháng {DOTS} năm {DOTS}",
        kind=KIND,
        title=title,
        addressee=addressee,
        body=tuple(body),
        recipients=recipient_lines(recipients),
        authority=signer.authority,
        signer_title=signer.title,
        signer_name=signer.name or "…" * 14,
        subject=f"Báo cáo kết quả thực hiện {plan_ref} {name}",
        author=agency.name,
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
