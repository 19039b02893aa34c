"""A change to a reviewed level of care waits for a reviewer, as an article's does."""

from datetime import date

import pytest
from django.utils import timezone

from review.models import PendingRevision

from ..factories import LevelFactory, ReviewerFactory
from ..markup import one, parse
from .test_medical_review import level_form

pytestmark = pytest.mark.django_db


def summary(client, prefix):
    return one(parse(client.get(f"{prefix}/levels-of-care/iop/").content.decode()), "p.lead").text


@pytest.fixture
def level():
    reviewer = ReviewerFactory(name="Jordan Lee", slug="jordan", credentials="MD")
    return LevelFactory(
        slug="iop", summary="s", summary_es="Resumen.", reviewer=reviewer, last_reviewed=date(2026, 1, 31),
    )  # fmt: skip


def test_a_change_waits_and_a_reviewer_approves_it(client, editor_client, reviewer_client, level):
    data = level_form(level, summary="A new summary.", summary_es="Un resumen nuevo.")
    data.pop("last_reviewed"), data.pop("reviewer")
    assert editor_client.post(f"/admin/levels/levelofcare/{level.pk}/change/", data).status_code == 302
    level.refresh_from_db()
    assert (level.summary, level.summary_es, level.last_reviewed) == ("s", "Resumen.", date(2026, 1, 31))
    assert (summary(client, ""), summary(client, "/es")) == ("s", "Resumen.")
    pending = PendingRevision.objects.pending().get()
    assert pending.values["fields"]["summary_es"] == "Un resumen nuevo."
    url = f"/admin/review/pendingrevision/{pending.pk}/change/"
    assert editor_client.post(url, {"action": "approve"}).status_code == 403
    assert reviewer_client.post(url, {"action": "approve"}).status_code == 302
    level.refresh_from_db()
    assert (level.summary, level.summary_es, level.last_reviewed) == (
        "A new summary.", "Un resumen nuevo.", timezone.localdate(),
    )  # fmt: skip
    assert (summary(client, ""), summary(client, "/es")) == ("A new summary.", "Un resumen nuevo.")


def test_an_unreviewed_level_changes_at_once(editor_client):
    level = LevelFactory(slug="iop", summary="s")
    assert (
        editor_client.post(
            f"/admin/levels/levelofcare/{level.pk}/change/", level_form(level, summary="New.")
        ).status_code
        == 302
    )
    level.refresh_from_db()
    assert level.summary == "New." and not PendingRevision.objects.exists()
