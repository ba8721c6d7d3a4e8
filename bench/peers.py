"""The same synthetic plan, as the tools people would use instead.

    python bench/peers.py N FOLDER

From the records of bench/generate.py's plan of N activities and N
completions:

* **Taskwarrior**: N tasks, one per activity (project = its agency, a tag
  for its channel, its due date; "completed" when its completions reach the
  target), each completion an annotation; imported with ``task import`` from
  JSON lines into a fresh TASKDATA, with its own TASKRC (confirmation=off,
  verbose=nothing). Commands: ``task summary``, ``task add``.
* **hledger**: a journal of N transactions, one per completion, with 2
  postings each: ``chi-phi:<agency>:<channel>`` and ``nguon:<source>``,
  Vietnamese descriptions. Commands: ``hledger -f F check``, ``hledger -f F
  balance``.
* **beancount**: a ledger of the same N transactions, every account opened
  first. Command: ``bean-check F``, cold (``--no-cache``) and warm (its own
  pickle cache beside the file; beancount writes it only when a load takes
  more than a second).

A tool that is not installed is skipped with a note, never an error.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import Synthetic, synthetic

_UUIDS = uuid.UUID("6f1c1f0e-6a3b-4c55-9a51-2017b3e4c001")
UNSOURCED = "chua-xac-dinh"  # activities with no funding source (cost 0)


@dataclass(frozen=True, slots=True)
class PeerCommand:
    """One peer command to time, as bench/run.py needs it."""

    name: str  # "hledger balance"
    argv: list[str]
    kind: str  # "check", "read" or "write"
    cache: str = ""  # "cold" / "warm" where the tool has a cache of its own
    env: dict[str, str] = field(default_factory=dict)
    prepare: list[str] | None = None  # run before each timed run (a fresh copy)


@dataclass(slots=True)
class Peers:
    commands: list[PeerCommand] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # "hledger: not installed — skipped"
    versions: dict[str, str] = field(default_factory=dict)


# --------------------------------------------------------------------------- data


def _stamp(when: dt.date | dt.datetime) -> str:
    """Taskwarrior's ISO-8601 basic UTC form."""
    if not isinstance(when, dt.datetime):
        when = dt.datetime.combine(when, dt.time(0), dt.UTC)
    return when.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _by_activity(plan: Synthetic) -> dict[str, list[dict[str, Any]]]:
    done: dict[str, list[dict[str, Any]]] = {}
    for completion in plan.completions:
        done.setdefault(completion["activity"], []).append(completion)
    return done


def taskwarrior_lines(plan: Synthetic) -> Iterator[str]:
    """One JSON object per line, one task per activity, as ``task import`` reads."""
    done = _by_activity(plan)
    for activity in plan.activities:
        completions = done.get(activity["id"], [])
        task: dict[str, Any] = {
            "uuid": str(uuid.uuid5(_UUIDS, activity["id"])),
            "description": activity["title"],
            "entry": _stamp(activity["created"]),
            "modified": _stamp(activity["created"]),
            "project": plan.lead(activity),
            "tags": [activity["channel"]],
            "due": _stamp(activity["due"]),
            "status": "pending",
        }
        if completions:
            # One second apart: Taskwarrior keys annotations by their time.
            task["annotations"] = [
                {
                    "entry": _stamp(c["recorded_at"] + dt.timedelta(seconds=k)),
                    "description": f"{c['quantity']} {activity['unit']}: {c['evidence']}",
                }
                for k, c in enumerate(completions)
            ]
            if sum(c["quantity"] for c in completions) >= activity["target"]:
                task["status"] = "completed"
                task["end"] = _stamp(completions[-1]["recorded_at"])
                task["modified"] = task["end"]
        yield json.dumps(task, ensure_ascii=False)


def _postings(plan: Synthetic) -> Iterator[tuple[dict[str, Any], dict[str, Any], str, str]]:
    """(completion, activity, agency, source) for each completion, in date order."""
    activities = {a["id"]: a for a in plan.activities}
    for completion in sorted(plan.completions, key=lambda c: (c["date"], c["id"])):
        activity = activities[completion["activity"]]
        source = completion["source"] or activity["source"] or UNSOURCED
        yield completion, activity, plan.lead(activity), source


def hledger_text(plan: Synthetic) -> str:
    """N transactions of 2 postings: the money each completion spent, by agency and source."""
    out = [
        f"; Sổ chi tổng hợp để đo hiệu năng (bench/peers.py): {plan.n} giao dịch.",
        "",
    ]
    for completion, activity, agency, source in _postings(plan):
        out += [
            f"{completion['date'].isoformat()} * {activity['title']}  ; {completion['id']}",
            f"    chi-phi:{agency}:{activity['channel']}  {completion['spent']} VND",
            f"    nguon:{source}",
            "",
        ]
    return "\n".join(out)


def _account(ident: str) -> str:
    """A beancount account component from an id: it must start with a capital or digit."""
    return ident[:1].upper() + ident[1:]


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def beancount_text(plan: Synthetic) -> str:
    """The same transactions for beancount, every account opened on the first day."""
    rows = list(_postings(plan))
    expenses = sorted({agency for _, _, agency, _ in rows})
    sources = sorted({source for _, _, _, source in rows})
    out = [
        f'option "title" "Sổ chi tổng hợp để đo hiệu năng: {plan.n} giao dịch"',
        'option "operating_currency" "VND"',
        "",
        "2017-01-01 commodity VND",
    ]
    out += [f"2017-01-01 open Expenses:ChiPhi:{_account(a)} VND" for a in expenses]
    out += [f"2017-01-01 open Income:Nguon:{_account(s)} VND" for s in sources]
    out.append("")
    for completion, activity, agency, source in rows:
        out += [
            f"{completion['date'].isoformat()} * {_quoted(activity['title'])}",
            f'  hoat-dong: "{activity["id"]}"',
            f"  Expenses:ChiPhi:{_account(agency)}  {completion['spent']} VND",
            f"  Income:Nguon:{_account(source)}",
            "",
        ]
    return "\n".join(out)


