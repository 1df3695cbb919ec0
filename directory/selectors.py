"""Reads of the public site: each one costs a fixed number of queries whatever the data."""

import re

from django.contrib.postgres.lookups import Unaccent
from django.contrib.postgres.search import TrigramSimilarity
from django.db.models import Count, Prefetch, Q, Value
from django.db.models.functions import Lower

from directory.models import (
    Activity,
    Article,
    CentrePage,
    Comment,
    CommentStatus,
    ContactRequest,
    ContactRequestStatus,
    PageText,
    Street,
)
from organisations.models import Centre, Neighbourhood, Site

APPROVED = Q(comments__status=CommentStatus.APPROVED)


def _sites():
    return Site.objects.select_related("details").order_by("position", "name")


def centres_for_directory():
    """Every centre with its sites and neighbourhoods, in three queries whatever the data."""
    return list(
        Centre.objects.prefetch_related(
            Prefetch("sites", queryset=_sites()),
            "neighbourhoods",
        ).order_by("position", "name")
    )


def page_text(key: str) -> PageText | None:
    return PageText.objects.filter(key=key).first()


def public_centres():
    return Centre.objects.select_related("page").annotate(
        approved_comment_count=Count("comments", filter=APPROVED)
    )


def centre_for_page(slug: str):
    """The centre with everything its page shows; use with get_object_or_404."""
    return public_centres().prefetch_related(
        Prefetch("sites", queryset=_sites()),
        "neighbourhoods",
        Prefetch(
            "activities",
            queryset=Activity.objects.filter(is_published=True).select_related("site"),
            to_attr="published_activities",
        ),
    )


def approved_comments(*, centre=None, article=None):
    filters = {"centre": centre} if centre is not None else {"article": article}
    return (
        Comment.objects.filter(status=CommentStatus.APPROVED, **filters)
        .select_related("reply__centre")
        .order_by("created_at", "pk")
    )


def published_activities(*, kind: str = "", neighbourhood=None):
    queryset = Activity.objects.filter(is_published=True).select_related("centre", "site")
    if kind:
        queryset = queryset.filter(kind=kind)
    if neighbourhood is not None:
        queryset = queryset.filter(centre__neighbourhoods=neighbourhood)
    return queryset.order_by("centre__position", "kind", "position", "title")


def published_articles():
    return (
        Article.objects.filter(is_published=True)
        .annotate(approved_comment_count=Count("comments", filter=APPROVED))
        .order_by("-published_at", "-pk")
    )


def pending_comments():
    return (
        Comment.objects.filter(status=CommentStatus.PENDING)
        .select_related("centre", "article")
        .order_by("created_at", "pk")
    )


def _street_part(address: str) -> str:
    """ "12 bis, rue Paul Doumer 93100 Montreuil" -> "rue Paul Doumer"."""
    address = re.sub(r"\b\d{5}\b.*$", "", address)  # postal code and city
    address = re.sub(r"^\s*\d+\s*(?:bis|ter|quater|[a-d])?\b[\s,]*", "", address, flags=re.I)
    return address.strip(" ,")


def find_streets(address: str, *, limit: int = 5):
    """Streets whose name looks like the address, accents and case ignored, best first.

    Trigram similarity of unaccented names tolerates typos ("rue paul dumer"); an exact
    unaccented containment counts as a perfect match.
    """
    wanted = _street_part(address)
    if len(wanted) < 3:
        return []
    similarity = TrigramSimilarity(Unaccent(Lower("name")), Unaccent(Lower(Value(wanted))))
    streets = list(
        Street.objects.select_related("neighbourhood__centre__page__integration_referral")
        .annotate(similarity=similarity)
        .filter(Q(similarity__gte=0.3) | Q(name__unaccent__icontains=wanted))
        .order_by("-similarity", "name")[:limit]
    )
    for street in streets:
        if street.neighbourhood is not None:
            _with_referral(street.neighbourhood)
    return streets


def _with_referral(neighbourhood):
    """Set `integration_referral`: the centre to contact for a job search when the
    neighbourhood's own centre has no integration sector (SFM), else None."""
    centre = neighbourhood.centre
    try:
        page = centre.page
    except CentrePage.DoesNotExist:
        page = None
    neighbourhood.integration_referral = (
        page.integration_referral if page and not centre.has_integration_sector else None
    )
    return neighbourhood


def contact_requests_for_centre(centre_ids, *, status=ContactRequestStatus.NEW):
    """The contact requests left on the public site for these centres, newest first.

    For the reception queue: pass the centres the agent works for
    (`permissions.centre_ids_for(user, [Role.RECEPTION, ...])`); `status=None` gives all.
    """
    queryset = ContactRequest.objects.filter(centre_id__in=centre_ids).select_related(
        "neighbourhood", "centre", "handled_by"
    )
    if status is not None:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-created_at", "-pk")


def integration_centre_for(neighbourhood):
    """The centre whose integration sector takes in this neighbourhood's residents: its own
    centre, or the municipal centre its page refers them to (Branly – Boissière, whose centre
    SFM has no integration sector). None when neither exists."""
    centre = neighbourhood.centre
    if centre.has_integration_sector:
        return centre
    page = CentrePage.objects.filter(centre=centre).select_related("integration_referral").first()
    return page.integration_referral if page else None


def integration_referrals():
    """(neighbourhood, centre without sector, centre to contact) for the public pages."""
    pages = CentrePage.objects.filter(integration_referral__isnull=False).select_related(
        "centre", "integration_referral"
    )
    referral_by_centre = {page.centre_id: page for page in pages}
    neighbourhoods = Neighbourhood.objects.filter(centre_id__in=referral_by_centre).order_by("name")
    return [
        (
            neighbourhood,
            referral_by_centre[neighbourhood.centre_id].centre,
            referral_by_centre[neighbourhood.centre_id].integration_referral,
        )
        for neighbourhood in neighbourhoods
    ]


def neighbourhoods_with_centres():
    """Every neighbourhood with its centre (phone) and, for a centre without an integration
    sector, the centre to contact for a job search: what an unknown street is answered with."""
    return [
        _with_referral(neighbourhood)
        for neighbourhood in Neighbourhood.objects.select_related(
            "centre__page__integration_referral"
        ).order_by("name")
    ]


# The titles of the public pages that have no object behind them, by URL name.
PAGE_TITLES = {
    "home": "Les centres sociaux",
    "directory:centre_list": "Les centres sociaux",
    "directory:activity_list": "Les activités des centres sociaux",
    "directory:find_centre": "Quel est mon centre social ?",
    "directory:contact_request": "Demander de l’aide pour trouver un emploi ou une formation",
    "articles:list": "Actualités",
    "accessibility": "Accessibilité",
    "open_data:index": "Données ouvertes",
}


def page_title_for(path: str) -> str:
    """The title a resident knows a public page by ("Centre social Grand Air"), from its path;
    one query at most. Unknown: "la page du site"."""
    from django.urls import Resolver404, resolve

    try:
        match = resolve(path)
    except Resolver404:
        return "la page du site"
    slug = match.kwargs.get("slug")
    if match.view_name == "directory:centre_detail":
        centre = Centre.objects.filter(slug=slug).first()
        return f"Centre social {centre.name}" if centre else "la page du site"
    if match.view_name == "articles:detail":
        article = Article.objects.filter(slug=slug, is_published=True).first()
        return article.title if article else "la page du site"
    return PAGE_TITLES.get(match.view_name, "la page du site")
