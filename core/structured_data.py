"""The center as schema.org MedicalClinic, for the home and contact pages; and the medical review of
a content page (an article, a level of care, a page of the center's) as MedicalWebPage properties."""

from django.conf.locale import LANG_INFO
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext

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
        "availableLanguage": language_codes(site.languages_en),
        "paymentAccepted": ", ".join(site.payment_list),
        "medicalSpecialty": "Psychiatric",
        "availableService": [{"@type": "MedicalTherapy", "name": name} for name in site.service_list],
        "hasCredential": _credentials(site),
    }
    if site.email:
        clinic["email"] = site.email
    clinic["address"] = {key: value for key, value in clinic["address"].items() if value}
    return script_json(clinic)


# Language names in English, as editors write them in the site settings, and their codes.
LANGUAGE_CODES = {info["name"].lower(): code for code, info in LANG_INFO.items() if "name" in info}


def language_codes(names):
    """The codes (BCP 47, as schema.org asks) of languages named in English, comma-separated:
    "English, Spanish" is ["en", "es"]. A name Django does not know stays as written."""
    names = [name.strip() for name in names.split(",") if name.strip()]
    return [LANGUAGE_CODES.get(name.lower(), name) for name in names]


def _credentials(site):
    licence = {
        "@type": "EducationalOccupationalCredential",
        "credentialCategory": "license",
        "name": gettext("Licensed by the %(agency)s") % {"agency": site.licence_agency},
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


def review_properties(reviewed, reviewer_url):
    """MedicalWebPage's lastReviewed and reviewedBy for `reviewed` (an article, a level or a page):
    only what it has."""
    properties = {}
    if reviewed.last_reviewed:
        properties["lastReviewed"] = reviewed.last_reviewed.isoformat()
    if reviewed.reviewer:
        properties["reviewedBy"] = {
            "@type": "Person",
            "name": reviewed.reviewer.name,
            "honorificSuffix": reviewed.reviewer.credentials,
            "url": reviewer_url,
        }
        # The reviewer's role says which kind of review it was (Reviewer.kind), as the byline does.
        properties["reviewedBy"]["jobTitle"] = str(reviewed.reviewer.role_label)
        if reviewed.reviewer.specialty:
            properties["reviewedBy"]["knowsAbout"] = reviewed.reviewer.specialty
    return properties


def reviewed_page_json_ld(reviewed, name, description, url, absolute, site, language):
    """A level's or a page's MedicalWebPage, for one that has been medically reviewed (else None).
    `absolute` makes a path an absolute address; `language`: the language its text is in."""
    if not reviewed.last_reviewed:
        return None
    page = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "@id": f"{url}#webpage",
        "url": url,
        "inLanguage": language,
        "name": name,
        "description": description,
        "dateModified": reviewed.updated_at.isoformat(),
        "publisher": {"@type": "MedicalOrganization", "name": site.name, "telephone": site.helpline_e164},
    }
    reviewer_url = reviewed.reviewer and absolute(reviewed.reviewer.get_absolute_url())
    page.update(review_properties(reviewed, reviewer_url))
    return script_json(page)
