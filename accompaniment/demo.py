"""Demo data of the accompaniment, on the reception demo's people. Idempotent.

- Paulo Ferreira (Grand Air): seven months of accompaniment, two diagnoses six months
  apart, a plan with a late action, an orientation refused by France Travail and one
  accepted by the CCAS, a call with France Travail;
- Oumou Diallo (Esperanto, collective mode): an orientation waiting for an answer for
  twelve days, no contact for seventy days (both on the CIP's home);
- Dragan Petrović (Lounès Matoub): an accompaniment ended by a qualifying training.
Requests awaiting analysis (Inès Benhamou, Lucie Martin) are left for the CIP to open.
"""

import datetime
from pathlib import Path

from django.utils import timezone

from accompaniment import orientations as orientation_services
from accompaniment import services
from accompaniment.choices import AccompanimentStatus, Mode, StepKind
from accompaniment.models import Accompaniment, PartnerService, Step
from accompaniment.reference import Dimension
from accompaniment.service_import import import_services
from accounts.demo import DEMO_DOMAIN
from accounts.models import User
from organisations.models import Organisation
from people.models import SharingConsent
from reception.models import IntegrationRequest, RequestStatus

SERVICES = Path(__file__).parent / "data" / "demo_services.json"


def _dimensions(**changes):
    dimensions = {d: ("unexplored", [], "") for d in Dimension}
    dimensions.update(changes)
    return dimensions


def _attach(request_, *, by, mode, start_date):
    """The reception demo moved these requests to "in accompaniment" on its own."""
    accompaniment = Accompaniment.objects.create(
        person=request_.person,
        request=request_,
        centre=request_.centre,
        referent=by,
        mode=mode,
        start_date=start_date,
        review_on=services.add_months(start_date, services.RENEWAL_MONTHS),
        last_contact_on=start_date,
        created_by=by,
    )
    Step.objects.create(accompaniment=accompaniment, kind=StepKind.OPENED, on=start_date, by=by)
    return accompaniment


def _request(reference, status):
    return (
        IntegrationRequest.objects.filter(person__file_reference=reference, status=status)
        .select_related("person", "centre")
        .first()
    )


def _service(slug):
    return PartnerService.objects.filter(organisation__slug=slug).first()


def load():
    if not PartnerService.objects.exists():
        import_services(SERVICES.read_bytes(), dry_run=False)
    if Accompaniment.objects.filter(person__file_reference__startswith="DEMO-ACC-").exists():
        return None
    cip = User.objects.filter(email=f"cip@{DEMO_DOMAIN}").first()
    if cip is None:
        return None
    today = timezone.localdate()
    _paulo(cip, today)
    _oumou(cip, today)
    _dragan(cip, today)
    return None


