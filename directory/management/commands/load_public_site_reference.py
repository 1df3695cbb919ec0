from django.core.management.base import BaseCommand

from directory.reference import load_public_site_reference


class Command(BaseCommand):
    help = (
        "Load the public site's reference content (streets, introduction, first article). "
        "Run after load_reference_data. Idempotent; never overwrites staff edits."
    )

    def handle(self, *args, **options):
        load_public_site_reference()
        self.stdout.write(self.style.SUCCESS("Contenu de référence du site public à jour."))
