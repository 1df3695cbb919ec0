from django.urls import path

from agenda.views import (
    absence_views,
    appointment_views,
    calendar_views,
    feed_views,
    figures_views,
)

app_name = "agenda"

urlpatterns = [
    path("", calendar_views.my_agenda, name="my_agenda"),
    path("agents/<int:pk>/", calendar_views.staff_agenda, name="staff_agenda"),
    path("sites/<int:pk>/", calendar_views.site_agenda, name="site_agenda"),
    path("accueil/", appointment_views.expected, name="expected"),
    path("personnes/<int:person_pk>/rendez-vous/", appointment_views.book, name="book"),
    path(
        "personnes/<int:person_pk>/preferences/",
        appointment_views.preferences,
        name="preferences",
    ),
    path("rendez-vous/<int:pk>/", appointment_views.detail, name="detail"),
    path("rendez-vous/<int:pk>/statut/", appointment_views.set_status, name="set_status"),
    path("rendez-vous/<int:pk>/deplacer/", appointment_views.move, name="move"),
    path("rendez-vous/<int:pk>/arrivee/", appointment_views.mark_arrived, name="mark_arrived"),
    path("rendez-vous/<int:pk>/courrier/", appointment_views.letter, name="letter"),
    path(
        "rendez-vous/<int:pk>/courrier/imprime/",
        appointment_views.letter_printed,
        name="letter_printed",
    ),
    path("calendrier/", feed_views.feed_settings, name="feed_settings"),
    path("calendrier/<str:token>.ics", feed_views.feed, name="feed"),
    path("absences/", absence_views.absence_create, name="absence_create"),
    path("absences/<int:pk>/", absence_views.absence_detail, name="absence_detail"),
    path("chiffres/", figures_views.figures, name="figures"),
]
