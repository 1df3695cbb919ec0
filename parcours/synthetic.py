"""Synthetic data at département scale, generated in SQL (`manage.py seed_synthetic`).

Each app contributes a generator in its own `synthetic.py` module, found by autodiscovery
(like `admin.py`), so an app added later plugs its tables in without touching this module:

    # agenda/synthetic.py
    from parcours.synthetic import register_generator

    @register_generator("agenda.appointments", tables=["agenda_appointment"],
                        after=["people.persons"], events_per_person=1.5)
    def appointments(seed):
        seed.execute("INSERT INTO agenda_appointment (...) SELECT ... FROM generate_series(...)")

A generator receives a `Seed`: the range of person ids just created (`seed.first_person`,
`seed.last_person`), the centres and their sites, a pool of staff user ids, and `execute`
(autocommit, timed). It writes with INSERT … SELECT over `generate_series`, never row by row
in Python. The command drops the secondary indexes of every registered table before the
generators run, recreates them afterwards (one sort per index instead of 20 million
insertions) and runs VACUUM ANALYZE, so index-only scans and plans are those of a live base.

Conventions for the SQL: `seed.person_centre_sql("p")` is the centre of person id `p`
(persons are spread over the centres by id, so events find their centre without a join);
`seed.staff_sql()` picks a staff user id; `seed.moment_sql(days)` a moment within the
last `days` days.
"""

import copy
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.db import connection, connections
from django.utils.module_loading import autodiscover_modules


@dataclass
class Generator:
    name: str
    function: Callable
    tables: list[str]
    after: list[str] = field(default_factory=list)
    events_per_person: float = 0.0


_generators: dict[str, Generator] = {}


def register_generator(
    name: str, *, tables: list[str], after: list[str] = (), events_per_person: float = 0.0
):
    """Decorator: register (or replace, by name) the generator of an app's tables."""

    def decorator(function):
        _generators[name] = Generator(name, function, list(tables), list(after), events_per_person)
        return function

    return decorator


def generators() -> list[Generator]:
    """Every registered generator, each after those it names in `after`."""
    autodiscover_modules("synthetic")
    ordered: list[Generator] = []
    placed: set[str] = set()
    pending = dict(_generators)
    while pending:
        ready = [
            g for g in pending.values() if all(d in placed or d not in pending for d in g.after)
        ]
        if not ready:
            raise ValueError(f"Cycle in synthetic generators: {sorted(pending)}")
        for generator in sorted(ready, key=lambda g: g.name):
            ordered.append(generator)
            placed.add(generator.name)
            del pending[generator.name]
    return ordered


@dataclass
class Seed:
    persons: int
    first_person: int = 0  # set by the people generator
    centre_ids: list[int] = field(default_factory=list)
    site_ids: list[int] = field(default_factory=list)  # one site per centre, same order
    staff_ids: list[int] = field(default_factory=list)
    seed: float = 0.42
    timings: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    verbose: Callable[[str], None] = lambda message: None

    @property
    def last_person(self) -> int:
        return self.first_person + self.persons - 1

    def execute(self, sql: str, params=None, *, label: str = "") -> int:
        start = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rowcount = cursor.rowcount
        elapsed = time.perf_counter() - start
        if label:
            self.timings[label] = self.timings.get(label, 0) + elapsed
            self.counts[label] = self.counts.get(label, 0) + max(rowcount, 0)
            self.verbose(f"  {label}: {max(rowcount, 0):,} rows in {elapsed:.1f} s")
        return rowcount

    # -- SQL snippets ---------------------------------------------------------------------

    def array_sql(self, values: list[int]) -> str:
        return "ARRAY[" + ",".join(str(int(v)) for v in values) + "]::bigint[]"

    def centre_index_sql(self, person: str) -> str:
        """1-based index, in `centre_ids`, of the centre of person id `person`."""
        return f"(1 + ({person}) % {len(self.centre_ids)})"

    def person_centre_sql(self, person: str) -> str:
        return f"({self.array_sql(self.centre_ids)})[{self.centre_index_sql(person)}]"

    def person_site_sql(self, person: str) -> str:
        return f"({self.array_sql(self.site_ids)})[{self.centre_index_sql(person)}]"

    def staff_sql(self) -> str:
        staff = self.array_sql(self.staff_ids)
        return f"({staff})[1 + floor(random() * {len(self.staff_ids)})::int]"

    def random_person_sql(self) -> str:
        """A person id, skewed so that some people have long histories (a few times the mean)."""
        return f"({self.first_person} + floor(power(random(), 1.3) * {self.persons})::bigint)"

    @staticmethod
    def moment_sql(days: int = 1095) -> str:
        return f"(now() - random() * interval '{days} days')"


# ---- Index handling ------------------------------------------------------------------------


def secondary_indexes(tables: list[str]) -> list[tuple[str, str, str]]:
    """(name, table, definition) of the indexes of these tables that back no constraint."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.relname, t.relname, pg_get_indexdef(x.indexrelid)
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_class t ON t.oid = x.indrelid
            WHERE t.relname = ANY(%s) AND t.relkind = 'r'
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
            ORDER BY t.relname, i.relname
            """,
            [tables],
        )
        return cursor.fetchall()


