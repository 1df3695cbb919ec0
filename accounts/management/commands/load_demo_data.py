from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.demo import DEMO_PASSWORD, DEMO_SECOND_FACTOR_CODE


class Command(BaseCommand):
    help = (
        "Create the demo accounts and the demo data of every app (its `demo.load()`). "
        "Idempotent. Refuses to run unless DEBUG is on."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Les données de démonstration ne sont créées qu’en développement (DEBUG activé)."
            )
        accounts = []
        with transaction.atomic():
            for config in apps.get_app_configs():
                try:
                    module = import_module(f"{config.name}.demo")
                except ModuleNotFoundError as error:
                    if error.name != f"{config.name}.demo":
                        raise
                    continue
                result = module.load()
                if config.name == "accounts":
                    accounts = result
        self.stdout.write(self.style.SUCCESS("Comptes de démonstration :"))
        for email, roles in accounts:
            self.stdout.write(f"  {email:<42} {roles}")
        self.stdout.write(f"Mot de passe de tous les comptes de démonstration : {DEMO_PASSWORD}")
        if settings.DEMO_SECOND_FACTOR:
            self.stdout.write(
                "Vérification en deux étapes (accueil, coordination, CIP, direction, "
                f"administration) : saisissez le code {DEMO_SECOND_FACTOR_CODE} "
                "(accepté en développement seulement)."
            )
