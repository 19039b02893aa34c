"""The preview of unsaved Markdown: made by the site's own rules, for editors only."""

import time

import markdown
import pytest

from common.markdown import QUICK_LENGTH, sanitise, too_slow_message

pytestmark = pytest.mark.django_db
URL = "/admin/markdown-preview/"


def test_an_editor_gets_the_html_visitors_would_see_and_the_link_problems(editor_client):
    text = "**Hello** <script>alert(1)</script> [there](/faq/nothing-here/)"
    data = editor_client.post(URL, {"text": text}).json()
    assert "<strong>Hello</strong>" in data["html"] and "<script" not in data["html"]
    assert len(data["problems"]) == 1 and "/faq/nothing-here/" in data["problems"][0]
    assert editor_client.post(URL, {"text": "Fine."}).json() == {"html": "<p>Fine.</p>", "problems": [], "warnings": []}


def test_only_staff_who_edit_content_may_ask(client, admissions_user):
    assert client.post(URL, {"text": "x"}).status_code == 302  # to the login page
    client.force_login(admissions_user)
    assert client.post(URL, {"text": "x"}).status_code == 403


def test_a_preview_is_asked_for_by_post_only(editor_client):
    assert editor_client.get(URL).status_code == 405


# Texts Python-Markdown takes far longer than a second over (from seconds to hours), or cannot format.
HOSTILE = {
    "99,000 [": "[" * 99_000,
    "8,000 [": "[" * 8_000,
    "![ run": "![" * 8_000,
    "unclosed tags": "<a " * 33_000,
    "> run": "> " * 50_000,
    "nested quotes": ">" * 99_999 + " x",
    "headings without blank lines": "# h\n" * 25_000,
    "underlines without blank lines": "a\n=\n" * 25_000,
    "a long definition list": "term\n: definition\n" * 5_000,
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_text_markdown_cannot_format_in_time_is_answered_at_once_with_a_problem(editor_client, settings, text):
    settings.MARKDOWN_RENDER_SECONDS = 0.5
    started = time.monotonic()
    response = editor_client.post(URL, {"text": text})
    assert time.monotonic() - started < 2
    assert response.status_code == 200
    assert response.json() == {"html": "", "problems": [too_slow_message()], "warnings": []}


def test_long_ordinary_text_is_formatted_in_a_child_process_as_it_would_be_here(editor_client):
    text = "\n\n".join(
        f"## Part {n}\n\nSome *words* about [the center](https://example.org/{n}), (in brackets) and <em>more</em>."
        for n in range(40)
    )
    assert len(text) > QUICK_LENGTH
    data = editor_client.post(URL, {"text": text}).json()
    assert data == {
        "html": sanitise(markdown.markdown(text, extensions=["extra", "sane_lists"])),
        "problems": [],
        "warnings": [],
    }


def test_line_breaks_from_a_browser_are_stored_as_the_saved_text_has_them():
    from staff.markdown_preview import MarkdownPreviewWidget

    typed = {"answer_en": "First line.\r\nSecond line.\r\n\r\nNew paragraph.\rOld Mac line."}
    assert MarkdownPreviewWidget().value_from_datadict(typed, {}, "answer_en") == (
        "First line.\nSecond line.\n\nNew paragraph.\nOld Mac line."
    )
