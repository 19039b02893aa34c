"""The set-up, code and recovery-code pages of staff sign-in (see core/two_factor.py)."""

from base64 import b32encode

import segno
from django import forms
from django.contrib import messages
from django.contrib.admin import site
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10


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
    """Link an authenticator app: a QR code (and its key to type), then one code from the app."""
    if user_has_device(request.user, confirmed=True) and not request.user.is_verified():
        return redirect(f"{reverse('two_factor:verify')}?next={_next(request)}")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="Authenticator app", confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            TOTPDevice.objects.filter(user=request.user, confirmed=True).delete()  # the app this one replaces
            device.confirmed = True
            device.save()
            otp_login(request, device)
            return _page(request, "admin/two_factor/recovery_codes.html", title="Your recovery codes",
                         codes=new_recovery_codes(request.user))  # fmt: skip
        form.add_error("code", "That code does not match. Check the app's clock and type the code it shows now.")
    qr = segno.make(device.config_url, error="m").svg_inline(scale=4, title="QR code for your authenticator app")
    key = b32encode(device.bin_key).decode()
    return _page(request, "admin/two_factor/setup.html", title="Set up two-step sign-in", form=form, qr=qr,
                 key=" ".join(key[i : i + 4] for i in range(0, len(key), 4)))  # fmt: skip


@never_cache
@sensitive_post_parameters("code")
@login_required
def verify(request):
    """The second step of signing in."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                messages.warning(
                    request, f"You signed in with a recovery code; {left} left. Make new ones if few remain."
                )
            return redirect(_next(request))
        form.add_error("code", "That code is not right, or was used already. Codes change every 30 seconds.")
    return _page(request, "admin/two_factor/verify.html", title="Enter your sign-in code", form=form)


@never_cache
@login_required
def recovery_codes(request):
    """New recovery codes, replacing the old ones (asked for with a button, never on a link)."""
    if not request.user.is_verified():
        return redirect(f"{reverse('two_factor:verify')}?next={request.path}")
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
