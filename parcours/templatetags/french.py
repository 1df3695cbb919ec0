"""Template filters for French as people read it (see `parcours.french`).

{% load french %}
Demande {{ person.first_name|de }}        -> Demande d’Inès / Demande de Hamid
horaires {{ site.name|de }}               -> horaires d’Espace 40
{{ centre.name|elide:"le" }}              -> l’Espéranto
{{ person|born }} le 03/04/1990           -> née / né / né·e
"""

from django import template

from parcours import french

register = template.Library()


@register.filter
def de(value):
    """ "de" before the value, elided before a vowel or a mute h."""
    return french.de(value)


@register.filter
def elide(value, article="de"):
    """Any elidable word before the value: `{{ name|elide:"que" }}`."""
    return french.elide(article, value)


@register.filter
def born(person):
    """ "né", "née", or "né·e" when the sex is not recorded."""
    return french.agreed("né", "née", getattr(person, "sex", ""))


@register.filter
def agree(person, forms):
    """`{{ person|agree:"inscrit,inscrite" }}`: the form that matches the recorded sex."""
    masculine, _, feminine = forms.partition(",")
    return french.agreed(masculine, feminine, getattr(person, "sex", ""))


@register.simple_tag
def role_recipient(role, centre_name=""):
    """`{% role_recipient to_role centre_name %}` -> "la coordination de Grand Air"."""
    return french.role_recipient(role, centre_name)
