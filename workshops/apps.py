from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "workshops"
    verbose_name = "Ateliers collectifs"

    def ready(self):
        from audit.personal_data import STAFF, TECH, register_personal_data
        from people.timeline import register_timeline_provider
        from workshops import meeting_people, timeline

        register_timeline_provider("workshops.enrolments", timeline.enrolment_entries)
        register_timeline_provider(
            "workshops.meetings", meeting_people.meeting_entries, bounded=True
        )
        kept_history = "historique de l’atelier, sans donnée d’identité"
        register_personal_data(
            "workshops.enrolment",
            "person",
            kept={
                "id": TECH,
                "cycle": TECH,
                "person": TECH,
                "status": kept_history,
                "accompaniment": TECH,
                "enrolled_at": kept_history,
                "status_changed_at": kept_history,
                "by": STAFF,
                "request": TECH,
            },
        )
        # A session hangs from its agenda appointment, which has no person (a group's
        # slot): nothing about a person to anonymise.
        group = "séance collective, sans personne"
        register_personal_data(
            "workshops.session",
            "appointment__person",
            kept={
                "id": TECH,
                "cycle": TECH,
                "number": group,
                "on": group,
                "start_time": group,
                "duration": group,
                "appointment": TECH,
                "feedback_code": TECH,
                "planned_theme": group,
                "theme": group,
                "attendance_taken_at": group,
                "what_worked": group,
                "adjustments": group,
            },
        )
        register_personal_data(
            "workshops.attendance",
            "enrolment__person",
            kept={
                "id": TECH,
                "session": TECH,
                "enrolment": TECH,
                "status": kept_history,
                "recorded_at": kept_history,
                "by": STAFF,
            },
        )
        register_personal_data(
            "workshops.meetingperson",
            "person",
            anonymised={"note": ""},
            kept={
                "id": TECH,
                "meeting": TECH,
                "person": TECH,
                "added_at": "historique de la réunion, sans donnée d’identité",
                "added_by": STAFF,
            },
        )
