from django.urls import path

from . import two_factor_views

app_name = "two_factor"
urlpatterns = [
    path("set-up/", two_factor_views.setup, name="setup"),
    path("code/", two_factor_views.verify, name="verify"),
    path("recovery-codes/", two_factor_views.recovery_codes, name="recovery_codes"),
]
