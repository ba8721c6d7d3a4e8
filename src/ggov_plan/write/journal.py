"""Locked, verified, atomic appends to the journal at the end of a plan file.

A write never edits what is already in the file. It appends self-contained
``[[activity]]``-style blocks after the last byte, so the officer's text —
comments, blank lines, order — stays byte for byte, and two clones' appends
can be joined by git's union merge driver. Each write:

1. takes an exclusive lock on ``.<name>.lock`` beside the plan (an OS lock via
   filelock: fcntl on POSIX, msvcrt on Windows, released by the OS if the
   process dies, so a killed writer never blocks the next one);
2. re-reads the file under the lock, through the plan's front door
   (:func:`ggov_plan.plan.reread_for_write`): proved against the plan the
   command read before taking the lock, it is not parsed a second time;
3. builds the new text: the old text plus the new blocks;
4. verifies it: it parses, its data equals the old data plus exactly the new
   records, and it passes validation (parsing only the new blocks when the
   old text's structure proves that enough, see :func:`append`);
5. replaces the file atomically: a temp file in the same folder, fsync,
   then the temp file takes the plan's name (a symlinked plan stays a
   symlink), keeping the file's permissions; but only over the very file
   step 2 read (compare-and-swap, below).

A write that fails at any step leaves the file as it was.

Other programs. The lock is advisory: an editor saving the plan (vim and
VS Code write a new file and rename it over the plan), or a program
rewriting it in place, does not take it. So step 2 reads the file only
while it does not change (stat before and after, :mod:`ggov_plan.plan.files`),
and step 5 puts the new text in place only over the file step 2 read: on
Linux it swaps the temp file and the plan in one step
(:func:`ggov_plan.write.atomic.exchange`) and then proves that the file it
displaced has the same inode, size and modification time as step 2 saw, and
the very bytes; elsewhere it proves the same of the file at the path just
before a plain rename. If not, the swap is undone and nothing is written:
the temp file is removed and the write starts again from step 2 on the new
text, saying so on stderr (through ``notice``), at most
:data:`WRITE_ATTEMPTS` times in all; then it gives up with
:class:`PlanChanged`, exit 75, "run the command again" (the same contract
as a busy lock: nothing was written, and running the command again is
safe). Retrying is safe because the records are built again, and every
precondition judged again, on the new text.

What is not guaranteed: without the swap, between the final check and
rename(2) there is a window of a few microseconds. A program that ignores
the lock and saves inside that window loses its save to ours. Everywhere,
a program that keeps the old file open and writes into it after our write
writes into a file that is no longer the plan. Neither can be closed
without mandatory locking, which POSIX systems do not offer for ordinary
files. docs/reliability.md, guarantee 10.
"""

from __future__ import annotations

import contextlib
import copy
import os
import stat
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ggov_plan.i18n.message import Message, PerLanguage, Text, msg
from ggov_plan.plan import files, front
from ggov_plan.plan.files import PlanChanged, read_bytes
from ggov_plan.plan.model import Plan
from ggov_plan.plan.parse import Loaded, parse
from ggov_plan.plan.rules import Context, validate
from ggov_plan.plan.validity import ID_PATTERN
from ggov_plan.problems import GgovPlanError, Problem, UsageError
from ggov_plan.text import undecodable
from ggov_plan.write.atomic import remove_stale_temps, short_name, write_replacing

__all__ = ["PlanChanged"]  # raised here too; defined where reads raise it

#: How long a second writer waits for the lock before giving up.
LOCK_TIMEOUT_SECONDS = 10.0
#: How many times a write is tried when another program changes the plan
#: between the read under the lock and the rename.
WRITE_ATTEMPTS = 3

#: The plan this run has written, once it is written: for the error edge,
#: which must not report a failure to print after the write as a failed write
#: (:func:`ggov_plan.cli.shell.handle_errors` runs each command in its own
#: context).
LANDED: ContextVar[Path | None] = ContextVar("ggov_plan_landed", default=None)

#: (collection key, record) pairs, e.g. ("activity", {"id": …, "task": …}).
NewRecords = Sequence[tuple[str, dict[str, Any]]]


class WriteRefused(GgovPlanError):
    """The write would make the plan invalid; nothing was written."""

    def __init__(self, message: Text, problems: Sequence[Problem] = (), hint: Text = "") -> None:
        super().__init__(message, hint=hint)
        self.problems = list(problems)


