"""Merging two files of the same person, without losing anything of either.

The kept file takes, field by field, the values the coordinator chose; every row of any
app that points to the merged file (visits, requests, notes, consents...) is moved to the
kept file, found generically through the foreign keys to Person, so apps written later
are covered too; the merged file stays in the database, marked `merged_into`, with its
original identity, and a PersonMerge row records both identities and what moved.
"""

from django.apps import apps
from django.db import IntegrityError, models, transaction

from audit.models import AccessAction
from audit.services import log_access
from people.models import Person, PersonMerge
from people.services import refresh_search_name

# Fields the coordinator chooses between, in the order of the merge screen.
MERGE_FIELDS = (
    "last_name",
    "first_name",
    "birth_name",
    "sex",
    "birth_date",
    "nationality",
    "phone",
    "email",
    "address",
    "postal_code",
    "city",
    "neighbourhood",
    "referent",
    "file_reference",
)


class MergeError(Exception):
    """The merge cannot be done; the message is French and shown as is."""


def identity_of(person: Person) -> dict[str, str]:
    """The person's identity as plain text, for the merge record."""
    values = {}
    for name in (*MERGE_FIELDS, "centre"):
        value = getattr(person, name)
        values[name] = "" if value is None else str(value)
    values["pk"] = str(person.pk)
    return values


def differing_fields(kept: Person, merged: Person) -> list[str]:
    return [
        name
        for name in MERGE_FIELDS
        if getattr(kept, f"{name}_id" if _is_fk(name) else name)
        != getattr(merged, f"{name}_id" if _is_fk(name) else name)
    ]


def _is_fk(name: str) -> bool:
    return isinstance(Person._meta.get_field(name), models.ForeignKey)


def foreign_keys_to_person() -> list[models.ForeignKey]:
    """Every foreign key (and one-to-one) to Person in the project, including the hidden
    ones (related_name="+") and the automatic tables of many-to-many fields.

    PersonMerge.merged is left out: it is the history of this very operation.
    """
    found = []
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if (
                isinstance(field, models.ForeignKey)
                and field.remote_field.model is Person
                and not (model is PersonMerge and field.name == "merged")
            ):
                found.append(field)
    return found


@transaction.atomic
def merge_persons(kept: Person, merged: Person, *, take_from_merged: list[str], by) -> PersonMerge:
    """Merge `merged` into `kept`. Raises MergeError and changes nothing when it cannot."""
    if kept.pk == merged.pk:
        raise MergeError("Une fiche ne peut pas être fusionnée avec elle-même.")
    # Lock both rows in a fixed order so two coordinators merging at once cannot cross.
    locked = {
        p.pk: p
        for p in Person.objects.select_for_update()
        .filter(pk__in=[kept.pk, merged.pk])
        .order_by("pk")
    }
    kept, merged = locked[kept.pk], locked[merged.pk]
    if kept.merged_into_id or merged.merged_into_id:
        raise MergeError("L’une des deux fiches a déjà été fusionnée : action déjà effectuée.")
    unknown = set(take_from_merged) - set(MERGE_FIELDS)
    if unknown:
        raise TypeError(f"Not mergeable: {sorted(unknown)}")

    kept_identity, merged_identity = identity_of(kept), identity_of(merged)
    for name in take_from_merged:
        attname = f"{name}_id" if _is_fk(name) else name
        setattr(kept, attname, getattr(merged, attname))
    refresh_search_name(kept)
    kept.save()

    moved: dict[str, int] = {}
    for field in foreign_keys_to_person():
        queryset = field.model._base_manager.filter(**{field.name: merged})
        if field.model is Person:  # files merged earlier into `merged` now point to `kept`
            queryset = queryset.exclude(pk=kept.pk)
        if (
            isinstance(field, models.OneToOneField)
            and field.model._base_manager.filter(**{field.name: kept}).exists()
        ):
            continue  # kept has its own; the merged file's stays attached to it, not lost
        try:
            with transaction.atomic():
                count = queryset.update(**{field.name: kept})
        except IntegrityError as error:
            raise MergeError(
                f"Fusion impossible : des données de type « {field.model._meta.verbose_name} » "
                "existent dans les deux fiches et ne peuvent pas être réunies."
            ) from error
        if count:
            moved[field.model._meta.label_lower] = (
                moved.get(field.model._meta.label_lower, 0) + count
            )

    merged.merged_into = kept
    merged.save(update_fields=["merged_into", "updated_at"])
    record = PersonMerge.objects.create(
        kept=kept,
        merged=merged,
        kept_identity=kept_identity,
        merged_identity=merged_identity,
        chosen_from_merged=sorted(take_from_merged),
        moved_rows=moved,
        merged_by=by,
    )
    detail = f"Fusion de la fiche n° {merged.pk} dans la fiche n° {kept.pk}"
    log_access(actor=by, obj=kept, action=AccessAction.CHANGE, detail=detail)
    log_access(actor=by, obj=merged, action=AccessAction.CHANGE, detail=detail)
    return record
