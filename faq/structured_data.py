"""JSON-LD for article pages (FAQPage and MedicalWebPage)."""

from common.json_ld import script_json
from common.text import shorten
from core.placeholders import fill_text
from core.structured_data import review_properties


def article_json_ld(article, questions, sources, url, reviewer_url, site, language):
    """`language`: the language the text is in (English where a translation is missing)."""
    page = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "MedicalWebPage",
                "@id": f"{url}#webpage",
                "url": url,
                "inLanguage": language,
                "name": article.title,
                "description": shorten(fill_text(article.teaser, site)),
                "datePublished": article.publish_at.isoformat(),
                "dateModified": article.updated_at.isoformat(),
                "publisher": {"@type": "MedicalOrganization", "name": site.name, "telephone": site.helpline_e164},
            },
            {
                "@type": "FAQPage",
                "@id": f"{url}#faq",
                "inLanguage": language,
                "mainEntity": [
                    {
                        "@type": "Question",
                        "name": question.question,
                        "acceptedAnswer": {"@type": "Answer", "text": fill_text(question.answer_text, site)},
                    }
                    for question in questions
                ],
            },
        ],
    }
    webpage = page["@graph"][0]
    webpage.update(review_properties(article, reviewer_url))
    if sources:
        webpage["citation"] = [_citation(source) for source in sources]
    return script_json(page)


def _citation(source):
    work = {
        "@type": "CreativeWork",
        "name": source.title,
        "publisher": {"@type": "Organization", "name": source.publisher},
    }
    if source.url:
        work["url"] = source.url
    if source.published_on:
        work["datePublished"] = source.published_on.isoformat()
    return work
