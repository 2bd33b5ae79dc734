"""The workflow's edit rule on forms that choose their parent: a citation's claim, a block's explainer.

`has_change_permission` checks the row as stored; a form that picks (or moves to) another parent is
checked here too, so nobody adds to an explainer they may not edit by choosing it in a form.
"""

from django.core.exceptions import ValidationError


class ParentRuleMixin:
    parent_field: str
    refusal = "You may not edit “{parent}” in its current state, so nothing can be added to it here."

    def parent_editable(self, parent, user) -> bool:
        raise NotImplementedError

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        name, user, admin, refusal = self.parent_field, request.user, self, self.refusal

        def clean(self):
            cleaned = form.clean(self)
            parent = cleaned.get(name)
            if parent is not None and not admin.parent_editable(parent, user):
                raise ValidationError(refusal.format(parent=parent), code="not_editable")
            return cleaned

        return type(form.__name__, (form,), {"clean": clean})
