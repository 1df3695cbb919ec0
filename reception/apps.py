from django.apps import AppConfig


class ReceptionConfig(AppConfig):
    name = "reception"
    verbose_name = "Accueil"

    def ready(self):
        from people.timeline import register_summary_provider, register_timeline_provider
        from reception import timeline

        register_timeline_provider("reception.visits", timeline.visit_entries, bounded=True)
        register_timeline_provider("reception.requests", timeline.request_entries, bounded=True)
        register_timeline_provider(
            "reception.request_transitions", timeline.transition_entries, bounded=True
        )
        register_timeline_provider("reception.handoffs", timeline.handoff_entries, bounded=True)
        register_timeline_provider("reception.contacts", timeline.contact_entries)
        register_summary_provider("reception", timeline.summary_items)
