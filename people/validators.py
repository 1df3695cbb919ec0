"""Rules on the person's situation, shared by the form and the service."""

from django.core.exceptions import ValidationError

from people.models import Mobility, Resource


def validate_resources(codes) -> None:
    unknown = set(codes) - set(Resource.values)
    if unknown:
        raise ValidationError(f"Ressource inconnue : {', '.join(sorted(unknown))}.")
    if Resource.NONE in codes and len(set(codes)) > 1:
        raise ValidationError(
            "« Aucune ressource » ne peut pas être cochée avec une autre ressource."
        )


def validate_mobility(codes) -> None:
    unknown = set(codes) - set(Mobility.values)
    if unknown:
        raise ValidationError(f"Mobilité inconnue : {', '.join(sorted(unknown))}.")
    if Mobility.PUBLIC_TRANSPORT_ONLY in codes and Mobility.VEHICLE in codes:
        raise ValidationError(
            "« Transports en commun seulement » ne peut pas être cochée avec « Véhicule »."
        )
