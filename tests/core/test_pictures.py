"""Pictures: checked uploads, re-encoded without metadata, alt text required, served at a few widths."""

import re
from io import BytesIO

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.models import Picture
from faq.models import Reviewer

from ..factories import LevelFactory, PageFactory
from ..markup import one, parse, select, texts

pytestmark = pytest.mark.django_db
GPS_IFD = 0x8825


@pytest.fixture
def media(settings, tmp_path):
    """Pictures in a real folder, served by the site as without S3."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    return tmp_path


def photo(width=1200, height=800, kind="JPEG", with_location=True):
    image = Image.new("RGB", (width, height), (90, 140, 120))
    exif = Image.Exif()
    if with_location:
        exif[0x010F] = "PhoneMaker"  # camera make
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (34.0, 3.0, 0.0), 3: "W", 4: (118.0, 14.0, 0.0)})
    out = BytesIO()
    image.save(out, kind, exif=exif) if kind == "JPEG" else image.save(out, kind)
    return SimpleUploadedFile(f"photo.{kind.lower()}", out.getvalue(), content_type=f"image/{kind.lower()}")


def upload(client, file, **fields):
    data = {"name": "Garden", "alt_text_en": "The garden path at the center.", "original": file, **fields}
    return client.post("/admin/core/picture/add/", {key: value for key, value in data.items() if value is not None})


def test_an_upload_is_re_encoded_without_its_location_and_made_in_three_widths(editor_client, media):
    response = upload(editor_client, photo(2000, 1000))
    assert response.status_code == 302
    picture = Picture.objects.get()
    assert (picture.width, picture.height) == (2000, 1000)
    with default_storage.open(picture.original.name) as stored:
        raw = stored.read()
    assert raw[:4] == b"RIFF" and raw[8:12] == b"WEBP"
    assert b"PhoneMaker" not in raw and b"Exif" not in raw
    with Image.open(BytesIO(raw)) as image:
        assert not image.getexif()
    widths = []
    for spec, pixels in picture.variants():
        with default_storage.open(spec.name) as variant, Image.open(variant) as image:
            assert image.format == "WEBP"
            widths.append((image.width, pixels))
    assert widths == [(480, 480), (960, 960), (1600, 1600)]


def test_a_small_picture_is_never_offered_wider_than_it_is(media):
    picture = Picture.objects.create(name="Small", original=photo(700, 350), alt_text="Hills.")
    assert [pixels for _, pixels in picture.variants()] == [480, 700]
    assert picture.srcset.endswith(" 700w") and picture.srcset.count("w,") == 1


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (SimpleUploadedFile("notes.jpg", b"These are not pixels.", content_type="image/jpeg"), "not a picture"),
        (SimpleUploadedFile("big.jpg", b"\xff\xd8\xff" + b"0" * (20 * 1024 * 1024)), "may be at most 10 MB"),
    ],
    ids=["not an image", "20 MB"],
)
def test_a_bad_upload_gets_a_clear_message_and_keeps_what_was_typed(editor_client, media, file, message):
    response = upload(editor_client, file, name="Typed name", alt_text_en="Typed description")
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and 'value="Typed name"' in html and 'value="Typed description"' in html
    assert not Picture.objects.exists()


def test_a_picture_cut_short_is_refused_beside_its_field_not_at_save(editor_client, media):
    whole = photo().read()
    response = upload(editor_client, SimpleUploadedFile("cut.jpg", whole[: len(whole) // 3]), name="Typed name")
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["original"] == [
        "This picture could not be read to the end: the file may be cut short or damaged. Take or export it again "
        "and choose the new file."
    ]
    assert 'value="Typed name"' in response.content.decode()
    assert not Picture.objects.exists()


def test_a_gif_is_refused_by_name(editor_client, media):
    response = upload(editor_client, photo(kind="GIF", with_location=False))
    assert "This picture is a GIF; choose a JPEG, PNG or WebP picture." in response.content.decode()


def test_alt_text_is_required_unless_the_picture_is_decorative(editor_client, media):
    response = upload(editor_client, photo(), alt_text_en="")
    assert "Describe the picture for people who cannot see it, or mark it as decorative only." in (
        response.content.decode()
    )
    assert upload(editor_client, photo(), alt_text_en="", is_decorative="on").status_code == 302
    assert Picture.objects.get().alt == ""


def test_pages_show_pictures_with_srcset_size_and_alt_text(client, media):
    picture = Picture.objects.create(name="Hills", original=photo(1600, 900), alt_text="Green hills at dawn.")
    LevelFactory(slug="iop", picture=picture)
    PageFactory(slug="about", picture=picture)
    for path in ("/levels-of-care/iop/", "/about/"):
        html = client.get(path).content.decode()
        (img,) = re.findall(r'<img class="picture[^>]*>', html)
        assert 'alt="Green hills at dawn."' in img and 'width="1600" height="900"' in img
        assert re.search(r'srcset="/media/\S+ 480w, /media/\S+ 960w, /media/\S+ 1600w"', img)
        assert 'fetchpriority="high"' in img  # at the top of the page: not lazy
        assert f'content="http://testserver{picture.w1600.url}"' in html  # og:image
        served = client.get(re.search(r'src="([^"]+)"', img).group(1))
        assert served.status_code == 200 and served["Content-Type"] == "image/webp"
        assert served["Cache-Control"] == "public, max-age=31536000, immutable"


def test_a_picture_below_the_fold_loads_lazily(client, media):
    from ..factories import ArticleFactory, ReviewerFactory

    portrait = Picture.objects.create(name="DW", original=photo(600, 600), is_decorative=True)
    ArticleFactory(slug="x", reviewer=ReviewerFactory(picture=portrait, bio="Therapist."))
    html = client.get("/faq/x/").content.decode()
    (img,) = re.findall(r'<img class="picture reviewer-thumb[^>]*>', html)
    assert 'loading="lazy"' in img and 'alt=""' in img


def test_a_picture_in_use_cannot_be_deleted(editor_client, media):
    picture = Picture.objects.create(name="Hills", original=photo(), alt_text="Hills.")
    LevelFactory(picture=picture)
    response = editor_client.post(f"/admin/core/picture/{picture.pk}/delete/", {"post": "yes"})
    assert response.status_code == 200 and "would require deleting the following protected" in response.content.decode()
    assert Picture.objects.filter(pk=picture.pk).exists()


def test_a_level_page_with_a_picture_runs_no_more_queries(client, media, django_assert_num_queries):
    LevelFactory(slug="plain")
    picture = Picture.objects.create(name="Hills", original=photo(), alt_text="Hills.")
    LevelFactory(slug="pictured", picture=picture)
    client.get("/")  # site settings cached
    counts = []
    for slug in ("plain", "pictured"):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            client.get(f"/levels-of-care/{slug}/")
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_deleted_picture_takes_its_files_with_it(editor_client, media, django_capture_on_commit_callbacks):
    picture = Picture.objects.create(name="Unused", original=photo(), alt_text="Hills.")
    names = [picture.original.name] + [spec.name for spec, _ in picture.variants()]
    assert all(default_storage.exists(name) for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(f"/admin/core/picture/{picture.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not any(default_storage.exists(name) for name in names)


def test_a_picture_given_a_new_file_shows_its_new_widths_at_once(client, media):
    """The widths' names are worked out once per file (Picture.urls, kept in each process): a new file
    has a new name, so the page never points at the old one's."""

    def named_by_imagekit(picture):  # the addresses as django-imagekit gives them, without the memo
        widths = [(spec.url, pixels) for spec, pixels in picture.variants()]
        return f'src="{widths[min(1, len(widths) - 1)][0]}" srcset="{", ".join(f"{u} {w}w" for u, w in widths)}"'

    picture = Picture.objects.create(name="Hills", original=photo(1600, 900), alt_text="Green hills at dawn.")
    LevelFactory(slug="iop", picture=picture)
    before = client.get("/levels-of-care/iop/").content.decode()
    assert named_by_imagekit(picture) in before
    old = named_by_imagekit(picture)
    picture.original = photo(700, 350)
    picture.save()
    picture.refresh_from_db()
    after = client.get("/levels-of-care/iop/").content.decode()
    assert named_by_imagekit(picture) in after and 'width="700" height="350"' in after
    assert old not in after and named_by_imagekit(picture) not in before
    assert f'content="http://testserver{picture.w1600.url}"' in after  # og:image


