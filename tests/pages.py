"""Every public page type, for tests that walk them all. The last one is a 404.

The addresses fit content with a level "iop", a topic "programs" and an article "what-is-iop".
"""

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
    "/does-not-exist/",
]


def expected_status(path):
    return 404 if path == "/does-not-exist/" else 200
