"""Values no page can use (a NUL character, a year Python's dates cannot hold, dates at the end of the
calendar, names the file system cannot look up) get a 400 or a form error, never a 500: every URL
pattern of the site and the admin is walked with them, anonymously and as a superuser."""

import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern

from core.unreadable_input import unreadable
from intake.models import Inquiry

from ..factories import ArticleFactory, InquiryFactory, LevelFactory, PageFactory, ReviewerFactory, UserFactory

CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")
GROUP = re.compile(r"\(\?P<(\w+)>([^)]*)\)")
NUL_QUERY = "?" + "&".join(
    f"{name}=%00"
    for name in ("q", "status", "channel", "language", "result", "carrier", "o", "p", "start", "field_name", "term")
)
# Names of the admin's date filters (date_hierarchy and the list filters' own) on the lists.
YEARS = ("0", "-1", "1", "9999", "99999999999")
DATE_FIELDS = ("created_at", "updated_at", "published_at", "received_at", "reviewed_on")


@pytest.fixture(scope="module")
def paths(django_db_setup, django_db_blocker):
    """Every URL pattern as an address of something that exists, with one object of each content kind
    and of each admin's model to name (built once, rolled back after the module)."""
    with django_db_blocker.unblock(), transaction.atomic():
        LevelFactory(slug="iop")
        ArticleFactory(slug="what-is-iop", reviewer=ReviewerFactory(slug="dana"))
        PageFactory(slug="about", picture=None)
        InquiryFactory()
        UserFactory(username="someone")
        yield sorted(set(_walk(get_resolver().url_patterns, "/")))
        transaction.set_rollback(True)


def _walk(patterns, prefix):
    for pattern in patterns:
        for part in _written(pattern.pattern, prefix):
            if isinstance(pattern, URLResolver):
                yield from _walk(pattern.url_patterns, prefix + part)
            elif isinstance(pattern, URLPattern):
                yield prefix + part


def _written(pattern, prefix):
    """The pattern as address text (each language for the language prefix)."""
    if isinstance(pattern, LocalePrefixPattern):
        return ["", "es/"]
    if isinstance(pattern, RoutePattern):
        route = str(pattern)
    elif isinstance(pattern, RegexPattern):
        # The admin's app index: (?P<app_label>core|faq|...) names the first app.
        route = GROUP.sub(lambda match: match.group(2).split("|")[0], str(pattern))
        route = route.lstrip("^").rstrip("$").replace("\\", "")
    else:
        return [str(pattern)]
    return [CONVERTER.sub(lambda match: _value(prefix, *match.groups()), route)]


def _value(prefix, converter, name):
    """A real object's key where the admin names a model, else a plausible value."""
    found = re.search(r"/admin/(\w+)/(\w+)/$", prefix)
    if found and name == "object_id":
        try:
            model = apps.get_model(*found.groups())
        except LookupError:
            model = None
        first = model and admin.site.is_registered(model) and model._default_manager.first()
        return str(first.pk) if first else "1"
    if converter == "int":
        return str(Inquiry.objects.first().pk)
    return {"slug": "what-is-iop", "path": "pictures/x.webp"}.get(converter, "iop")


def _server_errors(client, requests):
    return [(method, address, status) for method, address, status in _answers(client, requests) if status >= 500]


def _answers(client, requests):
    for method, address, data in requests:
        response = client.post(address, data) if method == "POST" else client.get(address)
        yield method, address, response.status_code


