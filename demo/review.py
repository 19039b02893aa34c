"""The demo's sign-off (review/): the reviewer login linked to Dana Whitfield's profile, and one
change waiting for review: an editor's added sentence on the crisis line at the end of the
inpatient-or-outpatient article (which the demo leaves in English; the bilingual IOP article is the one
the other tests edit)."""

from django.contrib.auth import get_user_model

from faq.models import Article, Reviewer
from review.models import PendingRevision
from review.reviewed import snapshot
from review.services import propose

ARTICLE = "inpatient-vs-outpatient"
ADDED_TO_CLOSING = {"closing_en": "If you are in crisis, call or text 988 at any hour."}


def load_review(reviewer_login="reviewer", editor_login="editor"):
    """Link the reviewer login (if load_demo --admin made it) and keep one change waiting. Safe to run
    again: a change already waiting is left as it is."""
    User = get_user_model()
    login = User.objects.filter(username=reviewer_login).first()
    if login is not None:
        Reviewer.objects.filter(user=login).exclude(slug="dana-whitfield").update(user=None)
        Reviewer.objects.filter(slug="dana-whitfield").update(user=login)
    article = Article.objects.get(slug=ARTICLE)
    if PendingRevision.objects.pending().for_item(article).exists():
        return
    values = snapshot(article)
    for column, sentence in ADDED_TO_CLOSING.items():
        values["fields"][column] = f"{values['fields'][column]} {sentence}"
    propose(article, values, User.objects.filter(username=editor_login).first())
