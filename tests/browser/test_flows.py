import json
import re
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect
from reversion.models import Version

from faq.models import Article, Question
from intake.models import Inquiry

from ..factories import UserFactory
from .test_accessibility import assert_no_violations


def log_in(page, site, username):
    """Signs `username` in for this page's browser without the sign-in form: a session made on the
    server, as the test client's force_login makes it (the idle timer and the login signals included),
    its cookie handed to the browser. Opens no page. The form is driven where signing in is the
    subject (log_in_with_the_form, test_kept_notes)."""
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": site}])


def settled(page):
    """Waits out the Markdown previews (fetched 400 ms after typing) before a save: the test server
    shares one SQLite connection between its threads, and a preview answered during the save's
    transaction broke it."""
    page.wait_for_timeout(500)
    page.wait_for_load_state("networkidle")


def log_in_with_the_form(page, site, username):
    page.goto(site + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a-strong-test-pass")
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()


def test_visitor_asks_about_a_level_and_is_thanked(page, site):
    page.goto(site + "/")
    page.get_by_role("link", name="Intensive outpatient program").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Intensive outpatient program")
    page.get_by_role("link", name="Ask about our intensive outpatient program").click()
    expect(page).to_have_url(re.compile(r"/contact/\?level=intensive-outpatient$"))
    expect(page.get_by_label("Level of care you are asking about (optional)")).to_have_value("intensive-outpatient")
    page.get_by_label(re.compile(r"First name")).fill("Robin Test")
    page.get_by_label(re.compile(r"^\s*Phone\s*$")).fill("818 555 0177")
    page.get_by_label("I agree that the admissions team may contact me", exact=False).check()
    page.get_by_role("button", name="Send to admissions").first.click()
    expect(page).to_have_url(re.compile(r"/contact/thanks/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("We have your message")
    inquiry = Inquiry.objects.get(name="Robin Test")
    assert inquiry.level.slug == "intensive-outpatient" and str(inquiry.phone) == "+18185550177"


def test_two_visitors_send_forms_built_from_the_cached_blank_form(browser, site):
    visitors = [browser.new_context(), browser.new_context()]
    pages = [visitor.new_page() for visitor in visitors]
    for page in pages:
        response = page.goto(site + "/contact/")
        assert "no-store" in response.headers["cache-control"]  # a page with a form is never kept whole
    for page, name in zip(reversed(pages), ["Second Visitor", "First Visitor"], strict=True):
        page.get_by_label(re.compile(r"First name")).fill(name)
        page.get_by_label(re.compile(r"^\s*Phone\s*$")).fill("818 555 0177")
        page.get_by_label("I agree that the admissions team may contact me", exact=False).check()
        page.get_by_role("button", name="Send to admissions").first.click()
        expect(page).to_have_url(re.compile(r"/contact/thanks/$"))
    sent = Inquiry.objects.filter(name__in=["First Visitor", "Second Visitor"])
    assert sorted(sent.values_list("status", flat=True)) == [Inquiry.Status.NEW] * 2
    for visitor in visitors:
        visitor.close()


def test_json_ld_needs_no_nonce_while_inline_scripts_stay_blocked(page, site):
    page.add_init_script(
        "window.violations = [];"
        "document.addEventListener('securitypolicyviolation', e => window.violations.push(e.violatedDirective));"
    )
    page.goto(site + "/faq/what-is-iop/")
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert data["@graph"][1]["@type"] == "FAQPage"
    assert page.evaluate("window.violations") == []
    # The same listener does see an inline script being refused: the policy is in force.
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = '1'; document.body.append(s); }")
    page.wait_for_function("window.violations.length > 0")
    assert page.evaluate("window.violations")[0].startswith("script-src")


def test_errors_keep_input_and_focus_the_summary(page, site):
    page.goto(site + "/contact/")
    page.get_by_label(re.compile(r"First name")).fill("Kim Keeps")
    page.get_by_label("Anything you would like us to know", exact=False).fill("Please call after six.")
    page.get_by_role("textbox", name="E-mail").fill("not-an-email")
    page.get_by_role("button", name="Send to admissions").first.click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(page.get_by_label(re.compile(r"First name"))).to_have_value("Kim Keeps")
    expect(page.get_by_label("Anything you would like us to know", exact=False)).to_have_value("Please call after six.")
    expect(page.get_by_role("textbox", name="E-mail")).to_have_value("not-an-email")
    summary.get_by_role("link").first.click()
    assert not Inquiry.objects.filter(name="Kim Keeps").exists()


def test_reader_jumps_to_question_seven_and_searches(page, site):
    page.goto(site + "/faq/")
    page.get_by_role("link", name="What is IOP? 10 questions about intensive outpatient programs").click()
    toc = page.get_by_role("navigation", name="In this article")
    toc.get_by_role("link").nth(6).click()
    expect(page).to_have_url(re.compile(r"#q7$"))
    expect(page.locator("#q7 h2")).to_be_in_viewport()
    page.goto(site + "/faq/")
    page.get_by_label("Search the answers").fill("insurance deductible")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("status")).to_contain_text("for “insurance deductible”")
    expect(page.get_by_role("link", name=re.compile("Insurance", re.I)).first).to_be_visible()


def test_admissions_staff_works_a_new_inquiry(page, site):
    UserFactory(username="coordinator", group="Admissions")
    inquiry = Inquiry.objects.create(
        name="Browser Person", phone="+18185550166", consent_text="ok", created_at=timezone.now() - timedelta(minutes=7)
    )
    page.goto(site + "/admin/")
    page.get_by_label("Username").fill("coordinator")
    page.get_by_label("Password").fill("a-strong-test-pass")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Inquiries").first.click()
    page.get_by_role("link", name="Browser Person").click()
    expect(page.locator(".workspace")).to_contain_text("Waiting 7 min for a first contact")
    page.get_by_label("Kind").select_option("call")
    page.get_by_label("Outcome").select_option("reached")
    page.get_by_label("Note", exact=True).fill("Talked about IOP schedule.")
    page.get_by_role("button", name="Log it").click()
    expect(page.locator(".messagelist")).to_contain_text("Contact logged.")
    expect(page.locator(".workspace")).to_contain_text("First contact after 7 min")
    inquiry.refresh_from_db()
    assert inquiry.status == "contacted" and inquiry.first_contact_at is not None
    page.locator("#id_status").select_option("assessment_scheduled")
    tomorrow = timezone.localdate() + timedelta(days=1)
    page.get_by_label("Assessment: date").fill(f"{tomorrow:%Y-%m-%d}")
    page.get_by_label("Assessment: time").fill("10:00:00")
    page.locator("#id_assessment_assessor").select_option(label="coordinator")
    page.locator("#id_assessment_mode").select_option("in_person")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(page.locator("#timeline")).to_contain_text("Status: Contacted → Assessment scheduled")
    page.goto(site + "/admin/intake/inquiry/")
    expect(page.locator("#result_list")).to_contain_text("Contacted")


def test_editor_reorders_questions_and_cannot_open_inquiries(page, site):
    UserFactory(username="writer", group="Content editors")
    article = Article.objects.get(slug="what-is-iop")
    log_in(page, site, "writer")
    page.goto(f"{site}/admin/faq/article/{article.pk}/change/")
    # Positions are set by order, not typed: the second question moves up, by keyboard.
    expect(page.locator("#id_questions-0-position")).to_have_attribute("readonly", "")
    move_up = page.locator("#questions-1").get_by_role("button", name="Move up")
    move_up.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#id_questions-1-position")).to_have_value("1")
    expect(page.locator("#id_questions-0-position")).to_have_value("2")
    expect(page.locator(".order-status").first).to_have_text("Moved to position 1.")
    expect(move_up).to_be_focused()
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    first_two = list(Question.objects.filter(article=article).order_by("position").values_list("question", flat=True))
    assert first_two[:2] == ["When is IOP used?", "What does IOP mean?"]
    page.goto(site + "/faq/what-is-iop/")
    expect(page.locator("#q1 h2")).to_contain_text("When is IOP used?")
    response = page.goto(site + "/admin/intake/inquiry/")
    assert response.status == 403


def test_editor_restores_an_earlier_version_with_its_questions(page, site):
    UserFactory(username="writer", group="Content editors")
    # Taken back from its reviewer, so that the editor's text goes live (review/: tests/browser/test_sign_off.py).
    Article.objects.filter(slug="what-is-iop").update(status=Article.Status.DRAFT, reviewer=None, last_reviewed=None)
    article = Article.objects.get(slug="what-is-iop")
    original = article.title
    questions = list(article.questions.order_by("position").values_list("question", "answer"))
    log_in(page, site, "writer")
    page.goto(f"{site}/admin/faq/article/{article.pk}/change/")
    page.locator("#id_title_en").fill("A title that was a mistake")
    page.locator("#id_questions-0-answer_en").fill("An answer that was a mistake.")
    page.locator("#id_questions-1-DELETE").check()
    page.get_by_role("button", name="Add another Question").click()
    new = len(questions)  # the new form's number
    page.locator(f"#id_questions-{new}-question_en").fill("A question that was a mistake?")
    page.locator(f"#id_questions-{new}-answer_en").fill("Its answer.")
    expect(page.locator(f"#id_questions-{new}-position")).to_have_value(str(new))  # after the nine kept
    settled(page)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert article.questions.count() == len(questions)  # one removed, one added
    assert article.questions.filter(question="A question that was a mistake?").exists()

    page.get_by_role("link", name="History").click()
    history = page.locator("#change-history")
    expect(history).to_contain_text("A title that was a mistake")
    expect(history).to_contain_text("Question 1, answer:")
    expect(history).to_contain_text("Question 2 removed")
    expect(history).to_contain_text("added: “A question that was a mistake?”")
    assert_no_violations(page, "article history")
    page.locator("#change-history tbody tr").last.get_by_role("link").first.click()
    expect(page.locator("#id_title_en")).to_have_value(original)
    expect(page.locator(".version-restore-note")).to_be_visible()
    page.get_by_role("button", name="Restore this version").click()
    expect(page.locator(".messagelist")).to_be_visible()

    article.refresh_from_db()
    assert article.title == original
    restored = article.questions.order_by("position").values_list("question", "answer")
    # A browser sends line breaks in a text box as \r\n; the words are what must come back.
    assert [(q, a.replace("\r\n", "\n")) for q, a in restored] == questions
    latest = Version.objects.get_for_object(article).first()
    assert latest.revision.user.username == "writer"
    assert latest.revision.get_comment().startswith(f"Restored the article “{original}” as saved on ")
    page.goto(site + "/faq/what-is-iop/")
    expect(page.get_by_role("heading", level=1)).to_have_text(original)
    expect(page.locator("#q2")).to_contain_text(questions[1][0])


def test_phone_viewport_has_no_sideways_scroll_and_shows_the_helpline(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    for path in PUBLIC_PATHS:
        page.goto(site + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
        expect(page.locator("header a.helpline")).to_be_in_viewport()
    context.close()


PUBLIC_PATHS = [
    "/",
    "/levels-of-care/",
    "/levels-of-care/intensive-outpatient/",
    "/levels-of-care/compare/",
    "/faq/",
    "/faq/what-is-iop/",
    "/faq/?q=insurance",
    "/faq/topic/treatment-programs/",
    "/contact/",
    "/contact/thanks/",
    "/no-such-page/",
]
