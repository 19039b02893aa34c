"""What happens to a screen: opened (made with its sections on first opening), a section saved (the
risk scored and the level proposed again, the save recorded), the crisis card shown (recorded once,
the clinician on call told once), the level confirmed."""

import logging

from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Permission
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django_tasks import task

from intake.models import AccessRecord, Inquiry
from intake.services import pipeline

from . import rules, scoring
from .models import SECTIONS, LevelRule, LevelSection, RiskAnswer, RiskQuestion, RiskRule, Screen, SubstanceUse

logger = logging.getLogger(__name__)

SCREEN_DETAIL = "pre-admission screen"


def section_names():
    return [model._meta.model_name for model in SECTIONS.values()]


def screen_of(inquiry_id):
    """The inquiry's screen with every section, in one query; None before it is opened."""
    return Screen.objects.select_related("inquiry", *section_names()).filter(inquiry_id=inquiry_id).first()


def open_screen(inquiry, by):
    """The inquiry's screen, made with empty sections when first opened."""
    screen = screen_of(inquiry.pk)
    if screen is not None:
        return screen
    with transaction.atomic():
        screen, created = Screen.objects.get_or_create(inquiry=inquiry, defaults={"created_by": by})
        if created:
            for model in SECTIONS.values():
                model.objects.create(screen=screen)
    return screen_of(inquiry.pk)


def sections_of(screen):
    """{key: section} in the page's order."""
    return {key: getattr(screen, model._meta.model_name) for key, model in SECTIONS.items()}


def uses_of(screen):
    return list(SubstanceUse.objects.filter(section__screen=screen).select_related("substance"))


def answers_of(screen):
    rows = RiskAnswer.objects.filter(section__screen=screen)
    return {row.question_id: scoring.Answer(row.yes, row.recent) for row in rows}


def record_saved(section, by, what):
    """A section's save, recorded: the screen's first save dated (the dashboard counts it screened
    then), who saved it (the stale-save check names them) and, in the access log, that the inquiry's
    screen was changed; then the risk and the level worked out again."""
    screen = section.screen
    Screen.objects.filter(pk=screen.pk, first_saved_at__isnull=True).update(first_saved_at=timezone.now())
    LogEntry.objects.log_actions(by.pk, [section], CHANGE, change_message=f"Saved {what}.", single_object=True)
    AccessRecord.record(by, [screen.inquiry_id], AccessRecord.Action.CHANGE, f"{SCREEN_DETAIL}: {what}")
    refresh(screen)


def refresh(screen):
    """The risk level and the proposed level, from the answers as saved now. Written with update():
    a colleague's open copy of those sections does not become stale for it."""
    screen = screen_of(screen.inquiry_id)
    sections = sections_of(screen)
    questions = list(RiskQuestion.objects.all())
    answers = scoring.asked(answers_of(screen), questions)
    risk = sections["risk"]
    if answers:
        risk.risk_level = scoring.risk_level(answers, RiskRule.objects.all())
        risk.recent_behaviour = scoring.recent_behaviour(answers, questions)
    else:
        risk.risk_level, risk.recent_behaviour = "", False
    type(risk).objects.filter(pk=risk.pk).update(risk_level=risk.risk_level, recent_behaviour=risk.recent_behaviour)
    rule = rules.proposal(rules.facts(sections, uses_of(screen)), LevelRule.objects.select_related("level"))
    level = sections["level"]
    recommended = level.recommended_at or ((rule or level.chosen_level_id) and timezone.now()) or None
    type(level).objects.filter(pk=level.pk).update(
        proposed_level=rule.level if rule else None, proposed_by_rule=rule, recommended_at=recommended
    )
    return screen_of(screen.inquiry_id)


def age_of(inquiry, today=None):
    """The person's age in whole years, from their date of birth (encrypted), on the center's date
    today; None when not known."""
    born = inquiry.patient_birth_date
    if born is None:
        return None
    today = today or timezone.localdate()
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def needs_crisis_card(screen):
    risk = screen.risksection
    return scoring.escalates(risk.risk_level, risk.recent_behaviour)


def crisis_card_shown(screen, to):
    """The first showing of the crisis card: recorded with whom it was shown to, and the clinician on
    call told, once (a second showing, or a colleague's at the same moment, does neither)."""
    now = timezone.now()
    first = Screen.objects.filter(pk=screen.pk, escalated_at__isnull=True).update(
        escalated_at=now, escalated_to=to, updated_at=now
    )
    if first:
        screen.escalated_at, screen.escalated_to = now, to
        transaction.on_commit(lambda: _enqueue_on_call(screen.pk))
    return bool(first)


def _enqueue_on_call(screen_id):
    try:
        notify_on_call.enqueue(screen_id)
    except Exception:
        logger.exception("could not queue the on-call notice of screen %s", screen_id)


