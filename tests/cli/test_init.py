"""``ggov-plan init``: a new plan file that passes check, from another plan or blank.

Every test writes into its own tmp_path. The refusals (existing file, folder,
missing folder, bad options) must leave the file system exactly as it was.
"""

from __future__ import annotations

import errno
import os
import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from ggov_plan.cli import app
from ggov_plan.plan.parse import parse_file as load
from ggov_plan.write import atomic

ROOT = Path(__file__).resolve().parents[2]
PLAN_2017 = ROOT / "data" / "plan2017.toml"
TRACKED = ROOT / "examples" / "plan2017-tracked.toml"
MINISTRY = ROOT / "tests" / "fixtures" / "ministry2021.toml"
JOURNAL_HEADERS = (
    "[[activity]]",
    "[[completion]]",
    "[[cancellation]]",
    "[[void]]",
    "[[measurement]]",
    "[[note]]",
    "[[amendment]]",
)

ENV: dict[str, str | None] = {
    "GGOV_PLAN_TODAY": "2018-01-15",
    "GGOV_PLAN_FILE": None,
    "GGOV_PLAN_DEBUG": None,
    "FORCE_COLOR": None,
}
runner = CliRunner()


def cli(*args: object) -> Result:
    return runner.invoke(app, [str(a) for a in args], env=ENV)


def check_ok(path: Path) -> Result:
    result = cli("check", path)
    assert result.exit_code == 0, result.stdout
    assert f"{path}: valid (0 errors" in result.stdout
    return result


def snapshot(folder: Path) -> dict[str, tuple[bytes | None, int]]:
    """Every entry below ``folder``: content (None for folders) and mtime."""
    out: dict[str, tuple[bytes | None, int]] = {}
    for path in sorted(folder.rglob("*")):
        content = None if path.is_dir() else path.read_bytes()
        out[str(path.relative_to(folder))] = (content, path.stat().st_mtime_ns)
    return out


def declaration_of(text: str) -> str:
    """What init --from should copy: the text above the first journal header, trimmed."""
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith(JOURNAL_HEADERS))
    return "\n".join(lines[:first]).rstrip() + "\n"


# --------------------------------------------------------------------------- --blank


def test_blank_writes_a_commented_template_that_passes_check(tmp_path: Path) -> None:
    target = tmp_path / "plan.toml"
    result = cli("init", target, "--blank")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"wrote {target}: a blank plan to fill in",
        f"{target}: valid (0 errors, 0 warnings)",
        f"next: edit {target} (`ggov-plan schema` describes every key), then run: "
        f"ggov-plan check {shlex.quote(str(target))}",
    ]
    check_ok(target)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# A new ggov-plan plan file")
    assert "`ggov-plan schema` describes every table and key" in text
    assert "--from sample:plan2017" in text  # a complete example, in every install
    assert "format = 1\n" in text
    loaded = load(target)
    assert loaded.plan is not None and loaded.plan.header is not None
    assert loaded.plan.budget is not None
    assert [a.id for a in loaded.plan.agencies] == ["ubnd-tinh"]
    assert [t.id for t in loaded.plan.tasks] == ["nhiem-vu-1"]
    [source] = loaded.plan.budget.sources
    assert source.amount == loaded.plan.budget.total
    # Placeholder dates are this year's ("today" is 2018-01-15 here).
    assert (loaded.plan.header.start.isoformat(), loaded.plan.header.end.isoformat()) == (
        "2018-01-01",
        "2018-12-31",
    )
    assert loaded.plan.activities == ()


def test_a_blank_plan_takes_journal_records(tmp_path: Path) -> None:
    target = tmp_path / "plan.toml"
    assert cli("init", target, "--blank").exit_code == 0
    added = cli("activity", "add", "--task", "nhiem-vu-1", "--title", "Hội nghị", "-p", target)
    assert added.exit_code == 0, added.stderr
    check_ok(target)
    plan = load(target).plan
    assert plan is not None and len(plan.activities) == 1


