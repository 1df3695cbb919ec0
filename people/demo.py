"""Fictional people for the demo, spread over the three municipal centres. Idempotent."""

import datetime

from django.utils import timezone

from accounts.demo import demo_email
from accounts.models import User
from organisations.models import Centre, Organisation
from people.models import (
    EmploymentSituation,
    Housing,
    Mobility,
    Note,
    NoteVisibility,
    NoticeDelivery,
    Person,
    Resource,
    SharingConsent,
)
from people.normalise import search_name_for
from people.services import update_person, update_situation

# last name, first name, sex, birth date, phone, centre slug
PEOPLE = [
    ("N'Diaye", "Élodie", "F", "1990-04-03", "+33612345678", "grand-air"),
    ("Benali", "Yacine", "M", "1985-09-12", "+33623456789", "grand-air"),
    ("Traoré", "Awa", "F", "1978-01-25", "+33634567890", "grand-air"),
    ("Martin", "Julie", "F", "1995-06-30", "", "grand-air"),
    ("Nguyen", "Minh", "M", "1969-11-02", "+33645678901", "grand-air"),
    ("Diallo", "Mamadou", "M", "2001-03-17", "+33656789012", "grand-air"),
    ("Lefèvre", "Chantal", "F", "1962-08-08", "+33148700001", "grand-air"),
    ("Haddad", "Samira", "F", "1988-12-24", "+33667890123", "grand-air"),
    ("Kone", "Ibrahim", "M", "1999-05-05", "", "grand-air"),
    ("Rodrigues", "Ana", "F", "1983-02-14", "+33678901234", "grand-air"),
    ("Petit", "Kevin", "M", "2003-10-21", "+33689012345", "grand-air"),
    ("Mendy", "Fatou", "F", "1975-07-07", "+33690123456", "grand-air"),
    ("Bouzid", "Nadir", "M", "1992-04-19", "", "grand-air"),
    ("Camara", "Aminata", "F", "1986-09-09", "+33611122233", "grand-air"),
    ("Dubois", "Marcel", "M", "1960-01-01", "+33148700002", "esperanto"),
    ("Saïdi", "Leïla", "F", "1991-03-03", "+33622233344", "esperanto"),
    ("Lopez", "Carlos", "M", "1980-05-15", "+33633344455", "esperanto"),
    ("Bernard", "Émilie", "F", "1997-11-11", "", "esperanto"),
    ("Cissé", "Moussa", "M", "1984-02-28", "+33644455566", "esperanto"),
    ("Moreau", "Sandrine", "F", "1972-06-06", "+33655566677", "esperanto"),
    ("Ait Ali", "Karim", "M", "1994-08-18", "+33666677788", "esperanto"),
    ("Sow", "Mariam", "F", "2000-12-12", "+33677788899", "esperanto"),
    ("Girard", "Thierry", "M", "1966-04-04", "", "esperanto"),
    ("Fofana", "Kadiatou", "F", "1989-10-10", "+33688899900", "esperanto"),
    ("Roux", "Nathalie", "F", "1979-09-29", "+33699900011", "esperanto"),
    ("Ben Youssef", "Anis", "M", "1998-07-27", "+33610101010", "esperanto"),
    ("Garnier", "Paul", "M", "1981-01-31", "+33620202020", "esperanto"),
    ("Mbappé", "Grâce", "F", "1993-05-23", "", "lounes-matoub"),
    ("Tran", "Linh", "F", "1987-03-13", "+33630303030", "lounes-matoub"),
    ("Belkacem", "Rachid", "M", "1976-06-16", "+33640404040", "lounes-matoub"),
    ("Fontaine", "Léa", "F", "1996-02-02", "+33650505050", "lounes-matoub"),
    ("Keita", "Seydou", "M", "1990-09-19", "+33660606060", "lounes-matoub"),
    ("Lambert", "Isabelle", "F", "1968-12-01", "", "lounes-matoub"),
    ("Ouattara", "Ali", "M", "2002-04-14", "+33670707070", "lounes-matoub"),
    ("Chevalier", "Océane", "F", "1999-08-08", "+33680808080", "lounes-matoub"),
    ("Mansouri", "Yasmina", "F", "1982-10-30", "+33690909090", "lounes-matoub"),
    ("Da Silva", "João", "M", "1974-11-22", "+33612121212", "lounes-matoub"),
    ("Henry", "Maxime", "M", "1995-01-09", "", "lounes-matoub"),
    ("Kaci", "Sonia", "F", "1985-05-25", "+33623232323", "lounes-matoub"),
    ("Diop", "Ousmane", "M", "1971-03-27", "+33634343434", "lounes-matoub"),
]

