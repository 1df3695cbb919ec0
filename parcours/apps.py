from django.apps import AppConfig


class ParcoursConfig(AppConfig):
    name = "parcours"
    verbose_name = "Parcours"

    def ready(self):
        from django import forms
        from django.contrib import admin

        # A required checkbox left empty reads as a sentence, in every form (RGAA 11.10).
        forms.BooleanField.default_error_messages = {
            **forms.BooleanField.default_error_messages,
            "required": "Cochez cette case pour continuer.",
        }

        from parcours.permissions import can_use_admin

        # Django's admin is for administrators only (a role), not for any is_staff user.
        admin.site.has_permission = lambda request: can_use_admin(request.user)
        admin.site.site_header = "Parcours – administration"
        admin.site.site_title = "Parcours – administration"
        admin.site.index_title = "Données de référence et comptes"
