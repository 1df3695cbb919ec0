"""Collective workshops: a theme catalogue, cycles of sessions, enrolments, attendance and
the facilitator's evaluation after each session."""

import datetime

from django.conf import settings
from django.db import models

from parcours.validators import validate_free_text

# What the cycle form proposes for every session: 14 h, for two hours.
DEFAULT_START_TIME = datetime.time(14, 0)
DEFAULT_DURATION = 120


class Theme(models.Model):
    """A theme of the catalogue (remobilisation toward work and training)."""

    title = models.CharField("titre", max_length=150, unique=True)
    goals = models.TextField("objectifs", blank=True)
    outline = models.TextField("déroulé", blank=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "thème d’atelier"
        verbose_name_plural = "thèmes d’atelier"
        ordering = ["position", "title"]

    def __str__(self):
        return self.title


class Cycle(models.Model):
    centre = models.ForeignKey(
        "organisations.Centre",
        on_delete=models.PROTECT,
        related_name="workshop_cycles",
        verbose_name="centre social",
        db_index=False,  # workshops_cycle_list leads with it
    )
    site = models.ForeignKey(
        "organisations.Site", on_delete=models.PROTECT, related_name="+", verbose_name="lieu"
    )
    title = models.CharField("titre", max_length=150)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="workshop_cycles", verbose_name="animateur·rices"
    )
    starts_on = models.DateField("date de la première séance")
    capacity = models.PositiveSmallIntegerField("nombre de places")
    session_count = models.PositiveSmallIntegerField("nombre de séances", default=7)
    themes_validated_on = models.DateField("thèmes validés avec le groupe le", null=True)
    # The room of the site where the sessions take place (agenda rooms, no double booking).
    room = models.ForeignKey(
        "agenda.Room",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="workshop_cycles",
        verbose_name="salle",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("ouvert le", auto_now_add=True)
    # Cancelled: its sessions to come are cancelled in the agenda; nobody enrols any more.
    cancelled_at = models.DateTimeField("annulé le", null=True, blank=True)

    class Meta:
        verbose_name = "cycle d’ateliers"
        verbose_name_plural = "cycles d’ateliers"
        indexes = [models.Index(fields=["centre", "-starts_on"], name="workshops_cycle_list")]

    def __str__(self):
        return self.title


class Session(models.Model):
    # db_index=False: workshops_session_number (cycle, number) leads with it.
    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="sessions", db_index=False
    )
    number = models.PositiveSmallIntegerField("séance n°")
    on = models.DateField("date")
    start_time = models.TimeField("heure de début", db_default=DEFAULT_START_TIME)
    duration = models.PositiveSmallIntegerField("durée (minutes)", db_default=DEFAULT_DURATION)
    # The session in the agenda: the lead facilitator's slot, the site and room (exclusion
    # constraints against double booking); the co-facilitators see it too.
    appointment = models.OneToOneField(
        "agenda.Appointment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshop_session",
        verbose_name="rendez-vous de l’agenda",
    )
    planned_theme = models.ForeignKey(
        Theme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="thème prévu",
    )
    theme = models.ForeignKey(
        Theme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="thème",
    )
    attendance_taken_at = models.DateTimeField("présences saisies le", null=True)
    what_worked = models.TextField("ce qui a fonctionné", blank=True)
    adjustments = models.TextField("ajustements décidés", blank=True)
    # The code participants type on the public feedback form (workshops.feedback); given
    # the first time the facilitator's pages show it.
    feedback_code = models.CharField(
        "code de l’avis en ligne", max_length=8, null=True, blank=True, unique=True
    )

    class Meta:
        verbose_name = "séance"
        ordering = ["cycle", "number"]
        # The sessions to come (their cycles are the open ones: workshops/queue.py).
        indexes = [models.Index(fields=["on", "cycle"], name="workshops_session_to_come")]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "number"], name="workshops_session_number")
        ]

    def __str__(self):
        return f"Séance {self.number}"

    @property
    def is_cancelled(self) -> bool:
        appointment = self.appointment
        return appointment is not None and appointment.is_cancelled


class ThemeChangeKind(models.TextChoices):
    PROPOSED = "proposed", "Proposé"
    VALIDATED = "validated", "Validé avec le groupe"
    ADJUSTED = "adjusted", "Ajusté"


