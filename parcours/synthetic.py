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
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
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


_lock = threading.Lock()


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

    values: dict = field(default_factory=dict)

    def once(self, key: str, compute: Callable):
        """A value computed once per run, whichever generator (thread) asks first: a
        number two generators must agree on (the first id of a table, say)."""
        with _lock:
            if key not in self.values:
                self.values[key] = compute()
            return self.values[key]

    def add_time(self, label: str, seconds: float) -> None:
        with _lock:
            self.timings[label] = self.timings.get(label, 0) + seconds

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
        cursor.execute("SET work_mem = '128MB'")  # the generators' sorts and hashes in memory
        cursor.execute("SET synchronous_commit = off")
        cursor.execute("SELECT setseed(%s)", [((seed.seed + 1 + offset * 0.1) % 2) - 1])


@dataclass
class Task:
    name: str
    function: Callable
    needs: set[str]
    weight: float  # its own estimated cost; the scheduler adds what waits for it


def _tasks(seed: Seed, ordered, tables, indexes, exclusions) -> dict[str, Task]:
    """Generators, then each index build once every generator writing its table is done,
    then the table's VACUUM ANALYZE: indexes are built while other generators still run."""
    names = {generator.name for generator in ordered}
    in_transaction = connection.in_atomic_block
    tasks: dict[str, Task] = {}

    def generate(generator: Generator, offset: int) -> None:
        _session(seed, offset)
        seed.verbose(f"{generator.name}")
        start = time.perf_counter()
        generator.function(seed)
        seed.timings[generator.name] = time.perf_counter() - start

    def build(name: str, definition: str) -> None:
        _session(seed)
        start = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(definition)
        elapsed = time.perf_counter() - start
        seed.verbose(f"  {name} in {elapsed:.1f} s")
        seed.add_time("indexes", elapsed)

    def analyse(table: str) -> None:
        # VACUUM sets the visibility map (index-only scans); it cannot run in a
        # transaction (the tests run the command inside one): ANALYZE alone there.
        start = time.perf_counter()
        command = "ANALYZE" if in_transaction else "VACUUM (ANALYZE)"
        with connection.cursor() as cursor:
            cursor.execute(f'{command} "{table}"')
        seed.add_time("vacuum_analyze", time.perf_counter() - start)

    for n, generator in enumerate(ordered):
        tasks[f"gen:{generator.name}"] = Task(
            f"gen:{generator.name}",
            lambda g=generator, n=n: generate(g, n),
            {f"gen:{d}" for d in generator.after if d in names},
            # Generators first (inserting is most of the work), the biggest first.
            1000 + generator.events_per_person,
        )
    for table in tables:
        writers = {f"gen:{g.name}" for g in ordered if table in g.tables}
        # One task per index, so that a big table's are built on both connections. An
        # exclusion constraint locks its table: a table's run one after the other, first
        # (they are the longest), then its plain indexes side by side.
        before = set(writers)
        for name, on, definition in exclusions:
            if on == table:
                key = f"constraint:{name}"
                sql = f'ALTER TABLE "{on}" ADD CONSTRAINT "{name}" {definition}'
                tasks[key] = Task(
                    key, lambda n=name, d=sql: build(f"constraint {n}", d), set(before), 5
                )
                before = writers | {key}
        built = set()
        for name, on, definition in indexes:
            if on == table:
                key = f"index:{name}"
                tasks[key] = Task(
                    key, lambda n=name, d=definition: build(f"index {n}", d), set(before), 1
                )
                built.add(key)
        tasks[f"vacuum:{table}"] = Task(
            f"vacuum:{table}", lambda t=table: analyse(t), (built or before), 0.5
        )
    return tasks


def _priorities(tasks: dict[str, Task]) -> dict[str, float]:
    """A task's weight plus the heaviest chain waiting for it (the critical path first)."""
    waiting: dict[str, list[str]] = {name: [] for name in tasks}
    for task in tasks.values():
        for need in task.needs:
            waiting[need].append(task.name)
    priority: dict[str, float] = {}

    def of(name: str) -> float:
        if name not in priority:
            priority[name] = tasks[name].weight + max((of(w) for w in waiting[name]), default=0)
        return priority[name]

    for name in tasks:
        of(name)
    return priority


def _schedule(tasks: dict[str, Task], jobs: int) -> None:
    """Run the tasks, each once all it needs is done, `jobs` at a time (own connections);
    in a transaction (the tests), one after the other on the one connection."""
    priority = _priorities(tasks)
    pending, done = dict(tasks), set()

    def ready() -> list[Task]:
        found = [t for t in pending.values() if t.needs <= done]
        return sorted(found, key=lambda t: -priority[t.name])

    if jobs <= 1 or connection.in_atomic_block:
        while pending:
            task = ready()[0]
            del pending[task.name]
            task.function()
            done.add(task.name)
        return
    settings_dict = connection.settings_dict
    opened = []

    def own_connection() -> None:
        # `connections` is per thread: this worker's "default" is its own connection to
        # the caller's database (the same settings, which may not be the configured one's).
        wrapper = type(connections["default"])(copy.deepcopy(settings_dict), "default")
        wrapper.inc_thread_sharing()  # closed by the caller's thread at the end
        connections["default"] = wrapper
        opened.append(wrapper)

    running: dict = {}
    try:
        with ThreadPoolExecutor(max_workers=jobs, initializer=own_connection) as pool:
            while pending or running:
                for task in ready()[: jobs - len(running)]:
                    del pending[task.name]
                    running[pool.submit(task.function)] = task.name
                if not running:
                    raise ValueError(f"Synthetic tasks waiting forever: {sorted(pending)}")
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    name = running.pop(future)
                    future.result()  # a failure stops the run (after the running tasks)
                    done.add(name)
    finally:
        for wrapper in opened:
            wrapper.close()


def run(seed: Seed, *, rebuild_indexes: bool = True, jobs: int = 2) -> Seed:
    """Run every generator; indexes dropped first and rebuilt after; VACUUM ANALYZE.

    Generators run as soon as those they name in `after` are done, `jobs` at a time, each
    on its own connection; a table's indexes are rebuilt, and the table vacuumed, as soon as
    every generator writing it is done (while others still run). Inside a transaction (the
    tests), everything runs in order on the one connection, which alone sees the data.
    """
    ordered = generators()
    tables = list(dict.fromkeys(table for generator in ordered for table in generator.tables))
    indexes = secondary_indexes(tables) if rebuild_indexes else []
    exclusions = exclusion_constraints(tables) if rebuild_indexes else []
    _session(seed)
    with connection.cursor() as cursor:
        for name, _table, _definition in indexes:
            cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
        for name, table, _definition in exclusions:
            cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT IF EXISTS "{name}"')
    tasks = _tasks(seed, ordered, tables, indexes, exclusions)
    try:
        _schedule(tasks, jobs)
    except BaseException:
        # Leave no table without its indexes and constraints (those already there stay).
        if rebuild_indexes and not connection.in_atomic_block:
            _restore(indexes, exclusions)
        raise
    with connection.cursor() as cursor:
        cursor.execute("RESET session_replication_role")
    return seed


def _restore(indexes, exclusions) -> None:
    for _name, _table, definition in indexes:
        with connection.cursor() as cursor:
            cursor.execute(
                definition.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1).replace(
                    "CREATE UNIQUE INDEX", "CREATE UNIQUE INDEX IF NOT EXISTS", 1
                )
            )
    for name, table, definition in exclusions:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_constraint WHERE conname = %s", [name])
            if not cursor.fetchone():
                cursor.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
