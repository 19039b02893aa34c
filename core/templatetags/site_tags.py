from django import template

from core.structured_data import clinic_json_ld as _clinic_json_ld

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context, path=None):
    """Absolute URL of this page without its query string (or of `path`)."""
    request = context["request"]
    return request.build_absolute_uri(path or request.path)


NAV_SECTIONS = {"/levels-of-care/": "levels", "/faq/": "faq", "/contact/": "contact"}


@register.filter
def nav_section(path):
    """The main-menu section a page belongs to ("" for none), for aria-current."""
    for prefix, section in NAV_SECTIONS.items():
        if path.startswith(prefix):
            return section
    return ""


@register.simple_tag(takes_context=True)
def clinic_json_ld(context):
    """The center as schema.org MedicalClinic JSON-LD."""
    return _clinic_json_ld(context["site"], context["request"].build_absolute_uri)
