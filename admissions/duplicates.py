"""Duplicates on the inquiry's admin pages: the candidates with their merge buttons, the page that
asks before a merge (saying exactly what will move), the banner of a merged one with its undo, the
check *Add inquiry* makes while a phone or e-mail is typed, and the referring-person select that
knows each person's organisation (admin-staff/inquiry-form.js narrows it)."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from phonenumber_field.phonenumber import to_python as to_phone

from intake import services
from intake.models import AccessRecord, Inquiry, search_kind
from staff.admin_base import is_plain_number

SCRIPT = "admin-staff/inquiry-form.js"
# The statuses of an inquiry that cannot take a duplicate.
CANNOT_TAKE = (Inquiry.Status.CLOSED, Inquiry.Status.SPAM)


class ReferralContactSelect(forms.Select):
    """Each referring person's option says which organisation they are at (`data-source`)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-source"] = str(instance.source_id)
        return option


def candidates(inquiry, user_may_change):
    """The possible duplicates of `inquiry`, earliest first, each with the merge it offers (if any):
    a later one merges into an earlier one, and neither may be merged already, spam, or (the one
    taking it) closed."""
    others = Inquiry.objects.possible_duplicates_of(inquiry).order_by("created_at", "pk")[:10]
    rows = []
    for other in others:
        earlier, later = sorted((inquiry, other), key=lambda i: (i.created_at, i.pk))
        mergeable = (
            user_may_change
            and not earlier.merged_into_id
            and not later.merged_into_id
            and earlier.status not in CANNOT_TAKE
            and later.status != Inquiry.Status.SPAM
        )
        label = url = ""
        if mergeable:
            url = merge_url(later, earlier)
            label = _("Merge into #%(number)s") if later == inquiry else _("Merge #%(number)s into this one")
            label %= {"number": other.pk}
        rows.append(
            {
                "inquiry": other,
                "merge_label": label,
                "merge_url": url,
                "merged_here": other.merged_into_id == inquiry.pk,
            }
        )
    return rows


def merge_url(duplicate, into):
    return reverse("admin:intake_inquiry_merge", args=[duplicate.pk, into.pk])


def banner(inquiry, user_may_change):
    """For a merged inquiry: its merge, whether it may still be undone, and the form's stamp."""
    if not inquiry.merged_into_id:
        return None
    merge = inquiry.merges_out.filter(undone_at=None).select_related("by").first()
    if merge is None:
        return None
    return {
        "merge": merge,
        "by": (merge.by.get_full_name() or merge.by.get_username()) if merge.by else _("someone"),
        "undo_url": reverse("admin:intake_inquiry_undo_merge", args=[inquiry.pk])
        if user_may_change and services.can_undo(merge)
        else "",
        "seen": inquiry.updated_at.isoformat(),
    }


def _seen(duplicate, into, preview):
    """What the page asking first was drawn from: a merge posted from it is refused if any of it changed."""
    notes = ",".join(str(note.pk) for note in preview["notes"])
    verifications = ",".join(str(v.pk) for v in preview["verifications"])
    return f"{duplicate.updated_at.isoformat()}|{into.updated_at.isoformat()}|{notes}|{verifications}"


def _inquiry(model_admin, request, object_id):
    if not is_plain_number(object_id):
        raise Http404(_("No such inquiry."))
    inquiry = model_admin.get_object(request, object_id)
    if inquiry is None:
        raise Http404(_("No such inquiry."))
    if not model_admin.has_change_permission(request, inquiry):
        raise PermissionDenied
    return inquiry


def merge_view(model_admin, request, object_id, into_id):
    """Asks first, listing exactly what will move; merges on the confirmed POST."""
    if not (is_plain_number(object_id) and is_plain_number(into_id)):
        return HttpResponseBadRequest(_("Inquiry numbers are whole numbers."))
    duplicate = _inquiry(model_admin, request, object_id)
    into = _inquiry(model_admin, request, into_id)
    notice = ""
    if request.method == "POST":
        notice = _merge_confirmed(model_admin, request, duplicate, into)
        if isinstance(notice, HttpResponseRedirect):
            return notice
        duplicate.refresh_from_db()
        into.refresh_from_db()
    try:
        preview, refusal = services.merge_preview(duplicate=duplicate, into=into), ""
    except ValidationError as error:
        preview, refusal = None, " ".join(error.messages)
    model_admin.record_access(request, [duplicate, into], AccessRecord.Action.VIEW, "merge confirmation")
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Merge inquiry #%(duplicate)s into #%(into)s?") % {"duplicate": duplicate.pk, "into": into.pk},
        "opts": model_admin.model._meta,
        "duplicate": duplicate,
        "into": into,
        "preview": preview,
        "refusal": refusal,
        "notice": notice,
        "seen": _seen(duplicate, into, preview) if preview else "",
        "into_changes": _described_changes(into, preview) if preview else [],
    }
    return TemplateResponse(request, "admin/intake/inquiry/confirm_merge.html", context)


