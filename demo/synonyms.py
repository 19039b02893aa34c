"""The demo's starting list of search synonyms: words people type, and the words the articles use."""

from faq.models import Synonym

# (language, what visitors type, what the articles say: any of these words)
SYNONYMS = [
    ("en", "rehab", "rehabilitation residential treatment"),
    ("en", "how much", "cost price pay"),
    ("en", "detox", "detoxification withdrawal"),
    ("en", "inpatient", "residential"),
    ("en", "sober house", "sober living"),
    ("en", "alcoholism", "alcohol drinking"),
    ("en", "meth", "methamphetamine stimulants"),
    ("en", "suboxone", "buprenorphine medication"),
    ("es", "aseguranza", "seguro"),
    ("es", "aseguransa", "seguro"),
    ("es", "cuanto cuesta", "costo precio pagar"),
    ("es", "cuanto cobran", "costo precio pagar"),
    ("es", "rehab", "rehabilitación residencial tratamiento"),
    ("es", "detox", "desintoxicación abstinencia"),
    ("es", "internarse", "residencial"),
    ("es", "alcoholismo", "alcohol"),
    ("es", "vicio", "adicción consumo"),
    ("es", "suboxone", "buprenorfina medicamentos"),
]


def load_synonyms():
    """Create the demo synonyms an editor has not written (edits to them are kept)."""
    for language, phrase, meaning in SYNONYMS:
        Synonym.objects.get_or_create(language=language, phrase=phrase, defaults={"meaning": meaning})
