"""Per-client limit on inquiry submissions, counted in the shared cache.

The client is `common.client.client_address` (settings.RATELIMIT_IP_META_KEY), with IPv6 addresses
grouped by /64 by django-ratelimit, so one visitor cannot dodge the limit by changing address in
their own network.
"""

from django.conf import settings
from django_ratelimit.core import is_ratelimited


def submission_limited(request):
    """Count this submission; True when the client is over the limit."""
    rate = (settings.INTAKE_RATE_LIMIT or "0").strip()
    if rate == "0":
        return False
    return is_ratelimited(request, group="intake.submit", key="ip", rate=rate, method="POST", increment=True)
