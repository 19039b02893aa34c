"""Editing comfort in the admin: a preview of unsaved Markdown beside the field, and ordered rows."""

import pytest
from playwright.sync_api import expect

from faq.models import Article

from ..factories import UserFactory
from .test_accessibility import VIEWPORTS, assert_no_violations
from .test_flows import log_in


def test_unsaved_markdown_is_previewed_beside_the_field_with_its_link_problems(page, site):
    UserFactory(username="writer", group="Content editors")
    article = Article.objects.get(slug="what-is-iop")
    saved = article.introduction
    log_in(page, site, "writer")
    page.goto(f"{site}/admin/faq/article/{article.pk}/change/")
    field = page.locator("#id_introduction_en")
    preview = field.locator("xpath=..").locator(".markdown-preview")
    expect(preview).to_be_hidden()  # until the text is edited
    field.fill("Plain **bold** words, and [a level](/levels-of-care/resdential/).\n\n<script>alert(1)</script>")
    expect(preview.locator("strong")).to_have_text("bold")
    expect(preview).to_contain_text("/levels-of-care/resdential/, which is not a page visitors can open")
    expect(preview.locator("script")).to_have_count(0)  # sanitised as on the site
    # A new answer gets its preview too.
    page.get_by_role("button", name="Add another Question").click()
    answer = page.locator(f"#id_questions-{article.questions.count()}-answer_en")
    answer.fill("- one\n- two")
    expect(answer.locator("xpath=..").locator(".markdown-preview li")).to_have_count(2)
    article.refresh_from_db()
    assert article.introduction == saved  # nothing saved by previewing


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_article_form_with_previews_and_order_buttons_is_accessible(browser, site, viewport):
    UserFactory(username="writer", group="Content editors")
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    log_in(page, site, "writer")
    article = Article.objects.get(slug="what-is-iop")
    page.goto(f"{site}/admin/faq/article/{article.pk}/change/")
    page.locator("#id_introduction_en").fill("Edited **text**.")
    expect(page.locator(".markdown-preview strong").first).to_have_text("text")
    expect(page.locator("#questions-0").get_by_role("button", name="Move down")).to_be_visible()
    assert_no_violations(page, f"article form at {viewport}")
    context.close()
