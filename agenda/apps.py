from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = "Agenda"

    def ready(self):
        from agenda import personal_data, timeline
        from people.timeline import register_summary_provider, register_timeline_provider

        register_timeline_provider("agenda.appointments", timeline.appointment_entries)
        register_summary_provider("agenda", timeline.summary_items)
        personal_data.register()