NOTES = {
    "N'Diaye": [
        (
            "Venue au premier accueil à l’Espace 40. Cherche un emploi dans l’aide à domicile ; "
            "a un CV à mettre à jour.",
            NoteVisibility.TEAM,
        ),
        ("Rendez-vous pris pour l’atelier CV du jeudi.", NoteVisibility.SHARED),
    ],
    "Benali": [
        ("Inscrit à France Travail depuis mars ; veut une formation cariste.", NoteVisibility.TEAM)
    ],
    "Dubois": [("Demande d’aide pour les démarches de retraite en ligne.", NoteVisibility.TEAM)],
    "Tran": [
        (
            "A besoin d’un accompagnement au numérique (créer une adresse e-mail).",
            NoteVisibility.TEAM,
        )
    ],
}


# Situations handed out in turn; every fifth person's situation is left to be filled in.
SITUATIONS = [
    (
        EmploymentSituation.JOBSEEKER_REGISTERED,
        [Resource.RSA],
        Housing.INDEPENDENT,
        [Mobility.PUBLIC_TRANSPORT_ONLY],
    ),
    (
        EmploymentSituation.SHORT_CONTRACT,
        [Resource.SALARY, Resource.ACTIVITY_BONUS],
        Housing.HOSTED,
        [Mobility.DRIVING_LICENCE],
    ),
    (
        EmploymentSituation.JOBSEEKER_NOT_REGISTERED,
        [Resource.NONE],
        Housing.NO_STABLE_HOME,
        [],
    ),
    (
        EmploymentSituation.IN_TRAINING,
        [Resource.ARE],
        Housing.SHELTER,
        [Mobility.DRIVING_LICENCE, Mobility.VEHICLE],
    ),
    (
        EmploymentSituation.NO_ACTIVITY,
        [Resource.AAH],
        Housing.INDEPENDENT,
        [Mobility.PUBLIC_TRANSPORT_ONLY],
    ),
    (EmploymentSituation.RETIRED, [Resource.PENSION], Housing.INDEPENDENT, []),
    (
        EmploymentSituation.EMPLOYED,
        [Resource.SALARY],
        Housing.INDEPENDENT,
        [Mobility.DRIVING_LICENCE, Mobility.VEHICLE],
    ),
]


def _user(local_part):
    return User.objects.filter(email=demo_email(local_part)).first()


def load():
    centres = {centre.slug: centre for centre in Centre.objects.all()}
    coordinators = {
        "grand-air": _user("coordination.grandair"),
        "esperanto": _user("coordination.esperanto"),
        "lounes-matoub": _user("coordination.lounesmatoub"),
    }
    partner = Organisation.objects.filter(is_partner=True).order_by("name").first()
    for number, (last, first, sex, birth, phone, slug) in enumerate(PEOPLE, start=1):
        person, created = Person.objects.get_or_create(
            centre=centres[slug],
            file_reference=f"DEMO-{number:03d}",
            defaults={
                "last_name": last,
                "first_name": first,
                "search_name": search_name_for(first, last),
                "sex": sex,
                "birth_date": datetime.date.fromisoformat(birth),
                "phone": phone,
                "city": "Montreuil",
                "postal_code": "93100",
                "created_by": coordinators[slug],
                "referent": _user("cip") if number % 3 == 0 else None,
            },
        )
        author = _user("cip") or coordinators[slug]
        if author and person.situation_updated_at is None and number % 5 != 0:
            employment, resources, housing, mobility = SITUATIONS[number % len(SITUATIONS)]
            update_situation(
                person,
                by=author,
                employment_situation=employment,
                resources=resources,
                housing=housing,
                mobility=mobility,
            )
        if not created:
            continue
        if coordinators[slug] and number % 6 == 2:  # a corrected address, for the history
            update_person(person, by=coordinators[slug], address="12 rue de Paris")
        for text, visibility in NOTES.get(last, []):
            Note.objects.create(
                person=person, author=coordinators[slug], text=text, visibility=visibility
            )
        if number % 4 == 1:
            NoticeDelivery.objects.create(
                person=person,
                delivered_on=timezone.localdate(),  # handed over at the first reception
                version="2026-1",
                recorded_by=coordinators[slug],
            )
            if partner is not None:
                SharingConsent.objects.create(
                    person=person,
                    partner=partner,
                    shared=["identity", "outcomes"],
                    agreed_on=timezone.localdate(),
                    recorded_by=coordinators[slug],
                )
