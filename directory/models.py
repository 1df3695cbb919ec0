"""The public site: editable texts, centre pages, activities, streets, articles, comments,
and the contact requests residents leave for the integration service."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from phonenumber_field.modelfields import PhoneNumberField

from directory.opening_hours import validate_opening_hours
from parcours.french import de


class PageText(models.Model):
    """A block of text of the public site that staff edit (Markdown, sanitised on display)."""

    key = models.SlugField("identifiant", max_length=60, unique=True)
    title = models.CharField("titre", max_length=200)
    body = models.TextField("texte (Markdown)")
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "texte du site public"
        verbose_name_plural = "textes du site public"
        ordering = ["key"]

    def __str__(self):
        return self.title


class CentrePage(models.Model):
    """What the public page of a centre says beyond the reference data."""

    centre = models.OneToOneField(
        "organisations.Centre",
        on_delete=models.CASCADE,
        related_name="page",
        verbose_name="centre social",
    )
    presentation = models.TextField("présentation (Markdown)", blank=True)
    integration_access = models.TextField(
        "comment joindre le secteur insertion (Markdown)", blank=True
    )
    # A centre without an integration sector (SFM) sends its residents to a municipal one.
    integration_referral = models.ForeignKey(
        "organisations.Centre",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="centre qui accompagne ses habitants dans leur recherche d’emploi",
        help_text="Pour un centre sans secteur insertion : le centre municipal à contacter.",
    )
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        verbose_name = "page d’un centre"
        verbose_name_plural = "pages des centres"

    def __str__(self):
        return f"Page du centre {self.centre}"


class SiteDetails(models.Model):
    """Opening hours (OpenStreetMap `opening_hours` syntax) and position of a site."""

    site = models.OneToOneField(
        "organisations.Site",
        on_delete=models.CASCADE,
        related_name="details",
        verbose_name="site",
    )
    opening_hours = models.CharField(
        "horaires d’accueil",
        max_length=255,
        blank=True,
        validators=[validate_opening_hours],
        help_text=(
            "Syntaxe OpenStreetMap, par exemple « Mo-Fr 09:00-12:00,14:00-18:00; Sa 10:00-12:00 »."
        ),
    )
    latitude = models.DecimalField(
        "latitude", max_digits=8, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        "longitude", max_digits=9, decimal_places=6, null=True, blank=True
    )
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "horaires et position d’un site"
        verbose_name_plural = "horaires et positions des sites"

    def __str__(self):
        return f"Horaires – {self.site}"


class ActivityKind(models.TextChoices):
    """The kinds the city's page lists, plus the integration sector."""

    PLAYGROUP = "halte_jeux", "Halte-jeux"
    LEISURE_CENTRE = "centre_loisirs", "Centre de loisirs"
    AFTER_SCHOOL = "periscolaire", "Accompagnement périscolaire"
    ARTS = "ateliers_artistiques", "Ateliers artistiques et culturels"
    LITERACY = "alphabetisation", "Cours d’alphabétisation"
    SOCIAL_DESK = "accueil_social", "Permanence d’accueil social"
    PUBLIC_WRITER = "ecrivain_public", "Écrivain public"
    INTEGRATION = "insertion", "Insertion professionnelle"


class Activity(models.Model):
    centre = models.ForeignKey(
        "organisations.Centre",
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name="centre social",
    )
    site = models.ForeignKey(
        "organisations.Site",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name="site",
    )
    kind = models.CharField("type d’activité", max_length=30, choices=ActivityKind.choices)
    title = models.CharField("intitulé", max_length=160)
    description = models.TextField("description", blank=True)
    schedule = models.CharField("horaires", max_length=200, blank=True)
    audience = models.CharField("public", max_length=160, blank=True)
    price = models.CharField("tarif", max_length=160, blank=True)
    is_published = models.BooleanField("publiée", default=True)
    position = models.PositiveSmallIntegerField("ordre d’affichage", default=0)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        verbose_name = "activité"
        verbose_name_plural = "activités"
        ordering = ["centre__position", "position", "title"]
        indexes = [models.Index(fields=["kind", "centre"], name="activity_kind_centre")]

    def __str__(self):
        return f"{self.title} ({self.centre})"


