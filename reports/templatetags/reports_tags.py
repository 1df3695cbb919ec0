from django import template

from reports import typography

register = template.Library()


@register.filter
def french_date(value):
    return typography.french_date(value)


@register.filter
def french_text(value):
    return typography.french_text(value or "")
