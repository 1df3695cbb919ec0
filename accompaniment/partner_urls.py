"""The partners' side: /orientations/ (an account) and the e-mailed link (no account)."""

from django.urls import path

from accompaniment.views import partners

app_name = "orientations"

urlpatterns = [
    path("recues/", partners.received_list, name="received_list"),
    path("recues/<int:pk>/", partners.received_detail, name="received_detail"),
    path("recues/<int:pk>/<slug:name>/", partners.received_answer, name="received_answer"),
    path("lien/<str:token>/", partners.link_open, name="link_open"),
    path("lien/<str:token>/nouveau-lien/", partners.link_renew, name="link_renew"),
    path("reponse/", partners.link_page, name="link_page"),
    path("reponse/<slug:name>/", partners.link_answer, name="link_answer"),
]
