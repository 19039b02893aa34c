"""Private files in a bucket (DJANGO_PRIVATE_BUCKET), so that any app server shows a card photo: against
an S3-compatible server started here (moto's), nothing outside this machine."""

import socket
import urllib.error
import urllib.request
from io import BytesIO
from pathlib import Path

import boto3
import pytest
from cryptography.fernet import Fernet
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from intake.encryption import fernet
from intake.models import AccessRecord, CardImage, InsuranceVerification
from intake.private_files import NO_ADDRESS, EncryptedPrivateFiles

from ..core.test_settings_env import PRODUCTION_ENV, run_manage
from ..intake_helpers import request_data

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
BUCKET = "magnolia-private-tests"
# moto takes any credentials; the region is needed to sign requests.
CREDENTIALS = {"access_key": "testing", "secret_key": "testing", "region_name": "us-east-1"}


@pytest.fixture(scope="module")
def endpoint():
    """An S3-compatible server on a free port of this machine, with the tests' bucket made in it."""
    from moto.server import ThreadedMotoServer  # here: it takes a second to import, and a quick run skips these

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    url = f"http://{host}:{port}"
    client(url).create_bucket(Bucket=BUCKET)
    yield url
    server.stop()


def client(url):
    return boto3.client(
        "s3",
        endpoint_url=url,
        aws_access_key_id=CREDENTIALS["access_key"],
        aws_secret_access_key=CREDENTIALS["secret_key"],
        region_name=CREDENTIALS["region_name"],
    )