class PlanStillInvalid(WriteRefused):
    """The plan had errors, and the write would not repair it; nothing was written.

    Exit 1, as for any plan with errors, and ``plan-invalid`` in JSON.
    """


class PlanBusy(GgovPlanError):
    """Another writer holds the lock for longer than we wait."""


@dataclass(frozen=True, slots=True)
class WriteResult:
    path: Path
    appended: str  # the text added at the end
    written: bool  # False for a dry run
    #: The plan with the records appended (None when nothing was appended),
    #: and its warnings: what the write leaves, for the command to report.
    plan: Plan | None = None
    warnings: tuple[Problem, ...] = ()


#: Told the new plan and its warnings after they are verified, before the
#: file is replaced: raising there (a --strict write) leaves the file as it was.
Judge = Callable[[Plan, Sequence[Problem]], None]


def lock_path(real: Path) -> Path:
    """``.<name>.lock`` beside the plan; a hash of the name if that is too long."""
    return real.with_name(short_name(real.name, ".lock", real.parent))


def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {_nfc(k): _nfc(v) for k, v in value.items()}
    return value


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in _nfc(record).items() if v is not None and v != []}


def _value(value: Any) -> str:
    """One TOML value on one line (tomli-w does the quoting and escaping)."""
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if isinstance(value, dict):
        # An inline table (a measurement's parts): tomli-w would write a
        # [table] header, which would end the record's block. Keys are quoted
        # as strings: a part without an id is named by its label.
        pairs = (f"{_value(str(key))} = {_value(item)}" for key, item in value.items())
        return "{ " + ", ".join(pairs) + " }" if value else "{}"
    import tomli_w  # only writes need it; read commands start faster without

    line: str = tomli_w.dumps({"v": value})
    return line.removeprefix("v = ").rstrip("\n")


def render_blocks(records: NewRecords, newline: str = "\n") -> str:
    """The TOML text of new records: one ``[[key]]`` block each.

    Every line ends with a comment naming the record, so that no two lines
    of two different records are ever equal. Git's union merge driver keeps
    equal lines that two clones both added only once; with the tag, it keeps
    every line of both clones' blocks, in whole blocks, and the merge stays
    a valid plan (docs/collaboration.md).
    """
    blocks = []
    for key, record in records:
        clean = _clean(record)
        tag = f"  # {clean['id']}" if "id" in clean else ""
        lines = [f"[[{key}]]{tag}"]
        lines.extend(f"{name} = {_value(value)}{tag}" for name, value in clean.items())
        blocks.append("\n".join(lines) + "\n")
    text = "\n".join(blocks)
    return text.replace("\n", newline) if newline != "\n" else text


def _expected_data(old: dict[str, Any], records: NewRecords) -> dict[str, Any]:
    expected = copy.deepcopy(old)
    for key, record in records:
        records_of_key = expected.setdefault(key, [])
        if not isinstance(records_of_key, list):  # e.g. a key that is a table
            raise WriteRefused(msg("journal.not_a_journal", key=key))
        records_of_key.append(_clean(record))
    return expected


def verify(
    old: Loaded,
    original: str,
    new_text: str,
    records: NewRecords,
    context: Context,
    errors_before: Sequence[Problem] = (),
) -> tuple[Loaded, list[Problem]]:
    """Check that ``new_text`` is ``original`` plus exactly ``records``, still valid
    (or, from a plan with ``errors_before``, a repair of it: :func:`judge_errors`);
    the new text, and its problems (its warnings, as it is valid)."""
    if not new_text.startswith(original):
        raise WriteRefused(msg("journal.text_changed", file=old.file))
    new = parse(new_text, old.file)
    syntax = [p for p in new.problems if p.code == "syntax"]
    if new.data is None or syntax:
        raise WriteRefused(
            msg("journal.would_not_parse", file=old.file),
            syntax,
            hint=msg("journal.would_not_parse.hint"),
        )
    assert old.data is not None
    if new.data != _expected_data(old.data, records):
        raise WriteRefused(
            msg("journal.would_not_read_back", file=old.file),
            hint=msg("journal.would_not_read_back.hint"),
        )
    problems = validate(new, context)
    judge_errors([p for p in problems if p.is_error], errors_before, old.file)
    return new, problems


