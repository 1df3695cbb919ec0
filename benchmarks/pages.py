"""The staff pages measured, requests interleaved between the two bases.

Each page is requested through Django's test client (the whole middleware stack and
template rendering, no network) by the user of its role, alternately on the small and the
large base, after a few warm-up rounds. Query counts are captured on every request.
"""

import datetime
import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benchmarks.databases import PERSON, use

# A misspelling of the long-history person's name: letters missing, no accent.
MISSPELT = "Aicha Sisoko-Dialo"


@dataclass
class Page:
    name: str
    label: str
    role: str | None  # None: an anonymous visitor
    url: str = ""
    search: str = ""  # the desk's search: POSTed once, then the results page is measured
    timeline_page: int = 0
    # The URL when it names rows of the base (a site, a cycle, centres): computed per base.
    resolve: Callable[[], str] | None = None
    timings: dict = field(default_factory=lambda: {"small": [], "large": []})
    queries: dict = field(default_factory=lambda: {"small": set(), "large": set()})
    status: dict = field(default_factory=dict)


def pages() -> list[Page]:
    return [
        Page("minimal", "Vue minimale (racine du site, redirection)", None, "/"),
        Page(
            "search_lookup", "Recherche exacte par téléphone", "reception", search="07 81 22 33 44"
        ),
        Page(
            "search_exact", "Recherche : nom bien écrit", "reception", search="Aïcha Sissoko-Diallo"
        ),
        Page("search_misspelt", "Recherche : nom mal écrit", "reception", search=MISSPELT),
        Page("search_common", "Recherche : « Diallo » (page pleine)", "reception", search="Diallo"),
        Page("person_file", "Fiche (longue histoire)", "coordinator"),
        Page(
            "timeline_deep",
            "Fiche, page 20 du fil (« Entrées plus anciennes »)",
            "coordinator",
            timeline_page=20,
        ),
        Page("desk", "Accueil (passages du jour)", "reception", reverse("reception:desk")),
        Page(
            "reception_queue",
            "File de l’accueil",
            "reception",
            reverse("reception:reception_queue"),
        ),
        Page(
            "coordinator_queue",
            "File de la coordination",
            "coordinator",
            reverse("reception:coordinator_queue"),
        ),
        Page(
            "counsellor_queue",
            "File d’analyse de la CIP (3 centres)",
            "counsellor",
            reverse("reception:counsellor_queue"),
        ),
        Page(
            "request_list",
            "Demandes (coordination)",
            "coordinator",
            reverse("reception:request_list"),
        ),
        Page(
            "request_list_cip",
            "Demandes (CIP, 3 centres)",
            "counsellor",
            reverse("reception:request_list"),
        ),
        Page(
            "request_list_new",
            "Demandes nouvelles (CIP, filtre)",
            "counsellor",
            reverse("reception:request_list") + "?status=new",
        ),
        Page("home_reception", "Accueil de l’agent", "reception", reverse("dashboard:home")),
        Page(
            "home_coordinator",
            "Accueil de la coordination",
            "coordinator",
            reverse("dashboard:home"),
        ),
        Page("home_counsellor", "Accueil de la CIP", "counsellor", reverse("dashboard:home")),
        Page("home_director", "Accueil de la direction", "director", reverse("dashboard:home")),
        Page("home_steering", "Accueil du pilotage", "steering", reverse("dashboard:home")),
        Page("agenda_day", "Agenda de la CIP (jour)", "counsellor", reverse("agenda:my_agenda")),
        Page(
            "agenda_week",
            "Agenda de la CIP (semaine)",
            "counsellor",
            reverse("agenda:my_agenda") + "?vue=semaine",
        ),
        Page("site_day", "Agenda d’un site (jour)", "counsellor", resolve=_site_agenda),
        Page(
            "site_week",
            "Agenda d’un site (semaine)",
            "counsellor",
            resolve=lambda: _site_agenda() + "?vue=semaine",
        ),
        Page(
            "accompaniments",
            "Accompagnements (CIP, 3 centres)",
            "counsellor",
            reverse("accompaniment:list"),
        ),
        Page(
            "accompaniments_active",
            "Accompagnements en cours (CIP, filtre)",
            "counsellor",
            reverse("accompaniment:list") + "?statut=active",
        ),
        Page(
            "orientations",
            "Orientations reçues (partenaire)",
            "partner",
            reverse("orientations:received_list"),
        ),
        Page("cycles", "Cycles d’ateliers", "coordinator", reverse("workshops:cycle_list")),
        Page("cycle", "Un cycle d’ateliers (12 inscrits)", "coordinator", resolve=_cycle),
        Page(
            "bilan_centre",
            "Chiffres d’une année, un centre (direction)",
            "director",
            resolve=lambda: _figures(["grand-air"]),
        ),
        Page(
            "bilan_service",
            "Chiffres d’une année, tout le service (pilotage)",
            "steering",
            resolve=lambda: _figures(None),
        ),
        Page(
            "public_centre",
            "Page publique d’un centre",
            None,
            reverse("directory:centre_detail", kwargs={"slug": "grand-air"}),
        ),
    ]


def _site_agenda() -> str:
    """The bench centre's first site (the CIP's appointments and the synthetic ones)."""
    from organisations.models import Site

    site = Site.objects.filter(centre__slug="grand-air").order_by("pk").first()
    return reverse("agenda:site_agenda", kwargs={"pk": site.pk})


