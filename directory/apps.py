from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Site public"

    def ready(self):
        from directory import personal_data

        personal_data.register()
