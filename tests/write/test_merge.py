"""The merge of two clones' versions of a plan, in the core (write/merge.py).

The text merge of the declaration is a stand-in here that records its calls;
tests/cli/test_collab.py runs the real one, git merge-file, in real clones.
"""

from __future__ import annotations

from ggov_plan.write.merge import merge, split

DECLARATION = """format = 1

[plan]
title = "Kế hoạch"

[[task]]
id = "t1"
"""


def block(key: str, ident: str, extra: str = "") -> str:
    return f'[[{key}]]  # {ident}\nid = "{ident}"  # {ident}\n{extra}'


def journal(*blocks: str) -> str:
    return "\n".join(blocks)


def plan(*blocks: str, declaration: str = DECLARATION) -> str:
    return declaration + ("\n" + journal(*blocks) if blocks else "")


class TextMerge:
    """A three-way text merge that says which texts it was given."""

    def __init__(self, result: tuple[str, int] = ("MERGED\n", 0)) -> None:
        self.calls: list[tuple[str, str, str]] = []
        self.result = result

    def __call__(self, ours: str, base: str, theirs: str) -> tuple[str, int]:
        self.calls.append((ours, base, theirs))
        return self.result


A1 = block("activity", "so-a1", 'task = "t1"\n')
A2 = block("activity", "so-a2", 'task = "t1"\n')
C1 = block("completion", "so-a1-c1", 'activity = "so-a1"\n')


def test_the_journal_is_the_run_of_record_blocks_at_the_end() -> None:
    parts = split(plan(A1, C1))
    assert parts is not None
    assert parts.declaration == DECLARATION + "\n"
    assert [(b.key, b.identity) for b in parts.blocks] == [
        ("activity", "so-a1"),
        ("completion", "so-a1-c1"),
    ]


def test_a_table_after_the_records_ends_the_journal_there() -> None:
    text = plan(A1) + '\n[[task]]\nid = "t2"\n'
    parts = split(text)
    assert parts is not None and parts.blocks == () and parts.declaration == text


def test_both_sides_appending_keeps_ours_byte_for_byte_then_theirs() -> None:
    base = plan(A1)
    ours = plan(A1, C1)
    theirs = plan(A1, A2)
    text_merge = TextMerge()
    merged = merge(base, ours, theirs, text_merge)
    assert merged.conflicts == 0
    assert merged.text == ours + "\n" + A2
    assert merged.added == ("so-a2",)
    assert text_merge.calls == []  # the declaration did not change


def test_the_same_record_on_both_sides_is_kept_once() -> None:
    base = plan()
    merged = merge(base, plan(A1), plan(A1.replace("  # so-a1", "")), TextMerge())
    assert merged.conflicts == 0
    assert merged.text.count('id = "so-a1"') == 1


def test_two_different_records_under_one_id_are_a_conflict() -> None:
    base = plan()
    ours = plan(block("activity", "so-x", 'title = "A"\n'))
    theirs = plan(block("activity", "so-x", 'title = "B"\n'))
    merged = merge(base, ours, theirs, TextMerge())
    assert merged.conflicts == 1
    assert '<<<<<<< ours\n[[activity]]  # so-x\nid = "so-x"  # so-x\ntitle = "A"\n' in merged.text
    assert '=======\n[[activity]]  # so-x\nid = "so-x"  # so-x\ntitle = "B"\n>>>>>>> theirs' in (
        merged.text
    )


def test_an_edit_of_the_declaration_on_one_side_is_taken() -> None:
    base = plan(A1)
    edited = DECLARATION.replace('"Kế hoạch"', '"Kế hoạch 2018"')
    theirs = plan(A1, A2, declaration=edited)
    ours = plan(A1, C1)
    text_merge = TextMerge()
    merged = merge(base, ours, theirs, text_merge)
    assert merged.conflicts == 0 and text_merge.calls == []
    assert merged.text.startswith(edited) and A2 in merged.text and C1 in merged.text


def test_edits_of_the_declaration_on_both_sides_go_to_the_text_merge() -> None:
    base = plan(A1)
    ours = plan(A1, declaration=DECLARATION + "# ours\n")
    theirs = plan(A1, declaration=DECLARATION + "# theirs\n")
    text_merge = TextMerge(("<<<<<<< ours\n# ours\n=======\n# theirs\n>>>>>>> theirs\n", 1))
    merged = merge(base, ours, theirs, text_merge)
    assert text_merge.calls == [
        (DECLARATION + "# ours\n\n", DECLARATION + "\n", DECLARATION + "# theirs\n\n")
    ]
    assert merged.conflicts == 1
    assert merged.text.endswith(A1)


def test_a_record_one_side_removed_and_the_other_left_alone_is_removed() -> None:
    base = plan(A1, A2)
    merged = merge(base, plan(A1, A2, C1), plan(A1), TextMerge())
    assert merged.conflicts == 0
    assert "so-a2" not in merged.text and C1 in merged.text


def test_a_record_one_side_removed_and_the_other_edited_is_a_conflict() -> None:
    base = plan(A1, A2)
    edited = A2 + 'title = "sửa"\n'
    merged = merge(base, plan(A1, edited), plan(A1, C1), TextMerge())
    assert merged.conflicts == 1
    assert "<<<<<<< ours\n[[activity]]  # so-a2" in merged.text


def test_an_edit_of_a_record_on_one_side_is_taken() -> None:
    base = plan(A1)
    edited = A1 + 'title = "sửa"\n'
    merged = merge(base, plan(A1, C1), plan(edited), TextMerge())
    assert merged.conflicts == 0
    assert 'title = "sửa"' in merged.text and C1 in merged.text


def test_a_journal_that_cannot_be_told_apart_is_merged_as_text() -> None:
    tricky = '[[note]]\ntext = """\n[[activity]]\n"""\n'
    base = plan(tricky)
    text_merge = TextMerge(("TEXT\n", 1))
    merged = merge(base, plan(tricky, A1), plan(tricky, A2), text_merge)
    assert merged == merged.__class__("TEXT\n", 1)
    assert len(text_merge.calls) == 1


def test_windows_line_endings_stay() -> None:
    def crlf(text: str) -> str:
        return text.replace("\n", "\r\n")

    base, ours, theirs = crlf(plan(A1)), crlf(plan(A1, C1)), crlf(plan(A1, A2))
    merged = merge(base, ours, theirs, TextMerge())
    assert merged.text == ours + "\r\n" + crlf(A2)
    assert "\n" not in merged.text.replace("\r\n", "")


def test_one_side_unchanged_gives_the_other() -> None:
    base = plan(A1)
    assert merge(base, base, plan(A1, A2), TextMerge()).text == plan(A1, A2)
    assert merge(base, plan(A1, C1), base, TextMerge()).text == plan(A1, C1)
