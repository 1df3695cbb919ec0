"""`manage.py seed_synthetic --persons N`: département-scale data for benchmarks (SQL only)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from parcours import synthetic

STAFF_POOL = 12


def staff_pool() -> list[int]:
    """Authors of the synthetic events: accounts without any membership (they open nothing)."""
    from accounts.models import User

    ids = []
    for n in range(1, STAFF_POOL + 1):
        user, created = User.objects.get_or_create(
            email=f"agent{n:02d}@synthetique.parcours.test",
            defaults={"first_name": "Agent", "last_name": f"Synthétique {n}", "is_active": False},
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        ids.append(user.pk)
    return ids


def centres_and_sites() -> tuple[list[int], list[int]]:
    from organisations.models import Centre, Site

    centres, sites = [], []
    for centre in Centre.objects.order_by("position", "pk"):
        site = Site.objects.filter(centre=centre).order_by("position", "pk").first()
        if site:
            centres.append(centre.pk)
            sites.append(site.pk)
    return centres, sites


class Command(BaseCommand):
    help = "Adds N synthetic people and about 20 events each, in SQL (benchmarks only)."

    def add_arguments(self, parser):
        parser.add_argument("--persons", type=int, required=True)
        parser.add_argument("--seed", type=float, default=0.42, help="random seed, -1 to 1")
        parser.add_argument(
            "--jobs", type=int, default=2, help="threads (connections) generating at once"
        )
        parser.add_argument(
            "--keep-indexes",
            action="store_true",
            help="insert with the indexes in place (slower; for a base already in use)",
        )

    def handle(self, *args, persons, seed, keep_indexes, jobs, **options):
        if getattr(settings, "PRODUCTION", False):
            raise CommandError("seed_synthetic refuses to run in production.")
        if persons < 1:
            raise CommandError("--persons must be at least 1.")
        centres, sites = centres_and_sites()
        if not centres:
            raise CommandError("No centre with a site: run load_reference_data first.")
        verbosity = options.get("verbosity", 1)
        state = synthetic.Seed(
            persons=persons,
            centre_ids=centres,
            site_ids=sites,
            staff_ids=staff_pool(),
            seed=seed,
            verbose=(lambda message: self.stdout.write(message))
            if verbosity > 1
            else print_nothing,
        )
        start = time.perf_counter()
        synthetic.run(state, rebuild_indexes=not keep_indexes, jobs=jobs)
        elapsed = time.perf_counter() - start
        events = sum(n for table, n in state.counts.items() if table != "people_person")
        self.stdout.write(
            f"{state.counts.get('people_person', 0):,} personnes et {events:,} événements "
            f"créés en {elapsed:.1f} s (index {state.timings.get('indexes', 0):.1f} s, "
            f"VACUUM ANALYZE {state.timings.get('vacuum_analyze', 0):.1f} s)."
        )
        if verbosity > 1:
            for table, count in sorted(state.counts.items()):
                self.stdout.write(f"  {table}: {count:,}")
            self.stdout.write("Durées (s) :")
            for label, seconds in sorted(state.timings.items(), key=lambda item: -item[1]):
                self.stdout.write(f"  {label}: {seconds:.1f}")


def print_nothing(message: str) -> None:
    return None
