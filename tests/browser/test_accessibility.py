"""axe-core in Chromium on every public page type, at phone and desktop widths, plus keyboard checks."""

import pytest
from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGES = {
    "home": "/",
    "levels list": "/levels-of-care/",
    "level": "/levels-of-care/intensive-outpatient/",
    "detox, with its care card and review": "/levels-of-care/medical-detox/",
    "Spanish detox": "/es/levels-of-care/medical-detox/",
    "compare": "/levels-of-care/compare/",
    "faq list": "/faq/",
    "article": "/faq/what-is-iop/",
    "search results": "/faq/?q=insurance",
    "topic": "/faq/topic/treatment-programs/",
    "contact": "/contact/",
    "thanks": "/contact/thanks/",
    "verify insurance": "/insurance/verify/",
    "verification thanks": "/insurance/verify/thanks/",
    "reviewers": "/faq/reviewers/",
    "reviewer": "/faq/reviewers/samuel-okafor/",
    "about us": "/about/",
    "costs and coverage": "/costs-and-coverage/",
    "admissions": "/admissions/",
    "privacy practices": "/notice-of-privacy-practices/",
    "website privacy": "/privacy/",
    "nondiscrimination": "/nondiscrimination/",
    "Spanish nondiscrimination, with taglines right to left": "/es/nondiscrimination/",
    "accessibility": "/accessibility/",
    "editorial policy": "/editorial-policy/",
    "404": "/no-such-page/",
}
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
AXE = Axe()


def assert_no_violations(page, label):
    # Every violation in full; of the rules passed (and not applicable), one element each rather than
    # every element of the page: their list was most of what axe sent back, and of its time.
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = AXE.run(page, options=options)
    assert results.violations_count == 0, f"{label}:\n{results.generate_report()}"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_public_pages_have_no_wcag_violations(browser, site, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    for name, path in PAGES.items():
        page.goto(site + path)
        assert_no_violations(page, f"{name} at {viewport}")
    page.goto(site + "/contact/")
    page.get_by_role("button", name="Send to admissions").first.click()
    page.locator("#error-summary").wait_for()
    assert_no_violations(page, f"contact with errors at {viewport}")
    context.close()


def test_keyboard_reaches_every_interactive_element_with_visible_focus(page, site):
    for path in ("/", "/contact/", "/faq/what-is-iop/"):
        page.goto(site + path)
        # A radio group is one tab stop (arrow keys move inside it); tabindex=-1 is the honeypot.
        interactive = page.evaluate(
            """() => new Set([...document.querySelectorAll(
                   'a[href], button, input:not([type=hidden]), select, textarea')]
                 .filter(el => el.offsetParent !== null && !el.closest('[aria-hidden=true]')
                               && el.getAttribute('tabindex') !== '-1')
                 .map((el, i) => (el.dataset.kb = el.type === 'radio' ? 'radio:' + el.name : String(i)))).size"""
        )
        reached = set()
        for _ in range(interactive + 5):
            page.keyboard.press("Tab")
            info = page.evaluate(
                """() => { const el = document.activeElement; const style = getComputedStyle(el);
                   return {key: el.dataset.kb || el.outerHTML, outline: style.outlineStyle !== 'none'
                     && parseFloat(style.outlineWidth) > 0 || style.boxShadow !== 'none'}; }"""
            )
            if info["key"].startswith("<body"):
                continue
            assert info["outline"], f"no visible focus on {info['key']} at {path}"
            reached.add(info["key"])
        assert len(reached) >= interactive, f"{path}: reached {len(reached)} of {interactive}"


def test_skip_link_moves_focus_to_main(page, site):
    page.goto(site + "/faq/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.bounding_box()["y"] >= 0  # shown on focus
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
