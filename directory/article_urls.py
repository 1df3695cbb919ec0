from django.urls import path

from directory.views import articles, comments

app_name = "articles"

urlpatterns = [
    path("", articles.article_list, name="list"),
    path("<slug:slug>/", articles.article_detail, name="detail"),
    path("<slug:slug>/commenter/", comments.comment_article, name="comment"),
]
