"""Insurance verification: the visitor's request, encryption at rest, card photos only for admissions."""

from datetime import date
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone
from django.utils.formats import date_format
from PIL import Image

from intake.encryption import fernet
from intake.models import AccessRecord, CardImage, Inquiry, InsuranceVerification

from ..factories import InquiryFactory
from ..intake_helpers import MEMBER_ID, request_data
from ..markup import admin_field, cells, definition, links, listed, one, parse, select, texts

pytestmark = pytest.mark.django_db
GPS_IFD = 0x8825


def photo(kind="JPEG", size=(900, 560)):
    image = Image.new("RGB", size, (40, 90, 160))
    out = BytesIO()
    if kind == "JPEG":
        exif = Image.Exif()
        exif[0x010F] = "PhoneMaker"
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (34.0, 3.0, 0.0)})
        image.save(out, kind, exif=exif)
    else:
        image.save(out, kind)
    extension = {"JPEG": "jpg", "HEIF": "heic"}.get(kind, kind.lower())
    return SimpleUploadedFile(f"card.{extension}", out.getvalue(), content_type=f"image/{extension}")


def send(client, **overrides):
    return client.post("/insurance/verify/", request_data(**overrides))


FRONT = "Front of your card"  # its short name in the error summary


def test_a_visitor_asks_for_a_verification_with_both_card_photos(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, card_front=photo(), card_back=photo("HEIF"))
    assert response.status_code == 302 and response["Location"] == "/insurance/verify/thanks/"
    verification = InsuranceVerification.objects.get()
    inquiry = verification.inquiry
    assert (inquiry.name, inquiry.payment, inquiry.insurance_carrier) == (
        "Sam Rivera",
        "insurance",
        "Blue Shield of California",
    )
    assert verification.member_id == MEMBER_ID and verification.patient_birth_date == date(1990, 3, 14)
    assert verification.status == InsuranceVerification.Status.REQUESTED
    assert sorted(verification.cards.values_list("side", flat=True)) == ["back", "front"]
    (message,) = mail.outbox
    assert message.subject == f"Insurance verification requested, inquiry #{inquiry.pk}"
    assert message.body == (  # nothing of the person's: no name, member ID or carrier
        "A request to verify insurance benefits has arrived through the website.\n\n"
        "Open it in the admissions inbox (log in required):\n"
        f"{settings.SITE_URL}/admin/intake/inquiry/{inquiry.pk}/change/\n\n"
        "For privacy, this e-mail carries no details about the person.\n"
    )
    thanks = parse(client.get("/insurance/verify/thanks/"))
    assert texts(thanks, "main h2") == ["What happens next"]
    assert links(thanks, "tel:") == [
        ("tel:+18184312224", "(818) 431-2224"), ("tel:+18184312224", "(818) 431-2224"), ("tel:911", "911"),
        ("tel:988", "988"), ("tel:+18006624357", "1-800-662-4357"),
    ]  # fmt: skip


def test_the_database_and_the_files_hold_nothing_readable(client):
    send(client, card_front=photo())
    with connection.cursor() as cursor:
        cursor.execute("SELECT member_id, group_number, patient_birth_date FROM intake_insuranceverification")
        raw = b" ".join(bytes(value) for value in cursor.fetchone())
    assert MEMBER_ID.encode() not in raw and b"GRP-5521" not in raw and b"1990" not in raw
    card = CardImage.objects.get()
    stored = (Path(settings.PRIVATE_ROOT) / card.file.name).read_bytes()
    assert not stored.startswith(b"\xff\xd8") and b"JFIF" not in stored and b"PhoneMaker" not in stored
    decrypted = fernet().decrypt(stored)
    with Image.open(BytesIO(decrypted)) as image:
        assert image.format == "JPEG" and not image.getexif()  # re-encoded: no camera, no location


