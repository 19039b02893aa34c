"""Spam control without a CAPTCHA: a hidden field people never fill, a minimum fill time, and a
signed start stamp that is accepted once.

Each form served carries its own stamp (the time and a random part, signed). A stamp that has been
sent once is noted in the database by its digest, so a script that keeps one stamp and posts it
again is caught by every worker and machine alike; the note goes when the stamp is too old to be
accepted anyway (INTAKE_MAX_FORM_AGE_SECONDS). A form shown again with its errors, or after a CSRF
refusal, keeps its stamp: it has not been used, since nothing was stored."""

import hashlib
import secrets
import time
from datetime import UTC, datetime

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction

SALT = "intake.form-started"


def sign_start(now=None):
    started = int(now if now is not None else time.time())
    return signing.dumps([started, secrets.token_urlsafe(12)], salt=SALT)


def started_at(token):
    """When the form was served (seconds since the epoch), or None when the stamp is missing or forged."""
    try:
        value = signing.loads(token or "", salt=SALT)
    except signing.BadSignature:
        return None
    if isinstance(value, list) and len(value) == 2:  # [time, random part]
        value = value[0]
    # A bare time: a form served before stamps had a random part (still accepted once).
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def seconds_since_start(token, now=None):
    """Seconds since the form was served, or None when the stamp is missing or forged."""
    started = started_at(token)
    if started is None:
        return None
    return (now if now is not None else time.time()) - started


def spam_reason(honeypot, started_token):
    """Why a submission is spam, or "". Call it in the transaction that stores the submission: a stamp
    it accepts is noted as used, and the note is undone with the submission if storing fails."""
    from .models import Inquiry

    if honeypot:
        return Inquiry.SpamReason.HONEYPOT
    elapsed = seconds_since_start(started_token)
    if elapsed is None or elapsed < settings.INTAKE_MIN_FILL_SECONDS:
        return Inquiry.SpamReason.TOO_FAST
    if elapsed > settings.INTAKE_MAX_FORM_AGE_SECONDS:
        return Inquiry.SpamReason.STALE
    if not use_stamp(started_token):
        return Inquiry.SpamReason.REPLAYED
    return ""


def use_stamp(token):
    """Note the stamp as used: False when it was used already (here or on another machine)."""
    from .models import UsedStamp

    UsedStamp.objects.filter(started_at__lt=_when(time.time() - settings.INTAKE_MAX_FORM_AGE_SECONDS)).delete()
    digest = hashlib.sha256(token.encode()).hexdigest()
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction goes on after a refusal
            UsedStamp.objects.create(digest=digest, started_at=_when(started_at(token)))
    except IntegrityError:
        return False
    return True


def _when(seconds):
    return datetime.fromtimestamp(seconds, tz=UTC)
