"""A change to a reviewed article waits for a reviewer: visitors keep the approved text (both
languages) until a reviewer approves it; the approval dates the review and is in the history."""

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import reversion
import time_machine
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from faq.models import Article, Reviewer, review_kind_for
from review.models import PendingRevision

from ..factories import UNREVIEWED, ArticleFactory, QuestionFactory, ReviewerFactory, UserFactory
from ..faq_helpers import article_form
from ..markup import admin_messages, one, parse, select, texts
from .test_articles import json_ld

pytestmark = pytest.mark.django_db
LA = ZoneInfo("America/Los_Angeles")


@pytest.fixture
def article():
    reviewer = ReviewerFactory(name="Dana Whitfield", slug="dana", credentials="LMFT")
    article = ArticleFactory(
        slug="detox", title="What is detox?", title_es="¿Qué es la desintoxicación?", reviewer=reviewer,
        last_reviewed=date(2026, 11, 30),
    )  # fmt: skip
    QuestionFactory(article=article, position=1, question="How long?", question_es="¿Cuánto dura?")
    return article


def edit(client, article, **fields):
    question = article.questions.get()
    data = article_form(article, **{
        "title_es": article.title_es or "", "questions-TOTAL_FORMS": "2", "questions-INITIAL_FORMS": "1",
        "questions-0-id": question.pk, "questions-0-article": article.pk, "questions-0-position": "1",
        "questions-0-question": question.question, "questions-0-question_es": question.question_es or "",
        "questions-0-answer": question.answer,
        "questions-1-article": article.pk, "questions-1-position": "2",
        "questions-1-question": "Is it <safe>?", "questions-1-answer": "Yes, with <b>care</b>.",
        **fields,
    })  # fmt: skip
    return client.post(f"/admin/faq/article/{article.pk}/change/", data)


@pytest.fixture
def pending(editor_client, article):
    response = edit(editor_client, article, title="Detox, step by step", title_es="La desintoxicación, paso a paso")
    assert response.status_code == 302
    return PendingRevision.objects.get()


def h1(client, path):
    return one(parse(client.get(path).content.decode()), "h1").text


def test_an_editors_change_waits_and_visitors_keep_the_approved_text(client, article, pending):
    assert (pending.state, pending.proposed_by.username) == ("pending", "content-editor")
    assert h1(client, "/faq/detox/") == "What is detox?"
    assert h1(client, "/es/faq/detox/") == "¿Qué es la desintoxicación?"
    assert list(article.questions.values_list("question", flat=True)) == ["How long?"]
    article.refresh_from_db()
    assert (article.title, article.title_es, article.last_reviewed) == (
        "What is detox?", "¿Qué es la desintoxicación?", date(2026, 11, 30),
    )  # fmt: skip


def test_the_editor_sees_it_waiting_and_the_text_is_not_editable(editor_client, article, pending):
    page = editor_client.get(f"/admin/faq/article/{article.pk}/change/")
    said = admin_messages(page)
    assert said[0] == (
        "The change to the text waits for a reviewer: visitors see the approved text until it is approved. "
        "See the change."
    )
    assert not [m for m in said if "changed successfully" in m]  # Django's, which would say it is live
    waiting = [m for m in admin_messages(page) if m.startswith("A change to the text, made by content-editor on ")]
    assert len(waiting) == 1
    assert "disabled" in one(parse(page), "#id_title_en").attrs
    listed = parse(editor_client.get("/admin/faq/article/"))
    assert texts(listed, "#result_list tbody .field-pending_review") == ["Waiting for review"]


