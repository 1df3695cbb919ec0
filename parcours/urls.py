from django.contrib import admin
from django.urls import include, path

from directory.views import pages as directory_pages
from parcours import views
from reports.views import public as public_figures

urlpatterns = [
    path("", views.home, name="home"),
    # Before the directory's "<slug>/" pages: the service's published yearly figures.
    path("centres-sociaux/chiffres/", public_figures.public_figures, name="public_figures"),
    path("centres-sociaux/", include("directory.urls")),
    path("actualites/", include("directory.article_urls")),
    path(
        "open-data/chiffres-<int:year>.csv",
        public_figures.public_figures_csv,
        name="public_figures_csv",
    ),
    path("open-data/", include("directory.open_data_urls")),
    path("accessibilite/", directory_pages.accessibility, name="accessibility"),
    path("compte/", include("accounts.urls")),
    # ProConnect (OpenID Connect), answering 404 unless OIDC_ENABLED.
    path("compte/proconnect/", include("accounts.oidc")),
    path("espace/nouveautes/", include("notifications.urls")),
    path("espace/", include("dashboard.urls")),
    path("accueil/", include("reception.urls")),
    path("personnes/", include("people.urls")),
    path("bilans/", include("reports.urls")),
    path("confidentialite/", include("audit.urls")),
    path("accompagnements/", include("accompaniment.urls")),
    path("orientations/", include("accompaniment.partner_urls")),
    path("agenda/", include("agenda.urls")),
    path("ateliers/", include("workshops.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "parcours.views.error_400"
handler403 = "parcours.views.error_403"
handler404 = "parcours.views.error_404"
handler500 = "parcours.views.error_500"
