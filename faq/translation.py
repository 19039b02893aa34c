"""Fields editors translate, a column per language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Article, Question, Reviewer, Topic


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("en",)


@register(Reviewer)
class ReviewerTranslation(TranslationOptions):
    fields = ("credentials", "specialty", "bio")


@register(Article)
class ArticleTranslation(TranslationOptions):
    fields = ("title", "introduction", "closing", "introduction_html", "closing_html", "teaser", "meta_description")
    required_languages = ("en",)


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("question", "answer", "answer_html")
    required_languages = ("en",)