def use_bucket(settings, monkeypatch, endpoint_url):
    """The "private" storage as settings make it with DJANGO_PRIVATE_BUCKET, here at `endpoint_url`; the
    card field takes it too (a field reads its storage once, when models load)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "intake.private_files.EncryptedBucketStorage",
            "OPTIONS": {"bucket_name": BUCKET, "endpoint_url": endpoint_url, **CREDENTIALS},
        },
    }
    monkeypatch.setattr(CardImage._meta.get_field("file"), "storage", storages["private"])
    return storages["private"]


@pytest.fixture
def bucket(endpoint, settings, monkeypatch):
    use_bucket(settings, monkeypatch, endpoint)
    return client(endpoint)


def card_photo():
    out = BytesIO()
    Image.new("RGB", (900, 560), (40, 90, 160)).save(out, "JPEG")
    return SimpleUploadedFile("card.jpg", out.getvalue(), content_type="image/jpeg")


def send_with_a_card(client):
    response = client.post("/insurance/verify/", request_data(card_front=card_photo()))
    assert response.status_code == 302 and response["Location"] == "/insurance/verify/thanks/"
    return CardImage.objects.get()


def test_a_card_sent_with_the_form_is_kept_encrypted_in_the_bucket_and_shown_decrypted(
    bucket, client, admissions_client, settings
):
    card = send_with_a_card(client)
    stored = bucket.get_object(Bucket=BUCKET, Key=card.file.name)["Body"].read()
    assert not stored.startswith(b"\xff\xd8")  # not a JPEG: a Fernet token of one
    jpeg = fernet().decrypt(stored)
    assert jpeg.startswith(b"\xff\xd8")
    assert not (Path(settings.PRIVATE_ROOT) / card.file.name).exists()  # nothing on this machine's disk

    response = admissions_client.get(f"/admin/insurance-card/{card.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == jpeg
    assert (response["Content-Type"], response["Cache-Control"]) == ("image/jpeg", "no-store, private")
    record = AccessRecord.objects.get(action=AccessRecord.Action.VIEW)
    assert (record.inquiry_ref, record.detail) == (card.verification.inquiry_id, "card photo (front)")


def test_a_card_in_the_bucket_has_no_address_and_is_not_public(bucket, client, endpoint):
    card = send_with_a_card(client)
    with pytest.raises(ValueError) as refused:
        card.file.url  # noqa: B018
    assert str(refused.value) == NO_ADDRESS
    (grant,) = bucket.get_object_acl(Bucket=BUCKET, Key=card.file.name)["Grants"]  # the owner's only
    assert (grant["Grantee"]["Type"], grant["Permission"]) == ("CanonicalUser", "FULL_CONTROL")
    head = bucket.head_object(Bucket=BUCKET, Key=card.file.name)
    assert (head["ContentType"], head["CacheControl"]) == ("application/octet-stream", "private, no-store")
    with pytest.raises(urllib.error.HTTPError) as anonymous:
        urllib.request.urlopen(f"{endpoint}/{BUCKET}/{card.file.name}", timeout=10)
    assert anonymous.value.code == 403


def test_deleting_a_verification_deletes_its_card_from_the_bucket(bucket, client, django_capture_on_commit_callbacks):
    name = send_with_a_card(client).file.name
    assert bucket.head_object(Bucket=BUCKET, Key=name)["ContentLength"] > 0
    with django_capture_on_commit_callbacks(execute=True):
        InsuranceVerification.objects.get().delete()
    with pytest.raises(bucket.exceptions.ClientError) as gone:
        bucket.head_object(Bucket=BUCKET, Key=name)
    assert gone.value.response["Error"]["Code"] == "404"


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_bucket_out_of_reach_keeps_the_request_and_says_which_photo_was_lost(settings, monkeypatch, client):
    use_bucket(settings, monkeypatch, f"http://127.0.0.1:{closed_port()}")
    response = client.post("/insurance/verify/", request_data(card_front=card_photo()))
    assert response.status_code == 302 and response["Location"] == "/insurance/verify/thanks/"
    verification = InsuranceVerification.objects.get()
    assert verification.card_problems == (
        "Front of the card sent but not stored (Private bucket out of reach: EndpointConnectionError): "
        "ask the person for it again."
    )
    assert not verification.cards.exists()


@pytest.fixture(params=["folder", "bucket"])
def private(request, settings, monkeypatch):
    """The "private" storage of each kind, as another part of the site (exports) uses it."""
    if request.param == "bucket":
        return use_bucket(settings, monkeypatch, request.getfixturevalue("endpoint"))
    return storages["private"]


def test_any_private_file_is_saved_opened_and_deleted_alike_in_a_folder_and_a_bucket(private):
    name = private.save("exports/inquiries.csv", ContentFile("number,status\r\n7,new\r\n"))
    assert private.exists(name)
    with private.open(name) as opened:
        assert opened.read() == b"number,status\r\n7,new\r\n"
    assert private.size(name) == len(b"number,status\r\n7,new\r\n")
    again = private.save("exports/inquiries.csv", ContentFile("other"))
    assert again != name  # never written over
    with private.open(name) as opened:
        assert opened.read() == b"number,status\r\n7,new\r\n"
    with pytest.raises(ValueError) as refused:
        private.open(name, "wb")
    assert str(refused.value) == "Private files are opened only to be read as bytes ('rb'), not 'wb'."
    private.delete(name)
    private.delete(again)
    assert not private.exists(name) and not private.exists(again)


def test_private_files_are_encrypted_with_the_site_keys_in_both_kinds(private, settings):
    name = private.save("exports/x.csv", ContentFile(b"7,new"))
    with super(EncryptedPrivateFiles, private)._open(name, "rb") as raw:  # the storage under the encryption
        token = raw.read()
    assert Fernet(settings.FERNET_KEYS[0]).decrypt(token) == b"7,new"
    private.delete(name)


# --- Settings: the bucket only when one is named --------------------------------------------------------

SHOW_PRIVATE_STORAGE = (
    "from django.core.files.storage import storages\n"
    "s = storages['private']\n"
    "print('RESULT', type(s).__module__ + '.' + type(s).__name__, getattr(s, 'bucket_name', '-'),"
    " getattr(s, 'endpoint_url', '-'), sep='|')\n"
)


def private_storage_with(**env):
    result = run_manage("shell", "-c", SHOW_PRIVATE_STORAGE, env={**PRODUCTION_ENV, **env})
    assert result.returncode == 0, result.stderr
    (line,) = [line for line in result.stdout.splitlines() if line.startswith("RESULT")]
    return line


def test_without_a_private_bucket_files_stay_in_the_encrypted_folder():
    assert private_storage_with(DJANGO_MEDIA_BUCKET="magnolia-pictures") == (
        "RESULT|intake.card_files.EncryptedCardStorage|-|-"
    )


def test_a_named_private_bucket_keeps_private_files_there_at_the_pictures_endpoint_unless_told():
    env = {"DJANGO_PRIVATE_BUCKET": "magnolia-private", "DJANGO_MEDIA_ENDPOINT_URL": "https://objects.example.net"}
    assert private_storage_with(**env) == (
        "RESULT|intake.private_files.EncryptedBucketStorage|magnolia-private|https://objects.example.net"
    )
    env["DJANGO_PRIVATE_ENDPOINT_URL"] = "https://private.example.net"
    assert private_storage_with(**env) == (
        "RESULT|intake.private_files.EncryptedBucketStorage|magnolia-private|https://private.example.net"
    )


def test_the_pictures_bucket_is_refused_for_private_files():
    env = {**PRODUCTION_ENV, "DJANGO_MEDIA_BUCKET": "magnolia", "DJANGO_PRIVATE_BUCKET": "magnolia"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_PRIVATE_BUCKET names the bucket of DJANGO_MEDIA_BUCKET, whose pictures are public" in result.stderr
