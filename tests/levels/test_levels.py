import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from levels.models import LevelOfCare

from ..factories import ArticleFactory, LevelFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"hours_min": 20, "hours_max": 10}, "level_hours_min_le_max"),
        ({"days_min": 5, "days_max": 3}, "level_days_min_le_max"),
        ({"weeks_min": 12, "weeks_max": 4}, "level_weeks_min_le_max"),
        ({"days_max": 8}, "level_days_at_most_seven"),
    ],
)
def test_database_constraints(fields, constraint):
    with (
        pytest.raises(IntegrityError, match=constraint if connection.vendor == "postgresql" else None),
        transaction.atomic(),
    ):
        LevelFactory(**fields)
    level = LevelFactory.build(**fields)
    with pytest.raises(ValidationError):
        level.full_clean()


def test_constraints_are_named():
    names = {c.name for c in LevelOfCare._meta.constraints}
    assert {
        "level_hours_min_le_max",
        "level_days_min_le_max",
        "level_weeks_min_le_max",
        "level_hours_not_negative",
        "level_days_at_most_seven",
        "level_not_own_step_down",
        "level_not_own_step_up",
    } <= names


def test_negative_hours_are_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        LevelFactory(hours_min=-1)


def test_open_ended_max_is_allowed():
    level = LevelFactory(hours_min=20, hours_max=None)
    level.full_clean()
    assert level.hours_display == "20+ hours a week"


def test_ranks_are_unique():
    LevelFactory(intensity_rank=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        LevelFactory(intensity_rank=1)


def test_level_cannot_step_down_to_itself():
    level = LevelFactory()
    level.steps_down_to = level
    with pytest.raises(ValidationError):
        level.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        level.save()


def test_list_is_ordered_most_intensive_first(client):
    LevelFactory(name="Outpatient", intensity_rank=5)
    LevelFactory(name="Detox", intensity_rank=1)
    LevelFactory(name="Hidden", intensity_rank=3, is_published=False)
    html = client.get("/levels-of-care/").content.decode()
    assert html.index("Detox") < html.index("Outpatient")
    assert "Hidden" not in html


def test_detail_page(client):
    lower = LevelFactory(name="Outpatient treatment", short_name="OP", slug="op", intensity_rank=2)
    level = LevelFactory(
        name="Intensive outpatient program", slug="iop", short_name="IOP", intensity_rank=1, steps_down_to=lower
    )
    article = ArticleFactory(title="All about IOP")
    article.related_levels.add(level)
    response = client.get("/levels-of-care/iop/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Step down: Outpatient treatment" in html
    assert 'href="/levels-of-care/op/"' in html
    assert 'href="/contact/?level=iop"' in html and "Ask about our intensive outpatient program" in html
    assert "All about IOP" in html
    assert "9 to 19 hours a week" in html


def test_unpublished_neighbour_is_not_linked(client):
    hidden = LevelFactory(short_name="HID", is_published=False)
    LevelFactory(slug="iop", steps_down_to=hidden)
    assert "Step down to HID" not in client.get("/levels-of-care/iop/").content.decode()


def test_unpublished_and_unknown_levels_are_404(client):
    LevelFactory(slug="draft", is_published=False)
    assert client.get("/levels-of-care/draft/").status_code == 404
    assert client.get("/levels-of-care/nothing/").status_code == 404
    assert "We could not find that page" in client.get("/levels-of-care/nothing/").content.decode()


def test_markdown_is_sanitized(client):
    LevelFactory(
        slug="x",
        description='**Bold** <script>alert(1)</script> [click](javascript:alert(2)) <img src=x onerror="alert(3)">',
        who_it_fits="<a href='https://example.org' onclick='steal()'>link</a>",
    )
    html = client.get("/levels-of-care/x/").content.decode()
    assert "<strong>Bold</strong>" in html
    assert "<script>alert" not in html
    assert "javascript:" not in html
    assert "onerror" not in html and "onclick" not in html
    assert 'href="https://example.org"' in html


def test_comparison_table(client):
    LevelFactory(short_name="Detox", name="Medical detox", intensity_rank=1, hours_min=None, hours_max=None,
                 lives_on_site=True, supervision="24h")  # fmt: skip
    LevelFactory(short_name="IOP", intensity_rank=2, work_or_school_fits=True)
    LevelFactory(short_name="Secret", intensity_rank=3, is_published=False)
    html = client.get("/levels-of-care/compare/").content.decode()
    assert "<caption" in html and "<table" in html
    assert '<th scope="col"><a href="' in html
    assert '<th scope="row">Time in treatment</th>' in html
    assert "Round the clock" in html and "9 to 19 hours a week" in html
    assert "24-hour medical supervision" in html
    assert html.index(">Detox<") < html.index(">IOP<")
    assert "Secret" not in html
    assert 'class="compare-wrap d-none d-md-block"' in html and 'class="compare-cards d-md-none"' in html


def test_contact_link_preselects_level(client):
    LevelFactory(slug="iop", short_name="IOP")
    html = client.get("/contact/?level=iop").content.decode()
    assert '<option value="iop" selected>' in html


def test_admin_changelist_and_change_form(editor_client):
    level = LevelFactory(name="Intensive outpatient", short_name="IOP")
    response = editor_client.get("/admin/levels/levelofcare/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Intensive outpatient" in html and "IOP" in html
    assert 'name="form-0-intensity_rank"' in html and 'name="form-0-is_published"' in html
    change = editor_client.get(f"/admin/levels/levelofcare/{level.pk}/change/")
    assert change.status_code == 200
    body = change.content.decode()
    for legend in ("Basics", "Intensity", "Texts", "Search engines"):
        assert legend in body
    assert "View on site" in body
    assert editor_client.get("/admin/levels/levelofcare/?q=IOP").status_code == 200
    assert editor_client.get("/admin/levels/levelofcare/?is_published__exact=1").status_code == 200


def test_admin_shows_constraint_violations_as_form_errors(editor_client):
    level = LevelFactory()
    data = {
        "name": level.name, "slug": level.slug, "short_name": level.short_name, "asam_level": "2.1",
        "summary": "s", "is_published": "on", "intensity_rank": level.intensity_rank,
        "hours_min": 20, "hours_max": 10, "days_min": 3, "days_max": 5, "weeks_min": "", "weeks_max": "",
        "review_interval_months": 12,
        "supervision": "scheduled", "description": "d", "who_it_fits": "w", "typical_week": "t",
        "meta_description": "",
    }  # fmt: skip
    response = editor_client.post(f"/admin/levels/levelofcare/{level.pk}/change/", data)
    assert response.status_code == 200
    assert "Must not be below the minimum." in response.content.decode()
    other = LevelFactory()
    data.update(hours_max=30, intensity_rank=other.intensity_rank)
    response = editor_client.post(f"/admin/levels/levelofcare/{level.pk}/change/", data)
    assert response.status_code == 200
    assert "Level of care with this Intensity rank already exists." in response.content.decode()
