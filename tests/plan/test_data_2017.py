"""data/plan2017.toml is a faithful transcription of the scanned Kế hoạch 228/KH-UBND.

The seed (``../shared/seeds/000_daa64bf3539fc176.txt`` beside the repository)
is an OCR scan that lost most Vietnamese diacritics and garbles some letters
("tir" for "tử", "Pai" for "Đài", "1a" for "là"). Every figure, number and
date below is checked against the plan as loaded through
:func:`ggov_plan.plan.parse.parse_file`, and where practical against the seed text itself;
every verbatim text field is aligned word by word against the folded seed so
that an added, changed or dropped word is caught.
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
import os
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from ggov_plan.plan.model import Plan
from ggov_plan.plan.parse import Loaded
from ggov_plan.plan.parse import parse_file as load

ROOT = Path(__file__).resolve().parents[2]
PLAN_FILE = ROOT / "data" / "plan2017.toml"
# The seed lives in ../shared beside the repository, as CI lays it out.
SEED_FILE = ROOT.parent / "shared" / "seeds" / "000_daa64bf3539fc176.txt"

# A clone without ../shared may skip these outside CI; in CI a missing seed fails.
needs_seed = pytest.mark.skipif(
    not SEED_FILE.exists() and not os.environ.get("CI"), reason=f"seed {SEED_FILE} not present"
)


# --------------------------------------------------------------------------- folding


def fold(text: str) -> str:
    """Strip diacritics (NFD, drop combining marks, đ→d) and lowercase."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


# OCR noise in the scan: "&" for "ở"/"ă", "¢"/"@" for "ơ"/"ê", digits for letters.
_WORD = re.compile(r"[a-z0-9&@¢]+")
_OCR_LETTERS = str.maketrans({"0": "o", "6": "o", "1": "l", "4": "a", "&": "a", "@": "e", "¢": "c"})


def words(text: str) -> list[str]:
    """Folded words; a comma inside a word ("P,héi") is OCR noise and dropped."""
    folded = re.sub(r"(?<=[a-z]),(?=[a-z])", "", fold(text))
    return _WORD.findall(folded)


def _distance(a: str, b: str, cap: int) -> int:
    """Levenshtein distance, or cap + 1 as soon as it must exceed cap."""
    if abs(len(a) - len(b)) > cap:
        return cap + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > cap:
            return cap + 1
        previous = current
    return previous[-1]


@functools.cache
def same_word(field_word: str, seed_word: str) -> bool:
    """Could ``seed_word`` be an OCR reading of ``field_word`` (both folded)?

    Figures must be identical. Letters may differ by one edit, or by two when
    the first letter agrees ("tir"/"tu", "ngudai"/"nguoi", "gitta"/"giua").
    """
    if field_word == seed_word:
        return True
    if any(c.isdigit() for c in field_word):
        return False
    mapped = seed_word.translate(_OCR_LETTERS)
    if field_word == mapped:
        return True
    distance = min(_distance(field_word, seed_word, 2), _distance(field_word, mapped, 2))
    return distance <= 1 or (distance == 2 and field_word[0] == mapped[0] and len(mapped) >= 3)


@dataclass(frozen=True)
class Alignment:
    invented: list[str]  # words of the field with no counterpart in the seed
    dropped: list[str]  # seed words inside the matched stretch that the field lacks
    start: int  # the matched stretch of seed words, [start, end)
    end: int


