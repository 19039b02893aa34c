"""What a visitor sends through the site: an inquiry from the contact form, or a request to verify their
insurance. Each is stored by one call, given what its form validated, in one transaction: the spam
checks (the form's stamp used once), the inquiry (its save keeps the duplicate flags), what comes with
it, and admissions' notification (none for spam), sent once it is committed."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation

from ..card_files import store_card
from ..forms import CONSENT_TEXT
from ..models import CardImage, Carrier, Inquiry, InsuranceVerification
from ..notifications import queue_notification
from ..spam import spam_reason

logger = logging.getLogger(__name__)

VERIFICATION_MESSAGE = "Asked us to verify their insurance."


def submit_inquiry(
    *,
    name,
    phone,
    email,
    preferred_contact,
    best_time,
    inquiry_for,
    level,
    payment,
    insurance_carrier,
    message,
    consent,
    voicemail_ok=Inquiry.Voicemail.UNANSWERED,
    website,
    started,
    attribution,
    language,
):
    """Store the contact form's inquiry. `website` and `started` are the spam trap and the form's start
    stamp; `attribution` where the visit came from; `language` the one the person wrote in."""
    inquiry = Inquiry(
        name=name,
        phone=phone or "",
        email=email or "",
        preferred_contact=preferred_contact,
        best_time=best_time,
        inquiry_for=inquiry_for,
        level=level,
        payment=payment,
        insurance_carrier=insurance_carrier,
        message=message,
        voicemail_ok=voicemail_ok,
    )
    inquiry.set_caller_from_inquiry_for()
    with transaction.atomic():
        _receive(inquiry, consent=consent, website=website, started=started, attribution=attribution, language=language)
        _notify(inquiry)
    logger.info("inquiry %s stored%s", inquiry.pk, " as spam" if inquiry.spam_reason else "")
    return inquiry


def request_verification(
    *,
    name,
    phone,
    email,
    preferred_contact,
    carrier,
    carrier_other,
    member_id,
    group_number,
    subscriber,
    subscriber_name,
    patient_birth_date,
    card_front=None,
    card_back=None,
    consent,
    website,
    started,
    attribution,
    language,
):
    """Store the insurance form's request: an inquiry (flagged if it duplicates one) with its verification
    and the card photos sent (`card_front`, `card_back`: checked and re-encoded content, or None). A photo
    the private folder cannot take is noted on the verification; the request is kept all the same."""
    carrier = Carrier(carrier)
    other = carrier_other if carrier == Carrier.OTHER else ""
    inquiry = Inquiry(
        name=name,
        phone=phone or "",
        email=email or "",
        preferred_contact=preferred_contact,
        payment=Inquiry.Payment.INSURANCE,
        insurance_carrier=other if carrier == Carrier.OTHER else carrier.label,
        message=VERIFICATION_MESSAGE,
    )
    with transaction.atomic():
        _receive(inquiry, consent=consent, website=website, started=started, attribution=attribution, language=language)
        verification = InsuranceVerification.objects.create(
            inquiry=inquiry,
            source=InsuranceVerification.Source.WEBSITE,
            carrier=carrier,
            carrier_other=other,
            member_id=member_id,
            group_number=group_number,
            subscriber=subscriber,
            subscriber_name=subscriber_name if subscriber != InsuranceVerification.Relationship.SELF else "",
            patient_birth_date=patient_birth_date,
        )
        storing = True
        for side, content in ((CardImage.Side.FRONT, card_front), (CardImage.Side.BACK, card_back)):
            if not content:
                continue
            card = CardImage(verification=verification, side=side)
            if storing:
                storing = store_card(card, content)
            else:
                # A storage that failed one photo (a bucket not answering costs seconds each time) is
                # not tried again within the visitor's request: the request itself must be kept.
                verification.note_card_not_stored(card.get_side_display(), "not tried after the photo before failed")
        _notify(inquiry)
    logger.info("verification %s stored%s", verification.pk, " as spam" if inquiry.spam_reason else "")
    return verification


def _receive(inquiry, *, consent, website, started, attribution, language):
    """Save a visitor's inquiry with what every submission carries: the consent wording as they read it,
    their language, where the visit came from, and spam marking (which uses the form's stamp: call in
    the transaction that stores the submission, so the stamp stays unused if storing fails)."""
    if not consent:
        raise ValidationError({"consent": "Nothing is stored without the person's consent to be contacted."})
    with translation.override(language):
        inquiry.consent_text = str(CONSENT_TEXT)
    inquiry.language = language
    inquiry.attribution = attribution or {}
    reason = spam_reason(website, started)
    if reason:
        inquiry.status, inquiry.spam_reason = Inquiry.Status.SPAM, reason
    inquiry.save()


def _notify(inquiry):
    """Tell admissions, once committed; spam tells nobody."""
    if inquiry.status != Inquiry.Status.SPAM:
        queue_notification(inquiry)
