"""First reception: visits at the desk, integration requests and their history, hand-offs."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone

from accounts.models import Role
from reception.needs import need_label


class VisitReason(models.TextChoices):
    INFORMATION = "information", "Information"
    INTEGRATION_REQUEST = "integration_request", "Demande d’accompagnement insertion"
    APPOINTMENT = "appointment", "Rendez-vous"
    WORKSHOP = "workshop", "Atelier"
    OTHER = "other", "Autre"


class VisitOutcome(models.TextChoices):
    INFORMATION_GIVEN = "information_given", "Information donnée"
    HANDED_TO_COORDINATOR = "handed_to_coordinator", "Transmis à la coordination"
    APPOINTMENT_MADE = "appointment_made", "Rendez-vous pris"
    ORIENTED_ELSEWHERE = "oriented_elsewhere", "Orienté·e vers un autre service"


class Visit(models.Model):
    """A passage at the reception desk. Without a person, it is only counted (anonymous)."""

    at = models.DateTimeField("date et heure", default=timezone.now)
    centre = models.ForeignKey(
        "organisations.Centre",
        on_delete=models.PROTECT,
        related_name="visits",
        verbose_name="centre social",
        db_index=False,  # visit_centre_at starts with it
    )
    site = models.ForeignKey(
        "organisations.Site", on_delete=models.PROTECT, related_name="visits", verbose_name="site"
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="agent d’accueil",
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visits",
        verbose_name="personne",
        db_index=False,  # visit_person_at starts with it
    )
    reason = models.CharField("motif", max_length=30, choices=VisitReason.choices)
    outcome = models.CharField("suite donnée", max_length=30, choices=VisitOutcome.choices)

    class Meta:
        verbose_name = "passage à l’accueil"
        verbose_name_plural = "passages à l’accueil"
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["centre", "-at"], name="visit_centre_at"),
            models.Index(fields=["person", "-at"], name="visit_person_at"),
        ]

    def __str__(self):
        return f"Passage du {timezone.localtime(self.at):%d/%m/%Y %H:%M} – {self.site.name}"

    @property
    def is_anonymous(self) -> bool:
        return self.person_id is None


class RequestStatus(models.TextChoices):
    NEW = "new", "Nouvelle"
    AWAITING_ANALYSIS = "awaiting_analysis", "En attente d’analyse"
    IN_ACCOMPANIMENT = "in_accompaniment", "En accompagnement"
    CLOSED = "closed", "Clôturée"


class RequestUrgency(models.TextChoices):
    NORMAL = "normal", "Normale"
    URGENT = "urgent", "Urgente"


class IntegrationRequest(models.Model):
    """A request ("demande") recorded by the coordinator; moves only through `lifecycle`."""

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="integration_requests",
        verbose_name="personne",
        db_index=False,  # request_person starts with it
    )
    centre = models.ForeignKey(
        "organisations.Centre",
        on_delete=models.PROTECT,
        related_name="integration_requests",
        verbose_name="centre social",
        db_index=False,  # the list and queue indexes start with it
    )
    needs = ArrayField(
        models.CharField(max_length=120),
        verbose_name="besoins (thématiques data·inclusion)",
        default=list,
    )
    description = models.TextField("description de la demande", blank=True)
    urgency = models.CharField(
        "urgence", max_length=10, choices=RequestUrgency.choices, default=RequestUrgency.NORMAL
    )
    status = models.CharField(
        "statut", max_length=20, choices=RequestStatus.choices, default=RequestStatus.NEW
    )
    status_changed_at = models.DateTimeField("statut modifié le", default=timezone.now)
    closing_reason = models.CharField("motif de clôture", max_length=300, blank=True)
    renews = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewals",
        verbose_name="renouvelle la demande",
    )
    created_at = models.DateTimeField("enregistrée le", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="enregistrée par",
    )

    class Meta:
        verbose_name = "demande d’accompagnement"
        verbose_name_plural = "demandes d’accompagnement"
        ordering = ["-created_at", "-pk"]
        # Each matches a page's filter and order (EXPLAIN ANALYZE at 1M people in README).
        indexes = [
            # The request list of one centre, newest first; with a status filter.
            models.Index(fields=["centre", "-created_at", "-id"], name="request_list"),
            models.Index(fields=["centre", "status", "-created_at", "-id"], name="request_queue"),
            # The list over several centres (the CIP's three): read in order, centre filtered.
            models.Index(fields=["-created_at", "-id"], name="request_recent"),
            models.Index(fields=["status", "-created_at", "-id"], name="request_status_recent"),
            # The coordinator's queue: new requests, urgent first, then the oldest.
            models.Index(
                fields=["centre", "-urgency", "created_at", "id"],
                condition=Q(status="new"),
                name="request_new_queue",
            ),
            # The CIP's queue across her centres: awaiting analysis, urgent first, oldest.
            models.Index(
                fields=["-urgency", "status_changed_at", "id", "centre"],
                condition=Q(status="awaiting_analysis"),
                name="request_analysis_queue",
            ),
            models.Index(fields=["person", "-created_at"], name="request_person"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="closed") | ~Q(closing_reason=""),
                name="request_closed_has_reason",
            )
        ]

    def __str__(self):
        return f"Demande n° {self.pk} ({self.get_status_display().lower()})"

    @property
    def need_labels(self) -> list[str]:
        return [need_label(code) for code in self.needs]

    @property
    def is_open(self) -> bool:
        return self.status != RequestStatus.CLOSED


class RequestTransition(models.Model):
    """One move of a request's status: dated, signed, with its comment."""

    request = models.ForeignKey(
        IntegrationRequest,
        on_delete=models.CASCADE,
        related_name="transitions",
        verbose_name="demande",
    )
    from_status = models.CharField("de", max_length=20, choices=RequestStatus.choices, blank=True)
    to_status = models.CharField("vers", max_length=20, choices=RequestStatus.choices)
    at = models.DateTimeField("le", default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="par",
    )
    comment = models.CharField("commentaire", max_length=300, blank=True)

    class Meta:
        verbose_name = "changement de statut d’une demande"
        verbose_name_plural = "changements de statut des demandes"
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_from_status_display() or '–'} → {self.get_to_status_display()}"