def _window(field: list[str], seed: list[str], slack: int = 12) -> tuple[int, int]:
    """The stretch of the seed a field most likely comes from (by exact word pairs)."""
    if len(field) < 4:
        return 0, len(seed)
    positions: dict[tuple[str, str], list[int]] = collections.defaultdict(list)
    for j in range(len(seed) - 1):
        positions[(_plain(seed[j]), _plain(seed[j + 1]))].append(j)
    votes: collections.Counter[int] = collections.Counter()
    for i in range(len(field) - 1):
        for j in positions.get((field[i], field[i + 1]), ()):
            votes[j - i] += 1
    if not votes:
        return 0, len(seed)
    offset = votes.most_common(1)[0][0]
    return max(0, offset - slack), min(len(seed), offset + len(field) + slack + len(field) // 8)


def _plain(word: str) -> str:
    return word if word.isdigit() else word.translate(_OCR_LETTERS)


def align(field_text: str, seed: list[str]) -> Alignment:
    """Align every word of the field, in order, with a contiguous stretch of the seed.

    Edit-distance alignment over words: a field word matched to an OCR-similar
    seed word costs 0, a field word left unmatched (invented) or a seed word
    skipped (dropped) costs 1. The stretch of the seed is free to start and end
    anywhere.
    """
    field = words(field_text)
    lo, hi = _window(field, seed)
    stretch = seed[lo:hi]
    n, m = len(field), len(stretch)
    cost = [[0] * (m + 1)] + [[i] + [0] * m for i in range(1, n + 1)]
    for i in range(1, n + 1):
        row, above, word = cost[i], cost[i - 1], field[i - 1]
        for j in range(1, m + 1):
            best = min(above[j] + 1, row[j - 1] + 1)
            if above[j - 1] < best and same_word(word, stretch[j - 1]):
                best = above[j - 1]
            row[j] = best
    j = min(range(m + 1), key=lambda k: cost[n][k])
    end = j
    i = n
    invented: list[str] = []
    dropped: list[str] = []
    while i > 0:
        if j > 0 and cost[i][j] == cost[i - 1][j - 1] and same_word(field[i - 1], stretch[j - 1]):
            i, j = i - 1, j - 1
        elif cost[i][j] == cost[i - 1][j] + 1:
            invented.append(field[i - 1])
            i -= 1
        else:
            dropped.append(stretch[j - 1])
            j -= 1
    return Alignment(invented[::-1], dropped[::-1], lo + j, lo + end)


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def loaded() -> Loaded:
    return load(PLAN_FILE)


@pytest.fixture(scope="module")
def plan(loaded: Loaded) -> Plan:
    assert loaded.plan is not None, loaded.problems
    return loaded.plan


@pytest.fixture(scope="module")
def seed_text() -> str:
    if not SEED_FILE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"seed {SEED_FILE} not present (CI lays ../shared beside the clone)")
        pytest.skip(f"seed {SEED_FILE} not present")
    return SEED_FILE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_words(seed_text: str) -> list[str]:
    return words(seed_text)


@pytest.fixture(scope="module")
def flat_seed(seed_text: str) -> str:
    """The folded seed with its line breaks and runs of spaces made single spaces."""
    return " ".join(fold(seed_text).split())


def _raw() -> dict[str, Any]:
    return tomllib.loads(PLAN_FILE.read_text(encoding="utf-8"))


def verbatim_fields() -> list[tuple[str, str]]:
    """(label, text) of every field the plan copies verbatim from the document."""
    data = _raw()
    out = [
        ("plan.title", data["plan"]["title"]),
        ("plan.closing", data["plan"]["closing"]),
        ("budget.text", data["budget"]["text"]),
        ("budget.total_in_words", data["budget"]["total_in_words"]),
    ]
    out += [(f"legal_basis.{b['id']}.subject", b["subject"]) for b in data["legal_basis"]]
    for key in ("objective", "content", "task"):
        out += [(f"{key}.{r['id']}.text", r["text"]) for r in data[key] if "text" in r]
    return out


VERBATIM = verbatim_fields()


# --------------------------------------------------------------------------- the matcher


