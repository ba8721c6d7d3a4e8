"""The plan as frozen records, and the file format they are read from.

Each record class is also its own schema: every field carries a ``spec`` in its
metadata (the TOML type it is written as, whether it is required, what it may
refer to, and a line of documentation). The loader checks the file against
these specs, the reference rule follows the ``ref`` targets, and
``docs/plan-format.md`` shows the same specs as tables, so the format, the
checks and the documentation cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar, Literal, NamedTuple, TypeVar, dataclass_transform

Kind = Literal[
    "id", "text", "money", "quantity", "measure", "date", "datetime", "ref", "refs", "texts",
    "flag", "values", "table", "tables"
]  # fmt: skip

#: A measured value: a whole number, or a number with at most two decimals
#: for a percentage (80.5). TOML writes the one as an integer, the other as a float.
Measure = int | float


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """How one key is written in the plan file."""

    kind: Kind
    doc: str
    required: bool
    ref: str | None = None  # the collection an id or ids must be declared in
    choices: tuple[str, ...] = ()
    example: Any = None


def spec(
    kind: Kind,
    doc: str,
    *,
    required: bool = True,
    default: Any = dataclasses.MISSING,
    ref: str | None = None,
    choices: tuple[str, ...] = (),
    example: Any = None,
) -> Any:
    """Declare a record field together with its place in the file format."""
    meta = {"spec": FieldSpec(kind, doc, required, ref, choices, example)}
    if default is dataclasses.MISSING:
        if not required:
            default = () if kind in ("refs", "texts", "values", "tables") else None
        else:
            return field(metadata=meta)
    return field(default=default, metadata=meta)


_T = TypeVar("_T")


@dataclass_transform(frozen_default=True, kw_only_default=True, field_specifiers=(field,))
def record(cls: type[_T]) -> type[_T]:
    """Make a record class: a slotted dataclass, immutable to the type checker.

    Records are never changed after they are built, and mypy (strict, in CI)
    refuses any assignment to their fields, because this decorator is
    declared frozen to it. At run time they are built as plain slotted
    dataclasses: a frozen dataclass sets each field through
    ``object.__setattr__``, which made building a record twice as slow, and
    a large plan builds hundreds of thousands (docs/performance.md). Equality
    and hashing are those of a frozen dataclass.
    """
    if not cls.__doc__:
        # Else dataclass() writes one from inspect.signature: 5 ms at start-up.
        cls.__doc__ = getattr(cls, "doc", "") or cls.__name__
    return dataclass(slots=True, kw_only=True, eq=True, unsafe_hash=True)(cls)


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def immutable(cls: type[_T]) -> type[_T]:
    """As :func:`record`, with positional arguments: for the figures
    :mod:`ggov_plan.books.derive` makes, one per activity."""
    return dataclass(slots=True, eq=True, unsafe_hash=True)(cls)


@record
class Record:
    """Where a record stands in its file; every record has this."""

    line: int = field(default=0, compare=False, metadata={"internal": True})
    column: int = field(default=0, compare=False, metadata={"internal": True})
    path: str = field(default="", compare=False, metadata={"internal": True})

    key: ClassVar[str] = ""  # the TOML key the record is written under
    doc: ClassVar[str] = ""


def field_specs(cls: type[Record]) -> dict[str, FieldSpec]:
    """The documented fields of a record class, in declaration order."""
    return {f.name: f.metadata["spec"] for f in dataclasses.fields(cls) if "spec" in f.metadata}


# --------------------------------------------------------------------------- header


@record
class Signer(Record):
    key = "plan.signer"
    doc = "Who signed the document."

    name: str = spec("text", "Signer's full name.", example="Trần Thanh Đức")
    position: str = spec("text", "Signer's position.", example="Phó Chủ tịch")
    authority: str | None = spec(
        "text",
        'Signing authority line above the position, e.g. "KT. Chủ tịch" (signing for).',
        required=False,
        example="KT. Chủ tịch",
    )


@record
class Header(Record):
    key = "plan"
    doc = "The document itself: what it is, who issued it, when it runs."

    kind: str = spec("text", "Kind of document.", example="Kế hoạch")
    number: str = spec("text", "Document number (số ký hiệu).", example="228/KH-UBND")
    title: str = spec("text", "Title (trích yếu).")
    issuer: str = spec("ref", "Agency that issued the document.", ref="agency")
    place: str = spec("text", "Place name of the place-date line.", example="Tiền Giang")
    issued: dt.date = spec("date", "Date of issue.", example=dt.date(2017, 8, 18))
    start: dt.date = spec("date", "First day of the plan period.")
    end: dt.date = spec("date", "Last day of the plan period.")
    lead_agency: str = spec("ref", "Agency that leads the plan and tracks it.", ref="agency")
    reports_to: str = spec("ref", "Body that results are reported to.", ref="agency")
    closing: str | None = spec("text", "The closing paragraph, verbatim.", required=False)
    signer: Signer | None = spec("table", "The `[plan.signer]` table (below).", required=False)
    timezone: str | None = spec(
        "text",
        "IANA time zone that today and recorded_at are judged in; default Asia/Ho_Chi_Minh.",
        required=False,
        example="Asia/Ho_Chi_Minh",
    )


@record
class LegalBasis(Record):
    key = "legal_basis"
    doc = "A document cited as the plan's legal basis (căn cứ)."

    id: str = spec("id", "Stable id.", example="qd-1819-2015")
    kind: str = spec("text", "Kind of document.", example="Quyết định")
    number: str = spec("text", "Document number.", example="1819/QĐ-TTg")
    date: dt.date = spec("date", "Date of issue.")
    issuer: str = spec("ref", "Agency that issued it.", ref="agency")
    subject: str = spec("text", "What it is about, as cited.")
    implements: str | None = spec(
        "ref", "Another legal basis this one implements.", required=False, ref="legal_basis"
    )


# --------------------------------------------------------------------------- objectives


@record
class Objective(Record):
    key = "objective"
    doc = "An objective of the plan, one per bullet."

    id: str = spec("id", "Stable id.", example="muc-tieu-1")
    text: str = spec("text", "The objective, verbatim.")
    section: str | None = spec("text", "Where the document states it.", required=False, example="I")


@record
class Portal(Record):
    key = "portal"
    doc = "An online portal the plan names."

    id: str = spec("id", "Stable id.", example="motcua")
    name: str = spec("text", "Portal name.")
    url: str = spec("text", "Address, as printed.", example="http://motcua.tiengiang.gov.vn")


@record
class IndicatorPart(Record):
    key = "indicator.part"
    doc = "One line of an indicator's breakdown."

    id: str | None = spec(
        "id",
        "Stable id, to measure the part by (`--part ID=VALUE`).",
        required=False,
        example="cap-tinh",
    )
    label: str = spec("text", "What this part counts.")
    value: int = spec("quantity", "The figure, as printed.")

    @property
    def key_in_measurements(self) -> str:
        """How a measurement's ``parts`` names this part: its id, else its label."""
        return self.id or self.label


