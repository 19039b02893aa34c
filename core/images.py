"""Pictures editors upload: checked, re-encoded (metadata such as GPS dropped) and kept within
a size that pages never need to exceed. The widths pages use are made by django-imagekit."""

from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
LONGEST_SIDE = 2400
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
# The widths a page may ask for; a picture narrower than one is served at its own width.
WIDTHS = (480, 960, 1600)


def refuse_if_too_large(upload):
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            "This file is %(size)s MB; pictures may be at most 10 MB. Export it smaller and upload it again.",
            code="too_large",
            params={"size": f"{upload.size / 1024 / 1024:.1f}"},
        )


def validate_picture(upload):
    """A field validator: a JPEG, PNG or WebP picture of at most 10 MB and 40 megapixels."""
    refuse_if_too_large(upload)
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            kind, (width, height) = image.format, image.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise ValidationError(
            "This file is not a picture this site can read. Upload a JPEG, PNG or WebP picture.", code="not_image"
        ) from None
    finally:
        upload.seek(0)
    if kind not in ACCEPTED_FORMATS:
        raise ValidationError(
            "This picture is a %(kind)s; upload a JPEG, PNG or WebP picture.", code="format", params={"kind": kind}
        )
    if width * height > MAX_PIXELS:
        raise ValidationError("This picture has more than 40 megapixels; make it smaller.", code="too_many_pixels")


def reencoded(upload):
    """The upload as a fresh WebP of at most LONGEST_SIDE pixels, turned upright, with no metadata;
    and its width and height."""
    upload.seek(0)
    with Image.open(upload) as image:
        image = ImageOps.exif_transpose(image)
        image = image.convert("RGBA" if "A" in image.getbands() or image.mode == "P" else "RGB")
        image.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
        out = BytesIO()
        image.save(out, "WEBP", quality=88, method=4)  # no exif= or icc_profile=: nothing carried over
    return ContentFile(out.getvalue()), image.width, image.height
