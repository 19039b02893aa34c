"""An editor and a reviewer, each in a session of their own, in Chromium: the editor's change to a
reviewed article waits and visitors keep the approved text; the reviewer reads the difference in the
queue and approves it; the page changes. The queue and the difference pass axe at both widths."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from faq.models import Article

from ..factories import ReviewerFactory, UserFactory
from .test_accessibility import VIEWPORTS, assert_no_violations
from .test_flows import log_in

NEW_TITLE = "Insurance and addiction treatment: 5 questions"


@pytest.fixture
def people(browser, site):
    UserFactory(username="writer", first_name="Wren", last_name="Writer", group="Content editors")
    checker = UserFactory(username="checker", first_name="Cam", last_name="Checker", group="Reviewers")
    checker.groups.add(Group.objects.get(name="Content editors"))
    # An approval names the approver's public profile on the byline.
    ReviewerFactory(name="Cam Checker", slug="cam-checker", credentials="MD", user=checker)
    contexts = {name: browser.new_context(viewport=VIEWPORTS["desktop"]) for name in ("writer", "checker")}
    pages = {name: context.new_page() for name, context in contexts.items()}
    for name, page in pages.items():
        log_in(page, site, name)
    yield pages
    for context in contexts.values():
        context.close()


def test_an_editors_change_waits_for_the_reviewer_and_then_goes_live(people, site):
    writer, checker = people["writer"], people["checker"]
    article = Article.objects.get(slug="insurance-and-treatment")
    approved = article.title
    writer.goto(f"{site}/admin/faq/article/{article.pk}/change/")
    writer.locator("#id_title_en").fill(NEW_TITLE)
    writer.get_by_role("button", name="Save and continue editing").click()
    expect(writer.locator(".messagelist li.warning").first).to_contain_text("waits for a reviewer")
    expect(writer.locator("#id_title_en")).to_be_disabled()
    writer.goto(f"{site}/faq/insurance-and-treatment/")
    expect(writer.get_by_role("heading", level=1)).to_have_text(approved)

    checker.goto(f"{site}/admin/")
    checker.locator(".review-queue-link").get_by_role("link", name="Changes waiting for review").click()
    checker.get_by_role("link", name=approved).click()
    expect(checker.locator(".review-diff li.removed").first).to_have_text(f"Removed: {approved}")
    expect(checker.locator(".review-diff li.added").first).to_have_text(f"Added: {NEW_TITLE}")
    checker.get_by_role("button", name="Approve: publish the change, reviewed today").click()
    expect(checker.locator(".messagelist li.success")).to_contain_text("Approved: visitors now see the change")

    writer.reload()
    expect(writer.get_by_role("heading", level=1)).to_have_text(NEW_TITLE)
    expect(writer.locator("article p.reviewed a")).to_have_text("Cam Checker, MD")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_queue_and_the_difference_are_accessible(browser, site, viewport):
    checker = UserFactory(username="checker", group="Reviewers")
    checker.groups.add(Group.objects.get(name="Content editors"))
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    log_in(page, site, "checker")
    page.goto(f"{site}/admin/review/pendingrevision/")  # load_demo leaves one change waiting
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    assert_no_violations(page, f"review queue at {viewport}")
    page.locator("#result_list tbody a").first.click()
    expect(page.locator(".review-diff li.added").first).to_be_visible()
    assert_no_violations(page, f"review page at {viewport}")
    context.close()
