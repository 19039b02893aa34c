"""Encryption at rest for insurance details, with the Fernet keys of DJANGO_FIELD_ENCRYPTION_KEYS:
the fields (django-fernet-fields-v2) and the card files (intake/card_files.py) use the same keys."""

import weakref

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from fernet_fields import EncryptedCharField, EncryptedDateField

WRONG_KEY = (
    "An encrypted insurance detail cannot be read with DJANGO_FIELD_ENCRYPTION_KEYS: the key it was encrypted "
    "with is not among them (while rotating, keep the old key after the new one)."
)


def fernet():
    return MultiFernet([Fernet(key) for key in settings.FERNET_KEYS])


def decrypt(token):
    try:
        return fernet().decrypt(token)
    except InvalidToken:
        raise ImproperlyConfigured(WRONG_KEY) from None


_FIELDS = weakref.WeakSet()  # the fields made, including migrations' copies


@receiver(setting_changed)
def _forget_keys(setting, **kwargs):
    # django-fernet-fields keeps each field's keys once read; tests (and key rotation tests) change them.
    if setting in ("FERNET_KEYS", "FERNET_USE_HKDF"):
        for field in _FIELDS:
            for cached in ("keys", "fernet_keys", "fernet"):
                field.__dict__.pop(cached, None)


class _SaysWhichKey:
    """A value no key opens stops with a message that says what to do, not a bare InvalidToken."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _FIELDS.add(self)

    def from_db_value(self, value, expression, connection, *args):
        try:
            return super().from_db_value(value, expression, connection, *args)
        except InvalidToken:
            raise ImproperlyConfigured(WRONG_KEY) from None


class SecretCharField(_SaysWhichKey, EncryptedCharField):
    pass


class SecretDateField(_SaysWhichKey, EncryptedDateField):
    pass
