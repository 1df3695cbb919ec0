from django.contrib import admin
from django.urls import include, path

from directory.views import pages as directory_pages
from parcours import views

urlpatterns = [
    path("", views.home, name="home"),
    path("centres-sociaux/", include("directory.urls")),
    path("actualites/", include("directory.article_urls")),
    path("open-data/", include("directory.open_data_urls")),
    path("accessibilite/", directory_pages.accessibility, name="accessibility"),
    path("compte/", include("accounts.urls")),
    path("espace/nouveautes/", include("notifications.urls")),
    path("espace/", include("dashboard.urls")),
    path("accueil/", include("reception.urls")),
    path("personnes/", include("people.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "parcours.views.error_400"
handler403 = "parcours.views.error_403"
handler404 = "parcours.views.error_404"
handler500 = "parcours.views.error_500"
