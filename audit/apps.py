from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Journal des accès"

    def ready(self):
        from audit import timeline
        from people.timeline import register_timeline_provider

        register_timeline_provider("audit.rights", timeline.rights_entries)
