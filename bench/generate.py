"""Write a synthetic plan of a chosen size, exactly as ggov-plan writes one.

    python bench/generate.py N OUT.toml

The plan has N activities and N completions (some activities have none,
some two or three), on top of a hand-written-style declaration with many
agencies (N/100, at least 20), two tasks per agency, 12 channels, 8 content
topics and 6 funding sources whose amounts cover every allocation, all in
Vietnamese. The activities and completions are the journal: they are
rendered by ``ggov_plan.write.journal.render_blocks``, the code `activity add` and
`record` append with, so the file is byte for byte what the tool would have
appended (every line tagged ``# <id>``), and ids come from
``ggov_plan.write.ids.new_id``, as the tool makes them. The output passes
`ggov-plan check` with today = TODAY (tests/test_bench.py checks that), so
timings are of the work a real plan needs.

Rendering 200,000 records through tomli-w value by value takes half a
minute, so while it runs the generator memoises the renderer of single
values (``journal._value``) and skips the re-normalising of text that is
already NFC (``journal._clean``); ``exact=True`` turns that off, and a test
checks that both give the same bytes. The same records feed the peers' data
(bench/peers.py) through :func:`synthetic`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import importlib
import json
import random
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: "Today" for the generated plan: completions and creations are on or before
#: it, dues run to the end of the year. The runner sets GGOV_PLAN_TODAY to it.
TODAY = dt.date(2017, 10, 31)
START = dt.date(2017, 1, 1)
END = dt.date(2017, 12, 31)
VN = dt.timezone(dt.timedelta(hours=7))


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


CONTENTS: tuple[tuple[str, str], ...] = tuple(
    (ident, _nfc(name))
    for ident, name in (
        ("chinh-quyen-dien-tu", "Xây dựng chính quyền điện tử"),
        ("dich-vu-cong", "Dịch vụ công trực tuyến"),
        ("buu-dien-cong-ich", "Tiếp nhận hồ sơ, trả kết quả qua bưu điện công ích"),
        ("thanh-pho-thong-minh", "Thành phố thông minh"),
        ("an-toan-thong-tin", "An toàn thông tin mạng"),
        ("thanh-toan-truc-tuyen", "Thanh toán trực tuyến phí, lệ phí"),
        ("mot-cua-dien-tu", "Hệ thống một cửa điện tử"),
        ("chu-ky-so", "Chữ ký số và văn bản điện tử"),
    )
)

#: (id, name, unit, typical targets)
CHANNELS: tuple[tuple[str, str, str, tuple[int, ...]], ...] = tuple(
    (ident, _nfc(name), _nfc(unit), targets)
    for ident, name, unit, targets in (
        ("phat-thanh", "Chương trình phát thanh", "chương trình", (1, 2, 4)),
        ("truyen-hinh", "Chương trình truyền hình", "phóng sự", (1, 2, 3)),
        ("chuyen-trang", "Chuyên trang, chuyên mục", "chuyên mục", (1, 2)),
        ("bao-dien-tu", "Báo điện tử", "bài viết", (2, 5, 10)),
        ("bao-in", "Báo in", "bài", (1, 3, 6)),
        ("truong-hoc", "Tuyên truyền tại các trường học", "buổi", (1, 2)),
        ("giao-ban-bao-chi", "Họp giao ban báo chí", "cuộc họp", (1, 3)),
        ("san-pham-truyen-thong", "Sản phẩm truyền thông", "sản phẩm", (1, 2)),
        ("cong-thong-tin", "Cổng, Trang thông tin điện tử", "tin", (5, 10, 20)),
        ("mang-xa-hoi", "Mạng xã hội", "bài đăng", (4, 8, 12)),
        ("hoi-nghi", "Hội nghị, tập huấn", "hội nghị", (1, 2)),
        ("to-roi", "Tờ rơi, áp phích", "tờ", (500, 1000, 2000)),
    )
)

SOURCES: tuple[tuple[str, str], ...] = tuple(
    (ident, _nfc(name))
    for ident, name in (
        ("ngan-sach-tinh", "Ngân sách tỉnh"),
        ("ngan-sach-huyen", "Ngân sách cấp huyện"),
        ("ngan-sach-trung-uong", "Ngân sách trung ương hỗ trợ"),
        ("xa-hoi-hoa", "Nguồn xã hội hóa"),
        ("tai-tro", "Nguồn tài trợ của doanh nghiệp"),
        ("nguon-khac", "Nguồn hợp pháp khác"),
    )
)
_SOURCE_WEIGHTS = (40, 20, 10, 15, 10, 5)

#: Departments of the province: (id, name, short).
_DEPARTMENTS: tuple[tuple[str, str, str], ...] = tuple(
    (ident, _nfc(name), _nfc(short))
    for ident, name, short in (
        ("so-tttt", "Sở Thông tin và Truyền thông", "Sở TT&TT"),
        ("so-noi-vu", "Sở Nội vụ", "Sở Nội vụ"),
        ("so-tu-phap", "Sở Tư pháp", "Sở Tư pháp"),
        ("so-tai-chinh", "Sở Tài chính", "Sở Tài chính"),
        ("so-ke-hoach", "Sở Kế hoạch và Đầu tư", "Sở KH&ĐT"),
        ("so-gddt", "Sở Giáo dục và Đào tạo", "Sở GD&ĐT"),
        ("so-y-te", "Sở Y tế", "Sở Y tế"),
        ("so-cong-thuong", "Sở Công Thương", "Sở Công Thương"),
        ("so-nnptnt", "Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT"),
        ("so-gtvt", "Sở Giao thông vận tải", "Sở GTVT"),
        ("so-xay-dung", "Sở Xây dựng", "Sở Xây dựng"),
        ("so-tnmt", "Sở Tài nguyên và Môi trường", "Sở TN&MT"),
        ("so-ldtbxh", "Sở Lao động - Thương binh và Xã hội", "Sở LĐ-TB&XH"),
        ("so-vhttdl", "Sở Văn hóa, Thể thao và Du lịch", "Sở VH-TT&DL"),
        ("so-khcn", "Sở Khoa học và Công nghệ", "Sở KH&CN"),
        ("thanh-tra-tinh", "Thanh tra tỉnh", "Thanh tra tỉnh"),
        ("ban-dan-toc", "Ban Dân tộc tỉnh", "Ban Dân tộc"),
        ("dai-ptth", "Đài Phát thanh và Truyền hình tỉnh", "Đài PT-TH tỉnh"),
        ("bao-ap-bac", "Báo Ấp Bắc", "Báo Ấp Bắc"),
        ("ban-tuyen-giao", "Ban Tuyên giáo Tỉnh ủy", "Ban Tuyên giáo"),
    )
)

_DISTRICTS = tuple(
    _nfc(name)
    for name in (
        "Cái Bè", "Cai Lậy", "Tân Phước", "Châu Thành", "Chợ Gạo", "Gò Công Tây",
        "Gò Công Đông", "Tân Phú Đông", "Mỹ Tho", "Gò Công", "Thị xã Cai Lậy",
    )
)  # fmt: skip
_COMMUNE_FIRST = tuple(
    _nfc(w) for w in ("Tân", "Mỹ", "Long", "Bình", "Phú", "Thạnh", "Hòa", "An", "Vĩnh", "Phước")
)
_COMMUNE_SECOND = tuple(
    _nfc(w)
    for w in (
        "Hội",
        "Lợi",
        "Đông",
        "Tây",
        "Trung",
        "Hưng",
        "Xuân",
        "Điền",
        "Khánh",
        "Thuận",
        "Quới",
    )
)
_WORKS = tuple(
    _nfc(w)
    for w in (
        "Phóng sự về",
        "Tọa đàm về",
        "Chuyên mục hỏi đáp về",
        "Tin bài về",
        "Hội nghị tuyên truyền về",
        "Cuộc thi tìm hiểu về",
        "Tập huấn cán bộ về",
        "Bản tin về",
    )
)
_NOTES = tuple(
    _nfc(n)
    for n in (
        "Đã phát sóng, có biên bản nghiệm thu.",
        "Đăng tải đúng kế hoạch.",
        "Phối hợp với UBND cấp xã thực hiện.",
        "Thực hiện một phần, phần còn lại chuyển sang tháng sau.",
    )
)
_OFFICERS = ("nguyen-van-an", "tran-thi-binh", "le-hoang-cuong", "pham-thu-dung", "vo-minh-em")
_SIGNATURES = ("STTTT", "UBND", "PTTH", "BAB", "VHTT")
_TIMES = tuple(dt.time(hour, minute) for hour in range(7, 18) for minute in (0, 15, 30, 45))


def slug(text: str) -> str:
    """An ASCII id from Vietnamese text: "Gò Công Đông" → "go-cong-dong"."""
    folded = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    ascii_ = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")


@dataclass(frozen=True, slots=True)
class Agency:
    id: str
    name: str
    short: str
    parent: str | None


@dataclass(frozen=True, slots=True)
class Task:
    id: str
    agency: str
    text: str
    partners: tuple[str, ...]
    channels: tuple[str, ...]
    contents: tuple[str, ...]


@dataclass(slots=True)
class Synthetic:
    """One synthetic plan, as data: the declaration and the journal's records."""

    n: int
    agencies: list[Agency]
    tasks: list[Task]
    sources: list[tuple[str, str, int]]  # (id, name, amount)
    activities: list[dict[str, Any]]
    completions: list[dict[str, Any]]
    #: The journal in file order: (collection key, record), as `append` takes them.
    journal: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    task_agency: dict[str, str] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(amount for _, _, amount in self.sources)

    def lead(self, activity: dict[str, Any]) -> str:
        """The agency doing an activity: its own, else its task's lead."""
        agency: str | None = activity.get("agency")
        if agency:
            return agency
        return self.task_agency[activity["task"]]


