"""The center as schema.org MedicalClinic, for the home and contact pages."""

from django.templatetags.static import static
from django.urls import reverse

from common.json_ld import script_json
from common.text import shorten


def clinic_json_ld(site, absolute):
    """`site`: the SiteSettings; `absolute`: makes a path an absolute address (request.build_absolute_uri)."""
    home = absolute(reverse("home"))
    clinic = {
        "@context": "https://schema.org",
        "@type": "MedicalClinic",
        "@id": f"{home}#clinic",
        "name": site.name,
        "description": shorten(site.tagline),
        "url": home,
        "logo": absolute(static("img/magnolia.svg")),
        "telephone": site.helpline_e164,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": site.street_address,
            "addressLocality": site.city,
            "addressRegion": site.region,
            "postalCode": site.postal_code,
            "addressCountry": "US",
        },
        "openingHours": site.opening_hours,
        "availableLanguage": site.language_list,
        "paymentAccepted": ", ".join(site.payment_list),
        "medicalSpecialty": "Psychiatric",
        "availableService": [{"@type": "MedicalTherapy", "name": name} for name in site.service_list],
        "hasCredential": _credentials(site),
    }
    if site.email:
        clinic["email"] = site.email
    clinic["address"] = {key: value for key, value in clinic["address"].items() if value}
    return script_json(clinic)


def _credentials(site):
    licence = {
        "@type": "EducationalOccupationalCredential",
        "credentialCategory": "license",
        "name": f"Licensed by the {site.licence_agency}",
        "recognizedBy": {
            "@type": "GovernmentOrganization",
            "name": site.licence_agency,
            "areaServed": site.licence_state,
        },
    }
    if site.licence_number:
        licence["identifier"] = site.licence_number
    credentials = [licence]
    for accreditation in site.current_accreditations:
        credential = {
            "@type": "EducationalOccupationalCredential",
            "credentialCategory": "accreditation",
            "name": " ".join(filter(None, [accreditation.body, accreditation.program])),
            "recognizedBy": {"@type": "Organization", "name": accreditation.body},
            "expires": accreditation.expires_on.isoformat(),
        }
        if accreditation.number:
            credential["identifier"] = accreditation.number
        credentials.append(credential)
    return credentials