@record
class Milestone(Record):
    key = "indicator.milestone"
    doc = "A value the indicator should reach by a date on the way to its target."

    by: dt.date = spec("date", "The day it is due.", example=dt.date(2016, 12, 31))
    value: Measure = spec("measure", "The value due by then, in the indicator's unit.", example=20)


@record
class Indicator(Record):
    key = "indicator"
    doc = "A figure the plan states; its parts, if any, are a breakdown of it."

    id: str = spec("id", "Stable id.", example="dvc-muc-do-3")
    label: str = spec("text", "What is counted.")
    value: int = spec("quantity", "The figure, as printed.", example=795)
    unit: str | None = spec("text", "Unit of the figure.", required=False, example="dịch vụ")
    qualifier: str = spec(
        "text",
        'How the target reads: "exactly", "more-than" ("trên"), "at-least" ("ít nhất"), '
        '"at-most" ("tối đa") or "less-than" ("dưới").',
        required=False,
        default="exactly",
        choices=("exactly", "more-than", "at-least", "at-most", "less-than"),
    )
    by: dt.date | None = spec(
        "date", "The day the target is due; default: the end of the plan.", required=False
    )
    objective: str | None = spec(
        "ref", "Objective the figure belongs to.", required=False, ref="objective"
    )
    portal: str | None = spec("ref", "Portal the figure is about.", required=False, ref="portal")
    parts: tuple[IndicatorPart, ...] = spec(
        "tables", "The `[[indicator.part]]` tables (below).", required=False
    )
    milestones: tuple[Milestone, ...] = spec(
        "tables", "The `[[indicator.milestone]]` tables (below).", required=False
    )

    @property
    def is_percentage(self) -> bool:
        return self.unit == "%"


