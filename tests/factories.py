import factory

from accounts.models import Membership, Role, User
from organisations.models import Centre, Organisation

DEFAULT_PASSWORD = "un mot de passe de test"


def centre(slug: str) -> Centre:
    return Centre.objects.get(slug=slug)


def organisation(slug: str) -> Organisation:
    return Organisation.objects.get(slug=slug)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"agent{n}@exemple.fr")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    password = factory.django.Password(DEFAULT_PASSWORD)


def make_user(
    role: str, centre_slug: str | None = None, organisation_slug: str | None = None, **kwargs
):
    """A user holding one membership; the organisation follows the role when not given."""
    if organisation_slug is None:
        organisation_slug = {
            Role.COUNSELLOR: "epicerie-solidaire-aurore",
            Role.PARTNER: "mission-locale",
        }.get(role, "ville-de-montreuil")
    if role == Role.ADMINISTRATOR:
        kwargs.setdefault("is_staff", True)
        kwargs.setdefault("is_superuser", True)
    user = UserFactory(**kwargs)
    Membership.objects.create(
        user=user,
        organisation=organisation(organisation_slug),
        centre=centre(centre_slug) if centre_slug else None,
        role=role,
    )
    return user


def add_membership(
    user, role: str, centre_slug: str | None = None, organisation_slug: str = "ville-de-montreuil"
):
    return Membership.objects.create(
        user=user,
        organisation=organisation(organisation_slug),
        centre=centre(centre_slug) if centre_slug else None,
        role=role,
    )
