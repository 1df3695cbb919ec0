"""The person's file gathers what every app knows about the person, without knowing the apps.

Two registries, filled by each app in its `AppConfig.ready()`:

- timeline providers: `(person, user) -> list[TimelineEntry]`, one entry per event
  (a visit, a request, a note...). The file page shows them newest first, paginated.
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
from datetime import date, datetime, time

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
_summary_providers: dict[str, SummaryProvider] = {}


def register_timeline_provider(name: str, provider: TimelineProvider) -> None:
    """Register (or replace, by name: `ready()` may run twice) a source of timeline entries."""
    _timeline_providers[name] = provider


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
