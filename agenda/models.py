"""Appointments of the integration team, their history, the messages sent about them,
the staff's calendar feeds and absences.

No double booking: PostgreSQL refuses two overlapping appointments of one staff member,
one person or one room (exclusion constraints on `tstzrange(starts_at, ends_at)`, with
btree_gist), cancelled appointments left out. `agenda.services` turns the refusal into a
French message naming the clashing slot.
"""

import uuid

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeBoundary, RangeOperators
from django.db import models
from django.db.models import Func, Q
from django.utils import timezone


class TsTzRange(Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class Room(models.Model):
    """A room of a site, when the site has several where appointments take place."""

    site = models.ForeignKey(
        "organisations.Site", on_delete=models.CASCADE, related_name="rooms", verbose_name="site"
    )
    name = models.CharField("nom", max_length=80)
    is_active = models.BooleanField("en service", default=True)

    class Meta:
        verbose_name = "salle"
        verbose_name_plural = "salles"
        ordering = ["site", "name"]
        constraints = [models.UniqueConstraint(fields=["site", "name"], name="room_unique_name")]

    def __str__(self):
        return f"{self.name} ({self.site.name})"


class AppointmentKind(models.TextChoices):
    FOLLOW_UP = "follow_up", "Suivi individuel"
    DIAGNOSIS = "diagnosis", "Diagnostic"
    WORKSHOP_SESSION = "workshop_session", "Séance d’atelier"
    PARTNER_MEETING = "partner_meeting", "Rencontre partenaire"


class AppointmentStatus(models.TextChoices):
    # Labels as RDV-Solidarités spells them (config/locales/models/rdv.fr.yml).
    PLANNED = "planned", "Rendez-vous à venir"
    SEEN = "seen", "Rendez-vous honoré"
    NO_SHOW = "no_show", "Absence non excusée"
    EXCUSED = "excused", "Annulé (excusé)"
    CANCELLED = "cancelled", "Annulé (par le service)"


# Statuses that free the slot: left out of the exclusion constraints.
FREEING_STATUSES = (AppointmentStatus.EXCUSED, AppointmentStatus.CANCELLED)
_HOLDS_SLOT = ~Q(status__in=[s.value for s in FREEING_STATUSES])
_RANGE = (TsTzRange("starts_at", "ends_at", RangeBoundary()), RangeOperators.OVERLAPS)


class Appointment(models.Model):
    # Empty for a workshop session only (a CHECK says so): its people are the cycle's
    # enrolments, the session (workshops.Session.appointment) links to them.
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name="personne",
        db_index=False,  # appointment_person_start leads with it, as the others below
    )
    # The person's accompaniment when the appointment belongs to one (set at booking).
    accompaniment = models.ForeignKey(
        "accompaniment.Accompaniment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name="accompagnement",
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="appointments",
        verbose_name="avec",
        db_index=False,
    )
    centre = models.ForeignKey(
        "organisations.Centre",
        on_delete=models.PROTECT,
        related_name="appointments",
        verbose_name="centre social",
        db_index=False,
    )
    site = models.ForeignKey(
        "organisations.Site",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="site",
        db_index=False,
    )
    room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name="salle",
    )
    kind = models.CharField("nature", max_length=20, choices=AppointmentKind.choices)
    starts_at = models.DateTimeField("début")
    duration = models.PositiveSmallIntegerField("durée (minutes)")
    ends_at = models.DateTimeField("fin")
    status = models.CharField(
        "statut",
        max_length=12,
        choices=AppointmentStatus.choices,
        default=AppointmentStatus.PLANNED,
    )
    status_changed_at = models.DateTimeField("statut renseigné le", null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="statut renseigné par",
    )
    status_reason = models.CharField("motif", max_length=300, blank=True)
    arrived_at = models.DateTimeField("arrivée à l’accueil", null=True, blank=True)
    arrived_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="arrivée notée par",
    )
    # Stable calendar identifier: the event stays the same when the appointment moves to a
    # colleague (RDV-Solidarités #3246: duplicated events).
    uid = models.UUIDField("identifiant de calendrier", default=uuid.uuid4, unique=True)
    # Bumped when the slot or the staff member changes: messages are unique per version.
    version = models.PositiveIntegerField("version", default=1)
    reminder_planned_at = models.DateTimeField("rappel préparé le", null=True, blank=True)
    created_at = models.DateTimeField("pris le", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="pris par",
    )

    class Meta:
        verbose_name = "rendez-vous"
        verbose_name_plural = "rendez-vous"
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["staff", "starts_at"], name="appointment_staff_start"),
            models.Index(fields=["site", "starts_at"], name="appointment_site_start"),
            models.Index(fields=["person", "starts_at"], name="appointment_person_start"),
            models.Index(fields=["centre", "starts_at"], name="appointment_centre_start"),
            # The bilans' first appointment after a request (agenda.indicators): one index
            # probe per request of the period, whatever the person's other appointments.
            models.Index(
                fields=["person", "starts_at"],
                condition=Q(kind__in=["follow_up", "diagnosis"])
                & ~Q(status__in=["excused", "cancelled"]),
                name="appointment_first_held",
            ),
            models.Index(
                fields=["staff", "starts_at"],
                condition=Q(status="planned"),
                name="appointment_staff_planned",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="appointment_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(kind=AppointmentKind.WORKSHOP_SESSION),
                name="appointment_person_unless_workshop",
            ),
            ExclusionConstraint(
                name="appointment_no_overlap_staff",
                expressions=[("staff", RangeOperators.EQUAL), _RANGE],
                condition=_HOLDS_SLOT,
            ),
            ExclusionConstraint(
                name="appointment_no_overlap_person",
                expressions=[("person", RangeOperators.EQUAL), _RANGE],
                condition=_HOLDS_SLOT,
            ),
            ExclusionConstraint(
                name="appointment_no_overlap_room",
                expressions=[("room", RangeOperators.EQUAL), _RANGE],
                condition=_HOLDS_SLOT & Q(room__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {timezone.localtime(self.starts_at):%d/%m/%Y %H:%M}"

    @property
    def is_past(self) -> bool:
        return self.starts_at < timezone.now()

    @property
    def to_fill_in(self) -> bool:
        """Past and still "planned": the owner's list shows it as « À renseigner »."""
        return self.status == AppointmentStatus.PLANNED and self.is_past

    @property
    def status_label(self) -> str:
        if self.to_fill_in:
            return "À renseigner"
        if self.status == AppointmentStatus.PLANNED and (
            timezone.localdate(self.starts_at) == timezone.localdate()
        ):
            return "Rendez-vous aujourd’hui"
        return self.get_status_display()

    @property
    def is_cancelled(self) -> bool:
        return self.status in FREEING_STATUSES

    @property
    def is_workshop(self) -> bool:
        """A workshop session: no person, its status follows the session (attendance taken,
        session cancelled), it is moved from the session's page."""
        return self.kind == AppointmentKind.WORKSHOP_SESSION

    @property
    def workshop_label(self) -> str:
        """« Atelier : <cycle> – séance n » (needs `workshop_session__cycle` selected)."""
        session = getattr(self, "workshop_session", None)
        if session is None:
            return "Atelier"
        return f"Atelier : {session.cycle.title} – séance {session.number}"


class EventAction(models.TextChoices):
    BOOKED = "booked", "Rendez-vous pris"
    STATUS = "status", "Statut renseigné"
    MOVED = "moved", "Rendez-vous déplacé"
    REASSIGNED = "reassigned", "Rendez-vous confié à un·e collègue"
    ARRIVED = "arrived", "Arrivée à l’accueil"


class AppointmentEvent(models.Model):
    """One dated and signed change of an appointment: its history and the person's timeline."""

    appointment = models.ForeignKey(
        Appointment,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name="rendez-vous",
        db_index=False,  # appointment_event_at leads with it
    )
    action = models.CharField("action", max_length=12, choices=EventAction.choices)
    from_status = models.CharField("ancien statut", max_length=12, blank=True)
    to_status = models.CharField("nouveau statut", max_length=12, blank=True)
    detail = models.CharField("détail", max_length=300, blank=True)
    at = models.DateTimeField("le", default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="par",
    )

    class Meta:
        verbose_name = "historique d’un rendez-vous"
        verbose_name_plural = "historiques des rendez-vous"
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["appointment", "at"], name="appointment_event_at")]

    def __str__(self):
        return f"{self.get_action_display()} – {self.at:%d/%m/%Y %H:%M}"


