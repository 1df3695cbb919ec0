from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "Personnes"

    def ready(self):
        from people import timeline_providers as providers
        from people.timeline import register_summary_provider, register_timeline_provider

        register_timeline_provider("people.file_creation", providers.file_creation)
        register_timeline_provider("people.first_contact", providers.first_contact)
        register_timeline_provider("people.notes", providers.notes, bounded=True)
        register_timeline_provider("people.consents", providers.consents)
        register_timeline_provider("people.merges", providers.merges)
        register_timeline_provider("people.referents", providers.referents, bounded=True)
        register_timeline_provider("people.changes", providers.changes, bounded=True)
        register_summary_provider("people.summary", providers.summary)
        register_summary_provider("people.situation", providers.situation)
