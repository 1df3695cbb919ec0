import factory
from django.utils import timezone

from directory.models import Activity, ActivityKind, Article, Comment, CommentStatus
from tests.factories import centre


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Fête de quartier n° {n}")
    slug = factory.Sequence(lambda n: f"fete-de-quartier-{n}")
    summary = "Une fête pour tous les habitants."
    body = "Venez **nombreux** samedi."
    author_line = "Article rédigé par l’équipe du centre"
    is_published = True
    published_at = factory.LazyFunction(timezone.now)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    centre = factory.LazyFunction(lambda: centre("grand-air"))
    author_name = "Nadia Benali"
    author_email = factory.Sequence(lambda n: f"habitant{n}@exemple.fr")
    body = "Merci pour l’accueil."
    status = CommentStatus.PENDING

    class Params:
        approved = factory.Trait(status=CommentStatus.APPROVED, moderated_at=timezone.now())


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    centre = factory.LazyFunction(lambda: centre("grand-air"))
    site = factory.LazyAttribute(lambda o: o.centre.sites.first())
    kind = ActivityKind.PLAYGROUP
    title = factory.Sequence(lambda n: f"Activité {n}")
    description = "Une activité du centre."
    schedule = "Mardi, 9 h – 11 h"
    audience = "Tous publics"
    price = "Gratuit"
