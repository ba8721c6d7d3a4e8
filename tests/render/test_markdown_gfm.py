"""Markdown that GitHub, GitLab and Gitea show as it was written (GFM, not just CommonMark).

Plan text such as ``www.x``, ``https://…``, ``a@b.c`` or ``~~s~~`` must not turn
into a link or strikethrough where a report is viewed, and the escaping must
stay light enough for a report mailed as plain text. The renderer here is
cmark-gfm itself (cmarkgfm), the library GitHub's own renderer is built on.
"""

from __future__ import annotations

import html
import re

import cmarkgfm
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ggov_plan.render.report.markdown import cell, paragraph


def _gfm(markdown: str) -> str:
    return str(cmarkgfm.github_flavored_markdown_to_html(markdown))


def _text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page)).strip()


@pytest.mark.parametrize(
    "text",
    [
        "www.tiengiang.gov.vn",
        "Cổng https://dichvucong.tiengiang.gov.vn/portal",
        "ftp://x.y and xmpp:a@b.c",
        "hỏi stttt@tiengiang.gov.vn",
        "~~gạch~~ ~một~",
        "*nghiêng* _nghiêng_ **đậm**",
        "<b>html</b> &amp; [link](http://x) ![img](x.png)",
        "a | b",
    ],
)
def test_plan_text_is_never_a_link_strikethrough_or_markup_in_gfm(text: str) -> None:
    page = _gfm(paragraph(text))
    assert not re.search(r"<(a|del|em|strong|img|b)\b", page), page
    assert _text(page) == text


def test_an_email_address_is_shown_as_code_the_one_form_gfm_never_links() -> None:
    assert cell("liên hệ a.b@tiengiang.gov.vn") == "liên hệ `a.b@tiengiang.gov.vn`"


def test_escaping_stays_light_for_a_report_read_as_plain_text() -> None:
    assert cell("Sở TT&TT") == "Sở TT&TT"
    assert cell("Báo Ấp Bắc, số 10/11/2017") == "Báo Ấp Bắc, số 10/11/2017"
    assert cell("a &amp; b") == "a \\&amp; b"  # would be an entity: escaped


_PIECES = [*"aw.:/@_*~|<>&[]()!`#-+ \\", "www.", "http://", "a@b.co", "Sở"]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


#: An address shown as code: the one markup allowed, as GFM would link it otherwise.
_EMAIL_CODE = re.compile(r"<code>[^<@]*@[^<]*</code>")
_MARKUP = re.compile(r"<(a|del|em|strong|img|h\d|ul|ol|li|blockquote|hr|code)\b")


@settings(max_examples=300, deadline=None)
@given(text=_TEXT)
@example(text="a@.a")  # GFM links a domain that starts with its period (found by this test)
def test_any_text_renders_as_itself_as_a_paragraph(text: str) -> None:
    page = _gfm(paragraph(text))
    assert not _MARKUP.search(_EMAIL_CODE.sub("", page)), page
    assert _text(page) == " ".join(text.split())


@settings(max_examples=300, deadline=None)
@given(text=_TEXT)
def test_any_text_renders_as_itself_in_a_table_cell(text: str) -> None:
    page = _gfm(f"| h |\n|---|\n| {cell(text)} |\n")
    body = page.split("<tbody>")[1] if "<tbody>" in page else ""
    assert not _MARKUP.search(_EMAIL_CODE.sub("", body)), page
    assert _text(body) == " ".join(text.split())
