from django.urls import path

from . import views

app_name = "levels"

urlpatterns = [
    path("", views.LevelListView.as_view(), name="list"),
    path("compare/", views.LevelCompareView.as_view(), name="compare"),
    path("<slug:slug>/", views.LevelDetailView.as_view(), name="detail"),
]
