"""Every public page type, for tests that walk them all. The last one is a 404.

The addresses fit content with a level "iop", a topic "programs" and an article "what-is-iop", and
what `add_center_pages` makes.
"""

from .factories import PageFactory, ReviewerFactory

PUBLIC_PAGES = [
    "/",
    "/levels-of-care/",
    "/levels-of-care/iop/",
    "/levels-of-care/compare/",
    "/faq/",
    "/faq/?q=question",
    "/faq/topic/programs/",
    "/faq/what-is-iop/",
    "/contact/",
    "/contact/thanks/",
    "/insurance/verify/",
    "/insurance/verify/thanks/",
    "/faq/reviewers/",
    "/faq/reviewers/dana/",
    "/about/",
    "/costs-and-coverage/",
    "/does-not-exist/",
]


def add_center_pages():
    """A reviewer's page and one of the center's own pages, with its licence and accreditations."""
    ReviewerFactory(slug="dana", name="Dana Whitfield", credentials="LMFT")
    PageFactory(slug="about", title="About us", shows_center_profile=True)


def expected_status(path):
    return 404 if path == "/does-not-exist/" else 200
