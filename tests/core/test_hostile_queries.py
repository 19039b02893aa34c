"""Searches, query strings and bodies no page expects: a clear answer, never a server error."""

import string

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from intake.models import Inquiry

pytestmark = pytest.mark.django_db

text = st.text(alphabet=st.characters(codec="utf-8"), max_size=300)


@hyp_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.one_of(text, st.text(alphabet=string.punctuation, max_size=50), st.text(min_size=1000, max_size=3000)))
def test_search_never_errors(client, query):
    assert client.get("/faq/", {"q": query}).status_code == _refused_or(200, query)


@hyp_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.dictionaries(st.sampled_from(["q", "level", "page", "utm_source", "x"]), text, max_size=3))
def test_odd_queries_never_error(client, params):
    values = "".join(params.values())
    assert client.get("/faq/", params).status_code == _refused_or(_list_page_status(params.get("page")), values)
    assert client.get("/contact/", params).status_code == _refused_or(200, values)


def _refused_or(status, values):
    """A NUL in the query is refused for every page (core.unreadable_input)."""
    return 400 if "\x00" in values else status


def _list_page_status(page):
    """An empty list has one page: 1 (as int() reads it) or "last"; any other page is not found."""
    if not page or page == "last":  # an empty page asks for the first, as Django reads it
        return 200
    try:
        return 200 if int(page) == 1 else 404
    except ValueError:
        return 404


@hyp_settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=200))
def test_undecodable_bodies_are_not_server_errors(client, raw):
    response = client.post("/contact/", raw, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200  # the form again, with its errors
    assert Inquiry.objects.count() == 0
