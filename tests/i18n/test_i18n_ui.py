"""One catalog, two languages: every key in both, and a Vietnamese run that is Vietnamese."""

from __future__ import annotations

import html
import json
import re
import shlex
import shutil
import string
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from ggov_plan import i18n
from ggov_plan.cli import app
from ggov_plan.text import vi_sort_key

ROOT = Path(__file__).resolve().parents[2]
TRACKED = ROOT / "examples" / "plan2017-tracked.toml"
ENV = {"GGOV_PLAN_TODAY": "2017-12-31", "COLUMNS": "200"}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(i18n.CATALOG))
def test_every_key_has_both_languages_with_the_same_fields(key: str) -> None:
    english, vietnamese = i18n.CATALOG[key]
    assert english.strip() and vietnamese.strip()
    assert _fields(english) == _fields(vietnamese)
    assert unicodedata.is_normalized("NFC", vietnamese)


def test_t_follows_the_current_language() -> None:
    assert i18n.t("row.total") == "Total"
    with i18n.language("vi"):
        assert i18n.t("row.total") == "Tổng cộng"
        assert i18n.t("track.progress_title", by="x", as_of="1") == "Tiến độ theo x tính đến ngày 1"
    assert i18n.current() == "en"


@pytest.mark.parametrize(
    ("option", "environ", "expected"),
    [
        ("vi", {"GGOV_PLAN_LANG": "en", "LANG": "en_US.UTF-8"}, "vi"),
        (None, {"GGOV_PLAN_LANG": "vi"}, "vi"),
        (None, {"GGOV_PLAN_LANG": "EN", "LANG": "vi_VN.UTF-8"}, "en"),
        (None, {"LANG": "vi_VN.UTF-8"}, "vi"),
        (None, {"LC_ALL": "vi_VN.UTF-8", "LANG": "en_US.UTF-8"}, "vi"),
        (None, {"LC_ALL": "C", "LANG": "vi_VN.UTF-8"}, "en"),
        (None, {}, "en"),
    ],
)
def test_the_language_comes_from_option_then_environment_then_locale(
    option: str | None, environ: dict[str, str], expected: str
) -> None:
    assert i18n.choose(option, environ) == expected


def test_an_unknown_language_is_refused_with_exit_2() -> None:
    result = CliRunner().invoke(app, ["status", "--lang", "fr", "-p", str(TRACKED)], env=ENV)
    assert result.exit_code == 2
    assert "'fr'" in result.stderr
    assert "Traceback" not in result.output


# Words of the English interface that must not appear in a Vietnamese run:
# headings, labels and states, then the words of command messages and errors.
# Case matters, so TOML keys (title, spent, …) in a dry run's records do not
# match; ids, plan data and paths hold none of these words.
ENGLISH = re.compile(
    r"\b(Total|Budget|Progress|Activities|Source|Declared|Allocated|Spent|Remaining|"
    r"Overdue|planned|in progress|cancelled|As of|as of|Issued|Lead agency|Signed|"
    r"Agencies|Channels|Objectives|Indicators|Tasks|Due|Title|Completions|Overall|"
    r"valid|invalid|warnings?|errors?|"
    r"Done|done|State|Count|Name|Amount|Quantity|Activity|Task|Agency|Channel|Content|"
    r"Month|Date|Subject|Issuer|Number|Unit|Value|Portal|Section|Evidence|Note|Cost|"
    r"spent|allocated|declared|remaining|of which|directs|via|In words|VND|VOID|Nothing|"
    r"None|No activities|since|Problems|at line|status report|"
    r"wrote|next|edit|then run|declaration|journal|left out|blank plan|"
    r"nothing was written|no such file|is not|not a|real date|month must|out of range|"
    r"ambiguous|amount of money|whole number|decimal|already exists|never overwrites|"
    r"does not exist|folder|hint|dry run|check the|is empty|negative|known ids|"
    r"in this plan|permission|cannot|would not|unknown|dated|after today|outside|"
    r"add up|legal basis|line)\b"
)

