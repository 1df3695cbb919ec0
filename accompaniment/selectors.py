"""Scoped reads of the accompaniment, each a constant number of queries."""

import datetime

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accompaniment.choices import (
    OPEN_ACTION_STATUSES,
    AccompanimentStatus,
    OrientationStatus,
)
from accompaniment.models import (
    Accompaniment,
    Action,
    Diagnosis,
    DiagnosisDimension,
    Objective,
    Orientation,
    PartnerService,
)
from organisations.models import Organisation
from parcours.permissions import (
    accompaniments_visible_to,
    orientations_received_by,
    partner_contacts_visible_to,
)

NO_CONTACT_DAYS = 60


def _count_of(rows, outer: str):
    """The number of `rows` for the outer row (`outer` names its FK path): a correlated
    subquery, which PostgreSQL evaluates after ORDER BY … LIMIT, for the page's rows only."""
    counted = rows.order_by().values(outer).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def accompaniments_listed_for(user, *, status="", centre_id=None, referent_id=None):
    """The user's accompaniments with what needs attention, counted in the same query for
    the rows of the page only (the counts come after the sort and the page's LIMIT)."""
    today = timezone.localdate()
    rows = accompaniments_visible_to(user).select_related("person", "centre", "referent")
    if status:
        rows = rows.filter(status=status)
    if centre_id:
        rows = rows.filter(centre_id=centre_id)
    if referent_id:
        rows = rows.filter(referent_id=referent_id)
    late = Action.objects.filter(
        objective__accompaniment=OuterRef("pk"),
        status__in=OPEN_ACTION_STATUSES,
        due_on__lt=today,
    )
    awaiting = Orientation.objects.filter(
        accompaniment=OuterRef("pk"), status=OrientationStatus.SENT
    )
    return rows.annotate(
        late_actions=_count_of(late, "objective__accompaniment"),
        awaiting_orientations=_count_of(awaiting, "accompaniment"),
    ).order_by("-start_date", "-pk")


OPEN_COUNT_CAP = 1000


def attention_for(user) -> dict:
    """The home's three lists, open accompaniments only (bounded to a few rows each)."""
    today = timezone.localdate()
    open_ = accompaniments_visible_to(user).exclude(status=AccompanimentStatus.CLOSED)
    late_actions = list(
        Action.objects.filter(
            objective__accompaniment__in=open_,
            status__in=OPEN_ACTION_STATUSES,
            due_on__lt=today,
        )
        .select_related("objective__accompaniment__person")
        .order_by("due_on", "pk")[:10]
    )
    awaiting = list(
        Orientation.objects.filter(accompaniment__in=open_, status=OrientationStatus.SENT)
        .select_related("accompaniment__person", "service", "organisation")
        .order_by("sent_at", "pk")[:10]
    )
    expired = list(
        Orientation.objects.filter(
            accompaniment__in=open_,
            status=OrientationStatus.EXPIRED,
            status_changed_at__gte=timezone.now() - datetime.timedelta(days=30),
        )
        .select_related("accompaniment__person", "service")
        .order_by("-status_changed_at", "-pk")[:10]
    )
    silent = list(
        open_.filter(last_contact_on__lt=today - datetime.timedelta(days=NO_CONTACT_DAYS))
        .select_related("person")
        .order_by("last_contact_on", "pk")[:10]
    )
    return {
        # Counted up to a bound (a CIP follows tens of people, not thousands): the home's
        # cost does not grow with the centres' history.
        "open_count": open_.order_by().values("pk")[: OPEN_COUNT_CAP + 1].count(),
        "open_count_cap": OPEN_COUNT_CAP,
        "late_actions": late_actions,
        "awaiting_orientations": awaiting,
        "expired_orientations": expired,
        "silent": silent,
        "no_contact_days": NO_CONTACT_DAYS,
    }


def accompaniment_for(user, pk) -> Accompaniment:
    """One accompaniment with everything its page shows, or 404 outside the user's scope."""
    actions = Action.objects.select_related("partner").order_by("due_on", "pk")
    return get_object_or_404(
        accompaniments_visible_to(user)
        .select_related("person", "centre", "referent", "request", "created_by")
        .prefetch_related(
            Prefetch("steps", queryset=_steps()),
            Prefetch("diagnoses", queryset=Diagnosis.objects.select_related("created_by")),
            Prefetch(
                "objectives",
                queryset=Objective.objects.prefetch_related(Prefetch("actions", queryset=actions)),
            ),
            Prefetch(
                "orientations",
                queryset=Orientation.objects.select_related(
                    "service", "organisation", "objective"
                ).order_by("-created_at", "-pk"),
            ),
        ),
        pk=pk,
    )


