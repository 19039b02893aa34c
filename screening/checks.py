"""`manage.py check --deploy`: the crisis card's e-mail to the clinician on call must reach someone."""

from django.conf import settings
from django.core import checks

# Domains reserved for examples (RFC 2606, RFC 6761): an address there reaches nobody.
PLACEHOLDER_DOMAINS = ("example", "example.com", "example.net", "example.org", "invalid", "test", "localhost")


def is_placeholder(address):
    domain = address.rpartition("@")[2].strip().lower()
    return any(domain == reserved or domain.endswith(f".{reserved}") for reserved in PLACEHOLDER_DOMAINS)


@checks.register(checks.Tags.security, deploy=True)
def on_call_emails_reach_someone(app_configs=None, **kwargs):
    addresses = [address for address in settings.SCREENING_ON_CALL_EMAILS if address.strip()]
    if not addresses:
        return [
            checks.Error(
                "SCREENING_ON_CALL_EMAILS is empty: a high-risk screen would tell no clinician on call.",
                hint="Set it to the on-call clinicians' addresses, separated by commas.",
                id="screening.E001",
            )
        ]
    placeholders = [address for address in addresses if is_placeholder(address)]
    if placeholders:
        return [
            checks.Error(
                f"SCREENING_ON_CALL_EMAILS holds placeholder addresses that reach nobody: {', '.join(placeholders)}.",
                hint="Set it to the on-call clinicians' real addresses (the default is only for development).",
                id="screening.E002",
            )
        ]
    return []
