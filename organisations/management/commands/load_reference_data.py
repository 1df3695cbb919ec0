from django.core.management.base import BaseCommand

from directory.reference import load_public_site_reference
from organisations.reference import load_reference_data


class Command(BaseCommand):
    help = (
        "Load the City of Montreuil's reference data: centres, sites, partners, then the public "
        "site's streets, introduction and first article. Idempotent; never overwrites staff edits."
    )

    def handle(self, *args, **options):
        created = load_reference_data()
        summary = ", ".join(f"{count} {kind}" for kind, count in created.items())
        self.stdout.write(self.style.SUCCESS(f"Reference data up to date (created: {summary})."))
        load_public_site_reference()
        self.stdout.write(self.style.SUCCESS("Public site reference content up to date."))
