"""Files are anonymised N months after the last recorded contact; other data has its period."""

import datetime

from django.apps import apps
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.management import call_command
from django.db import models
from django.utils import timezone

from audit.models import AccessLog, RetentionPolicy, RetentionRun
from audit.retention import PERSONAL_DATA, anonymise_person, plan, run, with_last_contact
from audit.services import log_reads
from directory.models import ContactRequest
from people.models import Note, Person, PersonChange
from people.services import update_person
from reception.models import IntegrationRequest, Visit
from tests.factories import organisation
from tests.people.factories import NoteFactory, PersonFactory
from tests.reception.factories import RequestFactory, VisitFactory

NOW = timezone.now()


def _ago(days):
    return NOW - datetime.timedelta(days=days)


def _old_person(days=800, **kwargs):
    """A file created `days` ago, with nothing recorded since."""
    person = PersonFactory(**kwargs)
    Person.objects.filter(pk=person.pk).update(created_at=_ago(days))
    return person


def test_last_contact_is_the_latest_recorded_action_never_updated_at(db):
    person = _old_person()
    visit = VisitFactory(person=person, at=_ago(100))
    Person.objects.filter(pk=person.pk).update(updated_at=NOW)  # a technical touch
    annotated = with_last_contact(Person.objects.filter(pk=person.pk)).get()
    assert annotated.last_contact == visit.at


def test_a_file_without_contact_for_24_months_is_anonymised_keeping_statistics(
    db, coordinator_grand_air
):
    person = _old_person(days=800, first_name="Amina", last_name="Benali", phone="+33612345678")
    Note.objects.create(person=person, author=coordinator_grand_air, text="Cherche un CDI.")
    Note.objects.filter(person=person).update(created_at=_ago(790))
    request = RequestFactory(person=person, description="Veut travailler en cuisine.")
    IntegrationRequest.objects.filter(pk=request.pk).update(created_at=_ago(790))
    update_person(person, by=coordinator_grand_air, address="3 rue de Paris")
    VisitFactory(person=person, at=_ago(780))
    recent = PersonFactory()  # created today

    report = _run_with_old_history(person)

    person.refresh_from_db()
    assert person.anonymised_at is not None
    assert (person.first_name, person.last_name, str(person.phone), person.address) == (
        "",
        "",
        "",
        "",
    )
    assert person.birth_date.month == 1 and person.birth_date.day == 1
    assert Note.objects.get(person=person).text == ""
    assert IntegrationRequest.objects.get(pk=request.pk).description == ""
    assert all(c.old_value == c.new_value == "" for c in PersonChange.objects.filter(person=person))
    # Anonymous statistics stay: the visit and the request are still counted.
    assert Visit.objects.filter(person=person).count() == 1
    assert IntegrationRequest.objects.filter(person=person).count() == 1
    assert f"Fiche n° {person.pk} rendue anonyme" in report.report
    assert Person.objects.get(pk=recent.pk).anonymised_at is None


def _run_with_old_history(person):
    """Age the history the services just wrote (the trigger lets the retention path do it)."""
    from audit.retention import history_write_allowed
    from reception.models import RequestTransition

    with history_write_allowed():
        PersonChange.objects.filter(person=person).update(changed_at=_ago(780))
        RequestTransition.objects.filter(request__person=person).update(at=_ago(790))
    return run(dry_run=False)


def test_an_anonymised_file_disappears_from_search_and_file_pages(client, reception_grand_air):
    person = PersonFactory(last_name="Oubliée")
    anonymise_person(person)
    client.force_login(reception_grand_air)
    assert client.get(f"/personnes/{person.pk}/").status_code == 404


def test_the_organisation_chooses_its_period(db):
    RetentionPolicy.objects.create(organisation=organisation("ville-de-montreuil"), months=6)
    person = _old_person(days=200)
    assert [p.pk for p, _ in plan().anonymise] == [person.pk]


def test_the_referent_is_warned_a_month_before_once(db, coordinator_grand_air, run_worker):
    person = _old_person(days=715, referent=coordinator_grand_air)
    run(dry_run=False)
    run(dry_run=False)
    run_worker()
    assert [m.to for m in mail.outbox] == [[coordinator_grand_air.email]]
    message = mail.outbox[0]
    assert f"n° {person.pk}" in message.body
    assert person.last_name not in message.subject + message.body
    person.refresh_from_db()
    assert person.anonymised_at is None


