"""Turns an admin change page into the POST data a browser would send back unchanged."""


def _is_checkbox(bound_field) -> bool:
    return getattr(bound_field.field.widget, "input_type", "") == "checkbox"


def _form_data(form, data: dict) -> None:
    for bound_field in form:
        value = bound_field.value()
        if _is_checkbox(bound_field):
            if value:
                data[bound_field.html_name] = "on"
            continue
        if value is None:
            value = ""
        elif isinstance(value, (list, tuple)):
            value = [str(v) for v in value]
        data[bound_field.html_name] = value


def change_form_data(response) -> dict:
    """All fields of the admin form (and its inlines) as currently shown."""
    context = response.context
    data: dict = {}
    _form_data(context["adminform"].form, data)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        for bound_field in formset.management_form:
            data[bound_field.html_name] = bound_field.value()
        for form in formset.forms:
            _form_data(form, data)
    return data
