from django.urls import path

from audit import views

app_name = "audit"

urlpatterns = [
    path("journal-des-acces/", views.person_access, name="person_access"),
    path("personnes/<int:pk>/donnees.json", views.person_data_json, name="person_data_json"),
    path("personnes/<int:pk>/donnees/", views.person_data_print, name="person_data_print"),
    path("personnes/<int:pk>/droits/", views.person_rights, name="person_rights"),
    path(
        "personnes/<int:pk>/droits/lever-la-limitation/",
        views.restriction_lift,
        name="restriction_lift",
    ),
    path("demandes/<int:pk>/decider/", views.rights_decide, name="rights_decide"),
]
