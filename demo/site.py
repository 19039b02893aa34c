"""The demo center's settings: its licence, accreditation, address and prices are placeholders."""

from datetime import time, timedelta

from django.utils import timezone, translation

from core.languages import SPANISH, edited_translated_fields
from core.models import Accreditation, SiteSettings

# Where anyone can check the demo licence and accreditation (a real center names its own).
LICENCE_LOOKUP_URL = "https://www.dhcs.ca.gov/provgovpart/Pages/Licensing-and-Certification-Facility-Licensing.aspx"
JOINT_COMMISSION_LOOKUP_URL = "https://www.qualitycheck.org/"

# The profile of issue 25 (where the center is, who it treats, costs and coverage): plain fields, then
# translated fields as (English, Spanish). Filled where the site has nothing of its own.
PROFILE = {
    "street_address": "1234 Example Blvd",
    "postal_code": "90012",
    "licence_lookup_url": LICENCE_LOOKUP_URL,
    "medi_cal_elsewhere_url": "https://www.dhcs.ca.gov/individuals/Pages/SUD_County_Access_Lines.aspx",
    "medicare_elsewhere_url": "https://findtreatment.gov/",
    # The civil rights coordinator's own line (a number kept for fiction) and e-mail; grievances are mailed
    # to the center's address.
    "civil_rights_phone": "+18185550142",
    "civil_rights_email": "civil.rights@magnolia-recovery.example",
}
TRANSLATED_PROFILE = {
    "getting_here": (
        "Free parking for patients and families in our lot; enter from the side street.\n"
        "A Metro bus stops at the corner, two minutes' walk away.\n"
        "The entrance has no steps and the lobby is on the ground floor.",
        "Estacionamiento gratuito para pacientes y familias en nuestro lote; la entrada está en la calle lateral.\n"
        "Un autobús de Metro para en la esquina, a dos minutos a pie.\n"
        "La entrada no tiene escalones y la recepción está en la planta baja.",
    ),
    "civil_rights_coordinator": (
        "Maria Reyes, compliance officer",
        "Maria Reyes, responsable de cumplimiento",
    ),
    "ages_treated": ("Adults 18 and older", "Adultos de 18 años en adelante"),
    "conditions_treated": (
        "Substance use: alcohol, opioids, stimulants and other drugs\n"
        "Depression\n"
        "Anxiety\n"
        "Dual diagnosis: substance use and a mental health problem at the same time",
        "Consumo de sustancias: alcohol, opioides, estimulantes y otras drogas\n"
        "Depresión\n"
        "Ansiedad\n"
        "Trastornos concurrentes: consumo de sustancias y salud mental a la vez (diagnóstico dual)",
    ),
    "in_network": (
        "Aetna\nAnthem Blue Cross\nBlue Shield of California\nCigna\nUnitedHealthcare / Optum\nTRICARE",
        "Aetna\nAnthem Blue Cross\nBlue Shield of California\nCigna\nUnitedHealthcare / Optum\nTRICARE",
    ),
    "medi_cal_elsewhere": (
        "Medi-Cal pays for substance use treatment through the behavioral health plan of the county where you "
        "live. Call your county's access line: it assesses you by phone and places you with a program near "
        "you, at no cost to you.",
        "Medi-Cal paga el tratamiento por consumo de sustancias a través del plan de salud conductual del "
        "condado donde usted vive. Llame a la línea de acceso de su condado: le hacen una evaluación por "
        "teléfono y le asignan un programa cercano, sin costo para usted.",
    ),
    "medicare_elsewhere": (
        "Medicare covers many kinds of treatment for substance use and mental health. FindTreatment.gov lists "
        "programs near you that accept Medicare, and 1-800-MEDICARE (1-800-633-4227) answers questions about "
        "your coverage.",
        "Medicare cubre muchos tipos de tratamiento por consumo de sustancias y de salud mental. "
        "FindTreatment.gov muestra programas cercanos que aceptan Medicare, y en el 1-800-MEDICARE "
        "(1-800-633-4227) le responden preguntas sobre su cobertura, también en español.",
    ),
    "self_pay": (
        "First evaluation: free\n"
        "Outpatient: $150 to $250 a session\n"
        "Intensive outpatient (IOP): $3,000 to $6,000 a month\n"
        "Partial hospitalization (PHP): $6,000 to $10,000 a month\n"
        "Residential treatment: $700 to $1,200 a day\n"
        "Medical detox: $800 to $1,500 a day",
        "Primera evaluación: gratis\n"
        "Tratamiento ambulatorio: de $150 a $250 por sesión\n"
        "Programa intensivo ambulatorio (IOP): de $3,000 a $6,000 al mes\n"
        "Programa de hospitalización parcial (PHP): de $6,000 a $10,000 al mes\n"
        "Tratamiento residencial: de $700 a $1,200 al día\n"
        "Desintoxicación médica: de $800 a $1,500 al día",
    ),
    "payment_plans": (
        "We can spread what you pay yourself over monthly payments, without interest. We agree on the plan "
        "with you, in writing, before care starts.",
        "Podemos repartir lo que usted paga por su cuenta en pagos mensuales, sin intereses. Acordamos el plan "
        "con usted, por escrito, antes de que empiece la atención.",
    ),
}


def load_site():
    site, _ = SiteSettings.objects.get_or_create(pk=1, defaults={"licence_number": "000000AP (demo)"})
    # The Spanish defaults, where the site has none of its own (a row older than the translation).
    missing = [
        name
        for name in edited_translated_fields(SiteSettings)
        if not getattr(site, f"{name}_{SPANISH}") and SiteSettings._meta.get_field(name).get_default()
    ]
    if missing:
        with translation.override(SPANISH):
            for name in missing:
                setattr(site, f"{name}_{SPANISH}", str(SiteSettings._meta.get_field(name).get_default()))
    changed = bool(missing)
    for name, value in PROFILE.items():
        if not getattr(site, name):
            setattr(site, name, value)
            changed = True
    for name, (english, spanish) in TRANSLATED_PROFILE.items():
        if not getattr(site, f"{name}_en"):
            setattr(site, f"{name}_en", english)
            setattr(site, f"{name}_{SPANISH}", spanish)
            changed = True
    if changed:
        site.save()
    if not site.callback_number:
        # Admissions calls back from its helpline, within 15 minutes from 7 a.m. to 11 p.m.
        site.callback_number, site.callback_minutes = site.helpline, 15
        site.callback_from, site.callback_until = time(7), time(23)
        site.save()
    accreditation, _ = Accreditation.objects.get_or_create(
        site=site,
        body_en="The Joint Commission",
        defaults={
            "program_en": "Behavioral Health Care and Human Services",
            "number": "000000 (demo)",
            "expires_on": timezone.localdate() + timedelta(days=2 * 365),
            "lookup_url": JOINT_COMMISSION_LOOKUP_URL,
        },
    )
    if not accreditation.lookup_url:
        accreditation.lookup_url = JOINT_COMMISSION_LOOKUP_URL
        accreditation.save(update_fields=["lookup_url"])
    if not accreditation.body_es:  # the names in Spanish (a row older than their translation)
        accreditation.body_es = "la Comisión Conjunta (The Joint Commission)"
        accreditation.program_es = "Atención de Salud Conductual y Servicios Humanos"
        accreditation.save(update_fields=["body_es", "program_es"])
    return site
