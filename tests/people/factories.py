import datetime

import factory

from people.models import Note, NoteVisibility, Person
from people.normalise import search_name_for
from tests.factories import centre


class PersonFactory(factory.django.DjangoModelFactory):
    """A person in Grand Air by default; search_name is kept as the services keep it."""

    class Meta:
        model = Person

    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    birth_name = ""
    birth_date = factory.Faker("date_of_birth", minimum_age=18, maximum_age=70)
    centre = factory.LazyFunction(lambda: centre("grand-air"))
    search_name = factory.LazyAttribute(
        lambda o: search_name_for(o.first_name, o.last_name, o.birth_name)
    )

    class Params:
        # Pinned identity for stable output: the seed's story.
        elodie = factory.Trait(
            first_name="Élodie",
            last_name="N'Diaye",
            birth_date=datetime.date(1990, 4, 3),
            phone="+33612345678",
        )


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Note

    person = factory.SubFactory(PersonFactory)
    text = "A participé à l’atelier CV ; doit rapporter son attestation France Travail."
    visibility = NoteVisibility.TEAM
