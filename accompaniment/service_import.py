"""Import the partners' services from a data·inclusion v1 `services.json` file.

Each service is validated with `data_inclusion.schema.v1.Service`; its `structure_id` must
name a partner organisation (its slug, or `<source>--<slug>`, or a mapping given). A dry
run reports what would change; the real run writes all or nothing, matching on the
data·inclusion `id` (`PartnerService.source_id`). Ages and the RSA flag are derived from
`publics` on creation only (administrators may correct them afterwards in the admin).
"""

import json
from dataclasses import dataclass, field

import pydantic
from data_inclusion.schema.v1 import Public
from data_inclusion.schema.v1.services import Service
from django.db import transaction

from accompaniment.models import PartnerService
from organisations.models import Organisation

YOUTH_AGES = (16, 25)  # "jeunes": the mission locale's public
PUBLIC_LABELS = {public.value: public.label for public in Public}


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def _organisation_for(structure_id, partners, mapping) -> Organisation | None:
    slug = mapping.get(structure_id) or structure_id.split("--")[-1]
    return partners.get(slug)


def _fields(service: Service) -> dict:
    publics = sorted(p.value for p in service.publics or [])
    return {
        "name": service.nom,
        "description": service.description,
        "thematiques": sorted(t.value for t in service.thematiques or []),
        "publics": publics,
        "audience": ", ".join(PUBLIC_LABELS.get(p, p) for p in publics),
        "conditions": "\n".join(
            part for part in [service.conditions_acces, service.publics_precisions] if part
        ),
        "address": " ".join(part for part in [service.adresse, service.complement_adresse] if part)[
            :200
        ],
        "postal_code": service.code_postal or "",
        "city": service.commune or "",
        "contact_email": service.courriel or "",
        "contact_phone": (service.telephone or "")[:20],
    }


def _derived(publics) -> dict:
    derived = {}
    if Public.JEUNES.value in publics:
        derived["min_age"], derived["max_age"] = YOUTH_AGES
    if Public.BENEFICIAIRES_DES_MINIMAS_SOCIAUX.value in publics:
        derived["for_rsa_recipients"] = True
    return derived


def _parse(raw: bytes | str, mapping, report) -> list[tuple[Organisation, str, dict]]:
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        report.errors.append("Le fichier n’est pas un JSON valide.")
        return []
    if not isinstance(data, list):
        report.errors.append("Le fichier doit contenir une liste de services.")
        return []
    partners = {o.slug: o for o in Organisation.objects.filter(is_partner=True)}
    rows, seen = [], set()
    for index, item in enumerate(data, start=1):
        try:
            service = Service.model_validate(item)
        except pydantic.ValidationError as error:
            for problem in error.errors():
                where = ".".join(str(part) for part in problem["loc"]) or "service"
                report.errors.append(f"Service n° {index} : {where} – {problem['msg']}")
            continue
        organisation = _organisation_for(service.structure_id, partners, mapping)
        if organisation is None:
            report.errors.append(
                f"Service n° {index} ({service.nom}) : la structure « {service.structure_id} » "
                "ne correspond à aucun partenaire."
            )
            continue
        if not service.courriel:
            report.errors.append(
                f"Service n° {index} ({service.nom}) : pas de courriel, les orientations ne "
                "pourraient pas lui être envoyées."
            )
            continue
        if service.id in seen:
            report.errors.append(f"Service n° {index} : identifiant « {service.id} » en double.")
            continue
        seen.add(service.id)
        rows.append((organisation, service.id, _fields(service)))
    return rows


def import_services(raw, *, dry_run: bool, mapping=None) -> ImportReport:
    """Validate everything, then (not in a dry run, and only without any error) write."""
    report = ImportReport()
    rows = _parse(raw, mapping or {}, report)
    existing = set(
        PartnerService.objects.filter(source_id__in=[r[1] for r in rows]).values_list(
            "source_id", flat=True
        )
    )
    for _organisation, source_id, values in rows:
        label = f"{values['name']} ({source_id})"
        (report.updated if source_id in existing else report.created).append(label)
    if dry_run or report.errors:
        return report
    with transaction.atomic():
        for organisation, source_id, values in rows:
            service = PartnerService.objects.select_for_update().filter(source_id=source_id).first()
            if service is None:
                PartnerService.objects.create(
                    organisation=organisation,
                    source_id=source_id,
                    **values,
                    **_derived(values["publics"]),
                )
            else:
                for name, value in {"organisation": organisation, **values}.items():
                    setattr(service, name, value)
                service.save()
    report.applied = True
    return report