def test_a_reviewer_approves_and_the_page_changes_dated_today_in_the_centers_time(
    client, reviewer_client, reviewer_user, article, pending
):
    reviewer_user.reviewer_profile.delete()  # the fixture's: this reviewer is Sam
    profile = ReviewerFactory(name="Sam Ortiz", slug="sam", credentials="MD", user=reviewer_user)
    # 11 p.m. in Los Angeles is already the next day in UTC: the review is dated the center's day.
    with time_machine.travel(datetime(2026, 12, 5, 23, 0, tzinfo=LA)):
        reviewer_client.force_login(reviewer_user)  # a fresh sign-in: the idle timeout counts real time
        response = reviewer_client.post(f"/admin/review/pendingrevision/{pending.pk}/change/", {"action": "approve"})
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.reviewer, article.last_reviewed) == (
        "Detox, step by step", profile, date(2026, 12, 5),
    )  # fmt: skip
    assert h1(client, "/faq/detox/") == "Detox, step by step"
    assert h1(client, "/es/faq/detox/") == "La desintoxicación, paso a paso"
    assert list(article.questions.order_by("position").values_list("question", flat=True)) == [
        "How long?", "Is it <safe>?",
    ]  # fmt: skip
    pending.refresh_from_db()
    assert (pending.state, pending.decided_by) == ("approved", reviewer_user)
    history = parse(reviewer_client.get(f"/admin/faq/article/{article.pk}/history/"))
    newest = select(history, "#change-history tbody tr")[0]
    assert select(newest, "td")[0].text == "clinical-reviewer"
    assert one(newest, "td p").text.startswith("Approved by clinical-reviewer: the change content-editor made on ")


def test_a_reviewer_sends_it_back_with_a_note(editor_client, reviewer_client, reviewer_user, article, pending):
    url = f"/admin/review/pendingrevision/{pending.pk}/change/"
    response = reviewer_client.post(url, {"action": "send_back", "note": "Cite a source for the new answer."})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert (pending.state, pending.note, pending.decided_by) == (
        "sent_back", "Cite a source for the new answer.", reviewer_user,
    )  # fmt: skip
    page = editor_client.get(f"/admin/faq/article/{article.pk}/change/")
    assert "Your last change was sent back by clinical-reviewer: “Cite a source for the new answer.”" in (
        admin_messages(page)
    )
    article.refresh_from_db()
    assert article.title == "What is detox?"


def test_an_approval_after_the_article_was_saved_again_is_refused(reviewer_client, editor_client, article, pending):
    # The text changed since the change was made (not through the admin, which holds it: a script's
    # update, say); a save of other fields alone does not make it stale (test further down).
    Article.objects.filter(pk=article.pk).update(closing="Changed by a script.")
    url = f"/admin/review/pendingrevision/{pending.pk}/change/"
    response = reviewer_client.post(url, {"action": "approve"}, follow=True)
    assert admin_messages(response)[0].startswith("“What is detox?” was saved on ")
    pending.refresh_from_db()
    article.refresh_from_db()
    assert (pending.state, article.title) == ("pending", "What is detox?")


def test_an_editor_cannot_approve(editor_client, article, pending):
    url = f"/admin/review/pendingrevision/{pending.pk}/change/"
    page = parse(editor_client.get(url))
    assert [b.attrs["value"] for b in select(page, ".review-actions button")] == ["withdraw"]
    assert editor_client.post(url, {"action": "approve"}).status_code == 403
    pending.refresh_from_db()
    assert pending.state == "pending"


def test_an_editor_withdraws_it(editor_client, article, pending):
    url = f"/admin/review/pendingrevision/{pending.pk}/change/"
    assert editor_client.post(url, {"action": "withdraw"}).status_code == 302
    pending.refresh_from_db()
    assert pending.state == "withdrawn"
    page = parse(editor_client.get(f"/admin/faq/article/{article.pk}/change/"))
    assert "disabled" not in one(page, "#id_title_en").attrs


def test_the_difference_shows_the_new_question_escaped(reviewer_client, pending):
    response = reviewer_client.get(f"/admin/review/pendingrevision/{pending.pk}/change/")
    html = response.content.decode()
    page = parse(html)
    assert texts(page, "h2.review-field") == ["Title [en]", "Title [es]", "Questions"]
    added = texts(page, ".review-diff li.added")
    assert "Added: Question [en]: Is it <safe>?" in added
    assert "Added: Answer [en]: Yes, with <b>care</b>." in added
    assert "Is it &lt;safe&gt;?" in html and "<safe>" not in html
    assert texts(page, ".review-diff li.removed") == ["Removed: What is detox?", "Removed: ¿Qué es la desintoxicación?"]


