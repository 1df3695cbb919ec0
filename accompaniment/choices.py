"""The fixed lists of the accompaniment, with their French labels."""

from django.db import models


class Mode(models.TextChoices):
    INDIVIDUAL = "individual", "Accompagnement individuel"
    COLLECTIVE = "collective", "Accompagnement collectif"


class AccompanimentStatus(models.TextChoices):
    ACTIVE = "active", "En cours"
    PAUSED = "paused", "En pause"
    CLOSED = "closed", "Terminé"


class StepKind(models.TextChoices):
    OPENED = "opened", "Accompagnement démarré"
    PAUSED = "paused", "Accompagnement mis en pause"
    RESUMED = "resumed", "Accompagnement repris"
    RENEWED = "renewed", "Accompagnement renouvelé"
    CLOSED = "closed", "Accompagnement terminé"


class PauseReason(models.TextChoices):
    TRAINING = "training", "En formation"
    TEMPORARY_JOB = "temporary_job", "En emploi temporaire"
    FAMILY = "family", "Contraintes familiales"
    UNAVAILABLE = "unavailable", "Indisponibilité de la personne"
    ABSENT = "absent", "Absence prolongée de la ville"
    OTHER = "other", "Autre (préciser)"


NO_NEWS_MONTHS = 3


class ExitReason(models.TextChoices):
    """Grouped as the funders' grids do (IAE): durable job, transitional job, positive exit."""

    PERMANENT_JOB = "permanent_job", "Emploi durable : CDI"
    FIXED_TERM_LONG = "fixed_term_long", "Emploi durable : CDD ≥ 6 mois"
    FIXED_TERM_SHORT = "fixed_term_short", "Emploi de transition : CDD < 6 mois"
    TRAINING = "training", "Formation qualifiante"
    BUSINESS = "business", "Création d’entreprise"
    HANDED_OVER = "handed_over", "Relais vers une autre structure"
    MOVED = "moved", "Déménagement"
    NO_NEWS = "no_news", f"Sans nouvelles depuis {NO_NEWS_MONTHS} mois"
    OTHER = "other", "Autre (préciser)"


# The "sorties positives" of the bilans, as the funders' grids count them (the IAE's
# "sorties dynamiques"): a job, durable or transitional, a qualifying training, a business.
POSITIVE_EXIT_REASONS = (
    ExitReason.PERMANENT_JOB,
    ExitReason.FIXED_TERM_LONG,
    ExitReason.FIXED_TERM_SHORT,
    ExitReason.TRAINING,
    ExitReason.BUSINESS,
)


class Assessment(models.TextChoices):
    """Each dimension of the diagnosis (Carnet de bord's three levels)."""

    SUPPORT = "support", "Point d’appui"
    NEED = "need", "Besoin"
    UNEXPLORED = "unexplored", "Non exploré"


class ObjectiveStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "En cours"
    DONE = "done", "Réalisé"
    ABANDONED = "abandoned", "Abandonné"


class ActionStatus(models.TextChoices):
    PLANNED = "planned", "En projet"
    IN_PROGRESS = "in_progress", "En cours"
    STANDBY = "standby", "En attente"
    DONE = "done", "Réalisée"
    ABANDONED = "abandoned", "Abandonnée par la personne"
    CANCELLED = "cancelled", "Annulée par la structure"


OPEN_ACTION_STATUSES = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS, ActionStatus.STANDBY)


class ActionOwner(models.TextChoices):
    PERSON = "person", "La personne"
    COUNSELLOR = "counsellor", "La ou le CIP"
    PARTNER = "partner", "Un partenaire"


class OrientationStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposée"
    SENT = "sent", "Envoyée"
    ACCEPTED = "accepted", "Acceptée"
    REFUSED = "refused", "Refusée"
    DONE = "done", "Réalisée"
    NO_FOLLOW_UP = "no_follow_up", "Sans suite"
    EXPIRED = "expired", "Expirée"
    CANCELLED = "cancelled", "Annulée"


AWAITING_ANSWER = (OrientationStatus.SENT,)


class RefusalReason(models.TextChoices):
    """DORA's and les emplois' list."""

    UNREACHABLE = "unreachable", "Personne non joignable"
    NO_SHOW = "no_show", "Personne ne s’étant pas présentée à l’entretien"
    EMPLOYED = "employed", "Personne indisponible : en emploi"
    IN_TRAINING = "in_training", "Personne indisponible : en formation"
    NOT_ELIGIBLE = "not_eligible", "Personne non éligible (ne répond pas aux prérequis)"
    NOT_MOBILE = "not_mobile", "Personne non mobile"
    NOT_INTERESTED = "not_interested", "Personne non intéressée"
    BARRIERS = "barriers", "Un ou plusieurs freins périphériques empêchent de poursuivre"
    FULL = "full", "Session complète"
    DUPLICATE = "duplicate", "Orientation en doublon"
    OTHER = "other", "Autre (détails dans le message)"


class ContactChannel(models.TextChoices):
    PHONE = "phone", "Appel téléphonique"
    MEETING = "meeting", "Rencontre"
    EMAIL = "email", "E-mail"
    VIDEO = "video", "Visioconférence"
    MAIL = "mail", "Courrier"
