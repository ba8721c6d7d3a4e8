"""The package as a user without a clone gets it: a wheel, installed in a fresh venv.

The fast tests hold the shipped copies to their sources (the sample plans in
``ggov_plan.samples`` against ``data/``) and the release files to the version.
The slow one builds the wheel with pip, installs it in a new virtual
environment outside the repository (its dependencies from the package index,
as CI installs them), and runs ``init``, ``check`` and ``status`` there, in a
folder with no ``data/``. It is skipped, saying why, when pip cannot reach
an index.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from ggov_plan import __version__, samples
from track_helpers import cli

ROOT = Path(__file__).resolve().parents[1]
PACKAGED = ROOT / "src" / "ggov_plan" / "samples"

# --------------------------------------------------------------------------- fast


@pytest.mark.parametrize("name", samples.names())
def test_each_packaged_sample_is_a_copy_of_data(name: str) -> None:
    file = samples.SAMPLES[name]
    packaged = (PACKAGED / file).read_bytes()
    assert packaged == (ROOT / "data" / file).read_bytes(), (
        f"src/ggov_plan/samples/{file} differs from data/{file}, which is the one to edit; "
        f"run: cp data/{file} src/ggov_plan/samples/{file}"
    )
    assert samples.text(name) == packaged.decode("utf-8")


@pytest.mark.parametrize("name", samples.names())
def test_each_sample_passes_check(name: str) -> None:
    result = cli("check", PACKAGED / samples.SAMPLES[name])
    assert result.exit_code == 0, result.output


def test_no_other_file_in_the_samples_folder() -> None:
    shipped = {p.name for p in PACKAGED.iterdir() if p.suffix == ".toml"}
    assert shipped == set(samples.SAMPLES.values())


def test_the_version_is_written_once_and_the_changelog_has_it() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## \[{re.escape(__version__)}\]", changelog, re.MULTILINE)
    assert re.search(r"^## \[Unreleased\]", changelog, re.MULTILINE)


#: A file only a clone has: the repository's docs/ folder or its README.
CLONE_ONLY = re.compile(r"docs/[\w-]+\.md|README\.md")


def _user_texts() -> dict[str, str]:
    """Every text an installed ggov-plan shows or writes, by where it comes from."""
    from typer.testing import CliRunner

    from ggov_plan.cli import app, registry
    from ggov_plan.i18n import CATALOG
    from ggov_plan.plan.schema import schema_text

    texts = {f"catalog {key}": "\n".join(pair) for key, pair in CATALOG.items()}
    texts["schema"] = schema_text()
    for name in samples.names():
        texts[f"sample:{name}"] = samples.text(name) or ""
    runner = CliRunner()
    for path in ("", *registry.command_paths()):
        result = runner.invoke(app, [*path.split(), "--help"], env={"COLUMNS": "400"})
        assert result.exit_code == 0, result.output
        texts[f"ggov-plan {path} --help"] = result.stdout
        result = runner.invoke(app, ["--lang", "vi", *path.split(), "--help"])
        assert result.exit_code == 0, result.output
        texts[f"ggov-plan --lang vi {path} --help"] = result.stdout
    return texts


def test_nothing_an_install_shows_names_a_file_only_a_clone_has() -> None:
    """Messages, help, the template, the schema and the samples name what every
    install has (a command, or a public address) rather than docs/*.md."""
    found = {where: CLONE_ONLY.findall(text) for where, text in _user_texts().items()}
    assert {where: names for where, names in found.items() if names} == {}


# --------------------------------------------------------------------------- slow

#: What pip prints when it cannot reach an index, rather than a broken package.
OFFLINE = re.compile(
    r"Could not find a version that satisfies|No matching distribution found|"
    r"Failed to establish a new connection|Temporary failure in name resolution|"
    r"Network is unreachable|Max retries exceeded"
)


#: What a build must not start from: version control, earlier builds, caches.
LEFT_OUT = (".git", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".venv", "venv")


def _run(
    args: list[str | Path], cwd: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )


def test_the_wheel_installs_and_works_without_a_clone(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GGOV_PLAN_", "PYTHON"))}
    env.pop("VIRTUAL_ENV", None)
    # Built from a copy, so that setuptools' build/ and egg-info stay out of the
    # checkout, and no stale build/lib of an earlier build can slip into the wheel.
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*LEFT_OUT))
    dist = tmp_path / "dist"
    built = _run(
        [sys.executable, "-m", "pip", "wheel", source, "--no-deps", "--quiet", "-w", dist],
        cwd=tmp_path,
        env=env,
    )
    if built.returncode != 0 and OFFLINE.search(built.stderr):
        pytest.skip(f"pip cannot reach an index to get setuptools: {built.stderr[-300:]}")
    assert built.returncode == 0, built.stderr
    [wheel] = dist.glob("ggov_plan-*.whl")
    assert wheel.name == f"ggov_plan-{__version__}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        packaged = archive.read("ggov_plan/samples/plan2017.toml")
    assert packaged == (ROOT / "data" / "plan2017.toml").read_bytes()
    assert {"ggov_plan/py.typed", f"ggov_plan-{__version__}.dist-info/licenses/LICENSE"} <= names
    assert not any(name.startswith(("tests/", "data/", "docs/")) for name in names)

    # A venv without pip of its own (seeding one costs seconds), filled by
    # this environment's pip through --python.
    venv = tmp_path / "venv"
    made = _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp_path, env=env)
    assert made.returncode == 0, made.stderr
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    pip: list[str | Path] = [sys.executable, "-m", "pip", "--python", bin_dir / "python"]
    installed = _run([*pip, "install", "--quiet", wheel], cwd=tmp_path, env=env)
    if installed.returncode != 0 and OFFLINE.search(installed.stderr):
        pytest.skip(f"pip cannot reach an index for the dependencies: {installed.stderr[-300:]}")
    assert installed.returncode == 0, installed.stderr

    work = tmp_path / "work"  # no data/, no docs/, not the repository
    work.mkdir()
    env.update(
        {"GGOV_PLAN_TODAY": "2017-12-31", "GGOV_PLAN_LANG": "en", "COLUMNS": "80"}
        | {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    )
    ggov = bin_dir / "ggov-plan"

    imported = "import ggov_plan; print(ggov_plan.__file__)"
    where = _run([bin_dir / "python", "-c", imported], cwd=work, env=env)
    assert Path(where.stdout.strip()).is_relative_to(venv), where.stdout  # not the checkout

    version = _run([ggov, "--version"], cwd=work, env=env)
    assert version.stdout == f"ggov-plan {__version__}\n", version.stderr

    listed = _run([ggov, "init", "--list-samples"], cwd=work, env=env)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.startswith("sample:plan2017: Kế hoạch 228/KH-UBND")

    init = _run([ggov, "init", "plan.toml", "--from", "sample:plan2017"], cwd=work, env=env)
    assert init.returncode == 0, init.stderr
    assert init.stdout.splitlines()[:2] == [
        "wrote plan.toml: the declaration of sample:plan2017 (it has no journal records)",
        "plan.toml: valid (0 errors, 1 warning)",
    ]
    assert (work / "plan.toml").read_bytes() == (ROOT / "data" / "plan2017.toml").read_bytes()

    check = _run([ggov, "check", "plan.toml"], cwd=work, env=env)
    assert check.returncode == 0, check.stderr
    assert check.stdout.endswith("plan.toml: valid (0 errors, 1 warning)\n")

    status = _run([ggov, "status", "--plan", "plan.toml", "--json"], cwd=work, env=env)
    assert status.returncode == 0, status.stderr
    assert '"number": "228/KH-UBND"' in status.stdout

    workbook = _run(
        [ggov, "report", "--plan", "plan.toml", "--format", "xlsx", "-o", "report.xlsx"],
        cwd=work,
        env=env,
    )
    assert workbook.returncode == 0, workbook.stderr
    assert (work / "report.xlsx").read_bytes()[:2] == b"PK"  # a zip: an Office Open XML file

    blank = _run([ggov, "init", "blank.toml", "--blank"], cwd=work, env=env)
    assert blank.returncode == 0, blank.stderr
    assert _run([ggov, "check", "blank.toml"], cwd=work, env=env).returncode == 0