def _merge_confirmed(model_admin, request, duplicate, into):
    """The merge, if the page it was confirmed on still says what would move: a redirect to the
    earlier inquiry, or why nothing was merged."""
    try:
        preview = services.merge_preview(duplicate=duplicate, into=into)
    except ValidationError:
        return ""  # the page says why, as it would have before
    if request.POST.get("seen") != _seen(duplicate, into, preview):
        return _(
            "Something changed since this page was shown (a save, a new note or verification), so nothing was "
            "merged. This is what would move now: merge again if it is still right."
        )
    try:
        services.merge_duplicate(duplicate=duplicate, into=into, by=request.user)
    except ValidationError as error:
        return " ".join(error.messages)
    done = _("Inquiry #%(number)s is merged into this one. It can be undone on its page until midnight.")
    model_admin.message_user(request, done % {"number": duplicate.pk}, messages.SUCCESS)
    return HttpResponseRedirect(into.get_admin_url())


def _described_changes(into, preview):
    changes = preview["into_changes"]
    described = []
    if "status" in changes:
        described.append(
            _("Its status moves from “%(before)s” to “%(after)s”, as logging these contacts would have.")
            % {"before": into.get_status_display(), "after": Inquiry.Status(changes["status"]).label}
        )
    for field, label in (("first_contact_at", _("first contact")), ("first_reached_at", _("first reach"))):
        if field in changes:
            described.append(
                _("Its %(field)s is dated %(when)s.")
                % {"field": label, "when": date_format(timezone.localtime(changes[field]), "M j, Y, g:i A")}
            )
    return described


def undo_view(model_admin, request, object_id):
    if request.method != "POST":
        return HttpResponseBadRequest(_("An undo is sent from the button on the merged inquiry's page."))
    duplicate = _inquiry(model_admin, request, object_id)
    merge = duplicate.merges_out.filter(undone_at=None).first()
    if merge is None:
        model_admin.message_user(request, _("This inquiry has no merge to undo."), messages.ERROR)
        return HttpResponseRedirect(duplicate.get_admin_url())
    if request.POST.get("seen") != duplicate.updated_at.isoformat():
        model_admin.message_user(
            request,
            _("This inquiry was saved after the page was shown, so the merge was not undone: look again, then undo."),
            messages.ERROR,
        )
        return HttpResponseRedirect(duplicate.get_admin_url())
    try:
        services.undo_merge(merge=merge, by=request.user)
    except ValidationError as error:
        model_admin.message_user(request, " ".join(error.messages), messages.ERROR)
    else:
        model_admin.message_user(
            request,
            _("The merge into #%(into)s is undone: this inquiry has its notes and verifications back, as it was.")
            % {"into": merge.into_id},
            messages.SUCCESS,
        )
    return HttpResponseRedirect(duplicate.get_admin_url())


def check_view(model_admin, request):
    """For *Add inquiry*: the open inquiries with the phone or e-mail typed so far, by number and
    status only. POSTed, so what was typed stays out of addresses and server logs."""
    if request.method != "POST":
        return HttpResponseBadRequest(_("Send the phone or e-mail address in the body of a POST."))
    if not (model_admin.has_add_permission(request) and model_admin.has_view_permission(request)):
        raise PermissionDenied
    phone, email = _phone(request.POST.get("phone", "")), _email(request.POST.get("email", ""))
    found = {"phone": [], "email": []}
    for field, value in (("phone", phone), ("email", email)):
        if value:
            found[field] = [_match(inquiry) for inquiry in _open_with(**{field: value})]
    searched = [search_kind(value) for value in (phone, email) if value]
    if searched:
        model_admin.record_list(
            request, AccessRecord.Action.SEARCH, "add-inquiry duplicate check: " + ", ".join(searched)
        )
    return JsonResponse(
        {field: {"matches": matches, "message": _said(field, matches)} for field, matches in found.items()}
    )


def _open_with(**contact):
    return Inquiry.objects.open_with_contact(**contact).order_by("created_at", "pk").only("pk", "status")[:10]


def _match(inquiry):
    return {"number": inquiry.pk, "status": inquiry.get_status_display(), "url": inquiry.get_admin_url()}


def _said(field, matches):
    if not matches:
        return ""
    if field == "phone":
        return ngettext(
            "This phone number is on an open inquiry:", "This phone number is on open inquiries:", len(matches)
        )
    return ngettext(
        "This e-mail address is on an open inquiry:", "This e-mail address is on open inquiries:", len(matches)
    )


def _phone(text):
    number = to_phone(text.strip()[:40], region=settings.PHONENUMBER_DEFAULT_REGION)
    return number.as_e164 if number and number.is_valid() else ""


def _email(text):
    text = text.strip()[:254]
    try:
        validate_email(text)
    except ValidationError:
        return ""
    return text.lower()


def warn_on_save(model_admin, request, inquiry):
    """After *Add inquiry* saved one: the open inquiries with its phone or e-mail, said (not refused)."""
    others = list(
        Inquiry.objects.open_with_contact(phone=str(inquiry.phone or ""), email=inquiry.email)
        .exclude(pk=inquiry.pk)
        .order_by("created_at", "pk")
        .only("pk", "status")[:10]
    )
    if not others:
        return
    links = format_html_join(
        ", ", '<a href="{}">#{}</a> ({})', ((o.get_admin_url(), o.pk, o.get_status_display()) for o in others)
    )
    model_admin.message_user(
        request,
        format_html(
            "{} {} {}",
            _("Inquiry #%(number)s has the phone number or e-mail address of an open inquiry:")
            % {"number": inquiry.pk},
            links,
            _("— if it is the same person, merge the later one into the earlier one from its page."),
        ),
        messages.WARNING,
    )