class ChannelPreference(models.TextChoices):
    ALL = "all", "E-mail et SMS"
    EMAIL = "email", "E-mail seulement"
    SMS = "sms", "SMS seulement"
    LETTER = "letter", "Courrier seulement"


class ContactPreference(models.Model):
    """How the person wants to hear about appointments; "no SMS" wins over everything."""

    person = models.OneToOneField(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="contact_preference",
        verbose_name="personne",
    )
    channel = models.CharField(
        "recevoir les convocations et rappels par",
        max_length=10,
        choices=ChannelPreference.choices,
        default=ChannelPreference.ALL,
    )
    no_sms = models.BooleanField("ne jamais envoyer de SMS", default=False)
    reminders = models.BooleanField("recevoir un rappel la veille", default=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="modifié par",
    )

    class Meta:
        verbose_name = "préférence de contact"
        verbose_name_plural = "préférences de contact"

    def __str__(self):
        return self.get_channel_display()


class AgendaSettings(models.Model):
    """Per organisation: when the day-before reminders go out."""

    organisation = models.OneToOneField(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="agenda_settings",
        verbose_name="organisation",
    )
    reminder_time = models.TimeField("heure d’envoi des rappels de la veille")

    class Meta:
        verbose_name = "réglages de l’agenda"
        verbose_name_plural = "réglages de l’agenda"

    def __str__(self):
        return f"Rappels à {self.reminder_time:%H:%M} – {self.organisation}"