def test_the_queue_lists_exactly_the_pending_changes(reviewer_client, editor_client, article, pending):
    other = ArticleFactory(title="Paying for care")
    decided = ArticleFactory(title="Sent back one")
    PendingRevision.objects.create(
        item=decided, item_name="Sent back one", values={}, based_on=decided.updated_at, state="sent_back"
    )
    ArticleFactory(title="Never changed")
    question = QuestionFactory(article=other, position=1)
    assert edit(editor_client, other, **{"questions-0-id": question.pk}).status_code == 302
    page = parse(reviewer_client.get("/admin/review/pendingrevision/"))
    assert texts(page, "#result_list tbody .field-item_link") == ["What is detox?", "Paying for care"]
    home = parse(reviewer_client.get("/admin/"))
    assert one(home, ".review-queue-link a").attrs["href"] == "/admin/review/pendingrevision/"


def test_an_unreviewed_article_changes_at_once(client, editor_client):
    article = ArticleFactory(slug="new", title="Draft title", **UNREVIEWED)
    QuestionFactory(article=article, position=1)
    assert edit(editor_client, article, title="Better title").status_code == 302
    article.refresh_from_db()
    assert article.title == "Better title" and article.questions.count() == 2
    assert not PendingRevision.objects.exists()


def test_a_change_to_status_alone_needs_no_review(editor_client, article):
    question = article.questions.get()
    data = article_form(article, status="draft", **{
        "title_es": article.title_es, "questions-TOTAL_FORMS": "1", "questions-INITIAL_FORMS": "1",
        "questions-0-id": question.pk, "questions-0-article": article.pk, "questions-0-position": "1",
        "questions-0-question": question.question, "questions-0-question_es": question.question_es,
        "questions-0-answer": question.answer,
    })  # fmt: skip
    assert editor_client.post(f"/admin/faq/article/{article.pk}/change/", data).status_code == 302
    article.refresh_from_db()
    assert article.status == "draft" and not PendingRevision.objects.exists()


def test_editors_cannot_date_a_review(editor_client, article):
    page = parse(editor_client.get(f"/admin/faq/article/{article.pk}/change/"))
    assert "disabled" in one(page, "#id_last_reviewed").attrs
    assert "disabled" in one(page, "#id_reviewer").attrs


@pytest.mark.parametrize(
    ("credentials", "kind"),
    [("MD, board certified in addiction medicine", "medical"), ("PharmD", "medical"), ("PA-C", "medical"),
     ("RN", "medical"), ("LMFT", "clinical"), ("PsyD", "clinical"), ("PhD, psychologist", "clinical"),
     ("LCSW", "clinical"), ("CADC", "clinical"), ("M.D.", "medical"), ("Pharm.D.", "medical"),
     ("MD-PhD", "medical"), ("RN-BC", "medical"), ("PMHNP-BC", "medical"), ("Ph.D., psychologist", "clinical")],
)  # fmt: skip
def test_the_credentials_decide_the_kind_of_review(credentials, kind):
    assert review_kind_for(credentials) == kind
    assert ReviewerFactory(credentials=credentials).kind == kind


BYLINES = {
    ("medical", ""): "Medically reviewed by",
    ("medical", "/es"): "Revisión médica de",
    ("clinical", ""): "Clinically reviewed by",
    ("clinical", "/es"): "Revisión clínica de",
}
ROLES = {
    ("medical", ""): "Medical reviewer",
    ("medical", "/es"): "Profesional de revisión médica",
    ("clinical", ""): "Clinical reviewer",
    ("clinical", "/es"): "Profesional de revisión clínica",
}


@pytest.mark.parametrize(("kind", "prefix"), BYLINES)
def test_the_byline_and_structured_data_name_the_kind_of_review(client, kind, prefix):
    credentials = {"medical": "MD", "clinical": "LMFT"}[kind]
    reviewer = ReviewerFactory(name="Dana Whitfield", slug="dana", credentials=credentials)
    ArticleFactory(slug="detox", reviewer=reviewer, last_reviewed=date(2026, 11, 30))
    html = client.get(f"{prefix}/faq/detox/").content.decode()
    byline = one(parse(html), "header p.reviewed")
    assert byline.text.startswith(f"{BYLINES[kind, prefix]} Dana Whitfield, {credentials}")
    person = next(node for node in json_ld(html)["@graph"] if node["@type"] == "MedicalWebPage")["reviewedBy"]
    assert (person["@type"], person["name"], person["jobTitle"]) == ("Person", "Dana Whitfield", ROLES[kind, prefix])


