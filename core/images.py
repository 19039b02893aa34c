"""Pictures editors upload and card photos visitors send: checked, decoded at no more than about twice
the size kept (so a huge file never costs its full size in memory), re-encoded with no metadata at all,
and kept within a size that pages never need to exceed. The widths pages use are made by django-imagekit."""

import struct
import zlib
from dataclasses import dataclass
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, PngImagePlugin, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
LONGEST_SIDE = 2400
ACCEPTED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP"}  # MPO: a phone's JPEG with more pictures after it
# The widths a page may ask for; a picture narrower than one is served at its own width.
WIDTHS = (480, 960, 1600)

# A progressive JPEG is decoded once per scan: encoders write about ten, and thousands (a few bytes
# each) would hold a worker for seconds to minutes at no cost in memory. Past this, refused.
MAX_JPEG_SCANS = 100
SCAN_START = b"\xff\xda"  # in the coded data a 0xFF byte is always followed by 0x00, so only markers match

# A PNG's text chunks are held in memory while it is read: Pillow allows 64 MB of them, and nothing kept
# here needs any (they are dropped). Past this, the file is refused as unreadable.
PngImagePlugin.MAX_TEXT_MEMORY = 4 * PngImagePlugin.MAX_TEXT_CHUNK

# What Pillow raises, depending on the format, for a file that is cut short, damaged or inflates too far.
UNREADABLE = (
    OSError,
    ValueError,
    SyntaxError,
    EOFError,
    IndexError,
    struct.error,
    zlib.error,
    Image.DecompressionBombError,
)


def refuse_if_too_large(upload):
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _(
                "This file is %(size)s MB; pictures may be at most 10 MB. Take or export a smaller one and choose "
                "it again."
            ),
            code="too_large",
            params={"size": f"{upload.size / 1024 / 1024:.1f}"},
        )


PICTURE_FORMATS_NAMED = _("a JPEG, PNG or WebP picture")


def _not_a_picture(named):
    return ValidationError(
        _("This file is not a picture this site can read. Choose %(named)s."),
        code="not_image",
        params={"named": named},
    )


def _cannot_be_read():
    return ValidationError(
        _(
            "This picture could not be read to the end: the file may be cut short or damaged. Take or export it "
            "again and choose the new file."
        ),
        code="unreadable",
    )


def validate_picture(upload, accepted=ACCEPTED_FORMATS, named=PICTURE_FORMATS_NAMED):
    """A field validator: a picture of one of the `accepted` formats, at most 10 MB and 40 megapixels
    (from its header: it is decoded when re-encoded)."""
    refuse_if_too_large(upload)
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            kind, (width, height) = image.format, image.size
    except UnidentifiedImageError:
        raise _not_a_picture(named) from None
    except Image.DecompressionBombError:
        raise _too_many_pixels() from None
    except UNREADABLE:
        raise _cannot_be_read() from None
    finally:
        upload.seek(0)
    if kind not in accepted:
        raise ValidationError(
            _("This picture is a %(kind)s; choose %(named)s."), code="format", params={"kind": kind, "named": named}
        )
    if width * height > MAX_PIXELS:
        raise _too_many_pixels()


def _too_many_pixels():
    return ValidationError(_("This picture has more than 40 megapixels; make it smaller."), code="too_many_pixels")


@dataclass(frozen=True)
class DecodingBudget:
    """What reading one picture may cost: `memory` bytes (estimated from its header, before any pixel is
    decoded) and `longest_side`, the size it is reduced to."""

    memory: int
    longest_side: int


# How many bytes Pillow holds a pixel in, by mode (every other mode: 4).
_BYTES_PER_PIXEL = {"1": 1, "L": 1, "P": 1, "I;16": 2, "I;16B": 2, "I;16L": 2, "I;16N": 2}
# Reducing a picture with transparency first makes a full-size premultiplied copy.
_WITH_ALPHA = {"LA", "La", "PA", "RGBA", "RGBa"}
# Decoders that keep their own copy of the pixels besides Pillow's (bytes a pixel, measured with
# tests/picture_cost_probe.py); JPEG's progressive buffer is counted from its header.
_DECODER_BYTES_PER_PIXEL = {"WEBP": 12, "HEIF": 5}
# Modes Pillow cannot reduce by a whole factor: resized directly (they hold 1 or 2 bytes a pixel).
_NOT_REDUCIBLE = {"1", "P", "I;16", "I;16B", "I;16L", "I;16N"}


