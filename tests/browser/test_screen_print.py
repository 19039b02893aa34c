"""The printed summary of an ordinary screen (load_demo's) fits one Letter page in Chromium."""

import re
from importlib import import_module

import pytest

from demo.inquiries import load_inquiries
from demo.screening import load_screening
from screening.models import Screen, Substance

from ..factories import LevelFactory, UserFactory
from .test_flows import log_in

SUBSTANCES = import_module("screening.migrations.0002_substances").SUBSTANCES
SLUGS = ["medical-detox", "residential", "partial-hospitalization", "intensive-outpatient", "outpatient"]


@pytest.fixture
def screens(transactional_db):
    UserFactory(username="admissions", group="Admissions")
    UserFactory(username="clinician", first_name="Demo", last_name="Clinician", group="Clinicians")
    # A flushed database (transactional tests) has lost what the data migration loaded.
    for position, name, red_flag in SUBSTANCES:
        Substance.objects.get_or_create(name=name, defaults={"position": position, "withdrawal_red_flag": red_flag})
    levels = {
        slug: LevelFactory(slug=slug, name=slug.replace("-", " ").capitalize(), short_name=slug[:8]) for slug in SLUGS
    }
    load_inquiries(levels)
    load_screening(levels)
    return list(Screen.objects.order_by("inquiry__name").values_list("inquiry__name", "inquiry_id"))


def test_each_demo_screen_prints_on_one_letter_page(page, live_server, screens):
    log_in(page, live_server.url, "admissions")
    pages = {}
    for name, inquiry_id in screens:
        page.goto(f"{live_server.url}/admin/screening/screen/{inquiry_id}/print/")
        page.emulate_media(media="print")
        pdf = page.pdf(format="Letter", prefer_css_page_size=True)
        pages[name] = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert pages == {name: 1 for name, _ in screens}