class TakeOverReason(models.TextChoices):
    """Why a hand-off was taken over without recording a request."""

    INFORMATION_ONLY = "information_only", "La personne voulait seulement une information"
    ORIENTED_ELSEWHERE = "oriented_elsewhere", "Orientée vers un autre service"
    ALREADY_ACCOMPANIED = "already_accompanied", "Déjà accompagnée ailleurs"
    NOT_INTERESTED = "not_interested", "Ne souhaite pas d’accompagnement"
    DUPLICATE = "duplicate", "Transmission en double"


class Handoff(models.Model):
    """ "Transmettre à …": who handed what to whom, and when it was taken over."""

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="handoffs",
        verbose_name="personne",
        db_index=False,  # handoff_person_at starts with it
    )
    visit = models.ForeignKey(
        Visit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="handoffs",
        verbose_name="passage",
    )
    request = models.ForeignKey(
        IntegrationRequest,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="handoffs",
        verbose_name="demande",
    )
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="transmis par",
    )
    # Addressed to a role in a centre (any coordinator of Grand Air), or to one person.
    to_role = models.CharField("à (rôle)", max_length=20, choices=Role.choices)
    to_centre = models.ForeignKey(
        "organisations.Centre",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="à (centre)",
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="à (personne)",
    )
    note = models.CharField("note", max_length=300, blank=True)
    # "Transmettre à un·e collègue": a coordinator or the CIP hands a request to a named
    # colleague (an absence), outside the lifecycle's hand-offs; shown in their own queue.
    to_colleague = models.BooleanField("transmis à un·e collègue", default=False)
    at = models.DateTimeField("le", default=timezone.now)
    taken_at = models.DateTimeField("pris en charge le", null=True, blank=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="pris en charge par",
    )
    # Set when taken over "sans demande": the coordinator says why.
    taken_reason = models.CharField(
        "motif de prise en charge sans demande",
        max_length=30,
        choices=TakeOverReason.choices,
        blank=True,
    )

    class Meta:
        verbose_name = "transmission"
        verbose_name_plural = "transmissions"
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(
                fields=["to_centre", "to_role", "-at"],
                condition=Q(taken_at__isnull=True),
                name="handoff_open_queue",
            ),
            # The person's timeline, newest first.
            models.Index(fields=["person", "-at"], name="handoff_person_at"),
        ]

    def __str__(self):
        return f"Transmission du {timezone.localtime(self.at):%d/%m/%Y %H:%M}"

    @property
    def what(self) -> str:
        if self.request_id:
            return "Demande d’accompagnement"
        if self.visit_id:
            return "Passage à l’accueil"
        return "Dossier"


class VisitDay(models.Model):
    """Visits of one centre on one local day, of which anonymous: the homes' counts.

    Kept exact by a PostgreSQL trigger on `Visit` (reception/counters.py); never written
    by the application.
    """

    centre = models.ForeignKey(
        "organisations.Centre", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    day = models.DateField()
    visits = models.IntegerField(default=0)
    anonymous = models.IntegerField(default=0)

    class Meta:
        verbose_name = "passages d’un jour"
        verbose_name_plural = "passages par jour"
        constraints = [
            models.UniqueConstraint(fields=["centre", "day"], name="visitday_centre_day"),
        ]

    def __str__(self):
        return f"{self.visits} passages le {self.day:%d/%m/%Y}"


class Counter(models.Model):
    """A count per centre: "request:<status>", "handoff:open". Kept exact by triggers
    on the requests and hand-offs (reception/counters.py); never written by the application.
    """

    centre = models.ForeignKey(
        "organisations.Centre", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    key = models.CharField(max_length=40)
    value = models.IntegerField(default=0)

    class Meta:
        verbose_name = "compteur"
        verbose_name_plural = "compteurs"
        constraints = [models.UniqueConstraint(fields=["centre", "key"], name="counter_centre_key")]

    def __str__(self):
        return f"{self.key} : {self.value}"
