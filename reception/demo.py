"""Demo data of the reception: visits over the last weeks at every site, requests in every
status, hand-offs, so each demo role's queue has something in it. Idempotent.

The seed's story is ready to walk: Élodie N'Diaye came to Espace 40 (Grand Air) this
morning about work and was handed over to the coordinator, who has not received her yet.
"""

import datetime
import random

from django.utils import timezone

from accounts.demo import DEMO_DOMAIN
from accounts.models import User
from organisations.models import Centre
from people.models import Person
from people.services import register_person
from reception import services
from reception.models import Visit, VisitOutcome, VisitReason

# file reference, first name, last name, birth date, centre slug
PEOPLE = [
    ("DEMO-ACC-01", "Élodie", "N'Diaye", datetime.date(1990, 4, 3), "grand-air"),
    ("DEMO-ACC-02", "Mamadou", "Sissoko", datetime.date(1985, 9, 12), "grand-air"),
    ("DEMO-ACC-03", "Inès", "Benhamou", datetime.date(1998, 1, 25), "grand-air"),
    ("DEMO-ACC-04", "Paulo", "Ferreira", datetime.date(1976, 6, 30), "grand-air"),
    ("DEMO-ACC-05", "Yasmina", "Kaci", datetime.date(2001, 11, 2), "grand-air"),
    ("DEMO-ACC-06", "Rachid", "Amrani", datetime.date(1969, 3, 17), "esperanto"),
    ("DEMO-ACC-07", "Lucie", "Martin", datetime.date(1993, 8, 8), "esperanto"),
    ("DEMO-ACC-08", "Oumou", "Diallo", datetime.date(1988, 12, 19), "esperanto"),
    ("DEMO-ACC-09", "Dragan", "Petrović", datetime.date(1979, 5, 4), "lounes-matoub"),
    ("DEMO-ACC-10", "Aïcha", "Touré", datetime.date(1995, 2, 14), "lounes-matoub"),
    ("DEMO-ACC-11", "Kevin", "Lambert", datetime.date(2003, 7, 21), "lounes-matoub"),
]

# file reference -> (needs, description, final status)
REQUESTS = {
    "DEMO-ACC-02": (
        [
            "trouver-un-emploi",
            "preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation",
        ],
        "Cherche un emploi dans le bâtiment ; n’a pas de CV à jour.",
        "new",
    ),
    "DEMO-ACC-03": (
        ["se-former--trouver-sa-formation"],
        "Souhaite une formation d’aide-soignante.",
        "awaiting_analysis",
    ),
    "DEMO-ACC-04": (
        ["numerique--maitriser-les-fondamentaux-du-numerique", "trouver-un-emploi"],
        "Ne sait pas utiliser l’espace France Travail en ligne.",
        "in_accompaniment",
    ),
    "DEMO-ACC-05": (
        ["mobilite--preparer-un-permis"],
        "Veut passer le permis B pour un emploi de livreuse.",
        "closed",
    ),
    "DEMO-ACC-06": (
        ["lecture-ecriture-calcul--maitriser-le-francais"],
        "Cours de français à visée professionnelle.",
        "new",
    ),
    "DEMO-ACC-07": (
        ["trouver-un-emploi--repondre-a-des-offres-demploi"],
        "Recherche un emploi de secrétaire.",
        "awaiting_analysis",
    ),
    "DEMO-ACC-08": (
        ["famille--garde-denfants", "trouver-un-emploi"],
        "Reprise d’emploi, cherche une garde d’enfants.",
        "in_accompaniment",
    ),
    "DEMO-ACC-09": (
        ["difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives"],
        "Renouvellement de titre de séjour et inscription à France Travail.",
        "awaiting_analysis",
    ),
    "DEMO-ACC-10": (["choisir-un-metier"], "Hésite entre plusieurs métiers du commerce.", "new"),
    "DEMO-ACC-11": (["se-former", "trouver-un-emploi"], "Jeune de 22 ans sans diplôme.", "closed"),
}

PATHS = {
    "new": [],
    "awaiting_analysis": [("submit", "coordinator", "")],
    "in_accompaniment": [("submit", "coordinator", ""), ("start", "cip", "")],
    "closed": [("submit", "coordinator", ""), ("close", "cip", "Emploi trouvé")],
}


def _user(local_part):
    return User.objects.get(email=f"{local_part}@{DEMO_DOMAIN}")


