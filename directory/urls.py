from django.urls import path

from directory.views import (
    activities,
    centres,
    comments,
    contact,
    editorial,
    moderation,
    replies,
    staff,
)

app_name = "directory"

urlpatterns = [
    path("", centres.centre_list, name="centre_list"),
    path("activites/", activities.activity_list, name="activity_list"),
    path("mon-centre/", activities.find_centre, name="find_centre"),
    path("etre-accompagne/", contact.contact_request, name="contact_request"),
    path(
        "etre-accompagne/envoyee/<slug:slug>/",
        contact.contact_request_sent,
        name="contact_request_sent",
    ),
    path("envoyer-a-un-ami/", contact.share, name="share"),
    path("imprimer/", contact.print_help, name="print_help"),
    path("moderation/", moderation.moderation_queue, name="moderation_queue"),
    path("moderation/<int:pk>/decision/", moderation.moderate, name="moderate"),
    path("commentaires/", replies.comment_list, name="comment_list"),
    path("commentaires/<int:pk>/repondre/", replies.comment_reply, name="comment_reply"),
    path("gestion/", staff.content_home, name="content_home"),
    path("gestion/lieux/<int:site_pk>/horaires/", staff.site_hours, name="site_hours"),
    path("gestion/<slug:slug>/activites/nouvelle/", staff.activity_edit, name="activity_create"),
    path("gestion/<slug:slug>/activites/<int:pk>/", staff.activity_edit, name="activity_edit"),
    path("gestion/articles/", editorial.article_list, name="article_staff_list"),
    path("gestion/articles/nouveau/", editorial.article_edit, name="article_create"),
    path("gestion/articles/<int:pk>/", editorial.article_edit, name="article_edit"),
    path(
        "gestion/articles/<int:pk>/publication/",
        editorial.article_publication,
        name="article_publication",
    ),
    path("gestion/textes/<slug:key>/", editorial.page_text_edit, name="page_text_edit"),
    path(
        "gestion/<slug:slug>/presentation/",
        editorial.centre_presentation,
        name="centre_presentation",
    ),
    path("<slug:slug>/", centres.centre_detail, name="centre_detail"),
    path("<slug:slug>/commenter/", comments.comment_centre, name="comment_centre"),
    path("<slug:slug>/ecrire-a-la-direction/", contact.director_message, name="director_message"),
]
