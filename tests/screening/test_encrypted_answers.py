"""Every answer of the screen is encrypted at rest, the choices and yes/no answers too; the migration
that made them so converts rows already saved, and back again."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from screening import services
from screening.models import RiskAnswer, RiskQuestion, Substance, SubstanceUse

from ..factories import InquiryFactory, UserFactory

# (table, columns, their values as the code reads them)
ANSWERS = [
    ("screening_substanceuse", ["route", "frequency", "heavy"], ["injected", "daily", True]),
    ("screening_withdrawalsection", ["seizures", "delirium_tremens", "hospitalised"], ["yes", "no", "unknown"]),
    ("screening_medicalsection", ["pregnancy"], ["yes"]),
    ("screening_risksection", ["risk_level", "recent_behaviour"], ["high", True]),
    ("screening_riskanswer", ["yes", "recent"], [True, True]),
    ("screening_legalsection", ["court_ordered", "probation"], ["yes", "no"]),
    ("screening_livingsection", ["situation", "safe_at_home"], ["unhoused", "no"]),
    ("screening_payersection", ["payer"], ["medicaid"]),
    ("screening_outcomesection", ["outcome", "not_fit_reason"], ["not_a_fit", "medical"]),
]
FERNET_TOKEN = b"gAAAAA"  # how every Fernet token (version 0x80, then the time) begins in base64


def answered_screen():
    screen = services.open_screen(InquiryFactory(), UserFactory())
    sections = services.sections_of(screen)
    SubstanceUse.objects.create(
        section=sections["substances"], substance=Substance.objects.first(), route="injected", frequency="daily",
        heavy=True,
    )  # fmt: skip
    question = RiskQuestion.objects.create(position=6, text="Any suicidal behaviour?", asks_recency=True)
    RiskAnswer.objects.create(section=sections["risk"], question=question, yes=True, recent=True)
    for key, values in [
        ("withdrawal", {"seizures": "yes", "delirium_tremens": "no", "hospitalised": "unknown"}),
        ("medical", {"pregnancy": "yes"}),
        ("risk", {"risk_level": "high", "recent_behaviour": True}),
        ("legal", {"court_ordered": "yes", "probation": "no"}),
        ("living", {"situation": "unhoused", "safe_at_home": "no"}),
        ("payer", {"payer": "medicaid"}),
        ("outcome", {"outcome": "not_a_fit", "not_fit_reason": "medical"}),
    ]:
        type(sections[key]).objects.filter(pk=sections[key].pk).update(**values)
    return screen


def raw(table, columns):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)} FROM {table}")  # noqa: S608 (our own names)
        return cursor.fetchall()


def read_back(screen):
    screen = services.screen_of(screen.inquiry_id)
    use, answer = SubstanceUse.objects.get(), RiskAnswer.objects.get()
    rows = {
        "screening_substanceuse": use,
        "screening_riskanswer": answer,
        **{type(section)._meta.db_table: section for section in services.sections_of(screen).values()},
    }
    return [[getattr(rows[table], name) for name in columns] for table, columns, _ in ANSWERS]


@pytest.mark.django_db
def test_every_answer_is_stored_as_a_token_the_keys_open():
    screen = answered_screen()
    for table, columns, _ in ANSWERS:
        assert [[bytes(value)[:6] for value in row] for row in raw(table, columns)] == [[FERNET_TOKEN] * len(columns)]
    assert read_back(screen) == [values for _, _, values in ANSWERS]


@pytest.mark.django_db(transaction=True)
def test_the_migration_encrypts_saved_answers_and_reverses():
    screen = answered_screen()
    executor = MigrationExecutor(connection)
    executor.migrate([("screening", "0003_level_recommended_at")])
    plain = [[value for row in raw(table, columns) for value in row] for table, columns, _ in ANSWERS]
    # SQLite keeps booleans as 1 and 0.
    assert plain == [[int(v) if isinstance(v, bool) and connection.vendor == "sqlite" else v for v in values]
                     for _, _, values in ANSWERS]  # fmt: skip
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes("screening"))
    for table, columns, _ in ANSWERS:
        assert [[bytes(value)[:6] for value in row] for row in raw(table, columns)] == [[FERNET_TOKEN] * len(columns)]
    assert read_back(screen) == [values for _, _, values in ANSWERS]
