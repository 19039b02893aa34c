"""The demo center's settings: its licence and accreditation are placeholders, marked as such."""

from datetime import time, timedelta

from django.utils import timezone, translation

from core.languages import SPANISH, edited_translated_fields
from core.models import Accreditation, SiteSettings


def load_site():
    site, _ = SiteSettings.objects.get_or_create(pk=1, defaults={"licence_number": "000000AP (demo)"})
    # The Spanish defaults, where the site has none of its own (a row older than the translation).
    missing = [name for name in edited_translated_fields(SiteSettings) if not getattr(site, f"{name}_{SPANISH}")]
    if missing:
        with translation.override(SPANISH):
            for name in missing:
                setattr(site, f"{name}_{SPANISH}", str(SiteSettings._meta.get_field(name).get_default()))
        site.save()
    if not site.callback_number:
        # Admissions calls back from its helpline, within 15 minutes from 7 a.m. to 11 p.m.
        site.callback_number, site.callback_minutes = site.helpline, 15
        site.callback_from, site.callback_until = time(7), time(23)
        site.save()
    Accreditation.objects.get_or_create(
        site=site,
        body="The Joint Commission",
        defaults={
            "program": "Behavioral Health Care and Human Services",
            "number": "000000 (demo)",
            "expires_on": timezone.localdate() + timedelta(days=2 * 365),
        },
    )
    return site
