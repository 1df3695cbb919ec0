"""Forms of a session's slot: the cycle form's « heure de début » and « durée », and the
session page's reschedule and cancel forms."""

from django import forms

from parcours.validators import validate_free_text
from workshops.models import DEFAULT_DURATION, DEFAULT_START_TIME

DURATIONS = [
    (60, "1 heure"),
    (90, "1 h 30"),
    (120, "2 heures"),
    (150, "2 h 30"),
    (180, "3 heures"),
    (240, "4 heures"),
]


class SessionSlotFields(forms.Form):
    start_time = forms.TimeField(
        label="Heure de début",
        required=False,
        initial=DEFAULT_START_TIME,
        help_text="14 h si rien n’est indiqué.",
        widget=forms.TimeInput(attrs={"type": "time", "step": 300}, format="%H:%M"),
    )
    duration = forms.TypedChoiceField(
        label="Durée",
        choices=DURATIONS,
        coerce=int,
        required=False,
        initial=DEFAULT_DURATION,
        empty_value=None,
    )


class RescheduleForm(forms.Form):
    on = forms.DateField(label="Nouvelle date", widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label="Heure de début",
        widget=forms.TimeInput(attrs={"type": "time", "step": 300}, format="%H:%M"),
    )
    duration = forms.TypedChoiceField(label="Durée", choices=DURATIONS, coerce=int)
    reason = forms.CharField(
        label="Motif du changement", max_length=200, validators=[validate_free_text]
    )

    def __init__(self, *args, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        if session is not None and session.duration not in dict(DURATIONS):
            self.fields["duration"].choices = [
                (session.duration, f"{session.duration} minutes"),
                *DURATIONS,
            ]


class CancelSessionForm(forms.Form):
    reason = forms.CharField(
        label="Motif de l’annulation", max_length=200, validators=[validate_free_text]
    )


class CancelCycleForm(forms.Form):
    reason = forms.CharField(
        label="Motif de l’annulation du cycle", max_length=200, validators=[validate_free_text]
    )
