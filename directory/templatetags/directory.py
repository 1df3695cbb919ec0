from urllib.parse import quote_plus

from django import template

from directory import opening_hours
from directory.markup import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    return render_markdown(text)


@register.filter
def opening_hours_fr(value):
    """French lines for an OSM opening_hours value (empty list when not given)."""
    return opening_hours.describe(value or "")


@register.simple_tag
def map_url(site):
    """A link to OpenStreetMap: no tiles, no script, nothing loaded by our pages."""
    details = getattr(site, "details", None)
    if details is not None and details.latitude is not None and details.longitude is not None:
        lat, lon = details.latitude, details.longitude
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=18/{lat}/{lon}"
    query = quote_plus(f"{site.address}, {site.postal_code} {site.city}")
    return f"https://www.openstreetmap.org/search?query={query}"


@register.filter
def site_hours(site):
    """French lines of a site's opening hours; a site without details has none."""
    details = getattr(site, "details", None)
    return opening_hours.describe(details.opening_hours) if details else []


@register.simple_tag
def pending_comment_count():
    """For the moderator's home panel: one query."""
    from directory.models import Comment, CommentStatus

    return Comment.objects.filter(status=CommentStatus.PENDING).count()
