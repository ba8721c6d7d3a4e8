"""The parse cache never serves stale or different data.

The property test applies random appends (journal blocks, and hand-written
text of every awkward kind) and random hand edits to a plan, loading it
through the cache after each step, and compares every record — positions
included — and every problem with a full parse of the same bytes. The other
tests pin down the cache's file handling: where entries live, that a corrupt
or foreign entry is ignored and replaced, and that --no-cache and
GGOV_PLAN_NO_CACHE=1 neither read nor write it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import MINIMAL_PLAN
from ggov_plan.cli import app
from ggov_plan.plan import cache, front
from ggov_plan.plan.model import COLLECTIONS, Plan, Record
from ggov_plan.plan.parse import parse
from ggov_plan.problems import Problem, Severity
from ggov_plan.write.journal import render_blocks
from track_helpers import ENV, PLAN_2017, TODAY, cli, copy_plan, process_env


@pytest.fixture(autouse=True)
def _cache_on(monkeypatch: pytest.MonkeyPatch) -> None:
    # These tests are about the cache itself: on even when the suite runs
    # with GGOV_PLAN_NO_CACHE=1 (.ci/run's second pass). Turning it off is
    # tested explicitly below.
    monkeypatch.delenv("GGOV_PLAN_NO_CACHE", raising=False)


# --------------------------------------------------------------------------- comparing


def exact(value: Any) -> Any:
    """A record or plan as plain data, with the fields equality ignores (line,
    column, path) included: a cached record must stand where a parsed one does."""
    if isinstance(value, Record):
        return (
            type(value).__name__,
            tuple(exact(getattr(value, f.name)) for f in dataclasses.fields(value)),
        )
    if isinstance(value, tuple):
        return tuple(exact(v) for v in value)
    return value


def plan_facts(plan: Plan | None) -> Any:
    if plan is None:
        return None
    return (
        plan.file,
        plan.format,
        exact(plan.header),
        exact(plan.budget),
        tuple(exact(getattr(plan, attribute)) for _, _, attribute in COLLECTIONS),
        {key: ids for key, ids in plan.declared_ids.items() if ids},
    )


def assert_same_as_full_parse(raw: bytes, result: cache.CachedLoad, file: str) -> None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise AssertionError("the cache loaded bytes a full read refuses") from None
    full = parse(text, file)
    assert plan_facts(result.loaded.plan) == plan_facts(full.plan), result.how
    assert result.loaded.problems == full.problems, result.how
    assert result.loaded.data == full.data, result.how
    assert result.loaded.text == full.text, result.how


# --------------------------------------------------------------------------- random changes

_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=12
) | st.sampled_from(["Tiền Giang", "Đài PT-TH", 'a "quote"', "x\\u0301", "[[activity]]", "\n"])

_ACTIVITY_IDS = st.sampled_from(["so-tttt-2a2a", "so-tttt-3b3b", "so-tttt-4c4c"])


@st.composite
def journal_records(draw: st.DrawFn) -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = []
    for _ in range(draw(st.integers(1, 3))):
        ident = draw(_ACTIVITY_IDS) + "-" + str(draw(st.integers(0, 999)))
        if draw(st.booleans()):
            record: dict[str, Any] = {"id": ident, "task": "t1", "title": draw(_TEXT)}
            if draw(st.booleans()):
                record["cost"] = draw(st.integers(-5, 10**12))
            if draw(st.booleans()):
                record["due"] = draw(st.dates(dt.date(2017, 1, 1), dt.date(2018, 12, 31)))
            out.append(("activity", record))
        else:
            record = {"id": ident + "-c", "activity": ident, "date": dt.date(2017, 9, 20)}
            if draw(st.booleans()):
                record["note"] = draw(_TEXT)
            out.append(("completion", record))
    return out


#: Hand-written additions: each is something a person might paste at the end.
_HAND_APPENDS = [
    b"# a comment at the end\n",
    b'\n[[activity]]\nid = "so-tttt-hand"\ntask = "t1"\ntitle = "Vi\xe1\xba\xbft tay"\n',
    b"\n[budget]\ntotal = 1\n",  # a second [budget]: a syntax error
    b"\n[[activity.sub]]\nx = 1\n",  # extends the last activity
    b"extra = 1\n",  # a key in the last table
    b"0\n",  # continues the last line's number when it has no newline
    b'\n[[task]]\nid = "t9"\nagency = "so-tttt"\ntext = "Nhi\xe1\xbb\x87m v\xe1\xbb\xa5"\n',
    b'\n[[activity]]\nid = "so-tttt-esc"\ntask = "t1"\ntitle = "e\\u0301"\n',  # NFD escape
    b'\n[[activity]]\nid = \'so-tttt-lit\'\ntask = "t1"\ntitle = """\n[[activity]]\n"""\n',
    b"\xff\xfe",  # not UTF-8
    b"\n[[legal_basis]]\nid = 'x'\n",
    b'\n  [[ activity ]]  # spaced\nid = "so-tttt-sp"\ntask = "t1"\ntitle = "ok"\n',
    b'\r\n[[activity]]\r\nid = "so-tttt-crlf"\r\ntask = "t1"\r\ntitle = "ok"\r\n',
    b'\n[[void]]\nid = "v1"\ncompletion = "nowhere"\nreason = "r"\n',
]


@st.composite
def changes(draw: st.DrawFn) -> list[tuple[str, Any]]:
    steps: list[tuple[str, Any]] = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["journal", "journal", "hand-append", "edit", "truncate"]))
        if kind == "journal":
            steps.append((kind, draw(journal_records())))
        elif kind == "hand-append":
            steps.append((kind, draw(st.sampled_from(_HAND_APPENDS))))
        elif kind == "edit":
            steps.append((kind, (draw(st.floats(0, 1)), draw(st.binary(min_size=0, max_size=3)))))
        else:
            steps.append((kind, draw(st.integers(1, 40))))
    return steps


def apply(raw: bytes, kind: str, change: Any) -> bytes:
    if kind == "journal":
        newline = "\r\n" if b"\r\n" in raw else "\n"
        blocks = render_blocks(change, newline).encode("utf-8")
        separator = newline.encode() if raw.endswith(b"\n") else newline.encode() * 2
        return raw + separator + blocks
    if kind == "hand-append":
        return raw + bytes(change)
    if kind == "edit":  # replace a few bytes somewhere, same length or not
        where, new = change
        at = int(where * len(raw))
        return raw[:at] + new + raw[at + len(new) :]
    return raw[: max(0, len(raw) - change)]  # truncate the end


#: Starting points: the shipped shape, a plan whose activities are an inline
#: array (appended [[activity]] blocks then make it invalid), and one without
#: a newline at its end.
_BASES = [
    MINIMAL_PLAN,
    MINIMAL_PLAN.replace("format = 1\n", "format = 1\nactivity = []\n", 1),
    MINIMAL_PLAN + "# no newline at the end",
]


@settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(base=st.sampled_from(_BASES), steps=changes())
def test_cached_loads_equal_full_parses(
    tmp_path: Path, base: str, steps: list[tuple[str, Any]]
) -> None:
    folder = tmp_path / f"cache-{os.urandom(4).hex()}"
    plan = tmp_path / f"plan-{os.urandom(4).hex()}.toml"
    raw = base.encode("utf-8")
    plan.write_bytes(raw)
    first = cache.load(plan, folder=folder)
    assert first.how == "parsed"
    assert_same_as_full_parse(raw, first, str(plan))
    for kind, change in steps:
        raw = apply(raw, kind, change)
        plan.write_bytes(raw)
        try:
            result = cache.load(plan, folder=folder)
        except Exception as error:  # only a file that is not UTF-8 may fail to load
            with pytest.raises(UnicodeDecodeError):
                raw.decode("utf-8")
            assert type(error).__name__ == "PlanUnreadable"
            continue
        assert_same_as_full_parse(raw, result, str(plan))
        # And again: the entry just written must serve the same.
        again = cache.load(plan, folder=folder)
        assert_same_as_full_parse(raw, again, str(plan))


# --------------------------------------------------------------------------- paths taken


def test_the_three_paths_unchanged_appended_and_edited(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    folder = tmp_path / "cache"
    assert cache.load(plan, folder=folder).how == "parsed"
    assert cache.load(plan, folder=folder).how == "cache"
    raw = plan.read_bytes()
    blocks = render_blocks(
        [
            (
                "activity",
                {"id": "so-tttt-2a2a", "task": "v1-san-xuat-chuong-trinh", "title": "Phóng sự"},
            )
        ]
    )
    plan.write_bytes(raw + b"\n" + blocks.encode())
    appended = cache.load(plan, folder=folder)
    assert appended.how == "appended"
    assert_same_as_full_parse(plan.read_bytes(), appended, str(plan))
    # A hand edit in the middle, same size: the digest differs, so a full parse.
    edited = plan.read_bytes().replace(b"Ti\xe1\xbb\x81n Giang", b"Ti\xe1\xbb\x81n GIANG", 1)
    assert len(edited) == len(plan.read_bytes())
    plan.write_bytes(edited)
    result = cache.load(plan, folder=folder)
    assert result.how == "parsed"
    assert_same_as_full_parse(edited, result, str(plan))


def test_a_plan_with_problems_is_never_cached(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text(MINIMAL_PLAN.replace('kind = "Kế hoạch"\n', ""), encoding="utf-8")
    folder = tmp_path / "cache"
    assert cache.load(plan, folder=folder).loaded.problems
    assert not (folder / "plans").exists() or not any((folder / "plans").iterdir())
    assert cache.load(plan, folder=folder).how == "parsed"


# --------------------------------------------------------------------------- the cache files


def entry_of(plan: Path, folder: Path) -> Path:
    return cache.entry_path(plan, folder)


@pytest.mark.parametrize(
    "damage",
    [
        b"",  # empty
        b"not a cache entry\n",  # wrong tag
        cache.FORMAT_TAG.encode() + b"\n" + b"\x80\x05garbage",  # corrupt pickle
        cache.FORMAT_TAG.encode() + b"\n" + pickle.dumps(("a", "tuple"), protocol=5),
        # A pickle that would run a command when unpickled without the allow-list.
        cache.FORMAT_TAG.encode() + b"\n" + b"cos\nsystem\n(S'touch PWNED'\ntR.",
    ],
    ids=["empty", "wrong-tag", "corrupt", "wrong-shape", "code"],
)
def test_a_bad_entry_is_ignored_and_rebuilt(
    tmp_path: Path, damage: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    plan = copy_plan(tmp_path)
    folder = tmp_path / "cache"
    cache.load(plan, folder=folder)
    entry = entry_of(plan, folder)
    entry.write_bytes(damage)
    result = cache.load(plan, folder=folder)
    assert result.how == "parsed"
    assert_same_as_full_parse(plan.read_bytes(), result, str(plan))
    assert not (tmp_path / "PWNED").exists()
    assert cache.read_entry(entry) is not None  # replaced by a good one
    assert cache.load(plan, folder=folder).how == "cache"


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_an_entry_others_could_write_is_not_trusted(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    folder = tmp_path / "cache"
    cache.load(plan, folder=folder)
    entry = entry_of(plan, folder)
    entry.chmod(0o666)
    assert cache.read_entry(entry) is None
    assert cache.load(plan, folder=folder).how == "parsed"
    assert entry.stat().st_mode & 0o077 == 0  # replaced by a private one


def test_an_unreadable_cache_folder_does_not_fail_the_load(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    folder = tmp_path / "cache"
    folder.write_text("a file where the folder should be")
    result = cache.load(plan, folder=folder)
    assert result.how == "parsed"
    assert result.loaded.plan is not None


def test_entries_live_in_the_user_cache_folder_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    (tmp_path / "repo").mkdir()
    plan = copy_plan(tmp_path / "repo")
    before = sorted(p.name for p in plan.parent.iterdir())
    cache.load(plan)
    assert sorted(p.name for p in plan.parent.iterdir()) == before  # nothing beside the plan
    entries = list((tmp_path / "xdg" / "ggov-plan" / "plans").iterdir())
    assert len(entries) == 1  # the plan's entry (rules ran only through the CLI)
    assert entries[0].stat().st_mode & 0o077 == 0  # private to the user


def _cached_entries(xdg: Path) -> list[Path]:
    plans = xdg / "ggov-plan" / "plans"
    return list(plans.glob("*.pickle")) if plans.exists() else []


@pytest.mark.parametrize("how", ["option", "env"])
def test_no_cache_neither_reads_nor_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    xdg = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CACHE_HOME", str(xdg))
    plan = copy_plan(tmp_path)
    args: list[object] = ["status", "--json", "-p", plan]
    if how == "option":
        args.append("--no-cache")
    else:
        monkeypatch.setenv("GGOV_PLAN_NO_CACHE", "1")
    assert cli(*args).exit_code == 0
    assert _cached_entries(xdg) == []
    # With a planted entry claiming the file's exact bytes, --no-cache must not use it.
    monkeypatch.delenv("GGOV_PLAN_NO_CACHE", raising=False)
    assert cli("status", "--json", "-p", plan).exit_code == 0
    (entry,) = _cached_entries(xdg)
    known = cache.read_entry(entry)
    assert known is not None
    lying = dataclasses.replace(
        known, plan=dataclasses.replace(known.plan, activities=(), completions=())
    )
    cache.write_entry(entry, lying)
    if how == "env":
        monkeypatch.setenv("GGOV_PLAN_NO_CACHE", "1")
    full = cli(*args)
    monkeypatch.delenv("GGOV_PLAN_NO_CACHE", raising=False)
    assert full.exit_code == 0
    assert '"activities"' in full.stdout
    assert cache.read_entry(entry) == lying  # not rewritten either


def test_a_write_leaves_the_cache_warm_and_right(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    xdg = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CACHE_HOME", str(xdg))
    plan = copy_plan(tmp_path)
    added = cli(
        "activity", "add", "--task", "v1-san-xuat-chuong-trinh", "--title", "Phóng sự", "-p", plan
    )
    assert added.exit_code == 0, added.stderr
    result = cache.load(plan)
    # The entry of before the write still serves: only the new block is parsed.
    assert result.how == "appended"
    assert_same_as_full_parse(plan.read_bytes(), result, str(plan))


def test_an_entry_is_rewritten_once_the_appended_part_is_large(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text(MINIMAL_PLAN, encoding="utf-8")
    folder = tmp_path / "cache"
    assert cache.load(plan, folder=folder).how == "parsed"
    block = render_blocks([("activity", {"id": "so-tttt-2a2a", "task": "t1", "title": "Phóng sự"})])
    plan.write_bytes(plan.read_bytes() + b"\n" + block.encode())
    # A block is more than 1/32 of this small plan: the entry is rewritten.
    assert cache.load(plan, folder=folder).how == "appended"
    assert cache.load(plan, folder=folder).how == "cache"


def test_same_bytes_under_another_name_share_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    first = copy_plan(tmp_path, "a.toml")
    second = copy_plan(tmp_path, "b.toml")
    cache.load(first, folder=folder)
    result = cache.load(second, folder=folder)
    assert result.how == "parsed"
    assert result.loaded.plan is not None and result.loaded.plan.file == str(second)


def test_the_shipped_plan_is_cacheable() -> None:
    raw = PLAN_2017.read_bytes()
    result = cache.load_raw(raw, "plan2017.toml", None)
    assert result.snapshot is not None
    assert "activity" not in result.snapshot.keys
    assert TODAY  # the shared "today" of the tracking tests is set


# --------------------------------------------------------------------------- remembered checks


def test_remembered_checks_are_per_day_language_and_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rules' result is reused only for the same bytes, day, language and name."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)
    plan = copy_plan(tmp_path)
    activity = cli(
        "activity", "add", "--task", "v1-san-xuat-chuong-trinh", "--title", "Phóng sự", "-p", plan
    ).stdout.split()[-1]
    recorded = cli("record", activity, "--date", "2017-12-20", "-p", plan)
    assert recorded.exit_code == 0, recorded.stderr

    def check(today: str, *more: str) -> tuple[int, str]:
        result = CliRunner().invoke(app, ["check", *more], env={**ENV, "GGOV_PLAN_TODAY": today})
        return result.exit_code, result.stdout

    relative = ["plan2017.toml"]
    assert check("2017-12-31", *relative)[0] == 0
    code, out = check("2017-12-01", *relative)  # the completion is now in the future
    assert code == 1 and "future-date" in out
    assert check("2017-12-31", *relative)[0] == 0
    english = check("2017-12-01", *relative, "--lang", "en")[1]
    vietnamese = check("2017-12-01", *relative, "--lang", "vi")[1]
    assert english != vietnamese
    assert check("2017-12-01", *relative, "--lang", "en")[1] == english
    # Another name for the same file: messages name the file as given.
    problem_lines = [
        line
        for line in check("2017-12-01", str(plan), "--lang", "en")[1].splitlines()
        if "future-date" in line
    ]
    assert problem_lines and all(line.startswith(f"{plan}:") for line in problem_lines)
    # And every answer equals the uncached one.
    monkeypatch.setenv("GGOV_PLAN_NO_CACHE", "1")
    assert check("2017-12-01", *relative, "--lang", "en")[1] == english


# ------------------------------------------------------------ entries not to trust


def _warm(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A plan whose cache entry and remembered check both exist, and their folder."""
    plan = copy_plan(tmp_path)
    folder = tmp_path / "cache"
    front.read(plan, today=dt.date(2017, 12, 31), cache=True, folder=folder)
    entry = entry_of(plan, folder)
    assert entry.exists() and entry.with_suffix(".checked").exists()
    return plan, folder, entry


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
@pytest.mark.parametrize("suffix", ["", ".checked"])
def test_a_fifo_at_an_entry_path_is_never_read(tmp_path: Path, suffix: str) -> None:
    # Reading a FIFO waits for a writer: planted in a shared cache folder, it
    # would hang every command. A subprocess, so that a hang is a timeout.
    plan, folder, entry = _warm(tmp_path)
    target = entry.with_suffix(suffix) if suffix else entry
    target.unlink()
    os.mkfifo(target)
    env = {**process_env(), "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    code = (
        "import datetime as dt, pathlib, sys\n"
        "from ggov_plan.plan import front\n"
        "r = front.read(pathlib.Path(sys.argv[1]), today=dt.date(2017, 12, 31), cache=True,"
        " folder=pathlib.Path(sys.argv[2]))\n"
        "print(r.valid)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(plan), str(folder)],
        env=env, capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert (done.returncode, done.stdout.strip()) == (0, "True"), done.stderr


@pytest.mark.parametrize(
    "payload",
    [
        [1, 2, 3],  # not problems
        "not a list",
        [Problem(Severity.ERROR, "x", 5, "plan.toml")],  # type: ignore[arg-type]
    ],
    ids=["ints", "a-string", "a-problem-of-the-wrong-shape"],
)
def test_a_remembered_check_of_the_wrong_shape_is_ignored(tmp_path: Path, payload: object) -> None:
    plan, folder, entry = _warm(tmp_path)
    checked = entry.with_suffix(".checked")
    stream = io.BytesIO(checked.read_bytes())
    stream.readline()
    key, _ = cache._load_payload(stream)
    checked.write_bytes(
        cache.FORMAT_TAG.encode() + b"\n" + pickle.dumps((key, payload), protocol=5)
    )
    assert cache.recall_problems(entry, key) is None
    reading = front.read(plan, today=dt.date(2017, 12, 31), cache=True, folder=folder)
    assert [p.code for p in reading.problems] == ["indicator-sum"]


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_entries_in_a_folder_others_can_write_are_not_trusted(tmp_path: Path) -> None:
    plan, folder, entry = _warm(tmp_path)
    folder_of_entry = entry.parent
    folder_of_entry.chmod(0o777)
    assert cache.read_entry(entry) is None
    assert cache.recall_problems(entry, ("x", "y", "z")) is None  # type: ignore[arg-type]
    assert cache.load(plan, folder=folder).how == "parsed"


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_the_cache_folder_is_created_private(tmp_path: Path) -> None:
    plan = copy_plan(tmp_path)
    folder = tmp_path / "cache"
    cache.load(plan, folder=folder)
    entry = entry_of(plan, folder)
    assert entry.parent.stat().st_mode & 0o077 == 0


def test_a_cached_plan_keeps_its_report_table(tmp_path: Path) -> None:
    # [report] sets who signs the official report: a cached read must not drop it.
    plan = tmp_path / "plan.toml"
    plan.write_bytes((Path(PLAN_2017).parents[1] / "tests/fixtures/city2023.toml").read_bytes())
    folder = tmp_path / "cache"
    first = cache.load(plan, folder=folder)
    again = cache.load(plan, folder=folder)
    assert again.how == "cache"
    assert first.loaded.plan is not None and again.loaded.plan is not None
    assert again.loaded.plan.report == first.loaded.plan.report
    assert again.loaded.plan.report is not None
    assert again.loaded.plan.report.signer_name == "Trần Quốc Bảo"