class Street(models.Model):
    """A street of the commune and its neighbourhood: how a resident finds their centre.

    Loaded from the national address base (`directory.streets`); a street without a
    neighbourhood waits for an administrator to assign it in the admin.
    """

    neighbourhood = models.ForeignKey(
        "organisations.Neighbourhood",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="streets",
        verbose_name="quartier",
    )
    name = models.CharField("nom de la voie", max_length=160)
    # The street's identifier in the BAN (`id_fantoir`, e.g. "93048_7980"); empty if typed.
    fantoir = models.CharField("identifiant BAN (FANTOIR)", max_length=20, blank=True)
    postal_code = models.CharField("code postal", max_length=5, blank=True)

    class Meta:
        verbose_name = "voie"
        verbose_name_plural = "voies"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Upper("name"), "neighbourhood", name="street_unique_name_per_neighbourhood"
            ),
            models.UniqueConstraint(
                fields=["fantoir"], condition=~Q(fantoir=""), name="street_unique_fantoir"
            ),
        ]
        indexes = [
            GinIndex(OpClass(Upper("name"), name="gin_trgm_ops"), name="street_name_trgm"),
        ]

    def __str__(self):
        return self.name


class Article(models.Model):
    title = models.CharField("titre", max_length=200)
    slug = models.SlugField("identifiant", max_length=120, unique=True)
    summary = models.CharField("chapeau", max_length=400, blank=True)
    body = models.TextField("texte (Markdown)")
    author_line = models.TextField(
        "signature",
        blank=True,
        help_text="Par exemple « Article rédigé par … », une ligne par titre.",
    )
    is_published = models.BooleanField("publié", default=False)
    published_at = models.DateTimeField("publié le", null=True, blank=True)
    # The centre the article is about, if any: its director may write and publish it.
    centre = models.ForeignKey(
        "organisations.Centre",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name="centre social concerné",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="créé par",
    )
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "article"
        verbose_name_plural = "articles"
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(published_at__isnull=False),
                name="article_published_has_date",
            )
        ]

    def __str__(self):
        return self.title


class CommentStatus(models.TextChoices):
    PENDING = "pending", "En attente de modération"
    APPROVED = "approved", "Publié"
    REJECTED = "rejected", "Refusé"


class Comment(models.Model):
    """A resident's comment on a centre page or an article, shown once a moderator approves it."""

    centre = models.ForeignKey(
        "organisations.Centre",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name="centre social",
    )
    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name="article",
    )
    author_name = models.CharField("nom", max_length=80)
    # Never shown on the public site.
    author_email = models.EmailField("e-mail")
    body = models.TextField("commentaire", max_length=2000)
    status = models.CharField(
        "statut", max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    created_at = models.DateTimeField("déposé le", auto_now_add=True)
    moderated_at = models.DateTimeField("modéré le", null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="modéré par",
    )

    class Meta:
        verbose_name = "commentaire"
        verbose_name_plural = "commentaires"
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(centre__isnull=False, article__isnull=True)
                | Q(centre__isnull=True, article__isnull=False),
                name="comment_on_exactly_one_page",
            )
        ]
        indexes = [
            models.Index(fields=["status", "created_at"], name="comment_status_created"),
        ]

    def __str__(self):
        return f"Commentaire {de(self.author_name)}"

    @property
    def published_reply(self):
        """The centre's reply, or None (select_related("reply") keeps it free)."""
        try:
            return self.reply
        except CommentReply.DoesNotExist:
            return None

    @property
    def answering_centre(self):
        """The centre that signs a reply: the page's centre, or the article's."""
        return self.centre or (self.article.centre if self.article_id else None)


class CommentReply(models.Model):
    """A centre's answer to a published comment, shown under it and signed by the centre.

    Written by the centre's director or a moderator (`permissions.comments_answerable_by`).
    """

    comment = models.OneToOneField(
        Comment, on_delete=models.CASCADE, related_name="reply", verbose_name="commentaire"
    )
    # Who signs: the centre (None for an article about no centre: the site's team signs).
    centre = models.ForeignKey(
        "organisations.Centre",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="centre qui répond",
    )
    body = models.TextField("réponse", max_length=2000)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="écrite par",
    )
    created_at = models.DateTimeField("publiée le", auto_now_add=True)

    class Meta:
        verbose_name = "réponse à un commentaire"
        verbose_name_plural = "réponses aux commentaires"

    def __str__(self):
        return f"Réponse au commentaire n° {self.comment_id}"

    @property
    def signature(self) -> str:
        if self.centre_id:
            return f"Réponse du centre social {self.centre.name}"
        return "Réponse de l’équipe des centres sociaux"


