"""Orientations: proposed from the plan, sent with a link, answered by the partner (account or
link), each answer only from its status; reminders and expiry; re-orientation keeps history."""

import datetime
import re
import uuid

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accompaniment import orientations as orientation_services
from accompaniment.models import LinkOpening, Orientation, OrientationLink
from audit.models import AccessLog
from notifications.models import OutgoingEmail
from people.models import SharingConsent
from people.timeline import timeline_for
from tests.accompaniment.factories import AccompanimentFactory, OrientationFactory
from tests.factories import make_user, organisation
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _young_person(resources=()):
    today = timezone.localdate()
    return PersonFactory(
        last_name="Quennevilliers",
        birth_date=today.replace(year=today.year - 22) - datetime.timedelta(days=3),
        resources=list(resources),
    )


def _consent(person, slug, shared):
    return SharingConsent.objects.create(
        person=person, partner=organisation(slug), shared=shared, agreed_on=timezone.localdate()
    )


def _create_url(accompaniment):
    return reverse("accompaniment:orientation_create", kwargs={"pk": accompaniment.pk})


def _detail_url(orientation):
    return reverse("accompaniment:orientation_detail", kwargs={"pk": orientation.pk})


def _propose_and_send(client, accompaniment, service, shared=()):
    client.post(
        _create_url(accompaniment),
        {
            "submission": str(uuid.uuid4()),
            "service": service.pk,
            "reason": "Recherche d’un premier emploi.",
            "shared": list(shared),
        },
    )
    orientation = Orientation.objects.filter(service=service).latest("pk")
    client.post(
        reverse("accompaniment:orientation_send", kwargs={"pk": orientation.pk}),
        {"expected_status": "proposed"},
    )
    orientation.refresh_from_db()
    return orientation


def _sent_token(run_worker):
    run_worker()
    body = mail.outbox[-1].body
    return re.search(r"/orientations/lien/([^/\s]+)/", body).group(1)


def test_age_and_rsa_suggest_the_mission_locale_and_the_city_rsa_project(
    client, counsellor, services
):
    accompaniment = AccompanimentFactory(person=_young_person(resources=["rsa"]))
    client.force_login(counsellor)
    page = client.get(_create_url(accompaniment)).content.decode()
    suggestions = page.split('id="suggestions"')[1].split("</section>")[0]
    assert "Accompagnement vers l’emploi et la formation des 16-25 ans" in suggestions
    assert "22 ans : public 16 à 25 ans" in suggestions
    assert "Accompagnement socioprofessionnel des allocataires du RSA" in suggestions
    assert "France Travail" not in suggestions


def test_only_what_the_person_consented_to_for_that_partner_is_shared(client, counsellor, services):
    accompaniment = AccompanimentFactory(person=_young_person())
    _consent(accompaniment.person, "mission-locale", ["identity"])
    client.force_login(counsellor)
    response = client.post(
        _create_url(accompaniment),
        {
            "submission": str(uuid.uuid4()),
            "service": services["mission-locale"].pk,
            "reason": "Gardé",
            "shared": ["identity", "notes"],
        },
    )
    assert response.status_code == 400
    assert "n’a pas accepté de partager avec Mission locale : notes" in response.content.decode()
    assert not Orientation.objects.exists()


