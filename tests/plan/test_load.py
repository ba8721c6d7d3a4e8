"""Reading a plan file: bytes, TOML syntax, encoding, where the file is, and line numbers."""

from __future__ import annotations

import tomllib
import unicodedata
from pathlib import Path

import pytest

from conftest import MINIMAL_PLAN, PLAN_2017, check_text, line_of
from ggov_plan.plan.files import find_plan, read_text
from ggov_plan.plan.parse import parse
from ggov_plan.plan.parse import parse_file as load
from ggov_plan.plan.sourcemap import SourceMap
from ggov_plan.problems import PlanNotFound, PlanUnreadable, Severity

# --------------------------------------------------------------------------- syntax


def test_syntax_error_is_one_problem_at_the_parsers_position() -> None:
    text = 'format = 1\n[plan]\nkind = "Kế hoạch"\nnumber "1/KH"\n'
    loaded = parse(text, "plan.toml")

    assert len(loaded.problems) == 1
    problem = loaded.problems[0]
    assert problem.code == "syntax"
    assert problem.severity is Severity.ERROR
    assert (problem.file, problem.line, problem.column) == ("plan.toml", 4, 8)
    assert problem.message == "TOML syntax: expected '=' after a key in a key/value pair"
    assert loaded.data is None
    assert loaded.plan is None
    assert loaded.sourcemap is None


def test_syntax_error_position_matches_tomllib() -> None:
    text = "format = 1\n\n[plan]\nkind = \n"
    with pytest.raises(tomllib.TOMLDecodeError) as raised:
        tomllib.loads(text)
    assert str(raised.value).endswith("(at line 4, column 8)")

    (problem,) = parse(text, "plan.toml").problems
    assert (problem.code, problem.line, problem.column) == ("syntax", 4, 8)
    assert problem.message == "TOML syntax: invalid value"


def test_syntax_error_at_end_of_file_points_at_the_last_line() -> None:
    text = "format = 1\n[plan]\npartners = [\n"
    (problem,) = parse(text, "plan.toml").problems
    assert problem.code == "syntax"
    assert problem.line == 4  # the empty line after the final newline
    assert problem.column is None
    assert problem.message == "TOML syntax: invalid value at end of file"


def test_syntax_error_is_all_check_reports() -> None:
    text = MINIMAL_PLAN.replace('id = "t1"', 'id = "t1" "t2"')
    problems = check_text(text)
    assert [(p.code, p.line) for p in problems] == [("syntax", line_of(text, '"t1" "t2"'))]


# --------------------------------------------------------------------------- reading bytes


