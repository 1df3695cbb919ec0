"""`make bench`: how the desk's search and the caseload import scale.

Timings on a shared machine are noisy, so nothing here compares a duration with a fixed
number: each benchmark measures a small and a large case in the same run and bounds their
ratio. Results are printed; run with -s to read them.
"""

import statistics
import time

from django.db import connection

from people.models import Person
from people.normalise import search_name_for
from people.selectors import parse_search, search_persons
from tests.factories import centre

FIRST = ["Élodie", "Moussa", "Françoise", "Karim", "Sophie", "Ibrahima", "Hélène", "Yanis"]
LAST = ["Martin", "Diallo", "Nguyen", "Benali", "Traoré", "Lefebvre", "Haddad", "Camara"]


def _people(count: int, start: int = 0) -> None:
    home = centre("grand-air")
    batch = []
    for n in range(start, start + count):
        first = FIRST[n % len(FIRST)]
        last = f"{LAST[n % len(LAST)]}{n:06d}"
        batch.append(
            Person(
                first_name=first,
                last_name=last,
                search_name=search_name_for(first, last),
                centre=home,
            )
        )
    Person.objects.bulk_create(batch, batch_size=2000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE people_person")


def _median_seconds(function, repeat: int = 7) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def test_search_cost_grows_far_slower_than_the_caseload(coordinator_grand_air):
    query = parse_search("diallo 000041")

    def search():
        return list(search_persons(coordinator_grand_air, query)[:20])

    _people(1_000)
    small = _median_seconds(search)
    _people(29_000, start=1_000)
    large = _median_seconds(search)
    ratio = large / small
    print(f"\nsearch: 1,000 people {small * 1000:.1f} ms, 30,000 people {large * 1000:.1f} ms")
    print(f"search: x{ratio:.1f}")
    assert ratio < 10, "30x the people should not cost 10x the time: is the trigram index used?"


def test_import_time_grows_linearly_with_the_file(coordinator_grand_air):
    from people.caseload_import import check_file, run_import
    from tests.people.test_import import _big_csv

    def import_rows(rows: int, tag: str) -> float:
        data = _big_csv(rows)
        start = time.perf_counter()
        batch = check_file(
            data=data, filename=f"{tag}.csv", centre=centre("grand-air"), by=coordinator_grand_air
        )
        run_import(batch, by=coordinator_grand_air)
        return time.perf_counter() - start

    small = import_rows(1_000, "petit")
    # The first 1,000 rows of this file match the people just imported: they are completed
    # rather than created, as in a real second import.
    large = import_rows(10_000, "grand")
    ratio = large / small
    print(f"\nimport: 1,000 rows {small:.1f} s, 10,000 rows {large:.1f} s, x{ratio:.1f}")
    assert ratio < 20, "10x the rows should cost about 10x the time, not more"
