"""Pictures drawn by the project for the demo site: calm landscapes, made with
Pillow when the demo loads (no photographs, nothing downloaded)."""

import random
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFilter

from core.models import Picture


def landscape(seed, sky, hills, size=(1600, 900)):
    """Layered hills under a sky that fades from `sky[0]` to `sky[1]`, with a low sun."""
    rng = random.Random(seed)
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        draw.line([(0, y), (width, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(*sky, strict=True)))
    sun_x, sun_y, radius = rng.randint(width // 5, 4 * width // 5), height // 3, height // 9
    draw.ellipse([sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius], fill=(255, 244, 214))
    for layer, colour in enumerate(hills):
        base = height * (0.45 + 0.15 * layer)
        points = [(0, height)]
        for x in range(0, width + 80, 80):
            points.append((x, base + rng.randint(-40, 40) - 60 * abs(((x / width) * 2 - 1) * (layer % 2 - 0.5))))
        points.append((width, height))
        draw.polygon(points, fill=colour)
    return image.filter(ImageFilter.GaussianBlur(1.2))


def save_picture(name, image, alt_text="", is_decorative=False, alt_text_es=""):
    """The demo picture called `name`, made once (a rerun keeps the one already there, adding its
    Spanish alt text if it had none)."""
    existing = Picture.objects.filter(name=name).first()
    if existing:
        if alt_text_es and not existing.alt_text_es:
            existing.alt_text_es = alt_text_es
            existing.save(update_fields=["alt_text_es"])
        return existing
    out = BytesIO()
    image.save(out, "PNG")
    upload = SimpleUploadedFile(f"{name}.png", out.getvalue(), content_type="image/png")
    return Picture.objects.create(
        name=name, original=upload, alt_text=alt_text, alt_text_es=alt_text_es, is_decorative=is_decorative
    )
