from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security)
def demo_second_factor_refused_in_production(app_configs, **kwargs):
    """The demo accounts' fixed second-factor code must never work in production."""
    if getattr(settings, "PRODUCTION", False) and settings.DEMO_SECOND_FACTOR:
        return [
            Error(
                "Le code de second facteur de démonstration est activé en production.",
                hint="Retirez DEMO_SECOND_FACTOR de l’environnement de production.",
                id="accounts.E001",
            )
        ]
    return []
