"""Written answers hold at most 4,000 characters (a substance's amount 500): more is refused beside the
field, with what was typed kept, and nothing saved."""

import pytest

from screening import services
from screening.models import Substance

from ..markup import one, select, texts

pytestmark = pytest.mark.django_db

HUGE = "x" * 2_000_000


def save(client, inquiry, key, data):
    page = client.get(f"/admin/screening/screen/{inquiry.pk}/")
    hidden = {field.attrs["name"]: field.attrs["value"] for field in select(page, f"#{key} input[type=hidden]")}
    return client.post(f"/admin/screening/screen/{inquiry.pk}/save/{key}/", {**hidden, **data})


@pytest.mark.parametrize(
    ("key", "name", "label"),
    [
        ("reason", "reason", "Reason for calling, in their words"),
        ("medical", "conditions", "Medical conditions"),
        ("level", "reason", "Why another level"),
        ("legal", "details", "Legal details"),
    ],
)
def test_a_huge_answer_is_refused(admissions_client, inquiry, key, name, label):
    response = save(admissions_client, inquiry, key, {name: HUGE})
    assert response.status_code == 200
    assert texts(response, f"#{key} .screen-error-summary li") == [
        f"{label}: Keep this to 4,000 characters or fewer (it has 2000000)."
    ]
    assert one(response, f"#{key} textarea[name={name}]").attrs["maxlength"] == "4000"
    section = services.sections_of(services.screen_of(inquiry.pk))[key]
    assert (section.saved, getattr(section, name)) == (False, "")


def test_the_longest_answer_allowed_is_saved(admissions_client, inquiry):
    assert save(admissions_client, inquiry, "reason", {"reason": "y" * 4000}).status_code == 302
    assert services.screen_of(inquiry.pk).reasonsection.reason == "y" * 4000


def test_a_huge_amount_is_refused(admissions_client, inquiry):
    alcohol = Substance.objects.get(name="Alcohol")
    data = {f"s{alcohol.pk}_used": "on", f"s{alcohol.pk}_amount": HUGE}
    response = save(admissions_client, inquiry, "substances", data)
    assert texts(response, "#substances .screen-error-summary li") == [
        "How much: Keep this to 500 characters or fewer (it has 2000000)."
    ]