def test_new_file_gets_ordinary_permissions_and_no_temp_file_is_left(tmp_path: Path) -> None:
    target = tmp_path / "plan.toml"
    old_mask = os.umask(0o022)
    try:
        assert cli("init", target, "--blank").exit_code == 0
    finally:
        os.umask(old_mask)
    assert target.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["plan.toml"]


# --------------------------------------------------------------------------- --from


def test_from_the_shipped_plan_copies_it_whole(tmp_path: Path) -> None:
    target = tmp_path / "plan2018.toml"
    result = cli("init", target, "--from", PLAN_2017)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        f"wrote {target}: the declaration of {PLAN_2017} (it has no journal records)"
    )
    assert f"{target}: valid (0 errors, 1 warning)" in result.stdout  # the document's own
    assert target.read_bytes() == PLAN_2017.read_bytes()
    check_ok(target)


def test_from_a_tracked_plan_drops_the_journal_and_keeps_the_comments(tmp_path: Path) -> None:
    target = tmp_path / "plan2018.toml"
    result = cli("init", target, "--from", TRACKED)
    assert result.exit_code == 0, result.stderr
    assert "left out its journal: 4 activities, 3 completions, 1 cancellation" in result.stdout
    check_ok(target)
    text = target.read_text(encoding="utf-8")
    tracked = TRACKED.read_text(encoding="utf-8")
    # Byte for byte: the declaration of the tracked example, which is the
    # shipped plan with the four comment lines make-tracked.sh puts above it.
    assert text == declaration_of(tracked)
    assert text.endswith(PLAN_2017.read_text(encoding="utf-8"))
    assert text.startswith("# ILLUSTRATIVE ONLY")
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    assert len(comments) > 40
    kept = iter(tracked.splitlines())
    assert all(comment in kept for comment in comments)  # every one, in order
    assert not any(line.startswith(JOURNAL_HEADERS) for line in text.splitlines())
    plan = load(target).plan
    assert plan is not None
    assert (plan.activities, plan.completions, plan.cancellations, plan.voids) == ((), (), (), ())
    source = load(TRACKED).plan
    assert source is not None
    assert plan.tasks == source.tasks and plan.budget == source.budget


def test_from_a_plan_with_voids_drops_them_too(tmp_path: Path) -> None:
    target = tmp_path / "ministry2022.toml"
    result = cli("init", target, "--from", MINISTRY)
    assert result.exit_code == 0, result.stderr
    assert "1 void" in result.stdout
    check_ok(target)
    assert target.read_text(encoding="utf-8") == declaration_of(
        MINISTRY.read_text(encoding="utf-8")
    )


DECLARATION = PLAN_2017.read_text(encoding="utf-8")
ACTIVITY = """\
[[activity]]  # so-tttt-a1
id = "so-tttt-a1"
task = "v1-truong-hoc"
title = "Buổi tuyên truyền"
"""


def _write(folder: Path, text: str, name: str = "source.toml") -> Path:
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path


@pytest.mark.parametrize(
    "header",
    ["[[activity]]", "[[activity]]  # so-tttt-a1", "  [[ activity ]]", "[[void]]# x"],
)
def test_the_cut_is_at_the_first_journal_header_however_written(
    tmp_path: Path, header: str
) -> None:
    journal = ACTIVITY.replace("[[activity]]  # so-tttt-a1", header)
    if "void" in header:
        journal = f'{header}\ncompletion = "c1"\nreason = "x"\n'
    source = _write(tmp_path, DECLARATION + "\n# journal\n\n" + journal)
    target = tmp_path / "new.toml"
    result = cli("init", target, "--from", source)
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8") == DECLARATION + "\n# journal\n"