#: A problem line of `check`: the location, the English severity and the code
#: stay as CI tools parse them; only the message after them is translated.
MACHINE_PREFIX = re.compile(r"^\S+?:(?:\d+:)*\s(?:error|warning)\[[a-z-]+\]: ", re.MULTILINE)
#: A record appended by a dry run: TOML, the same in every language.
TOML_LINE = re.compile(r"^(?:\[\[\w+\]\]|\w+ = ).*$", re.MULTILINE)
CODE_SPAN = re.compile(r"`[^`]*`|<code>.*?</code>", re.DOTALL)
#: Option names (--spent, --due) are the command line's own, in every language.
OPTION = re.compile(r"--[a-z][a-z-]*")


def english_words(text: str, tmp_path: Path | None = None) -> list[str]:
    """The English interface words left in ``text``, once paths, problem codes,
    machine prefixes, option names and TOML records (none of which is translated) are
    set aside."""
    if tmp_path is not None:
        text = text.replace(str(tmp_path), "<tmp>")
    text = text.replace(str(ROOT), "<root>")
    text = MACHINE_PREFIX.sub("", text)
    text = TOML_LINE.sub("", text)
    text = CODE_SPAN.sub("", text)
    text = OPTION.sub("", text)
    return ENGLISH.findall(text)


def visible_html(document: str) -> str:
    """What a browser shows of a report: no style sheet, no tags, entities decoded."""
    document = re.sub(r"<style>.*?</style>", "", document, flags=re.DOTALL)
    document = CODE_SPAN.sub("", document)
    return html.unescape(re.sub(r"<[^>]+>", " ", document))


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Iterator[None]:
    # A CLI run sets the language for the thread; put it back for other tests.
    with i18n.language("en"):
        yield


@pytest.fixture
def tracked(tmp_path: Path) -> Path:
    """A copy of the tracked example, so that no run can touch the shipped file."""
    path = tmp_path / "plan.toml"
    shutil.copyfile(TRACKED, path)
    return path


@pytest.fixture
def warned(tmp_path: Path) -> Path:
    """The tracked example with two dated warnings: a completion before the plan
    period and a legal basis dated after the plan."""
    text = TRACKED.read_text(encoding="utf-8")
    for old, new in (
        ("date = 2017-10-18  # so-tttt-tv01-9cz2", "date = 2017-08-01  # so-tttt-tv01-9cz2"),
        ("date = 2016-10-19", "date = 2017-09-01"),
    ):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "warned.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def future(warned: Path) -> Path:
    """``warned`` with, besides, a completion dated after today (an error)."""
    text = warned.read_text(encoding="utf-8")
    old = "date = 2017-09-20  # so-tttt-tv01-kze6"
    assert text.count(old) == 1
    warned.write_text(text.replace(old, "date = 2018-01-05  # so-tttt-tv01-kze6"), encoding="utf-8")
    return warned


def run(args: list[object], lang: str = "vi") -> Result:
    return CliRunner().invoke(app, [*map(str, args), "--lang", lang], env=ENV)


AS_OF = ["--as-of", "2017-12-31"]
READ_COMMANDS = [
    ["status", *AS_OF],
    ["show"],
    *(["budget", "--by", by, *AS_OF] for by in ("source", "agency", "channel", "task")),
    *(["progress", "--by", by, *AS_OF] for by in ("task", "agency", "channel", "content", "month")),
    ["activity", "list", *AS_OF],
    ["activity", "list", "--status", "overdue", *AS_OF],
    ["activity", "list", "--search", "khong co", *AS_OF],
    ["activity", "show", "so-tttt-tv01", *AS_OF],
    ["activity", "show", "so-tttt-gb01", *AS_OF],
    ["activity", "show", "so-tttt-th01", *AS_OF],
]


@pytest.mark.parametrize("args", READ_COMMANDS, ids=" ".join)
def test_a_vietnamese_run_has_no_english_interface_words(args: list[str], tracked: Path) -> None:
    result = run([*args, "-p", tracked])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip()
    found = english_words(result.stdout)
    assert found == [], found


def test_the_interface_words_are_there_in_english(tracked: Path) -> None:
    """The word list finds what it should: an English run is full of it."""
    result = run(["status", *AS_OF, "-p", tracked], lang="en")
    assert {"Total", "Budget", "Progress"} <= set(english_words(result.stdout))


