from django.urls import path

from accompaniment.views import accompaniments, orientations, plan

app_name = "accompaniment"

urlpatterns = [
    path("", accompaniments.accompaniment_list, name="list"),
    path("demandes/<int:request_pk>/demarrer/", accompaniments.accompaniment_open, name="open"),
    path("<int:pk>/", accompaniments.accompaniment_detail, name="detail"),
    path("<int:pk>/etape/<slug:name>/", accompaniments.accompaniment_step, name="step"),
    path("<int:pk>/diagnostics/nouveau/", plan.diagnosis_create, name="diagnosis_create"),
    path("diagnostics/<int:pk>/", plan.diagnosis_detail, name="diagnosis_detail"),
    path("<int:pk>/plan/objectifs/nouveau/", plan.objective_create, name="objective_create"),
    path("objectifs/<int:pk>/statut/", plan.objective_status, name="objective_status"),
    path("objectifs/<int:pk>/actions/nouvelle/", plan.action_create, name="action_create"),
    path("actions/<int:pk>/statut/", plan.action_status, name="action_status"),
    path("<int:pk>/plan/imprimer/", plan.plan_print, name="plan_print"),
    path(
        "<int:pk>/orientations/nouvelle/",
        orientations.orientation_create,
        name="orientation_create",
    ),
    path("orientations/<int:pk>/", orientations.orientation_detail, name="orientation_detail"),
    path("orientations/<int:pk>/envoyer/", orientations.orientation_send, name="orientation_send"),
    path(
        "orientations/<int:pk>/annuler/", orientations.orientation_cancel, name="orientation_cancel"
    ),
    path(
        "orientations/<int:pk>/desactiver-le-lien/",
        orientations.orientation_revoke,
        name="orientation_revoke",
    ),
    path(
        "orientations/<int:pk>/reorienter/",
        orientations.orientation_reorient,
        name="orientation_reorient",
    ),
    path("contacts/", orientations.contact_list, name="contact_list"),
    path("contacts/nouveau/", orientations.contact_create, name="contact_create"),
    path(
        "<int:pk>/contacts/nouveau/",
        orientations.accompaniment_contact_create,
        name="accompaniment_contact_create",
    ),
]
