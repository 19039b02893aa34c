"""Insurance card images: kept encrypted (the same Fernet keys as the encrypted fields) in a private
folder that no web server serves; read back only through the view that checks who asks."""

import uuid
from io import BytesIO

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from pillow_heif import register_heif_opener

from core.images import reencoded, refuse_if_too_large, validate_picture

from .encryption import decrypt, fernet


class EncryptedCardStorage(FileSystemStorage):
    """Files written encrypted, read decrypted; in DJANGO_PRIVATE_ROOT, never under MEDIA_ROOT."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_ROOT)

    def _save(self, name, content):
        content.seek(0)
        return super()._save(name, ContentFile(fernet().encrypt(content.read())))

    def _open(self, name, mode="rb"):
        with super()._open(name, "rb") as stored:
            return File(BytesIO(decrypt(stored.read())), name=name)

    def url(self, name):
        raise ValueError("Card images have no public address: they are served by intake's card view.")


def card_path(card, filename):
    return f"cards/{uuid.uuid4().hex}.jpg"  # unguessable, and no trace of the uploaded name


# Phones save photos as HEIC: Pillow reads them with pillow-heif.
register_heif_opener()
CARD_FORMATS = {"JPEG", "PNG", "WEBP", "HEIF"}
CARD_FORMATS_NAMED = _("a photo (JPEG, PNG, HEIC or WebP)")


def validate_card(upload):
    refuse_if_too_large(upload)
    validate_picture(upload, accepted=CARD_FORMATS, named=CARD_FORMATS_NAMED)


def card_content(upload):
    """The photo as a fresh JPEG: upright, no location or camera details."""
    content, _, _ = reencoded(upload, "JPEG")
    return content


def delete_file_once_committed(sender, instance, **kwargs):
    """post_delete of a card (its verification's, its inquiry's, a purge's): the file goes too, once
    the deletion is committed, so a rolled-back purge keeps it."""
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))
