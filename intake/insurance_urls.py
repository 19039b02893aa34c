from django.urls import path

from . import verification_views

app_name = "insurance"

urlpatterns = [
    path("verify/", verification_views.verify, name="verify"),
    path("verify/thanks/", verification_views.VerificationThanksView.as_view(), name="thanks"),
]
