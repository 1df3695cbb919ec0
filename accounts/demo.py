"""Demo accounts, one per role and centre. Only ever created by `load_demo_data`."""

from accounts.models import DemoDevice, Membership, Role, User
from organisations.models import Centre, Organisation

DEMO_PASSWORD = "demo-parcours-2026"
# The demo accounts' second factor (accounts.models.DemoDevice): accepted in development only.
DEMO_SECOND_FACTOR_CODE = "123456"
DEMO_DOMAIN = "demo.parcours.test"

# email local part, first name, last name, [(organisation slug, centre slug or None, role)]
DEMO_ACCOUNTS = [
    ("accueil.grandair", "Nadia", "Benali", [("ville-de-montreuil", "grand-air", Role.RECEPTION)]),
    ("accueil.esperanto", "Julien", "Morel", [("ville-de-montreuil", "esperanto", Role.RECEPTION)]),
    (
        "accueil.lounesmatoub",
        "Fatou",
        "Camara",
        [("ville-de-montreuil", "lounes-matoub", Role.RECEPTION)],
    ),
    (
        "coordination.grandair",
        "Karim",
        "Haddad",
        [("ville-de-montreuil", "grand-air", Role.COORDINATOR)],
    ),
    (
        "coordination.esperanto",
        "Sophie",
        "Lemaire",
        [("ville-de-montreuil", "esperanto", Role.COORDINATOR)],
    ),
    (
        "coordination.lounesmatoub",
        "Thomas",
        "Nguyen",
        [("ville-de-montreuil", "lounes-matoub", Role.COORDINATOR)],
    ),
    (
        "cip",
        "Claire",
        "Dubois",
        [
            ("epicerie-solidaire-aurore", "grand-air", Role.COUNSELLOR),
            ("epicerie-solidaire-aurore", "esperanto", Role.COUNSELLOR),
            ("epicerie-solidaire-aurore", "lounes-matoub", Role.COUNSELLOR),
        ],
    ),
    ("direction.grandair", "Omar", "Somi", [("ville-de-montreuil", "grand-air", Role.DIRECTOR)]),
    ("pilotage", "Hélène", "Garnier", [("ville-de-montreuil", None, Role.STEERING)]),
    ("mission-locale", "Yanis", "Rahmani", [("mission-locale", None, Role.PARTNER)]),
    ("france-travail", "Amélie", "Roussel", [("france-travail", None, Role.PARTNER)]),
    ("moderation", "Léa", "Fontaine", [("ville-de-montreuil", None, Role.MODERATOR)]),
    ("admin", "Marc", "Lefebvre", [("ville-de-montreuil", None, Role.ADMINISTRATOR)]),
]


def demo_email(local_part: str) -> str:
    return f"{local_part}@{DEMO_DOMAIN}"


def load() -> list[tuple[str, str]]:
    """Create or refresh the demo accounts; returns (e-mail, roles) for the README and console."""
    organisations = {o.slug: o for o in Organisation.objects.all()}
    centres = {c.slug: c for c in Centre.objects.all()}
    listing = []
    for local_part, first_name, last_name, memberships in DEMO_ACCOUNTS:
        email = demo_email(local_part)
        is_admin = any(role == Role.ADMINISTRATOR for _, _, role in memberships)
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "is_staff": is_admin,
                "is_superuser": is_admin,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        DemoDevice.objects.get_or_create(user=user, defaults={"name": "Code de démonstration"})
        labels = []
        for organisation_slug, centre_slug, role in memberships:
            centre = centres.get(centre_slug) if centre_slug else None
            Membership.objects.get_or_create(
                user=user, organisation=organisations[organisation_slug], centre=centre, role=role
            )
            labels.append(f"{Role(role).label}" + (f" – {centre.name}" if centre else ""))
        listing.append((email, " ; ".join(labels)))
    return listing
