from django.db.models import Prefetch

from organisations.models import Centre, Site


def centres_for_directory():
    """Every centre with its sites and neighbourhoods, in three queries whatever the data."""
    return list(
        Centre.objects.prefetch_related(
            Prefetch("sites", queryset=Site.objects.order_by("position", "name")),
            "neighbourhoods",
        ).order_by("position", "name")
    )