def test_a_header_like_line_inside_a_multi_line_string_is_not_a_cut(tmp_path: Path) -> None:
    closing = next(line for line in DECLARATION.split("\n") if line.startswith("closing = "))
    declaration = DECLARATION.replace(
        closing, 'closing = """\nSee below.\n[[activity]]\nis how the journal starts.\n"""'
    )
    source = _write(tmp_path, declaration + "\n" + ACTIVITY)
    target = tmp_path / "new.toml"
    result = cli("init", target, "--from", source)
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8") == declaration
    plan = load(target).plan
    assert plan is not None and plan.header is not None
    assert plan.header.closing == "See below.\n[[activity]]\nis how the journal starts.\n"


def test_crlf_line_ends_are_kept_and_a_byte_order_mark_is_not(tmp_path: Path) -> None:
    text = "\ufeff" + (DECLARATION + "\n" + ACTIVITY).replace("\n", "\r\n")
    source = _write(tmp_path, text)
    target = tmp_path / "new.toml"
    result = cli("init", target, "--from", source)
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes() == DECLARATION.replace("\n", "\r\n").encode("utf-8")
    check_ok(target)


def test_a_declaration_that_goes_on_below_the_journal_is_refused(tmp_path: Path) -> None:
    head, budget, tail = DECLARATION.partition("[budget]")
    source = _write(tmp_path, head + ACTIVITY + "\n" + budget + tail)
    assert load(source).plan is not None
    before = snapshot(tmp_path)
    result = cli("init", tmp_path / "new.toml", "--from", source)
    assert result.exit_code == 2
    assert "does not end where its journal begins" in result.stderr
    assert "nothing was written" in result.stderr
    assert snapshot(tmp_path) == before


def test_a_source_whose_declaration_is_invalid_is_refused(tmp_path: Path) -> None:
    source = _write(tmp_path, DECLARATION.replace('lead_agency = "so-tttt"', 'lead_agency = "x"'))
    before = snapshot(tmp_path)
    result = cli("init", tmp_path / "new.toml", "--from", source)
    assert result.exit_code == 2
    assert "error[unknown-reference]" in result.stderr  # the problem, with its line
    assert "would not pass check; nothing was written" in result.stderr
    assert snapshot(tmp_path) == before


def test_a_source_that_is_not_toml_is_refused(tmp_path: Path) -> None:
    source = _write(tmp_path, DECLARATION + "\n[[activity]\n")
    before = snapshot(tmp_path)
    result = cli("init", tmp_path / "new.toml", "--from", source)
    assert result.exit_code == 2
    assert "error[syntax]" in result.stderr
    assert "is not valid TOML" in result.stderr
    assert snapshot(tmp_path) == before


def test_a_missing_source_is_refused(tmp_path: Path) -> None:
    result = cli("init", tmp_path / "new.toml", "--from", tmp_path / "missing.toml")
    assert result.exit_code == 2
    assert f"--from {tmp_path / 'missing.toml'}: no such file" in result.stderr
    assert "--plan" not in result.stderr
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- samples


