from django import forms

from agenda.models import Room
from workshops.models import (
    DEFAULT_DURATION,
    DEFAULT_START_TIME,
    ActionItem,
    Feedback,
    Meeting,
    Session,
    Theme,
)
from workshops.session_forms import SessionSlotFields


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["title", "goals", "outline", "position"]


class CycleForm(forms.Form):
    centre = forms.ModelChoiceField(label="Centre social", queryset=None)
    site = forms.ModelChoiceField(label="Lieu", queryset=None)
    title = forms.CharField(label="Titre du cycle", max_length=150)
    facilitators = forms.ModelMultipleChoiceField(
        label="Animateur·rices", queryset=None, widget=forms.CheckboxSelectMultiple
    )
    starts_on = forms.DateField(
        label="Date de la première séance",
        help_text="Les séances suivantes sont placées de semaine en semaine.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    capacity = forms.IntegerField(label="Nombre de places", min_value=1, max_value=100)
    session_count = forms.IntegerField(
        label="Nombre de séances", min_value=1, max_value=30, initial=7
    )

    # The sessions' slot in the agenda (workshops.scheduling), 14 h for 2 h unless changed.
    start_time = SessionSlotFields.base_fields["start_time"]
    duration = SessionSlotFields.base_fields["duration"]
    room = forms.ModelChoiceField(
        label="Salle",
        queryset=None,
        required=False,
        empty_label="Pas de salle particulière",
        help_text="Une salle du lieu choisi : elle est réservée dans l’agenda pour chaque séance.",
    )

    def __init__(self, *args, centres, sites, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres
        self.fields["site"].queryset = sites
        self.fields["facilitators"].queryset = staff
        self.fields["facilitators"].label_from_instance = lambda u: u.get_full_name()
        self.fields["facilitators"].help_text = (
            "Les séances vont dans l’agenda de chacun·e ; elles sont portées par le vôtre si "
            "vous animez."
        )
        rooms = Room.objects.filter(site__in=sites, is_active=True).select_related("site")
        if rooms.exists():
            self.fields["room"].queryset = rooms
            self.fields["room"].label_from_instance = lambda r: f"{r.site.name} – {r.name}"
        else:  # no site has rooms: nothing to choose
            del self.fields["room"]

    def clean_start_time(self):
        return self.cleaned_data.get("start_time") or DEFAULT_START_TIME

    def clean_duration(self):
        return self.cleaned_data.get("duration") or DEFAULT_DURATION

    def clean(self):
        cleaned = super().clean()
        room, site = cleaned.get("room"), cleaned.get("site")
        if room is not None and site is not None and room.site_id != site.pk:
            self.add_error("room", "Cette salle n’est pas dans le lieu choisi.")
        return cleaned


class ThemesForm(forms.Form):
    """One theme per session (proposal, or validation with the group)."""

    def __init__(self, *args, sessions, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.sessions = sessions
        for session in sessions:
            self.fields[f"s{session.pk}"] = forms.ModelChoiceField(
                label=f"Séance {session.number} ({session.on:%d/%m/%Y})",
                queryset=themes,
                required=False,
                initial=session.theme_id,
                empty_label="— à définir —",
            )

    def themes_by_session(self):
        return {s.pk: self.cleaned_data.get(f"s{s.pk}") for s in self.sessions}


class AdjustThemeForm(forms.Form):
    theme = forms.ModelChoiceField(label="Nouveau thème", queryset=None)
    reason = forms.CharField(label="Motif du changement", max_length=300)

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes


class EvaluationForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = ["what_worked", "adjustments"]


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = Feedback
        fields = ["score", "comment"]
        widgets = {"score": forms.RadioSelect, "comment": forms.Textarea(attrs={"rows": 2})}


class EnrolForm(forms.Form):
    cycle = forms.ModelChoiceField(label="Cycle", queryset=None, empty_label=None)

    def __init__(self, *args, cycles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cycle"].queryset = cycles


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["centre", "held_on", "participants", "guests", "agenda", "minutes", "decisions"]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}),
            "participants": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, centres, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres
        self.fields["participants"].queryset = staff
        self.fields["participants"].label_from_instance = lambda u: u.get_full_name()


class ActionItemForm(forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = ["title", "owner", "due_on"]
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff
        self.fields["owner"].label_from_instance = lambda u: u.get_full_name()
