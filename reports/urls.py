from django.urls import path

from reports.views import bilans, figures

app_name = "reports"

urlpatterns = [
    path("", figures.figures, name="figures"),
    path("export/<str:file_format>/", figures.figures_export, name="figures_export"),
    path("documents/", bilans.bilan_list, name="bilan_list"),
    path("documents/nouveau/", bilans.bilan_create, name="bilan_create"),
    path("documents/<int:pk>/", bilans.bilan_detail, name="bilan_detail"),
    path("documents/<int:pk>/rediger/", bilans.bilan_edit, name="bilan_edit"),
    path("documents/<int:pk>/finaliser/", bilans.bilan_finalise, name="bilan_finalise"),
    path(
        "documents/<int:pk>/export/<str:file_format>/",
        bilans.bilan_export,
        name="bilan_export",
    ),
]