# --------------------------------------------------------------------------- check


def test_check_text_in_vietnamese_keeps_the_machine_format(future: Path) -> None:
    result = run(["check", future])
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    # PATH:LINE:COL: error[CODE]: message — the severity word stays English.
    assert any(
        re.match(rf"{re.escape(str(future))}:\d+:\d+: error\[future-date\]: ", x) for x in lines
    )
    assert any(": warning[outside-period]: " in x for x in lines)
    assert any(": warning[date-order]: " in x for x in lines)
    assert lines[-1] == f"{future}: không hợp lệ (1 lỗi, 3 cảnh báo)"
    found = english_words(result.stdout, future.parent)
    assert found == [], found


def test_dates_in_messages_are_day_month_year_in_vietnamese_and_iso_in_english(
    future: Path,
) -> None:
    vietnamese = run(["check", future]).stdout
    assert "ghi ngày 05/01/2018, sau ngày hôm nay (31/12/2017)" in vietnamese
    assert "ghi ngày 01/08/2017, ngoài thời gian thực hiện kế hoạch 18/08/2017 – 31/12/2017" in (
        vietnamese
    )
    assert "ghi ngày 01/09/2017, sau ngày ban hành của chính kế hoạch (18/08/2017)" in vietnamese
    assert not re.search(r"\d{4}-\d{2}-\d{2}", MACHINE_PREFIX.sub("", vietnamese))
    english = run(["check", future], lang="en").stdout
    assert "is dated 2018-01-05, after today (2017-12-31)" in english
    assert "is dated 2017-08-01, outside the plan period 2017-08-18 – 2017-12-31" in english
    assert "is dated 2017-09-01, after the plan itself (2017-08-18)" in english


def test_check_json_messages_are_vietnamese(future: Path) -> None:
    result = run(["check", "--format", "json", future])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["valid"] is False  # keys and codes stay as docs/json.md gives them
    items = data["errors"] + data["warnings"]
    assert {item["code"] for item in items} >= {"future-date", "outside-period", "date-order"}
    for item in items:
        found = english_words(f"{item['message']}\n{item['hint']}")
        assert found == [], (item, found)


def test_check_of_a_missing_file_in_vietnamese(tmp_path: Path) -> None:
    missing = tmp_path / "khong-co.toml"
    result = run(["check", missing])
    assert result.exit_code == 2
    assert f"{missing}: error[unreadable]: không có tệp; kiểm tra lại đường dẫn" in result.stdout
    assert english_words(result.stdout, tmp_path) == []


# --------------------------------------------------------------------------- writing commands


def _unchanged(before: bytes, path: Path) -> None:
    assert path.read_bytes() == before, "a dry run wrote to the plan"


@pytest.mark.parametrize(
    "args",
    [
        ["activity", "add", "--task", "v1-giao-ban-bao-chi", "--title", "Hội nghị báo chí"],
        ["activity", "add", "-t", "v1-truong-hoc", "--title", "Tọa đàm", "--due", "20/12/2017",
         "--cost", "1,5 triệu", "--source", "ngan-sach-tinh", "--target", "2"],
        ["activity", "cancel", "so-tttt-th01", "--reason", "Gộp vào chuyên mục khác",
         "--by", "tester"],
        ["record", "so-tttt-tv01", "--qty", "1", "--spent", "5 triệu", "--date", "30/12/2017",
         "--by", "tester"],
        ["record", "--void", "so-tttt-tv01-kze6", "--reason", "Ghi nhầm", "--by", "tester"],
    ],
    ids=lambda args: " ".join(args[:2]),
)  # fmt: skip
def test_dry_runs_speak_vietnamese(args: list[str], tracked: Path) -> None:
    before = tracked.read_bytes()
    result = run([*args, "--dry-run", "-p", tracked])
    assert result.exit_code == 0, result.output
    _unchanged(before, tracked)
    assert "(chạy thử: chưa ghi gì vào tệp)" in result.stdout
    assert english_words(result.stdout, tracked.parent) == []
    assert result.stderr == ""


