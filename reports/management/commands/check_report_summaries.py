from django.core.management.base import BaseCommand, CommandError

from reports import request_moves, summaries


class Command(BaseCommand):
    help = (
        "Compare les tables de synthèse des bilans (passages par jour, jours d’accueil des "
        "personnes, dernier changement de statut des demandes) aux passages, demandes et "
        "changements de statut enregistrés ; --rebuild les recalcule d’abord. "
        "Code de sortie non nul si elles diffèrent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="Recalcule les tables de synthèse à partir des lignes, puis vérifie.",
        )

    def handle(self, *args, rebuild=False, **options):
        if rebuild:
            summaries.rebuild()
            request_moves.rebuild()
            self.stdout.write("Tables de synthèse recalculées.")
        found = summaries.differences()
        found[request_moves.LAST_MOVE] = request_moves.differences()
        for table, count in found.items():
            self.stdout.write(f"{table} : {count} ligne(s) différente(s)")
        if any(found.values()):
            raise CommandError(
                "Les tables de synthèse des bilans diffèrent des lignes : "
                "lancez « manage.py check_report_summaries --rebuild »."
            )
        self.stdout.write("Tables de synthèse exactes.")
