"""JSON-LD for article pages (FAQPage and MedicalWebPage)."""

from common.json_ld import script_json
from common.text import shorten


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
                "description": shorten(article.teaser),
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
                        "acceptedAnswer": {"@type": "Answer", "text": question.answer_text},
                    }
                    for question in questions
                ],
            },
        ],
    }
    webpage = page["@graph"][0]
    if article.last_reviewed:
        webpage["lastReviewed"] = article.last_reviewed.isoformat()
    if article.reviewer:
        webpage["reviewedBy"] = {
            "@type": "Person",
            "name": article.reviewer.name,
            "honorificSuffix": article.reviewer.credentials,
            "url": reviewer_url,
        }
        if article.reviewer.specialty:
            webpage["reviewedBy"]["knowsAbout"] = article.reviewer.specialty
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
