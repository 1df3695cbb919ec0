"""Rows for the accompaniment tests, built through the services where the story matters."""

import datetime
from pathlib import Path

import factory
from django.utils import timezone

from accompaniment.choices import (
    AccompanimentStatus,
    ActionOwner,
    ContactChannel,
    Mode,
    OrientationStatus,
    StepKind,
)
from accompaniment.models import (
    Accompaniment,
    Action,
    Objective,
    Orientation,
    PartnerContact,
    PartnerService,
    Step,
)
from accompaniment.reference import Dimension
from accompaniment.service_import import import_services
from tests.factories import UserFactory, organisation
from tests.people.factories import PersonFactory
from tests.reception.factories import RequestFactory

SERVICES_JSON = Path(__file__).parent / "services.json"


def load_services():
    """The demo services of the five partners (a data·inclusion v1 file copied here)."""
    report = import_services(SERVICES_JSON.read_bytes(), dry_run=False)
    assert report.ok, report.errors
    return {s.organisation.slug: s for s in PartnerService.objects.select_related("organisation")}


class AccompanimentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Accompaniment
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory)
    request = factory.SubFactory(
        RequestFactory, person=factory.SelfAttribute("..person"), accompanied=True
    )
    centre = factory.LazyAttribute(lambda a: a.person.centre)
    referent = factory.SubFactory(UserFactory)
    mode = Mode.INDIVIDUAL
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    review_on = factory.LazyAttribute(lambda a: a.start_date + datetime.timedelta(days=182))
    last_contact_on = factory.LazyAttribute(lambda a: a.start_date)
    status = AccompanimentStatus.ACTIVE

    @factory.post_generation
    def history(obj, create, extracted, **kwargs):
        if create:
            Step.objects.create(accompaniment=obj, kind=StepKind.OPENED, on=obj.start_date)


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    accompaniment = factory.SubFactory(AccompanimentFactory)
    dimension = Dimension.EMPLOYMENT
    title = "Trouver un emploi"


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    objective = factory.SubFactory(ObjectiveFactory)
    title = "Mettre à jour le CV"
    owner = ActionOwner.PERSON
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerService

    organisation = factory.LazyFunction(lambda: organisation("mission-locale"))
    name = "Accompagnement des jeunes"
    min_age = 16
    max_age = 25
    contact_email = "orientations@mission-locale.exemple.fr"


class OrientationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Orientation

    accompaniment = factory.SubFactory(AccompanimentFactory)
    service = factory.SubFactory(ServiceFactory)
    organisation = factory.LazyAttribute(lambda o: o.service.organisation)
    reason = "Recherche d’un premier emploi."
    status = OrientationStatus.SENT
    sent_at = factory.LazyFunction(timezone.now)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerContact

    centre = factory.LazyAttribute(lambda c: c.person.centre if c.person else None)
    person = factory.SubFactory(PersonFactory)
    organisation = factory.LazyFunction(lambda: organisation("france-travail"))
    channel = ContactChannel.PHONE
    happened_on = factory.LazyFunction(timezone.localdate)
    summary = "Point sur l’inscription."
