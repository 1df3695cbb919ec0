"""Retention also blanks what the accompaniment, the agenda and the contact requests wrote
about a person, and counts their contacts as contacts."""

import datetime

import pytest
from django.utils import timezone

from accompaniment.models import Diagnosis, DiagnosisDimension, Step
from accompaniment.reference import Dimension
from agenda.models import AppointmentMessage, AppointmentStatus, MessageChannel, MessageKind
from audit.retention import anonymise_person, history_write_allowed, with_last_contact
from directory.models import CallOutcome, ContactCall, ContactRequest
from organisations.models import Neighbourhood
from people.models import Person
from reception.models import IntegrationRequest, RequestTransition
from tests.accompaniment.factories import AccompanimentFactory, ContactFactory
from tests.agenda.factories import AppointmentFactory, past_slot

pytestmark = pytest.mark.django_db


def _diagnosis(accompaniment, comment):
    diagnosis = Diagnosis.objects.create(
        accompaniment=accompaniment, made_on=timezone.localdate(), qualification_level="4"
    )
    DiagnosisDimension.objects.create(
        diagnosis=diagnosis, dimension=Dimension.EMPLOYMENT, comment=comment
    )
    return diagnosis


def test_anonymising_a_person_blanks_the_words_of_the_new_apps():
    accompaniment = AccompanimentFactory()
    person = accompaniment.person
    Step.objects.filter(accompaniment=accompaniment).update(comment="Vit chez sa sœur.")
    diagnosis = _diagnosis(accompaniment, "Sortie de prison en mars.")
    contact = ContactFactory(person=person, summary="Appelée au 06 12 34 56 78.")
    appointment = AppointmentFactory(person=person, centre=person.centre)
    message = AppointmentMessage.objects.create(
        appointment=appointment,
        kind=MessageKind.INVITATION,
        version=appointment.version,
        channel=MessageChannel.SMS,
        recipient="+33612345678",
        body="Bonjour Mme Benali, rendez-vous lundi.",
    )
    neighbourhood = Neighbourhood.objects.filter(centre=person.centre).first()
    request = ContactRequest.objects.create(
        name="Amina Benali",
        phone="+33612345678",
        email="amina@exemple.fr",
        neighbourhood=neighbourhood,
        centre=neighbourhood.centre,
        availability="Le matin, sauf mardi",
        consent=True,
        person=person,
    )
    call = ContactCall.objects.create(
        contact_request=request, outcome=CallOutcome.REACHED, note="Rappeler sa fille au 07…"
    )

    anonymise_person(person)

    step = Step.objects.get(accompaniment=accompaniment)
    assert step.comment == ""
    assert step.kind  # the step stays, for the statistics
    dimension = DiagnosisDimension.objects.get(diagnosis=diagnosis)
    assert dimension.comment == ""
    assert dimension.dimension == Dimension.EMPLOYMENT
    contact.refresh_from_db()
    assert contact.summary == ""
    message.refresh_from_db()
    assert (message.recipient, message.body) == ("", "")
    assert message.channel == MessageChannel.SMS
    call.refresh_from_db()
    assert call.note == ""
    request.refresh_from_db()
    assert (request.name, str(request.phone), request.availability) == ("", "", "")
    assert "amina" not in request.email


def test_steps_diagnoses_partner_contacts_and_honoured_appointments_are_contacts():
    accompaniment = AccompanimentFactory()
    person = accompaniment.person
    long_ago = timezone.now() - datetime.timedelta(days=900)
    Person.objects.filter(pk=person.pk).update(created_at=long_ago)
    Step.objects.filter(accompaniment=accompaniment).update(at=long_ago)
    IntegrationRequest.objects.filter(person=person).update(created_at=long_ago)
    with history_write_allowed():
        RequestTransition.objects.filter(request__person=person).update(at=long_ago)

    def last_contact():
        return with_last_contact(Person.objects.filter(pk=person.pk)).get().last_contact

    assert last_contact() == long_ago

    AppointmentFactory(
        person=person, centre=person.centre, starts_at=past_slot(days=10)
    )  # planned, never honoured: not a contact
    assert last_contact() == long_ago

    seen = AppointmentFactory(
        person=person,
        centre=person.centre,
        starts_at=past_slot(days=20),
        status=AppointmentStatus.SEEN,
    )
    assert last_contact() == seen.starts_at

    diagnosis = _diagnosis(accompaniment, "")
    assert last_contact() == diagnosis.created_at

    contact = ContactFactory(person=person)
    assert last_contact() == contact.created_at
