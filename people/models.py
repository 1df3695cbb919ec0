"""The person's file and what hangs on it.

- `Person`: identity, contact, situation, centre and referent; `search_name` and the words
  of the name (`NameWord`, the vocabulary of the misspelt search) are kept by the app;
- `PersonChange`: every change of a file, field by field (the file's history);
- `ReferentAssignment`: who followed the person, and since when;
- `Note`: notes with their visibility (the author only, the team, shared with partners);
- `NoticeDelivery`, `SharingConsent`: the information notice handed over and the consents;
- `PersonMerge`: two files of one person merged, and what moved;
- `ImportBatch`, `ImportColumnChoice`: caseload spreadsheets imported, and the column
  titles a centre matched to fields (offered again on its next import).
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models import F, Func, Value
from django.db.models.functions import Left, Length, Upper
from django.utils import timezone
from phonenumber_field.modelfields import PhoneNumberField

from parcours.french import de
from people.choices import (  # noqa: F401  (re-exported: the app's code imports them from here)
    SITUATION_FIELDS,
    ChangeKind,
    EmploymentSituation,
    Housing,
    ImportStatus,
    Mobility,
    Nationality,
    NoteVisibility,
    Resource,
    Sex,
    SharedInformation,
)


class Person(models.Model):
    """A resident known to a social centre.

    Identity only: what the reception desk needs to find the person and reach them.
    No social-security number, by design. Everything else (requests, visits,
    notes) hangs off this row in other apps.
    """

    first_name = models.CharField("prénom", max_length=100, blank=True)
    last_name = models.CharField("nom", max_length=100, blank=True)
    birth_name = models.CharField("nom de naissance", max_length=100, blank=True)
    # Lowercase, unaccented, no punctuation: kept by the services that write names,
    # indexed with pg_trgm for the desk's search.
    search_name = models.CharField(max_length=220, editable=False, default="")
    sex = models.CharField("sexe", max_length=1, choices=Sex.choices, blank=True)
    birth_date = models.DateField("date de naissance", null=True, blank=True)
    nationality = models.CharField(
        "nationalité", max_length=10, choices=Nationality.choices, blank=True
    )
    phone = PhoneNumberField("téléphone", blank=True)
    email = models.EmailField("e-mail", blank=True)
    address = models.CharField("adresse", max_length=200, blank=True)
    postal_code = models.CharField("code postal", max_length=5, blank=True)
    city = models.CharField("commune", max_length=80, blank=True)
    neighbourhood = models.ForeignKey(
        "organisations.Neighbourhood",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="quartier",
    )
    # The centre whose team follows the person; scope for coordinators.
    centre = models.ForeignKey(
        "organisations.Centre",
        on_delete=models.PROTECT,
        related_name="people",
        verbose_name="centre de rattachement",
        db_index=False,  # person_centre_name starts with it
    )
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="référent·e",
    )
    file_reference = models.CharField("n° de dossier d’origine", max_length=40, blank=True)
    # When the person first came to the centre, if before the file was made (an import).
    first_contact_date = models.DateField("date du premier contact", null=True, blank=True)
    # What the person asked for then: data·inclusion thematiques codes (reception.needs).
    first_contact_needs = ArrayField(
        models.CharField(max_length=120),
        verbose_name="besoins au premier contact",
        default=list,
        blank=True,
    )
    # The situation: more than identity, read and written by the case roles only
    # (parcours.permissions.can_read_situation); changed through services.update_situation.
    employment_situation = models.CharField(
        "situation professionnelle",
        max_length=30,
        choices=EmploymentSituation.choices,
        blank=True,
    )
    resources = ArrayField(
        models.CharField(max_length=20, choices=Resource.choices),
        verbose_name="ressources",
        default=list,
        blank=True,
    )
    housing = models.CharField("logement", max_length=20, choices=Housing.choices, blank=True)
    mobility = ArrayField(
        models.CharField(max_length=30, choices=Mobility.choices),
        verbose_name="mobilité",
        default=list,
        blank=True,
    )
    situation_updated_at = models.DateTimeField("situation mise à jour le", null=True, blank=True)
    situation_updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="situation mise à jour par",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="créé par",
    )
    updated_at = models.DateTimeField("modifié le", auto_now=True)
    # Set when this file was merged into another; merged files are hidden everywhere.
    import_batch = models.ForeignKey(
        "people.ImportBatch",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="persons",
        verbose_name="importée par le fichier",
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_files",
        verbose_name="fusionné dans",
    )
    # Privacy (audit.retention, audit.rights): anonymised files are hidden everywhere; a
    # restricted file is kept but frozen (no change) at the person's request.
    anonymised_at = models.DateTimeField("rendue anonyme le", null=True, blank=True)
    restricted_at = models.DateTimeField("traitement limité depuis le", null=True, blank=True)
    # Optimistic locking: each save of the identity or the situation adds one.
    version = models.PositiveIntegerField("version", default=1)

    class Meta:
        verbose_name = "personne"
        verbose_name_plural = "personnes"
        ordering = ["last_name", "first_name", "pk"]
        indexes = [
            # Likely duplicates at registration (trigram similarity of the whole name).
            GinIndex(OpClass("search_name", name="gin_trgm_ops"), name="person_search_name_trgm"),
            # The desk's search: people bearing the (corrected) words (people/vocabulary.py).
            GinIndex(
                Func(
                    F("search_name"),
                    Value(" "),
                    function="string_to_array",
                    output_field=ArrayField(models.TextField()),
                ),
                name="person_search_words",
            ),
            models.Index(fields=["centre", "last_name"], name="person_centre_name"),
            models.Index(fields=["birth_date"], name="person_birth_date"),
            models.Index(fields=["phone"], name="person_phone"),
            models.Index(Upper("last_name"), name="person_last_name_upper"),
        ]

    def __str__(self):
        return self.full_name or f"Personne n° {self.pk}"

    @property
    def full_name(self) -> str:
        return " ".join(part for part in [self.first_name, self.last_name] if part)

    @property
    def resource_labels(self) -> list[str]:
        labels = dict(Resource.choices)
        return [labels.get(value, value) for value in self.resources]

    @property
    def mobility_labels(self) -> list[str]:
        labels = dict(Mobility.choices)
        return [labels.get(value, value) for value in self.mobility]


class NameWord(models.Model):
    """One word of the people's names, normalised as in search_name, with its phonetic key:
    the vocabulary the desk's search corrects a query against (people/vocabulary.py).

    Filled by a PostgreSQL trigger on Person; never written by the application.
    """

    word = models.CharField(primary_key=True, max_length=220)
    phonetic = models.CharField(max_length=220)

    class Meta:
        verbose_name = "mot des noms"
        verbose_name_plural = "mots des noms"
        indexes = [
            GinIndex(OpClass("word", name="gin_trgm_ops"), name="nameword_trgm"),
            models.Index(fields=["phonetic"], name="nameword_phonetic"),
            models.Index(Left("word", 1), Length("word"), name="nameword_initial_length"),
        ]

    def __str__(self):
        return self.word


class PersonChange(models.Model):
    """One field of a file changed: who, when, and the values before and after, as shown
    on screen (display strings, so the history reads the same after the choices evolve).

    Written by the service that makes the change, in the same transaction.
    """

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="changes",
        verbose_name="personne",
        db_index=False,  # change_person_date starts with it
    )
    kind = models.CharField("nature", max_length=10, choices=ChangeKind.choices)
    field = models.CharField("champ", max_length=40)
    field_label = models.CharField("libellé du champ", max_length=80)
    old_value = models.TextField("ancienne valeur", blank=True)
    new_value = models.TextField("nouvelle valeur", blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="modifié par",
    )
    changed_at = models.DateTimeField("modifié le", default=timezone.now)
    # The file's version this save produced (optimistic locking: what changed since a form).
    version = models.PositiveIntegerField("version de la fiche", null=True, blank=True)

    class Meta:
        verbose_name = "modification de fiche"
        verbose_name_plural = "modifications de fiches"
        ordering = ["-changed_at", "-pk"]
        indexes = [
            models.Index(fields=["person", "-changed_at"], name="change_person_date"),
        ]

    def __str__(self):
        return f"{self.field_label} modifié le {self.changed_at:%d/%m/%Y}"


class ReferentAssignment(models.Model):
    """Who was made the person's referent, by whom and when: the file shows the history."""

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="referent_assignments",
        verbose_name="personne",
    )
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="référent·e",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="désigné·e par",
    )
    assigned_at = models.DateTimeField("désigné·e le", auto_now_add=True)

    class Meta:
        verbose_name = "désignation de référent·e"
        verbose_name_plural = "désignations de référent·e"
        ordering = ["-assigned_at", "-pk"]
        indexes = [
            models.Index(fields=["person", "-assigned_at"], name="referent_person_date"),
        ]

    def __str__(self):
        return f"Référent·e {de(self.person)} depuis le {self.assigned_at:%d/%m/%Y}"