# --------------------------------------------------------------------------- II, III


@record
class Content(Record):
    key = "content"
    doc = "A content topic of the publicity (nội dung tuyên truyền)."

    id: str = spec("id", "Stable id.", example="dich-vu-cong")
    name: str = spec("text", "Short name, for tables.")
    text: str | None = spec("text", "The bullet, verbatim.", required=False)
    section: str | None = spec("text", "Where the document states it.", required=False)


@record
class Channel(Record):
    key = "channel"
    doc = "A channel the publicity goes through (hình thức tuyên truyền)."

    id: str = spec("id", "Stable id.", example="truyen-hinh")
    name: str = spec("text", "Name.")
    section: str | None = spec("text", "Where the document names it.", required=False)


# --------------------------------------------------------------------------- agencies, tasks


@record
class Agency(Record):
    key = "agency"
    doc = "An agency, body or group the document names."

    id: str = spec("id", "Stable ASCII id.", example="so-tttt")
    name: str = spec("text", "Full name.", example="Sở Thông tin và Truyền thông")
    short: str | None = spec("text", "Short name, for tables.", required=False)
    parent: str | None = spec("ref", "Agency it belongs to.", required=False, ref="agency")
    members: tuple[str, ...] = spec(
        "refs", "For a group named as one: its member agencies.", required=False, ref="agency"
    )
    group: bool = spec(
        "flag",
        'A class of bodies named as one ("UBND các xã, phường, thị trấn"); '
        "no members need be listed.",
        required=False,
        default=False,
    )

    @property
    def label(self) -> str:
        return self.short or self.name


@record
class Task(Record):
    key = "task"
    doc = "A task assigned in the organisation section, one per bullet."

    id: str = spec("id", "Stable id.", example="v1-truong-hoc")
    agency: str = spec("ref", "Lead agency.", ref="agency")
    text: str = spec("text", "The bullet, verbatim.")
    section: str | None = spec("text", "Where the document assigns it.", required=False)
    partners: tuple[str, ...] = spec(
        "refs", "Agencies it is done with.", required=False, ref="agency"
    )
    directs: tuple[str, ...] = spec(
        "refs", "Agencies the lead directs to do it.", required=False, ref="agency"
    )
    audience: tuple[str, ...] = spec(
        "refs", "Agencies it is done for.", required=False, ref="agency"
    )
    channels: tuple[str, ...] = spec("refs", "Channels it uses.", required=False, ref="channel")
    contents: tuple[str, ...] = spec(
        "refs", "Content topics it carries.", required=False, ref="content"
    )


# --------------------------------------------------------------------------- budget


@record
class FundingSource(Record):
    key = "budget.source"
    doc = "A funding source and its amount."

    id: str = spec("id", "Stable id.", example="ngan-sach-tinh")
    name: str = spec("text", "Name.", example="Ngân sách tỉnh")
    amount: int | None = spec(
        "money",
        'Amount in đồng; leave it out when the plan states none ("trong dự toán được giao").',
        required=False,
        example=163_000_000,
    )


@record
class Budget(Record):
    key = "budget"
    doc = "The budget: a total and the funding sources it is made of."

    total: int | None = spec(
        "money",
        "Total in đồng; leave it out when the plan states none, and say how it is funded "
        "in `text`.",
        required=False,
        example=213_000_000,
    )
    total_in_words: str | None = spec("text", "The total in words, as printed.", required=False)
    text: str | None = spec(
        "text",
        'The budget section, verbatim ("Kinh phí thực hiện từ nguồn ngân sách trong dự toán '
        'được giao").',
        required=False,
    )
    sources: tuple[FundingSource, ...] = spec(
        "tables", "The `[[budget.source]]` tables (below).", required=False
    )


# --------------------------------------------------------------------------- journal


