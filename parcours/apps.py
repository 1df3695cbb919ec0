from django.apps import AppConfig


class ParcoursConfig(AppConfig):
    name = "parcours"
    verbose_name = "Parcours"

    def ready(self):
        from django.contrib import admin

        from parcours.permissions import can_use_admin

        # Django's admin is for administrators only (a role), not for any is_staff user.
        admin.site.has_permission = lambda request: can_use_admin(request.user)
        admin.site.site_header = "Parcours – administration"
        admin.site.site_title = "Parcours – administration"
        admin.site.index_title = "Données de référence et comptes"