def _cycle() -> str:
    """The latest cycle of the bench centre that has begun and is full (12 enrolled)."""
    from django.db.models import Count, Q
    from django.utils import timezone

    from workshops.models import Cycle

    cycle = (
        Cycle.objects.filter(centre__slug="grand-air", starts_on__lt=timezone.localdate())
        .annotate(n=Count("enrolments", filter=Q(enrolments__status="enrolled")))
        .filter(n=12)
        .order_by("-starts_on", "-pk")
        .first()
    )
    return reverse("workshops:cycle_detail", kwargs={"pk": cycle.pk})


def _figures(slugs: list[str] | None) -> str:
    """The figures page over the last twelve months, for these centres (None: every one)."""
    from urllib.parse import urlencode

    from django.utils import timezone

    from organisations.models import Centre
    from parcours.permissions import service_centres

    end = timezone.localdate() - datetime.timedelta(days=1)
    start = end.replace(year=end.year - 1) + datetime.timedelta(days=1)
    # None: the service, every municipal centre (what steering reads).
    centres = service_centres() if slugs is None else Centre.objects.filter(slug__in=slugs)
    from reports.registry import default_age_bands, format_age_bands

    query = [
        ("start", start.isoformat()),
        ("end", end.isoformat()),
        ("ages", format_age_bands(default_age_bands())),
    ]
    query += [("centres", pk) for pk in centres.order_by("pk").values_list("pk", flat=True)]
    return reverse("reports:figures") + "?" + urlencode(query)


USERS = {
    "reception": "bench.accueil@bench.test",
    "coordinator": "bench.coordination@bench.test",
    "counsellor": "bench.cip@bench.test",
    "director": "bench.direction@bench.test",
    "steering": "bench.pilotage@bench.test",
    "partner": "bench.partenaire@bench.test",
}


def _cursor(person, email: str, number: int):
    """The "Entrées plus anciennes" cursor that opens the `number`-th page of the timeline."""
    from accounts.models import User
    from people.timeline import timeline_page
    from people.views.file_views import TIMELINE_PAGE_SIZE

    user, cursor = User.objects.get(email=email), None
    for _ in range(number - 1):
        cursor = timeline_page(person, user, size=TIMELINE_PAGE_SIZE, cursor=cursor).next_cursor
    return cursor


def _second_factor_done(client, user) -> None:
    """The staff who need a second factor have it checked in their session (as in tests)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from parcours.permissions import needs_second_factor

    if not needs_second_factor(user):
        return
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Téléphone du banc d’essai")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def _clients(page: Page, wrappers: dict) -> dict:
    """One logged-in client per base (sessions live in each base)."""
    from accounts.models import User
    from people.models import Person

    clients = {}
    for size, wrapper in wrappers.items():
        use(wrapper)
        caches["default"].key_prefix = size
        client = Client()
        if page.role:
            user = User.objects.get(email=USERS[page.role])
            client.force_login(user)
            _second_factor_done(client, user)
        url = page.resolve() if page.resolve else page.url
        if page.search:
            client.post(reverse("people:search"), {"q": page.search})
            url = reverse("people:search")
            found = client.get(url).content.decode()
            # The measured searches must find what they look for (the long-history person,
            # or a full page of Diallo).
            expected = "Page suivante" if page.search == "Diallo" else PERSON["last_name"].upper()
            if expected not in found:
                raise RuntimeError(f"{page.label} : « {page.search} » ne trouve pas {expected}")
        elif not url:
            person = Person.objects.get(phone=PERSON["phone"])
            url = reverse("people:file", kwargs={"pk": person.pk})
            if page.timeline_page:
                url += f"?avant={_cursor(person, USERS[page.role], page.timeline_page)}"
        if page.name.startswith("bilan") and 'aria-invalid="true"' in client.get(url).text:
            raise RuntimeError(f"{page.label} : le formulaire de la période est refusé")
        clients[size] = (client, url)
    return clients


def measure(all_pages: list[Page], wrappers: dict, rounds: int, warmup: int, log) -> None:
    sessions = {page.name: _clients(page, wrappers) for page in all_pages}
    order = [("small", "large"), ("large", "small")]
    for n in range(warmup + rounds):
        for page in all_pages:
            for size in order[n % 2]:
                use(wrappers[size])
                # One cache, two bases: keep their public pages and versions apart.
                caches["default"].key_prefix = size
                client, url = sessions[page.name][size]
                # The garbage of the previous request (the other base's, often) is collected
                # outside the timing: a collection landing on one request is not a cost of
                # the base's size, and it made single p95 outliers of the heaviest pages.
                gc.collect()
                with CaptureQueriesContext(connection) as captured:
                    start = time.perf_counter()
                    response = client.get(url)
                    elapsed = time.perf_counter() - start
                page.status[size] = response.status_code
                if n >= warmup:
                    page.timings[size].append(elapsed)
                    page.queries[size].add(len(captured))
        if n == warmup - 1 or (n >= warmup and (n - warmup + 1) % 10 == 0):
            log(f"  tour {max(0, n - warmup + 1)}/{rounds}")


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def summary(page: Page) -> dict:
    row = {"page": page.name, "label": page.label}
    for size in ("small", "large"):
        row[size] = {
            "median_ms": round(statistics.median(page.timings[size]) * 1000, 2),
            "p95_ms": round(p95(page.timings[size]) * 1000, 2),
            "queries": sorted(page.queries[size]),
            "status": page.status.get(size),
        }
    row["p95_ratio"] = round(row["large"]["p95_ms"] / row["small"]["p95_ms"], 2)
    row["median_ratio"] = round(row["large"]["median_ms"] / row["small"]["median_ms"], 2)
    row["same_queries"] = row["small"]["queries"] == row["large"]["queries"]
    return row
