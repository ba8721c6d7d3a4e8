"""The JSON Schema of the plan file (``ggov-plan schema``), and the CI integrations.

The schema is generated from the record specs, so these tests check that it
says what the loader says: the shipped plans pass it, and each kind of broken
document fails both the schema and ``ggov-plan check``. They validate with the
``jsonschema`` package (the ``test`` extra), after turning TOML values into
what a TOML → JSON conversion gives (dates and date-times as ISO strings),
as editors and check-jsonschema do.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import re
import stat
import threading
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from jsonschema import Draft202012Validator, FormatChecker
from typer.testing import CliRunner, Result

from ggov_plan.cli import app, reference
from ggov_plan.plan.model import (
    CHILDREN,
    COLLECTIONS,
    FORMAT_VERSION,
    SINGLES,
    Budget,
    Header,
    ReportSettings,
    field_specs,
)
from ggov_plan.plan.parse import parse
from ggov_plan.plan.rules import Context, validate
from ggov_plan.plan.schema import plan_schema, schema_text
from ggov_plan.plan.validity import ID_PATTERN

ROOT = Path(__file__).resolve().parents[2]
PLANS = (
    ROOT / "data" / "plan2017.toml",
    ROOT / "tests" / "fixtures" / "ministry2021.toml",
    ROOT / "examples" / "plan2017-tracked.toml",
    ROOT / "tests" / "fixtures" / "province2016_2020.toml",
    ROOT / "tests" / "fixtures" / "city2023.toml",
)
TODAY = dt.date(2026, 1, 1)

runner = CliRunner()


def invoke(*args: object) -> Result:
    return runner.invoke(app, [str(a) for a in args], env={"GGOV_PLAN_FILE": None})


def as_json(value: Any) -> Any:
    """TOML data as JSON sees it: dates, date-times and times become ISO 8601 strings."""
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    return value


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    return Draft202012Validator(plan_schema(), format_checker=FormatChecker())


def schema_errors(validator: Draft202012Validator, data: dict[str, Any]) -> list[str]:
    return [
        f"{error.json_path}: {error.message}"
        for error in sorted(validator.iter_errors(as_json(data)), key=str)
    ]


def load_toml(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


# --------------------------------------------------------------------------- the schema itself


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = plan_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] and schema["title"]
    Draft202012Validator.check_schema(schema)


def test_top_level_has_format_plan_budget_and_every_collection() -> None:
    schema = plan_schema()
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    # [report] is optional: a plan need not say how its report is signed.
    assert schema["required"] == ["format", "plan", "budget"]
    assert schema["properties"]["format"]["const"] == FORMAT_VERSION
    expected = ["format", "plan", "budget", "report", "check", *(key for key, _, _ in COLLECTIONS)]
    assert list(schema["properties"]) == expected
    for key, cls, _ in COLLECTIONS:
        collection = schema["properties"][key]
        assert collection["type"] == "array"
        assert collection["items"]["type"] == "object"
        assert collection["description"] == cls.doc


def _objects(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Every table's object schema inside ``schema``, itself included (not the
    inline table of a measurement's parts, which is a map of numbers)."""
    found = [schema] if schema.get("type") == "object" and "properties" in schema else []
    for child in schema.get("properties", {}).values():
        found.extend(_objects(child))
    if isinstance(schema.get("items"), dict):
        found.extend(_objects(schema["items"]))
    return found


def test_every_object_is_closed_and_lists_its_required_keys() -> None:
    objects = _objects(plan_schema())
    children = sum(len(of_parent) for of_parent in CHILDREN.values())
    assert len(objects) == 1 + len(SINGLES) + len(COLLECTIONS) + children
    for obj in objects:
        assert obj["additionalProperties"] is False, obj["title"]
        for key in obj.get("required", []):
            assert key in obj["properties"], (obj["title"], key)


