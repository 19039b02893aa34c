"""Every public page type is valid HTML: the W3C Nu checker (vnu-jar, from npm) reports no errors."""

import json
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.test import Client

from demo.pages import PAGES, load_pages
from pages.models import Page
from pages.views import bad_request, server_error

from ..factories import ArticleFactory, LevelFactory, ReviewerFactory, TopicFactory
from ..intake_helpers import form_data
from ..public_pages import PUBLIC_PAGES, add_center_pages

pytestmark = pytest.mark.django_db

VNU = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_public_pages_are_valid_html(client, tmp_path, rf):
    if not VNU.exists() or not shutil.which("java"):
        message = f"no W3C checker at {VNU} (npm ci installs it) or no java"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    # Reviewed, with a care card of each kind in both languages.
    cards = "\n\n".join(
        f'!!! {kind} "Heading"\n    - [Call](tel:911)' for kind in ("non-urgent", "urgent", "immediate")
    )
    LevelFactory(
        slug="iop", short_name="IOP", description=cards, description_es=cards, reviewer=ReviewerFactory(),
        last_reviewed=date(2026, 1, 31),
    )  # fmt: skip
    ArticleFactory(slug="what-is-iop", questions=3).topics.add(TopicFactory(slug="programs"))
    add_center_pages()
    load_pages()  # the center's own pages as the demo writes them (taglines in California's 15 languages)
    about = Page.objects.get(slug="about")
    about.reviewer, about.last_reviewed = ReviewerFactory(), date(2026, 1, 31)
    about.save()
    paths = PUBLIC_PAGES + [f"/{data['slug']}/" for data in PAGES]
    paths += [f"/es{path}" for path in paths]  # and each in Spanish
    pages = {path: client.get(path).content for path in paths}
    pages["contact with errors"] = client.post("/contact/", form_data(phone="", email="", name="")).content
    pages["Spanish contact with errors"] = client.post("/es/contact/", form_data(phone="", email="", name="")).content
    # The date of birth's fieldset with its error, and every other error of the insurance form.
    pages["insurance form with errors"] = client.post("/insurance/verify/", {"patient_birth_date_month": "3"}).content
    refused = Client(enforce_csrf_checks=True)
    pages["form refused by the CSRF check"] = refused.post("/contact/", form_data()).content
    pages["400"] = bad_request(rf.get("/")).content
    pages["500"] = server_error(rf.get("/")).content
    files = []
    for number, html in enumerate(pages.values()):
        files.append(tmp_path / f"{number}.html")
        files[-1].write_bytes(html)
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    names = {f"file:{path}": name for path, name in zip(files, pages, strict=True)}
    errors = [
        f"{names.get(message.get('url'), message.get('url'))}: {message['message']}"
        for message in json.loads(result.stderr or '{"messages": []}')["messages"]
    ]
    assert errors == [], "\n".join(errors)
