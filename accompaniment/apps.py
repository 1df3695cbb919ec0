from django.apps import AppConfig


class AccompanimentConfig(AppConfig):
    name = "accompaniment"
    verbose_name = "Accompagnement"

    def ready(self):
        from accompaniment import personal_data, timeline
        from people.timeline import register_summary_provider, register_timeline_provider

        register_timeline_provider("accompaniment.steps", timeline.step_entries)
        register_timeline_provider("accompaniment.diagnoses", timeline.diagnosis_entries)
        register_timeline_provider("accompaniment.plan", timeline.plan_entries)
        register_timeline_provider("accompaniment.orientations", timeline.orientation_entries)
        register_timeline_provider("accompaniment.contacts", timeline.contact_entries)
        register_summary_provider("accompaniment", timeline.summary_items)
        personal_data.register()