def test_a_decorative_top_picture_has_empty_alt_and_keeps_its_size(client, media):
    drawing = Picture.objects.create(name="Hills", original=photo(1600, 900), is_decorative=True)
    LevelFactory(slug="iop", picture=drawing)
    (img,) = select(parse(client.get("/levels-of-care/iop/")), "main img")
    assert (img.attrs["class"], img.attrs["alt"]) == ("picture picture-top mb-4", "")
    assert (img.attrs["width"], img.attrs["height"]) == ("1600", "900")  # its space is kept while it loads


def test_a_reviewer_without_a_photo_shows_none_and_no_initials_in_its_place(client):
    from ..factories import ArticleFactory, ReviewerFactory

    reviewer = ReviewerFactory(slug="lee", name="Jordan Lee", bio="Therapist.", picture=None)
    ArticleFactory(slug="x", reviewer=reviewer)
    for path in ("/faq/reviewers/lee/", "/faq/x/"):
        page = parse(client.get(path))
        assert select(page, "main img") == [], path
        assert [element for element in one(page, "main").descendants() if element.text == "JL"] == [], path
    assert texts(parse(client.get("/faq/x/")), "main .reviewer-note") == ["About the reviewer: Therapist."]


def test_the_demo_reviewers_have_no_photo(media):
    from demo.articles import load_articles
    from demo.levels import load_levels

    load_articles(load_levels())
    assert list(Reviewer.objects.values_list("picture", flat=True)) == [None, None]
    assert not Picture.objects.filter(name__startswith="Reviewer: ").exists()
