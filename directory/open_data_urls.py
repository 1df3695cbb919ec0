from django.urls import path

from directory.views import open_data

app_name = "open_data"

urlpatterns = [
    path("", open_data.index, name="index"),
    path("data-inclusion/structures.json", open_data.structures, name="structures"),
    path("data-inclusion/services.json", open_data.services, name="services"),
]
