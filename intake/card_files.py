"""Insurance card images: kept encrypted (the same Fernet keys as the encrypted fields) by the "private"
storage, a folder no web server serves or a private bucket (intake/private_files.py); read back only
through the view that checks who asks."""

import logging
import os
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import transaction
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from pillow_heif import register_heif_opener

from core.images import DecodingBudget, reencoded, refuse_if_too_large, validate_picture

from .private_files import EncryptedPrivateFiles

logger = logging.getLogger(__name__)

# Readable by the site's own user only: the files are encrypted, and still nobody else needs them.
FILE_MODE = 0o600
FOLDER_MODE = 0o700


class EncryptedCardStorage(EncryptedPrivateFiles, FileSystemStorage):
    """Private files (intake/private_files.py) in DJANGO_PRIVATE_ROOT, never under MEDIA_ROOT: the default
    "private" storage. Named for card photos, which came first (migrations name it)."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_ROOT)

    def _save(self, name, content):
        path = Path(self.path(name))
        self._private_folder(path.parent)
        # Created 0600 (never readable by others, not even while being written); O_EXCL: card names are
        # unguessable and never reused, so an existing file is refused, not overwritten.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        try:
            with os.fdopen(descriptor, "wb") as out:
                out.write(content.read())  # the encrypted token (EncryptedPrivateFiles.save)
        except BaseException:
            path.unlink(missing_ok=True)  # a full disk leaves no half-written file behind
            raise
        return path.relative_to(self.location).as_posix()

    @staticmethod
    def _private_folder(folder):
        folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        if folder.stat().st_mode & 0o077:
            folder.chmod(FOLDER_MODE)  # a folder made before cards were kept private


def private_storage():
    """The storage named "private" in STORAGES: card photos and other files only staff may fetch,
    through views that check who asks and log it."""
    return storages["private"]


def card_path(card, filename):
    return f"cards/{uuid.uuid4().hex}.jpg"  # unguessable, and no trace of the uploaded name


# Phones save photos as HEIC: Pillow reads them with pillow-heif.
register_heif_opener()
# MPO is a JPEG with more pictures after it (phones' portrait mode): its first picture is the photo.
CARD_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "HEIF"}
CARD_FORMATS_NAMED = _("a photo (JPEG, PNG, HEIC or WebP)")
# A card is legible at 1600 pixels. Reading one may cost this much memory, estimated from its header
# before any pixel is decoded (resizing adds about as much again): a JPEG is decoded at 1/2, 1/4 or 1/8
# of its size, so passes up to 40 megapixels; other formats are decoded at full size, so about 8
# megapixels (fewer with transparency, or for WebP and HEIC, whose decoders keep a copy of their own).
CARD_BUDGET = DecodingBudget(memory=32 * 1024 * 1024, longest_side=1600)


def card_content(upload):
    """The photo checked and decoded within CARD_BUDGET, as a fresh JPEG: upright, with no metadata
    (no location, camera details, comments or colour profile). A ValidationError if it cannot be read."""
    refuse_if_too_large(upload)
    validate_picture(upload, accepted=CARD_FORMATS, named=CARD_FORMATS_NAMED)
    content, _, _ = reencoded(upload, "JPEG", longest_side=CARD_BUDGET.longest_side, budget=CARD_BUDGET)
    return content


def store_card(card, content):
    """Keeps a (new, unsaved) card photo. When the private storage cannot take it (a full or read-only
    folder, a file in its way, a bucket refusing or out of reach: all OSErrors), the request is kept all
    the same: the failure is noted on the verification for staff, and logged (with no name or path)."""
    try:
        card.file.save("card.jpg", content, save=True)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        logger.error("card photo (%s) of verification %s not stored: %s", card.side, card.verification_id, reason)
        card.verification.note_card_not_stored(card.get_side_display(), reason)
        return False
    return True


def delete_file_once_committed(sender, instance, **kwargs):
    """post_delete of a card (its verification's, its inquiry's, a purge's): the file goes too, once
    the deletion is committed, so a rolled-back purge keeps it."""
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: _delete_file(storage, name))


def _delete_file(storage, name):
    # The row is gone already: a file the storage cannot delete now (a bucket out of reach) must not turn
    # the committed deletion into an error page. Its random name says nothing about anyone.
    try:
        storage.delete(name)
    except OSError as error:
        logger.error("card file %s left behind, delete it by hand: %s", name, error.strerror or type(error).__name__)
