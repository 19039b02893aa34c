"""The insurance form says at once whether the center takes Medi-Cal or Medicare: a note for each,
rendered by the server right under the insurance company, hidden until chosen (static/js/payer-note.js
shows it on change, in an aria-live region), shown by the server when the form comes back with that
choice, and a link to the same answers for a browser without script."""

import pytest

from core.models import SiteSettings

from ..intake_helpers import request_data
from ..markup import one, select

pytestmark = pytest.mark.django_db

NOTES = {
    "": {
        "medi_cal": "No. We do not accept Medi-Cal. We accept: Private insurance, TRICARE, self-pay. "
        "Call your county's access line. Where to get care with Medi-Cal",
        "medicare": "Yes. We accept Medicare.",
        "hint": "Medi-Cal or Medicare? See whether we accept it.",
    },
    "/es": {
        "medi_cal": "No. No aceptamos Medi-Cal. Aceptamos: Seguro privado, TRICARE, pago propio. "
        "Llame a la línea de acceso de su condado. Dónde recibir atención con Medi-Cal",
        "medicare": "Sí. Aceptamos Medicare.",
        "hint": "¿Tiene Medi-Cal o Medicare? Vea si lo aceptamos.",
    },
}


@pytest.fixture
def profile(db):
    return SiteSettings.objects.create(
        accepts_medi_cal=False,
        medi_cal_elsewhere_en="Call your county's access line.",
        medi_cal_elsewhere_es="Llame a la línea de acceso de su condado.",
        medi_cal_elsewhere_url="https://county.example.gov/access",
        accepts_medicare=True,
        payment_en="Private insurance, TRICARE, self-pay",
        payment_es="Seguro privado, TRICARE, pago propio",
    )


def notes(page):
    return {note.attrs["data-payer"]: note for note in select(page, "#payer-notes .payer-note")}


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_the_blank_form_carries_each_note_hidden_under_the_insurance_company(client, profile, prefix):
    page = client.get(f"{prefix}/insurance/verify/").content.decode()
    region = one(page, "#payer-notes")
    assert region.attrs["aria-live"] == "polite"
    # Right after the insurance company's box, inside the same fieldset.
    siblings = [child for child in region.parent.children if getattr(child, "tag", None)]
    assert siblings[siblings.index(region) - 1].attrs["id"] == "div_id_carrier"
    found = notes(page)
    assert {key: note.text for key, note in found.items()} == {
        "medi_cal": NOTES[prefix]["medi_cal"],
        "medicare": NOTES[prefix]["medicare"],
    }
    assert all("hidden" in note.attrs for note in found.values())
    hint = one(page, "p.payer-hint")
    assert hint.text == NOTES[prefix]["hint"]
    assert one(hint, "a").attrs["href"] == f"{prefix}/costs-and-coverage/#public-plans-heading"
    assert [script.attrs["src"] for script in select(page, "script[src]")] == ["/static/js/payer-note.js"]


@pytest.mark.parametrize(("carrier", "shown"), [("medi_cal", "medi_cal"), ("medicare", "medicare"), ("aetna", None)])
def test_the_form_sent_back_shows_the_note_of_the_payer_chosen(client, profile, carrier, shown):
    response = client.post("/insurance/verify/", request_data(carrier=carrier, member_id=""))
    assert response.status_code == 200  # sent back: the member ID is missing
    found = notes(response)
    assert [key for key, note in found.items() if "hidden" not in note.attrs] == ([shown] if shown else [])


def test_the_note_follows_the_settings(client, profile):
    profile.accepts_medi_cal = True
    profile.save()
    page = client.get("/insurance/verify/").content.decode()
    assert notes(page)["medi_cal"].text == "Yes. We accept Medi-Cal."