class Note(models.Model):
    """A free-text note about a person. Facts useful to the accompaniment only (CNIL):
    no health details, no opinions, no judgements. Visibility is enforced by people.selectors."""

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="notes",
        verbose_name="personne",
        db_index=False,  # note_person_date starts with it
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="auteur·rice",
    )
    text = models.TextField("note")
    visibility = models.CharField(
        "visible par", max_length=10, choices=NoteVisibility.choices, default=NoteVisibility.TEAM
    )
    created_at = models.DateTimeField("écrite le", auto_now_add=True)

    class Meta:
        verbose_name = "note"
        verbose_name_plural = "notes"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["person", "-created_at"], name="note_person_date")]

    def __str__(self):
        return f"Note du {self.created_at:%d/%m/%Y} sur {self.person}"


class NoticeDelivery(models.Model):
    """The person received the information notice (what we record, why, their rights)."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="notice_deliveries", verbose_name="personne"
    )
    delivered_on = models.DateField("remise le")
    version = models.CharField("version de la notice", max_length=20)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="enregistrée par",
    )
    recorded_at = models.DateTimeField("enregistrée le", auto_now_add=True)

    class Meta:
        verbose_name = "remise de la notice d’information"
        verbose_name_plural = "remises de la notice d’information"
        ordering = ["-delivered_on", "-pk"]

    def __str__(self):
        return f"Notice remise le {self.delivered_on:%d/%m/%Y}"


class SharingConsent(models.Model):
    """What the person agreed to share with one partner organisation. A withdrawal is dated,
    never deleted: the history of consents is kept."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="consents", verbose_name="personne"
    )
    partner = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"is_partner": True},
        verbose_name="partenaire",
    )
    shared = ArrayField(
        models.CharField(max_length=20, choices=SharedInformation.choices),
        verbose_name="informations partagées",
    )
    agreed_on = models.DateField("accord donné le")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="enregistré par",
    )
    recorded_at = models.DateTimeField("enregistré le", auto_now_add=True)
    withdrawn_on = models.DateField("retiré le", null=True, blank=True)

    class Meta:
        verbose_name = "accord de partage"
        verbose_name_plural = "accords de partage"
        ordering = ["-agreed_on", "-pk"]

    def __str__(self):
        return f"Accord de partage avec {self.partner}"

    @property
    def shared_labels(self) -> list[str]:
        labels = dict(SharedInformation.choices)
        return [labels.get(value, value) for value in self.shared]


