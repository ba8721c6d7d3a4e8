"""The benchmark's data and helpers (bench/): real plans, well-formed peers, sound sums.

No timing is asserted here: bench/run.py prints timings, CI never judges them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402
import peers  # noqa: E402
import run  # noqa: E402

N = 200


@pytest.fixture(scope="module")
def plan() -> generate.Synthetic:
    return generate.synthetic(N)


@pytest.fixture(scope="module")
def text(plan: generate.Synthetic) -> str:
    return generate.render(plan)


def _ggov(*args: str, today: str = "2017-10-31") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GGOV_PLAN_TODAY": today, "GGOV_PLAN_LANG": "en"}
    return subprocess.run(
        [sys.executable, "-m", "ggov_plan", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )


# --------------------------------------------------------------------------- the generator


def test_generated_plan_passes_check_strictly(text: str, tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_text(text, encoding="utf-8")
    done = _ggov("check", "--strict", str(path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 errors, 0 warnings" in done.stdout


def test_generated_plan_has_the_requested_size_and_variety(text: str) -> None:
    data = tomllib.loads(text)
    assert len(data["activity"]) == N
    assert len(data["completion"]) == N
    assert len(data["agency"]) >= 21  # at least 20, and the province
    assert len(data["channel"]) == 12
    assert len(data["content"]) == 8
    assert len(data["budget"]["source"]) == 6
    assert len(data["task"]) == 2 * (len(data["agency"]) - 1)
    # Many agencies and sources are used, and some activities have no completion.
    assert len({a["id"].rsplit("-", 1)[0] for a in data["activity"]}) >= 15
    assert len({a.get("source") for a in data["activity"]}) >= 5
    per_activity = Counter(c["activity"] for c in data["completion"])
    assert len(per_activity) < N
    assert "Tiền Giang" in text and "đợt" in text


def test_many_agencies_at_scale() -> None:
    assert len(generate._agencies(1000)) == 1000
    ids = [agency.id for agency in generate._agencies(1200)]
    assert len(set(ids)) == len(ids)


def test_sources_cover_what_is_allocated_and_spent(plan: generate.Synthetic) -> None:
    amounts = {ident: amount for ident, _, amount in plan.sources}
    allocated: Counter[str] = Counter()
    for activity in plan.activities:
        if activity["source"]:
            allocated[activity["source"]] += activity["cost"]
    assert all(allocated[s] <= amounts[s] for s in amounts)
    assert plan.total == sum(amounts.values())
    spent_per_activity: Counter[str] = Counter()
    for completion in plan.completions:
        spent_per_activity[completion["activity"]] += completion["spent"]
    costs = {a["id"]: a["cost"] for a in plan.activities}
    assert all(spent <= costs[a] for a, spent in spent_per_activity.items())


def test_journal_is_the_tools_own_append_format(plan: generate.Synthetic, text: str) -> None:
    head = generate.declaration(plan)
    assert text.startswith(head + "\n")
    journal = text[len(head) + 1 :]
    # Exactly what ggov_plan.write.journal.render_blocks writes for these records.
    from ggov_plan.write.journal import render_blocks

    assert journal == render_blocks(plan.journal)
    # Every line of a block is tagged with the block's id.
    for block in journal.split("\n\n"):
        lines = block.strip("\n").splitlines()
        opening = re.fullmatch(r"\[\[(activity|completion)\]\]  # (\S+)", lines[0])
        assert opening, lines[0]
        ident = opening.group(2)
        assert lines[1] == f'id = "{ident}"  # {ident}'
        assert all(line.endswith(f"  # {ident}") for line in lines)
    # Ids are the tool's: the agency (or activity) id and 4 random characters.
    alphabet = re.escape("23456789abcdefghjkmnpqrstuvwxyz")
    for activity in plan.activities:
        assert re.fullmatch(rf"{re.escape(plan.lead(activity))}-[{alphabet}]{{4}}", activity["id"])


def test_memoised_rendering_gives_the_same_bytes() -> None:
    assert generate.plan_text(150) == generate.plan_text(150, exact=True)


def test_generation_is_deterministic_and_orders_the_journal_by_day(
    plan: generate.Synthetic,
) -> None:
    assert generate.plan_text(40) == generate.plan_text(40)
    days = [
        (r["created"] if key == "activity" else r["recorded_at"].date()) for key, r in plan.journal
    ]
    assert days == sorted(days)
    assert max(days) <= generate.TODAY


def test_generate_main_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "p.toml"
    assert generate.main(["30", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == generate.plan_text(30)
    assert generate.main(["x"]) == 2


# --------------------------------------------------------------------------- the peers


def test_taskwarrior_lines_are_one_task_per_activity(plan: generate.Synthetic) -> None:
    tasks = [json.loads(line) for line in peers.taskwarrior_lines(plan)]
    assert len(tasks) == N
    assert len({t["uuid"] for t in tasks}) == N
    assert sum(len(t.get("annotations", [])) for t in tasks) == N
    for task in tasks:
        assert task["status"] in ("pending", "completed")
        assert re.fullmatch(r"\d{8}T\d{6}Z", task["entry"])
        assert ("end" in task) == (task["status"] == "completed")
        stamps = [a["entry"] for a in task.get("annotations", [])]
        assert len(set(stamps)) == len(stamps)  # Taskwarrior keys annotations by time


def test_hledger_journal_has_n_transactions_of_two_postings(plan: generate.Synthetic) -> None:
    text = peers.hledger_text(plan)
    transactions = [block for block in text.split("\n\n") if block[:1].isdigit()]
    assert len(transactions) == N
    assert all(len(block.strip().splitlines()) == 3 for block in transactions)
    assert "Phóng sự" in text or "Tọa đàm" in text


def test_beancount_ledger_opens_every_account(plan: generate.Synthetic) -> None:
    text = peers.beancount_text(plan)
    opened = set(re.findall(r"^2017-01-01 open (\S+) VND$", text, re.MULTILINE))
    used = set(re.findall(r"^  ((?:Expenses|Income):\S+)", text, re.MULTILINE))
    assert used <= opened
    assert len(re.findall(r"^\d{4}-\d\d-\d\d \* ", text, re.MULTILINE)) == N


@pytest.mark.skipif(shutil.which("hledger") is None, reason="hledger is not installed")
def test_hledger_reads_the_journal(plan: generate.Synthetic, tmp_path: Path) -> None:
    path = tmp_path / "ledger.journal"
    path.write_text(peers.hledger_text(plan), encoding="utf-8")
    done = subprocess.run(
        ["hledger", "-f", str(path), "stats"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert re.search(rf"^Transactions\s*:\s*{N} ", done.stdout, re.MULTILINE), done.stdout


@pytest.mark.skipif(peers.find_tool("bean-check") is None, reason="beancount is not installed")
def test_bean_check_accepts_the_ledger(plan: generate.Synthetic, tmp_path: Path) -> None:
    path = tmp_path / "ledger.beancount"
    path.write_text(peers.beancount_text(plan), encoding="utf-8")
    bean_check = peers.find_tool("bean-check")
    assert bean_check is not None
    done = subprocess.run(
        [bean_check, "--no-cache", str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(shutil.which("task") is None, reason="Taskwarrior is not installed")
def test_taskwarrior_imports_every_task(tmp_path: Path) -> None:
    small = generate.synthetic(40)
    built = peers.build(small, tmp_path, tools=("taskwarrior",))
    assert built.notes == []
    assert [c.name for c in built.commands] == ["task summary", "task add"]
    env = {**os.environ, **built.commands[0].env}
    done = subprocess.run(
        ["task", "rc.gc=off", "count"], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    pending = subprocess.run(
        ["task", "status:pending", "count"], env=env, capture_output=True, text=True, check=False
    )
    done_count = sum(1 for line in peers.taskwarrior_lines(small) if '"completed"' in line)
    assert int(pending.stdout) == 40 - done_count


def test_a_missing_peer_is_skipped_with_a_note(
    plan: generate.Synthetic, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(peers, "find_tool", lambda name: None)
    built = peers.build(plan, tmp_path)
    assert built.commands == []
    assert "hledger: not installed — skipped" in built.notes
    assert len(built.notes) == 3


# --------------------------------------------------------------------------- the runner


def test_median_ratio_and_formats() -> None:
    assert run.median([3.0, 1.0, 2.0]) == 2.0
    assert run.median([1.0, 2.0, 3.0, 10.0]) == 2.5
    assert run.median([]) is None
    assert run.ratio(1.0, 4.0) == 0.25
    assert run.ratio(None, 1.0) is None
    assert run.ratio(1.0, 0.0) is None
    assert run.fmt_ms(0.0123) == "12.3"
    assert run.fmt_ms(1.23456) == "1,235"
    assert run.fmt_ms(None) == "—"
    assert run.fmt_ratio(0.5) == "0.50×"
    assert run.fmt_ratio(12.34) == "12.3×"
    assert run.fmt_ratio(None) == "—"
    assert run.fmt_mb(2048) == "2.0"


def test_parsers_of_sizes_runs_and_memory(tmp_path: Path) -> None:
    assert run.parse_size("shipped") == "shipped"
    assert run.parse_size("10000") == 10_000
    assert run.parse_size("100_000") == 100_000
    assert run.parse_size("10k") == 10_000
    plan = tmp_path / "p.toml"
    plan.write_text("", encoding="utf-8")
    assert run.parse_size(str(plan)) == str(plan.resolve())
    with pytest.raises(Exception, match="not a size"):
        run.parse_size("lots")
    assert run.runs_for(None, "auto") == 5
    assert run.runs_for(100_000, "auto") == 3
    assert run.runs_for(100_000, "7") == 7
    assert run.parse_memory("12345\nCommand exited with non-zero status 1\n23456\n") == [
        12345,
        23456,
    ]


def test_markdown_table_aligns_and_escapes() -> None:
    table = run.markdown_table(("a", "b"), [["x|y", "1"]], right={1})
    assert table.splitlines() == ["| a | b |", "|---|---:|", "| x\\|y | 1 |"]


def _row(label: str, seconds: float, kb: int, **kwargs: object) -> run.Row:
    row = run.Row(label, "ggov", ["true"], **kwargs)  # type: ignore[arg-type]
    row.times = [seconds] * 3
    row.memory_kb = [kb] * 3
    row.exit_codes = [0] * 3
    return row


def test_table_rows_give_ratios_to_floors_and_peers() -> None:
    size = run.Size("10,000", 10_000, Path("p.toml"), Path("p.toml"))
    failing = _row("ggov-plan record", 0.5, 1000, cache="cold")
    failing.exit_codes = [0, 2, 2]
    size.rows = [
        _row(run.FLOOR_A, 2.0, 100_000),
        _row(run.FLOOR_B, 0.2, 20_000),
        _row(
            "ggov-plan status",
            0.5,
            50_000,
            cache="warm",
            peers=("hledger balance", "task summary"),
        ),
        _row("ggov-plan check", 1.0, 120_000, cache="cold", peers=("bean-check",)),
        _row("hledger balance", 1.0, 40_000),
        _row("bean-check", 4.0, 60_000, cache="cold"),
        _row("bean-check", 2.0, 60_000, cache="warm"),
        failing,
    ]
    rows = {(r[0], r[1]): r for r in run.table_rows(size)}
    status = rows[("ggov-plan status", "warm")]
    assert status[3:8] == ["500", "48.8", "0.25×", "2.50×", "0.50×"]
    assert status[8] == "0.50× hledger balance"  # task summary was not measured
    assert rows[("ggov-plan check", "cold")][8] == "0.25× bean-check (cold)"
    assert rows[("ggov-plan record", "cold")][3] == "failed (exit 2)"


def test_growth_table_compares_the_same_rows() -> None:
    small = run.Size("10,000", 10_000, Path("a"), Path("a"))
    large = run.Size("100,000", 100_000, Path("b"), Path("b"))
    small.rows = [_row("ggov-plan check", 1.0, 1, cache="cold")]
    large.rows = [_row("ggov-plan check", 10.5, 1, cache="cold"), _row("new", 1.0, 1)]
    lines = run.growth_table(small, large).splitlines()
    assert lines[2] == "| ggov-plan check | cold | pipe | 1,000 | 10,500 | 10.5× |"
    assert len(lines) == 3


def test_a_failing_or_missing_command_is_reported_not_raised(tmp_path: Path) -> None:
    tools = run.Tools(sys.executable, [], shutil.which("hyperfine"), None, None)
    failing = run.Row("false", "reference", [sys.executable, "-c", "raise SystemExit(3)"])
    run.measure(failing, tools, dict(os.environ), runs=1, warmup=0, work=tmp_path, timeout=60)
    assert failing.status() == "failed (exit 3)"
    missing = run.Row("missing", "reference", [str(tmp_path / "no-such-tool")])
    run.measure(missing, tools, dict(os.environ), runs=1, warmup=0, work=tmp_path, timeout=60)
    assert missing.status().startswith("failed (")
    tty = run.Row("tty", "reference", ["true"], output="tty")
    run.measure(tty, tools, dict(os.environ), runs=1, warmup=0, work=tmp_path, timeout=60)
    assert tty.status() == "failed (no terminal wrapper)"


def test_commands_and_peers_name_each_other() -> None:
    peer_names = {"hledger check", "hledger balance", "bean-check", "task summary", "task add"}
    for label, arguments, kind, compared in run.COMMANDS.values():
        assert set(compared) <= peer_names, label
        assert kind in ("check", "read", "report", "write")
        assert ("{copy}" in arguments) == (kind == "write")


def test_plan_ids_for_the_writes(text: str, tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text(text, encoding="utf-8")
    ids = run.plan_ids(path)
    data = tomllib.loads(text)
    assert ids["task"] == data["task"][0]["id"]
    assert ids["activity"] in {a["id"] for a in data["activity"]}
    assert ids["source"] in {s["id"] for s in data["budget"]["source"]}


def test_stages_time_each_step_or_say_why_not(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text(generate.plan_text(30), encoding="utf-8")
    timings, left_out = run.stages(path, 1, generate.TODAY)
    assert {"read", "tomllib.loads"} <= set(timings)
    assert all(seconds >= 0 for seconds in timings.values())
    assert all(isinstance(note, str) for note in left_out)  # an API that moved is a note


def test_cache_notes_say_what_the_caches_did(tmp_path: Path) -> None:
    (tmp_path / "warm" / "ggov-plan").mkdir(parents=True)
    assert run.cache_notes(tmp_path, None, warm_rows=False) == []
    assert run.cache_notes(tmp_path, None, warm_rows=True) == [
        "Warm rows left no cache: ggov-plan has no parse cache yet, warm = cold."
    ]
    (tmp_path / "warm" / "ggov-plan" / "x.pickle").write_bytes(b"")
    (tmp_path / "cold").mkdir()
    (tmp_path / "cold" / "x.pickle").write_bytes(b"")
    assert run.cache_notes(tmp_path, None, warm_rows=True) == [
        "Cold rows wrote to their cache folder: GGOV_PLAN_NO_CACHE=1 was not honoured."
    ]


def test_one_run_at_a_time_per_work_folder(tmp_path: Path) -> None:
    first = run.lock_work(tmp_path)
    assert first is not None
    assert run.lock_work(tmp_path) is None  # a second run is turned away
    first.close()
    again = run.lock_work(tmp_path)
    assert again is not None
    again.close()


def test_a_row_not_yet_measured_says_so() -> None:
    row = run.Row("ggov-plan check", "ggov", ["true"], cache="cold")
    assert row.status() == "not measured"
    assert row.median is None
