"""One place that refuses, for every request, values no page can use: a NUL character in the
address, the query or a cookie (PostgreSQL cannot store or compare one, so it would reach the
database as an error), a year that Python's dates cannot hold in a year lookup (the admin's
`?created_at__year=0`) or another part of a date longer than two digits, and a regular-expression
lookup (`?name__regex=(`), which the database would be left to compile.

A form's fields are left to the form: the contact form strips control characters from what a
visitor pasted and keeps the rest, and every other form refuses a NUL beside its field (Django's
ProhibitNullCharactersValidator), so nothing typed is lost to a bare 400."""

import re

from django.core.exceptions import BadRequest

NUL = "\x00"
# Lookups Django turns into a date range before asking the database (YearLookup).
YEAR_LOOKUP = re.compile(r"__(iso_)?year(__(exact|gt|gte|lt|lte))?$")
YEAR = re.compile(r"-?[0-9]{1,6}")
# The other parts of a date or time: the admin's date drill-down builds a date from them.
DATE_PART_LOOKUP = re.compile(r"__(month|day|week|week_day|iso_week_day|quarter|hour|minute|second)$")
DATE_PART = re.compile(r"[0-9]{1,2}")
# A pattern the database compiles: a broken one is its error. No page of ours filters by one.
PATTERN_LOOKUP = re.compile(r"__i?regex$")
# Python's dates run from year 1 to 9999; a year's bounds in the center's time zone, turned to UTC,
# may fall a day beyond them.
FIRST_YEAR, LAST_YEAR = 2, 9998


def unreadable(request):
    """What is wrong with the request, or None."""
    if NUL in request.path:
        return "NUL in the address"
    for name, values in request.GET.lists():
        if NUL in name or any(NUL in value for value in values):
            return "NUL in the query"
        if YEAR_LOOKUP.search(name) and not all(_year(value) for value in values):
            return "a year out of range"
        if DATE_PART_LOOKUP.search(name) and not all(DATE_PART.fullmatch(value) for value in values):
            return "a part of a date out of range"
        if PATTERN_LOOKUP.search(name):
            return "a pattern lookup"
    if any(NUL in name or NUL in value for name, value in request.COOKIES.items()):
        return "NUL in a cookie"
    return None


def _year(value):
    return bool(YEAR.fullmatch(value)) and FIRST_YEAR <= int(value) <= LAST_YEAR


class RefuseUnreadableInputMiddleware:
    """Answers 400 (the site's page for it, handler400) before any view or lookup sees such a value."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = unreadable(request)
        if problem:
            # Says what kind of value, never the value itself (it may be what a visitor typed).
            raise BadRequest(f"Refused: {problem}")
        return self.get_response(request)