def judge_errors(after: Sequence[Problem], before: Sequence[Problem], file: str) -> None:
    """Refuse a write whose plan would have errors, unless it repairs.

    A plan that had errors only the rules find (what a merge of two clones
    can make: docs/collaboration.md) may be written to by a write that
    leaves fewer errors and none of a new kind or in a new number: a cancel
    that ends an over-allocation, a void of a record entered twice.
    """
    if not after:
        return
    if not before:
        raise WriteRefused(msg("journal.would_be_invalid", file=file), after)
    had = Counter(p.code for p in before)
    if len(after) < len(before) and Counter(p.code for p in after) <= had:
        return
    raise PlanStillInvalid(
        msg("journal.does_not_repair", file=file, count=len(before)),
        after,
        hint=msg("journal.does_not_repair.hint", file=file),
    )


def _expected_blocks(records: NewRecords) -> dict[str, list[dict[str, Any]]]:
    expected: dict[str, list[dict[str, Any]]] = {}
    for key, record in records:
        expected.setdefault(key, []).append(_clean(record))
    return expected


def append(
    path: Path,
    build: Callable[[front.Checked], NewRecords],
    context: Context,
    *,
    dry_run: bool = False,
    timeout: float = LOCK_TIMEOUT_SECONDS,
    use_cache: bool = True,
    before: front.Checked | None = None,
    notice: Callable[[Message], None] | None = None,
    judge: Judge | None = None,
) -> WriteResult:
    """Append the records ``build`` makes from the current plan, safely.

    ``build`` runs under the lock on the freshly read plan, so ids it picks
    are checked against what is really in the file at that moment.

    ``before`` is the plan the caller read before calling (to resolve names,
    say): the re-read under the lock is proved against it by size and digest
    instead of parsed again. The plan is read through the cache unless
    ``use_cache`` is False. Verifying the new text needs only the appended
    blocks parsed when the old text's tables all came from ``[[key]]``
    headers (:func:`ggov_plan.plan.prove_appended`): the whole file then
    reads as the old data plus the blocks' data, which must be exactly the
    new records. Otherwise the whole new text is parsed and compared.

    ``notice`` is told when another program changed the plan during the
    write and the write starts again (see the module's docstring).
    ``build`` may then run again, on the new text. A ``build`` that returns
    no record writes nothing (the result says ``written=False``).

    ``judge``, if given, is told the new plan and its warnings once they are
    verified, before the file is replaced; what it raises refuses the write.
    """
    import filelock  # only writes need it; read commands start faster without

    real = Path(os.path.realpath(path))
    read_bytes(real)  # a missing or unreadable file fails here, before any lock file appears
    plan_status = os.stat(real)
    # Whoever may write the plan may lock it: the lock takes the plan's mode
    # bits, whatever the umask (a shared folder, docs/security.md).
    lock = filelock.FileLock(lock_path(real), timeout=timeout, mode=_lock_mode(plan_status))
    try:
        lock.acquire()
    except filelock.Timeout:
        # Vietnamese writes 0,2 giây.
        seconds = PerLanguage(en=f"{timeout:g}", vi=f"{timeout:g}".replace(".", ","))
        raise PlanBusy(
            msg("journal.busy", path=path, seconds=seconds), hint=msg("journal.busy.hint")
        ) from None
    except OSError as error:  # a read-only folder, a symlink planted at the lock path
        raise UsageError(
            msg(
                "journal.cannot_lock",
                path=path,
                lock=lock_path(real).name,
                reason=error.strerror or str(error),
            ),
            hint=msg("journal.cannot_lock.hint"),
        ) from None
    _share_lock(lock_path(real), plan_status)
    try:
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                return _attempt(path, real, build, context, dry_run, use_cache, before, judge)
            except _Changed:
                if attempt == WRITE_ATTEMPTS:
                    raise PlanChanged(
                        msg("journal.changed", path=path, times=WRITE_ATTEMPTS),
                        hint=msg("journal.changed.hint"),
                    ) from None
                if notice is not None:
                    notice(
                        msg(
                            "journal.retrying",
                            path=path,
                            attempt=attempt + 1,
                            attempts=WRITE_ATTEMPTS,
                        )
                    )
        raise AssertionError("unreachable")  # pragma: no cover
    finally:
        lock.release()


def _lock_mode(plan: os.stat_result) -> int:
    # The plan's read and write bits; its owner may always open the lock (a
    # read-only plan is still replaced, as its folder allows).
    return (stat.S_IMODE(plan.st_mode) & 0o666) | 0o600


