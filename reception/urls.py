from django.urls import path

from reception.views import contact_views, desk_views, queue_views, request_views

app_name = "reception"

urlpatterns = [
    path("", desk_views.desk, name="desk"),
    path("passages/<int:pk>/transmettre/", desk_views.visit_handoff, name="visit_handoff"),
    path("file-accueil/", queue_views.reception_queue, name="reception_queue"),
    path("contacts/<int:pk>/", contact_views.contact_detail, name="contact_detail"),
    path("contacts/<int:pk>/appel/", contact_views.contact_call, name="contact_call"),
    path("contacts/<int:pk>/dossier/", contact_views.contact_link, name="contact_link"),
    path("file-coordination/", queue_views.coordinator_queue, name="coordinator_queue"),
    path("file-analyse/", queue_views.counsellor_queue, name="counsellor_queue"),
    path("transmissions/<int:pk>/pris-en-charge/", queue_views.handoff_take, name="handoff_take"),
    path("personnes/<int:person_pk>/demande/", request_views.request_create, name="request_create"),
    path("demandes/", request_views.request_list, name="request_list"),
    path("demandes/<int:pk>/", request_views.request_detail, name="request_detail"),
    path("demandes/<int:pk>/renouveler/", request_views.request_renew, name="request_renew"),
    # Before the transitions' pattern, which would otherwise take this slug as a name.
    path(
        "demandes/<int:pk>/transmettre-a-un-collegue/",
        request_views.request_colleague_handoff,
        name="request_colleague_handoff",
    ),
    path(
        "demandes/<int:pk>/<slug:name>/",
        request_views.request_transition,
        name="request_transition",
    ),
]