def _steps():
    from accompaniment.models import Step

    return Step.objects.select_related("by").order_by("-at", "-pk")


def diagnosis_for(user, pk) -> Diagnosis:
    return get_object_or_404(
        Diagnosis.objects.filter(accompaniment__in=accompaniments_visible_to(user))
        .select_related("accompaniment__person", "accompaniment__centre", "created_by")
        .prefetch_related(Prefetch("dimensions", queryset=DiagnosisDimension.objects.all())),
        pk=pk,
    )


def first_diagnosis(diagnosis) -> Diagnosis | None:
    """The first diagnosis of the accompaniment, when this one is a later one."""
    first = (
        Diagnosis.objects.filter(accompaniment_id=diagnosis.accompaniment_id)
        .prefetch_related("dimensions")
        .order_by("made_on", "pk")
        .first()
    )
    return None if first is None or first.pk == diagnosis.pk else first


def objective_for(user, pk) -> Objective:
    return get_object_or_404(
        Objective.objects.filter(accompaniment__in=accompaniments_visible_to(user)).select_related(
            "accompaniment__person", "accompaniment__centre"
        ),
        pk=pk,
    )


def action_for(user, pk) -> Action:
    return get_object_or_404(
        Action.objects.filter(
            objective__accompaniment__in=accompaniments_visible_to(user)
        ).select_related("objective__accompaniment__person", "objective__accompaniment__centre"),
        pk=pk,
    )


def orientation_for(user, pk) -> Orientation:
    """Staff side: an orientation of one of the user's accompaniments."""
    return get_object_or_404(
        Orientation.objects.filter(accompaniment__in=accompaniments_visible_to(user))
        .select_related(
            "accompaniment__person",
            "accompaniment__centre",
            "service",
            "organisation",
            "objective",
            "reorients__service",
            "created_by",
        )
        .prefetch_related("events__by", "links", "reorientations"),
        pk=pk,
    )


def received_orientations(user):
    """Partner side: the orientations sent to the user's organisation, newest first."""
    return (
        orientations_received_by(user)
        .select_related("service", "accompaniment__centre")
        .order_by("-sent_at", "-pk")
    )


def received_orientation(user, pk) -> Orientation:
    return get_object_or_404(
        orientations_received_by(user).select_related(
            "service",
            "organisation",
            "accompaniment__centre",
            "accompaniment__person",
            "accompaniment__referent",
        ),
        pk=pk,
    )


def active_services():
    return PartnerService.objects.filter(
        is_active=True, organisation__is_partner=True
    ).select_related("organisation")


def partner_organisations():
    return Organisation.objects.filter(is_partner=True).order_by("name")


def age_on(birth_date, day) -> int | None:
    if birth_date is None:
        return None
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def suggested_services(person) -> list[tuple[PartnerService, str]]:
    """Services the person's age or situation point to: a 22-year-old, the mission locale
    (16–25); an RSA recipient, the city's RSA project."""
    age = age_on(person.birth_date, timezone.localdate())
    suggestions = []
    for service in active_services().order_by("organisation__name", "name"):
        has_ages = service.min_age or service.max_age
        if (
            has_ages
            and age is not None
            and (service.min_age or 0) <= age <= (service.max_age or 200)
        ):
            suggestions.append((service, f"{age} ans : public {service.age_label}"))
            continue
        if service.for_rsa_recipients and "rsa" in (person.resources or []):
            suggestions.append((service, "Allocataire du RSA"))
    return suggestions


def contacts_listed_for(user, *, person=None):
    rows = partner_contacts_visible_to(user).select_related(
        "organisation", "person", "created_by", "centre"
    )
    if person is not None:
        rows = rows.filter(person=person)
    return rows.order_by("-happened_on", "-pk")


def has_open_accompaniment(person):
    return Accompaniment.objects.filter(person=person).exclude(status=AccompanimentStatus.CLOSED)


def orientations_to_answer(user) -> dict:
    """The partner's home: how many orientations wait for an answer, the oldest first."""
    waiting = received_orientations(user).filter(status=OrientationStatus.SENT)
    accepted = received_orientations(user).filter(status=OrientationStatus.ACCEPTED)
    return {
        "count": waiting.count(),
        "oldest": list(waiting.order_by("sent_at", "pk")[:10]),
        "accepted_count": accepted.count(),
    }