def _draft_box(size, longest_side):
    """The size to ask a JPEG's scaled decoding for: the picture's shape, `longest_side` long."""
    width, height = size
    scale = min(1, longest_side / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _drafted(image, longest_side):
    """`image` (opened, not decoded) set to decode at 1/2, 1/4 or 1/8 of its size where its format
    allows it (JPEG), never below `longest_side`; other formats decode at full size."""
    image.draft(None, _draft_box(image.size, longest_side))
    return image


def decoding_cost(image, longest_side):
    """The memory, in bytes, that decoding the opened `image` takes, from its header alone (drafts it)."""
    width, height = image.size
    progressive = 0
    if image.format in ("JPEG", "MPO") and image.info.get("progressive"):
        # A progressive JPEG keeps every DCT coefficient (2 bytes) of every component, at full size.
        most = max(h * v for _, h, v, _ in image.layer) or 1
        progressive = width * height * sum(2 * h * v for _, h, v, _ in image.layer) // most
    _drafted(image, longest_side)
    pixels = image.size[0] * image.size[1]
    per_pixel = _BYTES_PER_PIXEL.get(image.mode, 4) * (2 if image.mode in _WITH_ALPHA else 1)
    return pixels * (per_pixel + _DECODER_BYTES_PER_PIXEL.get(image.format, 0)) + progressive


def _decoded_small(upload, longest_side, budget):
    """The upload decoded (scaled down on decoding where the format allows), then reduced by a whole
    factor, then resized to fit `longest_side`. Only this function refers to the full-size pixels, so they
    are freed as soon as the reduced copy exists. With a `budget`, refused before decoding if too costly."""
    image = Image.open(upload)
    pixels = image.size[0] * image.size[1]
    if budget and decoding_cost(image, budget.longest_side) > budget.memory:
        raise _too_large_to_read(pixels)
    if image.format in ("JPEG", "MPO") and _scans(upload) > MAX_JPEG_SCANS:
        raise _too_slow_to_read()
    _drafted(image, longest_side)
    image.load()
    factor = max(image.size) // longest_side
    if factor >= 2 and image.mode not in _NOT_REDUCIBLE:
        image = image.reduce(factor)
    image.thumbnail((longest_side, longest_side))
    return image


def reencoded(upload, kind="WEBP", longest_side=LONGEST_SIDE, budget=None):
    """The upload as a fresh `kind` (WEBP or JPEG) of at most `longest_side` pixels, turned upright,
    with no metadata at all (no location, camera details, comments, colour profile); and its width and
    height. With a `budget`, a picture whose decoding would cost more memory is refused first; a picture
    that cannot be decoded is refused (ValidationError) rather than failing the request."""
    upload.seek(0)
    try:
        image = ImageOps.exif_transpose(_decoded_small(upload, longest_side, budget))
        keeps_alpha = kind == "WEBP" and ("A" in image.getbands() or image.mode == "P")
        image = image.convert("RGBA" if keeps_alpha else "RGB")
        image.info.clear()  # Pillow would carry a JPEG comment (and more, by format) into the new file
        out = BytesIO()
        image.save(out, kind, quality=88)  # no exif=, icc_profile=, xmp= or comment=: nothing carried over
    except UnidentifiedImageError:
        raise _not_a_picture(PICTURE_FORMATS_NAMED) from None
    except UNREADABLE:
        raise _cannot_be_read() from None
    finally:
        upload.seek(0)
    return ContentFile(out.getvalue()), image.width, image.height


def _scans(upload):
    """How many scans a JPEG holds (the picture's and any other in the file), counted without decoding."""
    position = upload.tell()
    upload.seek(0)
    count, tail = 0, b""
    while chunk := upload.read(1024 * 1024):
        count += (tail + chunk).count(SCAN_START)
        tail = chunk[-1:] if chunk[-1:] == b"\xff" else b""
    upload.seek(position)
    return count


def _too_slow_to_read():
    return ValidationError(
        _(
            "This picture is saved in a way that takes too long to read here. Take a screenshot of it, or a "
            "new photo, and choose that instead."
        ),
        code="too_slow_to_read",
    )


def _too_large_to_read(pixels):
    return ValidationError(
        _(
            "This picture is too large to read here (%(megapixels)s megapixels). Take a screenshot of it, or a "
            "new, smaller photo, and choose that instead."
        ),
        code="too_large_to_read",
        params={"megapixels": f"{pixels / 1_000_000:.0f}"},
    )