# --------------------------------------------------------------------------- tools


def find_tool(name: str) -> str | None:
    """A peer's executable: next to this Python first (the venv), then on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which(name)


def tool_version(argv: list[str]) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"unknown ({error})"
    lines = (done.stdout or done.stderr).strip().splitlines()
    return lines[0].strip() if lines else "unknown"


def _write(path: Path, text: str) -> None:
    """Whole or not at all: a stopped run must not leave half a ledger to reuse."""
    partial = path.with_name(path.name + ".part")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def taskwarrior_env(folder: Path, data: Path) -> dict[str, str]:
    return {"TASKRC": str(folder / "taskrc"), "TASKDATA": str(data)}


def _write_taskrc(folder: Path, data: Path) -> None:
    (folder / "taskrc").write_text(
        "\n".join(
            (
                "# bench/peers.py: a fresh Taskwarrior for the benchmark",
                f"data.location={data}",
                "confirmation=off",
                "verbose=nothing",
                "news.version=9.9.9",
                "",
            )
        ),
        encoding="utf-8",
    )


def build(
    plan: Synthetic | Callable[[], Synthetic],
    folder: Path,
    *,
    tools: tuple[str, ...] = ("taskwarrior", "hledger", "beancount"),
    python: str | None = None,
) -> Peers:
    """Write each installed peer's data under ``folder`` and list the commands to time.

    Data already built there is reused; ``plan`` may be a function that makes
    the plan, called only if some data must be written.
    """
    made: list[Synthetic] = [plan] if isinstance(plan, Synthetic) else []

    def data() -> Synthetic:
        if not made:
            assert callable(plan)
            made.append(plan())
        return made[0]

    folder.mkdir(parents=True, exist_ok=True)
    peers = Peers()
    python = python or sys.executable
    prepare = [python, str(Path(__file__).resolve().parent / "prepare.py")]

    if "taskwarrior" in tools:
        task = find_tool("task")
        if task is None:
            peers.notes.append("Taskwarrior (`task`): not installed — skipped")
        else:
            peers.versions["task"] = tool_version([task, "--version"])
            source = folder / "taskdata"
            marker = folder / ".task.done"
            if not marker.exists():
                shutil.rmtree(source, ignore_errors=True)
                source.mkdir()
                _write_taskrc(folder, source)
                tasks = folder / "tasks.jsonl"
                with tasks.open("w", encoding="utf-8") as out:
                    for line in taskwarrior_lines(data()):
                        out.write(line + "\n")
                env = {**os.environ, **taskwarrior_env(folder, source)}
                for argv in ([task, "import", str(tasks)], [task, "summary"]):
                    done = subprocess.run(argv, env=env, capture_output=True, check=False)
                    if done.returncode != 0:
                        message = done.stderr.decode("utf-8", "replace").strip()[-300:]
                        peers.notes.append(
                            f"Taskwarrior: `{' '.join(argv[1:2])}` failed "
                            f"(exit {done.returncode}): {message}"
                        )
                        break
                else:
                    marker.touch()
            if marker.exists():
                run_data = folder / "taskdata-run"
                add = [
                    task,
                    "add",
                    "Hội nghị tập huấn về dịch vụ công trực tuyến",
                    "project:so-tttt",
                    "due:2017-12-15",
                    "+hoi-nghi",
                ]
                peers.commands += [
                    PeerCommand(
                        "task summary",
                        [task, "summary"],
                        "read",
                        env=taskwarrior_env(folder, source),
                    ),
                    PeerCommand(
                        "task add",
                        add,
                        "write",
                        env=taskwarrior_env(folder, run_data),
                        prepare=[*prepare, str(source), str(run_data)],
                    ),
                ]

    if "hledger" in tools:
        hledger = find_tool("hledger")
        if hledger is None:
            peers.notes.append("hledger: not installed — skipped")
        else:
            peers.versions["hledger"] = tool_version([hledger, "--version"])
            journal = folder / "ledger.journal"
            if not journal.exists():
                _write(journal, hledger_text(data()))
            peers.commands += [
                PeerCommand("hledger check", [hledger, "-f", str(journal), "check"], "check"),
                PeerCommand("hledger balance", [hledger, "-f", str(journal), "balance"], "read"),
            ]

    if "beancount" in tools:
        bean_check = find_tool("bean-check")
        if bean_check is None:
            peers.notes.append("beancount (`bean-check`): not installed — skipped")
        else:
            peers.versions["bean-check"] = tool_version([bean_check, "--version"])
            ledger = folder / "ledger.beancount"
            if not ledger.exists():
                _write(ledger, beancount_text(data()))
            peers.commands += [
                PeerCommand(
                    "bean-check", [bean_check, "--no-cache", str(ledger)], "check", cache="cold"
                ),
                PeerCommand("bean-check", [bean_check, str(ledger)], "check", cache="warm"),
            ]
    return peers


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[0].isdigit():
        print("usage: python bench/peers.py N FOLDER", file=sys.stderr)
        return 2
    peers = build(synthetic(int(argv[0])), Path(argv[1]))
    for note in peers.notes:
        print(note)
    for command in peers.commands:
        print(command.name, command.cache, " ".join(command.argv))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
