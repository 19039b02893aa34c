"""Included by the admin site (magnolia/admin.py) under census/: named "admin:census:…"."""

from django.contrib import admin
from django.urls import path

from . import board_views, figures_views, stay_views, waitlist_views


def staff(view):
    return admin.site.admin_view(view)


app_name = "census"
urlpatterns = [
    path("", staff(board_views.board), name="board"),
    path("hold/", staff(board_views.hold), name="hold"),
    path("hold/<int:pk>/release/", staff(board_views.release), name="release"),
    path("hold/<int:pk>/admit/", staff(stay_views.admit_from_hold), name="admit"),
    path("stay/<int:pk>/", staff(stay_views.stay), name="stay"),
    path("waitlist/", staff(waitlist_views.waitlist_page), name="waitlist"),
    path("waitlist/add/", staff(waitlist_views.add), name="waitlist_add"),
    path("waitlist/<int:pk>/", staff(waitlist_views.entry), name="waitlist_entry"),
    path("figures/", staff(figures_views.figures_page), name="figures"),
]
