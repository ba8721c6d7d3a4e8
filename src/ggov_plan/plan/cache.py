"""A verified cache of parsed plans, in the user's cache folder.

Reading a large plan is mostly TOML parsing, and a plan file only changes in
two ways: ggov-plan appends blocks at its end, or a person edits it. So the
model built from a file is kept, together with the size and SHA-256 of the
bytes it was built from, in ``<user cache dir>/ggov-plan/plans/`` (never in
the repository: the plan's folder is not touched). On the next load:

- the same bytes (same size and digest): the cached model is used;
- the old bytes plus more at the end: only the new part is parsed
  (:func:`ggov_plan.plan.parse.appended_records`), if it is journal blocks;
- anything else, a hand edit anywhere included: a full parse.

A cache entry is never trusted beyond what it proves: it is used only if its
format tag matches this version of ggov-plan and Python, and only for bytes
that hash to its digest. An entry that is missing, corrupt, unreadable or of
another version is ignored and replaced. Only loads without any problem are
cached; problems carry messages that are worded only when shown.

``--no-cache`` or ``GGOV_PLAN_NO_CACHE=1`` turns the cache off; it is then
neither read nor written.

Commands never call this module: the front door (:mod:`ggov_plan.plan.front`)
uses it. It keeps no state between calls: what one read proves is handed to
the next as a value (:class:`Snapshot`), never remembered in the process.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import stat
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, BinaryIO

from ggov_plan import __version__
from ggov_plan.i18n.message import Message
from ggov_plan.plan import model
from ggov_plan.plan.build import Headers
from ggov_plan.plan.files import decode, read_bytes
from ggov_plan.plan.model import COLLECTIONS, SINGLES, Plan, Record
from ggov_plan.plan.parse import Loaded, appended_records, parse_with_headers
from ggov_plan.problems import Problem, Severity

NO_CACHE_ENV = "GGOV_PLAN_NO_CACHE"


#: Changes whenever what is stored changes; an entry with another tag is ignored.
def _shape() -> str:
    """The fields of everything an entry holds: any change to the model, a
    problem or a message gives another tag, so old entries are never misread."""
    import dataclasses as dc

    from ggov_plan.i18n import message

    classes = [
        value
        for module in (model, message)
        for value in vars(module).values()
        if isinstance(value, type) and dc.is_dataclass(value)
    ]
    fields = sorted(f"{c.__name__}:{','.join(f.name for f in dc.fields(c))}" for c in classes)
    fields.append("Problem:" + ",".join(f.name for f in dc.fields(Problem)))
    return hashlib.sha256(";".join(fields).encode()).hexdigest()[:12]


FORMAT_TAG = f"ggov-plan-cache 2 {__version__} {sys.version_info[:2]} {_shape()}"


def enabled(no_cache_option: bool, environ: Mapping[str, str]) -> bool:
    """Whether to use the cache: not with --no-cache, nor GGOV_PLAN_NO_CACHE set to 1/yes/true."""
    value = environ.get(NO_CACHE_ENV, "").strip().lower()
    return not no_cache_option and value not in ("1", "yes", "true", "on")


def cache_folder() -> Path:
    """``$XDG_CACHE_HOME/ggov-plan`` or the platform's equivalent."""
    import platformdirs  # only a load that uses the cache needs it

    return Path(platformdirs.user_cache_dir("ggov-plan", appauthor=False))


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A plan as parsed from some bytes, and what proves which bytes those were."""

    size: int
    digest: bytes
    lines: int  # newlines in those bytes: the line offset of anything appended
    #: Top-level keys whose every element came from a ``[[key]]`` header, and
    #: so can be extended by appended blocks; and all top-level keys.
    appendable: frozenset[str]
    keys: frozenset[str]
    plan: Plan


def digest(raw: bytes | memoryview) -> bytes:
    # SHA-256 runs in hardware on current x86 and ARM CPUs: on the bench
    # machine it hashed 60 MB in 0.09 s, where BLAKE2b took 0.22 s.
    return hashlib.sha256(raw).digest()


def snapshot_of(raw: bytes, loaded: Loaded, headers: Headers | None) -> Snapshot | None:
    """What to remember of a full parse; None if it had problems (not cached)."""
    if loaded.plan is None or loaded.problems or raw.startswith(b"\xef\xbb\xbf"):
        return None
    data = loaded.data or {}
    appendable = frozenset(
        key
        for key, value in data.items()
        if type(value) is list and value and headers is not None and (key, 0) in headers
    )
    return Snapshot(
        len(raw), digest(raw), raw.count(b"\n"), appendable, frozenset(data), loaded.plan
    )


def extend(old: Snapshot, raw: bytes, file: str) -> tuple[Snapshot, dict[str, Any]] | None:
    """The snapshot of ``raw`` if it is the old bytes plus appended journal
    blocks, with the data of those blocks.

    None if the start differs, or if the new part is not surely read the same
    alone as within the whole file; the caller then parses the whole file.
    """
    if len(raw) <= old.size or digest(memoryview(raw)[: old.size]) != old.digest:
        return None
    # A tail that starts mid-line would continue the old last line.
    if not (raw[old.size - 1 : old.size] == b"\n" or raw[old.size : old.size + 1] in b"\r\n"):
        return None
    try:
        tail = raw[old.size :].decode("utf-8")
    except UnicodeDecodeError:
        return None
    plan = old.plan
    offsets = {key: len(getattr(plan, attribute)) for key, _, attribute in COLLECTIONS}
    appended = appended_records(tail, old.lines, offsets)
    if appended is None:
        return None
    new, data = appended
    if not all(key in old.appendable or key not in old.keys for key in new):
        return None
    changes: dict[str, Any] = {}
    declared = {key: set(ids) for key, ids in plan.declared_ids.items()}
    for key, _, attribute in COLLECTIONS:
        if key in new:
            records: list[Record] = new[key]
            changes[attribute] = getattr(plan, attribute) + tuple(records)
            declared.setdefault(key, set()).update(
                item["id"] for item in data[key] if isinstance(item.get("id"), str)
            )
    changes["declared_ids"] = {key: frozenset(ids) for key, ids in declared.items()}
    snapshot = Snapshot(
        len(raw),
        digest(raw),
        old.lines + raw.count(b"\n", old.size),
        old.appendable | new.keys(),
        old.keys | new.keys(),
        dataclasses.replace(plan, file=file, **changes),
    )
    return snapshot, data


def loaded_from(snapshot: Snapshot, raw: bytes, file: str) -> Loaded:
    """A :class:`Loaded` as a full parse of ``raw`` would give it (no problems)."""
    plan = (
        snapshot.plan
        if snapshot.plan.file == file
        else dataclasses.replace(snapshot.plan, file=file)
    )
    return Loaded(file, raw, None, plan, (), parsed=False)


# --------------------------------------------------------------------------- the file


def entry_path(plan_file: Path, folder: Path) -> Path:
    """One entry per plan file, named after a hash of its real path."""
    real = os.path.realpath(plan_file)
    name = hashlib.sha256(os.fsencode(real)).hexdigest()[:32]
    return folder / "plans" / f"{name}.pickle"


# A snapshot is stored as plain tuples: each collection as a list of rows of
# field values. Unpickling builtin tuples runs in C; rebuilding each record
# through its constructor is then the only per-record Python work (the
# default pickling of frozen slotted dataclasses took 2.5 times as long).


def _rows(records: tuple[Record, ...]) -> list[tuple[Any, ...]]:
    if not records:
        return []
    names = _field_names(type(records[0]))
    return [tuple([getattr(r, n) for n in names]) for r in records]


def _field_names(cls: type[Record]) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _to_payload(snapshot: Snapshot) -> tuple[Any, ...]:
    plan = snapshot.plan
    collections = {attribute: _rows(getattr(plan, attribute)) for _, _, attribute in COLLECTIONS}
    return (
        snapshot.size,
        snapshot.digest,
        snapshot.lines,
        snapshot.appendable,
        snapshot.keys,
        # Every single table ([plan], [budget], [report], [check]), whole.
        (
            plan.file,
            plan.format,
            {attribute: getattr(plan, attribute) for _, _, attribute, _ in SINGLES},
            dict(plan.declared_ids),
        ),
        collections,
    )


def _from_payload(payload: tuple[Any, ...]) -> Snapshot:
    size, digest_, lines, appendable, keys, head, collections = payload
    file, format_, singles, declared_ids = head
    built: dict[str, tuple[Record, ...]] = {}
    for _, cls, attribute in COLLECTIONS:
        names = _field_names(cls)
        rows = collections[attribute]
        built[attribute] = tuple([cls(**dict(zip(names, row, strict=True))) for row in rows])
    plan = Plan(
        file=file,
        format=format_,
        declared_ids=declared_ids,
        **singles,
        **built,  # type: ignore[arg-type]
    )
    return Snapshot(size, digest_, lines, appendable, keys, plan)


#: What a payload is made of: no other class can be named in an entry.
_ALLOWED: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "ggov_plan.plan.model": frozenset(
            name
            for name, value in vars(model).items()
            if isinstance(value, type) and issubclass(value, Record)
        ),
        "ggov_plan.problems": frozenset({"Problem", "Severity"}),
        "ggov_plan.i18n.message": frozenset(
            {"Message", "Money", "Figure", "Number", "Joined", "Day", "PerLanguage"}
        ),
        "datetime": frozenset({"date", "datetime", "timezone", "timedelta"}),
        "builtins": frozenset({"frozenset", "set"}),
    }
)


def _load_payload(stream: BinaryIO) -> Any:
    """Unpickle what a payload is made of, refusing every other class.

    The cache folder belongs to the user, but a pickle can call any function
    it names; refusing everything but the model's records and the standard
    types they hold keeps a planted file from running code. pickle is
    imported here, not at the top: a run with the cache off never needs it.
    """
    import pickle

    class PayloadUnpickler(pickle.Unpickler):
        def find_class(self, module: str, name: str) -> Any:
            if name in _ALLOWED.get(module, ()):
                return super().find_class(module, name)
            raise pickle.UnpicklingError(f"not allowed in a cache entry: {module}.{name}")

    return PayloadUnpickler(stream).load()


def _open_trusted(path: Path) -> BinaryIO | None:
    """``path`` opened for reading if it is a regular file only this user could
    have written, in a folder only this user can write; else None.

    Opened without following a symlink and without blocking, then checked on
    the open file: a FIFO or a device planted at an entry's path is never read
    (it would hang every command), and nothing can be swapped in between the
    check and the read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        if not _private_folder(path.parent):
            return None
        descriptor = os.open(path, flags)
    except OSError:
        return None
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode) or not _private(status):
        os.close(descriptor)
        return None
    return os.fdopen(descriptor, "rb")


