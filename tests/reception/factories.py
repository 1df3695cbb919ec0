"""Rows for the reception tests: people, visits, requests in any status, hand-offs."""

import factory
from django.utils import timezone

from accounts.models import Role
from reception.models import (
    Handoff,
    IntegrationRequest,
    RequestStatus,
    RequestTransition,
    Visit,
    VisitOutcome,
    VisitReason,
)
from tests.factories import centre
from tests.people.factories import PersonFactory

__all__ = ["HandoffFactory", "PersonFactory", "RequestFactory", "VisitFactory"]


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visit

    at = factory.LazyFunction(timezone.now)
    centre = factory.LazyFunction(lambda: centre("grand-air"))
    site = factory.LazyAttribute(lambda v: v.centre.sites.order_by("position").first())
    person = factory.SubFactory(PersonFactory, centre=factory.SelfAttribute("..centre"))
    reason = VisitReason.INTEGRATION_REQUEST
    outcome = VisitOutcome.INFORMATION_GIVEN

    class Params:
        anonymous = factory.Trait(person=None)


class RequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IntegrationRequest
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory)
    centre = factory.LazyAttribute(lambda r: r.person.centre)
    needs = factory.LazyFunction(lambda: ["trouver-un-emploi"])
    description = "Cherche un emploi dans la restauration."
    status = RequestStatus.NEW

    class Params:
        awaiting = factory.Trait(status=RequestStatus.AWAITING_ANALYSIS)
        accompanied = factory.Trait(status=RequestStatus.IN_ACCOMPANIMENT)
        closed = factory.Trait(status=RequestStatus.CLOSED, closing_reason="Emploi trouvé")

    @factory.post_generation
    def history(obj, create, extracted, **kwargs):
        if create:
            RequestTransition.objects.create(request=obj, from_status="", to_status=obj.status)


class HandoffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Handoff

    person = factory.SubFactory(PersonFactory)
    to_role = Role.COORDINATOR
    to_centre = factory.LazyAttribute(lambda h: h.person.centre)