# --------------------------------------------------------------------------- report


@pytest.mark.parametrize("output_format", ["md", "html"])
def test_report_in_vietnamese(output_format: str, warned: Path) -> None:
    result = run(["report", "--format", output_format, "--as-of", "2017-12-31", "-p", warned])
    assert result.exit_code == 0, result.output
    text = visible_html(result.stdout) if output_format == "html" else result.stdout
    assert "Vấn đề do" in text
    assert "ghi ngày 01/08/2017" in text  # a dated problem, dated the Vietnamese way
    found = english_words(text, warned.parent)
    assert found == [], found


def test_report_json_keeps_english_keys_with_vietnamese_messages(warned: Path) -> None:
    result = run(["report", "--format", "json", "--as-of", "2017-12-31", "-p", warned])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"overall", "sources", "problems"} <= set(data)
    assert data["as_of"] == "2017-12-31"  # data stays ISO
    problems = data["problems"]
    assert {p["severity"] for p in problems} == {"warning"}
    assert len(problems) == 3
    for problem in problems:
        assert english_words(problem["message"]) == [], problem


@pytest.mark.parametrize("output_format", ["md", "html"])
def test_official_report_is_vietnamese(output_format: str, warned: Path) -> None:
    result = run(
        ["report", "--official", "--format", output_format, "--as-of", "2017-12-31", "-p", warned]
    )
    assert result.exit_code == 0, result.output
    text = visible_html(result.stdout) if output_format == "html" else result.stdout
    assert "BÁO CÁO" in text
    found = english_words(text, warned.parent)
    assert found == [], found


def test_report_to_a_folder_is_refused_in_vietnamese(tracked: Path, tmp_path: Path) -> None:
    result = run(["report", "-o", tmp_path, "-p", tracked])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"ggov-plan: lỗi: {tmp_path}: là một thư mục; chưa ghi gì vào tệp",
        "  gợi ý: hãy chỉ rõ tên tệp",
    ]


# --------------------------------------------------------------------------- schema, init


def test_schema_output_in_vietnamese(tmp_path: Path) -> None:
    target = tmp_path / "plan.schema.json"
    result = run(["schema", "-o", target])
    assert result.exit_code == 0, result.output
    assert (result.stdout, result.stderr) == ("", "")
    assert json.loads(target.read_text(encoding="utf-8"))["$schema"]
    missing = run(["schema", "-o", tmp_path / "khong-co" / "plan.schema.json"])
    assert missing.exit_code == 2
    assert missing.stderr.splitlines() == [
        f"ggov-plan: lỗi: {tmp_path / 'khong-co' / 'plan.schema.json'}: không có thư mục "
        f"{tmp_path / 'khong-co'}; chưa ghi gì vào tệp",
        f"  gợi ý: hãy tạo thư mục trước (mkdir -p {tmp_path / 'khong-co'}), "
        "hoặc chọn đường dẫn khác",
    ]


def test_init_blank_in_vietnamese(tmp_path: Path) -> None:
    target = tmp_path / "ke-hoach.toml"
    result = run(["init", target, "--blank"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"đã tạo {target}: kế hoạch trống để điền nội dung",
        f"{target}: hợp lệ (0 lỗi, 0 cảnh báo)",
        f"bước tiếp theo: sửa {target} (lệnh `ggov-plan schema` mô tả từng khóa), rồi chạy: "
        f"ggov-plan check {shlex.quote(str(target))}",
    ]
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Tệp kế hoạch ggov-plan mới")
    assert unicodedata.is_normalized("NFC", text)
    # The comments are Vietnamese; keys, ids and TOML are the format's own.
    comments = "\n".join(x for x in text.splitlines() if x.startswith("#") and " = " not in x)
    assert not re.search(r"\b(the|and|with|every|Replace|Optional|optional|Journal)\b", comments)
    assert "Nhật ký" in comments
    assert run(["check", target]).exit_code == 0
    # In English, the template is the one it has always been.
    english = tmp_path / "plan-en.toml"
    assert run(["init", english, "--blank"], lang="en").exit_code == 0
    assert english.read_text(encoding="utf-8").startswith("# A new ggov-plan plan file")


def test_init_from_in_vietnamese(tmp_path: Path) -> None:
    target = tmp_path / "ke-hoach-2018.toml"
    result = run(["init", target, "--from", TRACKED])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        f"đã tạo {target}: phần khai báo của {TRACKED}; không chép phần nhật ký: "
        "4 hoạt động, 3 kết quả thực hiện, 1 lần hủy hoạt động"
    )
    assert english_words(result.stdout, tmp_path) == []
    plain = tmp_path / "ke-hoach-goc.toml"
    result = run(["init", plain, "--from", ROOT / "data" / "plan2017.toml"])
    assert result.exit_code == 0, result.output
    assert "(tệp này không có bản ghi nhật ký nào)" in result.stdout.splitlines()[0]
    assert english_words(result.stdout, tmp_path) == []