def test_from_a_sample_needs_no_clone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A wheel install has no data/ folder: the shipped plan comes from the package."""
    monkeypatch.chdir(tmp_path)
    result = cli("init", "plan2018.toml", "--from", "sample:plan2017")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        "wrote plan2018.toml: the declaration of sample:plan2017 (it has no journal records)",
        "plan2018.toml: valid (0 errors, 1 warning)",
    ]
    assert (tmp_path / "plan2018.toml").read_bytes() == PLAN_2017.read_bytes()
    check_ok(tmp_path / "plan2018.toml")


def test_an_unknown_sample_is_refused_with_the_names_there_are(tmp_path: Path) -> None:
    result = cli("init", tmp_path / "new.toml", "--from", "sample:plan2099")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "ggov-plan: error: --from sample:plan2099: no sample has that name; nothing was written",
        "  hint: the samples are: sample:plan2017 (ggov-plan init --list-samples)",
    ]
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_looks_like_a_sample_is_read_with_a_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(MINISTRY, tmp_path / "sample:plan2017")
    result = cli("init", "new.toml", "--from", "./sample:plan2017")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "new.toml").read_text(encoding="utf-8") == declaration_of(
        MINISTRY.read_text(encoding="utf-8")
    )


def test_list_samples_names_each_with_its_document(tmp_path: Path) -> None:
    result = cli("init", "--list-samples")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "sample:plan2017: Kế hoạch 228/KH-UBND, 2017-08-18 to 2017-12-31: Tuyên truyền xây "
        "dựng chính quyền điện tử, dịch vụ công trực tuyến trên địa bàn tỉnh Tiền Giang năm 2017",
        "start a plan from one: ggov-plan init PATH --from sample:NAME",
    ]
    vi = runner.invoke(app, ["init", "--list-samples"], env={**ENV, "GGOV_PLAN_LANG": "vi"})
    assert vi.exit_code == 0, vi.stderr
    assert vi.stdout.splitlines()[0].startswith(
        "sample:plan2017: Kế hoạch 228/KH-UBND, 2017-08-18 đến 2017-12-31: Tuyên truyền"
    )


def test_list_samples_writes_nothing_and_takes_no_other_option(tmp_path: Path) -> None:
    result = cli("init", tmp_path / "new.toml", "--list-samples")
    assert result.exit_code == 2
    assert "--list-samples takes no PATH, --from or --blank" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_help_names_every_sample() -> None:
    from ggov_plan import samples

    result = runner.invoke(app, ["init", "--help"], env={**ENV, "COLUMNS": "200"})
    assert result.exit_code == 0
    assert "--list-samples" in result.stdout
    for name in samples.names():
        assert f"sample:{name}" in result.stdout


# --------------------------------------------------------------------------- refusals


@pytest.mark.parametrize("mode", ["--blank", "--from"])
def test_an_existing_file_is_never_overwritten(tmp_path: Path, mode: str) -> None:
    target = tmp_path / "plan.toml"
    target.write_text("# mine\n", encoding="utf-8")
    before = snapshot(tmp_path)
    args = ["--blank"] if mode == "--blank" else ["--from", PLAN_2017]
    result = cli("init", target, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"{target}: already exists; init never overwrites a file" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(tmp_path) == before


def test_a_dangling_symlink_is_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "plan.toml"
    target.symlink_to(tmp_path / "elsewhere.toml")
    result = cli("init", target, "--blank")
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert not (tmp_path / "elsewhere.toml").exists()


def test_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    before = snapshot(tmp_path)
    result = cli("init", folder, "--blank")
    assert result.exit_code == 2
    assert f"{folder}: is a folder" in result.stderr
    assert snapshot(tmp_path) == before


def test_a_missing_folder_is_refused_not_created(tmp_path: Path) -> None:
    target = tmp_path / "2018" / "plan.toml"
    result = cli("init", target, "--from", PLAN_2017)
    assert result.exit_code == 2
    assert f"the folder {tmp_path / '2018'} does not exist" in result.stderr
    assert "mkdir -p" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_file_where_the_folder_should_be_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes").write_text("x", encoding="utf-8")
    before = snapshot(tmp_path)
    result = cli("init", tmp_path / "notes" / "plan.toml", "--blank")
    assert result.exit_code == 2
    assert "is not a folder" in result.stderr
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("args", [[], ["--blank", "--from", str(PLAN_2017)]], ids=["none", "both"])
def test_exactly_one_of_from_and_blank(tmp_path: Path, args: list[str]) -> None:
    result = cli("init", tmp_path / "plan.toml", *args)
    assert result.exit_code == 2
    assert "give exactly one of --from FILE or --blank" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_path_is_required() -> None:
    result = cli("init", "--blank")
    assert result.exit_code == 2
    assert "give the new plan file's PATH" in result.stderr
    assert "Traceback" not in result.output


# --------------------------------------------------------------------------- races


def test_a_file_created_meanwhile_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.toml"
    real_link = os.link

    def link_after_someone_else(source: str, destination: str) -> None:
        Path(destination).write_text("# someone else's\n", encoding="utf-8")
        real_link(source, destination)

    monkeypatch.setattr(atomic.os, "link", link_after_someone_else)
    result = cli("init", target, "--blank")
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert target.read_text(encoding="utf-8") == "# someone else's\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.toml"]  # no temp file left


def _no_links(source: str, destination: str) -> None:
    raise OSError(errno.EPERM, "Operation not permitted")


def test_without_hard_links_the_name_is_claimed_exclusively(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic.os, "link", _no_links)
    target = tmp_path / "plan.toml"
    result = cli("init", target, "--from", PLAN_2017)
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes() == PLAN_2017.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["plan.toml"]


def test_without_hard_links_a_file_created_meanwhile_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.toml"

    def no_links_and_a_rival(source: str, destination: str) -> None:
        Path(destination).write_text("# someone else's\n", encoding="utf-8")
        _no_links(source, destination)

    monkeypatch.setattr(atomic.os, "link", no_links_and_a_rival)
    result = cli("init", target, "--blank")
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert target.read_text(encoding="utf-8") == "# someone else's\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.toml"]


# --------------------------------------------------------------------------- docs


def test_init_doc_transcript_is_real(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/init.md's example, re-run in a folder with copies of data/ and examples/."""
    doc = (ROOT / "docs" / "init.md").read_text(encoding="utf-8")
    block = re.search(r"```text\n(\$ ggov-plan init .*?)```", doc, re.DOTALL)
    assert block, "docs/init.md has no init transcript"
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    out: list[str] = []
    code = 0
    for chunk in re.split(r"^\$ ", block.group(1), flags=re.MULTILINE)[1:]:
        command = chunk.partition("\n")[0]
        if command == "echo $?":
            output = f"{code}\n"
        else:
            words = shlex.split(command)
            assert words[0] == "ggov-plan", command
            result = cli(*words[1:])
            output, code = result.output, result.exit_code
        out.append(f"$ {command}\n{output}")
    assert "".join(out) == block.group(1)
    expected = (ROOT / "examples" / "plan2017-tracked.toml").read_text(encoding="utf-8")
    assert (tmp_path / "plan2018.toml").read_text(encoding="utf-8") == declaration_of(expected)


