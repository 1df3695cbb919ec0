"""The indicator registry: each app declares the figures it knows, the bilans show them.

How an app plugs its figures in (accompaniment/, agenda/, workshops/...):

1. Write `<app>/indicators.py`. The reports app imports that module of every installed app
   at start-up (`ReportsConfig.ready`, Django's `autodiscover_modules("indicators")`), so
   registering at import time is enough:

    from reports.registry import Indicator, ReportScope, register_indicator
    from reports.sql import fetch, per_centre
    from reports.tables import FigureTable

    def exits_by_reason(scope: ReportScope) -> FigureTable:
        rows = fetch(
            '''SELECT centre_id, reason, count(*) AS n FROM accompaniment_exit
               WHERE centre_id = ANY(%(centres)s) AND at >= %(start)s AND at < %(end)s
               GROUP BY GROUPING SETS ((centre_id, reason), (reason), (centre_id), ())''',
            scope.sql_params(),
        )
        table = scope.table()
        total = table.add("Sorties dans la période", per_centre(scope, rows, reason=None))
        parts = [table.add(label, per_centre(scope, rows, reason=code), level=1)
                 for code, label in ExitReason.choices]
        table.sum_of(total, parts)            # the total is the sum of the parts
        table.add_rate("Part des sorties positives (sur les sorties de la période)",
                       parts[0], total)
        table.chart_rows = parts
        return table

    register_indicator(Indicator(
        key="accompaniment.exits",             # "<app>.<name>", unique
        section="Accompagnements",             # groups indicators on the page and in the PDF
        title="Sorties par motif",
        definition="Sorties d’accompagnement enregistrées entre le début et la fin de la "
                   "période, par motif. Sortie positive : emploi, formation qualifiante.",
        compute=exits_by_reason,
        order=300,                              # position on the page (reception: 100–199)
        public=False,                           # True: also on the public figures page
    ))

2. The contract `compute(scope)` must keep:
   - read only the rows of `scope.centre_ids` and of the period: `scope.start_at` (included)
     to `scope.end_at` (excluded), aware datetimes (`scope.start`/`scope.end` are the dates,
     end included); `scope.sql_params()` gives them as %(centres)s, %(start)s, %(end)s,
     %(reference_date)s (the date ages are computed at) and %(as_of)s (now: the moment a
     "within N days" rate is judged at — count only the units whose N days have passed
     by then, and say so in the denominator's label);
   - aggregate in PostgreSQL (GROUP BY, FILTER, GROUPING SETS for the "Ensemble" column —
     `per_centre` reads them), in a constant number of queries (one or two), never a Python
     loop over rows; never select a name: only counts leave the function; indicators that
     share one query (several breakdowns of the same people) run it once with `scope.memo`;
   - return `scope.table()` filled with count rows (`add`), rates (`add_rate`: numerator
     and denominator are count rows of the table, the label states the denominator) and
     means (`add_mean`, with the count row they average over), and declare which cells add
     up (`sum_of`; the "Ensemble" column is related to its row automatically) so that
     statistical secrecy also hides what could be found by subtraction;
   - definitions are French sentences a funder understands: what is counted, from which
     date to which, with which denominator;
   - `table.chart_rows` (count rows drawn as bars, optional) and `table.note` (a sentence
     under the table, e.g. "les lignes ne s’additionnent pas") are optional.

3. Test it as tests/reports/test_indicators.py does: a known data set, the figure computed
   by hand next to each assert (`indicator.compute(scope)` gives the raw values), and the
   query count bounded. The page, the bilans (live and frozen), the exports and, when
   `public=True`, the public page pick the indicator up with no other change.

Masking (reports.secrecy) and rendering (page, PDF, XLSX, CSV, public page, frozen bilans)
are done by the reports app; an indicator never formats nor hides a figure itself.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise

from django.conf import settings
from django.utils import timezone

from reports.secrecy import protect
from reports.tables import FigureTable

TOTAL_COLUMN = "Ensemble"


@dataclass(frozen=True)
class AgeBand:
    low: int
    high: int | None  # None: "and over"

    @property
    def code(self) -> str:
        return f"{self.low}-{self.high}" if self.high is not None else f"{self.low}+"

    @property
    def label(self) -> str:
        if self.high is None:
            return f"{self.low} ans et plus"
        if self.low == 0:
            return f"Moins de {self.high + 1} ans"
        return f"{self.low} à {self.high} ans"


class AgeBandsError(ValueError):
    pass


def parse_age_bands(text: str) -> tuple[AgeBand, ...]:
    """ "0-10, 11-25, 26-59, 60+" → bands; they must follow each other without gap or overlap
    and the last one ends with "+"."""
    bands = []
    parts = [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
    if not parts:
        raise AgeBandsError("Indiquez au moins une tranche d’âge, par exemple « 0-25, 26+ ».")
    for position, part in enumerate(parts):
        try:
            if part.endswith("+"):
                if position != len(parts) - 1:
                    raise AgeBandsError("Seule la dernière tranche peut finir par « + ».")
                bands.append(AgeBand(int(part[:-1]), None))
            else:
                low, high = (int(bound) for bound in part.split("-"))
                bands.append(AgeBand(low, high))
        except (ValueError, TypeError) as error:
            if isinstance(error, AgeBandsError):
                raise
            raise AgeBandsError(
                f"« {part} » n’est pas une tranche d’âge : "
                "écrivez par exemple « 26-59 » ou « 60+ »."
            ) from None
    if bands[0].low != 0:
        raise AgeBandsError("La première tranche commence à 0 an.")
    for previous, band in pairwise(bands):
        if previous.high is None or band.low != previous.high + 1:
            raise AgeBandsError(
                "Les tranches se suivent sans trou ni chevauchement (ex. « 0-25, 26-59, 60+ »)."
            )
    for band in bands:
        if band.high is not None and band.high < band.low:
            raise AgeBandsError(f"La tranche « {band.code} » finit avant de commencer.")
    if bands[-1].high is not None:
        raise AgeBandsError("La dernière tranche finit par « + » (ex. « 60+ »).")
    return tuple(bands)


def format_age_bands(bands) -> str:
    return ", ".join(band.code for band in bands)


def default_age_bands() -> tuple[AgeBand, ...]:
    return parse_age_bands(settings.REPORTS_AGE_BANDS)


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@dataclass(frozen=True)
class ReportScope:
    """What a report covers: some centres (id, name) in display order, a period (dates,
    end included), the age bands, and the moment it is computed at."""

    centres: tuple[tuple[int, str], ...]
    start: datetime.date
    end: datetime.date
    age_bands: tuple[AgeBand, ...] = field(default_factory=default_age_bands)
    as_of: datetime.datetime = field(default_factory=timezone.now)
    _memo: dict = field(default_factory=dict, compare=False, repr=False)

    def memo(self, key: str, compute: Callable):
        """Indicators that share a costly query run it once per scope (one page, one export):
        `scope.memo("people.profile", lambda: fetch(...))`."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    @property
    def centre_ids(self) -> list[int]:
        return [pk for pk, _ in self.centres]

    @property
    def start_at(self) -> datetime.datetime:
        return _local_midnight(self.start)

    @property
    def end_at(self) -> datetime.datetime:
        return _local_midnight(self.end + datetime.timedelta(days=1))

    @property
    def reference_date(self) -> datetime.date:
        """Ages are computed at the end of the period (or today, for a period not over)."""
        return min(self.end, timezone.localdate(self.as_of))

    @property
    def has_total_column(self) -> bool:
        return len(self.centres) > 1

    @property
    def columns(self) -> list[str]:
        names = [name for _, name in self.centres]
        return [*names, TOTAL_COLUMN] if self.has_total_column else names

    @property
    def column_keys(self) -> list[int | None]:
        """Centre ids in column order; None for the "Ensemble" column."""
        return [*self.centre_ids, None] if self.has_total_column else self.centre_ids

    def sql_params(self, **extra) -> dict:
        return {
            "centres": self.centre_ids,
            "start": self.start_at,
            "end": self.end_at,
            "reference_date": self.reference_date,
            "as_of": self.as_of,
            **extra,
        }

    def table(self) -> FigureTable:
        return FigureTable(columns=self.columns, has_total_column=self.has_total_column)