class PersonMerge(models.Model):
    """Two files of one person merged into one. Both identities are kept as they were."""

    kept = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="merges", verbose_name="fiche conservée"
    )
    merged = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name="fiche fusionnée"
    )
    kept_identity = models.JSONField("identité conservée avant fusion")
    merged_identity = models.JSONField("identité de la fiche fusionnée")
    chosen_from_merged = models.JSONField("champs repris de la fiche fusionnée", default=list)
    moved_rows = models.JSONField("lignes rattachées à la fiche conservée", default=dict)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="fusionnée par",
    )
    merged_at = models.DateTimeField("fusionnée le", auto_now_add=True)

    class Meta:
        verbose_name = "fusion de fiches"
        verbose_name_plural = "fusions de fiches"
        ordering = ["-merged_at"]

    def __str__(self):
        return f"Fusion de la fiche n° {self.merged_id} dans la fiche n° {self.kept_id}"


class ImportBatch(models.Model):
    """An uploaded caseload file: checked first (dry run), then imported all at once."""

    centre = models.ForeignKey(
        "organisations.Centre", on_delete=models.PROTECT, related_name="+", verbose_name="centre"
    )
    filename = models.CharField("fichier", max_length=200)
    # The uploaded file, emptied once imported or abandoned: it may hold columns that were
    # never imported (a social-security number...).
    data = models.BinaryField("contenu", default=bytes)
    headers = models.JSONField("titres des colonnes", default=list)
    # The first values of each column, shown on the mapping screen.
    samples = models.JSONField("premières valeurs", default=list)
    # What each column goes to (people.importing.headers.TARGET_LABELS), chosen by the worker.
    targets = models.JSONField("correspondance des colonnes", default=list)
    ignored_columns = models.JSONField("colonnes ignorées", default=list)
    notices = models.JSONField("remarques sur le fichier", default=list)
    # Refused rows with all their cells and the reason, for the corrected re-import.
    refused_rows = models.JSONField("lignes refusées", default=list)
    # Why the task worker could not check or import the file (French, shown as is).
    error = models.TextField("erreur", blank=True)
    # When the current step was handed to the task worker (the page shows the wait).
    queued_at = models.DateTimeField("confié au traitement le", null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="déposé par",
    )
    uploaded_at = models.DateTimeField("déposé le", auto_now_add=True)
    status = models.CharField(
        "état", max_length=10, choices=ImportStatus.choices, default=ImportStatus.CHECKED
    )
    # The dry run, row by row: [{"line", "action", "name", "reasons", "person_id"}].
    plan = models.JSONField("vérification", default=list)
    created_count = models.PositiveIntegerField("fiches créées", default=0)
    merged_count = models.PositiveIntegerField("fiches complétées", default=0)
    refused_count = models.PositiveIntegerField("lignes refusées", default=0)
    imported_at = models.DateTimeField("importé le", null=True, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="importé par",
    )

    class Meta:
        verbose_name = "import de fichier"
        verbose_name_plural = "imports de fichiers"
        ordering = ["-uploaded_at"]

    def __str__(self):
        return f"Import de « {self.filename} »"


class ImportColumnChoice(models.Model):
    """What a centre last chose for a column title: proposed again for its next file."""

    centre = models.ForeignKey(
        "organisations.Centre", on_delete=models.CASCADE, related_name="+", verbose_name="centre"
    )
    title_key = models.CharField("titre normalisé", max_length=200)
    target = models.CharField("champ", max_length=30, blank=True)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="choisi par",
    )
    chosen_at = models.DateTimeField("choisi le", auto_now=True)

    class Meta:
        verbose_name = "correspondance de colonne"
        verbose_name_plural = "correspondances de colonnes"
        constraints = [
            models.UniqueConstraint(fields=["centre", "title_key"], name="import_column_choice")
        ]

    def __str__(self):
        return f"{self.title_key} → {self.target or 'ignorée'}"
