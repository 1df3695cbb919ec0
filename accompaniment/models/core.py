"""The accompaniment, its steps, diagnoses, plan and contacts with partners."""

import datetime

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone

from accompaniment.choices import (
    OPEN_ACTION_STATUSES,
    AccompanimentStatus,
    ActionOwner,
    ActionStatus,
    Assessment,
    ContactChannel,
    ExitReason,
    Mode,
    ObjectiveStatus,
    PauseReason,
    StepKind,
)
from accompaniment.reference import (
    Dimension,
    QualificationLevel,
    derived_level,
    situation_labels,
)
from people.choices import NoteVisibility

USER = settings.AUTH_USER_MODEL


def _signed(verbose_name):
    return models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=verbose_name
    )


class Accompaniment(models.Model):
    """A person's accompaniment, opened by the CIP from a request awaiting analysis."""

    # db_index=False: the composite indexes below lead with these columns.
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="accompaniments",
        verbose_name="personne",
        db_index=False,
    )
    request = models.OneToOneField(
        "reception.IntegrationRequest",
        on_delete=models.PROTECT,
        related_name="accompaniment",
        verbose_name="demande",
    )
    centre = models.ForeignKey(
        "organisations.Centre",
        on_delete=models.PROTECT,
        related_name="accompaniments",
        verbose_name="centre social",
        db_index=False,
    )
    referent = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="référent·e",
        db_index=False,
    )
    mode = models.CharField("mode", max_length=20, choices=Mode.choices)
    start_date = models.DateField("date de début")
    review_on = models.DateField("à renouveler le")
    status = models.CharField(
        "statut",
        max_length=10,
        choices=AccompanimentStatus.choices,
        default=AccompanimentStatus.ACTIVE,
    )
    exit_reason = models.CharField(
        "motif de sortie", max_length=20, choices=ExitReason.choices, blank=True
    )
    exit_comment = models.CharField("précision", max_length=300, blank=True)
    end_date = models.DateField("date de fin", null=True, blank=True)
    # Last dated exchange about the person (step, diagnosis, contact): "no contact for 60 days".
    last_contact_on = models.DateField("dernier contact le")
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    created_by = _signed("créé par")

    class Meta:
        verbose_name = "accompagnement"
        verbose_name_plural = "accompagnements"
        ordering = ["-start_date", "-pk"]
        indexes = [
            models.Index(fields=["centre", "status", "-start_date"], name="acc_centre_status"),
            models.Index(fields=["referent", "status", "-start_date"], name="acc_referent_status"),
            models.Index(fields=["person", "-start_date"], name="acc_person"),
            # The list's order, every status and one status: its page of 25 is the first
            # rows of the index, however many accompaniments the centres have.
            models.Index(fields=["-start_date", "-id"], name="acc_list_order"),
            models.Index(fields=["status", "-start_date", "-id"], name="acc_status_list_order"),
            # The homes' "no contact for 60 days".
            models.Index(
                fields=["centre", "last_contact_on"],
                condition=~Q(status="closed"),
                name="acc_open_last_contact",
            ),
            # The home's « sans contact » list over several centres (the CIP's three): read
            # in order, the centres filtered, until ten rows are found.
            models.Index(
                fields=["last_contact_on", "id"],
                condition=~Q(status="closed"),
                name="acc_open_contact_order",
            ),
        ]
        constraints = [
            # One open accompaniment per person: a double submit cannot open two.
            models.UniqueConstraint(
                fields=["person"],
                condition=~Q(status="closed"),
                name="acc_one_open_per_person",
            ),
            models.CheckConstraint(
                condition=Q(status="closed", end_date__isnull=False) & ~Q(exit_reason="")
                | (~Q(status="closed") & Q(end_date__isnull=True)),
                name="acc_closed_has_exit",
            ),
        ]

    def __str__(self):
        return f"Accompagnement n° {self.pk}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("accompaniment:detail", kwargs={"pk": self.pk})

    @property
    def is_closed(self) -> bool:
        return self.status == AccompanimentStatus.CLOSED

    @property
    def is_open(self) -> bool:
        return self.status != AccompanimentStatus.CLOSED

    @property
    def exit_label(self) -> str:
        if not self.exit_reason:
            return ""
        label = self.get_exit_reason_display()
        if self.exit_reason == ExitReason.OTHER and self.exit_comment:
            return f"Autre : {self.exit_comment}"
        return label


class Step(models.Model):
    """One dated, signed step of an accompaniment: opened, paused, resumed, renewed, closed."""

    accompaniment = models.ForeignKey(
        Accompaniment, on_delete=models.CASCADE, related_name="steps", verbose_name="accompagnement"
    )
    kind = models.CharField("étape", max_length=10, choices=StepKind.choices)
    on = models.DateField("date")
    at = models.DateTimeField("enregistrée le", default=timezone.now)
    by = _signed("par")
    reason = models.CharField("motif", max_length=300, blank=True)
    comment = models.CharField("commentaire", max_length=300, blank=True)

    class Meta:
        verbose_name = "étape d’accompagnement"
        verbose_name_plural = "étapes d’accompagnement"
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} le {self.on:%d/%m/%Y}"


