"""Scoped reads of the workshops."""

from django.db.models import Avg, Count, Q
from django.shortcuts import get_object_or_404

from parcours.permissions import cycles_visible_to
from workshops.models import AttendanceStatus, EnrolmentStatus, FeedbackSource, Session


def get_cycle_for_user(user, pk):
    return get_object_or_404(cycles_visible_to(user).select_related("centre", "site"), pk=pk)


def get_session_for_user(user, cycle_pk, number):
    return get_object_or_404(
        Session.objects.filter(cycle__in=cycles_visible_to(user).values("pk")).select_related(
            "cycle", "theme", "planned_theme", "appointment__room", "appointment__staff"
        ),
        cycle_id=cycle_pk,
        number=number,
    )


def sessions_with_figures(cycle):
    """The cycle's sessions with their attendance and feedback figures, in one query."""
    return (
        cycle.sessions.select_related("theme", "planned_theme", "appointment")
        .annotate(
            present=Count(
                "attendances",
                filter=Q(attendances__status=AttendanceStatus.PRESENT),
                distinct=True,
            ),
            recorded=Count("attendances", distinct=True),
            feedback_count=Count("feedback", distinct=True),
            online_count=Count(
                "feedback", filter=Q(feedback__source=FeedbackSource.PUBLIC_FORM), distinct=True
            ),
            feedback_average=Avg("feedback__score"),
        )
        .order_by("number")
    )


def enrolments_of(cycle, status):
    return (
        cycle.enrolments.filter(status=status)
        .select_related("person")
        .order_by("enrolled_at", "pk")
    )


def participants_of(cycle):
    return enrolments_of(cycle, EnrolmentStatus.ENROLLED).order_by(
        "person__last_name", "person__first_name", "pk"
    )


def exits_of(user, person_ids):
    """Where the participants went next: their closed accompaniments by exit reason
    (counts only), read through the accompaniments the user may see."""
    from accompaniment.choices import AccompanimentStatus, ExitReason
    from parcours.permissions import accompaniments_visible_to

    rows = (
        accompaniments_visible_to(user)
        .filter(person_id__in=person_ids, status=AccompanimentStatus.CLOSED)
        .values("exit_reason")
        .annotate(count=Count("pk"))
        .order_by("-count", "exit_reason")
    )
    labels = dict(ExitReason.choices)
    return [(labels.get(row["exit_reason"], row["exit_reason"]), row["count"]) for row in rows]


def enrolments_of_accompaniment(user, accompaniment):
    """The cycles the person joined within this accompaniment, with her attendance counts
    and whether the user may open the cycle: one query, whatever the number of cycles."""
    from django.db.models import Exists, OuterRef

    from workshops.models import Enrolment

    return (
        Enrolment.objects.filter(accompaniment=accompaniment)
        .select_related("cycle")
        .annotate(
            present=Count("attendances", filter=Q(attendances__status=AttendanceStatus.PRESENT)),
            recorded=Count("attendances"),
            cycle_visible=Exists(cycles_visible_to(user).filter(pk=OuterRef("cycle_id"))),
        )
        .order_by("-enrolled_at", "-pk")
    )
