from accounts.models import Role
from tests.access import Rule


def _article(user):
    from tests.directory.factories import ArticleFactory

    return {"slug": ArticleFactory().slug}


def _pending_comment(user):
    from tests.directory.factories import CommentFactory

    return {"pk": CommentFactory().pk}


def _site(user):
    from organisations.models import Site

    return {"site_pk": Site.objects.get(slug="espace-40").pk}


def _activity(user):
    from tests.directory.factories import ActivityFactory

    return {"slug": "grand-air", "pk": ActivityFactory().pk}


def _staff_article(user):
    from tests.directory.factories import ArticleFactory
    from tests.factories import centre

    return {"pk": ArticleFactory(centre=centre("grand-air")).pk}


def _introduction(user):
    from directory.reference import INTRO_KEY, load_public_site_reference

    load_public_site_reference()
    return {"key": INTRO_KEY}


CONTENT = frozenset({Role.DIRECTOR, Role.ADMINISTRATOR})
EDITORIAL = frozenset({Role.MODERATOR, Role.ADMINISTRATOR})
ARTICLES = frozenset({Role.DIRECTOR, Role.MODERATOR, Role.ADMINISTRATOR})


def _published_comment(user):
    from tests.directory.factories import CommentFactory

    return {"pk": CommentFactory(approved=True).pk}


RULES = {
    "directory:content_home": Rule(roles=CONTENT),
    "directory:site_hours": Rule(roles=CONTENT, kwargs=_site),
    "directory:activity_create": Rule(roles=CONTENT, kwargs=lambda user: {"slug": "grand-air"}),
    "directory:activity_edit": Rule(roles=CONTENT, kwargs=_activity),
    "directory:article_staff_list": Rule(roles=ARTICLES),
    "directory:article_create": Rule(roles=ARTICLES),
    "directory:article_edit": Rule(roles=ARTICLES, kwargs=_staff_article),
    "directory:article_publication": Rule(
        roles=ARTICLES,
        kwargs=_staff_article,
        ok_status=(405,),  # POST only
    ),
    "directory:page_text_edit": Rule(roles=EDITORIAL, kwargs=_introduction),
    "directory:centre_presentation": Rule(roles=CONTENT, kwargs=lambda user: {"slug": "grand-air"}),
    "directory:centre_detail": Rule(public=True, kwargs=lambda user: {"slug": "grand-air"}),
    "directory:comment_centre": Rule(public=True, kwargs=lambda user: {"slug": "grand-air"}),
    "directory:director_message": Rule(public=True, kwargs=lambda user: {"slug": "esperanto"}),
    "directory:activity_list": Rule(public=True),
    "directory:find_centre": Rule(public=True),
    "directory:contact_request": Rule(public=True),
    "directory:contact_request_sent": Rule(
        public=True, kwargs=lambda user: {"slug": "lounes-matoub"}
    ),
    "directory:share": Rule(public=True),
    "directory:print_help": Rule(public=True),
    "directory:comment_list": Rule(roles=frozenset({Role.DIRECTOR, Role.MODERATOR})),
    "directory:comment_reply": Rule(
        roles=frozenset({Role.DIRECTOR, Role.MODERATOR}), kwargs=_published_comment
    ),
    "directory:moderation_queue": Rule(roles=frozenset({Role.MODERATOR, Role.ADMINISTRATOR})),
    "directory:moderate": Rule(
        roles=frozenset({Role.MODERATOR, Role.ADMINISTRATOR}),
        kwargs=_pending_comment,
        ok_status=(405,),  # POST only
    ),
    "articles:list": Rule(public=True),
    "articles:detail": Rule(public=True, kwargs=_article),
    "articles:comment": Rule(public=True, kwargs=_article),
    "open_data:index": Rule(public=True),
    "open_data:structures": Rule(public=True),
    "open_data:services": Rule(public=True),
    "accessibility": Rule(public=True),
}
