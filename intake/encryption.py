"""Encryption at rest for insurance details, with the Fernet keys of DJANGO_FIELD_ENCRYPTION_KEYS:
the fields (django-fernet-fields-v2) and the card files (intake/card_files.py) use the same keys."""

import datetime
import weakref

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import DatabaseError, connections, models, transaction
from django.db.models import BinaryField, ExpressionWrapper, F
from django.dispatch import receiver
from django.utils import timezone
from fernet_fields import (
    EncryptedCharField,
    EncryptedDateField,
    EncryptedDateTimeField,
    EncryptedField,
    EncryptedTextField,
)

WRONG_KEY = (
    "An encrypted insurance detail cannot be read with DJANGO_FIELD_ENCRYPTION_KEYS: the key it was encrypted "
    "with is not among them (while rotating, keep the old key after the new one)."
)
# What staff see where such a row or file would be.
CANNOT_DECRYPT = "cannot be decrypted with the current keys"


class CannotDecrypt(ImproperlyConfigured):
    """A stored value or file that none of DJANGO_FIELD_ENCRYPTION_KEYS opens."""


def fernet():
    return MultiFernet([Fernet(key) for key in settings.FERNET_KEYS])


def decrypt(token):
    try:
        return fernet().decrypt(token)
    except InvalidToken:
        raise CannotDecrypt(WRONG_KEY) from None


def opens(*tokens):
    """Whether the current keys open every one of these stored values (None: nothing stored)."""
    keys = fernet()
    try:
        for token in tokens:
            if token is not None:
                keys.decrypt(bytes(token))
    except InvalidToken:
        return False
    return True


def as_stored(name):
    """The column `name` as its encrypted bytes, for an annotation: read without decrypting."""
    return ExpressionWrapper(F(name), output_field=BinaryField())


def newest_row_unreadable(model, fields, using="default", stored_in=None):
    """The number of the newest `model` row whose encrypted `fields` the current keys cannot open, or None:
    also None with no rows, or before migrate made the table (only these columns are read, so a
    migration still to come does not matter either). With `stored_in`, a column name: the newest row
    that holds something there. A cheap check, run at start."""
    connection = connections[using]
    try:
        if model._meta.db_table not in connection.introspection.table_names():
            return None
        with transaction.atomic(using=using):  # inside a test's transaction, an error stays in a savepoint
            stored = {f"stored_{name}": as_stored(name) for name in fields}
            newest = model._default_manager.using(using).annotate(**stored).order_by("-pk")
            if stored_in:
                newest = newest.filter(**{f"{stored_in}__isnull": False})
            row = newest.values_list("pk", *stored).first()
    except DatabaseError:
        return None  # the database cannot say now: the site starts, and its pages say what is wrong
    if row is None or opens(*row[1:]):
        return None
    return row[0]


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
            raise CannotDecrypt(WRONG_KEY) from None


class SecretCharField(_SaysWhichKey, EncryptedCharField):
    pass


class SecretDateField(_SaysWhichKey, EncryptedDateField):
    pass


class SecretBooleanField(_SaysWhichKey, EncryptedField, models.BooleanField):
    """A yes or no (or, with null=True, not asked), stored encrypted as "True" or "False"."""


class SecretTextField(_SaysWhichKey, EncryptedTextField):
    pass


class SecretDateTimeField(_SaysWhichKey, EncryptedDateTimeField):
    """Stored in UTC; read back aware, as Django's own DateTimeField is."""

    def from_db_value(self, value, expression, connection, *args):
        value = super().from_db_value(value, expression, connection, *args)
        if value is not None and settings.USE_TZ and timezone.is_naive(value):
            value = timezone.make_aware(value, datetime.UTC)
        return value