def test_the_partner_accepts_through_the_link_then_records_the_outcome(
    client, counsellor, services, run_worker
):
    accompaniment = AccompanimentFactory(person=_young_person())
    _consent(accompaniment.person, "mission-locale", ["identity"])
    client.force_login(counsellor)
    orientation = _propose_and_send(
        client, accompaniment, services["mission-locale"], shared=["identity"]
    )
    assert orientation.status == "sent"
    token = _sent_token(run_worker)
    message = mail.outbox[-1]
    assert message.to == ["orientations.mission-locale@exemple.fr"]
    assert accompaniment.person.last_name not in message.subject
    link = OrientationLink.objects.get()
    assert token not in link.token_hash and len(link.token_hash) == 64

    partner = client.__class__()  # no account, another browser
    response = partner.get(reverse("orientations:link_open", kwargs={"token": token}))
    assert response["Location"] == reverse("orientations:link_page")  # the token is dropped
    page = partner.get(response["Location"]).content.decode()
    assert accompaniment.person.full_name in page
    assert "Accepter l’orientation" in page and "Refuser l’orientation" in page
    partner.post(
        reverse("orientations:link_answer", kwargs={"name": "accept"}),
        {"accept-expected_status": "sent"},
    )
    orientation.refresh_from_db()
    assert orientation.status == "accepted"
    told = OutgoingEmail.objects.filter(to=accompaniment.referent.email).get()
    assert told.subject == "[Parcours] Réponse d’un partenaire à une orientation"
    assert accompaniment.person.last_name not in told.body and "acceptée" in told.body
    # Later, through the same link, the outcome.
    partner = client.__class__()
    partner.get(reverse("orientations:link_open", kwargs={"token": token}))
    partner.post(
        reverse("orientations:link_answer", kwargs={"name": "done"}),
        {"done-expected_status": "accepted", "done-comment": "Entrée en garantie jeunes."},
    )
    orientation.refresh_from_db()
    assert orientation.status == "done"
    assert orientation.outcome_comment == "Entrée en garantie jeunes."
    assert LinkOpening.objects.filter(link=link, what="Ouverture du lien").count() == 2
    # Used: once the last answer is given, the link shows nothing more.
    used = client.__class__().get(reverse("orientations:link_open", kwargs={"token": token}))
    assert used.status_code == 410
    assert accompaniment.person.last_name not in used.content.decode()
    events = list(orientation.events.values_list("to_status", flat=True))
    assert events == ["proposed", "sent", "accepted", "done"]
    assert "par le lien" in orientation.events.last().by_label
    titles = [e.title for e in timeline_for(accompaniment.person, counsellor)]
    assert any(t.endswith(": acceptée") for t in titles)
    assert any(t.endswith(": réalisée") for t in titles)


def test_a_refused_orientation_cannot_be_accepted_through_an_old_page(
    client, counsellor, services, run_worker
):
    accompaniment = AccompanimentFactory(person__last_name="Quennevilliers")
    client.force_login(counsellor)
    orientation = _propose_and_send(client, accompaniment, services["france-travail"])
    token = _sent_token(run_worker)
    partner = client.__class__()
    partner.get(reverse("orientations:link_open", kwargs={"token": token}))
    missing = partner.post(
        reverse("orientations:link_answer", kwargs={"name": "refuse"}),
        {"refuse-expected_status": "sent", "refuse-message": ""},
    )
    assert missing.status_code == 400
    assert "Choisissez au moins un motif." in missing.content.decode()
    partner.post(
        reverse("orientations:link_answer", kwargs={"name": "refuse"}),
        {
            "refuse-expected_status": "sent",
            "refuse-reasons": ["not_eligible"],
            "refuse-message": "Pas inscrite : inscription préalable nécessaire.",
        },
    )
    orientation.refresh_from_db()
    assert orientation.status == "refused"
    # The old page still shows the accept button: the server refuses.
    response = partner.post(
        reverse("orientations:link_answer", kwargs={"name": "accept"}),
        {"accept-expected_status": "sent"},
        follow=True,
    )
    assert "Action déjà effectuée." in response.content.decode()
    orientation.refresh_from_db()
    assert orientation.status == "refused"
    with pytest.raises(orientation_services.ActionAlreadyDone):
        orientation_services.answer(orientation, "accept", expected_status="refused")
    # The refusal message stays with the professionals: not on the person's timeline.
    detail = client.get(_detail_url(orientation)).content.decode()
    assert "inscription préalable nécessaire" in detail
    entries = timeline_for(accompaniment.person, counsellor)
    assert not any("inscription préalable" in e.detail + e.title for e in entries)


