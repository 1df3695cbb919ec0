"""Counts for the dashboard panels: how much waits in the user's queues (one query each)."""

from django import template

from accounts.models import Role
from reception.selectors import (
    colleague_handoffs_to,
    contact_requests_for_reception,
    new_requests_for_coordinator,
    open_handoffs_to,
    requests_awaiting_analysis,
)
from reception.views.queue_views import open_handoffs_to_desk

register = template.Library()


@register.simple_tag(takes_context=True)
def queue_count(context, queue: str) -> int:
    user = context["request"].user
    if queue == "reception":
        return open_handoffs_to_desk(user).count() + contact_requests_for_reception(user).count()
    if queue == "coordinator":
        return (
            open_handoffs_to(user, Role.COORDINATOR).count()
            + new_requests_for_coordinator(user).count()
        )
    if queue == "counsellor":
        return requests_awaiting_analysis(user).count()
    if queue == "colleague":
        return colleague_handoffs_to(user).count()
    raise template.TemplateSyntaxError(f"Unknown queue {queue!r}")