def _agencies(count: int) -> list[Agency]:
    out = [Agency(*department, parent="ubnd-tinh") for department in _DEPARTMENTS]
    for district in _DISTRICTS:
        d = slug(district)
        out += [
            Agency(f"ubnd-{d}", _nfc(f"UBND huyện {district}"), f"UBND {district}", "ubnd-tinh"),
            Agency(
                f"phong-vhtt-{d}",
                _nfc(f"Phòng Văn hóa và Thông tin huyện {district}"),
                f"Phòng VH-TT {district}",
                f"ubnd-{d}",
            ),
            Agency(
                f"dai-tt-{d}",
                _nfc(f"Đài Truyền thanh huyện {district}"),
                f"Đài TT {district}",
                f"ubnd-{d}",
            ),
        ]
    number = 0
    while len(out) < count:
        first = _COMMUNE_FIRST[number % len(_COMMUNE_FIRST)]
        second = _COMMUNE_SECOND[(number // len(_COMMUNE_FIRST)) % len(_COMMUNE_SECOND)]
        district = _DISTRICTS[number % len(_DISTRICTS)]
        round_ = number // (len(_COMMUNE_FIRST) * len(_COMMUNE_SECOND))
        name = f"{first} {second}" + (f" {round_ + 1}" if round_ else "")
        ident = f"ubnd-xa-{slug(name)}-{slug(district)}"
        out.append(
            Agency(
                ident,
                _nfc(f"UBND xã {name}, huyện {district}"),
                _nfc(f"UBND xã {name}"),
                f"ubnd-{slug(district)}",
            )
        )
        number += 1
    return out[:count]


def _tasks(agencies: list[Agency], rng: random.Random) -> list[Task]:
    tasks = []
    for agency in agencies:
        for k in (1, 2):
            channels = rng.sample(CHANNELS, 2)
            contents = rng.sample(CONTENTS, 2)
            partner = agency.parent if agency.parent and agency.parent != "ubnd-tinh" else "so-tttt"
            text = _nfc(
                f"{agency.name} tuyên truyền về {contents[0][1].lower()} và "
                f"{contents[1][1].lower()} qua {channels[0][1].lower()}, "
                f"{channels[1][1].lower()} (nhiệm vụ {k})."
            )
            tasks.append(
                Task(
                    id=f"{agency.id}-nv{k}",
                    agency=agency.id,
                    text=text,
                    partners=() if partner == agency.id else (partner,),
                    channels=(channels[0][0], channels[1][0]),
                    contents=(contents[0][0], contents[1][0]),
                )
            )
    return tasks


def _pick(rnd: Callable[[], float]) -> Callable[[Any], Any]:
    """``random.choice``, cheaper: one float per pick."""

    def pick(items: Any) -> Any:
        return items[int(rnd() * len(items))]

    return pick


def synthetic(n: int, seed: int = 2017) -> Synthetic:
    """N activities and N completions, deterministic for a given N and seed."""
    with _no_gc():
        return _synthetic(n, seed)


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Hundreds of thousands of new dicts: the cycle collector would only slow it down."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _synthetic(n: int, seed: int) -> Synthetic:
    from ggov_plan.write.ids import new_id  # the tool's own ids

    rng = random.Random(seed * 1_000_003 + n)
    rnd = rng.random
    pick = _pick(rnd)
    agencies = _agencies(max(20, n // 100))
    tasks = _tasks(agencies, rng)
    channel_info = {c[0]: c for c in CHANNELS}
    content_names = {ident: name.lower() for ident, name in CONTENTS}
    channel_names = {c[0]: c[1] for c in CHANNELS}
    weighted_sources = [
        s[0] for s, w in zip(SOURCES, _SOURCE_WEIGHTS, strict=True) for _ in range(w)
    ]
    costs = (500_000, 1_000_000, 2_000_000, 3_500_000, 5_000_000)
    first_due = dt.date(2017, 2, 1).toordinal()
    last_due = END.toordinal()
    first_created = (START + dt.timedelta(days=1)).toordinal()
    today = TODAY.toordinal()
    from_ordinal = dt.date.fromordinal

    def day(first: int, last: int) -> int:
        return first + int(rnd() * (max(first, last) - first + 1))

    # How many completions each activity gets: 0 to 3, N in all.
    counts = [pick((0, 0, 1, 1, 1, 1, 2, 2)) for _ in range(n)]
    surplus = sum(counts) - n
    i = 0
    while surplus != 0 and n:
        if surplus > 0 and counts[i] > 0:
            counts[i] -= 1
            surplus -= 1
        elif surplus < 0 and counts[i] < 3:
            counts[i] += 1
            surplus += 1
        i = (i + 1) % n

    activity_ids: set[str] = set()
    completion_ids: set[str] = set()
    events: list[tuple[int, int, str, dict[str, Any]]] = []
    activities: list[dict[str, Any]] = []
    completions: list[dict[str, Any]] = []
    allocated = dict.fromkeys((s[0] for s in SOURCES), 0)
    for i in range(n):
        task = pick(tasks)
        channel_id = pick(task.channels)
        unit, targets = channel_info[channel_id][2:]
        topic = pick(task.contents)
        agency = task.partners[0] if task.partners and rnd() < 0.1 else None
        due = day(first_due, last_due)
        created = day(first_created, min(due, today))
        free = rnd() < 0.05
        cost = 0 if free else pick(costs)
        source = None if free else pick(weighted_sources)
        activity_id = new_id(agency or task.agency, activity_ids, pick)
        activity_ids.add(activity_id)
        target: int = pick(targets)
        activity: dict[str, Any] = {
            "id": activity_id,
            "task": task.id,
            "title": (
                f"{pick(_WORKS)} {content_names[topic]} ({channel_names[channel_id]}), "
                f"{_DISTRICTS[i % len(_DISTRICTS)]}, đợt {i % 12 + 1}"
            ),
            "agency": agency,
            "channel": channel_id,
            "contents": [topic],
            "due": from_ordinal(due),
            "target": target,
            "unit": unit,
            "cost": cost,
            "source": source,
            "created": from_ordinal(created),
        }
        if source:
            allocated[source] += cost
        activities.append(activity)
        events.append((created, len(events), "activity", activity))

        count = counts[i]
        share = target if rnd() < 0.6 else max(1, target // 2)  # 60% reach their target
        step = share // count if count else 0
        last = created
        for k in range(count):
            done = day(last, today)
            last = done
            recorded = min(today, done + int(rnd() * 3))
            completion_id = new_id(activity_id, completion_ids, pick)
            completion_ids.add(completion_id)
            evidence = (
                f"https://baoapbac.vn/tin-tuc/{activity_id}-{k + 1}.html"
                if (i + k) % 2
                else f"Biên bản nghiệm thu số {(i + k) % 500 + 1}/BB-{pick(_SIGNATURES)}"
            )
            completion: dict[str, Any] = {
                "id": completion_id,
                "activity": activity_id,
                "date": from_ordinal(done),
                "quantity": max(1, step if k < count - 1 else share - step * (count - 1)),
                "spent": cost // (count + 1),
                "source": None,
                "evidence": evidence,
                "note": pick(_NOTES) if rnd() < 0.5 else None,
                "recorded_by": _OFFICERS[(i + k) % len(_OFFICERS)],
                "recorded_at": dt.datetime.combine(
                    from_ordinal(recorded), _TIMES[int(rnd() * len(_TIMES))], VN
                ),
            }
            completions.append(completion)
            events.append((recorded, len(events), "completion", completion))

    # Every source holds a fifth more than is allocated from it, rounded up to
    # a million, plus 50 million of room for the benchmark's own writes.
    sources = [
        (ident, name, -(-(allocated[ident] * 6 // 5) // 1_000_000) * 1_000_000 + 50_000_000)
        for ident, name in SOURCES
    ]
    events.sort(key=lambda event: (event[0], event[1]))
    journal = [(key, record) for _, _, key, record in events]
    task_agency = {task.id: task.agency for task in tasks}
    return Synthetic(n, agencies, tasks, sources, activities, completions, journal, task_agency)


# --------------------------------------------------------------------------- the text


def _s(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's for this text)."""
    return json.dumps(text, ensure_ascii=False)


def _list(items: tuple[str, ...]) -> str:
    return "[" + ", ".join(_s(item) for item in items) + "]"


def declaration(plan: Synthetic) -> str:
    """The hand-written part: header, legal basis, objectives, agencies, tasks, budget."""
    n = plan.n
    out = [
        "# Kế hoạch tổng hợp, sinh tự động để đo hiệu năng (bench/generate.py); không phải",
        "# một kế hoạch thật. Synthetic plan for benchmarks; not a real plan.",
        "",
        "format = 1",
        "",
        "[plan]",
        'kind = "Kế hoạch"',
        f'number = "{n}/KH-UBND"',
        'title = "Tuyên truyền xây dựng chính quyền điện tử, dịch vụ công trực tuyến '
        'trên địa bàn tỉnh năm 2017 (dữ liệu tổng hợp)"',
        'issuer = "ubnd-tinh"',
        'place = "Tiền Giang"',
        "issued = 2016-12-20",
        f"start = {START.isoformat()}",
        f"end = {END.isoformat()}",
        'lead_agency = "so-tttt"',
        'reports_to = "ubnd-tinh"',
        "",
        "[plan.signer]",
        'name = "Nguyễn Văn Bình"',
        'position = "Phó Chủ tịch"',
        'authority = "KT. Chủ tịch"',
        "",
        "[[legal_basis]]",
        'id = "kh-37-2016"',
        'kind = "Kế hoạch"',
        'number = "37/KH-UBND"',
        "date = 2016-02-25",
        'issuer = "ubnd-tinh"',
        'subject = "thực hiện Nghị quyết về chính quyền điện tử"',
        "",
        "# I. MỤC TIÊU",
        "",
        "[[objective]]",
        'id = "muc-tieu-1"',
        'section = "I"',
        'text = "Nâng cao nhận thức của người dân, doanh nghiệp về dịch vụ công trực tuyến."',
        "",
        "[[objective]]",
        'id = "muc-tieu-2"',
        'section = "I"',
        'text = "Tăng tỷ lệ hồ sơ giao dịch trực tuyến ở mức độ 3, mức độ 4."',
        "",
        "[[portal]]",
        'id = "motcua"',
        'name = "Cổng Dịch vụ hành chính công"',
        'url = "http://motcua.example.gov.vn"',
        "",
        "[[indicator]]",
        'id = "dvc-muc-do-3"',
        'objective = "muc-tieu-2"',
        'portal = "motcua"',
        'label = "Dịch vụ công trực tuyến mức độ 3"',
        "value = 800",
        'unit = "dịch vụ"',
        "",
        "[[indicator.part]]",
        'label = "Thủ tục cấp tỉnh"',
        "value = 320",
        "",
        "[[indicator.part]]",
        'label = "Thủ tục cấp huyện và cấp xã"',
        "value = 480",
        "",
        "# II. NỘI DUNG TUYÊN TRUYỀN",
    ]
    for ident, name in CONTENTS:
        out += ["", "[[content]]", f"id = {_s(ident)}", 'section = "II"', f"name = {_s(name)}"]
    out += ["", "# III. HÌNH THỨC TUYÊN TRUYỀN"]
    for ident, name, _, _ in CHANNELS:
        out += ["", "[[channel]]", f"id = {_s(ident)}", 'section = "III"', f"name = {_s(name)}"]
    out += [
        "",
        f"# Cơ quan, đơn vị: {len(plan.agencies) + 1}.",
        "",
        "[[agency]]",
        'id = "ubnd-tinh"',
        'name = "Ủy ban nhân dân tỉnh"',
        'short = "UBND tỉnh"',
    ]
    for agency in plan.agencies:
        out += [
            "",
            "[[agency]]",
            f"id = {_s(agency.id)}",
            f"name = {_s(agency.name)}",
            f"short = {_s(agency.short)}",
        ]
        if agency.parent:
            out.append(f"parent = {_s(agency.parent)}")
    out += ["", "# V. TỔ CHỨC THỰC HIỆN"]
    for task in plan.tasks:
        out += [
            "",
            "[[task]]",
            f"id = {_s(task.id)}",
            'section = "V"',
            f"agency = {_s(task.agency)}",
        ]
        if task.partners:
            out.append(f"partners = {_list(task.partners)}")
        out += [
            f"channels = {_list(task.channels)}",
            f"contents = {_list(task.contents)}",
            f"text = {_s(task.text)}",
        ]
    out += [
        "",
        "# IV. KINH PHÍ THỰC HIỆN (đồng)",
        "",
        "[budget]",
        f"total = {plan.total}",
        'text = "Kinh phí từ ngân sách các cấp, nguồn xã hội hóa và các nguồn hợp pháp khác."',
    ]
    for ident, name, amount in plan.sources:
        out += ["", "[[budget.source]]", f"id = {_s(ident)}", f"name = {_s(name)}"]
        out.append(f"amount = {amount}")
    out += [
        "",
        "# Theo dõi thực hiện: ggov-plan appends activity and completion records below",
        "# this line.",
    ]
    return "\n".join(out) + "\n"


_PLAIN = re.compile(r'[^"\\\x00-\x08\x0a-\x1f\x7f]*')


@contextlib.contextmanager
def _memoised_writer() -> Iterator[None]:
    """Make ``render_blocks`` fast on this generator's records, same bytes.

    ``journal._value`` (tomli-w, one value at a time) is memoised, with plain
    strings and ints written directly as tomli-w writes them; ``journal._clean``
    drops the None and empty values as it does, without re-normalising text
    that is already NFC (every string here is made NFC). The output is the
    same bytes; tests/test_bench.py compares it with ``exact=True``.
    """
    journal: Any = importlib.import_module("ggov_plan.write.journal")
    original: Callable[[Any], str] | None = getattr(journal, "_value", None)
    original_clean: Callable[[dict[str, Any]], dict[str, Any]] | None = getattr(
        journal, "_clean", None
    )
    if original is None or original_clean is None:  # the journal changed: stay exact
        yield
        return
    cache: dict[tuple[type, Any], str] = {}
    plain = _PLAIN.fullmatch

    def value(item: Any) -> str:
        kind = type(item)
        if kind is str and plain(item):
            return f'"{item}"'
        if kind is int:
            return str(item)
        if kind is list or kind is tuple:
            return original(item)  # it renders the items through this function
        key = (kind, item)
        text = cache.get(key)
        if text is None:
            text = cache[key] = original(item)
        return text

    def clean(record: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in record.items() if v is not None and v != []}

    journal._value = value
    journal._clean = clean
    try:
        yield
    finally:
        journal._value = original
        journal._clean = original_clean


def journal_text(records: list[tuple[str, dict[str, Any]]], *, exact: bool = False) -> str:
    """The records as the tool appends them, one ``[[key]]`` block each."""
    from ggov_plan.write.journal import render_blocks

    with _no_gc(), contextlib.nullcontext() if exact else _memoised_writer():
        text: str = render_blocks(records)
    return text


def render(plan: Synthetic, *, exact: bool = False) -> str:
    head = declaration(plan)
    if not plan.journal:
        return head
    # As journal.append joins: one blank line after text that ends a line.
    return head + "\n" + journal_text(plan.journal, exact=exact)


def plan_text(n: int, *, exact: bool = False) -> str:
    """The TOML text of a synthetic plan of N activities and N completions."""
    return render(synthetic(n), exact=exact)


def write_plan(n: int, path: Path) -> Synthetic:
    plan = synthetic(n)
    path.write_text(render(plan), encoding="utf-8")
    return plan


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[0].isdigit():
        print("usage: python bench/generate.py N OUT.toml", file=sys.stderr)
        return 2
    write_plan(int(argv[0]), Path(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
