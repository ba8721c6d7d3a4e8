"""Merging two clones' versions of a plan: what git's merge driver does.

A plan file is a declaration written by hand, followed by a journal that
ggov-plan appends to (docs/collaboration.md). Two clones that both wrote
differ mostly in what they appended at the end, which a text merge sees as
two edits of the same place: a conflict every time. :func:`merge` takes
the three versions git gives a merge driver (the common ancestor, ours,
theirs) and merges the two parts differently:

- the **declaration** (everything above the journal) as text, three-way,
  through ``merge_text`` (``git merge-file`` at the edge): an edit on one
  side is taken, the same edit on both sides is taken once, and two
  different edits of the same lines are left as conflict markers for a
  person;
- the **journal** as records: each block is one record, known by its table
  and its id. A record either side added is kept, once if both added the
  same one (the same ``--id`` run in both clones); one side's edit of a
  record is taken; two different records under one id, or two different
  edits of one record, are a conflict, left between conflict markers.

Our side's text is kept byte for byte where nothing else changed it: the
result is ours, with their new blocks appended in their order. A journal
that cannot be told apart safely (a block that does not parse alone) is not
guessed at: the whole file is merged as text, which stops on any conflict
and loses nothing.

This module is pure: it reads no file and runs no program.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ggov_plan.plan.model import JOURNAL_KEYS

#: Three-way text merge: (ours, base, theirs) -> (merged text, conflicts).
TextMerge = Callable[[str, str, str], tuple[str, int]]

_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*([A-Za-z0-9_-]+)[ \t]*\]\][ \t]*(?:#.*)?$")
_ANY_TABLE = re.compile(r"^[ \t]*\[")


@dataclass(frozen=True, slots=True)
class Block:
    """One journal record as it is written: its table, identity and text."""

    key: str
    identity: str  # the id, or a digest of the content for a record without one
    content: dict[str, Any]
    text: str  # the lines from its header to the next, without trailing blank lines


@dataclass(frozen=True, slots=True)
class Split:
    """A plan's text cut where its journal starts."""

    declaration: str
    journal: str  # the text of the blocks, as it is in the file
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Merged:
    """The merged text, and what a person must look at."""

    text: str
    #: How many places hold conflict markers (0: a clean merge).
    conflicts: int
    #: The ids of records kept from their side, in the order appended.
    added: tuple[str, ...] = field(default=())


def split(text: str) -> Split | None:
    """Cut ``text`` into its declaration and its journal blocks.

    The journal is the longest run of ``[[activity]]``, ``[[completion]]``…
    blocks (:data:`JOURNAL_KEYS`) at the end of the file, after which no
    other table starts. None when a block does not parse on its own (a
    multi-line string that holds a header, say): then it is not safe to
    merge record by record.
    """
    lines = text.splitlines(keepends=True)
    start = len(lines)
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index].rstrip("\r\n")
        header = _HEADER.match(line)
        if header and header.group(1) in JOURNAL_KEYS:
            start = index
        elif _ANY_TABLE.match(line):
            break
    starts = [i for i in range(start, len(lines)) if _HEADER.match(lines[i].rstrip("\r\n"))]
    blocks = []
    for number, first in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(lines)
        block = _block("".join(lines[first:end]))
        if block is None:
            return None
        blocks.append(block)
    return Split("".join(lines[:start]), "".join(lines[start:]), tuple(blocks))


def _block(text: str) -> Block | None:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None
    if len(data) != 1:
        return None
    ((key, records),) = data.items()
    if not isinstance(records, list) or len(records) != 1 or not isinstance(records[0], dict):
        return None
    content: dict[str, Any] = records[0]
    ident = content.get("id")
    if isinstance(ident, str) and ident:
        identity = ident
    else:  # a record without an id is known by what it says
        identity = "#" + hashlib.sha256(repr(sorted(content.items())).encode()).hexdigest()[:16]
    body = text.rstrip("\r\n") + ("\r\n" if text.endswith("\r\n") else "\n")
    return Block(key, identity, content, body)


def merge(base: str, ours: str, theirs: str, merge_text: TextMerge) -> Merged:
    """Merge ``theirs`` into ``ours``, ``base`` being their common ancestor."""
    if ours == theirs or theirs == base:
        return Merged(ours, 0)
    if ours == base:
        return Merged(theirs, 0)
    base_part, our_part, their_part = split(base), split(ours), split(theirs)
    if base_part is None or our_part is None or their_part is None:
        text, conflicts = merge_text(ours, base, theirs)
        return Merged(text, conflicts)
    declaration, conflicts = _merge_declaration(base_part, our_part, their_part, merge_text)
    journal, journal_conflicts, added = _merge_journal(base_part, our_part, their_part)
    newline = "\r\n" if "\r\n" in ours else "\n"
    if declaration and journal and not declaration.endswith(("\n", "\r")):
        declaration += newline
    return Merged(declaration + journal, conflicts + journal_conflicts, tuple(added))


def _merge_declaration(
    base: Split, ours: Split, theirs: Split, merge_text: TextMerge
) -> tuple[str, int]:
    if theirs.declaration in (base.declaration, ours.declaration):
        return ours.declaration, 0
    if ours.declaration == base.declaration:
        return theirs.declaration, 0
    return merge_text(ours.declaration, base.declaration, theirs.declaration)


def _merge_journal(base: Split, ours: Split, theirs: Split) -> tuple[str, int, list[str]]:
    """Our blocks (less those they removed), then the blocks only they added."""
    before = {(b.key, b.identity): b for b in base.blocks}
    mine = {(b.key, b.identity): b for b in ours.blocks}
    yours = {(b.key, b.identity): b for b in theirs.blocks}
    newline = "\r\n" if any(b.text.endswith("\r\n") for b in ours.blocks) else "\n"
    pieces: list[str] = []
    conflicts = 0
    added: list[str] = []
    for name, block in mine.items():
        old, other = before.get(name), yours.get(name)
        if old is not None and other is None:
            if _same(block, old):
                continue  # they removed it, we did not touch it
            pieces.append(_conflict(block.text, "", newline))
            conflicts += 1
        elif other is None or _same(block, other) or (old is not None and _same(other, old)):
            pieces.append(block.text)
        elif old is not None and _same(block, old):
            pieces.append(other.text)  # they edited it, we did not
        else:
            pieces.append(_conflict(block.text, other.text, newline))
            conflicts += 1
    # Ours, untouched, stays as it is in the file (its spacing, its comments).
    kept = pieces == [block.text for block in ours.blocks]
    new: list[str] = []
    for name, block in yours.items():
        if name in mine:
            continue
        old = before.get(name)
        if old is None:
            new.append(block.text)
            added.append(block.identity)
        elif not _same(block, old):  # we removed it, they edited it
            new.append(_conflict("", block.text, newline))
            conflicts += 1
    if not kept:
        return newline.join(pieces + new), conflicts, added
    journal = ours.journal
    if new and journal:
        journal += newline if journal.endswith(("\n", "\r")) else newline * 2
    return journal + newline.join(new), conflicts, added


def _same(first: Block, second: Block) -> bool:
    return first.content == second.content


def _conflict(ours: str, theirs: str, newline: str) -> str:
    return f"<<<<<<< ours{newline}{ours}======={newline}{theirs}>>>>>>> theirs{newline}"
