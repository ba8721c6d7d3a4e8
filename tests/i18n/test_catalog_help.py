"""The Vietnamese ``--help`` catalog is complete and has nothing stale.

Every command, option and argument of the whole app that has English help
has a Vietnamese entry in :mod:`ggov_plan.i18n.catalog_help`, and every entry
names a command, option or argument that exists: a new option cannot ship
with English help only, and a removed one leaves no entry behind.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
import typer

from ggov_plan.cli import helptext, whole_app
from ggov_plan.i18n import catalog_help


def _tree() -> object:
    return typer.main.get_command(whole_app())


def test_every_english_help_has_a_vietnamese_entry() -> None:
    english = helptext.english_texts(_tree())
    missing = sorted(set(english) - set(catalog_help.HELP))
    assert missing == [], f"add these to ggov_plan/i18n/catalog_help.py HELP: {missing}"


def test_no_entry_is_stale() -> None:
    english = helptext.english_texts(_tree())
    stale = sorted(set(catalog_help.HELP) - set(english))
    assert stale == [], f"these name nothing in the app any more: {stale}"


def test_every_metavar_has_a_vietnamese_word_and_none_is_stale() -> None:
    shown = helptext.english_metavars(_tree())
    assert sorted(shown - set(catalog_help.METAVARS)) == []
    assert sorted(set(catalog_help.METAVARS) - shown) == []


def test_every_option_that_takes_a_value_has_a_meaningful_english_metavar() -> None:
    """No ``<str>``: the metavar table (or the option itself) names what to type."""
    untyped = helptext.options_without_metavar(_tree())
    assert untyped == [], f"add these to ggov_plan/cli/helptext.py METAVARS: {untyped}"


def test_no_metavar_table_entry_is_stale() -> None:
    used = helptext.metavar_keys_used(_tree())
    assert sorted(set(helptext.METAVARS) - used) == []


@pytest.mark.parametrize("key", sorted(catalog_help.HELP))
def test_entries_are_vietnamese_nfc_text(key: str) -> None:
    text = catalog_help.HELP[key]
    assert text.strip() == text or "\n" in text
    assert unicodedata.is_normalized("NFC", text)
    # Vietnamese, not a copy of the English: some letter with a diacritic.
    assert re.search(r"[^\x00-\x7f]", text), key


@pytest.mark.parametrize("word", sorted(catalog_help.METAVARS.values()))
def test_vietnamese_metavars_have_no_spaces(word: str) -> None:
    assert " " not in word
    assert word == word.upper()
    assert unicodedata.is_normalized("NFC", word)


def test_click_words_are_all_vietnamese() -> None:
    assert all(english != vietnamese for english, vietnamese in catalog_help.WORDS.items())