def test_each_table_is_generated_from_its_record_specs() -> None:
    """Keys in declaration order, required lists, descriptions: all from model.py."""
    properties = plan_schema()["properties"]
    tables: dict[str, Any] = {"plan": (Header, properties["plan"])}
    tables["budget"] = (Budget, properties["budget"])
    tables["report"] = (ReportSettings, properties["report"])
    for key, cls, _ in COLLECTIONS:
        tables[key] = (cls, properties[key]["items"])
    for cls_and_schema in list(tables.values()):
        cls, table = cls_and_schema
        for child_key, child_cls, _ in CHILDREN.get(cls, ()):
            child = table["properties"][child_key]
            tables[child_cls.key] = (child_cls, child.get("items", child))
    assert set(tables) >= {
        "plan.signer",
        "indicator.part",
        "indicator.milestone",
        "budget.source",
        "report",
    }
    for cls, table in tables.values():
        specs = field_specs(cls)
        written = {child.attribute: child.key for child in CHILDREN.get(cls, ())}
        keys = [written.get(name, name) for name in specs]
        assert list(table["properties"]) == keys, cls.key
        assert table.get("required", []) == [
            key for key, spec in zip(keys, specs.values(), strict=True) if spec.required
        ]
        assert table["description"] == cls.doc
        for key, spec in zip(keys, specs.values(), strict=True):
            if spec.kind not in ("table", "tables"):
                assert table["properties"][key]["description"].startswith(spec.doc)


def test_children_are_under_their_toml_keys() -> None:
    properties = plan_schema()["properties"]
    signer = properties["plan"]["properties"]["signer"]
    assert signer["type"] == "object"
    assert signer["required"] == ["name", "position"]
    part = properties["indicator"]["items"]["properties"]["part"]
    assert part["type"] == "array"
    assert part["items"]["required"] == ["label", "value"]
    milestone = properties["indicator"]["items"]["properties"]["milestone"]
    assert milestone["items"]["required"] == ["by", "value"]
    source = properties["budget"]["properties"]["source"]
    # An amount may be unknown ("trong dự toán được giao").
    assert source["items"]["required"] == ["id", "name"]
    # The attributes the model holds them under are not keys of the file.
    assert "parts" not in properties["indicator"]["items"]["properties"]
    assert "milestones" not in properties["indicator"]["items"]["properties"]
    assert "sources" not in properties["budget"]["properties"]


def test_kinds_map_to_json_types() -> None:
    properties = plan_schema()["properties"]
    plan = properties["plan"]["properties"]
    task = properties["task"]["items"]["properties"]
    activity = properties["activity"]["items"]["properties"]
    completion = properties["completion"]["items"]["properties"]
    indicator = properties["indicator"]["items"]["properties"]
    objective = properties["objective"]["items"]["properties"]
    assert task["id"]["type"] == "string"
    assert task["id"]["pattern"] == f"^(?:{ID_PATTERN.pattern})$"
    assert plan["title"]["minLength"] == 1  # a required text
    assert "minLength" not in objective["section"]  # an optional one
    assert plan["issued"] == {
        "description": "Date of issue.",
        "type": "string",
        "format": "date",
        "examples": ["2017-08-18"],
    }
    assert completion["recorded_at"]["format"] == "date-time"
    assert properties["budget"]["properties"]["total"]["type"] == "integer"
    assert properties["budget"]["properties"]["total"]["minimum"] == 0
    assert activity["target"] == {
        "description": "Target quantity.",
        "type": "integer",
        "minimum": 0,
        "default": 1,
    }
    assert plan["issuer"]["type"] == "string"
    assert task["partners"]["type"] == "array"
    assert task["partners"]["items"] == {"type": "string"}
    assert "[[agency]]" in task["partners"]["description"]
    assert indicator["qualifier"]["enum"] == [
        "exactly",
        "more-than",
        "at-least",
        "at-most",
        "less-than",
    ]
    measurement = properties["measurement"]["items"]["properties"]
    assert measurement["value"]["type"] == "number"
    assert measurement["parts"]["type"] == "object"
    assert properties["agency"]["items"]["properties"]["group"]["type"] == "boolean"
    assert properties["report"]["properties"]["recipients"]["items"] == {"type": "string"}
    assert indicator["qualifier"]["default"] == "exactly"


def test_output_is_stable_json_with_unicode_kept() -> None:
    text = schema_text()
    assert text == schema_text()
    assert json.loads(text) == plan_schema()
    assert text == json.dumps(plan_schema(), indent=2, ensure_ascii=False) + "\n"
    assert "Kế hoạch" in text and "\\u" not in text


# --------------------------------------------------------------------------- real plans


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.name)
def test_shipped_plans_pass_the_schema(validator: Draft202012Validator, plan: Path) -> None:
    assert schema_errors(validator, load_toml(plan)) == []


def test_a_plan_made_by_init_blank_passes_the_schema(
    validator: Draft202012Validator, tmp_path: Path
) -> None:
    target = tmp_path / "blank.toml"
    assert invoke("init", target, "--blank").exit_code == 0
    assert schema_errors(validator, load_toml(target)) == []


