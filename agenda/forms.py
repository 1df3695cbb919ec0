import datetime

from django import forms

from agenda.checks import SlotProblem, local_datetime
from agenda.models import (
    AppointmentKind,
    AppointmentStatus,
    ChannelPreference,
    Room,
)
from parcours.validators import validate_free_text

DURATIONS = [
    (30, "30 minutes"),
    (45, "45 minutes"),
    (60, "1 heure"),
    (90, "1 h 30"),
    (120, "2 heures"),
]


def _staff_label(user):
    return user.get_full_name() or user.email


class SlotFields(forms.Form):
    start_date = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label="Heure", widget=forms.TimeInput(attrs={"type": "time", "step": 300})
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start_date") and cleaned.get("start_time"):
            try:
                cleaned["starts_at"] = local_datetime(cleaned["start_date"], cleaned["start_time"])
            except SlotProblem as problem:
                self.add_error(problem.field, problem.message)
        return cleaned

    def add_problem(self, problem) -> None:
        """A service's refusal, next to its field (or at the top)."""
        field = problem.field if problem.field in self.fields else None
        self.add_error(field, problem.message)


class AppointmentForm(SlotFields):
    """Book an appointment: where, with whom, when. Opening hours only warn."""

    # A workshop session is planned from its cycle (workshops.scheduling), never here.
    kind = forms.ChoiceField(
        label="Nature du rendez-vous",
        choices=[c for c in AppointmentKind.choices if c[0] != AppointmentKind.WORKSHOP_SESSION],
        widget=forms.RadioSelect,
    )
    site = forms.ModelChoiceField(queryset=None, label="Lieu (centre et site)", empty_label=None)
    room = forms.ModelChoiceField(
        queryset=None,
        label="Salle",
        required=False,
        empty_label="Pas de salle particulière",
        help_text="Pour les sites qui ont plusieurs salles.",
    )
    staff = forms.ModelChoiceField(queryset=None, label="Avec", empty_label=None)
    duration = forms.TypedChoiceField(
        label="Durée", choices=DURATIONS, coerce=int, initial=60, empty_value=None
    )
    accept_warnings = forms.BooleanField(
        label="Confirmer malgré l’avertissement (hors horaires d’accueil)", required=False
    )
    field_order = ["kind", "site", "room", "start_date", "start_time", "duration", "staff"]

    def __init__(self, *args, sites, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        self.fields["site"].label_from_instance = lambda site: f"{site.centre.name} – {site.name}"
        rooms = Room.objects.filter(site__in=sites, is_active=True).select_related("site")
        if rooms.exists():
            self.fields["room"].queryset = rooms
            self.fields["room"].label_from_instance = lambda r: f"{r.site.name} – {r.name}"
        else:  # no site has rooms: nothing to choose
            del self.fields["room"]
        self.fields["staff"].queryset = staff
        self.fields["staff"].label_from_instance = _staff_label

    def clean(self):
        cleaned = super().clean()
        cleaned.setdefault("room", None)
        room, site = cleaned.get("room"), cleaned.get("site")
        if room is not None and site is not None and room.site_id != site.pk:
            self.add_error("room", "Cette salle n’est pas dans le site choisi.")
        return cleaned


class MoveForm(forms.Form):
    """Another slot and/or a colleague for one planned appointment."""

    start_date = forms.DateField(
        label="Nouvelle date", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    start_time = forms.TimeField(
        label="Nouvelle heure",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time", "step": 300}),
    )
    staff = forms.ModelChoiceField(queryset=None, label="Avec", empty_label=None)
    accept_warnings = forms.BooleanField(
        label="Confirmer malgré l’avertissement (hors horaires d’accueil)", required=False
    )

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff
        self.fields["staff"].label_from_instance = _staff_label

    def clean(self):
        cleaned = super().clean()
        day, at = cleaned.get("start_date"), cleaned.get("start_time")
        if bool(day) != bool(at):
            self.add_error("start_time" if day else "start_date", "Indiquez la date et l’heure.")
        elif day and at:
            try:
                cleaned["starts_at"] = local_datetime(day, at)
            except SlotProblem as problem:
                self.add_error(problem.field, problem.message)
        return cleaned

    def add_problem(self, problem) -> None:
        self.add_error(problem.field if problem.field in self.fields else None, problem.message)


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Ce qui s’est passé",
        choices=[
            (AppointmentStatus.SEEN, "Rendez-vous honoré"),
            (AppointmentStatus.NO_SHOW, "Absence non excusée"),
            (AppointmentStatus.EXCUSED, "Annulé à l’initiative de l’usager (excusé)"),
            (AppointmentStatus.CANCELLED, "Annulé par le service"),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="Motif (obligatoire pour une annulation)",
        required=False,
        max_length=300,
        help_text="Quelques mots, sans information de santé.",
        validators=[validate_free_text],
    )
    expected_status = forms.CharField(widget=forms.HiddenInput)


class ContactPreferenceForm(forms.Form):
    channel = forms.ChoiceField(
        label="Recevoir les convocations et rappels par",
        choices=ChannelPreference.choices,
        widget=forms.RadioSelect,
    )
    no_sms = forms.BooleanField(label="Ne jamais envoyer de SMS", required=False)
    reminders = forms.BooleanField(label="Envoyer un rappel la veille", required=False)


class FeedForm(forms.Form):
    include_initials = forms.BooleanField(
        label="Afficher les initiales des personnes dans mon calendrier",
        required=False,
        help_text=(
            "Désactivé par défaut : le calendrier ne contient alors aucune donnée personnelle."
        ),
    )


class AbsenceForm(forms.Form):
    staff = forms.ModelChoiceField(queryset=None, label="Agent absent·e", empty_label=None)
    starts_on = forms.DateField(label="Du", widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label="Au (inclus)", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff
        self.fields["staff"].label_from_instance = _staff_label

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("starts_on"), cleaned.get("ends_on")
        if first and last and last < first:
            self.add_error("ends_on", "La fin de l’absence est avant son début.")
        return cleaned


ABSENCE_ACTIONS = [
    ("keep", "Ne rien changer"),
    ("reassign", "Confier à un·e collègue (même créneau)"),
    ("move", "Déplacer à une autre date"),
    ("cancel", "Annuler (la personne est prévenue)"),
]


class AbsenceDecisionForm(forms.Form):
    """One row of the absence page: what to do with one appointment."""

    appointment = forms.IntegerField(widget=forms.HiddenInput)
    action = forms.ChoiceField(label="Que faire ?", choices=ABSENCE_ACTIONS, initial="keep")
    colleague = forms.TypedChoiceField(label="Collègue", required=False, coerce=int)
    new_date = forms.DateField(
        label="Nouvelle date", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    new_time = forms.TimeField(
        label="Nouvelle heure", required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )

    def __init__(self, *args, colleagues, **kwargs):
        """`colleagues`: a list, read once for every row of the page."""
        super().__init__(*args, **kwargs)
        self.colleagues = {user.pk: user for user in colleagues}
        self.fields["colleague"].choices = [("", "—")] + [
            (user.pk, _staff_label(user)) for user in colleagues
        ]

    def clean_colleague(self):
        pk = self.cleaned_data.get("colleague")
        return self.colleagues.get(pk) if pk not in (None, "") else None

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action")
        if action == "reassign" and not cleaned.get("colleague"):
            self.add_error("colleague", "Choisissez le ou la collègue.")
        if action == "move":
            if not (cleaned.get("new_date") and cleaned.get("new_time")):
                self.add_error("new_date", "Indiquez la nouvelle date et l’heure.")
            else:
                try:
                    cleaned["starts_at"] = local_datetime(cleaned["new_date"], cleaned["new_time"])
                except SlotProblem as problem:
                    self.add_error("new_time", problem.message)
        return cleaned


def parse_day(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None
