"""Two editors at once, in Chromium: restoring one article's first version (which load_demo saved
with every other article) leaves the others alone, and a save refused because the other saved first
says so at the top of the form, with both values side by side."""

import re

import pytest
from playwright.sync_api import expect

from faq.models import Article

from ..factories import UserFactory
from .test_accessibility import VIEWPORTS, assert_no_violations
from .test_flows import log_in, settled

IOP = "What is IOP? 10 questions about intensive outpatient programs"
INSURANCE = "Does insurance cover addiction treatment? 5 questions"


@pytest.fixture
def editors(browser, site):
    """Ana's and Ben's pages, each in a session of its own, on the two articles taken back from their
    reviewer (a reviewed article's text changes only with a reviewer's approval: tests/browser/test_sign_off.py)."""
    Article.objects.filter(slug__in=("what-is-iop", "insurance-and-treatment")).update(
        status=Article.Status.DRAFT, reviewer=None, last_reviewed=None
    )
    for name in ("ana", "ben"):
        UserFactory(username=name, first_name=name.capitalize(), last_name="Editor", group="Content editors")
    contexts = [browser.new_context(), browser.new_context()]
    pages = [context.new_page() for context in contexts]
    for page, name in zip(pages, ("ana", "ben"), strict=True):
        log_in(page, site, name)
    yield pages
    for context in contexts:  # closes their connections while the test's server still runs
        context.close()


def _change_url(site, slug):
    return f"{site}/admin/faq/article/{Article.objects.get(slug=slug).pk}/change/"


def _save(page):
    settled(page)
    page.get_by_role("button", name="Save and continue editing").click()


def test_restoring_one_articles_first_version_leaves_the_other_articles_alone(editors, site):
    ana, ben = editors
    iop = Article.objects.get(slug="what-is-iop")
    questions_then = list(iop.questions.values_list("question", flat=True))
    # Ben renames the insurance article; Ana rewrites the IOP article's title and drops a question.
    ben.goto(_change_url(site, "insurance-and-treatment"))
    ben.locator("#id_title_en").fill("Paying for treatment with insurance")
    _save(ben)
    expect(ben.locator(".messagelist")).to_contain_text("was changed successfully")
    ana.goto(_change_url(site, "what-is-iop"))
    ana.locator("#id_title_en").fill("IOP, explained")
    ana.locator("#id_questions-0-DELETE").check()
    _save(ana)
    expect(ana.locator(".messagelist")).to_contain_text("was changed successfully")

    # Ana opens the IOP article's first version from its history: the page says what it brings back.
    ana.get_by_role("link", name="History").click()
    ana.locator("#change-history tbody tr").last.get_by_role("link").click()
    scope = ana.locator(".version-restore-scope")
    expect(scope).to_contain_text(f"Restoring brings back the article “{IOP}” as saved on")
    expect(scope).to_contain_text(re.compile(r"The \d+ other items saved in that version stay as they are now\."))
    ana.get_by_role("button", name="Restore this version").click()
    restored = rf"^Restored the article “{re.escape(IOP)}” as saved on .+, with its {len(questions_then)} questions\. "
    expect(ana.locator(".messagelist li.success").last).to_have_text(re.compile(restored))

    # The IOP article is back with its questions; Ben's title on the insurance article stands.
    iop.refresh_from_db()
    assert iop.title == IOP
    assert list(iop.questions.values_list("question", flat=True)) == questions_then
    ben.reload()
    expect(ben.locator("#id_title_en")).to_have_value("Paying for treatment with insurance")
    assert Article.objects.get(slug="insurance-and-treatment").title == "Paying for treatment with insurance"


def test_a_refused_save_says_so_at_the_top_with_both_values(editors, site):
    ana, ben = editors
    url = _change_url(site, "insurance-and-treatment")
    ana.goto(url)
    ben.goto(url)
    ben.locator("#id_title_en").fill("Ben's title")
    _save(ben)
    expect(ben.locator(".messagelist")).to_contain_text("was changed successfully")

    ana.locator("#id_title_en").fill("Ana's title")
    _save(ana)
    refusal = ana.get_by_role("alert").filter(has_text="after you opened it, so nothing was saved")
    expect(refusal).to_be_focused()
    expect(refusal).to_be_in_viewport()
    expect(refusal.locator("p").first).to_have_text(
        re.compile(r"^Ben Editor saved this article at .+, after you opened it, so nothing was saved\.$")
    )
    row = refusal.get_by_role("row", name="Title [en]")
    expect(row.get_by_role("cell")).to_have_text(["Ben's title", "Ana's title"])
    expect(ana.locator("#id_title_en")).to_have_value("Ana's title")  # what she typed is kept
    expect(ana.get_by_role("heading", level=2, name="Ben's title")).to_be_visible()
    assert Article.objects.get(slug="insurance-and-treatment").title == "Ben's title"

    # Saving again, with Ben's value in view, is her choice.
    _save(ana)
    expect(ana.locator(".messagelist")).to_contain_text("was changed successfully")
    assert Article.objects.get(slug="insurance-and-treatment").title == "Ana's title"


def test_reordered_questions_stay_in_order_after_a_refused_save(editors, site):
    ana, _ = editors
    ana.goto(_change_url(site, "insurance-and-treatment"))
    group = ana.locator("#questions-group")
    first = ana.locator("#id_questions-0-question_en").input_value()
    group.locator(".inline-related").nth(1).get_by_role("button", name="Move up").click()
    ana.locator("#id_title_en").fill("")  # refused: a title is needed
    _save(ana)
    expect(ana.locator(".errornote")).to_be_visible()
    second_row = group.locator(".inline-related:not(.empty-form)").nth(1)
    expect(second_row.locator("input[name$='-question_en']")).to_have_value(first)
    expect(second_row.locator("input[name$='-position']")).to_have_value("2")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_refusal_and_the_restore_page_are_accessible(browser, site, viewport):
    UserFactory(username="writer", group="Content editors")
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    log_in(page, site, "writer")
    # The IOP article has a picture: the picture box's unnamed empty state is another matter.
    article = Article.objects.get(slug="what-is-iop")
    page.goto(_change_url(site, article.slug))
    article.title = "A colleague's title"
    article.save()  # saved by someone else after the page was opened
    page.locator("#id_title_en").fill("My title")
    _save(page)
    expect(page.get_by_role("alert").filter(has_text="so nothing was saved")).to_be_focused()
    assert_no_violations(page, f"stale refusal at {viewport}")
    page.get_by_role("link", name="History").click()
    page.locator("#change-history tbody tr").last.get_by_role("link").click()
    expect(page.locator(".version-restore-scope")).to_be_visible()
    assert_no_violations(page, f"restore page at {viewport}")
    context.close()