def test_an_editor_may_choose_the_kind_by_hand():
    reviewer = ReviewerFactory(credentials="PhD", kind=Reviewer.Kind.MEDICAL)
    assert reviewer.kind == "medical"


def test_the_reviewers_group_may_approve_and_editors_may_not():
    assert UserFactory(group="Reviewers").has_perm("review.approve_pendingrevision")
    assert not UserFactory(group="Content editors").has_perm("review.approve_pendingrevision")
    assert Group.objects.get(name="Reviewers").permissions.filter(codename="view_article").exists()


def test_reordering_the_questions_needs_no_review(client, editor_client, article):
    first = article.questions.get()
    second = QuestionFactory(article=article, position=2, question="Is it safe?", question_es="¿Es seguro?")
    rows = {}
    for n, question, position in ((0, first, 2), (1, second, 1)):
        rows.update({
            f"questions-{n}-id": question.pk, f"questions-{n}-article": article.pk,
            f"questions-{n}-position": position, f"questions-{n}-question": question.question,
            f"questions-{n}-question_es": question.question_es, f"questions-{n}-answer": question.answer,
        })  # fmt: skip
    counts = {"questions-TOTAL_FORMS": "2", "questions-INITIAL_FORMS": "2"}
    data = article_form(article, title_es=article.title_es, **counts, **rows)
    assert editor_client.post(f"/admin/faq/article/{article.pk}/change/", data).status_code == 302
    assert not PendingRevision.objects.exists()
    page = parse(client.get("/faq/detox/").content.decode())
    assert one(page, "#q1 h2").text == "1. Is it safe?"


