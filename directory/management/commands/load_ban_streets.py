"""Load the commune's streets from a BAN addresses CSV; optionally assign neighbourhoods."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from directory.streets import MONTREUIL_INSEE, BanFormatError, load_streets


class Command(BaseCommand):
    help = (
        "Charge les voies de la commune depuis un fichier d’adresses de la BAN "
        "(adresses-93048.csv) ; --quartiers affecte les voies aux quartiers (nom_voie;quartier)."
    )

    def add_arguments(self, parser):
        parser.add_argument("ban_csv", type=Path)
        parser.add_argument("--quartiers", type=Path, default=None)
        parser.add_argument("--code-insee", default=MONTREUIL_INSEE)

    def handle(self, *args, ban_csv, quartiers, code_insee, **options):
        for path in filter(None, [ban_csv, quartiers]):
            if not path.is_file():
                raise CommandError(f"Fichier introuvable : {path}")
        try:
            report = load_streets(ban_csv, mapping_path=quartiers, code_insee=code_insee)
        except BanFormatError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Voies : {report.created} créées, {report.updated} complétées, "
            f"{report.unchanged} inchangées ; {report.assigned} affectées à un quartier."
        )
        if report.unknown_in_mapping:
            self.stdout.write(
                "Quartiers inconnus dans le fichier des quartiers : "
                + ", ".join(report.unknown_in_mapping)
            )
        if report.unassigned:
            self.stdout.write(
                f"{len(report.unassigned)} voie(s) sans quartier, à affecter dans "
                "l’administration (Voies, filtre « quartier : aucun »)."
            )
