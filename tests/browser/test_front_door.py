"""The first screen on a phone and a desktop, in both languages: the home page's first steps in view, a
one-line crisis notice, the action bar on phones that covers nothing, whole words, modest top pictures."""

from io import BytesIO

import pytest
from PIL import Image

from .test_accessibility import assert_no_violations

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
LANGUAGES = ["", "/es"]
PUBLIC_PAGES = {
    "home": "/",
    "level list": "/levels-of-care/",
    "level": "/levels-of-care/intensive-outpatient/",
    "compare": "/levels-of-care/compare/",
    "faq list": "/faq/",
    "article": "/faq/what-is-iop/",
    "page": "/about/",
    "contact": "/contact/",
    "verify insurance": "/insurance/verify/",
    "search results": "/faq/?q=insurance",
    "reviewer": "/faq/reviewers/samuel-okafor/",
}

# Words (split at spaces and hyphens, where a line may break) that a browser drew on two lines.
BROKEN_WORDS = """(selector) => {
  const broken = [];
  for (const element of document.querySelectorAll(selector)) {
    if (!element.getClientRects().length) continue;
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/[^\\s\\-‐–—]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(`${element.tagName}: ${match[0]}`);
      }
    }
  }
  return broken;
}"""

# Whether the element is what a tap at its centre reaches (nothing drawn over it).
TAPPABLE = """(element) => {
  const box = element.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return hit !== null && (hit === element || element.contains(hit));
}"""


def box(locator):
    return locator.bounding_box()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_first_screen_shows_the_first_steps_and_a_short_crisis_notice(browser, site, viewport):
    size = VIEWPORTS[viewport]
    context = browser.new_context(viewport=size)
    page = context.new_page()
    for language in LANGUAGES:
        page.goto(f"{site}{language}/")
        actions = page.locator("main .home-actions a")
        assert actions.count() == 2
        bar_top = box(page.locator("nav.action-bar"))["y"] if viewport == "phone" else size["height"]
        for index in range(2):
            action = box(actions.nth(index))
            assert action["y"] >= 0 and action["y"] + action["height"] <= bar_top <= size["height"], (language, index)
        crisis = page.locator(".crisis-notice")
        links = page.locator(".crisis-notice a:visible")
        assert links.count() == 3  # call 988, text 988, call 911, in whichever line shows
        for index in range(3):
            link = box(links.nth(index))
            assert link["width"] >= 24 and link["height"] >= 24, (language, index, link)
        if viewport == "phone":
            assert box(crisis)["height"] <= 30, language  # one 24px line and its padding
            menu_rows = page.evaluate(
                "() => new Set([...document.querySelectorAll('.site-nav li')]"
                ".map(li => Math.round(li.getBoundingClientRect().top))).size"
            )
            assert menu_rows <= 2, language
    context.close()


def test_the_action_bar_is_on_every_public_page_on_a_phone_only(browser, site):
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    bar = page.get_by_role("navigation", name="Reach us now")
    for name, path in PUBLIC_PAGES.items():
        page.goto(site + path)
        assert bar.is_visible(), name
        assert bar.get_by_role("link").all_inner_texts() == ["Call", "Check insurance"], name
        assert abs(box(bar)["y"] + box(bar)["height"] - VIEWPORTS["phone"]["height"]) < 1, name  # at the bottom
    page.goto(site + "/es/faq/")
    spanish_bar = page.get_by_role("navigation", name="Comuníquese ahora")
    assert spanish_bar.get_by_role("link").all_inner_texts() == ["Llamar", "Verificar seguro"]
    page.emulate_media(media="print")
    assert not spanish_bar.is_visible()
    page.emulate_media(media="screen")
    page.set_viewport_size(VIEWPORTS["desktop"])
    for name, path in PUBLIC_PAGES.items():
        page.goto(site + path)
        assert page.locator("nav.action-bar").count() == 1 and not bar.is_visible(), name
    page.set_viewport_size(VIEWPORTS["phone"])
    page.goto(site + "/admin/login/")
    assert page.locator(".action-bar").count() == 0
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_action_bar_covers_no_button_and_not_the_footers_last_link(browser, site, language):
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    page.goto(f"{site}{language}/contact/")
    # Both send buttons (after the three questions, and at the end of the optional part), each scrolled
    # so that it would sit at the very bottom of the screen, as tabbing to it does.
    buttons = page.locator("main form [type=submit]").all()
    assert len(buttons) == 2
    for submit in buttons:
        submit.evaluate("button => button.scrollIntoView({block: 'end', behavior: 'instant'})")
        assert submit.evaluate(TAPPABLE)
    for path in ("/", "/contact/", "/faq/what-is-iop/"):
        page.goto(f"{site}{language}{path}")
        page.evaluate("window.scrollTo({top: document.documentElement.scrollHeight, behavior: 'instant'})")
        last_link = page.locator("footer a").last
        assert last_link.evaluate(TAPPABLE), path
    context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_no_button_or_heading_word_is_broken(browser, site, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    for language in LANGUAGES:
        for name, path in PUBLIC_PAGES.items():
            page.goto(f"{site}{language}{path}")
            assert page.evaluate(BROKEN_WORDS, "button, .btn, h1, h2, h3, .site-nav a, .action-bar a") == [], (
                language,
                name,
            )
    context.close()


def drawing(route):
    """A 16:9 picture for every picture address (the demo's are 1600x900; the live server's storage
    does not keep their resized copies)."""
    out = BytesIO()
    Image.new("RGB", (1600, 900), (200, 180, 210)).save(out, "PNG")
    route.fulfill(status=200, content_type="image/png", body=out.getvalue())


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_top_picture_takes_at_most_a_third_of_the_first_screen(browser, site, viewport):
    size = VIEWPORTS[viewport]
    context = browser.new_context(viewport=size)
    page = context.new_page()
    page.route("**/media/pictures/**", drawing)
    for path in ("/levels-of-care/intensive-outpatient/", "/faq/what-is-iop/"):
        page.goto(site + path)
        picture = page.locator("main img.picture-top")
        assert picture.evaluate("img => img.decode().then(() => img.naturalWidth > 0)")
        height = box(picture)["height"]
        assert 100 <= height <= size["height"] / 3 + 1, (path, height)
    context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_changed_pages_pass_axe(browser, site, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    for language in LANGUAGES:
        for name in ("home", "level", "article", "contact", "faq list", "reviewer"):
            page.goto(f"{site}{language}{PUBLIC_PAGES[name]}")
            assert_no_violations(page, f"{language or '/en'} {name} at {viewport}")
    context.close()
