"""Encryption keys that cannot read what is stored: the site refuses to start with them, and one row or
card photo stored under another key breaks no page and can be deleted by an administrator."""

import os
import runpy
import subprocess
import sys
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from PIL import Image

from intake.encryption import CANNOT_DECRYPT
from intake.models import AccessRecord, CardImage, Inquiry, InsuranceVerification

from ..factories import InquiryFactory

ROOT = Path(__file__).resolve().parents[2]
# Two real keys: rows are stored under one while the other is configured.
RIGHT = Fernet.generate_key().decode()
WRONG = Fernet.generate_key().decode()
CANNOT = "cannot be decrypted with the current keys"


def verification_under(settings, key, member_id="ABC123", with_card=False):
    settings.FERNET_KEYS = [key]
    verification = InsuranceVerification.objects.create(
        inquiry=InquiryFactory(), carrier="aetna", member_id=member_id, patient_birth_date=date(1980, 1, 2)
    )
    if with_card:
        out = BytesIO()
        Image.new("RGB", (60, 40), (40, 90, 160)).save(out, "JPEG")
        card = CardImage(verification=verification, side=CardImage.Side.FRONT)
        card.file.save("card.jpg", ContentFile(out.getvalue()), save=True)
    return verification


# --- At start ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_database_check_refuses_keys_that_cannot_read_the_newest_row(settings):
    verification_under(settings, RIGHT)
    call_command("check", "--database", "default")  # the right key: nothing to say
    settings.FERNET_KEYS = [WRONG]
    with pytest.raises(SystemCheckError) as refused:
        call_command("check", "--database", "default")
    newest = InsuranceVerification.objects.order_by("-pk").values_list("pk", flat=True).first()
    assert (
        f"(intake.E001) DJANGO_FIELD_ENCRYPTION_KEYS cannot read the newest insurance verification (#{newest}, "
        "database 'default'): the key it was stored with is not among them." in str(refused.value)
    )
    settings.FERNET_KEYS = [WRONG, RIGHT]  # rotating: the new key first, the old one after it
    call_command("check", "--database", "default")


@pytest.mark.django_db
def test_the_check_reads_the_newest_date_of_birth_on_an_inquiry_too(settings):
    settings.FERNET_KEYS = [RIGHT]
    stored = InquiryFactory(patient_birth_date=date(2007, 3, 9))
    settings.FERNET_KEYS = [WRONG]
    InquiryFactory()  # newer, with no date of birth: nothing to read, so it cannot say the key is right
    with pytest.raises(SystemCheckError) as refused:
        call_command("check", "--database", "default")
    assert (
        f"(intake.E001) DJANGO_FIELD_ENCRYPTION_KEYS cannot read the newest date of birth, on inquiry (#{stored.pk}, "
        "database 'default'): the key it was stored with is not among them." in str(refused.value)
    )
    settings.FERNET_KEYS = [WRONG, RIGHT]
    call_command("check", "--database", "default")


@pytest.mark.django_db(transaction=True)
def test_a_worker_does_not_start_with_keys_that_cannot_read_the_newest_row(settings):
    verification_under(settings, RIGHT)
    runpy.run_path(str(ROOT / "magnolia" / "wsgi.py"))  # the right key: starts
    settings.FERNET_KEYS = [WRONG]
    with pytest.raises(ImproperlyConfigured, match=r"cannot read the newest insurance verification \(#\d+"):
        runpy.run_path(str(ROOT / "magnolia" / "wsgi.py"))