@dataclass(frozen=True)
class Indicator:
    key: str
    section: str
    title: str
    definition: str
    compute: Callable[[ReportScope], FigureTable]
    order: int = 500
    public: bool = False


_indicators: dict[str, Indicator] = {}


def register_indicator(indicator: Indicator) -> None:
    """Register (or replace, by key: `ready()` may run twice) an indicator."""
    _indicators[indicator.key] = indicator


def registered_indicators(*, public_only: bool = False) -> list[Indicator]:
    indicators = sorted(_indicators.values(), key=lambda item: (item.order, item.key))
    return [item for item in indicators if item.public or not public_only]


def compute_figures(
    scope: ReportScope, *, public_only: bool = False, only: set[str] | None = None
) -> list[dict]:
    """Every indicator (or those keys) computed on this scope, protected by statistical
    secrecy, as plain data (JSON-ready: a final bilan stores exactly this)."""
    figures = []
    for indicator in registered_indicators(public_only=public_only):
        if only is not None and indicator.key not in only:
            continue
        table = indicator.compute(scope)
        figures.append(
            {
                "key": indicator.key,
                "section": indicator.section,
                "title": indicator.title,
                "definition": indicator.definition,
                "columns": table.columns,
                "rows": protect(table),
                "chart_rows": table.chart_rows,
                "note": table.note,
            }
        )
    return figures
