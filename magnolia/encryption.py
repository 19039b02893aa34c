"""The keys that encrypt health information at rest (member IDs, dates of birth, card images)."""

import sys

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

# For local development only: anything encrypted with it is readable by anyone with this repository.
DEVELOPMENT_KEY = "bWFnbm9saWEtZGV2ZWxvcG1lbnQtb25seS1rZXktMDA="


def field_encryption_keys(raw_keys, debug):
    """DJANGO_FIELD_ENCRYPTION_KEYS as a list of Fernet keys, newest first, each checked now so that a
    mistyped key stops the site at start rather than at the first verification."""
    if not raw_keys:
        if not debug:
            raise ImproperlyConfigured(
                "DJANGO_FIELD_ENCRYPTION_KEYS is not set: insurance details cannot be stored. Set it to a key "
                'made by: python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'
            )
        sys.stderr.write("Development only: insurance details are encrypted with the development key.\n")
        return [DEVELOPMENT_KEY]
    for position, key in enumerate(raw_keys, start=1):
        try:
            Fernet(key)
        except ValueError:
            raise ImproperlyConfigured(
                f"DJANGO_FIELD_ENCRYPTION_KEYS: key {position} is not a Fernet key (32 bytes, URL-safe base64, "
                "as Fernet.generate_key() makes them)."
            ) from None
    return raw_keys