def test_from_a_plan_with_results_notes_and_amendments_drops_them_too(tmp_path: Path) -> None:
    # They are journal records as much as completions are: a new plan must not
    # start with last year's measured values, notes and corrections.
    source = tmp_path / "source.toml"
    source.write_bytes(PLAN_2017.read_bytes())
    added = cli("activity", "add", "--task", "v1-truong-hoc", "--title", "Phóng sự", "-p", source)
    assert added.exit_code == 0, added.stderr
    ident = added.stdout.splitlines()[0]
    for args in (
        ("note", "--kind", "ket-qua", "Đã phát 3 phóng sự"),
        ("measure", "dvc-muc-do-3", "700", "--date", "2017-12-01"),
        ("activity", "edit", ident, "--cost", "5000000", "--reason", "sửa"),
    ):
        done = cli(*args, "-p", source)
        assert done.exit_code == 0, (args, done.stderr)
    target = tmp_path / "new.toml"
    result = cli("init", target, "--from", source, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert "1 note" in result.stdout and "1 measurement" in result.stdout
    assert "1 amendment" in result.stdout and "1 activity" in result.stdout
    text = target.read_text(encoding="utf-8")
    for key in ("note", "measurement", "amendment", "activity"):
        assert f"[[{key}]]" not in text, key
    assert text == PLAN_2017.read_text(encoding="utf-8").rstrip() + "\n"