def _share_lock(lock: Path, plan: os.stat_result) -> None:
    """Give our own lock file the plan's group and mode bits.

    filelock sets the mode only on the file it creates; a lock file left by
    an earlier version (0644 from the umask) is put right by its owner. The
    group needs a chown, allowed to a member of the plan's group. Through a
    descriptor opened without following symlinks, so that a symlink planted
    at the lock path changes nothing; another descriptor of the file does not
    release the lock (flock locks belong to the open file, not the process).
    """
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(lock, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
                return
            if info.st_gid != plan.st_gid:
                os.fchown(fd, -1, plan.st_gid)
            if stat.S_IMODE(info.st_mode) != _lock_mode(plan):
                os.fchmod(fd, _lock_mode(plan))
        finally:
            os.close(fd)


class _Changed(Exception):
    """The plan on disk is no longer what the write read: try again."""


def _unchanged(raw: bytes, stamp: files.Stamp) -> Callable[[Path], None]:
    """The compare-and-swap check, run just before the rename."""

    def check(real: Path) -> None:
        try:
            now = files.Stamp.of(os.stat(real))
            if now != stamp or files._read_all(real) != raw:
                raise _Changed
        except OSError:  # gone, or replaced by something unreadable
            raise _Changed from None

    return check


def _attempt(
    path: Path,
    real: Path,
    build: Callable[[front.Checked], NewRecords],
    context: Context,
    dry_run: bool,
    use_cache: bool,
    before: front.Checked | None,
    judge: Judge | None = None,
) -> WriteResult:
    """One try of :func:`append`'s steps 2 to 5, under the lock."""
    current = front.reread_for_write(
        real, file=str(path), before=before, today=context.today, cache=use_cache
    )
    raw = current.raw
    old = current.checked.loaded
    records = build(current.checked)
    if not records:
        return WriteResult(Path(path), "", written=False)
    newline = "\r\n" if b"\r\n" in raw else "\n"
    _check_utf8(records)
    blocks = render_blocks(records, newline)
    if raw:
        separator = newline if raw.endswith((b"\n", b"\r")) else newline * 2
        blocks = separator + blocks
    new_raw = raw + blocks.encode("utf-8")
    appended = _verify_appended(current, new_raw, records)
    if appended is None:  # not provable from the blocks alone: check the whole text
        text = old.text if not raw.startswith(b"\xef\xbb\xbf") else "\ufeff" + old.text
        new, problems = verify(old, text, text + blocks, records, context, current.checked.errors)
    else:
        new, problems = appended.reading.loaded, list(appended.reading.problems)
    assert new.plan is not None  # verified: it parsed, and is valid or a repair
    warnings = tuple(p for p in problems if not p.is_error)
    if judge is not None:
        judge(new.plan, warnings)
    if not dry_run:
        remove_stale_temps(real)
        write_replacing(real, new_raw, unchanged=_unchanged(raw, current.stamp))
        LANDED.set(Path(path))
        if appended is not None:
            # Only now, with the plan written: the next command starts warm.
            front.remember_written(appended)
    return WriteResult(Path(path), blocks, not dry_run, new.plan, warnings)


def _check_utf8(records: NewRecords) -> None:
    """Text typed in a non-UTF-8 locale arrives with undecodable bytes
    (surrogate escapes); refuse it rather than fail while writing."""
    for key, record in records:
        name = undecodable(record)
        if name is not None:
            raise UsageError(
                msg("journal.not_utf8", what=f"{key}.{name}"), hint=msg("journal.not_utf8.hint")
            )


def _verify_appended(
    current: front.Current, new_raw: bytes, records: NewRecords
) -> front.Appended | None:
    """The new plan if the appended blocks alone prove it right.

    Returns None when they cannot prove it (the caller verifies the whole
    text); raises :class:`WriteRefused` when they prove it wrong.
    """
    appended = front.prove_appended(current, new_raw)
    if appended is None:
        return None
    file = appended.reading.file
    if appended.blocks != _expected_blocks(records):
        raise WriteRefused(
            msg("journal.would_not_read_back", file=file),
            hint=msg("journal.would_not_read_back.hint"),
        )
    errors = [p for p in appended.reading.problems if p.is_error]
    judge_errors(errors, current.checked.errors, file)
    return appended


def check_new_id(ident: str, option: str) -> None:
    """An id given on the command line follows the same rule as ids in the file."""
    if not ID_PATTERN.fullmatch(ident):
        raise UsageError(
            msg("journal.bad_id", option=option, id=repr(ident)), hint=msg("journal.bad_id.hint")
        )