class ContactRequestStatus(models.TextChoices):
    NEW = "new", "Nouvelle"
    HANDLED = "handled", "Traitée"


class CallOutcome(models.TextChoices):
    """What a call back to a resident gave; "not reached" leaves the request in the queue."""

    REACHED = "reached", "Personne jointe"
    NOT_REACHED = "not_reached", "Pas de réponse (à rappeler)"
    APPOINTMENT_SET = "appointment_set", "Rendez-vous fixé"
    NOT_INTERESTED = "not_interested", "Ne souhaite plus d’accompagnement"


# The outcomes that close a contact request (it leaves the reception's queue).
CLOSING_OUTCOMES = frozenset(
    {CallOutcome.REACHED, CallOutcome.APPOINTMENT_SET, CallOutcome.NOT_INTERESTED}
)


class ContactRequest(models.Model):
    """ "Je souhaite être accompagné·e": left on the public site, handled by the centre's reception.

    The centre is the neighbourhood's centre at the time of the request (kept even if the
    neighbourhood later moves to another centre).
    """

    name = models.CharField("nom", max_length=120)
    phone = PhoneNumberField("téléphone", blank=True)
    email = models.EmailField("e-mail", blank=True)
    neighbourhood = models.ForeignKey(
        "organisations.Neighbourhood",
        on_delete=models.PROTECT,
        related_name="contact_requests",
        verbose_name="quartier",
    )
    centre = models.ForeignKey(
        "organisations.Centre",
        on_delete=models.PROTECT,
        related_name="contact_requests",
        verbose_name="centre social",
    )
    availability = models.CharField("disponibilités", max_length=300, blank=True)
    consent = models.BooleanField("accepte d’être recontacté·e", default=False)
    created_at = models.DateTimeField("reçue le", auto_now_add=True)
    status = models.CharField(
        "statut",
        max_length=10,
        choices=ContactRequestStatus.choices,
        default=ContactRequestStatus.NEW,
    )
    handled_at = models.DateTimeField("traitée le", null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="traitée par",
    )
    # Calls made so far (each is a ContactCall row); shown in the queue ("2e appel").
    call_count = models.PositiveSmallIntegerField("appels", default=0)
    outcome = models.CharField("issue", max_length=20, choices=CallOutcome.choices, blank=True)
    # The person's file, once found or registered from the request.
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_requests",
        verbose_name="dossier de la personne",
    )

    class Meta:
        verbose_name = "demande de contact"
        verbose_name_plural = "demandes de contact"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(phone="") | ~Q(email=""), name="contact_request_has_phone_or_email"
            ),
            models.CheckConstraint(condition=Q(consent=True), name="contact_request_has_consent"),
            models.CheckConstraint(
                condition=Q(status="new", handled_at__isnull=True)
                | Q(status="handled", handled_at__isnull=False),
                name="contact_request_handled_is_dated",
            ),
        ]
        indexes = [
            models.Index(fields=["centre", "status", "-created_at"], name="contact_request_queue"),
            models.Index(fields=["person", "-created_at"], name="contact_request_person"),
        ]

    def __str__(self):
        return f"Demande de contact n° {self.pk} ({self.centre})"

    @property
    def is_open(self) -> bool:
        return self.status == ContactRequestStatus.NEW


class ContactCall(models.Model):
    """One call back to a resident who left a contact request: dated, signed, with its outcome."""

    contact_request = models.ForeignKey(
        ContactRequest,
        on_delete=models.CASCADE,
        related_name="calls",
        verbose_name="demande de contact",
    )
    at = models.DateTimeField("le", auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="par",
    )
    outcome = models.CharField("issue", max_length=20, choices=CallOutcome.choices)
    note = models.CharField("note", max_length=300, blank=True)

    class Meta:
        verbose_name = "appel"
        verbose_name_plural = "appels"
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["contact_request", "at"], name="contact_call_request_at")]

    def __str__(self):
        return f"Appel du {self.at:%d/%m/%Y} ({self.get_outcome_display()})"
