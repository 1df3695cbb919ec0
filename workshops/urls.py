from django.urls import path

from workshops import meeting_people, meetings, public_views, queue, session_views, views

app_name = "workshops"

urlpatterns = [
    path("", views.cycle_list, name="cycle_list"),
    path("nouveau/", views.cycle_create, name="cycle_create"),
    path("themes/", views.theme_list, name="theme_list"),
    path("themes/<int:pk>/", views.theme_edit, name="theme_edit"),
    path("<int:pk>/", views.cycle_detail, name="cycle_detail"),
    path("<int:pk>/themes/", views.cycle_themes, name="cycle_themes"),
    path("<int:pk>/bilan/", views.cycle_report, name="cycle_report"),
    path("<int:pk>/annuler/", session_views.cycle_cancel, name="cycle_cancel"),
    path("<int:pk>/seances/<int:number>/", session_views.session_detail, name="session_detail"),
    path("<int:pk>/seances/<int:number>/theme/", views.session_theme, name="session_theme"),
    path(
        "<int:pk>/seances/<int:number>/presences/",
        views.session_attendance,
        name="session_attendance",
    ),
    path("<int:pk>/seances/<int:number>/emargement/", views.session_sheet, name="session_sheet"),
    path(
        "<int:pk>/seances/<int:number>/evaluation/",
        views.session_evaluation,
        name="session_evaluation",
    ),
    path("personnes/<int:person_pk>/inscrire/", views.enrol_person, name="enrol_person"),
    path("inscriptions/<int:pk>/desinscrire/", views.withdraw, name="withdraw"),
    path("reunions/", meetings.meeting_list, name="meeting_list"),
    path("reunions/nouvelle/", meetings.meeting_create, name="meeting_create"),
    path("reunions/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("reunions/actions/<int:pk>/faite/", meetings.action_done, name="action_done"),
    # People discussed in a meeting, linked to their files (workshops.meeting_people).
    path("reunions/<int:pk>/personnes/", meeting_people.link_people, name="meeting_people"),
    path(
        "reunions/personnes/<int:pk>/retirer/", meeting_people.unlink, name="meeting_person_unlink"
    ),
    # Enrolment from a request of the coordination or analysis queue (workshops.queue).
    path("demandes/<int:request_pk>/inscrire/", queue.enrol_from_request, name="enrol_request"),
    # The participants' public feedback form (workshops.public_views): no login.
    path("avis/", public_views.feedback_code, name="public_feedback"),
    path("avis/seance/", public_views.feedback_form, name="public_feedback_form"),
    path("avis/merci/", public_views.feedback_thanks, name="public_feedback_thanks"),
]
