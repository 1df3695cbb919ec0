from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accompaniment.service_import import import_services


class Command(BaseCommand):
    help = (
        "Import the partners' services from a data·inclusion v1 services.json file. "
        "Dry run by default; --apply writes all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="services.json (data·inclusion v1)")
        parser.add_argument(
            "--apply", action="store_true", help="Write the services (all or nothing)."
        )
        parser.add_argument(
            "--structure",
            action="append",
            default=[],
            metavar="STRUCTURE_ID=SLUG",
            help="Map a data·inclusion structure_id to a partner organisation's slug.",
        )

    def handle(self, path, apply, structure, **options):
        try:
            mapping = dict(item.split("=", 1) for item in structure)
        except ValueError as error:
            raise CommandError("--structure attend STRUCTURE_ID=SLUG.") from error
        try:
            raw = Path(path).read_bytes()
        except OSError as error:
            raise CommandError(f"Fichier illisible : {path}") from error
        report = import_services(raw, dry_run=not apply, mapping=mapping)
        for label in report.created:
            self.stdout.write(f"  nouveau : {label}")
        for label in report.updated:
            self.stdout.write(f"  mis à jour : {label}")
        if report.errors:
            for error in report.errors:
                self.stderr.write(f"  erreur : {error}")
            raise CommandError(f"{len(report.errors)} erreur(s) : rien n’a été importé.")
        if report.applied:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Importé : {len(report.created)} nouveau(x), {len(report.updated)} mis à jour."
                )
            )
        else:
            self.stdout.write(
                f"Simulation : {len(report.created)} nouveau(x), {len(report.updated)} à mettre "
                "à jour. Relancez avec --apply pour importer."
            )