# --------------------------------------------------------------------------- errors


ERROR_CASES = {
    "bad date": (
        ["activity", "add", "-t", "v1-giao-ban-bao-chi", "--title", "x", "--due", "2017-13-45"],
        "--due: '2017-13-45' không phải là ngày hợp lệ (tháng phải từ 1 đến 12)",
        "kiểm tra lại ngày và tháng",
        "--due: '2017-13-45' is not a real date (month must be in 1..12)",
    ),
    "day not in month": (
        ["activity", "add", "-t", "v1-giao-ban-bao-chi", "--title", "x", "--due", "30/02/2018"],
        "--due: '30/02/2018' không phải là ngày hợp lệ (tháng 2/2018 chỉ có 28 ngày)",
        "kiểm tra lại ngày và tháng",
        "--due: '30/02/2018' is not a real date (day is out of range for month)",
    ),
    "not a date": (
        ["status", "--as-of", "hôm qua"],
        "--as-of: 'hôm qua' không phải là ngày",
        "ghi theo dạng ngày/tháng/năm (18/08/2017) hoặc năm-tháng-ngày (2017-08-18)",
        "--as-of: 'hôm qua' is not a date",
    ),
    "decimal cost": (
        ["activity", "add", "-t", "v1-giao-ban-bao-chi", "--title", "x", "--cost", "1.5"],
        "--cost: '1.5' chưa rõ nghĩa: số có dấu thập phân phải có đơn vị đi kèm (nghìn, triệu, tỷ)",
        "ghi số đồng nguyên, ví dụ 20000000, 20.000.000, 20,000,000 hoặc 20 triệu; "
        "số thập phân phải có đơn vị đi kèm: 1,5 triệu, 2.5 tỷ, 500 nghìn",
        "--cost: '1.5' is ambiguous: a decimal mark needs a unit word after it",
    ),
    "fraction of a đồng": (
        ["record", "so-tttt-tv01", "--spent", "1,2345 k"],
        "--spent: '1,2345 k' không phải là số đồng nguyên (1.234,5 đồng)",
        "số tiền không có phần lẻ dưới một đồng: hãy làm tròn, ví dụ 1.234 hoặc 1.235",
        "--spent: '1,2345 k' is not a whole number of đồng (1234,5 đồng)",
    ),
    "bad quantity": (
        ["record", "so-tttt-tv01", "--qty", "0"],
        "--qty: '0' không phải là số nguyên từ 1 trở lên",
        "ví dụ 1, 2 hoặc 10",
        "--qty: '0' is not a whole number of 1 or more",
    ),
    "unknown task": (
        ["activity", "add", "-t", "khong-co", "--title", "x"],
        "--task: kế hoạch không có nhiệm vụ 'khong-co'",
        None,
        "--task: no task 'khong-co' in this plan",
    ),
}


@pytest.mark.parametrize("name", sorted(ERROR_CASES))
def test_errors_in_vietnamese(name: str, tracked: Path) -> None:
    args, message, hint, english = ERROR_CASES[name]
    before = tracked.read_bytes()
    result = run([*args, "-p", tracked])
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == f"ggov-plan: lỗi: {message}"
    if hint is not None:
        assert lines[1:] == [f"  gợi ý: {hint}"]
    assert english_words(result.stderr, tracked.parent) == []
    _unchanged(before, tracked)
    # The same in English, as it has always been.
    assert run([*args, "-p", tracked], lang="en").stderr.splitlines()[0] == (
        f"ggov-plan: error: {english}"
    )


