from django import template

register = template.Library()


@register.simple_tag
def widget(field):
    """Render a field's widget with its hint and error tied to it (RGAA 11.10)."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
    attrs = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


def _invalid_forms(context):
    """The bound forms of the page that have errors (forms in lists too), in context order.

    A form that should never raise the page's alarm (a filter bar) sets
    `show_error_summary = False`.
    """
    from django.forms import BaseForm

    found, seen = [], set()
    for value in context.flatten().values():
        candidates = value if isinstance(value, list | tuple) else [value]
        for candidate in candidates:
            if (
                isinstance(candidate, BaseForm)
                and candidate.is_bound
                and getattr(candidate, "show_error_summary", True)
                and id(candidate) not in seen
                and candidate.errors
            ):
                seen.add(id(candidate))
                found.append(candidate)
    return found


@register.simple_tag(takes_context=True)
def page_errors(context):
    """For the layout: every error of the page's forms, gathered once (RGAA 11.10).

    The layout shows them as one summary at the top of the main content and prefixes the
    page title with "Erreur : "; the forms then leave their own summary out.
    """
    errors = []
    for form in _invalid_forms(context):
        errors += [(None, error) for error in form.non_field_errors()]
        for field in form:
            errors += [(field, error) for error in field.errors]
    return errors


@register.filter
def shows_error_summary(form) -> bool:
    """A form with errors that raises the alarm (filter bars do not: their field says it)."""
    return bool(form.errors) and getattr(form, "show_error_summary", True)
