"""seed_synthetic: each app plugs its generator in; every table gets its rows and the
homes' counters and the search vocabulary are filled as the triggers would."""

import pytest
from django.core.management import call_command
from django.db.models import Count, Sum

from parcours import synthetic
from people.models import NameWord, Note, Person, PersonChange
from reception.models import Counter, IntegrationRequest, Visit, VisitDay

pytestmark = pytest.mark.django_db


def test_generators_run_after_what_they_need():
    names = [generator.name for generator in synthetic.generators()]
    assert names[0] == "people.persons"
    assert names.index("reception.counters") > names.index("reception.visits")
    assert names.index("reception.counters") > names.index("reception.requests")


def test_an_app_plugs_its_generator_in_and_gets_the_new_people():
    seen = {}

    @synthetic.register_generator("tests.workshops", tables=[], after=["people.persons"])
    def workshops(seed):
        seen["range"] = (seed.first_person, seed.last_person)

    try:
        call_command("seed_synthetic", persons=200, verbosity=0)
    finally:
        synthetic._generators.pop("tests.workshops")
    ids = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    assert seen["range"] == (ids[0], ids[-1]) and len(ids) == 200


def test_about_twenty_events_per_person_and_exact_counters():
    call_command("seed_synthetic", persons=500, verbosity=0)
    events = sum(model.objects.count() for model in (Visit, IntegrationRequest, Note, PersonChange))
    from audit.models import AccessLog
    from reception.models import Handoff, RequestTransition

    events += AccessLog.objects.count() + Handoff.objects.count()
    events += RequestTransition.objects.count()
    assert 18 * 500 <= events <= 22 * 500
    # Bypassed triggers, rebuilt tables: the same as counting the rows.
    assert sum(VisitDay.objects.values_list("visits", flat=True)) == Visit.objects.count()
    by_status = dict(
        IntegrationRequest.objects.values_list("status").annotate(n=Count("pk")).order_by()
    )
    counted = {
        key.split(":")[1]: value
        for key, value in Counter.objects.filter(key__startswith="request:")
        .values_list("key")
        .annotate(total=Sum("value"))
    }
    assert counted == by_status
    words = {
        w for name in Person.objects.values_list("search_name", flat=True) for w in name.split()
    }
    assert words <= set(NameWord.objects.values_list("word", flat=True))