def test_load_demo_has_a_reviewer_login_one_change_waiting_and_both_kinds_of_review(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("load_demo", "--admin", stdout=out)
    call_command("load_demo", "--admin", stdout=StringIO())  # a second run adds no second change
    assert "Created login “reviewer” (Demo clinical reviewer) with password: " in out.getvalue()
    dana = Reviewer.objects.get(slug="dana-whitfield")
    assert (dana.user.username, dana.kind) == ("reviewer", "clinical")
    assert dana.user.has_perm("review.approve_pendingrevision")
    assert Reviewer.objects.get(slug="samuel-okafor").kind == "medical"
    waiting = PendingRevision.objects.pending().get()
    assert (waiting.item_name, waiting.proposed_by.username) == (
        "Inpatient or outpatient treatment: which is right for you?", "editor",
    )  # fmt: skip
    assert waiting.values["fields"]["closing_en"] == (
        "Not sure where to begin? A clinical evaluation answers that question for you, and it starts with a call. "
        "If you are in crisis, call or text 988 at any hour."
    )
    live = Article.objects.get(slug="inpatient-vs-outpatient")
    assert live.closing.endswith("and it starts with a call.")


def test_a_change_to_an_article_deleted_since_leaves_the_queue(reviewer_client, article, pending):
    article.questions.all().delete()
    article.delete()
    response = reviewer_client.get(f"/admin/review/pendingrevision/{pending.pk}/change/", follow=True)
    assert "“What is detox?” was deleted since its change was made." in admin_messages(response)
    pending.refresh_from_db()
    assert pending.state == "withdrawn"
    assert reviewer_client.get("/admin/review/pendingrevision/x1/change/").status_code == 404


@pytest.mark.parametrize(
    ("prefix", "title"),
    [
        ("", "Dana Whitfield, LMFT | Clinical reviewer"),
        ("/es", "Dana Whitfield, LMFT | Profesional de revisión clínica"),
    ],
)
def test_the_reviewers_page_names_their_kind_of_review(client, prefix, title):
    ReviewerFactory(name="Dana Whitfield", slug="dana", credentials="LMFT")
    page = parse(client.get(f"{prefix}/faq/reviewers/dana/").content.decode())
    assert one(page, "title").text.startswith(f"{title} | ")


def test_the_difference_marks_the_changed_words_of_a_changed_line(reviewer_client, article):
    pending = PendingRevision.objects.create(
        item=article, item_name=article.title, based_on=article.updated_at,
        values={"fields": {"title_en": "What is medical detox?", "title_es": article.title_es}, "parts": {}},
    )  # fmt: skip
    page = parse(reviewer_client.get(f"/admin/review/pendingrevision/{pending.pk}/change/"))
    assert texts(page, ".review-diff li") == ["Removed: What is detox?", "Added: What is medical detox?"]
    assert texts(page, ".review-diff li.added strong") == ["medical"]
    assert texts(page, ".review-diff li.removed strong") == []


def test_restoring_an_old_version_of_reviewed_text_waits_for_review(client, editor_client, article):
    from reversion.models import Version

    from ..submitted_form import submitted

    with reversion.create_revision():
        article.save()  # the approved text, as a version
    first = Version.objects.get_for_object(article).first()
    with reversion.create_revision():
        Article.objects.filter(pk=article.pk).update(title="What is medical detox?")  # approved since
        article.refresh_from_db()
        article.save()
    url = f"/admin/faq/article/{article.pk}/history/{first.pk}/"
    response = editor_client.post(url, submitted(editor_client.get(url).content.decode(), "article_form"), follow=True)
    said = admin_messages(response)
    assert said[0] == (
        "The text of that version waits for a reviewer: visitors see the approved text until it is approved. "
        "See the change."
    )
    assert said[1].startswith("A change to the text, made by ")  # the change page says it too
    assert h1(client, "/faq/detox/") == "What is medical detox?"  # visitors keep the approved text
    waiting = PendingRevision.objects.get()
    assert waiting.values["fields"]["title_en"] == "What is detox?"
    assert list(article.questions.values_list("question", flat=True)) == ["How long?"]


def test_an_approver_without_a_reviewers_profile_is_refused(client, article, pending):
    from django.contrib.auth.models import Permission

    admin_like = UserFactory(username="no-profile")
    admin_like.user_permissions.add(
        *Permission.objects.filter(codename__in=["approve_pendingrevision", "view_pendingrevision"])
    )
    approver = Client()
    approver.force_login(admin_like)
    response = approver.post(f"/admin/review/pendingrevision/{pending.pk}/change/", {"action": "approve"}, follow=True)
    assert admin_messages(response)[-1].startswith("Only a reviewer with a public reviewer's profile can approve")
    assert PendingRevision.objects.get().state == PendingRevision.State.PENDING
    assert h1(client, "/faq/detox/") == "What is detox?"


def test_a_save_that_leaves_the_text_alone_does_not_make_the_waiting_change_stale(
    editor_client, reviewer_client, article, pending
):
    Article.objects.filter(pk=article.pk).update(review_interval_months=6)  # a later save of another field
    article.refresh_from_db()
    article.save()
    response = reviewer_client.post(f"/admin/review/pendingrevision/{pending.pk}/change/", {"action": "approve"})
    assert response.status_code == 302
    assert PendingRevision.objects.get().state == PendingRevision.State.APPROVED


def test_a_reviewer_alone_signs_off_and_publishes_a_first_draft(client):
    user = UserFactory(username="only-a-reviewer", group="Reviewers")
    profile = ReviewerFactory(name="Sam Ortiz", slug="sam", credentials="MD", user=user)
    draft = ArticleFactory(slug="new", title="A new article", **UNREVIEWED)
    reviewer = Client()
    reviewer.force_login(user)
    today = timezone.localdate().isoformat()
    data = article_form(draft, status="published", reviewer=profile.pk, last_reviewed=today)
    response = reviewer.post(f"/admin/faq/article/{draft.pk}/change/", data)
    assert response.status_code == 302, texts(parse(response.content.decode()), ".errorlist li")
    draft.refresh_from_db()
    assert (draft.status, draft.reviewer, draft.last_reviewed.isoformat()) == ("published", profile, today)
    assert h1(client, "/faq/new/") == "A new article"