class MessageKind(models.TextChoices):
    INVITATION = "invitation", "Convocation"
    REMINDER = "reminder", "Rappel"
    CHANGE = "change", "Modification"
    CANCELLATION = "cancellation", "Annulation"


class MessageChannel(models.TextChoices):
    EMAIL = "email", "E-mail"
    SMS = "sms", "SMS"
    LETTER = "letter", "Courrier"


class MessageStatus(models.TextChoices):
    PENDING = "pending", "En attente"
    SENDING = "sending", "Envoi en cours"
    SENT = "sent", "Transmis au fournisseur"
    FAILED = "failed", "Échec"
    INTERRUPTED = "interrupted", "Interrompu : à vérifier"
    SKIPPED = "skipped", "Non envoyé (rendez-vous annulé)"
    TO_PRINT = "to_print", "Courrier à imprimer"
    PRINTED = "printed", "Courrier imprimé"


class AppointmentMessage(models.Model):
    """One message about an appointment: the log of every send and its proof.

    Claimed before the provider is called (`pending` → `sending`, committed), so a job run
    twice, or by two workers, sends once; a row left in `sending` by a worker killed between
    the provider and the recording is never resent: it becomes `interrupted` and shows in
    the admin's list for a person to check.
    """

    appointment = models.ForeignKey(
        Appointment,
        on_delete=models.CASCADE,
        related_name="messages",
        verbose_name="rendez-vous",
        db_index=False,  # appointment_message_appt leads with it
    )
    kind = models.CharField("objet", max_length=12, choices=MessageKind.choices)
    channel = models.CharField("canal", max_length=6, choices=MessageChannel.choices)
    version = models.PositiveIntegerField("version du rendez-vous")
    recipient = models.CharField("destinataire", max_length=254, blank=True)
    body = models.TextField("texte")
    status = models.CharField(
        "état", max_length=12, choices=MessageStatus.choices, default=MessageStatus.PENDING
    )
    created_at = models.DateTimeField("préparé le", default=timezone.now)
    claimed_at = models.DateTimeField("envoi commencé le", null=True, blank=True)
    sent_at = models.DateTimeField("transmis le", null=True, blank=True)
    attempts = models.PositiveSmallIntegerField("tentatives", default=0)
    provider = models.CharField("fournisseur", max_length=60, blank=True)
    provider_answer = models.CharField("réponse du fournisseur", max_length=500, blank=True)

    class Meta:
        verbose_name = "message d’un rendez-vous"
        verbose_name_plural = "messages des rendez-vous"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["appointment", "kind", "channel", "version"],
                name="appointment_message_once",
            )
        ]
        indexes = [
            models.Index(fields=["status", "claimed_at"], name="appointment_message_status"),
            models.Index(fields=["appointment", "-created_at"], name="appointment_message_appt"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} par {self.get_channel_display()}"


class CalendarFeed(models.Model):
    """A staff member's private iCalendar address. Only the token's SHA-256 is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
        verbose_name="agent",
    )
    token_hash = models.CharField("empreinte du jeton", max_length=64, unique=True)
    include_initials = models.BooleanField("afficher les initiales des personnes", default=False)
    created_at = models.DateTimeField("créé le", default=timezone.now)
    revoked_at = models.DateTimeField("révoqué le", null=True, blank=True)

    class Meta:
        verbose_name = "agenda partagé (iCalendar)"
        verbose_name_plural = "agendas partagés (iCalendar)"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="calendar_feed_one_active",
            )
        ]

    def __str__(self):
        return f"Agenda iCalendar de {self.user}"


class Absence(models.Model):
    """A staff member away over a period: her appointments in it are to move or cancel."""

    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="absences",
        verbose_name="agent absent·e",
    )
    starts_on = models.DateField("du")
    ends_on = models.DateField("au")
    created_at = models.DateTimeField("saisie le", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="saisie par",
    )

    class Meta:
        verbose_name = "absence"
        verbose_name_plural = "absences"
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="absence_period"
            )
        ]

    def __str__(self):
        return f"Absence du {self.starts_on:%d/%m/%Y} au {self.ends_on:%d/%m/%Y}"