def test_missing_file_raises_plan_not_found(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.toml"
    with pytest.raises(PlanNotFound) as raised:
        load(path)
    assert raised.value.message == f"{path}: no such file"
    assert raised.value.exit_code == 2


def test_directory_raises_plan_unreadable(tmp_path: Path) -> None:
    with pytest.raises(PlanUnreadable) as raised:
        read_text(tmp_path)
    assert raised.value.message == f"{tmp_path}: is a folder, not a plan file"
    assert raised.value.exit_code == 2


def test_invalid_utf8_raises_plan_unreadable_with_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_bytes(b'format = 1\n[plan]\nkind = "K\xff"\n')
    with pytest.raises(PlanUnreadable) as raised:
        load(path)
    # 'kind = "K' is 9 characters: the bad byte is at column 10 of line 3.
    assert raised.value.message == f"{path}:3:10: not valid UTF-8 (byte 0xff)"
    assert raised.value.hint == "save the file as UTF-8"


def test_invalid_utf8_on_the_first_line(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_bytes(b"\xc3\x28format = 1\n")
    with pytest.raises(PlanUnreadable) as raised:
        read_text(path)
    assert raised.value.message == f"{path}:1:1: not valid UTF-8 (byte 0xc3)"


def test_invalid_utf8_column_counts_characters_not_bytes(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_bytes('format = 1\nplace = "Tiền'.encode() + b'\xff"\n')
    with pytest.raises(PlanUnreadable) as raised:
        read_text(path)
    # 'place = "Tiền' is 13 characters (15 bytes): the bad byte is character 14.
    assert raised.value.message == f"{path}:2:14: not valid UTF-8 (byte 0xff)"


def test_load_reads_a_file_and_names_it(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_text(MINIMAL_PLAN, encoding="utf-8")
    loaded = load(path)
    assert loaded.file == str(path)
    assert loaded.problems == ()
    assert loaded.plan is not None
    assert loaded.plan.file == str(path)
    assert loaded.plan.header is not None
    assert loaded.plan.header.number == "1/KH-TEST"


# --------------------------------------------------------------------------- BOM, NFC


def test_byte_order_mark_is_a_warning_and_the_file_still_parses(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL_PLAN.encode())
    loaded = load(path)

    assert [(p.code, p.severity, p.line, p.column) for p in loaded.problems] == [
        ("byte-order-mark", Severity.WARNING, 1, 1)
    ]
    assert loaded.plan is not None
    assert loaded.plan.header is not None
    assert loaded.plan.header.issuer == "ubnd"
    assert not loaded.text.startswith("\ufeff")
    # Line numbers are those of the file: the mark takes no line.
    assert loaded.plan.tasks[0].line == line_of(MINIMAL_PLAN, "[[task]]")


def test_byte_order_mark_keeps_syntax_positions() -> None:
    text = "\ufeffformat = 1\n[plan]\nkind = \n"
    problems = parse(text, "plan.toml").problems
    assert [(p.code, p.line, p.column) for p in problems] == [
        ("byte-order-mark", 1, 1),
        ("syntax", 3, 8),
    ]


def test_nfd_text_is_read_as_nfc_with_a_warning() -> None:
    nfd_title = unicodedata.normalize("NFD", "Kế hoạch thử nghiệm")
    assert nfd_title != "Kế hoạch thử nghiệm"
    text = MINIMAL_PLAN.replace('title = "Kế hoạch thử nghiệm"', f'title = "{nfd_title}"')
    assert text != MINIMAL_PLAN

    loaded = parse(text, "plan.toml")
    assert [(p.code, p.severity, p.line, p.path) for p in loaded.problems] == [
        ("not-nfc", Severity.WARNING, line_of(text, "title ="), "plan.title")
    ]
    assert loaded.plan is not None
    assert loaded.plan.header is not None
    assert loaded.plan.header.title == "Kế hoạch thử nghiệm"
    assert unicodedata.is_normalized("NFC", loaded.plan.header.title)


def test_nfd_text_in_a_collection_is_located() -> None:
    text = MINIMAL_PLAN.replace(
        'name = "Đài Phát thanh và Truyền hình"',
        'name = "' + unicodedata.normalize("NFD", "Đài Phát thanh và Truyền hình") + '"',
    )
    problems = check_text(text)
    assert [(p.code, p.path) for p in problems] == [("not-nfc", "agency[2].name")]


# --------------------------------------------------------------------------- finding the plan


def _write_default(cwd: Path) -> Path:
    default = cwd / "data" / "plan2017.toml"
    default.parent.mkdir(parents=True)
    default.write_text(MINIMAL_PLAN, encoding="utf-8")
    return default


def test_find_plan_explicit_path_wins_over_environment_and_default(tmp_path: Path) -> None:
    _write_default(tmp_path)
    env_plan = tmp_path / "env.toml"
    env_plan.write_text(MINIMAL_PLAN, encoding="utf-8")
    found = find_plan("given.toml", {"GGOV_PLAN_FILE": str(env_plan)}, tmp_path)
    assert found == Path("given.toml")


def test_find_plan_explicit_path_is_returned_even_if_missing(tmp_path: Path) -> None:
    missing = tmp_path / "missing.toml"
    assert find_plan(missing, {}, tmp_path) == missing


def test_find_plan_environment_wins_over_default(tmp_path: Path) -> None:
    _write_default(tmp_path)
    env_plan = tmp_path / "env.toml"
    env_plan.write_text(MINIMAL_PLAN, encoding="utf-8")
    assert find_plan(None, {"GGOV_PLAN_FILE": str(env_plan)}, tmp_path) == env_plan


def test_find_plan_falls_back_to_the_default_in_cwd(tmp_path: Path) -> None:
    default = _write_default(tmp_path)
    assert find_plan(None, {}, tmp_path) == default
    assert find_plan(None, {"GGOV_PLAN_FILE": ""}, tmp_path) == default


def test_find_plan_names_the_missing_environment_file(tmp_path: Path) -> None:
    env_value = str(tmp_path / "typo.toml")
    with pytest.raises(PlanNotFound) as raised:
        find_plan(None, {"GGOV_PLAN_FILE": env_value}, tmp_path)
    assert raised.value.message == f"no plan file found; looked in: $GGOV_PLAN_FILE = {env_value}"
    assert "--plan" in raised.value.hint
    assert "GGOV_PLAN_FILE" in raised.value.hint


def test_find_plan_never_falls_back_from_a_missing_environment_file(tmp_path: Path) -> None:
    # A typo in a cron job's environment must not quietly select another plan.
    _write_default(tmp_path)
    with pytest.raises(PlanNotFound) as raised:
        find_plan(None, {"GGOV_PLAN_FILE": str(tmp_path / "typo.toml")}, tmp_path)
    assert "data/plan2017.toml is not used" in raised.value.hint


def test_find_plan_without_environment_names_only_the_default(tmp_path: Path) -> None:
    with pytest.raises(PlanNotFound) as raised:
        find_plan(None, {}, tmp_path)
    default = tmp_path / "data" / "plan2017.toml"
    assert raised.value.message == f"no plan file found; looked in: {default}"


def test_plan_2017_path_exists() -> None:
    assert PLAN_2017.is_file()
    assert find_plan(None, {}, PLAN_2017.parent.parent) == PLAN_2017


# --------------------------------------------------------------------------- source map

SOURCEMAP_TEXT = """\
format = 1  # [not] a table

[plan]
kind = "[[agency]] is not a header, and x = 1 is not a key"
number = '[plan.fake] = #'  # ] comment [
  issuer = "ubnd"
meta.name = "Trần Thanh Đức"
"khóa có dấu" = 1
'lit.key' = 2
a."b.c".d = 3
# [[agency]]
# id = "commented-out"

[plan.signer]
position = "Phó Chủ tịch"

[[agency]]
id = "ubnd"
members = [
  "a]",
  "[[agency]]",
  # [[agency]]
]
matrix = [
  ["a]", "b"],
  ["c"]
]
point = { x = 1, y = "}" }
name = "after the array"

[[agency]]
id = "so-tttt"
name = \"\"\"
[[agency]]
id = "inside-a-string"
\"\"\"
short = '''
[[task]]
'''
parent = "ubnd"

[[indicator]]
id = "i1"

[[indicator.part]]
label = "a"

[[indicator.part]]
label = "b"

[[indicator]]
id = "i2"

[[indicator.part]]
label = "c"

[ "budget" ]
total = 1

[[ budget.source ]]  # comment [[x]]
id = "s1"
"""


def _starts(prefix: str, occurrence: int = 1) -> int:
    """The line of SOURCEMAP_TEXT that is the ``occurrence``-th to start with ``prefix``."""
    found = [
        n
        for n, line in enumerate(SOURCEMAP_TEXT.split("\n"), start=1)
        if line.lstrip().startswith(prefix)
    ]
    assert len(found) >= occurrence, prefix
    return found[occurrence - 1]


@pytest.fixture
def sourcemap() -> SourceMap:
    tomllib.loads(SOURCEMAP_TEXT)  # the map assumes valid TOML: make sure it is
    return SourceMap(SOURCEMAP_TEXT)


@pytest.mark.parametrize(
    ("path", "prefix", "occurrence"),
    [
        (("format",), "format = 1", 1),
        (("plan",), "[plan]", 1),
        (("plan", "kind"), "kind =", 1),
        (("plan", "number"), "number =", 1),
        (("plan", "signer"), "[plan.signer]", 1),
        (("plan", "signer", "position"), "position =", 1),
        (("agency", 0), "[[agency]]", 1),
        (("agency", 0, "id"), 'id = "ubnd"', 1),
        (("agency", 0, "members"), "members = [", 1),
        (("agency", 0, "matrix"), "matrix = [", 1),
        (("agency", 0, "point"), "point = {", 1),
        (("agency", 0, "name"), 'name = "after the array"', 1),
        (("agency", 1), "[[agency]]", 2),
        (("agency", 1, "id"), 'id = "so-tttt"', 1),
        (("agency", 1, "name"), 'name = """', 1),
        (("agency", 1, "short"), "short = '''", 1),
        (("agency", 1, "parent"), 'parent = "ubnd"', 1),
        (("indicator", 0), "[[indicator]]", 1),
        (("indicator", 0, "id"), 'id = "i1"', 1),
        (("indicator", 0, "part", 0), "[[indicator.part]]", 1),
        (("indicator", 0, "part", 0, "label"), 'label = "a"', 1),
        (("indicator", 0, "part", 1), "[[indicator.part]]", 2),
        (("indicator", 0, "part", 1, "label"), 'label = "b"', 1),
        (("indicator", 1), "[[indicator]]", 2),
        (("indicator", 1, "id"), 'id = "i2"', 1),
        (("indicator", 1, "part", 0), "[[indicator.part]]", 3),
        (("indicator", 1, "part", 0, "label"), 'label = "c"', 1),
        (("budget",), '[ "budget" ]', 1),
        (("budget", "total"), "total = 1", 1),
        (("budget", "source", 0), "[[ budget.source ]]", 1),
        (("budget", "source", 0, "id"), 'id = "s1"', 1),
    ],
)
def test_sourcemap_lines(
    sourcemap: SourceMap, path: tuple[str | int, ...], prefix: str, occurrence: int
) -> None:
    assert sourcemap.table_line(path) == _starts(prefix, occurrence)


def test_sourcemap_dotted_and_quoted_keys(sourcemap: SourceMap) -> None:
    assert sourcemap.locate(("plan", "meta", "name")) == (_starts("meta.name ="), 1)
    assert sourcemap.locate(("plan", "khóa có dấu")) == (_starts('"khóa có dấu" ='), 1)
    assert sourcemap.locate(("plan", "lit.key")) == (_starts("'lit.key' ="), 1)
    assert sourcemap.locate(("plan", "a", "b.c", "d")) == (_starts('a."b.c".d ='), 1)


def test_sourcemap_column_of_an_indented_key(sourcemap: SourceMap) -> None:
    assert sourcemap.locate(("plan", "issuer")) == (_starts("issuer ="), 3)


def test_sourcemap_is_not_fooled_by_strings_comments_or_arrays(sourcemap: SourceMap) -> None:
    data = tomllib.loads(SOURCEMAP_TEXT)
    assert len(data["agency"]) == 2
    assert "task" not in data
    # Headers written inside strings, comments and arrays open no table: there
    # is no third [[agency]], so its position falls back to the array's own…
    assert sourcemap.locate(("agency", 2)) == (_starts("[[agency]]", 1), 1)
    assert sourcemap.locate(("task", 0)) == (None, None)
    assert sourcemap.locate(("c",)) == (None, None)
    # …and keys written inside strings or comments are not keys.
    assert sourcemap.locate(("agency", 1, "x")) == (_starts("[[agency]]", 2), 1)
    assert sourcemap.locate(("plan", "x")) == (_starts("[plan]"), 1)
    assert sourcemap.locate(("plan", "fake")) == (_starts("[plan]"), 1)
    assert sourcemap.locate(("plan", "id")) == (_starts("[plan]"), 1)


def test_sourcemap_locate_falls_back_to_the_nearest_ancestor(sourcemap: SourceMap) -> None:
    assert sourcemap.locate(("indicator", 0, "part", 1, "value")) == (
        _starts("[[indicator.part]]", 2),
        1,
    )
    assert sourcemap.locate(("nothing", 0)) == (None, None)
    assert sourcemap.locate(()) == (None, None)


def test_records_carry_the_line_of_their_header() -> None:
    loaded = parse(MINIMAL_PLAN, "plan.toml")
    assert loaded.plan is not None
    assert loaded.plan.header is not None
    assert loaded.plan.budget is not None
    assert loaded.plan.header.line == line_of(MINIMAL_PLAN, "[plan]")
    assert [a.line for a in loaded.plan.agencies] == [
        line_of(MINIMAL_PLAN, "[[agency]]", n) for n in (1, 2, 3)
    ]
    assert [a.path for a in loaded.plan.agencies] == ["agency[0]", "agency[1]", "agency[2]"]
    assert loaded.plan.budget.line == line_of(MINIMAL_PLAN, "[budget]")
    assert [s.line for s in loaded.plan.sources] == [
        line_of(MINIMAL_PLAN, "[[budget.source]]", n) for n in (1, 2)
    ]
    assert loaded.plan.sources[1].path == "budget.source[1]"


def test_real_plan_indicator_parts_lines() -> None:
    text = PLAN_2017.read_text(encoding="utf-8")
    loaded = parse(text, str(PLAN_2017))
    assert loaded.plan is not None
    indicator = loaded.plan.by_id("indicators")["dvc-muc-do-3"]
    assert indicator.line == line_of(text, "[[indicator]]", 2)
    assert [p.line for p in indicator.parts] == [
        line_of(text, "[[indicator.part]]", n) for n in (1, 2)
    ]
    assert [p.value for p in indicator.parts] == [318, 370]


@pytest.mark.parametrize("quote", ['"""', "'''"])
def test_sourcemap_one_line_triple_quoted_string(quote: str) -> None:
    text = f'[plan]\ntitle = {quote}Kế hoạch{quote}\nnumber = "1"\n\n[[task]]\nid = "t1"\n'
    tomllib.loads(text)
    sourcemap = SourceMap(text)
    assert sourcemap.table_line(("plan", "number")) == 3
    assert sourcemap.table_line(("task", 0)) == 5


@pytest.mark.parametrize("separator", ["\u2028", "\x85", "\u2029"])
def test_sourcemap_counts_only_newlines(separator: str) -> None:
    text = f'[plan]\ntitle = "a{separator}b"  # c{separator}d\nnumber = "1"\n'
    assert tomllib.loads(text)["plan"]["number"] == "1"
    assert SourceMap(text).table_line(("plan", "number")) == 3


def test_problem_line_after_a_line_separator_in_text(minimal_plan_text: str) -> None:
    text = minimal_plan_text.replace(
        'title = "Kế hoạch thử nghiệm"', 'title = "Kế hoạch\u2028thử nghiệm"'
    ).replace('agency = "so-tttt"', 'agency = "so-ttt"')
    # The replacement also breaks [plan] lead_agency; the task's problem is the one to locate.
    (problem,) = [p for p in check_text(text) if p.path.startswith("task")]
    assert problem.code == "unknown-reference"
    assert problem.line == text.split("\n").index("[[task]]") + 1
