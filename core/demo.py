"""The demo center's settings: its licence and accreditation are placeholders, marked as such."""

from datetime import timedelta

from django.utils import timezone

from .models import Accreditation, SiteSettings


def load_site():
    site, _ = SiteSettings.objects.get_or_create(pk=1, defaults={"licence_number": "000000AP (demo)"})
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
