"""Spam control without a CAPTCHA: a hidden field people never fill, and a minimum fill time."""

import time

from django.conf import settings
from django.core import signing

SALT = "intake.form-started"


def sign_start(now=None):
    return signing.dumps(int(now if now is not None else time.time()), salt=SALT)


def seconds_since_start(token, now=None):
    """Seconds since the form was served, or None when the stamp is missing or forged."""
    try:
        started = signing.loads(token or "", salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(started, int):
        return None
    return (now if now is not None else time.time()) - started


def spam_reason(honeypot, started_token):
    from .models import Inquiry

    if honeypot:
        return Inquiry.SpamReason.HONEYPOT
    elapsed = seconds_since_start(started_token)
    if elapsed is None or elapsed < settings.INTAKE_MIN_FILL_SECONDS:
        return Inquiry.SpamReason.TOO_FAST
    if elapsed > settings.INTAKE_MAX_FORM_AGE_SECONDS:
        return Inquiry.SpamReason.STALE
    return ""
