"""The preview of unsaved Markdown: made by the site's own rules, for editors only."""

import pytest

pytestmark = pytest.mark.django_db
URL = "/admin/markdown-preview/"


def test_an_editor_gets_the_html_visitors_would_see_and_the_link_problems(editor_client):
    text = "**Hello** <script>alert(1)</script> [there](/faq/nothing-here/)"
    data = editor_client.post(URL, {"text": text}).json()
    assert "<strong>Hello</strong>" in data["html"] and "<script" not in data["html"]
    assert len(data["problems"]) == 1 and "/faq/nothing-here/" in data["problems"][0]
    assert editor_client.post(URL, {"text": "Fine."}).json() == {"html": "<p>Fine.</p>", "problems": []}


def test_only_staff_who_edit_content_may_ask(client, admissions_user):
    assert client.post(URL, {"text": "x"}).status_code == 302  # to the login page
    client.force_login(admissions_user)
    assert client.post(URL, {"text": "x"}).status_code == 403


def test_a_preview_is_asked_for_by_post_only(editor_client):
    assert editor_client.get(URL).status_code == 405