def _refused(paths):
    for path in paths:
        yield "GET", path + "%00/", None
        yield "GET", path + NUL_QUERY, None
        for year in YEARS:
            yield "GET", path + f"?{DATE_FIELDS[0]}__year={year}", None
        yield "GET", path + f"?{DATE_FIELDS[0]}__year=2020&{DATE_FIELDS[0]}__month=99999999999999999999", None
        yield "GET", path + "?name__regex=(", None


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["visitor", "superuser"])
def test_every_pattern_refuses_nul_and_impossible_years_with_400(client, paths, who):
    if who == "superuser":
        client.force_login(UserFactory(username="walker", is_superuser=True))
    assert len(paths) > 150  # the site's and the admin's patterns were all found
    answers = list(_answers(client, _refused(paths)))
    assert [answer for answer in answers if answer[2] != 400] == []


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["visitor", "superuser"])
def test_a_nul_in_every_form_field_gets_the_forms_answer_not_a_500(client, paths, who):
    """Forms answer for their own fields (see core.unreadable_input): every pattern posted to."""
    if who == "superuser":
        client.force_login(UserFactory(username="walker", is_superuser=True))
    nul = {"name": "\x00", "q": "\x00", "_selected_action": "\x00", "action": "\x00", "message": "a\x00b"}
    assert _server_errors(client, [("POST", path, nul) for path in paths]) == []


@pytest.mark.django_db
def test_the_admin_lists_take_every_date_filter_and_year_in_range(client, paths):
    """What the refusal lets through still reaches each list without a 500: plausible years on every
    date field, and the refusal itself does not catch the years a list can show."""
    client.force_login(UserFactory(username="walker", is_superuser=True))
    lists = [path for path in paths if re.fullmatch(r"/admin/\w+/\w+/", path)]
    assert len(lists) > 15
    years = ("2", "9998")
    requests = [("GET", f"{path}?{f}__year={year}", None) for path in lists for f in DATE_FIELDS for year in years]
    assert _server_errors(client, requests) == []


@pytest.mark.parametrize(
    "query, problem",
    [
        ("created_at__year=2026", None),
        ("created_at__year__gte=2026", None),
        ("created_at__iso_year=0", "a year out of range"),
        ("created_at__year__lt=10000", "a year out of range"),
        ("created_at__year=2026x", "a year out of range"),
        ("year=0", None),  # not a lookup: a page's own parameter
        ("at__year=2020&at__month=12&at__day=31", None),
        ("at__year=2020&at__month=99999999999999999999", "a part of a date out of range"),
        ("at__month=12&at__day=9999", "a part of a date out of range"),
        ("at__hour=-1", "a part of a date out of range"),
        ("name__regex=(", "a pattern lookup"),
        ("title__iregex=x", "a pattern lookup"),
        ("name__icontains=regex", None),
        ("q=a%00b", "NUL in the query"),
        ("a%00=1", "NUL in the query"),
    ],
)
def test_what_is_refused(rf, query, problem):
    assert unreadable(rf.get(f"/admin/intake/inquiry/?{query}")) == problem


def test_nul_in_a_cookie_is_refused_but_form_fields_are_the_forms_to_answer(rf):
    request = rf.get("/")
    request.COOKIES["sessionid"] = "abc\x00"
    assert unreadable(request) == "NUL in a cookie"
    assert unreadable(rf.post("/contact/", {"message": "hi\x00"})) is None


def test_the_refusal_is_the_sites_400_page_in_the_addresss_language(client):
    response = client.get("/es/faq/%00/")
    assert response.status_code == 400
    assert re.search(r"<h1>([^<]*)</h1>", response.content.decode()).group(1) == "No pudimos leer esa solicitud"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["start=9998-01-01&end=9999-12-31", "start=0001-01-01&end=0001-01-02", "start=1999-12-31&end=2000-01-02"],
)
def test_the_dashboard_refuses_a_period_outside_its_years_beside_the_field(admissions_client, query):
    response = admissions_client.get(f"/admin/intake/inquiry/speed-to-lead/?{query}")
    assert response.status_code == 200
    errors = re.findall(r'<p class="errorlist" id="id_(?:start|end)_error">([^<]*)</p>', response.content.decode())
    assert errors[0].startswith("Choose a date between 2000 and ")


@pytest.mark.django_db
def test_a_picture_name_too_long_for_the_file_system_is_not_found(client):
    response = client.get("/media/pictures/" + "a" * 5000 + ".webp")
    assert response.status_code == 404
