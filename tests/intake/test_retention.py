"""purge_inquiries: what it refuses."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("days", ["999999999", "0", "-5"])
def test_purge_refuses_impossible_retention_with_a_clear_message(days):
    with pytest.raises(CommandError, match="from 1 to 36500"):
        call_command("purge_inquiries", "--older-than", days, stdout=StringIO())
