"""Clearly fictional demo inquiries (555 numbers, example.com addresses), and their loader."""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from intake.forms import CONSENT_TEXT
from intake.models import Assessment, Inquiry, StatusChange

INQUIRIES = [
    {
        "name": "Demo Person A",
        "voicemail_ok": "no",
        "phone": "+18185550101",
        "email": "",
        "status": "new",
        "minutes_ago": 5,
        "inquiry_for": "myself",
        "level": "intensive-outpatient",
        "payment": "insurance",
        "insurance_carrier": "Demo Health",
    },
    {
        "name": "Demo Person B",
        "voicemail_ok": "unanswered",
        "phone": "",
        "email": "demo.b@example.com",
        "status": "new",
        "minutes_ago": 45,
        "inquiry_for": "loved_one",
        "level": None,
        "payment": "not_sure",
    },
    {
        "name": "Demo Person C",
        "voicemail_ok": "yes",
        "phone": "+18185550103",
        "email": "demo.c@example.com",
        "status": "contact_attempted",
        "minutes_ago": 180,
        "inquiry_for": "myself",
        "level": "medical-detox",
        "payment": "self_pay",
    },
    {
        "name": "Demo Person D",
        "voicemail_ok": "not_sure",
        "phone": "+18185550104",
        "email": "",
        "status": "assessment_scheduled",
        "minutes_ago": 60 * 26,
        "inquiry_for": "professional",
        "level": "residential",
        "payment": "insurance",
    },
    {
        "name": "Demo Person E",
        "phone": "+18185550105",
        "email": "",
        "status": "closed",
        "close_reason": "not_ready",
        "minutes_ago": 60 * 24 * 8,
        "inquiry_for": "loved_one",
        "level": "partial-hospitalization",
        "payment": "not_sure",
    },
    {
        "name": "Demo Spam",
        "voicemail_ok": "unanswered",
        "phone": "",
        "email": "spam@example.com",
        "status": "spam",
        "spam_reason": "honeypot",
        "minutes_ago": 90,
        "inquiry_for": "myself",
        "level": None,
        "payment": "not_sure",
    },
]


def load_inquiries(levels):
    """Create the demo inquiries that are not there yet."""
    now = timezone.now()
    for data in INQUIRIES:
        if Inquiry.objects.filter(name=data["name"]).exists():
            continue
        data = dict(data)
        created = now - timedelta(minutes=data.pop("minutes_ago"))
        level = levels.get(data.pop("level") or "")
        inquiry = Inquiry(level=level, consent_text=CONSENT_TEXT, created_at=created, **data)
        if inquiry.status not in (Inquiry.Status.NEW, Inquiry.Status.SPAM, Inquiry.Status.CLOSED):
            inquiry.first_contact_at = created + timedelta(minutes=12)
        if inquiry.status == Inquiry.Status.CLOSED:
            inquiry.first_contact_at = created + timedelta(minutes=9)
            inquiry.closed_at = created + timedelta(days=2)
        inquiry.set_caller_from_inquiry_for()  # as the web form does
        inquiry.save()
        if inquiry.status != Inquiry.Status.NEW:
            # The move on its timeline (the dashboard's funnel reads the moves), when it was first contacted.
            at = inquiry.first_contact_at or created
            StatusChange.objects.create(inquiry=inquiry, from_status="new", to_status=inquiry.status, at=at)
        assessor = get_user_model().objects.filter(groups__name="Admissions").order_by("pk").first()
        if inquiry.status == Inquiry.Status.ASSESSMENT_SCHEDULED and assessor is not None:  # the demo logins'
            day = timezone.localdate(now) + timedelta(days=2)
            Assessment.objects.create(
                inquiry=inquiry,
                starts_at=timezone.make_aware(datetime.combine(day, time(10, 30))),
                assessor=assessor,
                mode=Assessment.Mode.IN_PERSON,
                scheduled_by=assessor,
            )