def test_a_tampered_revoked_or_expired_link_shows_no_data(client, counsellor, services, run_worker):
    accompaniment = AccompanimentFactory(person__last_name="Quennevilliers")
    client.force_login(counsellor)
    orientation = _propose_and_send(client, accompaniment, services["mission-locale"])
    token = _sent_token(run_worker)
    stranger = client.__class__()
    response = stranger.get(reverse("orientations:link_open", kwargs={"token": token + "x"}))
    assert response.status_code == 404
    assert "Ce lien n’est pas valide." in response.content.decode()
    assert accompaniment.person.last_name not in response.content.decode()
    assert stranger.get(reverse("orientations:link_page")).status_code == 404

    # Expired: a button asks for a fresh link, sent to the registered address only.
    OrientationLink.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = stranger.get(reverse("orientations:link_open", kwargs={"token": token}))
    page = response.content.decode()
    assert response.status_code == 410 and "Ce lien a expiré." in page
    assert accompaniment.person.last_name not in page
    renew = reverse("orientations:link_renew", kwargs={"token": token})
    assert renew in page
    sent_before = OutgoingEmail.objects.count()
    stranger.post(renew)
    assert OutgoingEmail.objects.count() == sent_before + 1
    assert OutgoingEmail.objects.latest("pk").to == "orientations.mission-locale@exemple.fr"
    stranger.post(renew)  # a second click sends nothing more
    assert OutgoingEmail.objects.count() == sent_before + 1
    fresh = _sent_token(run_worker)

    # Revoked by the CIP: the fresh link stops working too.
    client.post(reverse("accompaniment:orientation_revoke", kwargs={"pk": orientation.pk}))
    response = stranger.get(reverse("orientations:link_open", kwargs={"token": fresh}))
    assert response.status_code == 410
    assert "désactivé" in response.content.decode()


def test_a_partner_account_sees_only_orientations_sent_to_its_organisation(
    client, partner_mission_locale, services
):
    mine = OrientationFactory(
        service=services["mission-locale"], accompaniment__person__last_name="Quennevilliers"
    )
    draft = OrientationFactory(service=services["mission-locale"], status="proposed")
    other = OrientationFactory(service=services["france-travail"])
    client.force_login(partner_mission_locale)
    listing = client.get(reverse("orientations:received_list")).content.decode()
    assert f"Orientation n° {mine.pk}" in listing
    assert f"Orientation n° {other.pk}" not in listing
    assert f"Orientation n° {draft.pk}" not in listing
    assert mine.accompaniment.person.last_name not in listing  # no name in the list
    detail = reverse("orientations:received_detail", kwargs={"pk": mine.pk})
    page = client.get(detail).content.decode()
    assert "La personne n’a pas accepté de partager son identité" in page
    assert AccessLog.objects.filter(actor=partner_mission_locale).exists()
    for pk in (other.pk, draft.pk):
        url = reverse("orientations:received_detail", kwargs={"pk": pk})
        assert client.get(url).status_code == 404
    person_url = reverse("people:file", kwargs={"pk": mine.accompaniment.person_id})
    assert client.get(person_url).status_code == 403
    assert client.get(_detail_url(mine)).status_code == 403
    client.post(
        reverse("orientations:received_answer", kwargs={"pk": mine.pk, "name": "accept"}),
        {"accept-expected_status": "sent"},
    )
    mine.refresh_from_db()
    assert mine.status == "accepted"
    france_travail = make_user("partner", organisation_slug="france-travail")
    client.force_login(france_travail)
    response = client.post(
        reverse("orientations:received_answer", kwargs={"pk": mine.pk, "name": "done"}),
        {"done-expected_status": "accepted"},
    )
    assert response.status_code == 404


def test_reminder_after_ten_days_expiry_after_thirty_idempotent(services):
    now = timezone.now()
    fresh = OrientationFactory(service=services["mission-locale"], sent_at=now)
    waiting = OrientationFactory(
        service=services["mission-locale"], sent_at=now - datetime.timedelta(days=11)
    )
    old = OrientationFactory(
        service=services["france-travail"], sent_at=now - datetime.timedelta(days=31)
    )
    assert orientation_services.remind_and_expire() == (1, 1)
    assert orientation_services.remind_and_expire() == (0, 0)
    for orientation in (fresh, waiting, old):
        orientation.refresh_from_db()
    assert (fresh.status, waiting.status, old.status) == ("sent", "sent", "expired")
    assert waiting.last_reminder_at is not None
    reminder = OutgoingEmail.objects.get(subject__startswith="[Parcours] Relance")
    assert reminder.to == "orientations.mission-locale@exemple.fr"
    assert old.events.last().to_status == "expired"
    told = OutgoingEmail.objects.get(subject="[Parcours] Orientation expirée sans réponse")
    assert told.to == old.accompaniment.referent.email
    # Ten days later, reminded again; thirty days after sending, expired.
    later = now + datetime.timedelta(days=20)
    assert orientation_services.remind_and_expire(now=later) == (1, 1)