def _paulo(cip, today):
    request_ = _request("DEMO-ACC-04", RequestStatus.IN_ACCOMPANIMENT)
    if request_ is None:
        return
    start = today - datetime.timedelta(days=210)
    accompaniment = _attach(request_, by=cip, mode=Mode.INDIVIDUAL, start_date=start)
    person = request_.person
    SharingConsent.objects.create(
        person=person,
        partner=Organisation.objects.get(slug="france-travail"),
        shared=["identity", "situation"],
        agreed_on=start,
        recorded_by=cip,
    )
    first = _dimensions(
        employment=(
            "need",
            ["unemployed_more_1y", "experience_in_field"],
            "Maçon, 20 ans de métier.",
        ),
        digital=("need", ["illectronism", "no_email"], ""),
        mobility=("support", ["licence_b", "vehicle"], ""),
        health=("support", ["no_constraint"], ""),
    )
    services.record_diagnosis(
        accompaniment, by=cip, made_on=start, qualification_level="NV5", dimensions=first
    )
    later = dict(first)
    later["digital"] = ("support", ["smartphone"], "Utilise seul son espace France Travail.")
    services.record_diagnosis(
        accompaniment,
        by=cip,
        made_on=start + datetime.timedelta(days=182),
        qualification_level="NV5",
        dimensions=later,
    )
    digital = services.add_objective(
        accompaniment, by=cip, dimension="digital", title="Maîtriser les fondamentaux du numérique"
    )
    action = services.add_action(
        digital,
        by=cip,
        title="Atelier numérique du mardi",
        owner="person",
        due_on=start + datetime.timedelta(days=30),
    )
    services.set_action_status(
        action,
        by=cip,
        status="done",
        expected_status="planned",
        done_on=start + datetime.timedelta(days=28),
    )
    services.add_action(
        digital,
        by=cip,
        title="Créer son adresse e-mail",
        owner="counsellor",
        due_on=today - datetime.timedelta(days=5),
    )
    employment = services.add_objective(
        accompaniment, by=cip, dimension="employment", title="Trouver un emploi"
    )
    services.add_action(
        employment,
        by=cip,
        title="Refaire le CV",
        owner="person",
        due_on=today + datetime.timedelta(days=14),
    )
    refused = orientation_services.propose(
        accompaniment,
        by=cip,
        service=_service("france-travail"),
        objective=employment,
        reason="Réinscription et offres du bâtiment.",
        shared=["identity"],
    )
    orientation_services.send(refused, by=cip, expected_status="proposed")
    orientation_services.answer(
        refused,
        "refuse",
        expected_status="sent",
        by=User.objects.filter(email=f"france-travail@{DEMO_DOMAIN}").first(),
        reasons=["duplicate"],
        message="Déjà suivi par une conseillère de l’agence.",
    )
    accepted = orientation_services.propose(
        accompaniment,
        by=cip,
        service=_service("ccas-montreuil"),
        reason="Aide aux démarches.",
        shared=[],
    )
    orientation_services.send(accepted, by=cip, expected_status="proposed")
    orientation_services.answer(
        accepted, "accept", expected_status="sent", link=accepted.links.first()
    )
    services.record_contact(
        by=cip,
        centre=person.centre,
        person=person,
        organisation=Organisation.objects.get(slug="france-travail"),
        channel="phone",
        happened_on=today - datetime.timedelta(days=3),
        with_whom="Conseillère de l’agence",
        summary="Point sur la réinscription : rendez-vous pris la semaine prochaine.",
        visibility="team",
    )


def _oumou(cip, today):
    request_ = _request("DEMO-ACC-08", RequestStatus.IN_ACCOMPANIMENT)
    if request_ is None:
        return
    start = today - datetime.timedelta(days=95)
    accompaniment = _attach(request_, by=cip, mode=Mode.COLLECTIVE, start_date=start)
    services.record_diagnosis(
        accompaniment,
        by=cip,
        made_on=start,
        qualification_level="C3A",
        dimensions=_dimensions(childcare=("need", ["child_under_3"], "Deux enfants.")),
    )
    objective = services.add_objective(
        accompaniment, by=cip, dimension="childcare", title="Trouver un mode de garde"
    )
    services.add_action(
        objective,
        by=cip,
        title="Dossier de crèche",
        owner="partner",
        partner=Organisation.objects.get(slug="service-social-departemental"),
        due_on=today + datetime.timedelta(days=20),
    )
    orientation = orientation_services.propose(
        accompaniment,
        by=cip,
        service=_service("service-social-departemental"),
        objective=objective,
        reason="Accompagnement pour la garde des enfants.",
        shared=[],
    )
    orientation_services.send(orientation, by=cip, expected_status="proposed")
    type(orientation).objects.filter(pk=orientation.pk).update(
        sent_at=timezone.now() - datetime.timedelta(days=12)
    )
    Accompaniment.objects.filter(pk=accompaniment.pk).update(
        last_contact_on=today - datetime.timedelta(days=70)
    )


def _dragan(cip, today):
    request_ = _request("DEMO-ACC-09", RequestStatus.AWAITING_ANALYSIS)
    if request_ is None:
        return
    start = today - datetime.timedelta(days=240)
    accompaniment = services.open_accompaniment(
        request_,
        by=cip,
        referent=cip,
        mode=Mode.INDIVIDUAL,
        start_date=start,
        expected_status=RequestStatus.AWAITING_ANALYSIS,
    )
    services.close(
        accompaniment,
        by=cip,
        expected_status=AccompanimentStatus.ACTIVE,
        on=today - datetime.timedelta(days=10),
        exit_reason="training",
    )
