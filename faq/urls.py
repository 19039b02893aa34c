from django.urls import path

from . import views
from .feeds import LatestArticlesFeed

app_name = "faq"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("feed/", LatestArticlesFeed(), name="feed"),
    path("topic/<slug:slug>/", views.TopicView.as_view(), name="topic"),
    path("reviewers/", views.ReviewerListView.as_view(), name="reviewers"),
    path("reviewers/<slug:slug>/", views.ReviewerDetailView.as_view(), name="reviewer"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("<slug:slug>/preview/", views.ArticlePreviewView.as_view(), name="preview"),
]