class Diagnosis(models.Model):
    """A dated diagnosis. Never overwritten: a later one is a new row, compared to the first."""

    accompaniment = models.ForeignKey(
        Accompaniment,
        on_delete=models.CASCADE,
        related_name="diagnoses",
        verbose_name="accompagnement",
    )
    made_on = models.DateField("réalisé le")
    qualification_level = models.CharField(
        "niveau de qualification (France Travail)",
        max_length=3,
        choices=QualificationLevel.choices,
        blank=True,
    )
    created_at = models.DateTimeField("enregistré le", auto_now_add=True)
    created_by = _signed("par")

    # The form's one-time key: a double submit finds it taken and creates nothing.
    submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = "diagnostic"
        verbose_name_plural = "diagnostics"
        ordering = ["made_on", "pk"]

    def __str__(self):
        return f"Diagnostic du {self.made_on:%d/%m/%Y}"

    @property
    def derived_level(self) -> str:
        return derived_level(self.qualification_level)


class DiagnosisDimension(models.Model):
    diagnosis = models.ForeignKey(
        Diagnosis, on_delete=models.CASCADE, related_name="dimensions", verbose_name="diagnostic"
    )
    dimension = models.CharField("dimension", max_length=20, choices=Dimension.choices)
    assessment = models.CharField(
        "évaluation", max_length=10, choices=Assessment.choices, default=Assessment.UNEXPLORED
    )
    situations = ArrayField(
        models.CharField(max_length=40), verbose_name="situations", default=list, blank=True
    )
    comment = models.TextField("commentaire", blank=True)

    class Meta:
        verbose_name = "dimension du diagnostic"
        verbose_name_plural = "dimensions du diagnostic"
        constraints = [
            models.UniqueConstraint(
                fields=["diagnosis", "dimension"], name="diag_dimension_unique"
            ),
            models.CheckConstraint(
                condition=~Q(dimension="health") | Q(comment=""), name="diag_health_no_comment"
            ),
        ]

    def __str__(self):
        return self.get_dimension_display()

    @property
    def situation_labels(self) -> list[str]:
        return situation_labels(self.situations)


class Objective(models.Model):
    """An objective of the plan, tied to a dimension of the diagnosis (the work area)."""

    accompaniment = models.ForeignKey(
        Accompaniment,
        on_delete=models.CASCADE,
        related_name="objectives",
        verbose_name="accompagnement",
    )
    dimension = models.CharField("dimension", max_length=20, choices=Dimension.choices)
    title = models.CharField("objectif", max_length=200)
    status = models.CharField(
        "statut",
        max_length=12,
        choices=ObjectiveStatus.choices,
        default=ObjectiveStatus.IN_PROGRESS,
    )
    created_at = models.DateTimeField("créé le", default=timezone.now)
    created_by = _signed("par")

    # The form's one-time key: a double submit finds it taken and creates nothing.
    submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = "objectif"
        verbose_name_plural = "objectifs"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.title


class Action(models.Model):
    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, related_name="actions", verbose_name="objectif"
    )
    title = models.CharField("action", max_length=200)
    owner = models.CharField("qui", max_length=12, choices=ActionOwner.choices)
    partner = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="partenaire",
    )
    due_on = models.DateField("échéance")
    status = models.CharField(
        "statut", max_length=12, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    done_on = models.DateField("réalisée le", null=True, blank=True)
    created_at = models.DateTimeField("créée le", default=timezone.now)
    created_by = _signed("par")
    status_changed_at = models.DateTimeField("statut modifié le", default=timezone.now)
    status_changed_by = _signed("statut modifié par")

    # The form's one-time key: a double submit finds it taken and creates nothing.
    submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = "action"
        verbose_name_plural = "actions"
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(
                fields=["due_on"],
                condition=Q(status__in=["planned", "in_progress", "standby"]),
                name="action_open_due",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="done") | Q(done_on__isnull=False), name="action_done_dated"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES

    @property
    def is_late(self) -> bool:
        return self.is_open and self.due_on < datetime.date.today()


class PartnerContact(models.Model):
    """A call, a meeting, an e-mail with a partner, about a person or in general."""

    # db_index=False: contact_centre_date and contact_person_date lead with these columns.
    centre = models.ForeignKey(
        "organisations.Centre",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="centre",
        db_index=False,
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="partner_contacts",
        verbose_name="personne",
        db_index=False,
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="organisation",
    )
    channel = models.CharField("type de contact", max_length=10, choices=ContactChannel.choices)
    happened_on = models.DateField("date")
    with_whom = models.CharField("interlocuteur·rice", max_length=120, blank=True)
    summary = models.TextField("résumé")
    visibility = models.CharField(
        "visible par", max_length=10, choices=NoteVisibility.choices, default=NoteVisibility.TEAM
    )
    created_at = models.DateTimeField("enregistré le", auto_now_add=True)
    created_by = _signed("par")

    # The form's one-time key: a double submit finds it taken and creates nothing.
    submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = "contact avec un partenaire"
        verbose_name_plural = "contacts avec les partenaires"
        ordering = ["-happened_on", "-pk"]
        indexes = [
            models.Index(fields=["centre", "-happened_on"], name="contact_centre_date"),
            models.Index(fields=["person", "-happened_on"], name="contact_person_date"),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} du {self.happened_on:%d/%m/%Y}"


PAUSE_REASON_LABELS = dict(PauseReason.choices)
