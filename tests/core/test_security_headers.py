"""Headers every answer carries (CSP without nonces, Permissions-Policy), the scheme a kept page
believes, and query strings that cannot grow the cache."""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from ..factories import ArticleFactory, LevelFactory

pytestmark = pytest.mark.django_db


# Visitors' query strings do not grow the cache.
def test_tracking_parameters_add_nothing_to_the_cache(client, settings):
    LevelFactory(slug="iop")
    client.get("/levels-of-care/iop/")
    before = len(list(cache._list_cache_files()))
    for i in range(200):
        client.get("/levels-of-care/iop/", {f"utm_x{i}": i})
    assert len(list(cache._list_cache_files())) == before


# A kept page never carries the scheme of whoever filled it.
def test_a_forwarded_scheme_is_believed_only_when_the_setting_says_so(client, settings):
    LevelFactory(slug="iop")
    forged = client.get("/levels-of-care/iop/", HTTP_X_FORWARDED_PROTO="https").content.decode()
    assert 'href="http://testserver/levels-of-care/iop/"' in forged
    plain = client.get("/levels-of-care/iop/")
    assert plain["X-Page-Cache"] == "hit" and "https://" not in plain.content.decode()
    for path in ("/robots.txt", "/sitemap-levels.xml", "/faq/feed/"):
        assert "https://testserver" not in client.get(path, HTTP_X_FORWARDED_PROTO="https").content.decode()
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # A proxy sends the host it was asked for (the test client would add its port 80 otherwise).
    secure = client.get("/levels-of-care/iop/", HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="testserver").content.decode()
    assert 'href="https://testserver/levels-of-care/iop/"' in secure
    assert "https://" not in client.get("/levels-of-care/iop/").content.decode()


# Even the answer to an unknown host carries the security headers.
def test_an_unknown_host_gets_a_400_with_the_security_headers(client):
    response = Client(raise_request_exception=False).get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY" and "camera=()" in response["Permissions-Policy"]


def test_csp_allows_only_our_own_scripts_and_no_nonce_so_pages_are_the_same_for_everyone(client):
    ArticleFactory(slug="x", questions=2)
    first, second = client.get("/faq/x/"), client.get("/faq/x/")
    policy = first["Content-Security-Policy"]
    assert re.search(r"script-src ([^;]+)", policy).group(1).strip() == "'self'"
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    # JSON-LD is a data block: browsers never run it, so it needs no nonce (tests/browser checks it).
    assert '<script type="application/ld+json">' in first.content.decode()
    assert first.content == second.content


def test_public_pages_have_no_inline_script(client):
    for path in ("/", "/contact/", "/levels-of-care/", "/faq/"):
        html = client.get(path).content.decode()
        assert "<script>" not in html and " onclick=" not in html and " onload=" not in html


def test_permissions_policy_header(client):
    header = client.get("/")["Permissions-Policy"]
    assert "camera=()" in header and "geolocation=()" in header and "microphone=()" in header


def test_admin_keeps_working_under_csp(admin_client):
    response = admin_client.get("/admin/faq/article/add/")
    assert response.status_code == 200 and "Content-Security-Policy" in response
