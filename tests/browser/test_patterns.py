"""The staff pattern page in Chromium: every component, in both languages, at phone and desktop widths,
screenshot for a person to look at and checked by axe."""

import pytest

from ..factories import UserFactory
from ..pages.test_patterns import REQUIRED
from .test_accessibility import VIEWPORTS, assert_no_violations
from .test_flows import log_in


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_pattern_page_shows_every_component_in_both_languages(browser, site, viewport, tmp_path):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    UserFactory(username="designer")
    log_in(page, site, "designer")
    for language in ("en", "es"):
        page.goto(f"{site}/admin/patterns/?lang={language}")
        for title in REQUIRED:
            section = page.get_by_role("region", name=title, exact=True)
            assert section.get_by_role("heading", name=title, level=2, exact=True).is_visible(), title
            assert section.locator(f".pattern-sample[lang={language}]").bounding_box()["height"] > 20, title
        # The phone's action bar in place at every width: inside its section, not fixed to the screen's foot.
        bar = page.locator("#action-bar nav.action-bar")
        assert bar.is_visible() and bar.evaluate("bar => getComputedStyle(bar).position") == "static"
        # The demo's picture (the test's in-memory storage is not served, so only the element is checked).
        assert page.locator("#picture img.picture[width][height]").count() == 1
        # Nothing wider than the screen: every component fits a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[viewport]["width"]
        shot = tmp_path / f"patterns-{language}-{VIEWPORTS[viewport]['width']}.png"
        page.screenshot(path=shot, full_page=True)
        assert shot.stat().st_size > 10_000
        assert_no_violations(page, f"patterns in {language} at {viewport}")
    context.close()
