"""The access log records lists, searches (by kind, never the text), autocompletes and purges."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from intake.models import AccessRecord, Inquiry

from ..factories import InquiryFactory, LevelFactory

pytestmark = pytest.mark.django_db


# Lists, searches, autocomplete and purges are in the access log; a search by its kind only.
def test_the_inbox_list_and_its_searches_are_logged_without_the_search_text(admissions_client, admissions_user):
    InquiryFactory(name="Searched Person")
    admissions_client.get("/admin/intake/inquiry/?status=new")
    admissions_client.get("/admin/intake/inquiry/", {"q": "818-555-0199"})
    admissions_client.get("/admin/intake/inquiry/", {"q": "Searched"})
    records = list(AccessRecord.objects.order_by("pk").values_list("action", "detail"))
    assert records == [
        ("list", "filters: status"),
        ("list", "filters: none"),
        ("search", "a phone number or inquiry number"),
        ("list", "filters: none"),
        ("search", "a name"),
    ]
    assert not AccessRecord.objects.filter(detail__icontains="Searched").exists()
    assert set(AccessRecord.objects.values_list("user", flat=True)) == {admissions_user.pk}


@pytest.mark.parametrize("who, status", [("admissions", 403), ("superuser", 200)])
def test_an_autocomplete_from_an_inquiry_page_is_logged_even_when_refused(
    client, admissions_user, superuser, who, status
):
    client.force_login(admissions_user if who == "admissions" else superuser)
    LevelFactory(name="Residential")
    response = client.get(
        "/admin/autocomplete/", {"app_label": "intake", "model_name": "inquiry", "field_name": "level", "term": "Res"}
    )
    assert response.status_code == status  # admissions may not read levels in the admin
    assert AccessRecord.objects.get().detail == "autocomplete of level: a name"


@pytest.mark.parametrize(
    "model_name, field_name", [("inquiry", "Jane Doe detox relapse"), ("no-such-model", "level"), ("inquiry", "")]
)
def test_an_autocomplete_names_no_field_the_model_lacks(admissions_client, model_name, field_name):
    query = {"app_label": "intake", "model_name": model_name, "field_name": field_name, "term": "x"}
    assert admissions_client.get("/admin/autocomplete/", query).status_code == 403
    assert AccessRecord.objects.get().detail == "autocomplete of an unknown field: a name"


def test_a_purge_is_logged_inquiry_by_inquiry():
    old = InquiryFactory(status=Inquiry.Status.SPAM, created_at=timezone.now() - timedelta(days=400))
    call_command("purge_inquiries", stdout=StringIO())
    record = AccessRecord.objects.get()
    assert (record.inquiry_ref, record.action, record.user) == (old.pk, AccessRecord.Action.PURGE, None)


def test_the_bulk_delete_confirmation_is_recorded_for_each_inquiry_it_shows(client, superuser):
    client.force_login(superuser)
    shown = [InquiryFactory(), InquiryFactory()]
    chosen = {"action": "delete_selected", "_selected_action": [inquiry.pk for inquiry in shown]}
    page = client.post("/admin/intake/inquiry/?status=all", chosen)
    assert page.status_code == 200 and page.context["title"] == "Delete multiple objects"
    records = AccessRecord.objects.filter(action=AccessRecord.Action.VIEW)
    assert sorted(records.values_list("inquiry_ref", "detail")) == sorted(
        (inquiry.pk, "delete confirmation") for inquiry in shown
    )