def test_an_empty_database_not_yet_migrated_passes_the_check(tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env |= {"DJANGO_DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'new.sqlite3'}"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--database", "default"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


# --- One row under another key -------------------------------------------------------------------------


@pytest.fixture
def one_unreadable(settings, db):
    """A verification (with a card photo) stored under WRONG, then the RIGHT key back, with a readable one."""
    unreadable = verification_under(settings, WRONG, with_card=True)
    readable = verification_under(settings, RIGHT, member_id="READ4321", with_card=True)
    return unreadable, readable


def test_the_list_and_the_inquiry_page_say_which_row_cannot_be_decrypted(admissions_client, one_unreadable):
    unreadable, readable = one_unreadable
    listing = admissions_client.get("/admin/intake/insuranceverification/")
    assert listing.status_code == 200
    rows = {row.pk: row for row in listing.context["cl"].result_list}
    assert rows[unreadable.pk].shown_number == f"#{unreadable.pk} ({CANNOT})"
    assert rows[readable.pk].shown_number == f"#{readable.pk}"
    assert f">#{unreadable.pk} ({CANNOT})</a>" in listing.content.decode()
    page = admissions_client.get(f"/admin/intake/inquiry/{unreadable.inquiry_id}/change/")
    assert page.status_code == 200
    assert f">#{unreadable.pk} ({CANNOT}): Requested</a>" in page.content.decode()


def test_its_page_says_so_instead_of_a_form_and_is_logged(admissions_client, admissions_user, one_unreadable):
    unreadable, _ = one_unreadable
    url = f"/admin/intake/insuranceverification/{unreadable.pk}/change/"
    for response in (admissions_client.get(url), admissions_client.post(url, {"notes": "x", "status": "verified"})):
        assert response.status_code == 200
        assert response.context["title"] == f"Verification #{unreadable.pk} {CANNOT}"
        html = response.content.decode()
        assert 'name="member_id"' not in html and "An administrator can delete it" in html
    unreadable.refresh_from_db(fields=["notes", "status"])
    assert (unreadable.notes, unreadable.status) == ("", "requested")
    assert (
        AccessRecord.objects.filter(user=admissions_user, detail="insurance verification (not decrypted)").count() == 2
    )


def test_its_card_photo_says_so_and_the_other_card_is_served(admissions_client, one_unreadable):
    unreadable, readable = one_unreadable
    refused = admissions_client.get(f"/admin/insurance-card/{unreadable.cards.get().pk}/")
    assert (refused.status_code, refused.content.decode()) == (409, f"This card photo {CANNOT}.")
    assert refused["Cache-Control"] == "no-store, private"
    served = admissions_client.get(f"/admin/insurance-card/{readable.cards.get().pk}/")
    assert served.status_code == 200 and b"".join(served.streaming_content).startswith(b"\xff\xd8")


def test_a_readable_row_still_opens_and_saves_as_before(admissions_client, one_unreadable):
    _, readable = one_unreadable
    html = admissions_client.get(f"/admin/intake/insuranceverification/{readable.pk}/change/?reveal=member_id")
    assert 'value="READ4321"' in html.content.decode()


def test_an_administrator_deletes_it_with_its_card_file(
    client, superuser, one_unreadable, settings, django_capture_on_commit_callbacks
):
    unreadable, readable = one_unreadable
    path = Path(settings.PRIVATE_ROOT) / unreadable.cards.get().file.name
    client.force_login(superuser)
    page = client.get(f"/admin/intake/insuranceverification/{unreadable.pk}/change/").content.decode()
    delete_url = f"/admin/intake/insuranceverification/{unreadable.pk}/delete/"
    assert f'href="{delete_url}"' in page
    assert client.get(delete_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(delete_url, {"post": "yes"}).status_code == 302
    assert list(InsuranceVerification.objects.values_list("pk", flat=True)) == [readable.pk]
    assert not path.exists()


def test_its_inquiry_can_be_deleted_from_its_own_page_and_from_the_list(
    client, superuser, one_unreadable, settings, django_capture_on_commit_callbacks
):
    unreadable, readable = one_unreadable
    path = Path(settings.PRIVATE_ROOT) / unreadable.cards.get().file.name
    client.force_login(superuser)
    delete_url = f"/admin/intake/inquiry/{unreadable.inquiry_id}/delete/"
    confirmation = client.get(delete_url)
    assert confirmation.status_code == 200
    assert confirmation.context["deleted_objects"] == [
        f"Inquiry #{unreadable.inquiry_id}, with its notes, history, notifications, insurance verifications "
        f"(one or more {CANNOT_DECRYPT}) and their card photos"
    ]
    chosen = {"action": "delete_selected", "_selected_action": [unreadable.inquiry_id, readable.inquiry_id]}
    assert client.post("/admin/intake/inquiry/", chosen).status_code == 200  # the confirmation
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/admin/intake/inquiry/", {**chosen, "post": "yes"}).status_code == 302
    assert not InsuranceVerification.objects.exists() and not Inquiry.objects.exists()
    assert not path.exists()