def test_a_wrong_key_fails_clearly_and_an_old_key_still_reads_while_rotating(client, settings):
    send(client)
    old = settings.FERNET_KEYS
    settings.FERNET_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(ImproperlyConfigured, match="the key it was encrypted with is not among them"):
        InsuranceVerification.objects.get()
    settings.FERNET_KEYS = [Fernet.generate_key().decode(), *old]  # rotating: new key first
    verification = InsuranceVerification.objects.get()
    assert verification.member_id == MEMBER_ID
    verification.save()  # saved again: now under the new key
    settings.FERNET_KEYS = settings.FERNET_KEYS[:1]
    assert InsuranceVerification.objects.get().member_id == MEMBER_ID


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("card.jpg", b"not a photo at all", content_type="image/jpeg"),
         "This file is not a picture this site can read. Choose a photo (JPEG, PNG, HEIC or WebP)."),
        (SimpleUploadedFile("card.jpg", b"\xff\xd8\xff" + b"0" * (20 * 1024 * 1024)),
         "This file is 20.0 MB; pictures may be at most 10 MB. Take or export a smaller one and choose it again."),
    ],
    ids=["not an image", "20 MB"],
)  # fmt: skip
def test_a_bad_card_photo_gets_a_clear_message_and_nothing_typed_is_lost(client, upload, message):
    response = send(client, card_front=upload)
    assert response.status_code == 200
    page = parse(response)
    assert texts(page, "#error-summary li") == [f"{FRONT}: {message}"]
    assert [(e.attrs["id"], e.text) for e in select(page, "form .invalid-feedback")] == [
        ("id_card_front_error", message)
    ]
    typed = {"name": "Sam Rivera", "member_id": MEMBER_ID, "group_number": "GRP-5521",
             "patient_birth_date_month": "03", "patient_birth_date_day": "14", "patient_birth_date_year": "1990",
             "email": "sam@example.com"}  # fmt: skip
    for name, value in typed.items():
        assert one(page, f"input[name={name}]").attrs.get("value") == value, name
    assert not Inquiry.objects.exists() and not CardImage.objects.exists()


def test_a_good_photo_beside_another_mistake_must_be_chosen_again_and_says_so(client):
    response = send(client, card_front=photo(), member_id="")
    kept_not = "Choose this photo again: it was not kept while something else needed fixing"
    member_id = "Enter the member ID from your insurance card"
    assert [(e.attrs["id"], e.text) for e in select(response, "form .invalid-feedback")] == [
        ("id_member_id_error", member_id), ("id_card_front_error", kept_not)
    ]  # fmt: skip
    assert texts(response, "#error-summary li") == [member_id, f"Front of your card: {kept_not}"]


def test_card_photos_are_for_admissions_only_and_every_look_is_logged(client, admissions_user, editor_user):
    send(client, card_front=photo())
    card = CardImage.objects.get()
    url = f"/admin/insurance-card/{card.pk}/"
    assert client.get(url).status_code == 404  # anonymous: nothing here
    client.force_login(editor_user)
    assert client.get(url).status_code == 403
    client.force_login(admissions_user)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "no-store, private"
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8")
    assert list(AccessRecord.objects.filter(user=admissions_user).values_list("detail", flat=True)) == [
        "card photo (front)"
    ]


def test_a_card_photo_the_storage_cannot_read_is_said_plainly_and_not_logged_as_seen(client, admissions_user):
    send(client, card_front=photo())
    card = CardImage.objects.get()
    (Path(settings.PRIVATE_ROOT) / card.file.name).unlink()  # lost from the folder (or a bucket not answering)
    client.force_login(admissions_user)
    response = client.get(f"/admin/insurance-card/{card.pk}/")
    assert (response.status_code, response["Content-Type"]) == (503, "text/plain; charset=utf-8")
    assert response.content.decode() == (
        "This card photo cannot be read from the private storage just now. Try again in a minute; "
        "if it stays unreadable, ask the person to send the card again."
    )
    assert response["Cache-Control"] == "no-store, private"
    assert not AccessRecord.objects.filter(detail="card photo (front)").exists()


def test_the_member_id_is_masked_until_revealed_and_revealing_is_logged(admissions_client, admissions_user):
    verification = InsuranceVerification.objects.create(
        inquiry=InquiryFactory(), carrier="aetna", member_id=MEMBER_ID, patient_birth_date=date(1980, 1, 2)
    )
    url = f"/admin/intake/insuranceverification/{verification.pk}/change/"
    response = admissions_client.get(url)
    assert MEMBER_ID not in response.content.decode()
    assert one(response, ".field-member_id_shown .readonly span.masked").text == "••••••••1937"
    assert select(response, "input[name=member_id]") == []
    revealed = admissions_client.get(url + "?reveal=member_id")
    assert one(revealed, "input[name=member_id]").attrs["value"] == MEMBER_ID
    details = AccessRecord.objects.filter(user=admissions_user).values_list("detail", flat=True)
    assert list(details.order_by("pk")) == ["insurance verification", "insurance verification; revealed member ID"]