class TestMatcher:
    """The word matcher itself: it must tolerate the OCR and still catch edits."""

    def test_fold(self) -> None:
        assert fold("Đài Phát thanh và Truyền hình tỉnh") == "dai phat thanh va truyen hinh tinh"
        assert words("Ấp Bắc, điện tử; P,héi 1.500") == [
            "ap",
            "bac",
            "dien",
            "tu",
            "phei",
            "1",
            "500",
        ]

    @pytest.mark.parametrize(
        ("field_word", "seed_word"),
        [
            ("tu", "tir"),
            ("tu", "ta"),
            ("la", "1a"),
            ("dai", "pai"),
            ("nguoi", "ngudai"),
            ("cua", "clia"),
            ("giua", "gitta"),
            ("xa", "x&"),
            ("lop", "i6p"),
            ("qd", "qb"),
        ],
    )
    def test_tolerates_ocr(self, field_word: str, seed_word: str) -> None:
        assert same_word(field_word, seed_word)

    @pytest.mark.parametrize(
        ("field_word", "seed_word"),
        [
            ("1500", "1600"),
            ("795", "759"),
            ("2017", "2016"),
            ("mien", "tren"),
            ("khong", "cong"),
            ("nhan", "dan"),
            ("tinh", "dien"),
        ],
    )
    def test_rejects_other_words(self, field_word: str, seed_word: str) -> None:
        assert not same_word(field_word, seed_word)

    @needs_seed
    @pytest.mark.parametrize(
        ("label", "text"),
        [f for f in VERBATIM if len(words(f[1])) >= 8],
        ids=[label for label, text in VERBATIM if len(words(text)) >= 8],
    )
    def test_catches_a_word_added_inside_a_field(
        self, label: str, text: str, seed_words: list[str]
    ) -> None:
        field = text.split()
        # The middle and the quarter points; a word duplicated, a foreign word, a
        # word the document uses everywhere, and a figure.
        for position in {len(field) // 4, len(field) // 2, 3 * len(field) // 4} - {0}:
            repeated = next(w for w in reversed(field[:position]) if words(w))
            for extra in (repeated, "không", "điện", "2018"):
                mutated = " ".join([*field[:position], extra, *field[position:]])
                found = align(mutated, seed_words)
                assert found.invented or found.dropped, (label, position, extra)

    @needs_seed
    def test_catches_a_changed_figure_and_a_dropped_word(self, seed_words: list[str]) -> None:
        objective = dict(VERBATIM)["objective.muc-tieu-3.text"]
        assert align(objective.replace("795", "759"), seed_words).invented == ["759"]
        assert align(objective.replace("trên 1.500", "trên 1.600"), seed_words).invented == ["600"]
        assert align(objective.replace("thủ tục cấp sở, ", ""), seed_words).dropped != []


# --------------------------------------------------------------------------- verbatim text


@needs_seed
@pytest.mark.parametrize(("label", "text"), VERBATIM, ids=[label for label, _ in VERBATIM])
def test_no_invented_words(label: str, text: str, seed_words: list[str]) -> None:
    found = align(text, seed_words)
    assert found.invented == [], f"{label}: words not in the document: {found.invented}"


@needs_seed
@pytest.mark.parametrize(("label", "text"), VERBATIM, ids=[label for label, _ in VERBATIM])
def test_no_dropped_words(label: str, text: str, seed_words: list[str]) -> None:
    found = align(text, seed_words)
    assert found.dropped == [], f"{label}: document words missing: {found.dropped}"


def test_verbatim_fields_are_all_collected() -> None:
    # 1 title + 1 closing + budget text and words + 5 subjects + 4 + 4 + 10 bullets.
    assert len(VERBATIM) == 27


@needs_seed
def test_bullets_follow_the_document_order_and_sections(seed_words: list[str]) -> None:
    def at(phrase: str) -> int:
        target = phrase.split()
        for i in range(len(seed_words) - len(target) + 1):
            if seed_words[i : i + len(target)] == target:
                return i
        raise AssertionError(f"heading {phrase!r} not in the seed")

    headings = {
        "I": at("i muc tieu su can thiet"),
        "II": at("noi dung tuyen truyen"),
        "III": at("hinh thuc tuyen truyen"),
        "IV": at("iv kinh phi thuc hien"),
        "V.1": at("v to chuc thuc hien"),
        "V.2": at("2 pai phat thanh"),
        "V.3": at("3 c4c s ban nganh"),
        "end": at("tren day 1a"),
    }
    order = list(headings)
    data = _raw()
    for key in ("objective", "content", "task"):
        previous = -1
        for record in data[key]:
            found = align(record["text"], seed_words)
            section = record["section"]
            following = order[order.index(section) + 1]
            assert headings[section] < found.start < found.end <= headings[following], (
                record["id"],
                section,
            )
            assert found.start > previous, f"{record['id']} is out of the document's order"
            previous = found.start
    budget = align(data["budget"]["text"], seed_words)
    assert headings["IV"] < budget.start < budget.end <= headings["V.1"]
    closing = align(data["plan"]["closing"], seed_words)
    assert closing.start == headings["end"]


# --------------------------------------------------------------------------- header


def test_header(plan: Plan) -> None:
    header = plan.header
    assert header is not None
    assert header.kind == "Kế hoạch"
    assert header.number == "228/KH-UBND"
    assert header.title == (
        "Tuyên truyền xây dựng chính quyền điện tử, dịch vụ công trực tuyến "
        "trên địa bàn tỉnh Tiền Giang năm 2017"
    )
    assert header.place == "Tiền Giang"
    assert header.issued == dt.date(2017, 8, 18)
    assert (header.start, header.end) == (dt.date(2017, 8, 18), dt.date(2017, 12, 31))
    assert header.issuer == "ubnd-tinh"
    assert header.reports_to == "ubnd-tinh"
    assert header.lead_agency == "so-tttt"
    agencies = plan.by_id("agencies")
    assert agencies["ubnd-tinh"].short == "UBND tỉnh"
    assert agencies["ubnd-tinh"].name == "Ủy ban nhân dân tỉnh Tiền Giang"
    assert agencies["so-tttt"].name == "Sở Thông tin và Truyền thông"


def test_signer(plan: Plan) -> None:
    assert plan.header is not None and plan.header.signer is not None
    signer = plan.header.signer
    assert (signer.name, signer.position, signer.authority) == (
        "Trần Thanh Đức",
        "Phó Chủ tịch",
        "KT. Chủ tịch",
    )


@needs_seed
def test_header_is_in_the_seed(flat_seed: str) -> None:
    for printed in (
        "228/kh-ubnd",
        "tien giang, ngay 18 thang 8 ndam 2017",  # "năm" as scanned
        "kt. chu tich pho chu tich tran thanh duc",
    ):
        assert printed in flat_seed


# --------------------------------------------------------------------------- legal bases

LEGAL_BASES = [
    # kind, number, date, issuer id, how the seed prints number and date
    (
        "Quyết định",
        "1819/QĐ-TTg",
        dt.date(2015, 10, 25),
        "thu-tuong",
        "1819/qd-ttg ngay 25/10/2015",
    ),
    (
        "Quyết định",
        "45/2016/QĐ-TTg",
        dt.date(2016, 10, 19),
        "thu-tuong",
        "45/2016/qb-ttg ngay 19/10/2016",
    ),
    ("Kế hoạch", "37/KH-UBND", dt.date(2016, 2, 25), "ubnd-tinh", "37/kh-ubnd ngay 25/02/2016"),
    ("Nghị quyết", "36a/NQ-CP", dt.date(2015, 10, 14), "chinh-phu", "36a/nq-cp ngay 14/10/2015"),
    ("Quyết định", "1237/QĐ-UBND", dt.date(2015, 5, 5), "ubnd-tinh", "1237/qb-ubnd ngay 05/5/2015"),
]


def test_legal_bases(plan: Plan) -> None:
    assert [(b.kind, b.number, b.date, b.issuer) for b in plan.legal_bases] == [
        row[:4] for row in LEGAL_BASES
    ]
    by_number = {b.number: b for b in plan.legal_bases}
    assert by_number["37/KH-UBND"].implements == by_number["36a/NQ-CP"].id
    assert [b.implements for b in plan.legal_bases].count(None) == 4
    agencies = plan.by_id("agencies")
    assert agencies["thu-tuong"].name == "Thủ tướng Chính phủ"
    assert agencies["chinh-phu"].name == "Chính phủ"


@needs_seed
@pytest.mark.parametrize("printed", [row[4] for row in LEGAL_BASES])
def test_legal_basis_is_in_the_seed(printed: str, flat_seed: str) -> None:
    assert printed in flat_seed


# --------------------------------------------------------------------------- figures


def test_indicators(plan: Plan) -> None:
    rows = [
        (i.value, i.qualifier, i.unit, [(p.label, p.value) for p in i.parts])
        for i in plan.indicators
    ]
    assert rows == [
        (1500, "more-than", "dịch vụ", []),
        (
            795,
            "exactly",
            "dịch vụ",
            [("Thủ tục cấp sở", 318), ("Thủ tục cấp huyện và cấp xã", 370)],
        ),
        (113, "exactly", "dịch vụ", []),
    ]
    portals = plan.by_id("portals")
    assert {i.portal for i in plan.indicators} == {"motcua"}
    assert portals["motcua"].url == "http://motcua.tiengiang.gov.vn"
    assert portals["motcua"].name == "Cổng Dịch vụ hành chính công"
    objectives = plan.by_id("objectives")
    for indicator in plan.indicators:
        assert indicator.objective is not None
        assert f" {indicator.value:,}".replace(",", ".") in objectives[indicator.objective].text


@needs_seed
def test_indicators_are_in_the_seed(flat_seed: str) -> None:
    assert (
        "http://motcua.tiengiang.gov.vn vei tren 1.500 dich vu cong truc tuyen dat muc d6 2, "
        "795 dich vu cong truc tuyen mac do 3 (bao gom 318 thu tuc cap sg, 370 thu tuc cap "
        "huyen va cap x&) va 113 dich vu cong truc tuyen mic do 4"
    ) in flat_seed


def test_budget(plan: Plan) -> None:
    budget = plan.budget
    assert budget is not None
    assert budget.total == 213_000_000
    assert [(s.name, s.amount) for s in budget.sources] == [
        ("Ngân sách tỉnh", 163_000_000),
        ("Nguồn xã hội hóa", 50_000_000),
    ]
    assert sum(s.amount or 0 for s in budget.sources) == budget.total
    assert budget.total_in_words == "Hai trăm mười ba triệu đồng"


@needs_seed
def test_budget_is_in_the_seed(plan: Plan, flat_seed: str) -> None:
    assert plan.budget is not None
    assert f"{plan.budget.total:,}".replace(",", ".") + " dong (hai tram muoi ba trieu dong)" in (
        flat_seed
    )
    assert "ngan sach tinh 163.000.000 dong" in flat_seed
    assert "nguon xa hoi hoa 50.000.000 dong" in flat_seed


# --------------------------------------------------------------------------- records


def test_objectives_and_contents(plan: Plan) -> None:
    assert len(plan.objectives) == 4
    assert {o.section for o in plan.objectives} == {"I"}
    assert len(plan.contents) == 4
    assert {c.section for c in plan.contents} == {"II"}
    assert all(c.text for c in plan.contents)


def test_tasks(plan: Plan) -> None:
    assert len(plan.tasks) == 10
    assert collections.Counter(t.section for t in plan.tasks) == {"V.1": 4, "V.2": 3, "V.3": 3}
    assert [t.agency for t in plan.tasks] == [
        "so-tttt",
        "so-tttt",
        "so-tttt",
        "so-tttt",
        "dai-ptth-bao-ap-bac",
        "dai-ptth",
        "bao-ap-bac",
        "so-nganh-truong-huyen",
        "so-nganh-truong-huyen",
        "ubnd-huyen",
    ]
    agencies = plan.by_id("agencies")
    assert set(agencies["dai-ptth-bao-ap-bac"].members) == {"dai-ptth", "bao-ap-bac"}
    assert set(agencies["so-nganh-truong-huyen"].members) == {
        "so-ban-nganh",
        "truong-hoc",
        "ubnd-huyen",
    }


# Every agency, body or group the document names, with its diacritics restored.
AGENCY_NAMES = [
    "Thủ tướng Chính phủ",
    "Chính phủ",
    "Sở Thông tin và Truyền thông",
    "Sở Tài chính",
    "Sở Giáo dục và Đào tạo",
    "Ban Tuyên giáo Tỉnh ủy",
    "Đài Phát thanh và Truyền hình tỉnh",
    "Báo Ấp Bắc",
    "Các doanh nghiệp viễn thông",
    "các cơ quan báo chí địa phương và các cơ quan báo chí thường trú trên địa bàn tỉnh",
    "các trường đại học, cao đẳng và một số trường PTTH trên địa bàn tỉnh",
    "Các sở, ban, ngành, đoàn thể",
    "UBND cấp huyện",
    "Phòng Văn hóa và Thông tin",
    "Đài Truyền thanh - Truyền hình cấp huyện",
]


@pytest.mark.parametrize("name", AGENCY_NAMES)
def test_agency_named_in_the_document_is_declared(name: str, plan: Plan) -> None:
    names = [a.name.casefold() for a in plan.agencies]
    assert name.casefold() in names or any(n.startswith(name.casefold() + " ") for n in names)


@needs_seed
@pytest.mark.parametrize("name", AGENCY_NAMES)
def test_agency_name_is_in_the_seed(name: str, seed_words: list[str]) -> None:
    found = align(name, seed_words)
    assert (found.invented, found.dropped) == ([], [])


def test_agency_ids_are_unique_and_referenced_ones_exist(plan: Plan) -> None:
    ids = [a.id for a in plan.agencies]
    assert len(ids) == len(set(ids)) == 18
    referenced = {t.agency for t in plan.tasks}
    for task in plan.tasks:
        referenced |= {*task.partners, *task.directs, *task.audience}
    assert referenced <= set(ids)


# --------------------------------------------------------------------------- the file


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (k, *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_all_text_is_nfc() -> None:
    text = PLAN_FILE.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)
    strings = _strings(tomllib.loads(text))
    assert len(strings) > 300
    assert [s for s in strings if not unicodedata.is_normalized("NFC", s)] == []
    # and the decomposed form really is something else for this text
    assert unicodedata.normalize("NFD", text) != text


def test_loads_without_problems(loaded: Loaded) -> None:
    assert loaded.problems == ()
    assert loaded.file == str(PLAN_FILE)


def test_no_journal_records_shipped(plan: Plan) -> None:
    assert plan.activities == ()
    assert plan.completions == ()
    assert plan.cancellations == ()
    assert plan.voids == ()
