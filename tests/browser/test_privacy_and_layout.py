"""In Chromium: no page talks to anyone but the site, and the level comparison reads whole on phones."""

from urllib.parse import urlsplit

import pytest

from ..factories import UserFactory
from .test_accessibility import PAGES
from .test_flows import log_in


def test_no_page_requests_anything_from_another_origin(browser, site):
    context = browser.new_context()
    requested = []
    context.on("request", lambda request: requested.append(request.url))
    # Each page in a tab of its own, left open to the end: what a page asks for late (a beacon on a
    # timer) is still seen, without waiting for each page's network to go quiet before the next.
    pages = []
    for path in PAGES.values():
        pages.append(context.new_page())
        pages[-1].goto(site + path)
    UserFactory(username="coordinator", group="Admissions")
    pages.append(context.new_page())
    log_in(pages[-1], site, "coordinator")
    pages[-1].goto(site + "/admin/intake/inquiry/")
    for page in pages:
        page.wait_for_load_state("networkidle")
    assert len(requested) > len(PAGES)  # the pages and their own files were seen
    ours = urlsplit(site).netloc
    elsewhere = {url for url in requested if urlsplit(url).scheme != "data" and urlsplit(url).netloc != ours}
    assert elsewhere == set()
    context.close()


@pytest.mark.parametrize("width", [320, 390])
def test_the_comparison_keeps_every_word_whole_on_a_phone(browser, site, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site + "/levels-of-care/compare/")
    cards = page.locator(".compare-cards section")
    assert cards.count() == 5 and cards.first.is_visible()
    assert not page.locator(".compare-table").is_visible()
    # A word that did not fit would overflow its box rather than break: none does, and none is split.
    report = page.evaluate(
        """() => [...document.querySelectorAll('.compare-cards h2, .compare-cards dt, .compare-cards dd')]
            .map(el => ({text: el.textContent.trim(), wrap: getComputedStyle(el).overflowWrap,
                         overflows: el.scrollWidth > el.clientWidth}))"""
    )
    assert {item["wrap"] for item in report} == {"normal"}
    assert [item["text"] for item in report if item["overflows"]] == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.set_viewport_size({"width": 1280, "height": 800})
    assert page.locator(".compare-table").is_visible() and not cards.first.is_visible()
    context.close()
