"""Per-visitor values inside pages the page cache keeps for everyone (core/page_cache.py).

A value written through `fresh()` (a CSRF token, the contact form's time stamp) is cut out of the
kept page, and every copy served gets a new one. The CSP nonce is treated the same way by the page
cache itself, since django-csp makes it.
"""

from django.middleware.csrf import get_token

_makers = {}


def fresh_value(name):
    """Registers a function of the request that makes a new value of `name` at each call."""

    def register(make):
        _makers[name] = make
        return make

    return register


def fresh(request, name):
    """A new value of `name` for this request, noted so the page cache can replace it."""
    value = _makers[name](request)
    written(request)[value] = name
    return value


def written(request):
    """The fresh values this request wrote: {value: name}."""
    return request.__dict__.setdefault("_fresh_values", {})


def can_make(names):
    return all(name in _makers for name in names)


def make(request, names):
    return {name: _makers[name](request) for name in names}


@fresh_value("csrf_token")
def _csrf_token(request):
    return get_token(request)
