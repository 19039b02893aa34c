"""The inquiry workspace's census line: the person's current stay, their live holds (each with its
Admit), their places on the waitlist, and the ways to find a bed or join the waitlist."""

from django import template
from django.utils import timezone

from census.models import Hold, Stay, WaitlistEntry

register = template.Library()


@register.inclusion_tag("admin/census/inquiry_status.html", takes_context=True)
def census_status(context, inquiry):
    related = ("bed", "program", "level")
    stays = Stay.objects.current().filter(inquiry=inquiry).select_related(*related)
    holds = Hold.objects.live().filter(inquiry=inquiry).select_related("bed", "program").order_by("until")
    waiting = WaitlistEntry.objects.waiting().filter(inquiry=inquiry).select_related("level")
    return {
        "inquiry": inquiry,
        "stays": list(stays),
        "holds": list(holds),
        "waiting": list(waiting),
        "now": timezone.now(),
        "perms": context.get("perms"),
    }