class ThemeChange(models.Model):
    """Every change of a session's theme: when, by whom, why (planned vs done)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField("étape", max_length=20, choices=ThemeChangeKind.choices)
    old_theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, null=True, related_name="+", verbose_name="ancien thème"
    )
    new_theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, null=True, related_name="+", verbose_name="nouveau thème"
    )
    reason = models.CharField("motif", max_length=300, blank=True)
    at = models.DateTimeField("le", auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} : {self.new_theme}"


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", "Inscrit·e"
    WAITING = "waiting", "Liste d’attente"
    WITHDRAWN = "withdrawn", "Désinscrit·e"


class Enrolment(models.Model):
    # db_index=False: workshops_one_enrolment (cycle, person) leads with it.
    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="enrolments", db_index=False
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="workshop_enrolments"
    )
    status = models.CharField("statut", max_length=20, choices=EnrolmentStatus.choices)
    # The person's open accompaniment at enrolment: the cycle is part of it.
    accompaniment = models.ForeignKey(
        "accompaniment.Accompaniment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshop_enrolments",
        verbose_name="accompagnement",
    )
    enrolled_at = models.DateTimeField("inscrit·e le", auto_now_add=True)
    status_changed_at = models.DateTimeField("statut changé le", auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The request from whose queue card the person was enrolled, if any.
    request = models.ForeignKey(
        "reception.IntegrationRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshop_enrolments",
        verbose_name="demande",
    )

    class Meta:
        verbose_name = "inscription à un atelier"
        ordering = ["enrolled_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "person"], name="workshops_one_enrolment")
        ]
        indexes = [models.Index(fields=["cycle", "status", "enrolled_at"], name="workshops_enr")]

    def __str__(self):
        return self.get_status_display()


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Présent·e"
    EXCUSED = "excused", "Absent·e excusé·e"
    UNEXCUSED = "unexcused", "Absent·e non excusé·e"


class Attendance(models.Model):
    # db_index=False: workshops_attendance_once (session, enrolment) leads with it.
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="attendances", db_index=False
    )
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendances")
    status = models.CharField("présence", max_length=20, choices=AttendanceStatus.choices)
    recorded_at = models.DateTimeField("saisie le", auto_now=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrolment"], name="workshops_attendance_once"
            )
        ]

    def __str__(self):
        return self.get_status_display()


SCORES = [(1, "1 – pas du tout"), (2, "2 – un peu"), (3, "3 – bien"), (4, "4 – très bien")]


class FeedbackSource(models.TextChoices):
    PAPER = "paper", "Fiche papier saisie"
    PUBLIC_FORM = "public_form", "Formulaire en ligne"


class Feedback(models.Model):
    """A participant's anonymous feedback on a session: typed from paper by the facilitator,
    or sent on the public form with the session's code (then `by` is empty). No name."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="feedback")
    score = models.PositiveSmallIntegerField(
        "appréciation",
        choices=SCORES,
    )
    comment = models.TextField(
        "commentaire", blank=True, max_length=1000, validators=[validate_free_text]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    source = models.CharField(
        "origine",
        max_length=20,
        choices=FeedbackSource.choices,
        default=FeedbackSource.PAPER,
        db_default=FeedbackSource.PAPER,
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.score}/4"


class Meeting(models.Model):
    """A coordination meeting of a centre's coordinators and the CIP (sometimes partners)."""

    centre = models.ForeignKey(
        "organisations.Centre",
        on_delete=models.PROTECT,
        related_name="coordination_meetings",
        verbose_name="centre social",
        db_index=False,  # workshops_meeting_list leads with it
    )
    held_on = models.DateField("date")
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="coordination_meetings",
        verbose_name="participant·es",
    )
    guests = models.CharField("autres participant·es (partenaires)", max_length=300, blank=True)
    agenda = models.TextField("ordre du jour", blank=True)
    minutes = models.TextField("compte rendu", blank=True)
    decisions = models.TextField("décisions", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "réunion de coordination"
        verbose_name_plural = "réunions de coordination"
        indexes = [models.Index(fields=["centre", "-held_on"], name="workshops_meeting_list")]

    def __str__(self):
        return f"Réunion du {self.held_on:%d/%m/%Y}"


class ActionItem(models.Model):
    """An action decided in a meeting: carried to the next meetings until done."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    title = models.CharField("action", max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="responsable",
    )
    due_on = models.DateField("échéance")
    done_at = models.DateTimeField("faite le", null=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "action à mener"
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.title


class MeetingPerson(models.Model):
    """A person discussed in a coordination meeting, linked to their file. Shown by name only
    to the viewers who may see that file (workshops.meeting_people)."""

    # db_index=False: workshops_meeting_person (meeting, person) leads with it.
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="people", db_index=False
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="coordination_meetings"
    )
    note = models.CharField("note", max_length=300, blank=True, validators=[validate_free_text])
    added_at = models.DateTimeField("ajoutée le", auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "personne évoquée en réunion"
        verbose_name_plural = "personnes évoquées en réunion"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="workshops_meeting_person")
        ]

    def __str__(self):
        return f"Personne évoquée ({self.meeting})"