def test_every_page_showing_a_verification_is_logged_once(admissions_client, admissions_user):
    """A save refused as stale shows the revealed details again, the history shows changes, the delete
    confirmation names it: each a record, on its inquiry."""
    verification = InsuranceVerification.objects.create(
        inquiry=InquiryFactory(), carrier="aetna", member_id=MEMBER_ID, patient_birth_date=date(1980, 1, 2)
    )
    url = f"/admin/intake/insuranceverification/{verification.pk}/"
    refused = admissions_client.post(url + "change/", {"reveal": "member_id", "seen_updated_at": "2000-01-01T00:00"})
    assert refused.status_code == 200
    assert admissions_client.get(url + "history/").status_code == 200
    records = AccessRecord.objects.filter(user=admissions_user).order_by("pk")
    assert [(r.inquiry_ref, r.action, r.detail) for r in records] == [
        (verification.inquiry_id, "view", "insurance verification; revealed member ID; shown after a refused save"),
        (verification.inquiry_id, "view", "insurance verification; history"),
    ]


def test_editors_never_see_verifications(editor_client):
    assert editor_client.get("/admin/intake/insuranceverification/").status_code == 403


def test_a_coordinator_completes_a_verification_and_who_and_when_are_kept(admissions_client, admissions_user):
    verification = InsuranceVerification.objects.create(
        inquiry=InquiryFactory(), carrier="aetna", member_id=MEMBER_ID, patient_birth_date=date(1980, 1, 2)
    )
    url = f"/admin/intake/insuranceverification/{verification.pk}/change/"
    data = {
        "inquiry": verification.inquiry_id, "carrier": "aetna", "carrier_other": "", "group_number": "",
        "patient_birth_date": "1980-01-02", "subscriber": "self", "subscriber_name": "", "status": "verified",
        "result": "", "plan_type": "ppo", "notes": "", "deductible": "1500", "deductible_met": "200",
        "out_of_pocket_max": "6000", "out_of_pocket_met": "200",
        "benefits-TOTAL_FORMS": "0", "benefits-INITIAL_FORMS": "0", "benefits-MIN_NUM_FORMS": "0",
        "benefits-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    refused = admissions_client.post(url, data)
    assert refused.status_code == 200
    assert texts(refused, "ul.errorlist.nonfield li") == [
        "A verified request needs its result: in network, out of network or not covered."
    ]
    assert admissions_client.post(url, {**data, "result": "in_network"}).status_code == 302
    verification.refresh_from_db()
    assert verification.completed_by == admissions_user and verification.completed_at is not None
    assert verification.member_id == MEMBER_ID  # untouched while masked


def test_deleting_an_inquiry_removes_its_card_files(client, django_capture_on_commit_callbacks):
    send(client, card_front=photo(), card_back=photo("PNG"))
    paths = [Path(settings.PRIVATE_ROOT) / name for name in CardImage.objects.values_list("file", flat=True)]
    assert all(path.exists() for path in paths)
    with django_capture_on_commit_callbacks(execute=True):
        Inquiry.objects.all().delete()
    assert not any(path.exists() for path in paths)
    assert not InsuranceVerification.objects.exists()


def test_the_form_is_linked_from_the_contact_home_level_and_insurance_pages(client):
    from ..factories import LevelFactory

    LevelFactory(slug="iop", name="Intensive outpatient program", short_name="IOP")
    linked = {
        "/": "Check my insurance",
        "/contact/": "Ask us to verify your insurance",
        "/levels-of-care/iop/": "Check what your insurance pays for intensive outpatient program",
    }
    for path, text in linked.items():
        assert links(client.get(path), "/insurance/verify/") == [("/insurance/verify/", text)], path
    assert "Disallow: /insurance/verify/thanks/" in client.get("/robots.txt").content.decode().splitlines()


def test_the_dashboard_shows_the_time_to_verification_done(admissions_client):
    from datetime import timedelta

    from django.utils import timezone

    from admissions.dashboard.figures import figures

    now = timezone.now()
    for minutes in (60, 120, None):
        inquiry = InquiryFactory(created_at=now - timedelta(hours=3))
        InsuranceVerification.objects.create(
            inquiry=inquiry, carrier="aetna", member_id="A1", patient_birth_date=date(1980, 1, 2),
            requested_at=now - timedelta(hours=3),
            status="verified" if minutes else "requested", result="in_network" if minutes else "",
            completed_at=now - timedelta(hours=3) + timedelta(minutes=minutes) if minutes else None,
        )  # fmt: skip
    today = timezone.localdate()
    result = figures(today - timedelta(days=1), today).verifications
    assert (result.requested, result.done, result.done_median, result.done_p90) == (3, 2, 60.0, 120.0)
    page = admissions_client.get("/admin/intake/inquiry/speed-to-lead/")
    assert definition(page, "Time to verification done: median / 90th percentile") == "60.0 / 120.0 min"
    assert definition(page, "Insurance verifications done / requested") == "2 / 3"


def test_purge_removes_verifications_and_their_card_files(client, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    send(client, card_front=photo(), card_back=photo("PNG"))
    paths = [Path(settings.PRIVATE_ROOT) / name for name in CardImage.objects.values_list("file", flat=True)]
    Inquiry.objects.update(
        status=Inquiry.Status.CLOSED, close_reason="insurance", closed_at=timezone.now() - timedelta(days=400)
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_inquiries", "--older-than", "365", stdout=StringIO())
    assert not InsuranceVerification.objects.exists() and not CardImage.objects.exists()
    assert not any(path.exists() for path in paths)


def test_a_coordinator_types_a_verification_from_the_inquiry_page(admissions_client, admissions_user):
    inquiry = InquiryFactory()
    page = admissions_client.get(f"/admin/intake/inquiry/{inquiry.pk}/change/")
    add_url = f"/admin/intake/insuranceverification/add/?inquiry={inquiry.pk}"
    assert admin_field(page, "insurance_verification") == ("Insurance verification:", "None yet. Verify insurance")
    shown = [(a.attrs["href"], a.text) for a in select(page, ".field-insurance_verification .readonly a")]
    assert shown == [(add_url, "Verify insurance")]
    form = admissions_client.get(add_url)
    assert one(form, "input[name=inquiry]").attrs["value"] == str(inquiry.pk)
    assert one(form, "input[name=member_id]").attrs.get("value") is None  # typed in full when adding
    data = {
        "inquiry": inquiry.pk, "carrier": "kaiser", "carrier_other": "", "member_id": "K-55501234",
        "group_number": "", "patient_birth_date": "1975-05-05", "subscriber": "spouse", "subscriber_name": "Lee",
        "status": "requested", "result": "", "plan_type": "", "notes": "", "deductible": "", "deductible_met": "",
        "out_of_pocket_max": "", "out_of_pocket_met": "",
        "benefits-TOTAL_FORMS": "0", "benefits-INITIAL_FORMS": "0", "benefits-MIN_NUM_FORMS": "0",
        "benefits-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    assert admissions_client.post(add_url, data).status_code == 302
    verification = InsuranceVerification.objects.get()
    assert verification.source == "staff" and verification.member_id == "K-55501234"
    assert AccessRecord.objects.filter(user=admissions_user, detail="added verification").exists()
    page = admissions_client.get(f"/admin/intake/inquiry/{inquiry.pk}/change/")
    shown = [(a.attrs["href"], a.text) for a in select(page, ".field-insurance_verification .readonly a")]
    assert shown == [
        (f"/admin/intake/insuranceverification/{verification.pk}/change/", f"#{verification.pk}: Requested"),
        (add_url, "Verify insurance"),
    ]


def test_a_verification_older_than_30_days_is_marked_stale(admissions_client):
    from datetime import timedelta

    from django.utils import timezone

    old = InsuranceVerification.objects.create(
        inquiry=InquiryFactory(), carrier="aetna", member_id="A1", patient_birth_date=date(1980, 1, 2),
        status="verified", result="in_network", completed_at=timezone.now() - timedelta(days=31),
    )  # fmt: skip
    InsuranceVerification.objects.create(
        inquiry=InquiryFactory(), carrier="aetna", member_id="A2", patient_birth_date=date(1980, 1, 2),
        status="verified", result="in_network", completed_at=timezone.now() - timedelta(days=29),
    )  # fmt: skip
    assert list(InsuranceVerification.objects.stale()) == [old]
    listing = admissions_client.get("/admin/intake/insuranceverification/?stale=yes")
    assert listed(listing, "number") == [f"#{old.pk}"]
    assert listed(listing, "freshness") == ["Stale: verify again"]


def test_a_request_caught_by_the_spam_trap_is_kept_as_spam_and_nobody_is_told(client):
    assert send(client, website="http://spam.example").status_code == 302
    inquiry = Inquiry.objects.get()
    assert inquiry.status == Inquiry.Status.SPAM and inquiry.spam_reason == "honeypot"
    assert mail.outbox == []


def test_the_queue_is_logged_and_a_save_from_an_old_copy_is_refused(admissions_client, admissions_user):
    from ..intake_helpers import hidden_value

    verification = InsuranceVerification.objects.create(
        inquiry=InquiryFactory(), carrier="aetna", member_id=MEMBER_ID, patient_birth_date=date(1980, 1, 2)
    )
    admissions_client.get("/admin/intake/insuranceverification/?status__exact=requested")
    assert AccessRecord.objects.filter(
        user=admissions_user, action="list", detail="insurance verifications, filters: status__exact"
    ).exists()
    url = f"/admin/intake/insuranceverification/{verification.pk}/change/"
    seen = hidden_value(admissions_client.get(url).content.decode(), "seen_updated_at")
    verification.notes = "A colleague's call notes."
    verification.save()
    data = {
        "inquiry": verification.inquiry_id, "carrier": "aetna", "carrier_other": "", "group_number": "",
        "patient_birth_date": "1980-01-02", "subscriber": "self", "subscriber_name": "", "status": "in_progress",
        "result": "", "plan_type": "", "notes": "My notes.", "deductible": "", "deductible_met": "",
        "out_of_pocket_max": "", "out_of_pocket_met": "", "seen_updated_at": seen,
        "benefits-TOTAL_FORMS": "0", "benefits-INITIAL_FORMS": "0", "benefits-MIN_NUM_FORMS": "0",
        "benefits-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    response = admissions_client.post(url, data)
    assert response.status_code == 200
    when = date_format(timezone.localtime(verification.updated_at), "N j, P")
    assert texts(response, "#stale-refusal p") == [
        f"Someone saved this insurance verification at {when}, after you opened it, so nothing was saved.",
        "What you typed is still in the form below, and saving again sends every field in it. Where a saved value "
        "is a colleague's change you did not mean to undo, set the field to it before you save.",
    ]
    assert cells(one(response, "#stale-refusal table")) == [
        ["Status", "Requested", "In progress"],
        ["Notes", "A colleague's call notes.", "My notes."],
    ]
    verification.refresh_from_db()
    assert verification.notes == "A colleague's call notes."


def test_the_patients_birth_date_is_not_filled_with_the_visitors_own(client):
    page = parse(client.get("/insurance/verify/"))
    for part in ("month", "day", "year"):
        assert one(page, f"input[name=patient_birth_date_{part}]").attrs["autocomplete"] == "off", part


@pytest.mark.parametrize(
    ("given", "chosen", "stored"),
    [
        ({"phone": ""}, None, Inquiry.ContactMethod.EMAIL),  # only an e-mail, nothing chosen: written to
        ({}, None, Inquiry.ContactMethod.CALL),  # a phone and an e-mail, nothing chosen: called
        ({"phone": ""}, "email", Inquiry.ContactMethod.EMAIL),
        ({}, "text", Inquiry.ContactMethod.TEXT),
    ],
)
def test_how_to_reply_needs_no_choice(client, given, chosen, stored):
    response = client.post("/insurance/verify/", request_data(preferred_contact=chosen, **given))
    assert response.status_code == 302, texts(response, "#error-summary li")
    assert Inquiry.objects.get().preferred_contact == stored


def test_the_insurance_form_preselects_no_way_to_reply(client):
    radios = select(client.get("/insurance/verify/"), "input[name=preferred_contact]")
    assert [radio.attrs.get("checked") for radio in radios] == [None] * len(radios)
