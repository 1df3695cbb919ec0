from django.core.management.base import BaseCommand

from audit.retention import run


class Command(BaseCommand):
    help = (
        "Rend anonymes les fiches arrivées au terme de leur durée de conservation, prévient "
        "les référents un mois avant, purge ce qui a sa propre durée ; --dry-run dit ce qui "
        "serait fait sans rien changer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Simulation : ne change rien, dit ce qui serait fait.",
        )

    def handle(self, *args, dry_run=False, **options):
        report = run(dry_run=dry_run)
        title = "Simulation" if dry_run else "Conservation appliquée"
        self.stdout.write(f"{title} (compte rendu n° {report.pk}) :")
        self.stdout.write(report.report or "Rien à faire.")
