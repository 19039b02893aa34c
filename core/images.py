"""Pictures editors upload: checked, re-encoded (metadata such as GPS dropped) and kept within
a size that pages never need to exceed. The widths pages use are made by django-imagekit."""

from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
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
            _(
                "This file is %(size)s MB; pictures may be at most 10 MB. Take or export a smaller one and choose "
                "it again."
            ),
            code="too_large",
            params={"size": f"{upload.size / 1024 / 1024:.1f}"},
        )


PICTURE_FORMATS_NAMED = _("a JPEG, PNG or WebP picture")


def validate_picture(upload, accepted=ACCEPTED_FORMATS, named=PICTURE_FORMATS_NAMED):
    """A field validator: a picture of one of the `accepted` formats, at most 10 MB and 40 megapixels."""
    refuse_if_too_large(upload)
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            kind, (width, height) = image.format, image.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise ValidationError(
            _("This file is not a picture this site can read. Choose %(named)s."),
            code="not_image",
            params={"named": named},
        ) from None
    finally:
        upload.seek(0)
    if kind not in accepted:
        raise ValidationError(
            _("This picture is a %(kind)s; choose %(named)s."), code="format", params={"kind": kind, "named": named}
        )
    if width * height > MAX_PIXELS:
        raise ValidationError(_("This picture has more than 40 megapixels; make it smaller."), code="too_many_pixels")


def reencoded(upload, kind="WEBP"):
    """The upload as a fresh `kind` (WEBP or JPEG) of at most LONGEST_SIDE pixels, turned upright, with
    no metadata (no location, no camera details); and its width and height."""
    upload.seek(0)
    with Image.open(upload) as image:
        image = ImageOps.exif_transpose(image)
        keeps_alpha = kind == "WEBP" and ("A" in image.getbands() or image.mode == "P")
        image = image.convert("RGBA" if keeps_alpha else "RGB")
        image.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
        out = BytesIO()
        image.save(out, kind, quality=88)  # no exif= or icc_profile=: nothing carried over
    return ContentFile(out.getvalue()), image.width, image.height
