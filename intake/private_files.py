"""Files only staff may fetch (insurance card photos, exports), kept by the storage named "private" in
STORAGES: encrypted whole with the Fernet keys of DJANGO_FIELD_ENCRYPTION_KEYS before they are written,
decrypted whole when opened, and never given an address (views that check who asks serve them).

Two kinds share that: a private folder on this machine (intake.card_files.EncryptedCardStorage, the
default) and, with DJANGO_PRIVATE_BUCKET, a private bucket of S3-compatible storage that every app
server reaches (EncryptedBucketStorage, below)."""

import errno
from contextlib import contextmanager
from io import BytesIO

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from django.core.files.base import ContentFile, File
from storages.backends.s3 import S3Storage

from .encryption import decrypt, fernet

NO_ADDRESS = "Private files have no address: they are served only by views that check who asks."
# A bucket that stops answering fails a request within seconds (a card photo is then noted as not
# stored), rather than holding a worker through botocore's defaults: 60 s per try, several tries.
BUCKET_TIMEOUTS = Config(connect_timeout=2, read_timeout=5, retries={"mode": "standard", "total_max_attempts": 1})


class EncryptedPrivateFiles:
    """Mixed in before a storage: what is saved is encrypted before the storage writes it; what is opened
    is read whole and decrypted. Files are small (a card photo, a CSV), so both happen in memory."""

    def save(self, name, content, max_length=None):
        if not hasattr(content, "chunks"):
            content = File(content, name)
        # A text file (a CSV written as str) is kept as UTF-8.
        data = b"".join(chunk.encode() if isinstance(chunk, str) else chunk for chunk in content.chunks())
        name = content.name if name is None else name
        return super().save(name, ContentFile(fernet().encrypt(data), name=name), max_length=max_length)

    def _open(self, name, mode="rb"):
        if mode != "rb":
            raise ValueError(f"Private files are opened only to be read as bytes ('rb'), not {mode!r}.")
        with super()._open(name, "rb") as stored:
            return File(BytesIO(decrypt(stored.read())), name=name)

    def size(self, name):
        # The stored size is the encrypted token's, a third larger than the file.
        with self.open(name) as plain:
            return plain.size

    def url(self, name, *args, **kwargs):
        raise ValueError(NO_ADDRESS)


@contextmanager
def _as_os_errors():
    """The bucket's failures as the OSErrors a folder raises, so that callers handle both kinds alike (a
    card photo not stored is noted on its verification). Only the error's code is kept: no file name."""
    try:
        yield
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code") or "unknown"
        if code in {"404", "NoSuchKey", "NotFound"}:
            raise FileNotFoundError(errno.ENOENT, "Not in the private bucket") from error
        raise OSError(errno.EIO, f"Private bucket refused it: {code}") from error
    except BotoCoreError as error:
        raise OSError(errno.EIO, f"Private bucket out of reach: {type(error).__name__}") from error


class EncryptedBucketStorage(EncryptedPrivateFiles, S3Storage):
    """Private files in a bucket of S3-compatible storage (django-storages), for more than one app server.

    Whatever the options say: no ACL is sent, so every object is the bucket owner's alone (buckets made
    since 2023 refuse any other ACL, and a "private" one too); names are never reused (the folder's
    refusal to overwrite; card names are random besides); objects are labelled as the opaque bytes they
    are and never cached. The bucket itself must not be public: keep its public access blocked."""

    def __init__(self, **options):
        super().__init__(**options)
        if "client_config" not in options:
            self.client_config = self.client_config.merge(BUCKET_TIMEOUTS)
        self.default_acl = None
        self.file_overwrite = False
        self.object_parameters = {"ContentType": "application/octet-stream", "CacheControl": "private, no-store"}

    def save(self, name, content, max_length=None):
        with _as_os_errors():  # the existence check for a free name, and the upload
            return super().save(name, content, max_length=max_length)

    def _open(self, name, mode="rb"):
        with _as_os_errors():
            return super()._open(name, mode)

    def delete(self, name):
        with _as_os_errors():
            super().delete(name)

    def exists(self, name):
        with _as_os_errors():
            return super().exists(name)

    def listdir(self, path):
        with _as_os_errors():
            return super().listdir(path)

    def get_modified_time(self, name):
        with _as_os_errors():
            return super().get_modified_time(name)
