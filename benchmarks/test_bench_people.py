"""`make bench`, second part: how the caseload import scales (the pages: benchmarks/run.py).

Timings on a shared machine are noisy, so nothing here compares a duration with a fixed
number: each benchmark measures a small and a large case in the same run and bounds their
ratio. Results are printed; run with -s to read them.
"""

import time

from tests.factories import centre


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
