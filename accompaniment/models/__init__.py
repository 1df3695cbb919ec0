from accompaniment.models.core import (
    Accompaniment,
    Action,
    Diagnosis,
    DiagnosisDimension,
    Objective,
    PartnerContact,
    Step,
)
from accompaniment.models.orientation import (
    LinkOpening,
    Orientation,
    OrientationEvent,
    OrientationLink,
    PartnerService,
)

__all__ = [
    "Accompaniment",
    "Action",
    "Diagnosis",
    "DiagnosisDimension",
    "LinkOpening",
    "Objective",
    "Orientation",
    "OrientationEvent",
    "OrientationLink",
    "PartnerContact",
    "PartnerService",
    "Step",
]
