"""The person's file gathers what every app knows about the person, without knowing the apps.

Two registries, filled by each app in its `AppConfig.ready()`:

- timeline providers: `(person, user) -> list[TimelineEntry]`, one entry per event
  (a visit, a request, a note...). The file page shows them newest first, paginated.
  A provider registered with `bounded=True` also accepts the keyword arguments `before`
  (an aware datetime, inclusive, or None) and `limit` (an int, or None) and then returns
  at most `limit` of its newest entries dated at or before `before`, newest first, in one
  query over an index on (person, date): `latest(queryset, "at", before, limit)` does it.
  The file page then reads a page of the timeline at a cost that depends on the page's
  size (and depth, for `?page=N`), not on the length of the person's history. Providers
  without it keep working: all their entries are read and filtered in Python.
- summary providers: `(person, user) -> list[SummaryItem]`, the few lines at the top of
  the file (open requests, next appointment...).

A provider filters by what *this user* may see (use the predicates of
`parcours.permissions`, e.g. `can_read_notes`) and costs a constant number of queries
(one query per provider, with `select_related`): the file page's query count is asserted.

    # reception/apps.py
    def ready(self):
        from people.timeline import register_timeline_provider
        from reception.timeline import visit_entries
        register_timeline_provider("reception.visits", visit_entries)
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.utils import timezone


@dataclass(frozen=True)
class TimelineEntry:
    date: datetime | date
    kind: str  # short machine word, used as a CSS modifier: "note", "visit", "request"...
    title: str  # French, one line: "Passage à l’accueil – Espace 40"
    detail: str = ""  # French, a few lines at most; never rendered as HTML
    url: str = ""  # where to read more, if anywhere

    @property
    def sort_key(self) -> datetime:
        if isinstance(self.date, datetime):
            return self.date if timezone.is_aware(self.date) else timezone.make_aware(self.date)
        return timezone.make_aware(datetime.combine(self.date, time.min))


@dataclass(frozen=True)
class SummaryItem:
    label: str  # "Prochain rendez-vous"
    value: str  # "mardi 3 mars à 14 h, avec Claire Dubois"
    url: str = ""
    order: int = 100  # smaller first


TimelineProvider = Callable[[object, object], list[TimelineEntry]]
SummaryProvider = Callable[[object, object], list[SummaryItem]]

_timeline_providers: dict[str, TimelineProvider] = {}
_bounded: set[str] = set()
_summary_providers: dict[str, SummaryProvider] = {}


def register_timeline_provider(
    name: str, provider: TimelineProvider, *, bounded: bool = False
) -> None:
    """Register (or replace, by name: `ready()` may run twice) a source of timeline entries.

    `bounded=True`: the provider accepts `before=` and `limit=` (see the module's docstring).
    """
    _timeline_providers[name] = provider
    if bounded:
        _bounded.add(name)
    else:
        _bounded.discard(name)


def latest(queryset, field: str, before: datetime | None, limit: int | None):
    """The newest rows of `queryset` by `field` at or before `before`, at most `limit`."""
    if before is not None:
        queryset = queryset.filter(**{f"{field}__lte": before})
    queryset = queryset.order_by(f"-{field}", "-pk")
    return queryset[:limit] if limit is not None else queryset


def register_summary_provider(name: str, provider: SummaryProvider) -> None:
    _summary_providers[name] = provider


def timeline_for(person, user) -> list[TimelineEntry]:
    """Every entry this user may see about this person, newest first."""
    entries = [
        entry for provider in _timeline_providers.values() for entry in provider(person, user)
    ]
    return sorted(entries, key=lambda entry: entry.sort_key, reverse=True)


def summary_for(person, user) -> list[SummaryItem]:
    items = [item for provider in _summary_providers.values() for item in provider(person, user)]
    return sorted(items, key=lambda item: item.order)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


@dataclass(frozen=True)
class TimelineCursor:
    """Where the next page starts: entries at or before `moment`, the first `skip` entries
    dated exactly `moment` having been shown already. In URLs as "<microseconds>-<skip>"."""

    moment: datetime
    skip: int = 0

    def __str__(self) -> str:
        return f"{(self.moment - _EPOCH) // _MICROSECOND}-{self.skip}"

    @classmethod
    def parse(cls, text: str | None) -> "TimelineCursor | None":
        try:
            micro, skip = (int(part) for part in (text or "").split("-"))
            moment = _EPOCH + micro * _MICROSECOND
        except (ValueError, OverflowError, OSError):
            return None
        return cls(moment, skip) if skip >= 0 else None


@dataclass
class TimelinePage:
    object_list: list[TimelineEntry]
    number: int
    has_next: bool
    has_previous: bool
    next_cursor: TimelineCursor | None

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous


def timeline_page(
    person, user, *, size: int, cursor: TimelineCursor | None = None, number: int = 1
) -> TimelinePage:
    """One page of the timeline, newest first: after `cursor`, or the `number`-th page.

    Each bounded provider returns at most the entries the page needs; the others return
    everything and are filtered here. Entries with the same date keep a fixed order
    (providers in registration order, each in its own order), which `skip` relies on.
    """
    number = 1 if cursor else max(1, number)
    offset = (number - 1) * size
    before = cursor.moment if cursor else None
    want = offset + size + 1 + (cursor.skip if cursor else 0)
    entries = []
    for name, provider in _timeline_providers.items():
        if name in _bounded:
            found = provider(person, user, before=before, limit=want)
        else:
            found = provider(person, user)
            if before is not None:
                found = [entry for entry in found if entry.sort_key <= before]
        entries.extend(found)
    entries.sort(key=lambda entry: entry.sort_key, reverse=True)
    if cursor:
        same = sum(1 for entry in entries[: cursor.skip] if entry.sort_key == cursor.moment)
        entries = entries[same:]
    shown = entries[: offset + size]
    page = shown[offset:]
    next_cursor = None
    if len(entries) > offset + size and page:
        last = page[-1].sort_key
        skip = sum(1 for entry in shown if entry.sort_key == last)
        if cursor and cursor.moment == last:
            skip += cursor.skip
        next_cursor = TimelineCursor(last, skip)
    return TimelinePage(
        object_list=page,
        number=number,
        has_next=next_cursor is not None,
        has_previous=bool(cursor) or number > 1,
        next_cursor=next_cursor,
    )
