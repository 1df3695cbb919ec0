from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.inbox_list, name="inbox"),
    path("<int:pk>/ouvrir/", views.open_notification, name="open"),
    path("tout-lu/", views.mark_all_read, name="mark_all_read"),
    path("recapitulatif/", views.digest_preference, name="digest_preference"),
]