# --------------------------------------------------------------------------- broken documents


def _set(path: tuple[str | int, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return change


def _delete(path: tuple[str | int, ...]) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for part in path[:-1]:
            target = target[part]
        del target[path[-1]]

    return change


#: name → (change to the shipped plan, what the schema error says, where, check's code)
BROKEN: dict[str, tuple[Callable[[dict[str, Any]], None], str, str, str]] = {
    "unknown key": (
        _set(("agency", 0, "shortname"), "UBND"),
        "Additional properties are not allowed ('shortname' was unexpected)",
        "$.agency[0]",
        "unknown-key",
    ),
    "unknown top-level table": (
        _set(("activities",), []),
        "Additional properties are not allowed ('activities' was unexpected)",
        "$",
        "unknown-key",
    ),
    "unknown key in a child table": (
        _set(("budget", "source", 0, "note"), "x"),
        "Additional properties are not allowed ('note' was unexpected)",
        "$.budget.source[0]",
        "unknown-key",
    ),
    "float money": (
        _set(("budget", "total"), 213_000_000.5),
        "213000000.5 is not of type 'integer'",
        "$.budget.total",
        "wrong-type",
    ),
    "money as a string": (
        _set(("budget", "source", 1, "amount"), "50.000.000"),
        "'50.000.000' is not of type 'integer'",
        "$.budget.source[1].amount",
        "wrong-type",
    ),
    "negative amount": (
        _set(("budget", "source", 1, "amount"), -50_000_000),
        "-50000000 is less than the minimum of 0",
        "$.budget.source[1].amount",
        "negative-amount",
    ),
    "bad id pattern": (
        _set(("task", 0, "id"), "nhiệm vụ 1"),
        "'nhiệm vụ 1' does not match '^(?:[A-Za-z0-9][A-Za-z0-9_.-]*)$'",
        "$.task[0].id",
        "bad-id",
    ),
    "missing required key": (
        _delete(("plan", "lead_agency")),
        "'lead_agency' is a required property",
        "$.plan",
        "missing-key",
    ),
    "missing [budget]": (
        _delete(("budget",)),
        "'budget' is a required property",
        "$",
        "missing-key",
    ),
    "missing key in a child table": (
        _delete(("indicator", 1, "part", 0, "value")),
        "'value' is a required property",
        "$.indicator[1].part[0]",
        "missing-key",
    ),
    "bad qualifier": (
        _set(("indicator", 0, "qualifier"), "approximately"),
        "'approximately' is not one of "
        "['exactly', 'more-than', 'at-least', 'at-most', 'less-than']",
        "$.indicator[0].qualifier",
        "bad-value",
    ),
    "empty required text": (
        _set(("plan", "title"), ""),
        "'' should be non-empty",
        "$.plan.title",
        "empty-value",
    ),
    "blank required text": (
        _set(("plan", "title"), "   "),
        "'   ' does not match '\\\\S'",
        "$.plan.title",
        "empty-value",
    ),
    "quoted date": (
        _set(("plan", "issued"), "18/08/2017"),
        "'18/08/2017' is not a 'date'",
        "$.plan.issued",
        "wrong-type",
    ),
    "wrong format version": (
        _set(("format",), 2),
        "1 was expected",
        "$.format",
        "format-version",
    ),
    "refs not a list": (
        _set(("task", 0, "partners"), "so-tttt"),
        "'so-tttt' is not of type 'array'",
        "$.task[0].partners",
        "wrong-type",
    ),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_broken_documents_fail_the_schema_and_check_alike(
    validator: Draft202012Validator, name: str
) -> None:
    change, message, where, code = BROKEN[name]
    data = copy.deepcopy(load_toml(PLANS[0]))
    change(data)
    errors = schema_errors(validator, data)
    assert f"{where}: {message}" in errors
    assert all(error.startswith(f"{where}: ") for error in errors), errors
    # `ggov-plan check` finds the same mistake in the same document written as TOML.
    problems = validate(parse(tomli_w.dumps(data), "plan.toml"), Context(TODAY))
    assert code in {p.code for p in problems if p.is_error}, problems


def test_what_json_cannot_tell_is_left_to_check(validator: Draft202012Validator) -> None:
    """docs/ci.md says so: a whole float such as 5.0 is an integer to JSON Schema."""
    data = copy.deepcopy(load_toml(PLANS[0]))
    data["budget"]["total"] = 213_000_000.0
    assert schema_errors(validator, data) == []
    problems = validate(parse(tomli_w.dumps(data), "plan.toml"), Context(TODAY))
    assert "wrong-type" in {p.code for p in problems}


# --------------------------------------------------------------------------- the command


def test_schema_command_prints_the_schema() -> None:
    result = invoke("schema")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == schema_text()
    assert result.stderr == ""


def test_schema_output_writes_a_file_atomically(tmp_path: Path) -> None:
    target = tmp_path / "plan.schema.json"
    result = invoke("schema", "-o", target)
    assert result.exit_code == 0, result.stderr
    assert (result.stdout, result.stderr) == ("", "")
    assert target.read_text(encoding="utf-8") == schema_text()
    # It replaces an old schema, keeping the file's permissions, and leaves no temp file.
    # (An earlier schema, recognised by its $id: any other file would need --force.)
    target.write_text('{"$id": "urn:ggov-plan:plan-format:0"}', encoding="utf-8")
    target.chmod(0o640)
    assert invoke("schema", "--output", target).exit_code == 0
    assert target.read_text(encoding="utf-8") == schema_text()
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.schema.json"]


@pytest.mark.parametrize("where", ["missing-folder", "folder"])
def test_schema_output_refuses_what_cannot_be_a_file(tmp_path: Path, where: str) -> None:
    target = tmp_path / "nowhere" / "s.json" if where == "missing-folder" else tmp_path
    result = invoke("schema", "-o", target)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "nothing was written" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_schema_output_through_a_symlink_writes_where_it_points(tmp_path: Path) -> None:
    real = tmp_path / "shared" / "plan.schema.json"
    real.parent.mkdir()
    real.write_text('{"$id": "urn:ggov-plan:plan-format:0"}', encoding="utf-8")  # an earlier one
    link = tmp_path / "plan.schema.json"
    link.symlink_to(real)
    assert invoke("schema", "-o", link).exit_code == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == schema_text()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_schema_output_into_a_named_pipe_writes_into_it(tmp_path: Path) -> None:
    """As `-o /dev/stdout` or `-o /dev/null` would: never replaced by a regular file."""
    fifo = tmp_path / "schema.fifo"
    os.mkfifo(fifo)
    chunks: list[bytes] = []

    def read_all() -> None:
        with fifo.open("rb") as pipe:
            chunks.append(pipe.read())

    reader = threading.Thread(target=read_all, daemon=True)
    reader.start()
    try:
        result = invoke("schema", "-o", fifo)
    finally:
        reader.join(timeout=30)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert b"".join(chunks) == schema_text().encode("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["schema.fifo"]


# --------------------------------------------------------------------------- CI integrations


def _hooks(text: str) -> list[dict[str, str]]:
    """The hooks of a .pre-commit-hooks.yaml: a list of flat mappings (enough YAML for it)."""
    hooks: list[dict[str, str]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = re.fullmatch(r"- (\w+):\s*(.*)", line)
        entry = item or re.fullmatch(r"  (\w+):\s*(.*)", line)
        assert entry, f"unexpected line: {line!r}"
        if item:
            hooks.append({})
        key, value = entry.groups()
        if value[:1] in "'\"":
            assert value[-1] == value[0], line
            value = value[1:-1]
        hooks[-1][key] = value
    return hooks


def test_pre_commit_hook_runs_ggov_plan_check_on_toml_files() -> None:
    hooks = _hooks((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [hook["id"] for hook in hooks] == ["ggov-plan-check"]
    hook = hooks[0]
    assert hook["entry"] == "ggov-plan check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] == "true"
    assert hook["name"]
    # The entry is this package's console script and command.
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "ggov-plan" in pyproject["project"]["scripts"]
    assert invoke("check", "--help").exit_code == 0
    files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])

    def taken(path: str) -> bool:  # as pre-commit filters: files, then not exclude
        return bool(files.search(path)) and not exclude.search(path)

    assert taken("data/plan2017.toml")
    assert taken("plans/tinh-2018.toml")
    assert not taken("pyproject.toml")
    assert not taken("sub/Cargo.toml")
    assert not taken(".taplo.toml")
    assert not taken("README.md")


def test_ci_doc_outputs_are_real() -> None:
    """Every `$ ggov-plan …` of docs/ci.md's console blocks, re-run from the repository root."""
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    assert "```console" in text
    assert reference.console_blocks(text, ROOT) == text, (
        "re-run the console blocks of docs/ci.md and paste their output"
    )
    # The schema's documented id pattern is the one it has.
    assert f"`^(?:{ID_PATTERN.pattern})$`" in text