@record
class Activity(Record):
    key = "activity"
    doc = "A concrete activity that carries out a task (appended by the tracker)."

    id: str = spec("id", "Stable id.", example="so-tttt-3k9x")
    task: str = spec("ref", "Task it carries out.", ref="task")
    title: str = spec("text", "What will be done.")
    agency: str | None = spec(
        "ref", "Agency doing it; default: the task's lead agency.", required=False, ref="agency"
    )
    channel: str | None = spec("ref", "Channel it uses.", required=False, ref="channel")
    contents: tuple[str, ...] = spec(
        "refs", "Content topics it carries.", required=False, ref="content"
    )
    due: dt.date | None = spec("date", "Due date.", required=False)
    target: int = spec("quantity", "Target quantity.", required=False, default=1)
    unit: str | None = spec("text", "Unit of the quantity.", required=False, example="buổi")
    cost: int = spec("money", "Planned cost in đồng.", required=False, default=0)
    source: str | None = spec(
        "ref", "Funding source of the cost.", required=False, ref="budget.source"
    )
    created: dt.date | None = spec("date", "When the record was made.", required=False)


@record
class Completion(Record):
    key = "completion"
    doc = "What was done for an activity (appended by the tracker)."

    id: str = spec("id", "Stable id.", example="so-tttt-3k9x-c1")
    activity: str = spec("ref", "Activity it completes.", ref="activity")
    date: dt.date = spec("date", "When it was done.")
    quantity: int = spec("quantity", "How much was done.", required=False, default=1)
    spent: int = spec("money", "Money spent in đồng.", required=False, default=0)
    source: str | None = spec(
        "ref",
        "Funding source of the money; default: the activity's.",
        required=False,
        ref="budget.source",
    )
    evidence: str | None = spec("text", "A URL or a document reference.", required=False)
    note: str | None = spec("text", "Free note.", required=False)
    reach: int | None = spec(
        "quantity", "How many people it reached.", required=False, example=1200
    )
    reach_unit: str | None = spec(
        "text", "Who they were, as counted.", required=False, example="học sinh, sinh viên"
    )
    recorded_by: str | None = spec("text", "Who recorded it.", required=False)
    recorded_at: dt.datetime | None = spec("datetime", "When it was recorded.", required=False)


@record
class Cancellation(Record):
    key = "cancellation"
    doc = "Cancels an activity from a date on; the activity itself stays in the file."

    id: str | None = spec(
        "id",
        "Stable id; ggov-plan writes one so that the record's lines are unique.",
        required=False,
        example="so-tttt-3k9x-cancel-7hq2",
    )
    activity: str = spec("ref", "Activity cancelled.", ref="activity")
    date: dt.date = spec("date", "From when.")
    reason: str = spec("text", "Why.")
    recorded_by: str | None = spec("text", "Who recorded it.", required=False)
    recorded_at: dt.datetime | None = spec("datetime", "When it was recorded.", required=False)


@record
class Void(Record):
    key = "void"
    doc = "Voids a completion or a measurement recorded by mistake; the record stays in the file."

    id: str | None = spec(
        "id",
        "Stable id; ggov-plan writes one so that the record's lines are unique.",
        required=False,
        example="so-tttt-3k9x-c1-void-m2kd",
    )
    completion: str | None = spec(
        "ref",
        "Completion voided (or `measurement`, or `cancellation`).",
        required=False,
        ref="completion",
    )
    measurement: str | None = spec(
        "ref",
        "Measurement voided (or `completion`, or `cancellation`).",
        required=False,
        ref="measurement",
    )
    cancellation: str | None = spec(
        "ref",
        "Cancellation voided: the activity is open again (`activity reopen`).",
        required=False,
        ref="cancellation",
    )
    reason: str = spec("text", "Why.")
    recorded_by: str | None = spec("text", "Who recorded it.", required=False)
    recorded_at: dt.datetime | None = spec("datetime", "When it was recorded.", required=False)


@record
class Amendment(Record):
    key = "amendment"
    doc = (
        "Corrects an activity's declared values from a day on (appended by `activity edit`); "
        "the activity keeps its first values in the file, and this is the audit trail."
    )

    id: str = spec("id", "Stable id.", example="so-tttt-tv01-edit-4k2x")
    activity: str = spec("ref", "Activity corrected.", ref="activity")
    date: dt.date = spec("date", "From when the new values hold.")
    reason: str = spec("text", "Why.")
    title: str | None = spec("text", "New title.", required=False)
    agency: str | None = spec("ref", "New agency.", required=False, ref="agency")
    due: dt.date | None = spec("date", "New due date.", required=False)
    target: int | None = spec("quantity", "New target quantity.", required=False)
    unit: str | None = spec("text", "New unit.", required=False)
    cost: int | None = spec("money", "New planned cost in đồng.", required=False)
    source: str | None = spec("ref", "New funding source.", required=False, ref="budget.source")
    recorded_by: str | None = spec("text", "Who recorded it.", required=False)
    recorded_at: dt.datetime | None = spec("datetime", "When it was recorded.", required=False)

    #: The activity's fields an amendment may change, in the order they are shown.
    FIELDS: ClassVar[tuple[str, ...]] = (
        "title", "agency", "due", "target", "unit", "cost", "source"
    )  # fmt: skip

    def changes(self) -> dict[str, Any]:
        """The values it sets: every field it names."""
        return {
            name: getattr(self, name) for name in self.FIELDS if getattr(self, name) is not None
        }