def test_missing_plan_in_vietnamese(tmp_path: Path) -> None:
    missing = tmp_path / "khong-co.toml"
    for args in (["status"], ["record", "so-tttt-tv01", "--dry-run"], ["report"]):
        result = run([*args, "-p", missing])
        assert result.exit_code == 2, result.output
        assert result.stderr.splitlines() == [
            f"ggov-plan: lỗi: {missing}: không có tệp",
            "  gợi ý: kiểm tra lại đường dẫn, hoặc dùng --plan PATH",
        ]


def test_init_refusals_in_vietnamese(tmp_path: Path, tracked: Path) -> None:
    cases = [
        (["init", tracked, "--blank"], "init không bao giờ ghi đè"),
        (["init", tmp_path / "khong-co" / "a.toml", "--blank"], "không có thư mục"),
        (["init", tmp_path, "--blank"], "là một thư mục"),
        (["init", tmp_path / "a.toml"], "cần chọn đúng một trong hai"),
        (["init", tmp_path / "a.toml", "--from", tmp_path / "b.toml"], "không có tệp"),
    ]
    for args, says in cases:
        result = run(args)
        assert result.exit_code == 2, (args, result.output)
        assert result.stderr.startswith("ggov-plan: lỗi: "), result.stderr
        assert says in result.stderr
        assert english_words(result.stderr, tmp_path) == [], result.stderr
    assert not (tmp_path / "a.toml").exists()


def test_init_from_a_file_that_is_not_toml_in_vietnamese(tmp_path: Path) -> None:
    broken = tmp_path / "hong.toml"
    broken.write_text("format = 1\n[plan\n", encoding="utf-8")
    result = run(["init", tmp_path / "moi.toml", "--from", broken])
    assert result.exit_code == 2
    assert "không phải TOML hợp lệ nên không tách được phần khai báo" in result.stderr
    assert english_words(result.stderr, tmp_path) == [], result.stderr


def test_vietnamese_amounts_and_words_in_budget() -> None:
    result = CliRunner().invoke(
        app, ["budget", "--lang", "vi", "-p", str(ROOT / "data" / "plan2017.toml")], env=ENV
    )
    assert result.exit_code == 0, result.output
    assert "213.000.000" in result.stdout
    assert "Hai trăm mười ba triệu đồng" in result.stdout
    english = CliRunner().invoke(
        app, ["budget", "--lang", "en", "-p", str(ROOT / "data" / "plan2017.toml")], env=ENV
    )
    assert "213,000,000" in english.stdout
    assert "Hai trăm" not in english.stdout


def test_environment_variable_selects_vietnamese() -> None:
    result = CliRunner().invoke(
        app, ["status", "-p", str(TRACKED)], env={**ENV, "GGOV_PLAN_LANG": "vi"}
    )
    assert "Tổng cộng" in result.stdout
    assert "Total" not in result.stdout


def test_vietnamese_alphabetical_order() -> None:
    names = ["Sở TT&TT", "Đài PT-TH", "Báo Ấp Bắc", "Dự án", "Ăn", "An", "Âm", "Ưu", "Uông"]
    assert sorted(names, key=vi_sort_key) == [
        "An", "Ăn", "Âm", "Báo Ấp Bắc", "Dự án", "Đài PT-TH", "Sở TT&TT", "Uông", "Ưu",
    ]  # fmt: skip
    # Tones come after letters: ma mà mả mã má mạ.
    tones = ["mạ", "má", "mã", "mả", "mà", "ma"]
    assert sorted(tones, key=vi_sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]


def test_breakdowns_are_in_vietnamese_alphabetical_order() -> None:
    result = CliRunner().invoke(
        app, ["progress", "--by", "agency", "--json", "-p", str(TRACKED)], env=ENV
    )
    keys = [g["key"] for g in json.loads(result.stdout)["groups"]]
    assert keys == ["bao-ap-bac", "so-tttt"]  # Báo Ấp Bắc before Sở TT&TT
