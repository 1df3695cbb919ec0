"""Needs of a request, taken from the national thematiques list of data·inclusion.

The codes and their French labels come from the installed `data-inclusion-schema`
package (`Categorie`, `Thematique`); we only choose which ones the form offers:
the top-level families, plus the sub-themes useful to an integration service
(employment, training, language, digital, housing, mobility, childcare, rights,
access to care). Health sub-themes that would record a diagnosis (mental health,
addictions, sexual health, disability file) are deliberately not offered: the
CNIL referential forbids recording health details in a request.
"""

from functools import cache

from data_inclusion.schema.v1 import Categorie, Thematique

# Families whose sub-themes the form offers.
DETAILED_FAMILIES = (
    Categorie.TROUVER_UN_EMPLOI,
    Categorie.PREPARER_SA_CANDIDATURE,
    Categorie.CHOISIR_UN_METIER,
    Categorie.SE_FORMER,
    Categorie.LECTURE_ECRITURE_CALCUL,
    Categorie.NUMERIQUE,
    Categorie.LOGEMENT_HEBERGEMENT,
    Categorie.MOBILITE,
    Categorie.DIFFICULTES_ADMINISTRATIVES_OU_JURIDIQUES,
)
# Single sub-themes offered from families that are otherwise offered only as a whole.
EXTRA_SUB_THEMES = (
    Thematique.FAMILLE__GARDE_DENFANTS,
    Thematique.SANTE__ACCES_AUX_SOINS,
)


@cache
def need_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices for a form: one group per family, the family itself first."""
    extra_by_family = {}
    for theme in EXTRA_SUB_THEMES:
        extra_by_family.setdefault(theme.value.split("--")[0], []).append(theme)
    groups = []
    for family in Categorie:
        options = [(family.value, f"{family.label} (en général)")]
        if family in DETAILED_FAMILIES:
            options += [
                (theme.value, theme.label)
                for theme in Thematique
                if theme.value.startswith(f"{family.value}--")
            ]
        else:
            options += [
                (theme.value, theme.label) for theme in extra_by_family.get(family.value, [])
            ]
        groups.append((family.label, options))
    return groups


@cache
def allowed_codes() -> frozenset[str]:
    return frozenset(code for _, options in need_choices() for code, _ in options)


@cache
def _labels() -> dict[str, str]:
    labels = {family.value: family.label for family in Categorie}
    labels.update({theme.value: theme.label for theme in Thematique})
    return labels


def need_label(code: str) -> str:
    """The French label of a code; an unknown (retired) code is shown as is."""
    return _labels().get(code, code)