def _people(by):
    people = {}
    for reference, first, last, birth, slug in PEOPLE:
        centre = Centre.objects.get(slug=slug)
        # Another app's demo may have registered the same person: reuse the file.
        person = (
            Person.objects.filter(file_reference=reference).first()
            or Person.objects.filter(
                centre=centre, first_name=first, last_name=last, merged_into__isnull=True
            ).first()
        )
        if person is None:
            person = register_person(
                by=by, centre=centre, first_name=first, last_name=last, birth_date=birth
            )
            person.file_reference = reference
            person.save(update_fields=["file_reference"])
        people[reference] = person
    return people


def load():
    if Visit.objects.filter(agent__email__endswith=f"@{DEMO_DOMAIN}").exists():
        return None
    rng = random.Random(2026)
    cip = _user("cip")
    desks = {
        "grand-air": _user("accueil.grandair"),
        "esperanto": _user("accueil.esperanto"),
        "lounes-matoub": _user("accueil.lounesmatoub"),
    }
    coordinators = {
        "grand-air": _user("coordination.grandair"),
        "esperanto": _user("coordination.esperanto"),
        "lounes-matoub": _user("coordination.lounesmatoub"),
    }
    people = _people(desks["grand-air"])
    now = timezone.now()

    # Four weeks of visits at every site: mostly anonymous, some of known people.
    for slug, agent in desks.items():
        centre = Centre.objects.get(slug=slug)
        sites = list(centre.sites.all())
        known = [
            p
            for p in people.values()
            if p.centre_id == centre.pk and p.pk != people["DEMO-ACC-01"].pk
        ]
        for days_ago in range(28, -1, -1):
            day = now - datetime.timedelta(days=days_ago)
            if day.weekday() >= 5:
                continue
            for _ in range(rng.randint(2, 5)):
                at = day.replace(
                    hour=rng.randint(9, 17), minute=rng.choice([0, 10, 20, 30, 40, 50])
                )
                if at > now:
                    at = now - datetime.timedelta(minutes=rng.randint(5, 60))
                services.record_visit(
                    by=agent,
                    centre=centre,
                    site=rng.choice(sites),
                    reason=rng.choice(list(VisitReason)),
                    outcome=rng.choice(
                        [
                            VisitOutcome.INFORMATION_GIVEN,
                            VisitOutcome.APPOINTMENT_MADE,
                            VisitOutcome.ORIENTED_ELSEWHERE,
                        ]
                    ),
                    person=rng.choice(known) if known and rng.random() < 0.3 else None,
                    at=at,
                )

    # Requests in every status, in every municipal centre.
    for reference, (needs, description, status) in REQUESTS.items():
        person = people[reference]
        slug = person.centre.slug
        request_ = services.record_request(
            person, by=coordinators[slug], needs=needs, description=description
        )
        for name, actor, comment in PATHS[status]:
            by = coordinators[slug] if actor == "coordinator" else cip
            request_ = services.transition_request(
                request_,
                name,
                by=by,
                expected_status=request_.status,
                comment=comment,
                to_user=cip if name == "submit" else None,
            )
        if reference == "DEMO-ACC-11":
            services.renew_request(
                request_,
                by=coordinators[slug],
                needs=["trouver-un-emploi"],
                description="Revient après une mission d’intérim.",
            )

    # The seed's story: Élodie at Espace 40 this morning, handed over to the coordinator.
    grand_air = Centre.objects.get(slug="grand-air")
    services.record_visit(
        by=desks["grand-air"],
        centre=grand_air,
        site=grand_air.sites.get(slug="espace-40"),
        reason=VisitReason.INTEGRATION_REQUEST,
        outcome=VisitOutcome.HANDED_TO_COORDINATOR,
        person=people["DEMO-ACC-01"],
        at=now - datetime.timedelta(minutes=20),
        note="Cherche du travail, disponible tout de suite.",
    )
    # One person waiting for the coordination in each of the other centres too.
    for slug, reference in [("esperanto", "DEMO-ACC-08"), ("lounes-matoub", "DEMO-ACC-10")]:
        centre = Centre.objects.get(slug=slug)
        services.record_visit(
            by=desks[slug],
            centre=centre,
            site=centre.sites.first(),
            reason=VisitReason.APPOINTMENT,
            outcome=VisitOutcome.HANDED_TO_COORDINATOR,
            person=people[reference],
            at=now - datetime.timedelta(minutes=45),
        )
    return None
