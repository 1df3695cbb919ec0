from django.db import migrations

THEMES = [
    ("Se connaître et connaître ses compétences",
     "Repérer ses savoir-faire et savoir-être, y compris ceux acquis hors emploi.",
     "Tour de table ; portefeuille de compétences ; mise en commun."),
    ("Le CV", "Construire un CV clair, adapté à une offre.",
     "Exemples commentés ; rédaction accompagnée ; relecture en binôme."),
    ("La lettre de motivation", "Savoir présenter sa candidature par écrit.",
     "Structure d’une lettre ; rédaction à partir d’une offre réelle."),
    ("Chercher en ligne", "Utiliser les sites d’offres et l’espace France Travail.",
     "Créer ses alertes ; tri des offres ; sécurité en ligne."),
    ("L’entretien d’embauche", "Se préparer et gagner en assurance.",
     "Questions fréquentes ; mises en situation filmées ou non ; retours du groupe."),
    ("Les acteurs locaux de l’emploi et de la formation",
     "Savoir à qui s’adresser à Montreuil.",
     "Présentation des structures ; visite ou intervention d’un partenaire."),
    ("Droits et démarches", "Connaître ses droits et les démarches utiles.",
     "Accès aux droits, CAF, santé ; où se faire aider."),
    ("La mobilité", "Se déplacer pour travailler ou se former.",
     "Transports, aides à la mobilité, permis ; repérage de trajets."),
]


def seed(apps, schema_editor):
    Theme = apps.get_model("workshops", "Theme")
    for position, (title, goals, outline) in enumerate(THEMES, start=1):
        Theme.objects.get_or_create(
            title=title, defaults={"goals": goals, "outline": outline, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("workshops", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
