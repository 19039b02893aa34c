"""The screen's pages in the admin site, as the inquiry's workspace is: the Screen admin routes them
and lists nothing of its own (a screen is opened from its inquiry)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from intake.models import AccessRecord, Inquiry
from screening import rules, services
from screening.models import SECTIONS, Screen
from staff.admin_base import StaffAdmin, require_plain_number

from .forms import FORM_OF, FORMS

# The six dimensions of the ASAM Criteria, and the sections whose answers inform each.
ASAM_DIMENSIONS = [
    ("Acute intoxication and/or withdrawal potential", "substances, withdrawal"),
    ("Biomedical conditions and complications", "medical"),
    ("Emotional, behavioral or cognitive conditions and complications", "mental health, risk screen"),
    ("Readiness to change", "reason for calling"),
    ("Relapse, continued use or continued problem potential", "substances, withdrawal, mental health"),
    ("Recovery/living environment", "living situation, legal, payer"),
]


def may_see(user):
    """Admissions, Clinicians and superusers; content editors never."""
    return user.is_active and user.is_staff and user.has_perm("screening.view_screen")


def may_change(user, key):
    permission = "screening.confirm_screen" if key == "confirmation" else "screening.change_screen"
    return user.has_perm("screening.change_screen") and user.has_perm(permission)


@admin.register(Screen)
class ScreenAdmin(StaffAdmin):
    def get_model_perms(self, request):
        return {}  # not on the admin's index: a screen is opened from its inquiry

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<path:inquiry_id>/save/<slug:key>/", view(self.save_view), name="screening_screen_save"),
            path("<path:inquiry_id>/print/", view(self.print_view), name="screening_screen_print"),
            path("<path:inquiry_id>/alerts/", view(self.alerts_view), name="screening_screen_alerts"),
            path("<path:inquiry_id>/", view(self.page_view), name="screening_screen_page"),
        ]

    # --- The pages ------------------------------------------------------------------------------------

    def page_view(self, request, inquiry_id, bound=None):
        inquiry = self._inquiry(request, inquiry_id)
        screen = services.open_screen(inquiry, request.user)
        if bound is None:
            AccessRecord.record(request.user, [inquiry.pk], AccessRecord.Action.VIEW, services.SCREEN_DETAIL)
        else:
            detail = f"{services.SCREEN_DETAIL}: shown after a refused save"
            AccessRecord.record(request.user, [inquiry.pk], AccessRecord.Action.VIEW, detail)
        return TemplateResponse(request, "admin/screening/screen/page.html", self._context(request, screen, bound))

    def save_view(self, request, inquiry_id, key):
        inquiry = self._inquiry(request, inquiry_id)
        if request.method != "POST":
            # Signing in again after a session ended mid-call lands here: the screen, not an error.
            return HttpResponseRedirect(reverse("admin:screening_screen_page", args=[inquiry.pk]))
        if key not in FORM_OF:
            raise Http404("No such section.")
        if not may_change(request.user, key):
            raise PermissionDenied
        screen = services.open_screen(inquiry, request.user)
        locked = services.read_only(screen)
        if locked:
            messages.error(request, f"Not saved: the inquiry is {locked}, so its screen can no longer be changed.")
            return HttpResponseRedirect(reverse("admin:screening_screen_page", args=[inquiry.pk]))
        section = services.sections_of(screen)[key]
        form = FORM_OF[key](request.POST, instance=section, screen=screen)
        if not form.is_valid():
            return self.page_view(request, inquiry_id, bound=form)
        with transaction.atomic():
            section = form.save_section(request.user)
            if key == "confirmation":
                services.confirm_level(section, request.user)
            if key == "outcome":
                services.outcome_recorded(section, request.user)
            services.record_saved(section, request.user, form.title.lower())
        page = reverse("admin:screening_screen_page", args=[inquiry.pk])
        return HttpResponseRedirect(f"{page}?saved={key}#{key}")

    def print_view(self, request, inquiry_id):
        inquiry = self._inquiry(request, inquiry_id)
        screen = services.screen_of(inquiry.pk)
        if screen is None:
            raise Http404("This inquiry has no screen yet.")
        detail = f"{services.SCREEN_DETAIL}: printed summary"
        AccessRecord.record(request.user, [inquiry.pk], AccessRecord.Action.VIEW, detail)
        return TemplateResponse(request, "admin/screening/screen/print.html", self._summary(request, screen))

    def alerts_view(self, request, inquiry_id):
        """The alerts at the top of the page alone: the page asks again while the crisis card says the
        on-call e-mail is being sent, to say when it was."""
        inquiry = self._inquiry(request, inquiry_id)
        screen = services.screen_of(inquiry.pk)
        if screen is None:
            raise Http404("This inquiry has no screen yet.")
        detail = f"{services.SCREEN_DETAIL}: alerts refreshed"
        AccessRecord.record(request.user, [inquiry.pk], AccessRecord.Action.VIEW, detail)
        return TemplateResponse(request, "admin/screening/screen/alerts.html", self._summary(request, screen))

    # --- Inside ---------------------------------------------------------------------------------------

    def _inquiry(self, request, inquiry_id):
        require_plain_number(inquiry_id)
        if not may_see(request.user):
            raise PermissionDenied
        return get_object_or_404(Inquiry, pk=inquiry_id)

    def _summary(self, request, screen):
        sections = services.sections_of(screen)
        uses = services.uses_of(screen)
        label, level = services.level_status(screen)
        return {
            **self.admin_site.each_context(request),
            "title": f"Pre-admission screen, inquiry #{screen.inquiry_id}",
            "screen": screen,
            "inquiry": screen.inquiry,
            "person_age": services.age_of(screen.inquiry),
            "sections": sections,
            "uses": uses,
            "answers": list(sections["risk"].answers.select_related("question")),
            "crisis": services.needs_crisis_card(screen),
            "detox": rules.withdrawal_red_flag(sections["withdrawal"], uses),
            "level_label": label,
            "level": level,
            "asam_dimensions": ASAM_DIMENSIONS,
        }

    def _context(self, request, screen, bound):
        context = self._summary(request, screen)
        if context["crisis"]:
            services.crisis_card_shown(screen, request.user)
        saved = request.GET.get("saved", "")
        locked = services.read_only(screen)
        forms = []
        for form_class in FORMS:
            key = form_class.key
            form = bound if bound is not None and bound.key == key else None
            form = form or form_class(instance=context["sections"][key], screen=screen)
            form.read_only = bool(locked)
            form.may_change = may_change(request.user, key) and not locked
            if locked:
                for field in form.fields.values():
                    field.disabled = True
            form.just_saved = saved == key and bound is None
            form.section = context["sections"][key]
            form.action = reverse("admin:screening_screen_save", args=[screen.inquiry_id, key])
            forms.append(form)
        return {
            **context,
            "forms": forms,
            "print_url": reverse("admin:screening_screen_print", args=[screen.inquiry_id]),
            "alerts_url": reverse("admin:screening_screen_alerts", args=[screen.inquiry_id]),
            "media": self.media,
            "section_count": len(SECTIONS),
            "read_only": locked,
        }