def exclusion_constraints(tables: list[str]) -> list[tuple[str, str, str]]:
    """(name, table, definition) of the exclusion constraints of these tables.

    Checked row by row through their GiST index, they would make every insert a search;
    they are dropped while the generators run and added back afterwards, which builds the
    index once and checks every row (a generator that double-books fails there).
    """
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.conname, t.relname, pg_get_constraintdef(c.oid)
            FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
            WHERE t.relname = ANY(%s) AND c.contype = 'x'
            ORDER BY t.relname, c.conname
            """,
            [tables],
        )
        return cursor.fetchall()


def _session(seed: Seed, offset: int = 0) -> None:
    """Settings of a generating session (each thread has its own connection)."""
    with connection.cursor() as cursor:
        # Foreign keys are checked by triggers, one per inserted row: the generators write
        # consistent ids, so the session skips them (superuser only; otherwise they run).
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if cursor.fetchone()[0]:
            cursor.execute("SET session_replication_role = replica")
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute("SET synchronous_commit = off")
        cursor.execute("SELECT setseed(%s)", [((seed.seed + 1 + offset * 0.1) % 2) - 1])


def _in_thread(settings_dict: dict, function, *args):
    """Run in a worker thread, on its own connection to the caller's database (the same
    settings, which may not be the configured default's), closed afterwards."""
    # `connection` is a proxy: the class of the caller's wrapper is that of its backend.
    own = type(connections["default"])(copy.deepcopy(settings_dict), "default")
    connections["default"] = own
    try:
        return function(*args)
    finally:
        own.close()


def _waves(ordered: list[Generator]) -> list[list[Generator]]:
    """Generators grouped so that each runs after everything it names in `after`."""
    names = {generator.name for generator in ordered}
    done: set[str] = set()
    waves = []
    pending = list(ordered)
    while pending:
        wave = [g for g in pending if all(d in done or d not in names for d in g.after)]
        waves.append(wave)
        done |= {g.name for g in wave}
        pending = [g for g in pending if g not in wave]
    return waves


def run(seed: Seed, *, rebuild_indexes: bool = True, jobs: int = 2) -> Seed:
    """Run every generator; indexes dropped first and rebuilt after; VACUUM ANALYZE.

    Generators that do not depend on each other run in `jobs` threads, each on its own
    connection, as do the index builds of different tables. Inside a transaction (the
    tests), everything runs in order on the one connection, which alone sees the data.
    """
    ordered = generators()
    tables = list(dict.fromkeys(table for generator in ordered for table in generator.tables))
    indexes = secondary_indexes(tables) if rebuild_indexes else []
    exclusions = exclusion_constraints(tables) if rebuild_indexes else []
    parallel = jobs > 1 and not connection.in_atomic_block
    _session(seed)
    with connection.cursor() as cursor:
        for name, _table, _definition in indexes:
            cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
        for name, table, _definition in exclusions:
            cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT IF EXISTS "{name}"')

    def generate(generator: Generator, offset: int = 0) -> None:
        if parallel:
            _session(seed, offset)
        seed.verbose(f"{generator.name}")
        start = time.perf_counter()
        generator.function(seed)
        seed.timings[generator.name] = time.perf_counter() - start

    def build(table: str) -> None:
        if parallel:
            _session(seed)
        for name, on, definition in indexes:
            if on == table:
                with connection.cursor() as cursor:
                    cursor.execute(definition)
                seed.verbose(f"  index {name} rebuilt")
        for name, on, definition in exclusions:
            if on == table:
                with connection.cursor() as cursor:
                    cursor.execute(f'ALTER TABLE "{on}" ADD CONSTRAINT "{name}" {definition}')
                seed.verbose(f"  constraint {name} added back")

    def analyse(table: str) -> None:
        # VACUUM sets the visibility map (index-only scans); it cannot run in a
        # transaction (the tests run the command inside one): ANALYZE alone there.
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        with connection.cursor() as cursor:
            cursor.execute(f'{command} "{table}"')

    settings_dict = connection.settings_dict

    def each(function, items) -> None:
        if parallel and len(items) > 1:
            with ThreadPoolExecutor(max_workers=jobs) as pool:
                list(pool.map(lambda item: _in_thread(settings_dict, function, *item), items))
        else:
            for item in items:
                function(*item)

    try:
        for wave in _waves(ordered):
            # The longest first, so that the threads finish together.
            wave = sorted(wave, key=lambda g: -g.events_per_person)
            each(generate, [(generator, n) for n, generator in enumerate(wave)])
    finally:
        start = time.perf_counter()
        # The biggest tables first, so that the threads finish together.
        each(build, [(table,) for table in _by_size(tables)])
        seed.timings["indexes"] = time.perf_counter() - start
    start = time.perf_counter()
    each(analyse, [(table,) for table in _by_size(tables)])
    seed.timings["vacuum_analyze"] = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute("RESET session_replication_role")
    return seed


def _by_size(tables: list[str]) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relname = ANY(%s) "
            "ORDER BY pg_relation_size(oid) DESC",
            [tables],
        )
        return [row[0] for row in cursor.fetchall()]
