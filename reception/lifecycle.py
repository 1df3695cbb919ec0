"""The one place that says how a request's status may move, and who may move it.

new ──transmettre à la CIP──▶ awaiting_analysis ──démarrer l’accompagnement──▶ in_accompaniment
 │                                 │   ▲                                             │
 └──────────────clôturer───────────┴───┼─────────────────────────────────────────────┘──▶ closed
                                       └──────────────────rouvrir───────────────────────────┘

Roles are checked against the request's centre: the coordinator of Grand Air moves
Grand Air's requests, the CIP moves the requests of the centres she serves.
"""

from dataclasses import dataclass

from accounts.models import Role
from reception.models import RequestStatus


@dataclass(frozen=True)
class Transition:
    name: str
    label: str  # the button
    sources: frozenset
    target: str
    roles: frozenset
    needs_comment: bool = False  # closing asks a reason
    hands_over_to: str | None = None  # the role that receives the request
    # A transition with a page of its own (URL name taking the request's pk as `request_pk`):
    # "start" opens the accompaniment (accompaniment.services.open_accompaniment), which
    # moves the request through this lifecycle in the same transaction.
    page: str = ""


TRANSITIONS = {
    t.name: t
    for t in [
        Transition(
            name="submit",
            label="Transmettre à la CIP",
            sources=frozenset({RequestStatus.NEW}),
            target=RequestStatus.AWAITING_ANALYSIS,
            roles=frozenset({Role.COORDINATOR}),
            hands_over_to=Role.COUNSELLOR,
        ),
        Transition(
            name="start",
            label="Démarrer l’accompagnement",
            sources=frozenset({RequestStatus.AWAITING_ANALYSIS}),
            target=RequestStatus.IN_ACCOMPANIMENT,
            roles=frozenset({Role.COUNSELLOR}),
            page="accompaniment:open",
        ),
        Transition(
            name="close",
            label="Clôturer la demande",
            sources=frozenset(
                {RequestStatus.NEW, RequestStatus.AWAITING_ANALYSIS, RequestStatus.IN_ACCOMPANIMENT}
            ),
            target=RequestStatus.CLOSED,
            roles=frozenset({Role.COORDINATOR, Role.COUNSELLOR}),
            needs_comment=True,
        ),
        Transition(
            name="reopen",
            label="Rouvrir la demande",
            sources=frozenset({RequestStatus.CLOSED}),
            target=RequestStatus.AWAITING_ANALYSIS,
            roles=frozenset({Role.COORDINATOR, Role.COUNSELLOR}),
        ),
    ]
}


def available_from(status: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if status in t.sources]
