"""The set-up, code and recovery-code pages of staff sign-in (see middleware.py)."""

from base64 import b32encode
from math import ceil

import segno
from django import forms
from django.contrib import messages
from django.contrib.admin import site
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

RECOVERY_CODES = 10
TOTP_KEY_BYTES = 20  # as django-otp's own default key
SETUP_KEY = "two_factor_setup_key"  # the session's secret while it sets up an app


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        help_text="The 6 digits your authenticator app shows now, or one of your recovery codes.",
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("admin:index")


def _page(request, template, **context):
    return TemplateResponse(request, template, {**site.each_context(request), "next": _next(request), **context})


@never_cache
@sensitive_post_parameters("code")
@login_required
def setup(request):
    """Link an authenticator app: a QR code (and its key to type), then one code from the app.

    Each visit makes a new secret, kept in this session only until a right code confirms it: another
    session signed in with the same password never sees it, and cannot confirm it for the person."""
    if user_has_device(request.user, confirmed=True) and not request.user.is_verified():
        return redirect(f"{reverse('admin:two_factor:verify')}?next={_next(request)}")
    form = CodeForm(request.POST or None)
    timed_out = request.method == "POST" and SETUP_KEY not in request.session
    if request.method != "POST" or timed_out:
        _new_setup_key(request)
    device = TOTPDevice(user=request.user, name="Authenticator app", key=request.session[SETUP_KEY], confirmed=True)
    if request.method == "POST" and form.is_valid():
        if timed_out:
            form.add_error("code", "This set-up was opened again or timed out: scan the new code below.")
        elif not _first_code_matches(device, form.cleaned_data["code"]):
            form.add_error("code", "That code does not match. Check the app's clock and type the code it shows now.")
        elif not _confirm(request, device):
            return redirect(f"{reverse('admin:two_factor:verify')}?next={_next(request)}")  # set up elsewhere first
        else:
            del request.session[SETUP_KEY]
            _second_step_passed(request, device)
            return _page(request, "admin/two_factor/recovery_codes.html", title="Your recovery codes",
                         codes=new_recovery_codes(request.user))  # fmt: skip
    qr = segno.make(device.config_url, error="m").svg_inline(scale=4, title="QR code for your authenticator app")
    key = b32encode(device.bin_key).decode()
    return _page(request, "admin/two_factor/setup.html", title="Set up two-step sign-in", form=form, qr=qr,
                 key=" ".join(key[i : i + 4] for i in range(0, len(key), 4)))  # fmt: skip


def _new_setup_key(request):
    # Unconfirmed devices were how set-up kept its secret before: any left are dropped.
    TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
    request.session[SETUP_KEY] = random_hex(TOTP_KEY_BYTES)


def _first_code_matches(device, code):
    """The app's first code, checked without saving the device (a wrong code keeps no row)."""
    if not (code.isascii() and code.isdigit()):
        return False
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if not totp.verify(int(code), device.tolerance):
        return False
    device.last_t = totp.t()  # the code just used is not taken again at the code step
    return True


def _confirm(request, device):
    """Saves the new app in place of any earlier one. Refused when another session confirmed an app
    first, unless this session has passed the code step (someone replacing their own app)."""
    with transaction.atomic():
        get_user_model().objects.select_for_update().get(pk=request.user.pk)  # one confirmation at a time
        if not request.user.is_verified() and user_has_device(request.user, confirmed=True):
            return False
        TOTPDevice.objects.filter(user=request.user).delete()  # the app this one replaces
        device.save()
    return True


@never_cache
@sensitive_post_parameters("code")
@login_required
def verify(request):
    """The second step of signing in."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, wait = _match(request.user, form.cleaned_data["code"])
        if device is not None:
            _second_step_passed(request, device)
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                messages.warning(
                    request, f"You signed in with a recovery code; {left} left. Make new ones if few remain."
                )
            return redirect(_next(request))
        if wait:
            seconds = f"{wait} second{'' if wait == 1 else 's'}"
            form.add_error("code", f"Too many wrong codes in a row: wait {seconds}, then type the code your app shows.")
        else:
            form.add_error("code", "That code is not right, or was used already. Codes change every 30 seconds.")
    return _page(request, "admin/two_factor/verify.html", title="Enter your sign-in code", form=form)


def _match(user, code):
    """The device that takes this code, or None and how many seconds to wait when wrong codes were
    typed too recently (django-otp's throttling). A code is then not tried at all, so it is neither
    taken nor counted as another failure."""
    with transaction.atomic():
        devices = list(devices_for_user(user, for_verify=True))
        waits = [_seconds_locked(device) for device in devices]
        if any(waits):
            return None, max(waits)
        matched = next((device for device in devices if device.verify_token(code)), None)
        if matched is not None:
            # The devices tried before it counted this code as a failure: the person has proved who
            # they are, so none of theirs stays slowed down.
            for device in devices:
                if device is not matched and getattr(device, "throttling_failure_count", 0):
                    device.throttle_reset()
        return matched, 0


def _seconds_locked(device):
    allowed, details = device.verify_is_allowed()
    locked_until = None if allowed else (details or {}).get("locked_until")
    if locked_until is None:
        return 0
    return max(1, ceil((locked_until - timezone.now()).total_seconds()))


def _second_step_passed(request, device):
    # A new session key, as Django's login gives: a key seen before the second step is worth nothing.
    request.session.cycle_key()
    otp_login(request, device)


@never_cache
@login_required
def recovery_codes(request):
    """New recovery codes, replacing the old ones (asked for with a button, never on a link)."""
    if not request.user.is_verified():
        return redirect(f"{reverse('admin:two_factor:verify')}?next={request.path}")
    if request.method == "POST":
        return _page(request, "admin/two_factor/recovery_codes.html", title="Your recovery codes",
                     codes=new_recovery_codes(request.user))  # fmt: skip
    return _page(request, "admin/two_factor/recovery_codes.html", title="Recovery codes", codes=None)


def new_recovery_codes(user):
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Recovery codes")
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes
