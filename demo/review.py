"""The demo's sign-off (review/): the reviewer login linked to Dana Whitfield's profile, and one
change waiting for review, an editor's new question on the inpatient-or-outpatient article."""

from django.contrib.auth import get_user_model

from faq.models import Article, Reviewer
from review.models import PendingRevision
from review.reviewed import snapshot
from review.services import propose

ARTICLE = "inpatient-vs-outpatient"
NEW_QUESTION = {
    "question_en": "Can I keep working or going to school?",
    "question_es": "¿Puedo seguir trabajando o estudiando?",
    "answer_en": (
        "Often, yes. Outpatient programs such as IOP leave room for full-time work, school or family. Day "
        "treatment (PHP) takes more hours a week, so part-time work or school may still fit. In residential "
        "treatment you stay with us, so most people take leave from work for it."
    ),
    "answer_es": (
        "Muchas veces, sí. Los programas ambulatorios, como el IOP, dejan espacio para un trabajo, estudios o "
        "responsabilidades familiares de tiempo completo. El tratamiento de día (PHP) lleva más horas por semana, "
        "así que quizá pueda mantener un trabajo o estudios de medio tiempo. En el tratamiento residencial usted se "
        "queda con nosotros, por eso la mayoría de las personas toman una licencia del trabajo."
    ),
}


def load_review(reviewer_login="reviewer", editor_login="editor"):
    """Link the reviewer login (if load_demo --admin made it) and keep one change waiting. Safe to run
    again: a change already waiting is left as it is."""
    User = get_user_model()
    login = User.objects.filter(username=reviewer_login).first()
    if login is not None:
        Reviewer.objects.filter(user=login).exclude(slug="dana-whitfield").update(user=None)
        Reviewer.objects.filter(slug="dana-whitfield").update(user=login)
    article = Article.objects.get(slug=ARTICLE)
    if PendingRevision.objects.pending().for_item(article).exists():
        return
    values = snapshot(article)
    questions = values["parts"]["questions"]
    questions.append({"id": None, "position": len(questions) + 1, **NEW_QUESTION})
    propose(article, values, User.objects.filter(username=editor_login).first())
