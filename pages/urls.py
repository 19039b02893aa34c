from django.urls import path

from . import views

app_name = "pages"

# Included last: a page's address is any slug the rest of the site does not answer.
urlpatterns = [
    path("<slug:slug>/", views.PageView.as_view(), name="detail"),
    path("<slug:slug>/preview/", views.PagePreviewView.as_view(), name="preview"),
]
