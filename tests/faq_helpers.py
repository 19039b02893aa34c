from faq.models import Article, Question

from .translated_forms import english_names


def article_form(article, **fields):
    """What the article change form sends for `article`: no question or source rows unless given
    (with their own TOTAL_FORMS and INITIAL_FORMS)."""
    data = {
        "title": article.title,
        "slug": article.slug,
        "introduction": article.introduction,
        "closing": article.closing,
        "status": article.status,
        "publish_at_0": "2026-01-01",
        "publish_at_1": "10:00:00",
        "author": "",
        "reviewer": article.reviewer_id or "",
        "last_reviewed": article.last_reviewed.isoformat() if article.last_reviewed else "",
        "review_interval_months": article.review_interval_months,
        "meta_description": "",
    }
    for prefix in ("questions", "sources"):
        data.update({
            f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000",
        })  # fmt: skip
    data.update(fields)
    return english_names(data, Article, {"questions": Question})