@record
class Measurement(Record):
    key = "measurement"
    doc = "The value an indicator reached on a day (appended by `ggov-plan measure`)."

    id: str = spec("id", "Stable id.", example="so-tttt-m-4k2x")
    indicator: str = spec("ref", "Indicator measured.", ref="indicator")
    date: dt.date = spec("date", "The day the value was true.")
    value: Measure = spec(
        "measure", "The value: a whole number, or at most two decimals for a %.", example=795
    )
    #: Written as an inline table; held as (part, value) pairs in file order.
    parts: tuple[tuple[str, Measure], ...] = spec(
        "values",
        "The parts' values, by part id (or label when the part has none).",
        required=False,
        example={"cap-tinh": 318, "cap-huyen-xa": 477},
    )
    evidence: str | None = spec("text", "Where the value comes from.", required=False)
    note: str | None = spec("text", "Free note.", required=False)
    recorded_by: str | None = spec("text", "Who recorded it.", required=False)
    recorded_at: dt.datetime | None = spec("datetime", "When it was recorded.", required=False)


NOTE_KINDS = ("ket-qua", "kho-khan", "de-xuat")


@record
class Note(Record):
    key = "note"
    doc = "A result, difficulty or proposal for the report (appended by `ggov-plan note`)."

    id: str = spec("id", "Stable id.", example="so-tttt-n-7h2k")
    kind: str = spec(
        "text",
        'What it is: "ket-qua" (a result), "kho-khan" (a difficulty) or "de-xuat" (a proposal).',
        choices=NOTE_KINDS,
    )
    date: dt.date = spec("date", "The day it concerns.")
    text: str = spec("text", "The note, as the report should say it.")
    recorded_by: str | None = spec("text", "Who recorded it.", required=False)
    recorded_at: dt.datetime | None = spec("datetime", "When it was recorded.", required=False)


@record
class ReportSettings(Record):
    key = "report"
    doc = "How the official report (báo cáo) is numbered, signed and sent."

    code: str | None = spec(
        "text", 'The report number\'s code: "Số: …/BC-STTTT".', required=False, example="BC-STTTT"
    )
    agency: str | None = spec(
        "ref",
        "The reporting agency; default: the plan's lead agency.",
        required=False,
        ref="agency",
    )
    superior: str | None = spec(
        "ref",
        "The agency above it, printed over its name (cơ quan chủ quản).",
        required=False,
        ref="agency",
    )
    signer_authority: str | None = spec(
        "text", 'The authority line, e.g. "KT. GIÁM ĐỐC".', required=False
    )
    signer_position: str | None = spec(
        "text", 'The signer\'s position, e.g. "PHÓ GIÁM ĐỐC".', required=False
    )
    signer_name: str | None = spec("text", "The signer's full name.", required=False)
    recipients: tuple[str, ...] = spec(
        "texts",
        "Nơi nhận, one line each.",
        required=False,
        example=("UBND tỉnh (b/c)", "Lưu: VT"),
    )


@record
class Acceptance(Record):
    key = "check.accept"
    doc = "A known warning that the plan's keepers accept: `check` lists it as accepted."

    code: str = spec("text", "The problem's code.", example="indicator-sum")
    where: str | None = spec(
        "text",
        "Where: a problem's `path` as `check --format json` prints it, or a record's "
        "(`indicator[1]`) for all of its problems; default: anywhere.",
        required=False,
        example="indicator[1]",
    )
    reason: str = spec("text", "Why it is accepted.", example="the document prints these figures")


@record
class CheckSettings(Record):
    key = "check"
    doc = "How `ggov-plan check` treats this plan."

    accepts: tuple[Acceptance, ...] = spec(
        "tables", "The `[[check.accept]]` tables (below).", required=False
    )


# --------------------------------------------------------------------------- the plan

