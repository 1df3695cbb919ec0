"""The access log: every read of a person's data writes one row (who, when, which people).

The one API other apps call:

- `log_reads(request, objects, what="…")` in a view, once per page that shows people: a
  file, a list, search results, a queue, an export. `objects` may be persons, rows that
  carry a `person_id` (visits, requests, hand-offs…), plain ids, or a mix; one row lists
  every person id shown (an empty list still records that the page was opened).
- `log_access(actor=…, obj=…, action=…, detail=…)` in a service, for a change
  (`AccessAction.CHANGE`) or an export of one object.

No personal data in `what` / `detail` (they are labels: "Recherche", "Fiche").
"""

from collections.abc import Iterable

from audit.models import AccessAction, AccessLog


def _actor_label(actor) -> str:
    return f"{actor.get_full_name()} <{actor.email}>"[:200]


def person_ids_of(objects) -> list[int]:
    """The person ids behind persons, rows carrying `person_id` / `person`, or ids."""
    from people.models import Person

    if objects is None:
        return []
    if isinstance(objects, (Person, int, str)) or hasattr(objects, "person_id"):
        objects = [objects]
    ids = []
    for item in objects:
        if isinstance(item, Person):
            pk = item.pk
        elif isinstance(item, int):
            pk = item
        elif isinstance(item, str) and item.isdigit():
            pk = int(item)
        elif isinstance(item, dict):
            pk = item.get("person_id")  # e.g. a row of an import's plan
        elif isinstance(getattr(item, "person", None), Person):
            pk = item.person.pk  # e.g. a likely duplicate
        else:
            pk = getattr(item, "person_id", None)
        if pk is not None and pk not in ids:
            ids.append(pk)
    return ids


def log_access(
    *, actor, obj, action: str = AccessAction.READ, detail: str = "", person_ids=None
) -> AccessLog:
    """Write one line of the access log about one object. No personal data in `detail`."""
    from people.models import Person

    if person_ids is None:
        person_ids = (
            person_ids_of(obj) if isinstance(obj, Person) or hasattr(obj, "person_id") else []
        )
    return AccessLog.objects.create(
        actor=actor,
        actor_label=_actor_label(actor),
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        person_ids=list(person_ids),
        detail=detail[:200],
    )


def log_reads(
    request, objects: Iterable = (), *, what: str, action: str = AccessAction.READ
) -> AccessLog:
    """One access-log row for one page view showing people (see the module's docstring).

    `request` may also be a user (management commands, jobs).
    """
    user = getattr(request, "user", request)
    ids = person_ids_of(objects)
    match = getattr(request, "resolver_match", None)
    page = match.view_name if match is not None else ""
    if len(ids) == 1:
        object_type, object_id = "people.person", str(ids[0])
    else:
        object_type, object_id = "page", page[:40]
    return AccessLog.objects.create(
        actor=user,
        actor_label=_actor_label(user),
        action=action,
        object_type=object_type,
        object_id=object_id,
        person_ids=ids,
        detail=what[:200],
    )


def access_history_of(person_id: int):
    """Every access-log row that names this person, newest first (GIN index on person_ids)."""
    return AccessLog.objects.filter(person_ids__contains=[person_id]).order_by("-at", "-pk")
