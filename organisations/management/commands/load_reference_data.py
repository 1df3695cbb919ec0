from django.core.management.base import BaseCommand

from organisations.reference import load_reference_data


class Command(BaseCommand):
    help = "Load the City of Montreuil's reference data (centres, sites, partners). Idempotent."

    def handle(self, *args, **options):
        created = load_reference_data()
        summary = ", ".join(f"{count} {kind}" for kind, count in created.items())
        self.stdout.write(self.style.SUCCESS(f"Reference data up to date (created: {summary})."))