#: Top-level arrays of tables, in file order: (TOML key, record class, Plan attribute).
COLLECTIONS: tuple[tuple[str, type[Record], str], ...] = (
    ("legal_basis", LegalBasis, "legal_bases"),
    ("objective", Objective, "objectives"),
    ("portal", Portal, "portals"),
    ("indicator", Indicator, "indicators"),
    ("content", Content, "contents"),
    ("channel", Channel, "channels"),
    ("agency", Agency, "agencies"),
    ("task", Task, "tasks"),
    ("activity", Activity, "activities"),
    ("completion", Completion, "completions"),
    ("cancellation", Cancellation, "cancellations"),
    ("void", Void, "voids"),
    ("measurement", Measurement, "measurements"),
    ("note", Note, "notes"),
    ("amendment", Amendment, "amendments"),
)


#: The collections ggov-plan appends to: the journal below the declaration
#: (docs/collaboration.md). A plan may also declare such records by hand.
JOURNAL_KEYS: frozenset[str] = frozenset(
    ("activity", "completion", "cancellation", "void", "measurement", "note", "amendment")
)


class Child(NamedTuple):
    """A sub-table of a record: its key under the parent, its class, its attribute."""

    key: str
    cls: type[Record]
    attribute: str


#: Each record class's sub-tables, in the order the parent declares them.
CHILDREN: Mapping[type[Record], tuple[Child, ...]] = {
    Header: (Child("signer", Signer, "signer"),),
    Indicator: (
        Child("part", IndicatorPart, "parts"),
        Child("milestone", Milestone, "milestones"),
    ),
    Budget: (Child("source", FundingSource, "sources"),),
    CheckSettings: (Child("accept", Acceptance, "accepts"),),
}

#: Tables written once at the top of the file ([plan], [budget], [report]):
#: (TOML key, record class, Plan attribute, required).
SINGLES: tuple[tuple[str, type[Record], str, bool], ...] = (
    ("plan", Header, "header", True),
    ("budget", Budget, "budget", True),
    ("report", ReportSettings, "report", False),
    ("check", CheckSettings, "check", False),
)


def child_of(cls: type[Record], attribute: str) -> Child:
    """The sub-table that ``cls`` holds under ``attribute``."""
    return next(child for child in CHILDREN[cls] if child.attribute == attribute)


FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class Plan:
    """A whole plan file. ``header`` or ``budget`` is None only in a broken file."""

    file: str
    format: int
    header: Header | None
    budget: Budget | None
    legal_bases: tuple[LegalBasis, ...] = ()
    objectives: tuple[Objective, ...] = ()
    portals: tuple[Portal, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    contents: tuple[Content, ...] = ()
    channels: tuple[Channel, ...] = ()
    agencies: tuple[Agency, ...] = ()
    tasks: tuple[Task, ...] = ()
    activities: tuple[Activity, ...] = ()
    completions: tuple[Completion, ...] = ()
    cancellations: tuple[Cancellation, ...] = ()
    voids: tuple[Void, ...] = ()
    measurements: tuple[Measurement, ...] = ()
    notes: tuple[Note, ...] = ()
    amendments: tuple[Amendment, ...] = ()
    report: ReportSettings | None = None
    check: CheckSettings | None = None
    #: Every id written in the file per collection key, including those of
    #: records dropped for structural problems, so that one broken record does
    #: not also make every reference to it look dangling.
    declared_ids: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def by_id(self, attribute: str) -> dict[str, Any]:
        """Index one collection (``"agencies"``, ``"tasks"``…) by id."""
        return {r.id: r for r in getattr(self, attribute)}

    @property
    def sources(self) -> tuple[FundingSource, ...]:
        return self.budget.sources if self.budget else ()


class Status(StrEnum):
    """The state of an activity on a day, worked out by :mod:`ggov_plan.books.derive`."""

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    OVERDUE = "overdue"
    CANCELLED = "cancelled"


def record_fields(record: Record) -> dict[str, Any]:
    """A record's documented fields as a plain dict (children included as dicts)."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(record):
        if "spec" not in f.metadata:
            continue
        value = getattr(record, f.name)
        if isinstance(value, Record):
            value = record_fields(value)
        elif isinstance(value, tuple) and value and isinstance(value[0], Record):
            value = [record_fields(v) for v in value]
        elif isinstance(value, tuple):
            value = list(value)
        out[f.name] = value
    return out