def read_entry(path: Path) -> Snapshot | None:
    """The entry at ``path``, or None if there is none usable, for any reason."""
    try:
        stream = _open_trusted(path)
        if stream is None:
            return None
        with stream:
            if stream.readline() != _tag():
                return None
            return _from_payload(_load_payload(stream))
    except Exception:
        return None


def store(path: Path, known: Snapshot | None, snapshot: Snapshot) -> Snapshot | None:
    """Write ``snapshot`` as the entry unless ``known``, the entry on disk, is
    nearly as good; return what the entry then holds.

    After a few appended blocks the old entry still serves: the next load
    parses just the blocks (:func:`extend`). Rewriting a large entry takes
    seconds, so that is done only once the new part is 1/32 of the file.
    """
    if snapshot is known:
        return known
    if known is not None and snapshot.size - known.size < snapshot.size // 32:
        return known
    return snapshot if write_entry(path, snapshot) else known


def _private(status: os.stat_result) -> bool:
    """An entry someone else could have written is not trusted (POSIX)."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # Windows: the folder's ACL is the user's
        return True
    return status.st_uid == getuid() and not status.st_mode & 0o022


def _private_folder(folder: Path) -> bool:
    """The cache folder is this user's and no one else can write in it: in a
    shared, world-writable folder another user could plant or replace entries."""
    try:
        status = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(status.st_mode) and _private(status)


def _tag() -> bytes:
    return FORMAT_TAG.encode() + b"\n"


def write_entry(path: Path, snapshot: Snapshot) -> bool:
    """Write atomically; whether it was written. Failing to write the cache
    never fails a command."""
    return _write_atomically(path, _to_payload(snapshot))


def _write_atomically(path: Path, payload: Any) -> bool:
    """Whether it was written: an error only means there is no entry."""
    import pickle
    import tempfile

    with contextlib.suppress(OSError, pickle.PicklingError, RecursionError):
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # A writer killed before its rename leaves its temp file; the next
        # write of the same entry removes it. Should that be another
        # process's temp file in progress, that process only fails to
        # update the cache, which is never an error.
        # Matched exactly, never by a glob pattern (ggov_plan.write.atomic).
        from ggov_plan.write.atomic import remove_stale_temps, temp_prefix

        remove_stale_temps(path)
        descriptor, temp = tempfile.mkstemp(
            dir=path.parent, prefix=temp_prefix(path), suffix=".tmp"
        )
        try:
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(_tag())
                pickle.dump(payload, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, path)
            return True
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
    return False


# --------------------------------------------------------------------------- loading


@dataclass(frozen=True, slots=True)
class CachedLoad:
    """A load, and the snapshot it matches (None if it had problems)."""

    loaded: Loaded
    snapshot: Snapshot | None
    how: str  # "cache", "appended", "parsed": for tests and the benchmarks
    entry: Path | None = None  # the cache entry, when the cache is on
    #: What that entry holds after this load (:func:`store` decides from it).
    on_disk: Snapshot | None = None


def proved(raw: bytes, file: str, known: Snapshot) -> CachedLoad | None:
    """The load of ``raw`` if ``known`` proves it: the same bytes (by size and
    digest), or those bytes with journal blocks appended; else None."""
    if len(raw) == known.size and digest(raw) == known.digest:
        return CachedLoad(loaded_from(known, raw, file), known, "cache")
    extended = extend(known, raw, file)
    if extended is None:
        return None
    snapshot = extended[0]
    return CachedLoad(loaded_from(snapshot, raw, file), snapshot, "appended")


def load_raw(raw: bytes, file: str, known: Snapshot | None) -> CachedLoad:
    """Load ``raw`` using ``known`` where it proves the same or earlier bytes."""
    if known is not None:
        result = proved(raw, file, known)
        if result is not None:
            return result
    loaded, headers = parse_with_headers(decode(raw, file), file)
    fresh = snapshot_of(raw, loaded, headers)
    if fresh is None:
        return CachedLoad(loaded, None, "parsed")
    # The model is all a command needs: the text and the TOML tables (on a
    # large plan, three times the model's memory) are let go before the
    # entry is written, and made again from the bytes if ever asked for.
    return CachedLoad(loaded_from(fresh, raw, file), fresh, "parsed")


def load_entry(raw: bytes, file: str, entry: Path, *, write: bool = True) -> CachedLoad:
    """Load ``raw`` through the cache entry at ``entry``.

    ``write=False`` leaves the entry as it is: a plan write keeps the cache
    folder untouched until the plan itself is written.
    """
    known = read_entry(entry)
    result = load_raw(raw, file, known)
    on_disk = known
    if write and result.snapshot is not None:
        on_disk = store(entry, known, result.snapshot)
    return dataclasses.replace(result, entry=entry, on_disk=on_disk)


def load(path: Path, *, folder: Path | None = None) -> CachedLoad:
    """Read a plan file through its cache entry (in ``folder``, else the user's)."""
    return load_entry(read_bytes(path), str(path), entry_path(path, folder or cache_folder()))


# --------------------------------------------------------------------------- rules' results

# The rules are pure functions of the plan and the day (ggov_plan.plan.rules),
# and their problems hold messages, not words (ggov_plan.i18n.message): so
# their result for a cached plan is kept beside its entry, for one (file name,
# day) at a time, and serves every language. On a large plan the rules take as
# long as loading it from the cache.

#: What a rules' result is for: the plan's bytes, its file name, the day.
CheckedKey = tuple[bytes, str, Any]


def _checked_path(entry: Path) -> Path:
    return entry.with_suffix(".checked")


def recall_problems(entry: Path, key: CheckedKey) -> list[Problem] | None:
    """The problems remembered beside ``entry`` for ``key``, or None."""
    try:
        stream = _open_trusted(_checked_path(entry))
        if stream is None:
            return None
        with stream:
            if stream.readline() == _tag():
                stored_key, problems = _load_payload(stream)
                # Every part of the payload is checked for its shape, as an
                # entry's records are: anything else means no entry.
                if (
                    stored_key == key
                    and isinstance(problems, list)
                    and all(_sound_problem(p) for p in problems)
                ):
                    return problems
    except Exception:  # a bad entry is no entry: the rules run again
        pass
    return None


def _sound_problem(problem: object) -> bool:
    return (
        isinstance(problem, Problem)
        and isinstance(problem.severity, Severity)
        and isinstance(problem.code, str)
        and isinstance(problem.file, str)
        and isinstance(problem.what, str | Message)
        and isinstance(problem.how, str | Message)
        and all(isinstance(n, int | None) for n in (problem.line, problem.column))
        and isinstance(problem.path, str)
        and isinstance(problem.rule, str)
        and isinstance(problem.accepted, str)
    )


def remember_problems(entry: Path, key: CheckedKey, problems: list[Problem]) -> None:
    """Keep the rules' result for ``key`` beside ``entry``."""
    _write_atomically(_checked_path(entry), (key, problems))
