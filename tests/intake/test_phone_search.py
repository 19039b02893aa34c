"""Finding an inquiry by its phone number however staff write it."""

import pytest

from intake.models import Inquiry

from ..factories import InquiryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def numbers():
    wanted = InquiryFactory(name="Wanted Person", phone="+18185550101", email="")
    InquiryFactory(name="Other Area", phone="+13105550101", email="")
    return wanted


@pytest.mark.parametrize(
    "typed",
    ["818/555/0101", "818/555-0101", "818-555-0101 x12", "818-555-0101 X 12", "(818) 555-0101 ext. 12",
     "818.555.0101 extension 3", "818 555 0101 #45", "+1 818/555/0101"],
)  # fmt: skip
def test_slashes_and_extensions_still_find_the_number(numbers, typed):
    assert list(Inquiry.objects.with_phone_like(typed)) == [numbers]


@pytest.mark.parametrize("typed", ["818-555-0101 x", "x12", "818-555-0101 x1234567", "ext. 12"])
def test_an_extension_alone_or_too_long_finds_nothing(numbers, typed):
    assert list(Inquiry.objects.with_phone_like(typed)) == []