def test_the_periodic_task_runs_the_reminders(services, run_worker):
    from accompaniment.tasks import remind_and_expire_orientations

    OrientationFactory(
        service=services["mission-locale"],
        sent_at=timezone.now() - datetime.timedelta(days=12),
    )
    assert remind_and_expire_orientations(timestamp=0) == 1
    assert remind_and_expire_orientations(timestamp=0) == 0


def test_re_orientation_keeps_the_history(client, counsellor, services):
    refused = OrientationFactory(status="refused", service=services["france-travail"])
    accompaniment = refused.accompaniment
    client.force_login(counsellor)
    url = reverse("accompaniment:orientation_reorient", kwargs={"pk": refused.pk})
    page = client.get(url).content.decode()
    assert "Réorientation après l’orientation vers" in page
    client.post(
        url,
        {
            "submission": str(uuid.uuid4()),
            "service": services["mission-locale"].pk,
            "reason": "Après le refus de France Travail.",
        },
    )
    new = Orientation.objects.exclude(pk=refused.pk).get()
    assert new.reorients == refused
    assert accompaniment.orientations.count() == 2
    refused.refresh_from_db()
    assert refused.status == "refused"


def test_orientation_pages_cost_the_same_with_many_orientations(
    client, counsellor, partner_mission_locale, services, django_assert_max_num_queries
):
    accompaniment = AccompanimentFactory(person__last_name="Quennevilliers")
    first = OrientationFactory(accompaniment=accompaniment, service=services["mission-locale"])
    client.force_login(counsellor)
    urls = [_detail_url(first), reverse("accompaniment:detail", kwargs={"pk": accompaniment.pk})]
    few = []
    for url in urls:
        with django_assert_max_num_queries(40) as context:
            assert client.get(url).status_code == 200
        few.append(len(context.captured_queries))
    partner_urls = [
        reverse("orientations:received_list"),
        reverse("orientations:received_detail", kwargs={"pk": first.pk}),
        reverse("dashboard:home"),
    ]
    client.force_login(partner_mission_locale)
    partner_few = []
    for url in partner_urls:
        with django_assert_max_num_queries(40) as context:
            assert client.get(url).status_code == 200
        partner_few.append(len(context.captured_queries))
    for _ in range(15):
        OrientationFactory(accompaniment=accompaniment, service=services["mission-locale"])
    client.force_login(counsellor)
    for url, count in zip(urls, few, strict=True):
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200
    client.force_login(partner_mission_locale)
    for url, count in zip(partner_urls, partner_few, strict=True):
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200


def test_the_link_page_costs_the_same_with_many_notes_and_openings(
    client, counsellor, services, run_worker, django_assert_max_num_queries
):
    from people.models import Note

    accompaniment = AccompanimentFactory(person__last_name="Quennevilliers")
    _consent(accompaniment.person, "mission-locale", ["identity", "situation", "notes"])
    Note.objects.create(person=accompaniment.person, text="Partagée", visibility="shared")
    client.force_login(counsellor)
    _propose_and_send(
        client, accompaniment, services["mission-locale"], shared=["identity", "situation", "notes"]
    )
    token = _sent_token(run_worker)
    partner = client.__class__()
    partner.get(reverse("orientations:link_open", kwargs={"token": token}))
    with django_assert_max_num_queries(30) as context:
        page = partner.get(reverse("orientations:link_page")).content.decode()
    few = len(context.captured_queries)
    assert "Partagée" in page
    for index in range(25):
        Note.objects.create(person=accompaniment.person, text=f"N{index}", visibility="shared")
        partner.get(reverse("orientations:link_open", kwargs={"token": token}))
    with django_assert_max_num_queries(few):
        assert partner.get(reverse("orientations:link_page")).status_code == 200
