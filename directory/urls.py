from django.urls import path

from directory import views

app_name = "directory"

urlpatterns = [
    path("", views.centre_list, name="centre_list"),
]