def on_call_message(screen):
    """No health details: no answers, no names; the inquiry's number and a link."""
    url = f"{settings.SITE_URL}{screen.get_absolute_url()}"
    subject = f"Clinician on call needed now: inquiry #{screen.inquiry_id}"
    body = (
        "A pre-admission screen has asked for the clinician on call. The coordinator is staying on the line.\n\n"
        f"Open the screen (log in required):\n{url}\n\n"
        "For privacy, this e-mail carries no details about the person.\n"
    )
    return subject, body


@task()
def notify_on_call(screen_id):
    screen = Screen.objects.filter(pk=screen_id, on_call_notified_at__isnull=True).first()
    if screen is None:
        return "skipped"
    subject, body = on_call_message(screen)
    recipients = [address for address in settings.SCREENING_ON_CALL_EMAILS if address.strip()]
    if not recipients:
        # Nobody to tell is a failure, not a notice sent: the card keeps saying to call them.
        logger.error("on-call notice of screen %s not sent: SCREENING_ON_CALL_EMAILS is empty", screen_id)
        return "failed"
    try:
        sent = send_mail(subject, body, None, recipients, fail_silently=False)
    except Exception as error:
        # The card keeps saying the e-mail is not confirmed: the coordinator calls the on-call instead.
        logger.warning("on-call notice of screen %s failed: %s", screen_id, type(error).__name__)
        return "failed"
    if not sent:
        logger.warning("on-call notice of screen %s failed: the mail backend sent nothing", screen_id)
        return "failed"
    Screen.objects.filter(pk=screen_id).update(on_call_notified_at=timezone.now())
    return "sent"


def confirm_level(confirmation, by):
    """A clinician's confirmation (or change) of the level, stamped with who and when; the form has
    set the level and the note. Saved again for the same level and the same coordinator's level (a
    note corrected), it keeps its first time and who; otherwise it is a new confirmation."""
    recommended = LevelSection.objects.filter(screen_id=confirmation.screen_id).first().level
    same = (
        confirmation.confirmed_at is not None
        and confirmation.confirmed_level_id == confirmation.level_id
        and confirmation.is_for(recommended)
    )
    if same:
        return
    confirmation.confirmed_by, confirmation.confirmed_at = by, timezone.now()
    confirmation.confirmed_level_id, confirmation.recommended_level = confirmation.level_id, recommended
    confirmation.save(update_fields=["confirmed_by", "confirmed_at", "confirmed_level", "recommended_level"])


def _who(user):
    """Who confirmed: named, and said to be no clinician when a superuser's rights alone allowed it."""
    if user is None:
        return "someone"
    name = user.get_full_name() or user.get_username()
    if not user.is_superuser:
        return name
    clinician = Permission.objects.filter(
        Q(group__user=user) | Q(user=user), content_type__app_label="screening", codename="confirm_screen"
    ).exists()
    return name if clinician else f"{name} (superuser, not a clinician)"


# Once the inquiry is admitted or closed, its screen is a record: shown, no longer saved.
READ_ONLY_STATUSES = {Inquiry.Status.ADMITTED: "admitted", Inquiry.Status.CLOSED: "closed"}


def read_only(screen):
    """Why the screen may no longer be saved (the inquiry's status, in words), or ""."""
    return READ_ONLY_STATUSES.get(screen.inquiry.status, "")


def outcome_recorded(outcome, by):
    """An outcome saved: not a fit moves the inquiry to Referred out, through the pipeline (saved and
    on its timeline), unless it is there already."""
    inquiry = outcome.screen.inquiry
    if outcome.outcome == outcome.Outcome.NOT_A_FIT and inquiry.status != inquiry.Status.REFERRED_OUT:
        pipeline.move(inquiry=inquiry, status=inquiry.Status.REFERRED_OUT, by=by)


def level_status(screen):
    """What the workspace and the page say of the level: (label, level or None). A confirmation made
    for another coordinator's level than today's is said to be so, beside today's."""
    if screen is None:
        return "Not screened yet", None
    confirmation = screen.confirmationsection
    level = screen.levelsection.level
    if confirmation.confirmed_at:
        when = date_format(timezone.localtime(confirmation.confirmed_at), "M j, g:i A")
        if confirmation.is_for(level):
            return f"Confirmed by {_who(confirmation.confirmed_by)} at {when}", confirmation.level
        confirmed = confirmation.level.name if confirmation.level else "a level"
        return (
            f"Recommended (provisional), not confirmed: {_who(confirmation.confirmed_by)} confirmed {confirmed} at "
            f"{when}, for another recommended level",
            level,
        )
    if level is not None:
        return "Recommended (provisional)", level
    return "No level yet", None
