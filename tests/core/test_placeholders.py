"""Placeholders in page text come from Site settings when the page is shown: a settings change shows on
the next request without saving the page again; values are escaped; the helpline typed by hand and
unknown names are refused when saved."""

import re

import pytest
from django.core.exceptions import ValidationError

from core.links import validate_internal_links
from core.models import SiteSettings

from ..factories import ArticleFactory, PageFactory
from ..markup import one, parse

pytestmark = pytest.mark.django_db

BODY = (
    "[[center_name]] answers at [[helpline]]; text [[text_line]] or write to [[email]]. "
    "We are at [[address]]. [Call [[helpline]]](/contact/)."
)


def settings_with(**fields):
    site = SiteSettings.objects.filter(pk=1).first() or SiteSettings(pk=1)
    for name, value in fields.items():
        setattr(site, name, value)
    site.save()
    return site


def body_html(client, path):
    """The page text's first paragraph, as HTML."""
    html = client.get(path).content.decode()
    return re.search(r'<article class="page-text">\s*<h1>[^<]*</h1>\s*<p>(.*?)</p>', html, re.S).group(1)


def test_placeholders_show_the_profiles_values_and_follow_a_change_without_saving_the_page(client):
    settings_with(
        name="Magnolia Recovery", text_line="+13105550100", email="help@example.org",
        street_address="1234 Example Blvd", city="Los Angeles", region="CA", postal_code="90012",
    )  # fmt: skip
    page = PageFactory(slug="contact-us", body=BODY)
    assert body_html(client, "/contact-us/") == (
        'Magnolia Recovery answers at <a href="tel:+18184312224">(818) 431-2224</a>; text '
        '<a href="sms:+13105550100">(310) 555-0100</a> or write to <a href="mailto:help@example.org">'
        "help@example.org</a>. We are at 1234 Example Blvd, Los Angeles, CA 90012. "
        # Inside the editor's own link the number is plain text: no link in a link.
        '<a href="/contact/" rel="noopener noreferrer">Call (818) 431-2224</a>.'
    )
    stored = page.body_html
    settings_with(helpline="+13105550123", name="Magnolia Health")
    page.refresh_from_db()
    assert page.body_html == stored  # the page was not saved again
    html = body_html(client, "/contact-us/")
    assert html.startswith('Magnolia Health answers at <a href="tel:+13105550123">(310) 555-0123</a>;')


def test_a_profile_value_is_escaped(client):
    settings_with(name='<script>alert("x")</script> & Co', email="a&b@example.org")
    PageFactory(slug="about-us", body="[[center_name]] at [[email]].")
    assert body_html(client, "/about-us/") == (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co at "
        '<a href="mailto:a&amp;b@example.org">a&amp;b@example.org</a>.'
    )


def test_an_articles_text_teaser_and_structured_data_are_filled_too(client):
    article = ArticleFactory(slug="call", introduction="Call [[helpline]] any time.")
    article.questions.create(position=1, question="How?", answer="Call [[helpline]].")
    html = client.get("/faq/call/").content.decode()
    page = parse(html)
    assert (
        re.search(r"</header>\s*<p>(.*?)</p>", html, re.S).group(1)
        == 'Call <a href="tel:+18184312224">(818) 431-2224</a> any time.'
    )
    assert one(page, "meta[name=description]").attrs["content"] == "Call (818) 431-2224 any time."
    assert '"text": "Call (818) 431-2224."' in html.replace('":"', '": "')
    assert "[[helpline]]" not in html


@pytest.mark.parametrize(
    "typed", ["(818) 431-2224", "818-431-2224", "818.431.2224", "+1 818 431 2224", "8184312224", "1-818-431-2224"]
)
def test_the_helpline_typed_by_hand_is_refused(typed):
    with pytest.raises(ValidationError) as refused:
        validate_internal_links(f"Call us at {typed} any time.")
    assert refused.value.messages == [
        "This writes the helpline, (818) 431-2224, by hand: type [[helpline]] instead. It shows the number from "
        "Site settings as a link to call, and stays right when the number changes."
    ]


def test_the_helpline_in_a_link_is_refused_and_other_numbers_are_not():
    with pytest.raises(ValidationError):
        validate_internal_links("[Call us](tel:+18184312224).")
    validate_internal_links("Call 988, 911 or SAMHSA at 1-800-662-4357. Or [[helpline]].")


def test_the_admin_refuses_a_page_with_the_helpline_by_hand(editor_client):
    from ..pages.test_center_pages import page_form  # noqa: PLC0415

    page = PageFactory(body="Words.")
    response = editor_client.post(f"/admin/pages/page/{page.pk}/change/", page_form(page, body="Call 818 431 2224."))
    assert response.status_code == 200
    errors = parse(response.content.decode()).select("ul.errorlist li")
    assert [e.text for e in errors][-1].startswith("This writes the helpline, (818) 431-2224, by hand")
    page.refresh_from_db()
    assert page.body == "Words."


def test_an_unknown_placeholder_is_refused_naming_the_known_ones():
    with pytest.raises(ValidationError) as refused:
        validate_internal_links("Call [[helpine]].")
    assert refused.value.messages[0].startswith(
        "[[helpine]] is not a placeholder. From Site settings, always current: "
    )
    assert "[[helpline]] (the 24-hour helpline, a link to call)" in refused.value.messages[0]


@pytest.mark.parametrize("typed", ["[[Helpline]]", "[[ helpline ]]", "[[helpline2]]", "[[help-line]]"])
def test_anything_written_as_a_placeholder_must_be_one_exactly(typed):
    with pytest.raises(ValidationError) as refused:
        validate_internal_links(f"Call {typed} now.")
    assert refused.value.messages[0].startswith(f"{typed} is not a placeholder. ")


@pytest.mark.parametrize(
    "text",
    [
        "[Call us](tel:[[helpline]]) now.",
        "[Write to us](mailto:[[email]]).",
        '!!! urgent "Call [[helpline]] now"\n    If you cannot wait.',
    ],
)
def test_a_placeholder_inside_a_link_address_or_a_card_heading_is_refused(text):
    with pytest.raises(ValidationError) as refused:
        validate_internal_links(text)
    assert refused.value.messages == [
        "A placeholder cannot be part of a link's address or of a care card's heading: write it on its own in "
        "the text (the helpline, the text line and the e-mail become links by themselves)."
    ]


def test_a_placeholder_in_a_care_cards_text_is_filled_there():
    validate_internal_links('!!! urgent "Call us now"\n    Call [[helpline]] if you cannot wait.')
