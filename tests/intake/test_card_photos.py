"""Insurance card photos: a file that cannot be read is refused beside its own field, reading one costs
bounded memory and time, a folder that cannot take it loses nothing else, and what is kept has no
metadata and is readable by the site's own user only."""

import errno
import io
import json
import os
import stat
import struct
import subprocess
import sys
import zlib
from io import BytesIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image, ImageCms

from core.images import MAX_JPEG_SCANS, decoding_cost, reencoded
from intake.card_files import CARD_BUDGET
from intake.encryption import fernet
from intake.models import CardImage, Inquiry, InsuranceVerification

from ..intake_helpers import MEMBER_ID, request_data

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
TYPED = ("Sam Rivera", MEMBER_ID, "GRP-5521", "03", "14", "1990", "sam@example.com")
CANNOT_READ = (
    "This picture could not be read to the end: the file may be cut short or damaged. Take or export it again "
    "and choose the new file."
)
CANNOT_READ_ES = (
    "No pudimos leer esta imagen completa: puede que el archivo esté cortado o dañado. Vuelva a tomarla o a "
    "exportarla y elija el archivo nuevo."
)
CHOOSE_AGAIN = "Choose this photo again: it was not kept while something else needed fixing"


def _chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width, height, depth=8, colour=2, before=(), after=(), rows=None):
    """A PNG written chunk by chunk (Pillow writes no 16-bit colour, nor the odd chunks tried here); with
    `rows`, only that many rows of pixels follow its header."""
    channels = {0: 1, 2: 3, 6: 4}[colour]
    size = width * channels * depth // 8
    row = b"\x00" + (bytes(range(256)) * (size // 256 + 1))[:size]
    packer = zlib.compressobj(1)
    pixels = b"".join(packer.compress(row) for _ in range(rows or height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    chunks = [_chunk(b"IHDR", header), *before, _chunk(b"IDAT", pixels), *after, _chunk(b"IEND", b"")]
    return b"\x89PNG\r\n\x1a\n" + b"".join(chunks)


def encoded(kind, size=(900, 560), noise=False, **options):
    image = Image.effect_noise(size, 60) if noise else Image.linear_gradient("L").resize(size, Image.Resampling.NEAREST)
    out = BytesIO()
    image.convert("RGB").save(out, kind, **options)
    return out.getvalue()


def upload(data, name="card.jpg"):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def send(client, path="/insurance/verify/", **files):
    return client.post(path, request_data(**files))


# --- A photo that cannot be read ----------------------------------------------------------------------

JPEG = encoded("JPEG", noise=True)
PNG_FILE = encoded("PNG", noise=True)
# Inflating past what Pillow allows for one chunk (1 MB): a colour profile before the pixels, text after.
INFLATING_PROFILE = png(300, 200, before=[_chunk(b"iCCP", b"icc\x00\x00" + zlib.compress(b"\x00" * 3_000_000))])
INFLATING_TEXT = png(300, 200, after=[_chunk(b"zTXt", b"Comment\x00\x00" + zlib.compress(b"x" * 3_000_000))])


@pytest.mark.parametrize(
    "data",
    [JPEG[: len(JPEG) // 3], PNG_FILE[: len(PNG_FILE) // 2], INFLATING_PROFILE, INFLATING_TEXT],
    ids=["first third of a JPEG", "half a PNG", "PNG colour profile inflating too far", "PNG text inflating"],
)
def test_a_photo_that_cannot_be_read_is_refused_beside_its_field_and_nothing_typed_is_lost(client, data):
    response = send(client, card_front=upload(data), card_back=upload(encoded("JPEG")))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["card_front"] == [CANNOT_READ]
    assert form.errors["card_back"] == [CHOOSE_AGAIN]  # the good one must be chosen again (browsers forget it)
    html = response.content.decode()
    for typed in TYPED:
        assert f'value="{typed}"' in html, typed
    assert not Inquiry.objects.exists() and not CardImage.objects.exists()


def test_the_refusal_is_in_spanish_on_the_spanish_form(client):
    response = send(client, "/es/insurance/verify/", card_back=upload(JPEG[: len(JPEG) // 3]))
    assert response.status_code == 200
    with translation.override("es"):
        assert response.context["form"].errors["card_back"] == [CANNOT_READ_ES]
    html = response.content.decode()
    assert CANNOT_READ_ES in html and 'value="Sam Rivera"' in html


# --- What reading one costs ---------------------------------------------------------------------------

MB = 1024 * 1024


def _text(size):
    return _chunk(b"zTXt", b"Comment\x00\x00" + zlib.compress(b"x" * size))


@pytest.fixture(scope="module")
def costly_photos(tmp_path_factory):
    """The most costly photos accepted, one per way of decoding, each sized to the edge of the budget
    (checked below); and the 16-bit 6000 x 6600 PNG of the report that took a worker from 77 to 535 MB."""
    folder = tmp_path_factory.mktemp("costly")
    files = {
        # Decoded at 1/2 scale: just under four times the side kept (at 1/4 it costs less).
        "baseline.jpg": encoded("JPEG", (6399, 4799), quality=90),
        # Every coefficient held at full size (4:4:4: three full components).
        "progressive.jpg": encoded("JPEG", (2112, 1584), quality=95, progressive=True, subsampling=0),
        # 16 bits a channel, with text chunks up to what is allowed.
        "deep.png": png(3344, 2508, depth=16, after=[_text(MB - 64) for _ in range(3)]),
        "transparent.png": png(2364, 1773, colour=6),
        "photo.heic": encoded("HEIF", (2228, 1671), quality=60, enc_params={"preset": "ultrafast"}),
        "photo.webp": encoded("WEBP", (1672, 1254), quality=80),
        # Refused from its header: a tenth of its rows is enough to show that none is decoded.
        "reported.png": png(6000, 6600, depth=16, rows=660),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def _costs(folder):
    probe = ROOT / "tests" / "picture_cost_probe.py"
    paths = sorted(str(path) for path in folder.iterdir())
    result = subprocess.run(
        [sys.executable, str(probe), *paths], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    return {line["file"]: line for line in map(json.loads, result.stdout.splitlines())}


def test_the_costliest_accepted_photos_take_a_few_tens_of_mb_and_a_fraction_of_a_second(costly_photos):
    for path in costly_photos.iterdir():
        if path.name != "reported.png":
            with Image.open(path) as image:  # each at the edge of what is accepted
                assert 0.9 * CARD_BUDGET.memory < decoding_cost(image, CARD_BUDGET.longest_side) <= CARD_BUDGET.memory
    costs = _costs(costly_photos)
    reported = costs.pop("reported.png")
    assert reported["result"] == "too_large_to_read" and reported["mb"] < 5 and reported["cpu"] < 0.1, reported
    accepted = ["baseline.jpg", "deep.png", "photo.heic", "photo.webp", "progressive.jpg", "transparent.png"]
    assert sorted(costs) == accepted
    for cost in costs.values():
        assert cost["result"] == "read" and cost["mb"] < 64 and cost["cpu"] < 1.0, cost


def test_a_photo_too_costly_to_read_is_refused_with_a_clear_message(client, costly_photos):
    response = send(client, card_front=upload((costly_photos / "reported.png").read_bytes(), "card.png"))
    assert response.status_code == 200
    assert response.context["form"].errors["card_front"] == [
        "This picture is too large to read here (40 megapixels). Take a screenshot of it, or a new, smaller "
        "photo, and choose that instead."
    ]
    assert not Inquiry.objects.exists()


def test_a_large_phone_jpeg_is_kept_at_the_size_a_card_needs(client):
    assert send(client, card_front=upload(encoded("JPEG", (5712, 4284)))).status_code == 302  # a 24 MP phone
    with Image.open(CardImage.objects.get().file.open("rb")) as image:
        assert image.size == (1600, 1200)  # decoded at half scale, then made 1600 wide


def test_a_multi_picture_jpeg_from_a_phone_is_kept_as_its_main_picture(client):
    # Phones save some photos (portrait mode, depth maps) as MPO: a JPEG with more pictures after it.
    main, depth = Image.new("RGB", (1200, 800), "navy"), Image.new("RGB", (300, 200), "white")
    out = BytesIO()
    main.save(out, "MPO", save_all=True, append_images=[depth])
    with Image.open(BytesIO(out.getvalue())) as sent:
        assert sent.format == "MPO"
    assert send(client, card_front=upload(out.getvalue())).status_code == 302
    with Image.open(CardImage.objects.get().file.open("rb")) as image:
        assert (image.format, image.size) == ("JPEG", (1200, 800))
        centre = image.getpixel((600, 400))  # navy, give or take JPEG's rounding
        assert all(abs(got - want) <= 3 for got, want in zip(centre, (0, 0, 128), strict=True)), centre


# --- When the private folder cannot take it -----------------------------------------------------------


@pytest.fixture
def private_folder(tmp_path, monkeypatch):
    """The card storage pointed at a folder of this test's own."""
    storage = CardImage._meta.get_field("file").storage
    monkeypatch.setitem(storage.__dict__, "base_location", str(tmp_path))
    monkeypatch.setitem(storage.__dict__, "location", str(tmp_path))
    return tmp_path


def test_a_file_where_the_cards_folder_should_be_loses_only_the_photos(
    client, private_folder, admissions_client, django_capture_on_commit_callbacks
):
    (private_folder / "cards").write_text("not a folder")
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, card_front=upload(encoded("JPEG")), card_back=upload(encoded("PNG"), "b.png"))
    assert response.status_code == 302 and response["Location"] == "/insurance/verify/thanks/"
    verification = InsuranceVerification.objects.get()
    assert verification.member_id == MEMBER_ID and verification.inquiry.name == "Sam Rivera"
    assert not CardImage.objects.exists()
    assert verification.card_problems.splitlines() == [
        "Front of the card sent but not stored (File exists): ask the person for it again.",
        "Back of the card sent but not stored (not tried after the photo before failed): ask the person for it again.",
    ]
    page = admissions_client.get(f"/admin/intake/insuranceverification/{verification.pk}/change/")
    assert (
        '<li class="card-problem">Front of the card sent but not stored (File exists): ask the person for it '
        "again.</li>" in page.content.decode()
    )


class _FullDisk:
    """What the file written to a full disk does: takes part, then says there is no space."""

    def __init__(self, descriptor, mode):
        self.file = io.FileIO(descriptor, "wb")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.file.close()

    def write(self, data):
        self.file.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_keeps_the_request_and_leaves_no_half_written_file(client, private_folder, monkeypatch):
    monkeypatch.setattr("intake.card_files.os.fdopen", _FullDisk)
    response = send(client, card_front=upload(encoded("JPEG")))
    assert response.status_code == 302 and response["Location"] == "/insurance/verify/thanks/"
    assert InsuranceVerification.objects.get().card_problems == (
        "Front of the card sent but not stored (No space left on device): ask the person for it again."
    )
    assert list((private_folder / "cards").iterdir()) == []


def test_a_storage_that_fails_the_first_photo_is_not_tried_for_the_second(client, private_folder, monkeypatch):
    tries = []

    def unanswered(self, name, content, max_length=None):
        tries.append(name)
        raise OSError("the bucket did not answer (ReadTimeoutError)")

    monkeypatch.setattr(type(CardImage._meta.get_field("file").storage), "save", unanswered)
    response = send(client, card_front=upload(encoded("JPEG")), card_back=upload(encoded("PNG")))
    assert response.status_code == 302 and response["Location"] == "/insurance/verify/thanks/"
    assert len(tries) == 1  # each try may cost the bucket's timeouts: the visitor's request comes first
    assert InsuranceVerification.objects.get().card_problems == (
        "Front of the card sent but not stored (OSError): ask the person for it again.\n"
        "Back of the card sent but not stored (not tried after the photo before failed): ask the person for it again."
    )


# --- What is kept --------------------------------------------------------------------------------------


def _segments(jpeg):
    """The markers of a JPEG's segments, up to its pixels (start of scan)."""
    markers, at = [], 2
    while jpeg[at + 1] != 0xDA:
        markers.append(jpeg[at + 1])
        at += 2 + struct.unpack(">H", jpeg[at + 2 : at + 4])[0]
    return markers


def test_a_card_is_kept_with_no_metadata_at_all(client, private_folder):
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(0x8825).update({1: "N", 2: (34.0, 3.0, 0.0)})
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    comment = b"<script>alert('card')</script>"
    sent = encoded(
        "JPEG", comment=comment, exif=exif, icc_profile=profile, xmp=b"<x:xmpmeta>GPS 34.05 -118.24</x:xmpmeta>"
    )
    assert {0xE1, 0xE2, 0xFE} <= set(_segments(sent))  # EXIF and XMP, colour profile, comment
    assert send(client, card_front=upload(sent)).status_code == 302
    stored = fernet().decrypt((private_folder / CardImage.objects.get().file.name).read_bytes())
    application_or_comment = [m for m in _segments(stored) if 0xE0 <= m <= 0xEF or m == 0xFE]
    assert application_or_comment == [0xE0]  # JFIF's own header only
    assert b"<script>" not in stored and b"PhoneMaker" not in stored and b"xmpmeta" not in stored


def test_card_files_and_their_folder_are_for_the_sites_own_user_only(client, private_folder):
    assert send(client, card_front=upload(encoded("JPEG"))).status_code == 302
    path = private_folder / CardImage.objects.get().file.name
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_a_cards_folder_made_before_is_made_private_at_the_next_card(client, private_folder):
    (private_folder / "cards").mkdir(mode=0o755)
    os.chmod(private_folder / "cards", 0o755)
    assert send(client, card_front=upload(encoded("JPEG"))).status_code == 302
    assert stat.S_IMODE((private_folder / "cards").stat().st_mode) == 0o700


# --- Time: a progressive JPEG decoded once per scan ------------------------------------------------------


def scan_bomb(scans):
    """A small progressive JPEG with `scans` empty refinement scans added before its end: each costs a
    pass over the whole picture when decoded, and a few bytes in the file."""
    plain = encoded("JPEG", size=(600, 600), progressive=True)
    refinement = b"\xff\xda\x00\x08\x01\x01\x00\x00\x00\x10\x00"
    return plain[:-2] + refinement * scans + plain[-2:]


def test_a_jpeg_with_thousands_of_scans_is_refused_before_decoding_beside_its_field(client):
    response = send(client, card_front=upload(scan_bomb(10_000)))
    assert response.context["form"].errors["card_front"] == [
        "This picture is saved in a way that takes too long to read here. Take a screenshot of it, or a new "
        "photo, and choose that instead."
    ]
    assert 'value="Sam Rivera"' in response.content.decode()


def test_a_progressive_jpeg_as_encoders_write_it_is_accepted():
    photo = encoded("JPEG", size=(600, 600), progressive=True)
    assert 5 <= photo.count(b"\xff\xda") <= 20  # what Pillow's encoder writes, like a phone's or a camera's
    assert reencoded(upload(photo))[1:] == (600, 600)
    assert reencoded(upload(scan_bomb(MAX_JPEG_SCANS - photo.count(b"\xff\xda"))))[1:] == (600, 600)
    with pytest.raises(ValidationError):
        reencoded(upload(scan_bomb(MAX_JPEG_SCANS + 1)))
