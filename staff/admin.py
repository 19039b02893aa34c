"""What the staff app registers on the admin site (found by the admin's autodiscovery)."""

from . import (
    people_admin,  # noqa: F401  (the people, with the two-step reset)
    site_admin,  # noqa: F401  (site settings, pictures, old addresses)
)
