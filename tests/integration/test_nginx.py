"""The nginx block the README gives (deploy/nginx.conf), run as written in front of a worker: only
addresses, ports, certificate and folders are changed for the test."""

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from ..workers import ROOT, Visitor, Worker, free_port, site_env

pytestmark = pytest.mark.workers

NGINX = Path("/usr/sbin/nginx")
HOST = "www.example.org"


@pytest.fixture(scope="module")
def proxy(tmp_path_factory, collected_static, demo_database):
    if not NGINX.exists():
        message = "no nginx at /usr/sbin/nginx: run scripts/install-nginx.sh"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    tmp = tmp_path_factory.mktemp("nginx")
    env = site_env(
        demo_database,
        "nginx",
        DJANGO_CACHE_DIR=str(tmp / "django-cache"),
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_SECURE_SSL_REDIRECT="1",
        DJANGO_SECURE_COOKIES="1",
        DJANGO_SECURE_PROXY_SSL_HEADER="1",
        DJANGO_TRUSTED_PROXIES="1",
    )
    worker = Worker(env)
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", f"/CN={HOST}",
         "-keyout", str(tmp / "site.key"), "-out", str(tmp / "site.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    http_port, https_port = free_port(), free_port()
    block = (ROOT / "deploy" / "nginx.conf").read_text()
    for written, for_the_test in {
        "/var/cache/nginx/magnolia": str(tmp / "cache"),
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{worker.port};",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen 443 ssl;": f"listen 127.0.0.1:{https_port} ssl;",
        f"/etc/ssl/certs/{HOST}.pem": str(tmp / "site.pem"),
        f"/etc/ssl/private/{HOST}.key": str(tmp / "site.key"),
        "/var/log/nginx/magnolia-access.log": str(tmp / "access.log"),
    }.items():
        assert written in block, written
        block = block.replace(written, for_the_test)
    (tmp / "site.conf").write_text(block)
    temp_paths = "".join(
        f"{kind}_temp_path {tmp / kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (tmp / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"daemon off;\nworker_processes 1;\npid {tmp / 'nginx.pid'};\nerror_log {tmp / 'error.log'};\n"
        + "events { worker_connections 64; }\n"
        + f"http {{\naccess_log off;\n{temp_paths}include {tmp / 'site.conf'};\n}}\n"
    )
    nginx = subprocess.Popen([str(NGINX), "-p", str(tmp), "-c", str(tmp / "nginx.conf")], stderr=subprocess.PIPE)
    base = f"https://127.0.0.1:{https_port}"
    for _ in range(50):
        try:
            Visitor(HOST).get(base + "/robots.txt")
            break
        except OSError:
            assert nginx.poll() is None, nginx.stderr.read().decode()
            time.sleep(0.1)
    yield type(
        "Proxy", (), {"base": base, "http": f"http://127.0.0.1:{http_port}", "env": env, "log": tmp / "access.log"}
    )
    nginx.terminate()
    nginx.wait(timeout=10)
    worker.stop()
    shutil.rmtree(tmp, ignore_errors=True)


def status(response):
    return response.headers["X-Cache-Status"]


def test_plain_http_is_sent_to_https(proxy):
    response = Visitor(HOST).get(proxy.http + "/faq/")
    assert response.status == 301 and response.headers["Location"] == f"https://{HOST}/faq/"


def test_public_pages_are_kept_briefly_and_shared_between_returning_visitors(proxy):
    first = Visitor(HOST)
    arrival = first.get(proxy.base + "/levels-of-care/")
    assert status(arrival) == "BYPASS"  # a new visitor reaches the site, which notes where they came from
    assert "mg_first_touch" in arrival.headers["Set-Cookie"]
    assert status(first.get(proxy.base + "/levels-of-care/compare/")) == "MISS"
    assert status(first.get(proxy.base + "/levels-of-care/compare/")) == "HIT"
    second = Visitor(HOST)
    second.get(proxy.base + "/")
    kept = second.get(proxy.base + "/levels-of-care/compare/")
    assert status(kept) == "HIT" and kept.headers["Cache-Control"] == "public, max-age=60"
    assert f'href="https://{HOST}/levels-of-care/compare/"' in kept.text  # the scheme the proxy said


def test_pages_with_a_form_or_a_session_and_campaign_arrivals_are_never_kept(proxy):
    visitor = Visitor(HOST)
    visitor.get(proxy.base + "/")
    for _ in range(2):
        contact = visitor.get(proxy.base + "/contact/")
        assert status(contact) in ("MISS", "BYPASS") and "no-store" in contact.headers["Cache-Control"]
    for _ in range(2):
        assert status(visitor.get(proxy.base + "/faq/?utm_source=newsletter")) == "BYPASS"
    visitor.get(proxy.base + "/faq/")
    assert status(visitor.get(proxy.base + "/faq/")) == "HIT"  # having opened the form changes nothing
    staff = visitor.get(proxy.base + "/faq/", headers={"Cookie": "sessionid=abc; mg_first_touch=x"})
    assert status(staff) == "BYPASS" and staff.headers["Cache-Control"] == "private"


def test_the_access_log_keeps_no_query_string(proxy):
    Visitor(HOST).get(proxy.base + "/faq/?q=Jane+Doe+818-555-0101")
    for _ in range(50):  # nginx writes the line once the answer has gone
        lines = [line for line in proxy.log.read_text().splitlines() if '"GET /faq/ ' in line]
        if lines:
            break
        time.sleep(0.1)
    assert lines and all('"GET /faq/ HTTP/1.1" 200 ' in line for line in lines)
    assert "Jane" not in proxy.log.read_text() and "818-555-0101" not in proxy.log.read_text()
