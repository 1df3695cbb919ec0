import pytest

from accounts import demo as accounts_demo
from people import demo
from people.models import Person
from people.selectors import parse_search, search_persons
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_demo_people_load_twice_without_duplicates():
    accounts_demo.load()
    demo.load()
    demo.load()
    assert Person.objects.count() == len(demo.PEOPLE)
    assert {p.centre.slug for p in Person.objects.select_related("centre")} == {
        "grand-air",
        "esperanto",
        "lounes-matoub",
    }


def test_elodie_ndiaye_is_at_grand_air_in_the_demo():
    demo.load()
    user = make_user("reception", "grand-air")
    assert [p.full_name for p in search_persons(user, parse_search("Elodi Ndiaye"))] == [
        "Élodie N'Diaye"
    ]


def test_demo_people_have_varied_situations_set_once():
    accounts_demo.load()
    demo.load()
    first = dict(Person.objects.values_list("pk", "situation_updated_at"))
    demo.load()
    assert dict(Person.objects.values_list("pk", "situation_updated_at")) == first
    people = Person.objects.all()
    assert len({p.employment_situation for p in people if p.employment_situation}) >= 5
    assert len({p.housing for p in people if p.housing}) == 4
    assert any(p.situation_updated_at is None for p in people)  # "Situation non renseignée"
