import importlib

import pytest
from django.apps import apps
from django.test import Client

from demo.screening import load_risk_screen

from ..factories import InquiryFactory, UserFactory


@pytest.fixture
def risk_questions(db):
    """The C-SSRS screener's questions and scoring, as load_demo loads them: {position: question}."""
    return load_risk_screen()


@pytest.fixture
def inquiry(db):
    return InquiryFactory(name="Casey Caller")


@pytest.fixture
def clinician(db):
    return UserFactory(username="clinician", first_name="Rhea", last_name="Moss", group="Clinicians")


@pytest.fixture
def clinician_client(clinician):
    """A client of its own, beside the coordinator's."""
    client = Client()
    client.force_login(clinician)
    return client


@pytest.fixture(autouse=True)
def substances(db):
    """The substance list its migration makes, made again when a transactional test in the same
    process has flushed the tables since."""
    made = importlib.import_module("screening.migrations.0002_substances")
    made.add_substances(apps, None)