def test_dry_run_says_what_it_would_do_and_changes_nothing(db, capsys):
    person = _old_person()
    call_command("retention", "--dry-run")
    out = capsys.readouterr().out
    assert f"Fiche n° {person.pk} serait rendue anonyme" in out
    person.refresh_from_db()
    assert person.anonymised_at is None
    assert RetentionRun.objects.get().dry_run is True


def test_other_data_have_their_own_periods(db, coordinator_grand_air):
    from django.contrib.sessions.backends.db import SessionStore

    from organisations.models import Neighbourhood

    where = {"centre": _centre(), "neighbourhood": Neighbourhood.objects.first()}
    old_contact = ContactRequest.objects.create(
        name="Habitant", consent=True, email="a@exemple.fr", **where
    )
    ContactRequest.objects.filter(pk=old_contact.pk).update(created_at=_ago(400))
    recent_contact = ContactRequest.objects.create(
        name="Autre", consent=True, email="b@exemple.fr", **where
    )
    old_log = log_reads(coordinator_grand_air, [PersonFactory()], what="Fiche")
    from audit.retention import history_write_allowed

    with history_write_allowed():
        AccessLog.objects.filter(pk=old_log.pk).update(at=_ago(370))
    recent_log = log_reads(coordinator_grand_air, [PersonFactory()], what="Fiche")
    session = SessionStore()
    session.create()
    Session.objects.filter(session_key=session.session_key).update(expire_date=_ago(1))

    report = run(dry_run=False)

    assert not ContactRequest.objects.filter(pk=old_contact.pk).exists()
    assert ContactRequest.objects.filter(pk=recent_contact.pk).exists()
    assert not AccessLog.objects.filter(pk=old_log.pk).exists()
    assert AccessLog.objects.filter(pk=recent_log.pk).exists()
    assert not Session.objects.filter(session_key=session.session_key).exists()
    assert report.counts["access_log"] == 1


def _centre():
    from tests.factories import centre

    return centre("grand-air")


def _models_about_a_person():
    """Every table with a foreign key to Person, and the tables hanging from those."""
    direct = {
        model
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.ForeignKey) and field.related_model is Person
    }
    second = {
        model
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.ForeignKey)
        and field.related_model in direct
        and field.related_model is not Person
    }
    return {Person} | direct | second


def test_every_field_about_a_person_is_anonymised_or_declared_kept():
    """A new table or field about a person must say what retention does to it
    (audit.retention.register_personal_data), or this test fails."""
    missing = []
    for model in _models_about_a_person():
        declared = PERSONAL_DATA.get(model._meta.label_lower)
        if declared is None:
            missing.append(f"{model._meta.label_lower} (table not declared)")
            continue
        covered = set(declared.anonymised) | set(declared.kept)
        for field in model._meta.concrete_fields:
            if field.name not in covered:
                missing.append(f"{model._meta.label_lower}.{field.name}")
    assert not missing, f"Neither anonymised nor declared kept: {missing}"


def test_the_declared_anonymised_fields_exist():
    for declared in PERSONAL_DATA.values():
        model = apps.get_model(declared.model)
        names = {f.name for f in model._meta.concrete_fields}
        assert set(declared.anonymised) | set(declared.kept) <= names, declared.model


def test_a_note_factory_is_anonymised_too(db):
    note = NoteFactory(person=_old_person())
    anonymise_person(note.person)
    note.refresh_from_db()
    assert note.text == ""


def test_files_merged_into_an_anonymised_file_lose_their_identity_too(db, coordinator_grand_air):
    from people.merging import merge_persons

    kept, merged = PersonFactory(), PersonFactory(last_name="Doublon")
    merge_persons(kept, merged, take_from_merged=[], by=coordinator_grand_air)
    anonymise_person(kept)
    merged.refresh_from_db()
    assert merged.last_name == "" and merged.anonymised_at is not None


def test_a_file_with_a_closed_request_is_anonymised_and_the_request_stays_closed(db):
    person = _old_person(days=800, first_name="Yacine", last_name="Haddad")
    closed = RequestFactory(person=person, description="Cherche une formation.")
    IntegrationRequest.objects.filter(pk=closed.pk).update(
        status="closed", closing_reason="Déménagé chez sa sœur à Lyon", created_at=_ago(790)
    )
    _run_with_old_history(person)

    person.refresh_from_db()
    assert person.anonymised_at is not None
    closed.refresh_from_db()
    assert closed.status == "closed"
    assert "Lyon" not in closed.closing_reason
    assert closed.closing_reason == "Motif effacé (anonymisation)"
